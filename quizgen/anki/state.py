"""The state file beside each .apkg: per note, its content hash and when that content last changed.

Anki updates a note on re-import only when the incoming modification time is newer than its own, so a note's
time must move exactly when its content does. The state file is what makes that possible across builds.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from quizgen.errors import Problem, QuizgenError

STATE_FORMAT = 1
_NOTES_OPENING = ',\n "notes": {'
_NOTES_CLOSING = "\n }\n}\n"
# The same markers as the reader meets them, one line at a time.
_NOTES_LINE = _NOTES_OPENING.removeprefix(",\n") + "\n"
_NOTES_END = _NOTES_CLOSING.removeprefix("\n").removesuffix("}\n")
_NOTE_ROW = re.compile(r'  "([^"\\]*)": \["([^"\\]*)", "([^"\\]*)", ([0-9]+), ([0-9]+)(?:, ([0-9]+))?\],?\n')
"""A note's line as StateWriter writes it when its strings need no escape: uid, GUID, hash, time changed,
note id and, for a removed note, when it was removed."""


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
    """The state of the previous build, or an empty state if there was none. Notes keep the file's order."""
    try:
        with path.open(encoding="utf-8", newline="\n") as lines:
            state = _read_rows(lines)
        if state is None:
            state = _read_json(path.read_text(encoding="utf-8"))
        if state.file_id != file_id:
            raise ValueError(f"expected format {STATE_FORMAT} and file {file_id!r}")
    except FileNotFoundError:
        return DeckState(file_id)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _unreadable(path, exc) from exc
    return state


def _unreadable(path: Path, exc: Exception) -> QuizgenError:
    return QuizgenError(
        Problem(
            path,
            0,
            0,
            "",
            f"unreadable Anki state file: {exc}",
            "the state file quizgen wrote, or no file (then every note counts as "
            "new and is rewritten in Anki on the next import)",
        )
    )


def _read_rows(lines: Iterator[str]) -> DeckState | None:
    """The state from a file as ``StateWriter`` writes it, read a line at a time: neither the file's text nor
    the JSON document is ever whole in memory, only the records. None for any other layout (a
    hand-formatted file, say), which ``_read_json`` reads."""
    head = []
    for line in lines:
        if line == _NOTES_LINE:
            break
        head.append(line)
    else:
        return None
    header = json.loads("".join(head).removesuffix(",\n") + "}")
    notes: dict[str, NoteRecord] = {}
    times: dict[str, int] = {}
    """One int object per distinct time: a deck's notes share a few build times."""
    try:
        for line in lines:
            row = _NOTE_ROW.fullmatch(line)
            if row is None:
                if line == _NOTES_END:
                    return _state(header, notes) if list(lines) == ["}\n"] else None
                uid, record = _escaped_note_row(line)
                notes[uid] = record
                continue
            uid, guid, content_hash, changed_text, note_id, removed = row.groups()
            changed = times.get(changed_text)
            if changed is None:
                changed = times[changed_text] = int(changed_text)
            notes[uid] = NoteRecord(guid, content_hash, changed, int(note_id), int(removed) if removed else 0)
    except ValueError:
        return None
    return None


def _escaped_note_row(line: str) -> tuple[str, NoteRecord]:
    """A note's line whose strings hold an escaped character, read by the JSON parser. Raises ValueError for
    any other line."""
    if "\\" not in line:
        raise ValueError(line)
    ((uid, row),) = json.loads("{" + line.removesuffix("\n").removesuffix(",") + "}").items()
    return uid, _note_record(row)


def _read_json(text: str) -> DeckState:
    data = json.loads(text)
    return _state(data, {uid: _note_record(row) for uid, row in data["notes"].items()})


def _state(header: dict[str, Any], notes: dict[str, NoteRecord]) -> DeckState:
    if header.get("format") != STATE_FORMAT:
        raise ValueError(f"expected format {STATE_FORMAT} and file {header.get('file')!r}")
    note_types = {key: _note_type_record(value) for key, value in header["note_types"].items()}
    return DeckState(header["file"], note_types, notes)


class StateWriter:
    """Writes a state file as the build goes: note types first, then each note as it is decided.

    Deterministic JSON, one note per line in the order given (the fact file's), so that a change to a deck
    is a readable diff, and so that the state of a large deck is never held in memory as a whole.
    """

    def __init__(self, stream: BinaryIO, file_id: str) -> None:
        self._stream = io.TextIOWrapper(stream, encoding="utf-8", newline="\n", write_through=False)
        self._file_id = file_id
        self._note_types: dict[str, NoteTypeRecord] = {}
        self._rows = 0

    def note_type(self, style: str, record: NoteTypeRecord) -> None:
        if self._rows:
            raise ValueError("note types come before notes")
        self._note_types[style] = record

    def notes(self, uids: Sequence[str], records: Sequence[NoteRecord]) -> None:
        """Write the lines of these notes, in order: ``records[i]`` is the record of ``uids[i]``."""
        if not uids:
            return
        if not self._rows:
            self._stream.write(self._head())
        lines = [
            f'  "{uid}": ["{r.guid}", "{r.hash}", {r.changed}, {r.note_id}{_removed(r)}]'
            for uid, r in zip(uids, records, strict=True)
        ]
        # Written without the JSON encoder when no string needs escaping, which is checked for the batch as
        # a whole: printable ASCII without a backslash, and six quotes a line, the strings' own.
        plain = "".join(lines)
        own_quotes_only = plain.count('"') == 6 * len(uids)
        if plain.isascii() and plain.isprintable() and "\\" not in plain and own_quotes_only:
            text = ",\n".join(lines)
        else:
            text = ",\n".join(_note_line(uid, record) for uid, record in zip(uids, records, strict=True))
        self._stream.write(f"{',' if self._rows else ''}\n{text}")
        self._rows += len(lines)

    def close(self) -> None:
        """Finish the file; the underlying stream stays open."""
        if not self._rows:
            self._stream.write(self._head())
        self._stream.write(_NOTES_CLOSING)
        self._stream.flush()
        self._stream.detach()

    def _head(self) -> str:
        head: dict[str, Any] = {
            "format": STATE_FORMAT,
            "file": self._file_id,
            "note_types": {key: vars(record) for key, record in sorted(self._note_types.items())},
        }
        return json.dumps(head, indent=1, sort_keys=True)[:-2] + _NOTES_OPENING


def dump_state(state: DeckState) -> bytes:
    """The state file's bytes for a state held in memory."""
    buffer = io.BytesIO()
    writer = StateWriter(buffer, state.file_id)
    for style, note_type in state.note_types.items():
        writer.note_type(style, note_type)
    writer.notes(list(state.notes), list(state.notes.values()))
    writer.close()
    return buffer.getvalue()


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


def _note_line(uid: str, record: NoteRecord) -> str:
    return (
        f"  {json.dumps(uid)}: [{json.dumps(record.guid)}, {json.dumps(record.hash)}, "
        f"{record.changed}, {record.note_id}{_removed(record)}]"
    )


def _removed(record: NoteRecord) -> str:
    """The optional last item of a note's line."""
    return f", {record.removed}" if record.removed else ""
