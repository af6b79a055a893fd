"""Comparing answers, and the answers of a file's questions kept as wrong options for one another."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TypeGuard

from quizgen.model import PartialDate, format_number
from quizgen.printing.sampling import DistinctSample, SeededKeys
from quizgen.questions import Answer, Question

Candidate = tuple[object, "str | Answer | PartialDate"]
"""A possible wrong answer: its comparable value, and its display text, or the answer of another question
or a date to write like the right answer. Writing is deferred to when a candidate is picked: it is the
costly part, and only a few candidates are ever picked."""


def fold_quotes_and_case(text: str) -> str:
    """Curly quotes made straight, case folded, runs of whitespace made one space: two texts a reader would
    take for the same answer come out equal. (Not ``quizgen.sources.normalise``, which folds more for the
    quote check: dashes and compatibility characters too.)"""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def template_base(question: Question) -> str:
    """The template id without its repetition key: ``vote.count`` for ``vote.count.in_favour``."""
    return _base(question.template_id)


@functools.lru_cache(maxsize=1024)
def _base(template_id: str) -> str:
    return ".".join(template_id.split(".")[:2])


def precision(date: object) -> int:
    """0 for a year, 1 for a month, 2 for a day; -1 for what is not a date."""
    if not isinstance(date, PartialDate):
        return -1
    return (date.month is not None) + (date.day is not None)


def unit(answer: Answer) -> str:
    """What a number's answer says besides the number: "votes" in "93 votes"."""
    assert isinstance(answer.value, int | float)
    return fold_quotes_and_case(answer.text.replace(format_number(answer.value), "", 1))


def is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def comparability(answer: Answer) -> str:
    """What a wrong option must share with ``answer`` to be written like it: a date's precision, a number's
    unit. Options of other answer types only share the type."""
    if answer.type == "date":
        return f"precision {precision(answer.value)}"
    if answer.type == "number" and is_number(answer.value):
        return f"unit {unit(answer)}"
    return ""


class AnswerSamples:
    """The answers of a file's basic questions, offered one question at a time, as wrong options for the
    others: per answer type, comparability and template, a seeded sample of at most ``size`` distinct
    answers (told apart by their folded text), so that memory stays bounded however many questions come."""

    def __init__(self, size: int, keys: SeededKeys) -> None:
        self.size = size
        self._keys = keys
        self._samples: dict[tuple[str, str, str], DistinctSample[Answer]] = {}
        """By (answer type, comparability, template base)."""

    def add(self, question: Question) -> None:
        answer = question.answer
        where = (answer.type, comparability(answer), template_base(question))
        sample = self._samples.get(where)
        if sample is None:
            sample = self._samples[where] = DistinctSample(self.size, self._keys)
        sample.offer(fold_quotes_and_case(answer.text), answer)

    def __len__(self) -> int:
        return sum(len(sample) for sample in self._samples.values())

    def candidates(self) -> AnswerCandidates:
        """The answers kept so far, best first, as wrong-option candidates."""
        by_group: dict[tuple[str, str, str], list[Candidate]] = {
            where: [(a.value, a) for a in sample.items()] for where, sample in self._samples.items()
        }
        by_type: dict[tuple[str, str], list[Candidate]] = {}
        for (answer_type, comparable, _), candidates in sorted(by_group.items()):
            by_type.setdefault((answer_type, comparable), []).extend(candidates)
        return AnswerCandidates(by_group, by_type)


@dataclass(frozen=True)
class AnswerCandidates:
    """The answers an ``AnswerSamples`` kept, ready to be drawn from as wrong options."""

    by_group: dict[tuple[str, str, str], list[Candidate]]
    """By answer type, comparability and template base."""
    by_type: dict[tuple[str, str], list[Candidate]]
    """By answer type and comparability, template after template in the order of their names."""

    def same_template(self, question: Question) -> list[Candidate]:
        """Comparable answers of questions made by the same template as ``question``."""
        answer = question.answer
        return self.by_group.get((answer.type, comparability(answer), template_base(question)), [])

    def same_type(self, answer: Answer) -> list[Candidate]:
        """Comparable answers of every template."""
        return self.by_type.get((answer.type, comparability(answer)), [])
