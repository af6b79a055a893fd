"""Write a deck as a legacy (schema 11) .apkg, byte for byte the same for the same input.

genanki stamps every note with one build time and names zip entries with the wall clock; quizgen needs a time
per note and reproducible bytes, so it writes the rows itself, with genanki's schema and collection row.
"""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

_FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CREATE_TABLES = [s for s in APKG_SCHEMA.split(";") if s.strip() and "CREATE INDEX" not in s]
_CREATE_INDEXES = [s for s in APKG_SCHEMA.split(";") if "CREATE INDEX" in s]


class PackageNote(NamedTuple):
    note_id: int
    guid: str
    note_type_id: int
    mtime: int
    tag_text: str
    """`` a b ``, as Anki stores tags."""
    joined_fields: str
    """The fields joined by U+001F, as Anki stores them."""
    sort_field: str
    card_ords: tuple[int, ...]


def write_apkg(
    deck_id: int,
    deck_name: str,
    deck_description: str,
    note_types: dict[str, Any],
    notes: Iterable[PackageNote],
) -> bytes:
    """The .apkg bytes. ``note_types`` maps note type id (as a string) to its schema 11 dict."""
    with tempfile.TemporaryDirectory(prefix="quizgen-apkg-") as folder:
        database = Path(folder) / "collection.anki2"
        _write_collection(database, deck_id, deck_name, deck_description, note_types, notes)
        return _zip(database)


def _write_collection(
    path: Path,
    deck_id: int,
    deck_name: str,
    deck_description: str,
    note_types: dict[str, Any],
    notes: Iterable[PackageNote],
) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        for statement in _CREATE_TABLES:
            connection.execute(statement)
        connection.executescript(APKG_COL)
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
        decks[str(deck_id)] = _deck_json(deck_id, deck_name, deck_description)
        connection.execute(
            "UPDATE col SET decks = ?, models = ?",
            (json.dumps(decks, sort_keys=True), json.dumps(note_types, sort_keys=True)),
        )
        cards: list[tuple[int, int, int, int, int]] = []
        connection.executemany("INSERT INTO notes VALUES (?,?,?,?,-1,?,?,?,0,0,'')", _note_rows(notes, cards))
        connection.executemany(
            f"INSERT INTO cards VALUES (?,?,{deck_id},?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')", cards
        )
        for statement in _CREATE_INDEXES:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _note_rows(
    notes: Iterable[PackageNote], cards: list[tuple[int, int, int, int, int]]
) -> Iterator[tuple[int, str, int, int, str, str, str]]:
    """Note rows for executemany, collecting each note's card rows on the way. A new card's position (due)
    follows the order of the fact file, one position per note."""
    for position, note in enumerate(notes, start=1):
        for ord_ in note.card_ords:
            cards.append((note.note_id + ord_, note.note_id, ord_, note.mtime, position))
        yield (
            note.note_id,
            note.guid,
            note.note_type_id,
            note.mtime,
            note.tag_text,
            note.joined_fields,
            note.sort_field,
        )


def _deck_json(deck_id: int, name: str, description: str) -> dict[str, Any]:
    return {
        "id": deck_id,
        "name": name,
        "desc": description,
        "mod": 0,
        "usn": -1,
        "conf": 1,
        "dyn": 0,
        "collapsed": False,
        "extendNew": 0,
        "extendRev": 50,
        "newToday": [0, 0],
        "revToday": [0, 0],
        "lrnToday": [0, 0],
        "timeToday": [0, 0],
    }


def _zip(database: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        with database.open("rb") as source, archive.open(_entry("collection.anki2"), "w") as target:
            while chunk := source.read(1 << 20):
                target.write(chunk)
        archive.writestr(_entry("media"), b"{}")
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    # Level 6 takes four times as long for a file 12% smaller. ZipFile.open(info, "w") reads the level from
    # the ZipInfo, where it has a public name (compress_level) only from Python 3.13 on.
    info._compresslevel = 1  # type: ignore[attr-defined]
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info
