"""Versions of a quiz: the same items, numbered in a different order, with their choices reordered."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from quizgen.printing.items import LETTERS, MULTIPLE_CHOICE, ORDERING, TRUE_FALSE, QuizItem

WRITTEN = "—"
"""The grid's mark for an answer written out in words: the key's full answers give it."""
RESHUFFLES = 20


@dataclass(frozen=True)
class NumberedItem:
    number: int
    item: QuizItem
    order: tuple[int, ...]
    """Indexes into ``item.choices``, in the order this version prints them."""

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(self.item.choices[i] for i in self.order)

    @property
    def grid_answer(self) -> str:
        """The answer as the key's grid gives it: a letter, T or F, letters in order, or WRITTEN."""
        if self.item.kind == MULTIPLE_CHOICE:
            return LETTERS[self.order.index(0)]
        if self.item.kind == TRUE_FALSE:
            return "T" if self.item.is_true else "F"
        if self.item.kind == ORDERING:
            return " ".join(LETTERS[self.order.index(k)] for k in range(len(self.order)))
        return WRITTEN


@dataclass(frozen=True)
class Version:
    letter: str
    items: tuple[NumberedItem, ...]

    def number_of(self, uid: str) -> NumberedItem:
        return self._by_uid[uid]

    @cached_property
    def _by_uid(self) -> dict[str, NumberedItem]:
        return {n.item.uid: n for n in self.items}


def make_versions(items: Sequence[QuizItem], count: int, seed: str) -> list[Version]:
    """``count`` versions; each orders the items differently from the earlier ones when it can."""
    versions: list[Version] = []
    seen_orders: list[list[str]] = []
    for letter in LETTERS[:count]:
        rng = random.Random(f"{seed}/version-{letter}")
        shuffled = list(items)
        for _ in range(RESHUFFLES):
            rng.shuffle(shuffled)
            if [i.uid for i in shuffled] not in seen_orders:
                break
        seen_orders.append([i.uid for i in shuffled])
        numbered = []
        for number, item in enumerate(shuffled, 1):
            order = _choice_order(item, rng)
            numbered.append(NumberedItem(number, item, tuple(order)))
        versions.append(Version(letter, tuple(numbered)))
    return versions


def _choice_order(item: QuizItem, rng: random.Random) -> list[int]:
    order = list(range(len(item.choices)))
    rng.shuffle(order)
    # Events printed in date order would hand over the answer.
    while item.kind == ORDERING and order == sorted(order):
        rng.shuffle(order)
    return order
