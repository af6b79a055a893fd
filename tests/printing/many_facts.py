"""A large fact file built in code: facts of every kind, by the thousand, for the quiz pool's bounds."""

from __future__ import annotations

import datetime
from pathlib import Path

from quizgen.model import (
    Cloze,
    Event,
    Fact,
    FactFile,
    FreeQuestion,
    Organisation,
    PartialDate,
    Person,
    Quantity,
    Quote,
    Source,
    Vote,
)

START = datetime.date(2015, 1, 1)
SPEAKERS = 60


def _date(i: int) -> PartialDate:
    """Mostly days, every seventh a month and every thirteenth a year: dates of every precision."""
    day = START + datetime.timedelta(days=3 * i)
    if i % 13 == 0:
        return PartialDate(day.year)
    if i % 7 == 0:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def many_facts(rounds: int) -> FactFile:
    """A fact file with ``rounds`` facts of each kind (about 11 questions a round)."""
    people = tuple(
        Person(id=f"p{i}", name=f"Speaker {i} Name", role=f"Minister for area {i}") for i in range(60)
    )
    organisations = tuple(Organisation(id=f"o{i}", name=f"Assembly {i}", type="body") for i in range(6))
    facts: list[Fact] = []
    for i in range(rounds):
        facts += [
            Quote(
                id=f"quote-{i}",
                sources=("src",),
                speaker=f"p{i % SPEAKERS}",
                text=f"Statement {i} on matter number {i * 7} and its consequences",
                date=_date(i),
                occasion=f"Press briefing {i % 50}",
                place=f"City {i % 45}",
            ),
            Event(
                id=f"event-{i}",
                sources=("src",),
                summary=f"Happening {i} took place",
                date=_date(i + rounds),
                place=f"Town {i % 35}",
                quantities=(Quantity(of="duration", value=i % 11 + 1, unit="hours"),),
            ),
            Vote(
                id=f"vote-{i}",
                sources=("src",),
                body=f"Assembly {i % 6}",
                motion=f"Resolution {i}",
                description=f"concerns topic {i}",
                date=_date(i + 2 * rounds),
                counts=(("in_favour", 100 + i % 37), ("against", 10 + i % 23)),
                voted=(
                    ("in_favour", (f"p{i % SPEAKERS}", f"p{(i + 1) % SPEAKERS}")),
                    ("against", (f"p{(i + 2) % SPEAKERS}",)),
                ),
            ),
            FreeQuestion(
                id=f"free-{i}", sources=("src",), question=f"What is item {i}?", answer=f"Reply {i}"
            ),
            Cloze(id=f"cloze-{i}", sources=("src",), text=f"Sentence {i} hides {{{{c1::word{i}}}}} inside."),
        ]
    return FactFile(
        path=Path("many.yaml"),
        format=1,
        id="many",
        title="Many facts",
        deck="Many",
        language="en",
        as_of=PartialDate(2025, 3),
        tags=("bulk",),
        sources=(Source(id="src", title="A long record"),),
        organisations=organisations,
        people=people,
        facts=tuple(facts),
    )
