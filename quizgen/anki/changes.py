"""Compare this build's notes with the previous build's state: what is new, changed, unchanged or removed,
and the modification time and note id each note gets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizgen.anki.notes import MAX_CARDS_PER_NOTE, NoteContent
from quizgen.anki.notetypes import NoteType
from quizgen.anki.state import DeckState, NoteRecord, NoteTypeRecord

# Note ids double as card id bases (card id = note id + card ordinal), so new notes are spaced this far apart.
NOTE_ID_STRIDE = MAX_CARDS_PER_NOTE


@dataclass(frozen=True)
class Changes:
    state: DeckState
    new: tuple[str, ...]
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    """uids of questions present in the previous build and gone now."""
    changed_note_types: tuple[str, ...]


def reconcile(
    previous: DeckState, notes: Iterable[NoteContent], note_types: Iterable[NoteType], now: int
) -> Changes:
    """The next state for a whole deck at once (see Reconciler)."""
    reconciler = Reconciler(previous, now)
    for note_type in note_types:
        reconciler.note_type(note_type)
    for note in notes:
        reconciler.note(note)
    return reconciler.finish()


class Reconciler:
    """Decides, note by note, the modification time and note id each note gets, and what changed.

    A time moves only when content changes, and then always past its previous value, because Anki ignores an
    incoming note whose time equals its own.
    """

    def __init__(self, previous: DeckState, now: int) -> None:
        self._previous = previous
        self._now = now
        self._next_note_id = max(
            now * 1000, max((r.note_id for r in previous.notes.values()), default=0) + NOTE_ID_STRIDE
        )
        self._note_types: dict[str, NoteTypeRecord] = {}
        self._changed_note_types: list[str] = []
        self._notes: dict[str, NoteRecord] = {}
        self._new: list[str] = []
        self._changed: list[str] = []
        self._unchanged: list[str] = []

    def note_type(self, note_type: NoteType) -> NoteTypeRecord:
        content_hash = note_type.content_hash()
        old = self._previous.note_types.get(note_type.style)
        if old is not None and old.hash == content_hash:
            record = old
        elif old is None:
            record = NoteTypeRecord(content_hash, self._now)
        else:
            self._changed_note_types.append(note_type.style)
            record = NoteTypeRecord(content_hash, max(self._now, old.changed + 1))
        self._note_types[note_type.style] = record
        return record

    def note(self, note: NoteContent) -> NoteRecord:
        old = self._previous.notes.get(note.uid)
        if old is None:
            self._new.append(note.uid)
            record = NoteRecord(note.guid, note.content_hash, self._now, self._next_note_id)
            self._next_note_id += NOTE_ID_STRIDE
        elif old.hash == note.content_hash and not old.removed:
            self._unchanged.append(note.uid)
            record = old
        else:
            (self._new if old.removed else self._changed).append(note.uid)
            record = NoteRecord(note.guid, note.content_hash, max(self._now, old.changed + 1), old.note_id)
        self._notes[note.uid] = record
        return record

    def finish(self) -> Changes:
        removed: list[str] = []
        notes = self._notes
        for uid, old in self._previous.notes.items():
            if uid in notes:
                continue
            if old.removed:
                notes[uid] = old
            else:
                removed.append(uid)
                notes[uid] = NoteRecord(old.guid, old.hash, old.changed, old.note_id, removed=self._now)
        state = DeckState(self._previous.file_id, self._note_types, notes)
        return Changes(
            state,
            tuple(self._new),
            tuple(self._changed),
            tuple(self._unchanged),
            tuple(sorted(removed)),
            tuple(self._changed_note_types),
        )
