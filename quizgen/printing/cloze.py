"""Fill-in-the-blank prompts from cloze-style questions (Anki ``{{cN::answer::hint}}`` markers)."""

from __future__ import annotations

from quizgen.model import CLOZE_DELETION
from quizgen.printing.items import Segment


def blank_out(prompt: str) -> tuple[tuple[Segment, ...], tuple[str, ...]]:
    """The prompt as text and numbered blanks (a hint stays visible), and the deleted texts in order."""
    segments: list[Segment] = []
    answers: list[str] = []
    position = 0
    for match in CLOZE_DELETION.finditer(prompt):
        if match.start() > position:
            segments.append(Segment(text=prompt[position : match.start()]))
        _number, deleted, hint = match.groups()
        answers.append(deleted)
        segments.append(Segment(blank=len(answers), hint=hint or ""))
        position = match.end()
    if position < len(prompt):
        segments.append(Segment(text=prompt[position:]))
    return tuple(segments), tuple(answers)
