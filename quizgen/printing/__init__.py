"""Printable quizzes: per fact file, a student copy of each version and an answer key, as PDF and HTML.

``QuizPool`` is the entry point: ``quizgen.build`` adds each question to it as the question is generated,
then writes what ``QuizPool.render`` returns, or reports ``QuizPool.no_quiz_reason`` for a fact file that gets
no quiz. The functions below do the same for questions already at hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from quizgen.model import FactFile
from quizgen.printing.options import DEFAULT_OPTIONS, PrintOptions
from quizgen.printing.pool import QuizPool
from quizgen.printing.quiz_files import quiz_paths
from quizgen.printing.versions import Version
from quizgen.questions import Question

__all__ = [
    "PrintOptions",
    "QuizPool",
    "Version",
    "no_quiz_reason",
    "plan_quizzes",
    "quiz_paths",
    "render_quizzes",
]


def plan_quizzes(
    fact_file: FactFile, questions: Iterable[Question], options: PrintOptions = DEFAULT_OPTIONS
) -> list[Version]:
    """The versions of the quiz: which items, numbered how, with choices in which order. Seeded: the same
    inputs and options always give the same plan."""
    return QuizPool.of(fact_file, questions, options).plan()


def render_quizzes(
    fact_file: FactFile, questions: Iterable[Question], options: PrintOptions = DEFAULT_OPTIONS
) -> dict[Path, bytes]:
    """Every quiz output of one fact file by relative path; empty when the file offers no quiz question
    (see ``no_quiz_reason``). Override templates are checked first, whether or not there is a quiz."""
    return QuizPool.of(fact_file, questions, options).render()


def no_quiz_reason(
    fact_file: FactFile, questions: Iterable[Question], options: PrintOptions = DEFAULT_OPTIONS
) -> str:
    """Why ``render_quizzes`` gives a fact file no quiz, for the build report."""
    return QuizPool.of(fact_file, questions, options).no_quiz_reason()
