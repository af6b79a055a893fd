"""Questions to Anki note contents: HTML-escaped fields, tags, GUID and a content hash.

This runs for every note of every deck, so each note's strings are built once, in Anki's storage format.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from quizgen.anki.ids import note_guids
from quizgen.anki.notetypes import BASIC, CLOZE, FIELDS
from quizgen.errors import Problem, QuizgenError
from quizgen.model import CLOZE_DELETION, Source
from quizgen.questions import Question

MAX_CARDS_PER_NOTE = 100
"""Cards per note are bounded so that card ids can be derived from note ids."""
_FILLED_FIELDS = 7
"""Question to Kind; the fields after them are spare (see notetypes)."""
_SPARES = "\x1f" * (len(FIELDS) - _FILLED_FIELDS)
_SOURCE_FIELD = "Source"
"""The field of the citation, which a note's subject gives rather than its question."""
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
"""The same characters in UTF-8, where each is one byte that no other character's encoding contains."""
_STYLE_PREFIXES = {style: f"{style}\x1e".encode() for style in (BASIC, CLOZE)}
_BASIC_ORDS = (0,)
_TAG_BREAKER = re.compile(r"[\s\x00-\x1f\x7f]")


class NoteContent(NamedTuple):
    uid: str
    guid: str
    style: str
    joined_fields: str
    """The fields joined by U+001F, as Anki stores them."""
    tag_text: str
    """The tags as Anki stores them: `` a b `` (or empty)."""
    card_ords: tuple[int, ...]
    """0 for a basic note; N-1 for each cloze number N."""
    content_hash: str
    """Hash of everything a re-import would write to the note in Anki."""

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(self.joined_fields.split("\x1f"))

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.tag_text.split())


class _SubjectParts(NamedTuple):
    sources: tuple[Source, ...]
    tags: tuple[str, ...]
    kind: str
    citation: str
    tag_text: str
    citation_bytes: bytes
    """The citation between its field separators, in UTF-8."""
    end_bytes: bytes
    """The spare fields, a record separator and the tags, in UTF-8: the end of the content hash's input."""


@dataclass(frozen=True)
class NoteBatch:
    """Notes in columns: the i-th note is the i-th item of every list. Columns rather than an object per
    note, because a deck's notes come by the hundred thousand and each column is built in one pass."""

    uids: list[str]
    guids: list[str]
    styles: list[str]
    joined_fields: list[str]
    tag_texts: list[str]
    card_ords: list[tuple[int, ...]]
    content_hashes: list[str]

    @classmethod
    def of(cls, notes: Iterable[NoteContent]) -> NoteBatch:
        notes = list(notes)
        return cls(
            uids=[note.uid for note in notes],
            guids=[note.guid for note in notes],
            styles=[note.style for note in notes],
            joined_fields=[note.joined_fields for note in notes],
            tag_texts=[note.tag_text for note in notes],
            card_ords=[note.card_ords for note in notes],
            content_hashes=[note.content_hash for note in notes],
        )

    def __len__(self) -> int:
        return len(self.uids)

    def __iter__(self) -> Iterator[NoteContent]:
        columns = (self.uids, self.guids, self.styles, self.joined_fields, self.tag_texts, self.card_ords)
        for uid, guid, style, fields, tags, ords, content_hash in zip(
            *columns, self.content_hashes, strict=True
        ):
            yield NoteContent(uid, guid, style, fields, tags, ords, content_hash)


def build_notes(questions: Sequence[Question], fact_file_path: Path) -> list[NoteContent]:
    """One note per question, in question order; raises QuizgenError for any problem (see NoteBuilder)."""
    builder = NoteBuilder(fact_file_path)
    notes = list(builder.build_batch(questions))
    builder.raise_problems()
    return notes


