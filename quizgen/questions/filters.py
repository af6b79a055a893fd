"""Jinja filters available to question templates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from quizgen.model import CLOZE_DELETION, POSITION_LABELS, PartialDate

WORD = re.compile(r"(?<!\w)[^\W\d_][\w’'-]*[^\W_](?!\w)")
"""A word as ``cloze`` finds it again: whole, so that "21st-century" yields no half word."""
APOSTROPHE = re.compile(r"[’']")
# Words too common to be worth blanking out in a quote, however long they are.
COMMON_WORDS = frozenset(
    """
    about above after again against because before being below between could doing during every further
    having other others ourselves really should simply their theirs themselves there these thing things think
    those through under until where which while would yourself going unless whether might still
    """.split()  # noqa: SIM905
)


def join_names(parties: Sequence[Any]) -> str:
    """'Russia', 'the United States and Russia', 'A, B and C'; '' for nobody."""
    names = [str(p.name) for p in parties]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def human_date(date: PartialDate) -> str:
    return date.human()


def key_word(text: str) -> str:
    """The word of ``text`` most worth asking for: the longest uncommon word, not a contraction.

    On a tie the last one wins: English puts the new, stressed information at the end of a sentence.
    """
    candidates = [
        w
        for w in WORD.findall(text)
        if len(w) >= 5 and w.casefold() not in COMMON_WORDS and not APOSTROPHE.search(w)
    ]
    return str(max(reversed(candidates), key=len)) if candidates else ""


def cloze(text: str, word: str, number: int = 1) -> str:
    """``text`` with the first whole-word occurrence of ``word`` turned into deletion ``number``."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
    return pattern.sub(lambda m: f"{{{{c{number}::{m.group()}}}}}", text, count=1)


def cloze_counts(counts: Sequence[tuple[str, int]]) -> str:
    """'{{c1::93}} in favour, {{c2::65}} abstaining' for the counts a vote has."""
    return ", ".join(
        f"{{{{c{n}::{count}}}}} {POSITION_LABELS[position]}" for n, (position, count) in enumerate(counts, 1)
    )


def cloze_answers(text: str) -> str:
    """The deleted texts of a cloze, in order: 'Marco Rubio; 4.5'."""
    return "; ".join(match.group(2) for match in CLOZE_DELETION.finditer(text))


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter and closing punctuation."""
    text = first_upper(text.strip())
    return text if text[-1:] in '.!?…”"' else text + "."


def sentences(parts: Sequence[str]) -> str:
    """The non-empty ``parts`` as sentences: ``["a, b", "", "c."]`` -> ``"A, b. C."``."""
    return " ".join(sentence(part) for part in parts if part and part.strip())


def ask(text: str) -> str:
    """``text`` as a question: a question mark added unless a quoted question already ends it."""
    text = text.strip()
    return text if text.endswith(("?", "?”", '?"')) else text + "?"


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


FILTERS = {
    "names": join_names,
    "human": human_date,
    "key_word": key_word,
    "cloze": cloze,
    "cloze_counts": cloze_counts,
    "cloze_answers": cloze_answers,
    "first_upper": first_upper,
    "sentence": sentence,
    "sentences": sentences,
    "ask": ask,
}
