"""Question templates: how a fact becomes questions. One YAML file per subject kind, with Jinja inside.

The built-in files live in ``quizgen/questions/builtin/``. A project can pass folders of its own; a file
there named after a kind (``quote.yaml``) adds templates, replaces a built-in one with the same ``id``, or
switches one off with ``enabled: false``. See docs/question-templates.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import yaml

from quizgen.errors import Problem, QuizgenError
from quizgen.loading.reader import Fields, Reader
from quizgen.loading.yaml_nodes import compose_file
from quizgen.overrides import override_files
from quizgen.questions.model import ANSWER_TYPES
from quizgen.questions.rendering import Expression, QuestionEnvironment, TextTemplate

SUBJECT_KINDS = ("quote", "event", "vote", "question", "cloze", "person")
TEMPLATE_KEYS = ("id", "style", "prompt", "answer", "answer_type", "answer_value")
OPTIONAL_KEYS = ("when", "each", "key", "context", "enabled")
BOOL = "tag:yaml.org,2002:bool"


@dataclass(frozen=True)
class QuestionTemplate:
    kind: str
    name: str
    style: str
    prompt: TextTemplate
    answer: TextTemplate
    answer_type: str
    answer_value: Expression
    context: TextTemplate | None
    when: Expression | None
    each: Expression | None
    key: Expression | None

    @property
    def id(self) -> str:
        return f"{self.kind}.{self.name}"


@dataclass(frozen=True)
class TemplateSet:
    """The templates for each subject kind, and the environment they were compiled in."""

    environment: QuestionEnvironment
    by_kind: dict[str, list[QuestionTemplate]]


def load_templates(extra_dirs: Sequence[Path] = ()) -> TemplateSet:
    """The templates for each subject kind: built-ins, then each extra folder's additions and overrides."""
    env = QuestionEnvironment()
    reader_problems: list[Problem] = []
    by_kind: dict[str, dict[str, QuestionTemplate | None]] = {kind: {} for kind in SUBJECT_KINDS}
    builtin = resources.files("quizgen.questions") / "builtin"
    with resources.as_file(builtin) as builtin_dir:
        folders = [_template_files(builtin_dir, reader_problems)]
        for folder in extra_dirs:
            try:
                folders.append(_template_files(folder, reader_problems))
            except QuizgenError as exc:  # the folder does not exist
                reader_problems.extend(exc.problems)
        for files in folders:
            for kind in SUBJECT_KINDS:
                if kind in files:
                    _read_template_file(files[kind], kind, env, by_kind[kind], reader_problems)
    if reader_problems:
        raise QuizgenError(reader_problems)
    return TemplateSet(
        env,
        {kind: [t for t in templates.values() if t is not None] for kind, templates in by_kind.items()},
    )


def _template_files(folder: Path, problems: list[Problem]) -> dict[str, Path]:
    """The question template files of ``folder`` by subject kind; unknown file names go to ``problems``."""
    files, unknown = override_files(folder, [f"{kind}.yaml" for kind in SUBJECT_KINDS], "question template")
    problems.extend(unknown)
    return {Path(name).stem: path for name, path in files.items()}


def _read_template_file(
    path: Path,
    kind: str,
    env: QuestionEnvironment,
    templates: dict[str, QuestionTemplate | None],
    problems: list[Problem],
) -> None:
    reader = Reader(path)
    try:
        root = compose_file(path)
    except QuizgenError as exc:
        problems.extend(exc.problems)
        return
    for item_path, node in reader.items(root, "", "question templates"):
        fields = reader.fields(node, item_path, ("id",), TEMPLATE_KEYS[1:] + OPTIONAL_KEYS)
        if fields is None:
            continue
        name = fields.identifier("id")
        if not _enabled(reader, fields):
            templates[name] = None
            continue
        template = _compile(reader, fields, kind, name, env)
        if template is not None:
            templates[name] = template
    problems.extend(reader.problems)


def _enabled(reader: Reader, fields: Fields) -> bool:
    node = fields.get("enabled")
    if node is None:
        return True
    if isinstance(node, yaml.ScalarNode) and node.tag == BOOL:
        return str(node.value).lower() in ("true", "yes", "on")
    reader.error(
        node, fields.path("enabled"), "is not true or false", "expected enabled: false, or no enabled key"
    )
    return True


def _compile(
    reader: Reader, fields: Fields, kind: str, name: str, env: QuestionEnvironment
) -> QuestionTemplate | None:
    for key in TEMPLATE_KEYS[1:]:
        if fields.get(key) is None:
            reader.error(
                fields.node, fields.path(key), "is missing", f"expected a value for required key {key!r}"
            )
    style, answer_type = fields.text("style"), fields.text("answer_type")
    if style and style not in ("basic", "cloze"):
        reader.error(
            fields.values["style"],
            fields.path("style"),
            f"unknown style {style!r}",
            "expected basic or cloze",
        )
    if answer_type and answer_type not in ANSWER_TYPES:
        reader.error(
            fields.values["answer_type"],
            fields.path("answer_type"),
            f"unknown answer type {answer_type!r}",
            f"expected one of: {', '.join(ANSWER_TYPES)}",
        )
    if (fields.get("each") is None) != (fields.get("key") is None):
        reader.error(fields.node, fields.path("each"), "each and key go together", "expected both or neither")

    def compiled(key: str, expression: bool) -> Any:
        source = fields.text(key)
        if not source:
            return None
        try:
            return env.expression(source) if expression else env.text_template(source)
        except jinja2.TemplateSyntaxError as exc:
            reader.error(
                fields.values[key], fields.path(key), f"invalid Jinja: {exc.message}", "expected valid Jinja"
            )
            return None

    parts = {key: compiled(key, expression=False) for key in ("prompt", "answer", "context")}
    parts.update({key: compiled(key, expression=True) for key in ("answer_value", "when", "each", "key")})
    if (
        any(parts[key] is None for key in ("prompt", "answer", "answer_value"))
        or not style
        or not answer_type
    ):
        return None
    return QuestionTemplate(
        kind=kind,
        name=name,
        style=style,
        prompt=parts["prompt"],
        answer=parts["answer"],
        answer_type=answer_type,
        answer_value=parts["answer_value"],
        context=parts["context"],
        when=parts["when"],
        each=parts["each"],
        key=parts["key"],
    )