class NoteBuilder:
    """Turns questions into notes a batch at a time, so a whole deck never has to be held in memory.

    Problems (a field holding a character Anki cannot store, an unknown style, a cloze without a deletion)
    are collected, not raised: call ``raise_problems`` before anything is written. Two questions sharing a
    GUID are found where the notes are stored (see quizgen.anki.apkg).
    """

    def __init__(self, fact_file_path: Path) -> None:
        self._path = fact_file_path
        self._citations: dict[tuple[str, ...], str] = {}
        self._tag_texts: dict[tuple[tuple[str, ...], str, tuple[str, ...]], str] = {}
        self._subject = _SubjectParts((), (), "", "", "", b"", b"")
        self.problems: list[Problem] = []

    def raise_problems(self) -> None:
        if self.problems:
            raise QuizgenError(self.problems)

    def build_batch(self, questions: Sequence[Question]) -> NoteBatch:
        """The notes of ``questions``, in order.

        Escaping, encoding and the control-character check run once over the whole batch's text rather
        than field by field: with hundreds of thousands of notes, per-field string passes would cost more
        than storing the notes.
        """
        if not questions:
            return NoteBatch.of([])
        texts = []
        for question in questions:
            texts.append(f"{question.prompt}\x1f{question.answer.text}\x1f{question.context}")
            texts.append(f"{question.subject_id}\x1f{question.uid}\x1f{question.subject_kind}")
        text = _escape("\x1e".join(texts))
        encoded = text.encode()
        # Fields hold no control characters but for the separators the batch was joined with, if these are
        # exactly the ones there: four U+001F in each note's two texts, and a U+001E between texts.
        unit_separators, record_separators = encoded.count(b"\x1f"), encoded.count(b"\x1e")
        controls = len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
        if (
            unit_separators != 4 * len(questions)
            or record_separators != len(texts) - 1
            or controls != unit_separators + record_separators
        ):
            return self._build_one_by_one(questions)  # finds each problem and its field
        parts, encoded_parts = text.split("\x1e"), encoded.split(b"\x1e")
        return self._batch(questions, parts[0::2], parts[1::2], encoded_parts[0::2], encoded_parts[1::2])

    def _build_one_by_one(self, questions: Sequence[Question]) -> NoteBatch:
        """The notes of a batch whose fields hold control characters, which are reported field by field."""
        heads, tails = [], []
        for question in questions:
            escaped = [_escape(value) for value in _own_fields(question).values()]
            heads.append("\x1f".join(escaped[:3]))
            tails.append("\x1f".join(escaped[3:]))
        encode = str.encode
        heads_bytes, tails_bytes = list(map(encode, heads)), list(map(encode, tails))
        return self._batch(questions, heads, tails, heads_bytes, tails_bytes, check_fields=True)

    def _batch(
        self,
        questions: Sequence[Question],
        heads: list[str],
        tails: list[str],
        head_bytes: list[bytes],
        tail_bytes: list[bytes],
        check_fields: bool = False,
    ) -> NoteBatch:
        """The notes from their escaped fields before (``heads``) and after (``tails``) the citation, given
        also in UTF-8 for the content hash. With ``check_fields``, each question's own fields are checked
        for control characters too."""
        # One pass over the questions for everything that can find a problem, so that problems are listed
        # in the order of the cards.
        subject = self._subject
        subjects, card_ords = [], []
        for question in questions:
            if not (
                question.sources is subject.sources
                and question.tags is subject.tags
                and question.subject_kind == subject.kind
            ):
                subject = self._subject_parts(question)
            subjects.append(subject)
            card_ords.append(_BASIC_ORDS if question.style == BASIC else self._ords_or_problem(question))
            if check_fields:
                fields = _own_fields(question)
                self.problems.extend(_control_character_problems(question, fields, self._path))
        self._subject = subject
        styles = [question.style for question in questions]
        content_hashes = []
        blake2b = hashlib.blake2b
        for style, head, subject, tail in zip(styles, head_bytes, subjects, tail_bytes, strict=True):
            # The hash of f"{style}\x1e{joined}\x1e{tag_text}" in UTF-8, from parts already encoded.
            hashed = (_style_prefix(style), head, subject.citation_bytes, tail, subject.end_bytes)
            content_hashes.append(blake2b(b"".join(hashed), digest_size=10).hexdigest())
        return NoteBatch(
            uids=[question.uid for question in questions],
            guids=note_guids([question.uid for question in questions]),
            styles=styles,
            joined_fields=[
                f"{head}\x1f{subject.citation}\x1f{tail}{_SPARES}"
                for head, subject, tail in zip(heads, subjects, tails, strict=True)
            ],
            tag_texts=[subject.tag_text for subject in subjects],
            card_ords=card_ords,
            content_hashes=content_hashes,
        )

    def _subject_parts(self, question: Question) -> _SubjectParts:
        """What the notes of one subject (a fact, a person) share; consecutive questions usually have one."""
        source_ids = tuple([source.id for source in question.sources])
        citation = self._citations.get(source_ids)
        if citation is None:
            citation = self._citations[source_ids] = _citation_html(question.sources)
            fields = {_SOURCE_FIELD: citation}
            self.problems.extend(_control_character_problems(question, fields, self._path))
        tag_key = (question.tags, question.subject_kind, source_ids)
        tag_text = self._tag_texts.get(tag_key)
        if tag_text is None:
            tag_text = self._tag_texts[tag_key] = self._tag_text(question, source_ids)
        return _SubjectParts(
            question.sources,
            question.tags,
            question.subject_kind,
            citation,
            tag_text,
            f"\x1f{citation}\x1f".encode(),
            f"{_SPARES}\x1e{tag_text}".encode(),
        )

    def _ords_or_problem(self, question: Question) -> tuple[int, ...]:
        """The card ordinals of a note that is not basic: a cloze's, or a problem for an unknown style."""
        if question.style == CLOZE:
            return self._cloze_ords(question)
        self._problem(
            question, f"card {question.uid} has the unknown style {question.style!r}", "basic or cloze"
        )
        return _BASIC_ORDS

    def _cloze_ords(self, question: Question) -> tuple[int, ...]:
        """Anki's card ordinals: N-1 for each deletion number N (the pattern only matches numbers from 1)."""
        deletions = CLOZE_DELETION.findall(question.prompt)
        ords = tuple(sorted({int(number) - 1 for number, _, _ in deletions}))
        if not ords or ords[-1] >= MAX_CARDS_PER_NOTE:
            self._problem(
                question,
                f"cloze card {question.uid} has no usable deletion",
                f"{{{{c1::…}}}} to {{{{c{MAX_CARDS_PER_NOTE}::…}}}}",
            )
        elif question.prompt.count("{{c") > len(deletions):
            # Every deletion found starts with one "{{c"; another is one Anki would still make a card of
            # but quizgen does not recognise ({{c0::…}}, {{c1::}}).
            self._problem(
                question,
                f"cloze card {question.uid} has a malformed deletion",
                "{{cN::text}} or {{cN::text::hint}}, N from 1",
            )
        return ords

    def _tag_text(self, question: Question, source_ids: tuple[str, ...]) -> str:
        tags = sorted(
            {
                f"quizgen::kind::{question.subject_kind}",
                *question.tags,
                *(f"quizgen::source::{source_id}" for source_id in source_ids),
            }
        )
        for tag in tags:
            if not tag or _TAG_BREAKER.search(tag):
                message = f"tag {tag!r} of card {question.uid} contains whitespace or a control character"
                self._problem(question, message, "tags without spaces")
        return f" {' '.join(tags)} "

    def _problem(self, question: Question, message: str, expected: str) -> None:
        self.problems.append(Problem(self._path, 0, 0, question.subject_id, message, expected))


