"""The fact-file model: plain, immutable typed objects.

Every later stage (question generation, Anki and print renderers) works on these objects only. Nothing here
knows about YAML, genanki or Typst; the loader in ``quizgen.loading`` builds them from validated input.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

MONTH_NAMES = tuple(calendar.month_name)[1:]

CLOZE_DELETION = re.compile(r"\{\{c([1-9]\d*)::(.+?)(?:::(.+?))?\}\}", re.DOTALL)
"""An Anki cloze deletion: groups are its number, the deleted text and the optional hint."""


@functools.total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day. Orders chronologically (less precise first)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def _sort_key(self) -> tuple[int, int, int]:
        # An unknown month or day sorts before every known one (months and days start at 1).
        return (self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def human(self) -> str:
        """'19 February 2025', 'February 2025' or '2025'."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, slots=True)
class Location:
    """Where a record starts in its fact file, for messages about it after loading."""

    path: Path
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str = ""
    published: PartialDate | None = None
    url: str = ""
    file: str = ""
    note: str = ""

    def citation(self) -> str:
        """A one-line citation: title, publisher, date and URL as far as known."""
        parts = [f"“{self.title}”"]
        if self.publisher:
            parts.append(self.publisher)
        if self.published:
            parts.append(self.published.human())
        if self.url:
            parts.append(self.url)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    type: str = ""
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    role: str
    organisation: str = ""
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note: str = ""


Party = Person | Organisation


@dataclass(frozen=True, slots=True)
class FactBase:
    """What every fact has. ``sources`` holds source ids; ``tags`` the fact's own tags only."""

    id: str
    sources: tuple[str, ...]
    tags: tuple[str, ...] = ()
    note: str = ""
    context: str = ""
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Quote(FactBase):
    speaker: str = ""
    text: str = ""
    date: PartialDate | None = None
    occasion: str = ""
    place: str = ""

    kind = "quote"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A measured number: ``of`` is a noun phrase ("the talks"), ``value`` 4.5, ``unit`` "hours"."""

    of: str
    value: int | float
    unit: str

    def display(self) -> str:
        return f"{format_number(self.value)} {self.unit}"


def format_number(value: int | float) -> str:
    """4.5 -> '4.5', 3.0 -> '3', 1234567.5 -> '1234567.5': as a person writes it, never in exponent form."""
    if isinstance(value, int) or value.is_integer():
        return str(int(value))
    return f"{value:f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class Event(FactBase):
    summary: str = ""
    date: PartialDate | None = None
    place: str = ""
    participants: tuple[str, ...] = ()
    quantities: tuple[Quantity, ...] = ()

    kind = "event"


VOTE_POSITIONS = ("in_favour", "against", "abstaining", "not_voting")
POSITION_LABELS = {
    "in_favour": "in favour",
    "against": "against",
    "abstaining": "abstaining",
    "not_voting": "not voting",
}
POSITION_VERBS = {
    "in_favour": "voted in favour",
    "against": "voted against",
    "abstaining": "abstained",
    "not_voting": "did not vote",
}


@dataclass(frozen=True, slots=True)
class Vote(FactBase):
    body: str = ""
    motion: str = ""
    description: str = ""
    date: PartialDate | None = None
    counts: tuple[tuple[str, int], ...] = ()
    """(position, count) pairs in VOTE_POSITIONS order; a count the source does not give is absent."""
    voted: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(position, party ids) pairs in VOTE_POSITIONS order."""

    kind = "vote"

    def count(self, position: str) -> int | None:
        return dict(self.counts).get(position)


@dataclass(frozen=True, slots=True)
class FreeQuestion(FactBase):
    question: str = ""
    answer: str = ""

    kind = "question"


@dataclass(frozen=True, slots=True)
class Cloze(FactBase):
    text: str = ""

    kind = "cloze"


Fact = Quote | Event | Vote | FreeQuestion | Cloze
FACT_KINDS = ("quote", "event", "vote", "question", "cloze")


@dataclass(frozen=True, slots=True)
class FactFile:
    path: Path
    format: int
    id: str
    title: str
    deck: str
    language: str
    as_of: PartialDate
    tags: tuple[str, ...]
    sources: tuple[Source, ...]
    organisations: tuple[Organisation, ...]
    people: tuple[Person, ...]
    facts: tuple[Fact, ...]

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def party(self, party_id: str) -> Party:
        """The person or organisation with this id (people and organisations share one namespace)."""
        for person in self.people:
            if person.id == party_id:
                return person
        return next(o for o in self.organisations if o.id == party_id)
