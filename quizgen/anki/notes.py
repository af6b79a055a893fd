"""Questions to Anki note contents: HTML-escaped fields, tags, GUID and a content hash.

This runs for every note of every deck, so each note's strings are built once, in Anki's storage format.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from quizgen.anki.ids import note_guid
from quizgen.anki.notetypes import BASIC, CLOZE, FIELDS
from quizgen.errors import Problem, QuizgenError
from quizgen.model import CLOZE_DELETION, Source
from quizgen.questions import Question

MAX_CARDS_PER_NOTE = 100
"""Cards per note are bounded so that card ids can be derived from note ids."""
_FILLED_FIELDS = 7
"""Question to Kind; the fields after them are spare (see notetypes)."""
_SPARES = "\x1f" * (len(FIELDS) - _FILLED_FIELDS)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_CONTROL_BUT_SEPARATOR = re.compile("[\x00-\x08\x0b-\x1e\x7f]")
_CONTROL_BUT_SEPARATORS = re.compile("[\x00-\x08\x0b-\x1d\x7f]")
"""Control characters other than the two that ``NoteBuilder.build_batch`` joins a batch's fields with."""
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


def build_notes(questions: Sequence[Question], fact_file_path: Path) -> list[NoteContent]:
    """One note per question, in question order; raises QuizgenError for any problem (see NoteBuilder)."""
    builder = NoteBuilder(fact_file_path)
    notes = builder.build_batch(questions)
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

    def build_batch(self, questions: Sequence[Question]) -> list[NoteContent]:
        """The notes of ``questions``, in order.

        Escaping, encoding and the control-character check run once over the whole batch's text rather
        than field by field: with hundreds of thousands of notes, per-field string passes would cost more
        than storing the notes.
        """
        texts = []
        for question in questions:
            texts.append(f"{question.prompt}\x1f{question.answer.text}\x1f{question.context}")
            texts.append(f"{question.subject_id}\x1f{question.uid}\x1f{question.subject_kind}")
        text = "\x1e".join(texts)
        if (
            _CONTROL_BUT_SEPARATORS.search(text)
            or text.count("\x1f") != 4 * len(questions)
            or text.count("\x1e") != max(0, 2 * len(questions) - 1)
        ):
            return [self.build(question) for question in questions]  # finds each problem and its field
        text = _escape(text)
        parts, encoded = text.split("\x1e"), text.encode().split(b"\x1e")
        return [
            self._note(question, parts[2 * i], parts[2 * i + 1], encoded[2 * i], encoded[2 * i + 1])
            for i, question in enumerate(questions)
        ]

    def build(self, question: Question) -> NoteContent:
        """The note of one question, checking each field for characters Anki cannot store."""
        head = "\x1f".join(
            _escape(text) for text in (question.prompt, question.answer.text, question.context)
        )
        tail = "\x1f".join(
            _escape(text) for text in (question.subject_id, question.uid, question.subject_kind)
        )
        note = self._note(question, head, tail, head.encode(), tail.encode())
        joined = note.joined_fields
        if _CONTROL_BUT_SEPARATOR.search(joined) or joined.count("\x1f") != len(FIELDS) - 1:
            citation = _citation_html(question.sources)
            self.problems.extend(_control_character_problems(question, citation, self._path))
        return note

    def _note(
        self, question: Question, head: str, tail: str, head_bytes: bytes, tail_bytes: bytes
    ) -> NoteContent:
        """The note from its escaped fields before (``head``) and after (``tail``) the citation, given also
        as UTF-8 for the content hash."""
        subject = self._subject
        if not (
            question.sources is subject.sources
            and question.tags is subject.tags
            and question.subject_kind == subject.kind
        ):
            subject = self._subject = self._subject_parts(question)
        style = question.style
        if style == BASIC:
            ords: tuple[int, ...] = (0,)
        elif style == CLOZE:
            ords = self._cloze_ords(question)
        else:
            ords = (0,)
            self._problem(question, f"card {question.uid} has the unknown style {style!r}", "basic or cloze")
        # The hash of f"{style}\x1e{joined}\x1e{tag_text}" in UTF-8, from parts already encoded.
        hashed = (style.encode(), b"\x1e", head_bytes, subject.citation_bytes, tail_bytes, subject.end_bytes)
        content_hash = hashlib.blake2b(b"".join(hashed), digest_size=10).hexdigest()
        return NoteContent(
            question.uid,
            note_guid(question.uid),
            style,
            f"{head}\x1f{subject.citation}\x1f{tail}{_SPARES}",
            subject.tag_text,
            ords,
            content_hash,
        )

    def _subject_parts(self, question: Question) -> _SubjectParts:
        """What the notes of one subject (a fact, a person) share; consecutive questions usually have one."""
        source_ids = tuple([source.id for source in question.sources])
        citation = self._citations.get(source_ids)
        if citation is None:
            citation = self._citations[source_ids] = _citation_html(question.sources)
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


def _control_character_problems(question: Question, citation: str, path: Path) -> list[Problem]:
    """Anki separates fields with U+001F: one in a field makes Anki reject the whole package."""
    values = (
        question.prompt,
        question.answer.text,
        question.context,
        citation,
        question.subject_id,
        question.uid,
        question.subject_kind,
    )
    problems = []
    for name, value in zip(FIELDS, values, strict=False):
        found = sorted(set(_CONTROL.findall(value)))
        if found:
            codes = ", ".join(f"U+{ord(c):04X}" for c in found)
            message = f"field {name} of card {question.uid} contains control character(s) {codes}"
            expected = "text without control characters"
            problems.append(Problem(path, 0, 0, question.subject_id, message, expected))
    return problems
