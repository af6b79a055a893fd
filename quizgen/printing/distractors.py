"""Wrong answers for multiple-choice and true/false items, taken from the fact file itself, by answer type."""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from quizgen.model import Event, FactFile, PartialDate, Quote, Vote, format_number
from quizgen.questions import Answer, Question
from quizgen.questions.filters import join_names

Candidate = tuple[object, "str | Answer | PartialDate"]
"""A possible wrong answer: its comparable value, and its display text, or the answer of another question
or a date to write like the right answer. Writing is deferred to when a candidate is picked: it is the
costly part, and only a few candidates are ever picked."""
Tier = Sequence[Candidate]
"""Candidates of one preference level."""


def fold_quotes_and_case(text: str) -> str:
    """Curly quotes made straight, case folded, runs of whitespace made one space: two texts a reader would
    take for the same answer come out equal. (Not ``quizgen.sources.normalise``, which folds more for the
    quote check: dashes and compatibility characters too.)"""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def template_base(question: Question) -> str:
    """The template id without its repetition key: ``vote.count`` for ``vote.count.in_favour``."""
    return ".".join(question.template_id.split(".")[:2])


@dataclass(frozen=True)
class Distractors:
    """Finds wrong answers for one fact file, given all the questions generated from it."""

    fact_file: FactFile
    questions: Sequence[Question]

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
            "date": lambda: [self._file_dates.get(_precision(answer.value), []), _nearby_dates(answer.value)],
            "number": lambda: [_nearby_numbers(answer)],
            "place": lambda: [self._places],
            "role": lambda: [self._roles],
            "body": lambda: [self._bodies],
        }
        same_template = self._answers_by_template.get((answer.type, template_base(question)), [])
        # Free-text answers to other templates would stand out among the options.
        any_template = self._answers_by_type.get(answer.type, []) if answer.type != "text" else []
        return [same_template, *tiers.get(answer.type, list)(), any_template]

    @cached_property
    def _answers_by_template(self) -> dict[tuple[str, str], list[Candidate]]:
        by_template: dict[tuple[str, str], list[Candidate]] = {}
        for q in self.questions:
            if q.style == "basic":
                key = (q.answer.type, template_base(q))
                by_template.setdefault(key, []).append((q.answer.value, q.answer))
        return by_template

    @cached_property
    def _answers_by_type(self) -> dict[str, list[Candidate]]:
        by_type: dict[str, list[Candidate]] = {}
        for (answer_type, _), candidates in self._answers_by_template.items():
            by_type.setdefault(answer_type, []).extend(candidates)
        return by_type

    @cached_property
    def _roles(self) -> list[Candidate]:
        return [(p.role, p.role) for p in self.fact_file.people]

    @cached_property
    def _speakers(self) -> tuple[list[Candidate], list[Candidate]]:
        """Who is quoted in the file: (people, organisations)."""
        ids = dict.fromkeys(f.speaker for f in self.fact_file.facts if isinstance(f, Quote))
        person_ids = {p.id for p in self.fact_file.people}
        speakers: list[Candidate] = [(i, self.fact_file.party(i).name) for i in ids]
        people = [s for s in speakers if s[0] in person_ids]
        return people, [s for s in speakers if s[0] not in person_ids]

    @cached_property
    def _people(self) -> list[Candidate]:
        return [(p.id, p.name) for p in self.fact_file.people]

    @cached_property
    def _organisations(self) -> list[Candidate]:
        return [(o.id, o.name) for o in self.fact_file.organisations]

    @cached_property
    def _voter_groups(self) -> list[Candidate]:
        groups = (ids for f in self.fact_file.facts if isinstance(f, Vote) for _, ids in f.voted)
        return [(ids, join_names([self.fact_file.party(i) for i in ids])) for ids in groups]

    @cached_property
    def _places(self) -> list[Candidate]:
        return [(f.place, f.place) for f in self.fact_file.facts if isinstance(f, Quote | Event) and f.place]

    @cached_property
    def _bodies(self) -> list[Candidate]:
        bodies: list[Candidate] = [(f.body, f.body) for f in self.fact_file.facts if isinstance(f, Vote)]
        return bodies + [(o.name, o.name) for o in self.fact_file.organisations if o.type != "country"]

    @cached_property
    def _file_dates(self) -> dict[int, list[Candidate]]:
        """The dates of the file's facts, by precision (year, month or day)."""
        by_precision: dict[int, list[Candidate]] = {}
        dates = (f.date for f in self.fact_file.facts if isinstance(f, Quote | Event | Vote) and f.date)
        for date in dict.fromkeys(dates):
            by_precision.setdefault(_precision(date), []).append((date, date))
        return by_precision


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
    return [(c, _substitute(answer, format_number(value), format_number(c))) for c in candidates]


def _written_like(answer: Answer, raw: str | Answer | PartialDate) -> str | None:
    """A candidate's text, written the way ``answer`` is ("93 votes", "on 3 March 2025"); None if the
    candidate is not comparable (another unit, another date precision)."""
    if isinstance(raw, str):
        return _capitalised_like(answer, raw)
    if isinstance(raw, PartialDate):
        if not isinstance(answer.value, PartialDate) or _precision(raw) != _precision(answer.value):
            return None
        return _substitute(answer, answer.value.human(), raw.human())
    if answer.type not in ("date", "number"):
        return raw.text
    if isinstance(raw.value, PartialDate):
        return _written_like(answer, raw.value)
    if isinstance(answer.value, int | float) and isinstance(raw.value, int | float):
        if _unit(answer) != _unit(raw):
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


def _unit(answer: Answer) -> str:
    assert isinstance(answer.value, int | float)
    return fold_quotes_and_case(answer.text.replace(format_number(answer.value), "", 1))


def _substitute(answer: Answer, old: str, new: str) -> str:
    return re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, answer.text, count=1) if old in answer.text else new


def _precision(date: object) -> int:
    if not isinstance(date, PartialDate):
        return -1
    return (date.month is not None) + (date.day is not None)


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
