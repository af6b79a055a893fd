"""Card output templates: the HTML and CSS Anki renders a note with, kept as files in the package.

A project can override any of them with a folder holding files of the same names; see docs/anki.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from quizgen.errors import Problem, QuizgenError
from quizgen.overrides import read_overrides

TEMPLATE_FILES = ("basic_front.html", "basic_back.html", "cloze_front.html", "cloze_back.html", "card.css")
_SPECIAL_FIELDS = {"FrontSide", "Tags", "Type", "Deck", "Subdeck", "Card", "CardFlag", "CardID"}
_REFERENCE = re.compile(r"\{\{([#^/]?)([^{}]*)\}\}")


@dataclass(frozen=True)
class CardTemplates:
    basic_front: str
    basic_back: str
    cloze_front: str
    cloze_back: str
    css: str


def load_card_templates(fields: tuple[str, ...], override_dir: Path | None = None) -> CardTemplates:
    """The packaged card templates, each replaced by the file of the same name in ``override_dir``, if any."""
    packaged = resources.files("quizgen.anki").joinpath("templates")
    texts = {name: packaged.joinpath(name).read_text(encoding="utf-8") for name in TEMPLATE_FILES}
    if override_dir is not None:
        texts.update(_read_overrides(override_dir, fields))
    return CardTemplates(
        basic_front=texts["basic_front.html"],
        basic_back=texts["basic_back.html"],
        cloze_front=texts["cloze_front.html"],
        cloze_back=texts["cloze_back.html"],
        css=texts["card.css"],
    )


def _read_overrides(override_dir: Path, fields: tuple[str, ...]) -> dict[str, str]:
    texts, problems = read_overrides(override_dir, TEMPLATE_FILES, "card template")
    problems += [
        problem
        for name, text in texts.items()
        if name.endswith(".html")
        for problem in _unknown_field_references(override_dir / name, text, fields)
    ]
    if problems:
        raise QuizgenError(problems)
    return texts


def _unknown_field_references(path: Path, text: str, fields: tuple[str, ...]) -> list[Problem]:
    """A reference to a field the note type lacks renders as an error on every card in Anki; catch it here."""
    known = set(fields) | _SPECIAL_FIELDS
    problems = []
    for match in _REFERENCE.finditer(text):
        name = match.group(2).strip().rsplit(":", 1)[-1].strip()
        if name and name not in known:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    "",
                    f"unknown field {name!r} in {match.group(0)}",
                    "expected one of " + ", ".join(fields),
                )
            )
    return problems
