"""Wrong answers for multiple-choice and true/false items, taken from the fact file itself, by answer type."""

from __future__ import annotations

import calendar
import itertools
import random
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from quizgen.model import Event, FactFile, PartialDate, Party, Person, Quote, Vote, format_number
from quizgen.printing.answers import (
    AnswerCandidates,
    Candidate,
    fold_quotes_and_case,
    is_number,
    precision,
    unit,
)
from quizgen.printing.sampling import DistinctSample, SeededKeys
from quizgen.questions import Answer, Question
from quizgen.questions.filters import join_names

Tier = Sequence[Candidate]
"""Candidates of one preference level."""


@dataclass(frozen=True)
class Distractors:
    """Finds wrong answers for one fact file: first among the answers of its other questions, then among its
    records, then among nearby values. Of each kind of record it keeps a seeded sample of at most ``size``
    distinct ones: a large file has many more than a quiz can use."""

    fact_file: FactFile
    answers: AnswerCandidates
    size: int
    keys: SeededKeys

    def choose(
        self, question: Question, count: int, rng: random.Random, forbidden: Collection[str] = ()
    ) -> list[str] | None:
        """``count`` distinct wrong answers, none equal to the right one or to a ``forbidden`` text (as
        folded by ``fold_quotes_and_case``); None when the fact file does not offer enough of them."""
        answer = question.answer
        taken = {fold_quotes_and_case(answer.text)}
        chosen: list[str] = []
        for tier in self._tiers(question):
            for value, raw in _random_order(tier, rng):
                if value == answer.value:
                    continue
                text = _written_like(answer, raw)
                key = fold_quotes_and_case(text or "")
                if not key or key in taken or key in forbidden:
                    continue
                taken.add(key)
                chosen.append(text or "")
                if len(chosen) == count:
                    return chosen
        return None

    def _tiers(self, question: Question) -> list[Tier]:
        answer = question.answer
        tiers: dict[str, Callable[[], list[Tier]]] = {
            "person": lambda: [self._speakers[0], self._people],
            "organisation": lambda: [self._speakers[1], self._organisations],
            "party": lambda: [self._speakers[0] + self._speakers[1], self._people + self._organisations],
            "parties": lambda: [self._voter_groups],
            "date": lambda: [self._file_dates.get(precision(answer.value), []), _nearby_dates(answer.value)],
            "number": lambda: [_nearby_numbers(answer)],
            "place": lambda: [self._places],
            "role": lambda: [self._roles],
            "body": lambda: [self._bodies],
        }
        same_template = self.answers.same_template(question)
        # Free-text answers to other templates would stand out among the options.
        any_template = self.answers.same_type(answer) if answer.type != "text" else []
        return [same_template, *tiers.get(answer.type, list)(), any_template]

    def _sample(self, candidates: Iterable[Candidate]) -> list[Candidate]:
        sample = DistinctSample[Candidate](self.size, self.keys)
        for candidate in candidates:
            sample.offer(fold_quotes_and_case(_name(candidate[1])), candidate)
        return sample.items()

    @cached_property
    def _parties(self) -> dict[str, Party]:
        parties = itertools.chain[Party](self.fact_file.people, self.fact_file.organisations)
        return {party.id: party for party in parties}

    @cached_property
    def _roles(self) -> list[Candidate]:
        return self._sample((p.role, p.role) for p in self.fact_file.people)

    @cached_property
    def _speakers(self) -> tuple[list[Candidate], list[Candidate]]:
        """Who is quoted in the file: (people, organisations)."""
        people, organisations = (DistinctSample[Candidate](self.size, self.keys) for _ in range(2))
        for fact in self.fact_file.facts:
            if isinstance(fact, Quote):
                party = self._parties[fact.speaker]
                sample = people if isinstance(party, Person) else organisations
                sample.offer(fold_quotes_and_case(party.name), (party.id, party.name))
        return people.items(), organisations.items()

    @cached_property
    def _people(self) -> list[Candidate]:
        return self._sample((p.id, p.name) for p in self.fact_file.people)

    @cached_property
    def _organisations(self) -> list[Candidate]:
        return self._sample((o.id, o.name) for o in self.fact_file.organisations)

    @cached_property
    def _voter_groups(self) -> list[Candidate]:
        groups = (ids for f in self.fact_file.facts if isinstance(f, Vote) for _, ids in f.voted)
        return self._sample((ids, join_names([self._parties[i] for i in ids])) for ids in groups)

    @cached_property
    def _places(self) -> list[Candidate]:
        facts = self.fact_file.facts
        return self._sample((f.place, f.place) for f in facts if isinstance(f, Quote | Event) and f.place)

    @cached_property
    def _bodies(self) -> list[Candidate]:
        votes = (f.body for f in self.fact_file.facts if isinstance(f, Vote))
        organisations = (o.name for o in self.fact_file.organisations if o.type != "country")
        return self._sample((body, body) for body in itertools.chain(votes, organisations))

    @cached_property
    def _file_dates(self) -> dict[int, list[Candidate]]:
        """The dates of the file's facts, by precision (year, month or day)."""
        by_precision: dict[int, DistinctSample[Candidate]] = {}
        dates = (f.date for f in self.fact_file.facts if isinstance(f, Quote | Event | Vote) and f.date)
        for date in dates:
            sample = by_precision.get(precision(date))
            if sample is None:
                sample = by_precision[precision(date)] = DistinctSample(self.size, self.keys)
            sample.offer(date.iso(), (date, date))
        return {p: sample.items() for p, sample in by_precision.items()}


