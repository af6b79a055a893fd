"""The data each output template receives: plain strings, numbers and lists, the same for PDF and HTML."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from quizgen.model import FactFile
from quizgen.printing.items import (
    FILL_IN_BLANK,
    LETTERS,
    MULTIPLE_CHOICE,
    ORDERING,
    SHORT_ANSWER,
    TRUE_FALSE,
    QuizItem,
)
from quizgen.printing.versions import WRITTEN, NumberedItem, Version

KIND_LABELS = {
    MULTIPLE_CHOICE: "Multiple choice",
    TRUE_FALSE: "True or false",
    SHORT_ANSWER: "Short answer",
    FILL_IN_BLANK: "Fill in the blank",
    ORDERING: "Ordering",
}
INSTRUCTIONS = {
    MULTIPLE_CHOICE: "Multiple choice: circle the letter of the one right answer.",
    TRUE_FALSE: "True or false: circle True if the proposed answer is right, False if it is not.",
    SHORT_ANSWER: "Short answer: write your answer on the lines.",
    FILL_IN_BLANK: "Fill in the blank: write the missing words on each line.",
    ORDERING: "Ordering: write the letters of the events in the order in which they happened.",
}
Data = dict[str, Any]


def student_document(fact_file: FactFile, version: Version, paper: str) -> Data:
    items = [n.item for n in version.items]
    kinds = [kind for kind in KIND_LABELS if any(i.kind == kind for i in items)]
    return {
        **_header(fact_file, paper),
        "version": version.letter,
        "total_points": total_points(items),
        "instructions": [INSTRUCTIONS[kind] for kind in kinds],
        "questions": [_student_question(n) for n in version.items],
    }


def key_document(fact_file: FactFile, versions: Sequence[Version], paper: str) -> Data:
    first = versions[0]
    items = [n.item for n in first.items]
    return {
        **_header(fact_file, paper),
        "versions": [v.letter for v in versions],
        "total_points": total_points(items),
        "written_mark": WRITTEN,
        "grids": [
            {"version": v.letter, "cells": [{"number": n.number, "answer": n.grid_answer} for n in v.items]}
            for v in versions
        ],
        "answers": [_full_answer(n.item, versions) for n in first.items],
    }


def total_points(items: Sequence[QuizItem]) -> int:
    return sum(i.points for i in items)


def _header(fact_file: FactFile, paper: str) -> Data:
    return {
        "title": fact_file.title,
        "file_id": fact_file.id,
        "as_of": fact_file.as_of.human(),
        "lang": _language(fact_file.language),
        "paper": paper,
    }


def _language(tag: str) -> str:
    """The primary language subtag, which is all Typst's ``text(lang:)`` accepts."""
    primary = tag.split("-")[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else "en"


def _points_label(points: int) -> str:
    return f"{points} point" if points == 1 else f"{points} points"


def _student_question(numbered: NumberedItem) -> Data:
    item = numbered.item
    return {
        "number": numbered.number,
        "kind": item.kind,
        "label": KIND_LABELS[item.kind],
        "prompt": item.prompt,
        "segments": [{"text": s.text, "blank": s.blank, "hint": s.hint} for s in item.segments],
        "blanks": len(item.blanks),
        "proposed": item.proposed,
        "options": [{"letter": LETTERS[i], "text": text} for i, text in enumerate(numbered.choices)],
        "points": item.points,
        "points_label": _points_label(item.points),
    }


def _full_answer(item: QuizItem, versions: Sequence[Version]) -> Data:
    placements = []
    for version in versions:
        numbered = version.number_of(item.uid)
        placements.append(
            {"version": version.letter, "number": numbered.number, "answer": numbered.grid_answer}
        )
    return {
        "kind": item.kind,
        "label": KIND_LABELS[item.kind],
        "placements": placements,
        "prompt": item.prompt or _cloze_text(item),
        "proposed": item.proposed,
        "answer": item.key_answer(),
        "context": item.context,
        "points_label": _points_label(item.points),
        "sources": [source.citation() for source in item.sources],
    }


def _cloze_text(item: QuizItem) -> str:
    """A fill-in-the-blank prompt with its gaps shown, numbered when there are several, for the key."""
    numbered = len(item.blanks) > 1
    parts = (s.text if not s.blank else f"({s.blank}) _____" if numbered else "_____" for s in item.segments)
    return "".join(parts)
