"""Questions: what the renderers (Anki, print) turn into cards and quiz items. Plain text throughout."""

from __future__ import annotations

from dataclasses import dataclass

from quizgen.model import Source

ANSWER_TYPES = (
    "person",
    "organisation",
    "party",
    "parties",
    "date",
    "number",
    "place",
    "role",
    "text",
    "body",
)


@dataclass(frozen=True, slots=True)
class Answer:
    """The right answer: ``text`` to show, ``type`` and ``value`` to find comparable wrong answers.

    ``value`` is a person or organisation id (types person, organisation, party), a tuple of ids (parties),
    a PartialDate (date), an int or float (number), or the text itself (place, role, text, body).
    """

    text: str
    type: str
    value: object


@dataclass(frozen=True, slots=True)
class Question:
    uid: str
    """``<file id>/<subject id>/<template id>[.<key>]``: stable across rebuilds while the ids are."""
    subject_id: str
    """The fact id, or ``person:<id>`` for a question about a person."""
    subject_kind: str
    """quote, event, vote, question, cloze or person."""
    template_id: str
    """``<kind>.<name>``, e.g. ``quote.who-said``; repeated questions add a key: ``vote.count.in_favour``."""
    style: str
    """basic (prompt and answer) or cloze (prompt holds Anki ``{{cN::…}}`` deletions)."""
    prompt: str
    answer: Answer
    context: str
    sources: tuple[Source, ...]
    tags: tuple[str, ...]
    """The file's tags and the subject's own tags; renderers add their own (kind, source)."""
