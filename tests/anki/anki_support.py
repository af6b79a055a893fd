"""Helpers for reading a real Anki collection in the tests (imported by the test modules)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.dbproxy import DBProxy
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition, ImportResponse

from quizgen.anki import ChangeReport

SAMPLE = Path(__file__).parent / "data" / "sample.yaml"
T0 = 1_750_000_000
"""A fixed build time (June 2025), so that tests can assert the modification times Anki stores."""


@dataclass(frozen=True)
class Built:
    apkg: Path
    state: Path
    report: ChangeReport


BuildDeck = Callable[..., Built]


def import_deck(col: Collection, apkg: Path, *, merge_notetypes: bool = False) -> ImportResponse.Log:
    """Import as Anki's import dialog does by default: update notes and note types if newer."""
    if_newer = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
    options = ImportAnkiPackageOptions(
        merge_notetypes=merge_notetypes,
        update_notes=if_newer,
        update_notetypes=if_newer,
        with_scheduling=False,
        with_deck_configs=False,
    )
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(apkg), options=options)).log


def db(col: Collection) -> DBProxy:
    assert col.db is not None
    return col.db


def answer_cards(col: Collection, deck_name: str, count: int) -> None:
    """Study ``count`` cards of the deck, answering each "good"."""
    deck_id = col.decks.id_for_name(deck_name)
    assert deck_id is not None
    col.decks.select(deck_id)
    for _ in range(count):
        card = col.sched.getCard()
        assert card is not None
        col.sched.answerCard(card, 3)


def notes_by_uid(col: Collection) -> dict[str, dict[str, Any]]:
    """Every note in the collection by its QuizgenId field: fields, tags, mtime, usn, guid."""
    result: dict[str, dict[str, Any]] = {}
    for note_id in col.find_notes(""):
        note = col.get_note(note_id)
        row = db(col).first("SELECT guid, mod, usn FROM notes WHERE id = ?", note_id)
        assert row is not None
        guid, mod, usn = row
        note_type = note.note_type()
        assert note_type is not None
        result[note["QuizgenId"]] = {
            "fields": dict(note.items()),
            "tags": sorted(note.tags),
            "guid": guid,
            "mod": mod,
            "usn": usn,
            "id": note_id,
            "notetype": note_type["name"],
        }
    return result
