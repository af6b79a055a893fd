"""Wrong answers for multiple-choice and true/false items, taken from the fact file itself, by answer type."""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass

from quizgen.model import Event, FactFile, PartialDate, Quote, Vote
from quizgen.questions import Answer, Question

Tier = list[tuple[object, str]]
"""Candidate wrong answers as (comparable value, display text), all of one preference level."""


def normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def format_number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Distractors:
    """Finds wrong answers for one fact file, given all the questions generated from it."""

    fact_file: FactFile
    questions: Sequence[Question]

    def choose(
        self, question: Question, count: int, rng: random.Random, forbidden: Collection[str] = ()
    ) -> list[str] | None:
        """``count`` distinct wrong answers, none equal to the right one or to a ``forbidden`` (normalised)
        text; None when the fact file does not offer enough of them."""
        answer = question.answer
        taken = {normalise(answer.text), *forbidden}
        chosen: list[str] = []
        for tier in self._tiers(question):
            rng.shuffle(tier)
            for value, text in tier:
                key = normalise(text)
                if value == answer.value or key in taken or not key:
                    continue
                taken.add(key)
                chosen.append(text)
                if len(chosen) == count:
                    return chosen
        return None

    def _tiers(self, question: Question) -> list[Tier]:
        answer = question.answer
        same_type = self._answers_of_type(question)
        tiers: dict[str, Callable[[], list[Tier]]] = {
            "person": lambda: [self._speakers(people=True), self._people()],
            "organisation": lambda: [self._speakers(people=False), self._organisations()],
            "party": lambda: [
                self._speakers(people=True) + self._speakers(people=False),
                self._people() + self._organisations(),
            ],
            "parties": lambda: [self._voter_groups()],
            "date": lambda: [self._file_dates(answer), self._nearby_dates(answer)],
            "number": lambda: [self._nearby_numbers(answer)],
            "place": lambda: [self._places()],
            "role": lambda: [[(p.role, p.role) for p in self.fact_file.people]],
            "body": lambda: [self._bodies()],
        }
        return [same_type[0], *tiers.get(answer.type, list)(), same_type[1]]

    def _answers_of_type(self, question: Question) -> tuple[Tier, Tier]:
        """Answers of other questions of this type: first from the same template, then from any."""
        answer = question.answer
        base = question.template_id.split(".")[:2]
        same_template: Tier = []
        other: Tier = []
        for q in self.questions:
            if q.answer.type != answer.type or q.style != "basic":
                continue
            text = _with_value(answer, q.answer) if answer.type in ("number", "date") else q.answer.text
            if text is None:
                continue
            (same_template if q.template_id.split(".")[:2] == base else other).append((q.answer.value, text))
        return same_template, other if answer.type != "text" else []

    def _speakers(self, people: bool) -> Tier:
        ids = dict.fromkeys(f.speaker for f in self.fact_file.facts if isinstance(f, Quote))
        person_ids = {p.id for p in self.fact_file.people}
        return [(i, self.fact_file.party(i).name) for i in ids if (i in person_ids) == people]

    def _people(self) -> Tier:
        return [(p.id, p.name) for p in self.fact_file.people]

    def _organisations(self) -> Tier:
        return [(o.id, o.name) for o in self.fact_file.organisations]

    def _voter_groups(self) -> Tier:
        groups = (ids for f in self.fact_file.facts if isinstance(f, Vote) for _, ids in f.voted)
        return [(ids, _join_names([self.fact_file.party(i).name for i in ids])) for ids in groups]

    def _places(self) -> Tier:
        return [(f.place, f.place) for f in self.fact_file.facts if isinstance(f, Quote | Event) and f.place]

    def _bodies(self) -> Tier:
        bodies: Tier = [(f.body, f.body) for f in self.fact_file.facts if isinstance(f, Vote)]
        return bodies + [(o.name, o.name) for o in self.fact_file.organisations if o.type != "country"]

    def _file_dates(self, answer: Answer) -> Tier:
        dates = [f.date for f in self.fact_file.facts if isinstance(f, Quote | Event | Vote) and f.date]
        return _date_tier(answer, dates)

    def _nearby_dates(self, answer: Answer) -> Tier:
        if not isinstance(answer.value, PartialDate):
            return []
        return _date_tier(answer, list(_nearby(answer.value)))

    def _nearby_numbers(self, answer: Answer) -> Tier:
        value = answer.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            return []
        if isinstance(value, int):
            steps = sorted({1, 2, 3, max(1, round(value * 0.1)), max(1, round(value * 0.25))})
        else:
            steps = [0.5, 1.0, 1.5, 2.0]
        candidates = [value + sign * step for step in steps for sign in (1, -1) if value + sign * step > 0]
        tier: Tier = []
        for candidate in candidates:
            text = _substitute(answer, format_number(value), format_number(candidate))
            tier.append((candidate, text))
        return tier


def _with_value(answer: Answer, other: Answer) -> str | None:
    """``other``'s value written the way ``answer`` is written ("93 votes", "on 3 March 2025")."""
    if isinstance(answer.value, PartialDate) and isinstance(other.value, PartialDate):
        if _precision(other.value) != _precision(answer.value):
            return None
        return _substitute(answer, answer.value.human(), other.value.human())
    if isinstance(answer.value, int | float) and isinstance(other.value, int | float):
        if _unit(answer) != _unit(other):
            return None
        return _substitute(answer, format_number(answer.value), format_number(other.value))
    return None


def _unit(answer: Answer) -> str:
    assert isinstance(answer.value, int | float)
    return normalise(answer.text.replace(format_number(answer.value), "", 1))


def _substitute(answer: Answer, old: str, new: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, answer.text, count=1) if old in answer.text else new


def _precision(date: PartialDate) -> int:
    return (date.month is not None) + (date.day is not None)


def _date_tier(answer: Answer, dates: Sequence[PartialDate]) -> Tier:
    if not isinstance(answer.value, PartialDate):
        return []
    right = answer.value
    same = dict.fromkeys(d for d in dates if _precision(d) == _precision(right))
    return [(d, _substitute(answer, right.human(), d.human())) for d in same]


def _nearby(date: PartialDate) -> Iterator[PartialDate]:
    steps = (1, -1, 2, -2, 3, -3, 7, -7)
    if date.month is None:
        yield from (PartialDate(date.year + s) for s in steps[:6])
    elif date.day is None:
        for s in steps[:6]:
            year, month = divmod(date.year * 12 + date.month - 1 + s, 12)
            yield PartialDate(year, month + 1)
    else:
        last_day = calendar.monthrange(date.year, date.month)[1]
        days = (date.day + s for s in steps)
        yield from (PartialDate(date.year, date.month, day) for day in days if 1 <= day <= last_day)


def _join_names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
