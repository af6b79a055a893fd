"""The state file beside each .apkg: per note, its content hash and when that content last changed.

Anki updates a note on re-import only when the incoming modification time is newer than its own, so a note's
time must move exactly when its content does. The state file is what makes that possible across builds.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from quizgen.errors import Problem, QuizgenError

STATE_FORMAT = 1
_PLAIN = re.compile(r"[A-Za-z0-9 !#-\[\]-~]*")


class NoteRecord(NamedTuple):
    guid: str
    hash: str
    changed: int
    """Seconds since the epoch; written as the note's modification time."""
    note_id: int
    removed: int = 0
    """When the note's question disappeared from the fact file (0 while it exists)."""


@dataclass(frozen=True)
class NoteTypeRecord:
    hash: str
    changed: int


@dataclass(frozen=True)
class DeckState:
    file_id: str
    note_types: dict[str, NoteTypeRecord] = field(default_factory=dict)
    notes: dict[str, NoteRecord] = field(default_factory=dict)
    """By question uid, including removed notes (so a re-added question gets a newer time)."""


def read_state(path: Path, file_id: str) -> DeckState:
    """The state of the previous build, or an empty state if there was none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != STATE_FORMAT or data.get("file") != file_id:
            raise ValueError(f"expected format {STATE_FORMAT} and file {file_id!r}")
        note_types = {key: _note_type_record(value) for key, value in data["note_types"].items()}
        notes = {uid: _note_record(row) for uid, row in data["notes"].items()}
    except FileNotFoundError:
        return DeckState(file_id)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise QuizgenError(
            Problem(
                path,
                0,
                0,
                "",
                f"unreadable Anki state file: {exc}",
                "the state file quizgen wrote, or no file (then every note counts as "
                "new and is rewritten in Anki on the next import)",
            )
        ) from exc
    return DeckState(file_id, note_types, notes)


def dump_state(state: DeckState) -> bytes:
    """Deterministic JSON, one note per line so that a change to a deck is a readable diff."""
    head: dict[str, Any] = {
        "format": STATE_FORMAT,
        "file": state.file_id,
        "note_types": {key: vars(record) for key, record in sorted(state.note_types.items())},
    }
    lines = [json.dumps(head, indent=1, sort_keys=True)[:-2] + ',\n "notes": {']
    rows = [f"  {_json_string(uid)}: {_note_row(record)}" for uid, record in sorted(state.notes.items())]
    if rows:
        lines.append(",\n".join(rows))
    lines.append(" }\n}\n")
    return "\n".join(lines).encode("utf-8")


def _note_type_record(value: Any) -> NoteTypeRecord:
    record = NoteTypeRecord(**value)
    if type(record.hash) is not str or type(record.changed) is not int:
        raise ValueError(f"bad note type entry {value!r}")
    return record


def _note_record(row: Any) -> NoteRecord:
    record = NoteRecord(*row) if type(row) is list and 4 <= len(row) <= 5 else None
    if (
        record is None
        or type(record.guid) is not str
        or type(record.hash) is not str
        or type(record.changed) is not int
        or type(record.note_id) is not int
        or type(record.removed) is not int
    ):
        raise ValueError(f"bad note entry {row!r}")
    return record


def _note_row(record: NoteRecord) -> str:
    removed = f", {record.removed}" if record.removed else ""
    guid, content_hash = _json_string(record.guid), _json_string(record.hash)
    return f"[{guid}, {content_hash}, {record.changed}, {record.note_id}{removed}]"


def _json_string(text: str) -> str:
    """json.dumps for one string, skipping the encoder for the common case of plain ASCII ids."""
    if _PLAIN.fullmatch(text):
        return f'"{text}"'
    return json.dumps(text)
