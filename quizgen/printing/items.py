"""Quiz items: what a printed quiz asks, independent of version, numbering and output format."""

from __future__ import annotations

from dataclasses import dataclass

from quizgen.model import Source

MULTIPLE_CHOICE = "multiple-choice"
TRUE_FALSE = "true-false"
SHORT_ANSWER = "short-answer"
FILL_IN_BLANK = "fill-in-blank"
ORDERING = "ordering"
ITEM_KINDS = (MULTIPLE_CHOICE, TRUE_FALSE, SHORT_ANSWER, FILL_IN_BLANK, ORDERING)

POINTS = {MULTIPLE_CHOICE: 1, TRUE_FALSE: 1, SHORT_ANSWER: 2, ORDERING: 2}
"""Points per item; a fill-in-the-blank item scores one point per blank."""

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Segment:
    """A piece of a fill-in-the-blank prompt: literal text, or a blank (``blank`` is 1-based) with a hint."""

    text: str = ""
    blank: int = 0
    hint: str = ""


@dataclass(frozen=True)
class QuizItem:
    """One printed question. ``choices`` are in canonical order; the right one comes first for
    multiple choice, and events come in date order for ordering items. Versions permute them."""

    uid: str
    kind: str
    prompt: str
    correct: str
    """The right answer as plain text; for ordering items, the events in date order with their dates."""
    subject_ids: tuple[str, ...]
    choices: tuple[str, ...] = ()
    proposed: str = ""
    """True/false items: the answer put to the student, right or wrong."""
    is_true: bool = False
    segments: tuple[Segment, ...] = ()
    blanks: tuple[str, ...] = ()
    context: str = ""
    sources: tuple[Source, ...] = ()

    @property
    def points(self) -> int:
        return len(self.blanks) if self.kind == FILL_IN_BLANK else POINTS[self.kind]

    def key_answer(self) -> str:
        """The full answer as the key prints it."""
        if self.kind == TRUE_FALSE:
            return "True" if self.is_true else f"False — the answer is {self.correct}"
        if self.kind == FILL_IN_BLANK and len(self.blanks) > 1:
            return "; ".join(f"({number}) {text}" for number, text in enumerate(self.blanks, 1))
        return self.correct

    def hidden_answers(self) -> tuple[str, ...]:
        """What a student must not be able to read anywhere else on the quiz."""
        if self.kind == FILL_IN_BLANK:
            return self.blanks
        if self.kind == ORDERING:
            return ()
        return (self.correct,)
