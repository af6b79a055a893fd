"""Printable quizzes: per fact file, a student copy of each version and an answer key, as PDF and HTML.

``render_quizzes`` is the one entry point; ``quizgen.build`` calls it and writes what it returns, and
reports ``no_quiz_reason`` for a fact file that gets no quiz.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.model import FactFile
from quizgen.printing.documents import key_document, student_document
from quizgen.printing.items import LETTERS
from quizgen.printing.output_templates import load_output_templates
from quizgen.printing.render import render_html, render_pdf
from quizgen.printing.selection import select_items
from quizgen.printing.versions import Version, make_versions
from quizgen.questions import Question

__all__ = ["PrintOptions", "Version", "no_quiz_reason", "plan_quizzes", "quiz_paths", "render_quizzes"]

QUIZ_FOLDER = Path("quizzes")


@dataclass(frozen=True)
class PrintOptions:
    versions: int = 2
    seed: int = 0
    count: int = 20
    tags: tuple[str, ...] = ()
    """Only questions with at least one of these tags (file tags included); empty means all."""
    paper: str = "a4"
    """Typst paper name: "a4" or "us-letter"."""
    template_dir: Path | None = None
    """A folder whose output templates replace the built-in ones of the same name."""

    def __post_init__(self) -> None:
        if not 1 <= self.versions <= len(LETTERS):
            raise QuizgenError(f"--versions must be between 1 and {len(LETTERS)}, not {self.versions}")
        if self.count < 1:
            raise QuizgenError(f"--count must be at least 1, not {self.count}")
        if self.paper not in ("a4", "us-letter"):
            raise QuizgenError(f"unknown paper size {self.paper!r}: expected a4 or us-letter")


def quiz_paths(file_id: str, versions: int) -> list[Path]:
    """Where a fact file's quizzes go, relative to the build's output folder."""
    labels = [f"version-{letter}" for letter in LETTERS[:versions]] + ["key"]
    return [_path(file_id, label, ext) for label in labels for ext in ("pdf", "html")]


def _path(file_id: str, label: str, ext: str) -> Path:
    return QUIZ_FOLDER / f"{file_id}-{label}.{ext}"


def plan_quizzes(
    fact_file: FactFile, questions: Sequence[Question], options: PrintOptions = PrintOptions()
) -> list[Version]:
    """The versions of the quiz: which items, numbered how, with choices in which order. Seeded: the same
    inputs and options always give the same plan."""
    seed = f"{options.seed}/{fact_file.id}"
    items = select_items(fact_file, questions, options.count, options.tags, random.Random(f"{seed}/select"))
    return make_versions(items, options.versions, seed) if items else []


def render_quizzes(
    fact_file: FactFile, questions: Sequence[Question], options: PrintOptions = PrintOptions()
) -> dict[Path, bytes]:
    """Every quiz output of one fact file by relative path; empty when the file offers no quiz question
    (see ``no_quiz_reason``). Override templates are checked first, whether or not there is a quiz."""
    templates = load_output_templates(options.template_dir)
    versions = plan_quizzes(fact_file, questions, options)
    if not versions:
        return {}
    outputs: dict[Path, bytes] = {}
    for version in versions:
        label = f"version-{version.letter}"
        data = student_document(fact_file, version, options.paper)
        outputs[_path(fact_file.id, label, "pdf")] = render_pdf(templates, "student.typ", data)
        outputs[_path(fact_file.id, label, "html")] = render_html(templates, "student.html.j2", data)
    key = key_document(fact_file, versions, options.paper)
    outputs[_path(fact_file.id, "key", "pdf")] = render_pdf(templates, "key.typ", key)
    outputs[_path(fact_file.id, "key", "html")] = render_html(templates, "key.html.j2", key)
    return outputs


def no_quiz_reason(
    fact_file: FactFile, questions: Sequence[Question], options: PrintOptions = PrintOptions()
) -> str:
    """Why ``render_quizzes`` gives a fact file no quiz, for the build report: the tags asked for, or the
    file itself (its facts make no question, and too few dated events for an ordering question)."""
    if options.tags and plan_quizzes(fact_file, questions, replace(options, tags=())):
        return "no question has the tag(s) asked for (" + ", ".join(options.tags) + ")"
    return "its facts give no quiz question"
