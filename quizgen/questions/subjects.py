"""What questions are about: a fact file's facts and people, with the variables their templates see."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from quizgen.model import POSITION_LABELS, POSITION_VERBS, Fact, FactFile, Location, Party, Source
from quizgen.questions.rendering import QuestionEnvironment


@dataclass(frozen=True, slots=True)
class Subject:
    id: str
    """The fact id, or ``person:<id>``."""
    kind: str
    """The subject kind whose templates apply: a fact's kind, or person."""
    variables: dict[str, Any]
    """What its templates see (see docs/question-templates.md), made by ``QuestionEnvironment.variables``."""
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    location: Location | None
    """Where a fact starts in its file; None for a person."""


def subjects(fact_file: FactFile, environment: QuestionEnvironment) -> Iterator[Subject]:
    """The facts, then the people, of ``fact_file`` in file order."""
    lookup = _Lookup(fact_file)
    every_kind = environment.variables(
        {
            "file": fact_file,
            "party": lookup.party,
            "position_label": POSITION_LABELS,
            "position_verb": POSITION_VERBS,
        }
    )
    for fact in fact_file.facts:
        yield Subject(
            fact.id,
            fact.kind,
            {**every_kind, "fact": fact, **_fact_variables(lookup, fact)},
            _merge(fact_file.tags, fact.tags),
            lookup.sources(fact.sources),
            fact.location,
        )
    for person in fact_file.people:
        organisation = lookup.party(person.organisation) if person.organisation else None
        yield Subject(
            f"person:{person.id}",
            "person",
            {**every_kind, "person": person, "organisation": organisation},
            fact_file.tags,
            lookup.sources(person.sources),
            None,
        )


def _fact_variables(lookup: _Lookup, fact: Fact) -> dict[str, Any]:
    if fact.kind == "quote":
        return {"speaker": lookup.party(fact.speaker)}  # type: ignore[union-attr]
    if fact.kind == "event":
        return {"participants": [lookup.party(p) for p in fact.participants]}  # type: ignore[union-attr]
    if fact.kind == "vote":
        voted = {position: [lookup.party(p) for p in ids] for position, ids in fact.voted}  # type: ignore[union-attr]
        return {"voted": voted, "counts": dict(fact.counts)}  # type: ignore[union-attr]
    return {}


def _merge(*tag_lists: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag for tags in tag_lists for tag in tags))


class _Lookup:
    """The file's parties and sources by id: ``FactFile.party`` and ``FactFile.source`` search a list."""

    def __init__(self, fact_file: FactFile) -> None:
        self._fact_file = fact_file
        # The first of an id wins, and people come before organisations, as in FactFile.party.
        self._parties: dict[str, Party] = {}
        for person in fact_file.people:
            self._parties.setdefault(person.id, person)
        for organisation in fact_file.organisations:
            self._parties.setdefault(organisation.id, organisation)
        self._sources: dict[str, Source] = {}
        for source in fact_file.sources:
            self._sources.setdefault(source.id, source)

    def party(self, party_id: str) -> Party:
        """``FactFile.party(party_id)``; an id it does not know fails there, as it always did."""
        found = self._parties.get(party_id) if isinstance(party_id, str) else None
        return found if found is not None else self._fact_file.party(party_id)

    def sources(self, source_ids: tuple[str, ...]) -> tuple[Source, ...]:
        return tuple(self._sources[source_id] for source_id in source_ids)
