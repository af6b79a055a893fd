"""Compare this build's notes with the previous build's state: what is new, changed, unchanged or removed,
and the modification time and note id each note gets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from quizgen.anki.notes import MAX_CARDS_PER_NOTE, NoteBatch, NoteContent
from quizgen.anki.notetypes import NoteType
from quizgen.anki.state import DeckState, NoteRecord, NoteTypeRecord

# Note ids double as card id bases (card id = note id + card ordinal), so new notes are spaced this far apart.
NOTE_ID_STRIDE = MAX_CARDS_PER_NOTE
_SINK_BATCH = 2000
"""Removed notes handed to the sink at a time, so that a deck whose notes are all gone is written piecemeal
like any other."""


class StateSink(Protocol):
    """Where a Reconciler puts the next state: a StateWriter streams it to the state file."""

    def note_type(self, style: str, record: NoteTypeRecord) -> None: ...

    def notes(self, uids: Sequence[str], records: Sequence[NoteRecord]) -> None: ...


class DeckStateBuilder:
    """A StateSink that keeps the next state in memory."""

    def __init__(self, file_id: str) -> None:
        self.state = DeckState(file_id)

    def note_type(self, style: str, record: NoteTypeRecord) -> None:
        self.state.note_types[style] = record

    def notes(self, uids: Sequence[str], records: Sequence[NoteRecord]) -> None:
        self.state.notes.update(zip(uids, records, strict=True))


@dataclass(frozen=True)
class Changes:
    new: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    """uids of questions present in the previous build and gone now."""
    changed_note_types: tuple[str, ...]


def reconcile(
    previous: DeckState, notes: Iterable[NoteContent], note_types: Iterable[NoteType], now: int
) -> tuple[Changes, DeckState]:
    """The changes and the next state for a whole deck at once (see Reconciler)."""
    next_state = DeckStateBuilder(previous.file_id)
    reconciler = Reconciler(previous, now, next_state)
    for note_type in note_types:
        reconciler.note_type(note_type)
    reconciler.notes(NoteBatch.of(notes))
    return reconciler.finish(), next_state.state


class Reconciler:
    """Decides, note by note, the modification time and note id each note gets, and what changed; hands each
    note's record to ``sink`` as it goes, then those of the previous build's notes that are gone.

    A time moves only when content changes, and then always past its previous value, because Anki ignores an
    incoming note whose time equals its own.
    """

    def __init__(self, previous: DeckState, now: int, sink: StateSink) -> None:
        self._previous_note_types = previous.note_types
        self._previous = dict(previous.notes)
        """The previous build's notes not met yet: once every note is met, the ones left are gone."""
        self._sink = sink
        self._now = now
        self._next_note_id = max(
            now * 1000, max((r.note_id for r in previous.notes.values()), default=0) + NOTE_ID_STRIDE
        )
        self._changed_note_types: list[str] = []
        self._new: list[str] = []
        self._changed: list[str] = []
        self._unchanged: list[str] = []

    def note_type(self, note_type: NoteType) -> NoteTypeRecord:
        content_hash = note_type.content_hash()
        old = self._previous_note_types.get(note_type.style)
        if old is not None and old.hash == content_hash:
            record = old
        elif old is None:
            record = NoteTypeRecord(content_hash, self._now)
        else:
            self._changed_note_types.append(note_type.style)
            record = NoteTypeRecord(content_hash, max(self._now, old.changed + 1))
        self._sink.note_type(note_type.style, record)
        return record

    def notes(self, batch: NoteBatch) -> list[NoteRecord]:
        """The records of a batch's notes, in order, also handed to the sink."""
        records = []
        columns = zip(batch.uids, batch.guids, batch.content_hashes, strict=True)
        for uid, guid, content_hash in columns:
            old = self._previous.pop(uid, None)
            if old is None:
                self._new.append(uid)
                record = NoteRecord(guid, content_hash, self._now, self._next_note_id)
                self._next_note_id += NOTE_ID_STRIDE
            elif old.hash == content_hash and not old.removed:
                self._unchanged.append(uid)
                record = old
            else:
                (self._new if old.removed else self._changed).append(uid)
                record = NoteRecord(guid, content_hash, max(self._now, old.changed + 1), old.note_id)
            records.append(record)
        self._sink.notes(batch.uids, records)
        return records

    def finish(self) -> Changes:
        """Record the previous build's notes that this one did not meet, and say what changed."""
        removed: list[str] = []
        uids, records = [], []
        for uid, old in self._previous.items():
            if not old.removed:
                removed.append(uid)
                old = old._replace(removed=self._now)
            uids.append(uid)
            records.append(old)
            if len(uids) == _SINK_BATCH:
                self._sink.notes(uids, records)
                uids, records = [], []
        self._sink.notes(uids, records)
        self._previous.clear()
        return Changes(
            tuple(self._new),
            tuple(self._changed),
            tuple(self._unchanged),
            tuple(sorted(removed)),
            tuple(self._changed_note_types),
        )
