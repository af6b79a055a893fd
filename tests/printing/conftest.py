"""Fixtures for the printed-quiz tests: a classroom fact file, its questions, its quizzes."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.loading import load_fact_file
from quizgen.model import FactFile
from quizgen.printing import PrintOptions, Version, plan_quizzes, render_quizzes
from quizgen.questions import Question, generate_questions

DATA = Path(__file__).parent / "data"
OPTIONS = PrintOptions(versions=2, seed=3, count=20)


@pytest.fixture(scope="session")
def options() -> PrintOptions:
    return OPTIONS


@pytest.fixture(scope="session")
def classroom() -> FactFile:
    return load_fact_file(DATA / "classroom.yaml")


@pytest.fixture(scope="session")
def classroom_questions(classroom: FactFile) -> list[Question]:
    return generate_questions(classroom)


@pytest.fixture(scope="session")
def plan(classroom: FactFile, classroom_questions: list[Question]) -> list[Version]:
    return plan_quizzes(classroom, classroom_questions, OPTIONS)


@pytest.fixture(scope="session")
def outputs(classroom: FactFile, classroom_questions: list[Question]) -> dict[str, bytes]:
    """The rendered quizzes by file name."""
    return {path.name: data for path, data in render_quizzes(classroom, classroom_questions, OPTIONS).items()}