def _name(raw: str | Answer | PartialDate) -> str:
    if isinstance(raw, PartialDate):
        return raw.iso()
    return raw if isinstance(raw, str) else raw.text


def _random_order(candidates: Tier, rng: random.Random) -> Iterator[Candidate]:
    """The candidates in random order, drawn one by one: cheap when only the first few are wanted."""
    pool = list(candidates)
    while pool:
        index = rng.randrange(len(pool))
        pool[index], pool[-1] = pool[-1], pool[index]
        yield pool.pop()


def _nearby_numbers(answer: Answer) -> list[Candidate]:
    value = answer.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return []
    steps: list[float] | list[int]
    if isinstance(value, int):
        steps = sorted({1, 2, 3, max(1, round(value * 0.1)), max(1, round(value * 0.25))})
    else:
        steps = [0.5, 1.0, 1.5, 2.0]
    candidates = [value + sign * step for step in steps for sign in (1, -1) if value + sign * step > 0]
    if unit(answer):
        # The unit is written for the right number: "1 years" or "3 year" would stand out.
        candidates = [c for c in candidates if (c == 1) == (value == 1)]
    return [(c, _substitute(answer, format_number(value), format_number(c))) for c in candidates]


def _written_like(answer: Answer, raw: str | Answer | PartialDate) -> str | None:
    """A candidate's text, written the way ``answer`` is ("93 votes", "on 3 March 2025"); None if the
    candidate is not comparable (another unit, another date precision)."""
    if isinstance(raw, str):
        return _capitalised_like(answer, raw)
    if isinstance(raw, PartialDate):
        if not isinstance(answer.value, PartialDate) or precision(raw) != precision(answer.value):
            return None
        return _substitute(answer, answer.value.human(), raw.human())
    if answer.type not in ("date", "number"):
        return raw.text
    if isinstance(raw.value, PartialDate):
        return _written_like(answer, raw.value)
    if is_number(answer.value) and is_number(raw.value):
        if unit(answer) != unit(raw):
            return None
        return _substitute(answer, format_number(answer.value), format_number(raw.value))
    return None


def _capitalised_like(answer: Answer, text: str) -> str:
    """ "Special envoy" beside "US Secretary of State": question templates may capitalise a role or place
    that the fact file writes in lower case, and a lone lower-case option would stand out. Names keep
    their own spelling ("the United States")."""
    if answer.type in ("role", "place", "body", "text") and answer.text[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def _substitute(answer: Answer, old: str, new: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, answer.text, count=1) if old in answer.text else new


def _nearby_dates(date: object) -> list[Candidate]:
    """Dates close to ``date``, of the same precision."""
    if not isinstance(date, PartialDate):
        return []
    steps = (1, -1, 2, -2, 3, -3, 7, -7)
    if date.month is None:
        return [(PartialDate(date.year + s), PartialDate(date.year + s)) for s in steps[:6]]
    if date.day is None:
        nearby = []
        for s in steps[:6]:
            year, month = divmod(date.year * 12 + date.month - 1 + s, 12)
            nearby.append(PartialDate(year, month + 1))
        return [(d, d) for d in nearby]
    last_day = calendar.monthrange(date.year, date.month)[1]
    days = (date.day + s for s in steps)
    return [(PartialDate(date.year, date.month, d),) * 2 for d in days if 1 <= d <= last_day]