def _style_prefix(style: str) -> bytes:
    """The start of a note's content hash input."""
    return _STYLE_PREFIXES.get(style) or f"{style}\x1e".encode()


def _escape(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\n", "<br>") if "\n" in text else text


def _citation_html(sources: Sequence[Source]) -> str:
    return "<br>".join(_one_citation_html(source) for source in sources)


def _one_citation_html(source: Source) -> str:
    parts = [f"“{_escape(source.title)}”"]
    if source.publisher:
        parts.append(_escape(source.publisher))
    if source.published:
        parts.append(source.published.human())
    if source.url.startswith(("https://", "http://")):
        parts.append(f'<a href="{html.escape(source.url, quote=True)}">{_escape(source.url)}</a>')
    elif source.url:
        parts.append(_escape(source.url))
    return ", ".join(parts)


def _control_character_problems(question: Question, fields: dict[str, str], path: Path) -> list[Problem]:
    """Anki separates fields with U+001F: one in a field makes Anki reject the whole package. ``fields``
    maps field names to values as the question gives them."""
    problems = []
    for name, value in fields.items():
        found = sorted(set(_CONTROL.findall(value)))
        if found:
            codes = ", ".join(f"U+{ord(c):04X}" for c in found)
            message = f"field {name} of card {question.uid} contains control character(s) {codes}"
            expected = "text without control characters"
            problems.append(Problem(path, 0, 0, question.subject_id, message, expected))
    return problems


def _own_fields(question: Question) -> dict[str, str]:
    """The fields a question fills itself, by name: all but the citation of its sources."""
    values = (
        question.prompt,
        question.answer.text,
        question.context,
        question.subject_id,
        question.uid,
        question.subject_kind,
    )
    return dict(zip((name for name in FIELDS if name != _SOURCE_FIELD), values, strict=False))
