"""Questions to Anki note contents: HTML-escaped fields, tags, GUID and a content hash.

This runs for every note of every deck, so each note's strings are built once, in Anki's storage format.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
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


def build_notes(questions: Iterable[Question], fact_file_path: Path) -> list[NoteContent]:
    """One note per question, in question order; raises QuizgenError for any problem (see NoteBuilder)."""
    builder = NoteBuilder(fact_file_path)
    notes = [builder.build(question) for question in questions]
    builder.raise_problems()
    return notes


class NoteBuilder:
    """Turns questions into notes one at a time, so a whole deck never has to be held in memory twice.

    Problems (two questions sharing a GUID, a field holding a character Anki cannot store, a cloze without a
    deletion) are collected, not raised: call ``raise_problems`` before anything is written.
    """

    def __init__(self, fact_file_path: Path) -> None:
        self._path = fact_file_path
        self._citations: dict[tuple[str, ...], str] = {}
        self._tag_texts: dict[tuple[tuple[str, ...], str, tuple[str, ...]], str] = {}
        self._uid_by_guid: dict[str, str] = {}
        self.problems: list[Problem] = []

    def raise_problems(self) -> None:
        if self.problems:
            raise QuizgenError(self.problems)

    def build(self, question: Question) -> NoteContent:
        source_ids = tuple(source.id for source in question.sources)
        citation = self._citations.get(source_ids)
        if citation is None:
            citation = self._citations[source_ids] = _citation_html(question.sources)
        tag_key = (question.tags, question.subject_kind, source_ids)
        tag_text = self._tag_texts.get(tag_key)
        if tag_text is None:
            tag_text = self._tag_texts[tag_key] = self._tag_text(question, source_ids)

        fields = (
            _escape(question.prompt),
            _escape(question.answer.text),
            _escape(question.context),
            citation,
            _escape(question.subject_id),
            _escape(question.uid),
            _escape(question.subject_kind),
        )
        joined = "\x1f".join(fields) + _SPARES
        if _CONTROL_BUT_SEPARATOR.search(joined) or joined.count("\x1f") != len(FIELDS) - 1:
            self.problems.extend(_control_character_problems(question, citation, self._path))
        if question.style not in (BASIC, CLOZE):
            self._problem(
                question, f"card {question.uid} has the unknown style {question.style!r}", "basic or cloze"
            )
        ords = _cloze_ords(question.prompt) if question.style == CLOZE else (0,)
        if not ords or ords[-1] >= MAX_CARDS_PER_NOTE:
            self._problem(
                question,
                f"cloze card {question.uid} has no usable deletion",
                f"{{{{c1::…}}}} to {{{{c{MAX_CARDS_PER_NOTE}::…}}}}",
            )
        elif question.style == CLOZE and "{{c" in CLOZE_DELETION.sub("", question.prompt):
            # Anki would still make a card of a deletion quizgen does not recognise ({{c0::…}}, {{c1::}}).
            self._problem(
                question,
                f"cloze card {question.uid} has a malformed deletion",
                "{{cN::text}} or {{cN::text::hint}}, N from 1",
            )
        guid = note_guid(question.uid)
        other = self._uid_by_guid.get(guid)
        if other is None:
            self._uid_by_guid[guid] = question.uid
        else:
            self._problem(
                question,
                f"two cards would share the Anki GUID {guid}: {other} and {question.uid}",
                "unique fact and template ids",
            )
        content_hash = hashlib.blake2b(f"{question.style}\x1e{joined}\x1e{tag_text}".encode(), digest_size=10)
        return NoteContent(
            question.uid,
            guid,
            question.style,
            joined,
            tag_text,
            ords,
            content_hash.hexdigest(),
        )

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


def _cloze_ords(prompt: str) -> tuple[int, ...]:
    """Anki's card ordinals: N-1 for each deletion number N (the pattern only matches numbers from 1)."""
    return tuple(sorted({int(match.group(1)) - 1 for match in CLOZE_DELETION.finditer(prompt)}))


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
