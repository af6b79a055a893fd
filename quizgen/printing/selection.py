"""Choose a quiz's items from its candidates: one item per fact, a balanced mix of kinds, no giveaways."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from quizgen.model import Event, FactFile
from quizgen.printing.cloze import blank_out
from quizgen.printing.distractors import Distractors
from quizgen.printing.giveaways import GiveawayGuard
from quizgen.printing.items import (
    FILL_IN_BLANK,
    ITEM_KINDS,
    MULTIPLE_CHOICE,
    ORDERING,
    SHORT_ANSWER,
    TRUE_FALSE,
    QuizItem,
)
from quizgen.printing.ordering import MIN_EVENTS, ordering_item, pick_events
from quizgen.questions import Question

CHOICES = 4
WRITTEN_ANSWER_TYPES = ("text", "parties")
"""Answer types better asked as short answers: wrong options for them rarely look plausible."""


@dataclass(frozen=True)
class Candidates:
    """What a quiz may ask, each in the order it is preferred: basic and cloze questions in groups of one
    template (and of answers all written or all not: see ``is_written``), and dated events."""

    basic: Sequence[Sequence[Question]]
    cloze: Sequence[Sequence[Question]]
    events: Sequence[Event]


def is_written(question: Question) -> bool:
    """Whether the question is better asked as a short answer than with options."""
    return question.answer.type in WRITTEN_ANSWER_TYPES


def select_items(
    fact_file: FactFile, candidates: Candidates, distractors: Distractors, count: int, rng: random.Random
) -> list[QuizItem]:
    """Up to ``count`` items, taking the kinds in turn so that the mix stays balanced."""
    return _Selector(fact_file, candidates, distractors, rng).select(count)


def _take_turns(groups: Sequence[Sequence[Question]]) -> Iterator[Question]:
    """One question of each group in turn, so that no template crowds out the others."""
    for index in range(max((len(group) for group in groups), default=0)):
        yield from (group[index] for group in groups if index < len(group))


class _Selector:
    def __init__(
        self, fact_file: FactFile, candidates: Candidates, distractors: Distractors, rng: random.Random
    ) -> None:
        self.fact_file = fact_file
        self.rng = rng
        self.distractors = distractors
        self.guard = GiveawayGuard()
        self.used_subjects: set[str] = set()
        self.events = candidates.events
        written = [group for group in candidates.basic if group and is_written(group[0])]
        with_options = [group for group in candidates.basic if group and not is_written(group[0])]
        pools: dict[str, Iterable[Question]] = {
            MULTIPLE_CHOICE: itertools.chain(_take_turns(with_options), _take_turns(written)),
            TRUE_FALSE: itertools.chain(_take_turns(with_options), _take_turns(written)),
            SHORT_ANSWER: itertools.chain(_take_turns(written), _take_turns(with_options)),
            FILL_IN_BLANK: _take_turns(candidates.cloze),
        }
        builders: dict[str, Callable[[Question], QuizItem | None]] = {
            MULTIPLE_CHOICE: self._multiple_choice,
            TRUE_FALSE: self._true_false,
            SHORT_ANSWER: self._short_answer,
            FILL_IN_BLANK: self._fill_in_blank,
        }
        self.item_streams: dict[str, Iterator[QuizItem]] = {
            kind: self._items(pools[kind], builders[kind]) for kind in builders
        }
        """Per kind, the items still to be had, made as they are drawn."""
        self.item_streams[ORDERING] = self._ordering_items()

    def select(self, count: int) -> list[QuizItem]:
        items: list[QuizItem] = []
        active = list(ITEM_KINDS)
        while active and len(items) < count:
            for kind in list(active):
                if len(items) == count:
                    break
                item = next(self.item_streams[kind], None)
                if item is None:
                    active.remove(kind)
                else:
                    items.append(item)
        return items

    def _items(
        self, pool: Iterable[Question], build: Callable[[Question], QuizItem | None]
    ) -> Iterator[QuizItem]:
        for question in pool:
            if question.subject_id in self.used_subjects:
                continue
            item = build(question)
            if item is not None and self.guard.allows(item):
                self._accept(item)
                yield item

    def _accept(self, item: QuizItem) -> None:
        self.guard.accept(item)
        self.used_subjects.update(item.subject_ids)

    def _ordering_items(self) -> Iterator[QuizItem]:
        while True:
            unused = (e for e in self.events if e.id not in self.used_subjects)
            events = pick_events(e for e in unused if self.guard.allows_prompt(e.summary))
            if len(events) < MIN_EVENTS:
                return
            item = ordering_item(self.fact_file, events)
            self._accept(item)
            yield item

    def _base(self, question: Question, kind: str) -> QuizItem:
        return QuizItem(
            uid=question.uid,
            kind=kind,
            prompt=question.prompt,
            correct=question.answer.text,
            subject_ids=(question.subject_id,),
            context=question.context,
            sources=question.sources,
        )

    def _multiple_choice(self, question: Question) -> QuizItem | None:
        wrong = self.distractors.choose(question, CHOICES - 1, self.rng, self.guard.forbidden_options)
        if wrong is None:
            return None
        item = self._base(question, MULTIPLE_CHOICE)
        return replace(item, choices=(question.answer.text, *wrong))

    def _true_false(self, question: Question) -> QuizItem | None:
        item = self._base(question, TRUE_FALSE)
        if self.rng.random() < 0.5:
            wrong = self.distractors.choose(question, 1, self.rng, self.guard.forbidden_options)
            if wrong is not None:
                return replace(item, proposed=wrong[0], is_true=False)
        return replace(item, proposed=question.answer.text, is_true=True)

    def _short_answer(self, question: Question) -> QuizItem:
        return self._base(question, SHORT_ANSWER)

    def _fill_in_blank(self, question: Question) -> QuizItem | None:
        segments, blanks = blank_out(question.prompt)
        if not blanks:
            return None
        item = self._base(question, FILL_IN_BLANK)
        return replace(item, prompt="", correct="; ".join(blanks), segments=segments, blanks=blanks)
