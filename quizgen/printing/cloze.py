"""Fill-in-the-blank prompts from cloze-style questions (Anki ``{{cN::answer::hint}}`` markers)."""

from __future__ import annotations

import re

from quizgen.printing.items import Segment

DELETION = re.compile(r"\{\{c\d+::(.+?)(?:::(.+?))?\}\}", re.DOTALL)


def blank_out(prompt: str) -> tuple[tuple[Segment, ...], tuple[str, ...]]:
    """The prompt as text and numbered blanks (a hint stays visible), and the deleted texts in order."""
    segments: list[Segment] = []
    answers: list[str] = []
    position = 0
    for match in DELETION.finditer(prompt):
        if match.start() > position:
            segments.append(Segment(text=prompt[position : match.start()]))
        answers.append(match.group(1))
        segments.append(Segment(blank=len(answers), hint=match.group(2) or ""))
        position = match.end()
    if position < len(prompt):
        segments.append(Segment(text=prompt[position:]))
    return tuple(segments), tuple(answers)
