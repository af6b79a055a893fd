"""Ids derived from stable strings, so the same fact file always yields the same Anki objects."""

from __future__ import annotations

import binascii
import hashlib
from collections.abc import Sequence

# Anki's ids are millisecond timestamps in practice; JavaScript (the card reviewer, AnkiDroid) reads them as
# doubles, so they must stay below 2**53. The lower bound keeps them clear of small built-in ids like 1.
_ID_FLOOR = 1 << 40
_ID_SPAN = (1 << 53) - _ID_FLOOR


def stable_id(*parts: str) -> int:
    """A positive integer id below 2**53 for the namespaced name ``parts``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return _ID_FLOOR + int.from_bytes(digest[:8], "big") % _ID_SPAN


def note_guid(question_uid: str) -> str:
    """The Anki GUID of the note for a question: the only key Anki matches notes by on re-import."""
    return note_guids([question_uid])[0]


def note_guids(question_uids: Sequence[str]) -> list[str]:
    """The GUIDs of many notes at once (see note_guid).

    72 bits of SHA-256 in 12 base64 characters. Never change this: every student's notes are keyed by it.
    Nine bytes are exactly twelve base64 characters, so one encoding of all the digests, cut every twelve
    characters, gives each note's GUID.
    """
    sha256 = hashlib.sha256
    digests = b"".join([sha256(f"quizgen\x1f{uid}".encode()).digest()[:9] for uid in question_uids])
    text = binascii.b2a_base64(digests, newline=False).decode("ascii")
    return [text[start : start + 12] for start in range(0, len(text), 12)]


def deck_id(file_id: str) -> int:
    return stable_id("quizgen", "deck", file_id)
