"""Generate questions from a fact file by running each subject through its kind's question templates."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2

from quizgen.errors import Problem, QuizgenError
from quizgen.model import POSITION_LABELS, POSITION_VERBS, Fact, FactFile, Person
from quizgen.questions.model import Answer, Question
from quizgen.questions.templates import QuestionTemplate, load_templates


def generate_questions(fact_file: FactFile, template_dirs: Sequence[Path] = ()) -> list[Question]:
    """Every question the templates make of the file's facts and people, in file order."""
    templates = load_templates(template_dirs)
    questions: list[Question] = []
    problems: list[Problem] = []
    for subject_id, kind, variables, tags, sources in _subjects(fact_file):
        for template in templates[kind]:
            try:
                questions.extend(_apply(template, fact_file, subject_id, variables, tags, sources))
            except Exception as exc:  # a project's template can fail in any way: report it, never a traceback
                where = getattr(variables.get("fact"), "location", None)
                why = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
                problems.append(
                    Problem(
                        fact_file.path,
                        where.line if where else 0,
                        where.column if where else 0,
                        subject_id,
                        f"question template {template.id} failed: {why}",
                        "expected templates that only use the documented variables and filters",
                    )
                )
    if problems:
        raise QuizgenError(problems)
    return questions


def _subjects(
    fact_file: FactFile,
) -> Iterator[tuple[str, str, dict[str, Any], tuple[str, ...], tuple[Any, ...]]]:
    base = {
        "file": fact_file,
        "party": fact_file.party,
        "position_label": POSITION_LABELS,
        "position_verb": POSITION_VERBS,
    }
    for fact in fact_file.facts:
        variables = {**base, "fact": fact, **_fact_variables(fact_file, fact)}
        tags = _merge(fact_file.tags, fact.tags)
        yield fact.id, fact.kind, variables, tags, tuple(fact_file.source(s) for s in fact.sources)
    for person in fact_file.people:
        variables = {**base, "person": person, "organisation": _organisation(fact_file, person)}
        sources = tuple(fact_file.source(s) for s in person.sources)
        yield f"person:{person.id}", "person", variables, fact_file.tags, sources


def _fact_variables(fact_file: FactFile, fact: Fact) -> dict[str, Any]:
    if fact.kind == "quote":
        return {"speaker": fact_file.party(fact.speaker)}  # type: ignore[union-attr]
    if fact.kind == "event":
        return {"participants": [fact_file.party(p) for p in fact.participants]}  # type: ignore[union-attr]
    if fact.kind == "vote":
        voted = {position: [fact_file.party(p) for p in ids] for position, ids in fact.voted}  # type: ignore[union-attr]
        return {"voted": voted, "counts": dict(fact.counts)}  # type: ignore[union-attr]
    return {}


def _organisation(fact_file: FactFile, person: Person) -> Any:
    return fact_file.party(person.organisation) if person.organisation else None


def _merge(*tag_lists: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag for tags in tag_lists for tag in tags))


def _apply(
    template: QuestionTemplate,
    fact_file: FactFile,
    subject_id: str,
    variables: dict[str, Any],
    tags: tuple[str, ...],
    sources: tuple[Any, ...],
) -> Iterator[Question]:
    if template.when is not None and not template.when(**variables):
        return
    items: list[tuple[str, dict[str, Any]]] = [("", variables)]
    if template.each is not None and template.key is not None:
        key = template.key
        items = []
        for index, item in enumerate(template.each(**variables)):
            item_variables = {**variables, "item": item, "index": index}
            items.append((f".{key(**item_variables)}", item_variables))
    for suffix, item_variables in items:
        template_id = template.id + suffix
        yield Question(
            uid=f"{fact_file.id}/{subject_id}/{template_id}",
            subject_id=subject_id,
            subject_kind=template.kind,
            template_id=template_id,
            style=template.style,
            prompt=_render(template.prompt, item_variables),
            answer=Answer(
                text=_render(template.answer, item_variables),
                type=template.answer_type,
                value=_defined(template.answer_value(**item_variables)),
            ),
            context=_render(template.context, item_variables) if template.context else "",
            sources=sources,
            tags=tags,
        )


def _defined(value: Any) -> Any:
    if isinstance(value, jinja2.Undefined):
        value._fail_with_undefined_error()
    return value


def _render(template: jinja2.Template, variables: dict[str, Any]) -> str:
    return " ".join(template.render(**variables).split())
