"""Generate questions from a fact file by running each subject through its kind's question templates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2

from quizgen.errors import Problem, QuizgenError
from quizgen.model import FactFile
from quizgen.questions.model import Answer, Question
from quizgen.questions.subjects import Subject, subjects
from quizgen.questions.templates import QuestionTemplate, TemplateSet, load_templates


def iter_questions(fact_file: FactFile, template_dirs: Sequence[Path] = ()) -> Iterator[Question]:
    """Every question the templates make of the file's facts and people, in file order, one at a time.

    The templates are read when this is called: a problem in a template file raises QuizgenError here,
    before any question. A template that fails on a fact does not stop the questions: its failures are
    collected and raised together as one QuizgenError when the iterator is exhausted, after the last
    question. So read to the end before writing anything made from the questions.
    """
    return _questions(fact_file, load_templates(template_dirs))


def generate_questions(fact_file: FactFile, template_dirs: Sequence[Path] = ()) -> list[Question]:
    """Every question ``iter_questions`` yields, as a list; its QuizgenError if a template failed."""
    return list(iter_questions(fact_file, template_dirs))


def _questions(fact_file: FactFile, templates: TemplateSet) -> Iterator[Question]:
    problems: list[Problem] = []
    for subject in subjects(fact_file, templates.environment):
        for template in templates.by_kind[subject.kind]:
            try:
                questions = _apply(template, fact_file.id, subject)
            except Exception as exc:  # a project's template can fail in any way: report it, never a traceback
                problems.append(_failure(fact_file, subject, template, exc))
                continue
            yield from questions
    if problems:
        raise QuizgenError(problems)


def _apply(template: QuestionTemplate, file_id: str, subject: Subject) -> list[Question]:
    if template.when is not None and not template.when.evaluate(subject.variables):
        return []
    return [
        _question(template, file_id, subject, template.id + suffix, variables)
        for suffix, variables in _items(template, subject.variables)
    ]


def _items(template: QuestionTemplate, variables: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The template id suffix and the variables of each question: one, or one per item with each and key."""
    if template.each is None or template.key is None:
        return [("", variables)]
    items = []
    for index, item in enumerate(template.each.evaluate(variables)):
        item_variables = {**variables, "item": item, "index": index}
        items.append((f".{template.key.evaluate(item_variables)}", item_variables))
    return items


def _question(
    template: QuestionTemplate, file_id: str, subject: Subject, template_id: str, variables: dict[str, Any]
) -> Question:
    return Question(
        uid=f"{file_id}/{subject.id}/{template_id}",
        subject_id=subject.id,
        subject_kind=template.kind,
        template_id=template_id,
        style=template.style,
        prompt=template.prompt.render(variables),
        answer=Answer(
            text=template.answer.render(variables),
            type=template.answer_type,
            value=_defined(template.answer_value.evaluate(variables)),
        ),
        context=template.context.render(variables) if template.context else "",
        sources=subject.sources,
        tags=subject.tags,
    )


def _defined(value: Any) -> Any:
    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()
    return value


def _failure(fact_file: FactFile, subject: Subject, template: QuestionTemplate, exc: Exception) -> Problem:
    why = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    return Problem(
        fact_file.path,
        subject.location.line if subject.location else 0,
        subject.location.column if subject.location else 0,
        subject.id,
        f"question template {template.id} failed: {why}",
        "expected templates that only use the documented variables and filters",
    )
