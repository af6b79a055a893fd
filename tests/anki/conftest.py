"""Fixtures for the Anki renderer tests: building decks from fact files and importing them into real Anki."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection
from anki_support import SAMPLE, BuildDeck, Built

from quizgen.anki import render_deck
from quizgen.loading import load_fact_file
from quizgen.output import OutputBatch
from quizgen.questions import generate_questions


@pytest.fixture
def fact_path(tmp_path: Path) -> Path:
    """A copy of the sample fact file that a test may edit."""
    path = tmp_path / "facts" / "sample.yaml"
    path.parent.mkdir()
    shutil.copy(SAMPLE, path)
    return path


@pytest.fixture
def build_deck(tmp_path: Path) -> BuildDeck:
    def build(
        fact_file_path: Path, now: int, out_dir: Path | None = None, card_templates: Path | None = None
    ) -> Built:
        out = out_dir or tmp_path / "decks"
        fact_file = load_fact_file(fact_file_path)
        with OutputBatch() as batch:
            report = render_deck(fact_file, generate_questions(fact_file), out, now, batch, card_templates)
            batch.commit()
        return Built(out / f"{fact_file.id}.apkg", out / f"{fact_file.id}.anki-state.json", report)

    return build


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    """A fresh, empty Anki collection."""
    folder = tmp_path / "anki-profile"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    yield col
    col.close()
