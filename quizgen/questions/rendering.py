"""Jinja for question templates: the sandbox they run in, and templates and expressions compiled for it.

A big fact file means hundreds of thousands of renders, so a render here does only what it must.
``jinja2.Template.render`` copies the environment's globals and the given variables into a new dict on
every call; here a subject's variables are made once, globals included (``QuestionEnvironment.variables``),
and shared by every render for that subject. Each render still gets a context of its own, so nothing one
template sets is seen by another.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2
import jinja2.runtime
import jinja2.sandbox

from quizgen.questions.filters import FILTERS


class QuestionEnvironment(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The sandbox question templates run in: plain text out, undefined variables as errors."""

    def __init__(self) -> None:
        # Templates produce plain text; every renderer escapes for its own output format.
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
        self.filters.update(FILTERS)
        self._attribute_safety: dict[tuple[type, str], bool] = {}

    def text_template(self, source: str) -> TextTemplate:
        return TextTemplate(self.from_string(source))

    def expression(self, source: str) -> Expression:
        return Expression(self.compile_expression(source, undefined_to_none=False))

    def variables(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """``values`` over the globals (``range``, ``namespace``, …), merged as ``Template.render`` would.

        Templates and expressions of this environment take their variables from here: they use them as
        they are (a copy extended with more values is fine).
        """
        return {**self.globals, **values}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # The sandbox's verdict depends on the object's type and the attribute's name only (private and
        # internal names, the mutating methods of lists, dicts and sets), so it is worked out once per pair
        # instead of on every attribute a template reads. An object that claims a class other than its type
        # is judged every time, as the sandbox would.
        cls = type(obj)
        if obj.__class__ is not cls:
            return super().is_safe_attribute(obj, attr, value)
        key = (cls, attr)
        safe = self._attribute_safety.get(key)
        if safe is None:
            safe = self._attribute_safety[key] = super().is_safe_attribute(obj, attr, value)
        return safe


class TextTemplate:
    """A compiled template that renders to plain text, its whitespace collapsed."""

    def __init__(self, template: jinja2.Template) -> None:
        self._template = template
        self._new_context = _context_maker(template)

    def render(self, variables: dict[str, Any]) -> str:
        template, context = self._template, self._new_context(variables)
        try:
            text = template.environment.concat(template.root_render_func(context))
        except Exception:
            # As Template.render does: the traceback is rewritten to point into the template.
            template.environment.handle_exception()
        return " ".join(text.split())


class Expression:
    """A compiled expression, evaluated to a value (an Undefined value stays undefined, it is not None)."""

    def __init__(self, expression: jinja2.environment.TemplateExpression) -> None:
        # The template Jinja compiled the expression into, which assigns its value to "result".
        self._template = expression._template
        self._new_context = _context_maker(self._template)

    def evaluate(self, variables: dict[str, Any]) -> Any:
        context = self._new_context(variables)
        for _ in self._template.root_render_func(context):
            pass
        return context.vars["result"]


def _context_maker(template: jinja2.Template) -> Callable[[dict[str, Any]], jinja2.runtime.Context]:
    """What ``template.new_context(variables, shared=True)`` makes, for less: the template's globals (a
    ChainMap, which that lists on every call) are made a dict once, and the rest is looked up once."""
    environment, make_context = template.environment, template.environment.context_class
    name, blocks, template_globals = template.name, template.blocks, dict(template.globals)

    def new_context(variables: dict[str, Any]) -> jinja2.runtime.Context:
        return make_context(environment, variables, name, blocks, globals=template_globals)

    return new_context
