"""Keeps one item of a quiz from printing the answer to another.

A hidden answer (what a student must recall or pick) may not appear, as whole words, in any other item's
prompt; nor among another item's options unless it is itself a multiple-choice answer, which its own item
shows anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quizgen.printing.answers import fold_quotes_and_case
from quizgen.printing.items import MULTIPLE_CHOICE, QuizItem

MAX_PHRASE = 8
"""Phrases of up to this many words are looked up as word n-grams; longer ones by substring search."""

Phrase = tuple[str, ...]


def words(text: str) -> Phrase:
    return tuple(re.findall(r"\w+", fold_quotes_and_case(text)))


class _Texts:
    """Texts, indexed by their word n-grams, for asking "does this phrase occur in any of them?" quickly."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.ngrams: set[Phrase] = set()
        self.joined: list[str] = []
        self.add(texts)

    def add(self, texts: Iterable[str]) -> None:
        for text in texts:
            tokens = words(text)
            self.joined.append(" " + " ".join(tokens) + " ")
            for size in range(1, min(MAX_PHRASE, len(tokens)) + 1):
                self.ngrams.update(tokens[i : i + size] for i in range(len(tokens) - size + 1))

    def contain(self, phrase: Phrase) -> bool:
        if not phrase:
            return False
        if len(phrase) <= MAX_PHRASE:
            return phrase in self.ngrams
        needle = " " + " ".join(phrase) + " "
        return any(needle in text for text in self.joined)


class _Phrases:
    """Phrases, for asking "does this text contain any of them?" quickly."""

    def __init__(self) -> None:
        self.short: set[Phrase] = set()
        self.long: list[str] = []

    def add(self, phrases: Iterable[Phrase]) -> None:
        for phrase in phrases:
            if len(phrase) > MAX_PHRASE:
                self.long.append(" " + " ".join(phrase) + " ")
            elif phrase:
                self.short.add(phrase)

    def any_in(self, texts: _Texts) -> bool:
        if any(ngram in self.short for ngram in texts.ngrams):
            return True
        return any(needle in text for needle in self.long for text in texts.joined)


class GiveawayGuard:
    """The items accepted so far, and whether a new one may join them."""

    def __init__(self) -> None:
        self._prompts = _Texts()
        self._options = _Texts()
        self._hidden = _Phrases()
        self._hidden_unlisted = _Phrases()
        self.forbidden_options: set[str] = set()
        """Normalised answers no option may equal: those not offered as a choice by their own item."""

    def allows(self, item: QuizItem) -> bool:
        hidden = [words(text) for text in item.hidden_answers()]
        if any(self._prompts.contain(phrase) for phrase in hidden):
            return False
        if item.kind != MULTIPLE_CHOICE and any(self._options.contain(phrase) for phrase in hidden):
            return False
        if self._hidden.any_in(_Texts(prompt_texts(item))):
            return False
        return not self._hidden_unlisted.any_in(_Texts(_option_texts(item)))

    def allows_prompt(self, text: str) -> bool:
        """Whether ``text`` may be printed as (part of) a prompt."""
        return not self._hidden.any_in(_Texts([text]))

    def accept(self, item: QuizItem) -> None:
        self._prompts.add(prompt_texts(item))
        self._options.add(_option_texts(item))
        hidden = [words(text) for text in item.hidden_answers()]
        self._hidden.add(hidden)
        if item.kind != MULTIPLE_CHOICE:
            self._hidden_unlisted.add(hidden)
            self.forbidden_options.update(fold_quotes_and_case(text) for text in item.hidden_answers())


def prompt_texts(item: QuizItem) -> list[str]:
    """What the item prints besides its options: prompt, text around blanks, events to order."""
    texts = [item.prompt, *(segment.text for segment in item.segments)]
    if item.kind != MULTIPLE_CHOICE:
        texts.extend(item.choices)
    return texts


def _option_texts(item: QuizItem) -> list[str]:
    if item.kind == MULTIPLE_CHOICE:
        return list(item.choices)
    return [item.proposed] if item.proposed else []
