"""Write a deck as a legacy (schema 11) .apkg, byte for byte the same for the same input.

genanki stamps every note with one build time and names zip entries with the wall clock; quizgen needs a time
per note and reproducible bytes, so it writes the rows itself, with genanki's schema and collection row.
"""

from __future__ import annotations

import array
import json
import sqlite3
import zipfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

_FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CREATE_TABLES = [s for s in APKG_SCHEMA.split(";") if s.strip() and "CREATE INDEX" not in s]
_CREATE_INDEXES = [s for s in APKG_SCHEMA.split(";") if "CREATE INDEX" in s]

NoteRow = tuple[int, str, int, int, str, str, str]
"""id, guid, note type id, modification time, tags (`` a b ``), fields joined by U+001F, sort field."""
CardRow = tuple[int, int, int, int, int]
"""id, note id, ordinal, modification time, position among new cards."""


class CollectionWriter:
    """Writes a deck's notes and cards into a new Anki collection file, a batch of rows at a time.

    Use it as a context manager: ``add`` batches of rows in order, then ``finish``.
    """

    def __init__(
        self, path: Path, deck_id: int, deck_name: str, deck_description: str, note_types: dict[str, Any]
    ) -> None:
        """``note_types`` maps note type id (as a string) to its schema 11 dict."""
        self._path = path
        self._deck = _deck_json(deck_id, deck_name, deck_description)
        self._note_types = note_types
        self._connection: sqlite3.Connection | None = None
        self._insert_card = f"INSERT INTO cards VALUES (?,?,{deck_id},?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')"
        self._guid_hashes = array.array("q")
        """hash() of each note's GUID: a cheap first look for duplicates, which only SQL then confirms."""

    def __enter__(self) -> CollectionWriter:
        connection = self._connection = sqlite3.connect(self._path)
        # A new file that is thrown away on any failure: no journal, no waiting for the disk.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        for statement in _CREATE_TABLES:
            connection.execute(statement)
        connection.executescript(APKG_COL)
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
        decks[str(self._deck["id"])] = self._deck
        connection.execute(
            "UPDATE col SET decks = ?, models = ?",
            (json.dumps(decks, sort_keys=True), json.dumps(self._note_types, sort_keys=True)),
        )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self._connection is not None:
            self._connection.close()

    def add(self, notes: Sequence[NoteRow], cards: Sequence[CardRow]) -> None:
        connection = self._open()
        connection.executemany("INSERT INTO notes VALUES (?,?,?,?,-1,?,?,?,0,0,'')", notes)
        self._guid_hashes.extend([hash(row[1]) for row in notes])
        connection.executemany(self._insert_card, cards)

    def finish(self) -> dict[str, list[str]]:
        """Complete the file. Returns the GUIDs that more than one note has, with the QuizgenId field of each
        such note: Anki would import them as separate notes."""
        connection = self._open()
        for statement in _CREATE_INDEXES:
            connection.execute(statement)
        # Scanning the notes table for repeated GUIDs takes longer than the rest of finishing the file;
        # distinct hashes prove there are none without it.
        hashes = self._guid_hashes
        duplicates = _duplicate_guids(connection) if len(set(hashes)) < len(hashes) else {}
        connection.commit()
        return duplicates

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            raise RuntimeError("use CollectionWriter as a context manager")
        return self._connection


def _duplicate_guids(connection: sqlite3.Connection) -> dict[str, list[str]]:
    rows = connection.execute(
        "SELECT guid, flds FROM notes"
        " WHERE guid IN (SELECT guid FROM notes GROUP BY guid HAVING COUNT(*) > 1) ORDER BY id"
    )
    duplicates: dict[str, list[str]] = {}
    for guid, fields in rows:
        duplicates.setdefault(guid, []).append(fields.split("\x1f")[5])
    return duplicates


def write_apkg(database: Path, target: BinaryIO) -> None:
    """Package the collection file ``database`` as an .apkg into ``target``."""
    with zipfile.ZipFile(target, "w") as archive:
        with database.open("rb") as source, archive.open(_entry("collection.anki2"), "w") as entry:
            while chunk := source.read(1 << 20):
                entry.write(chunk)
        archive.writestr(_entry("media"), b"{}")


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


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    # Level 6 takes four times as long for a file 12% smaller. ZipFile.open(info, "w") reads the level from
    # the ZipInfo, where it has a public name (compress_level) only from Python 3.13 on.
    info._compresslevel = 1  # type: ignore[attr-defined]
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info
