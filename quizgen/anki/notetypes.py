"""The two note types quizgen writes, per fact file: one for question/answer cards, one for clozes.

Both have the same fixed field list, with stable field and template ids. Real Anki (26.x) refuses to update
any note whose note type gained or lost a field, whatever the import options, but renames a field in place
when its id is unchanged. So the field list never changes, a field's id comes from its position (not its
name), and the spare fields at the end are there for later versions to rename into use.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from quizgen.anki.card_templates import CardTemplates
from quizgen.anki.ids import stable_id

FIELDS = (
    "Question",
    "Answer",
    "Context",
    "Source",
    "FactId",
    "QuizgenId",
    "Kind",
    "Spare1",
    "Spare2",
    "Spare3",
)
BASIC = "basic"
CLOZE = "cloze"


@dataclass(frozen=True)
class NoteType:
    style: str
    """``basic`` or ``cloze``, as in Question.style."""
    id: int
    name: str
    front: str
    back: str
    css: str

    @property
    def is_cloze(self) -> bool:
        return self.style == CLOZE

    def content_hash(self) -> str:
        """Hash of everything Anki updates a note type from: a change must move the note type's mtime."""
        definition = [self.name, FIELDS, self.front, self.back, self.css, self.style]
        return hashlib.sha256(json.dumps(definition).encode("utf-8")).hexdigest()[:20]

    def to_json(self, deck_id: int, mtime: int) -> dict[str, Any]:
        """The legacy (schema 11) note type dict stored in the package's ``col.models``."""
        fields = [
            {
                "name": name,
                "ord": ord_,
                "id": field_id(self.style, ord_),
                "font": "Arial",
                "size": 20,
                "rtl": False,
                "sticky": False,
                "media": [],
            }
            for ord_, name in enumerate(FIELDS)
        ]
        template_name = "Cloze" if self.is_cloze else "Card"
        template = {
            "name": template_name,
            "ord": 0,
            "qfmt": self.front,
            "afmt": self.back,
            "id": stable_id("quizgen", "notetype", self.style, "template", template_name),
            "bqfmt": "",
            "bafmt": "",
            "bfont": "",
            "bsize": 0,
            "did": None,
        }
        return {
            "id": str(self.id),
            "name": self.name,
            "type": 1 if self.is_cloze else 0,
            "mod": mtime,
            "usn": -1,
            "sortf": 0,
            "did": deck_id,
            "tmpls": [template],
            "flds": fields,
            "css": self.css,
            "latexPre": "",
            "latexPost": "",
            "latexsvg": False,
            "req": [[0, "any", [0]]],
            "tags": [],
            "vers": [],
        }


def field_id(style: str, ordinal: int) -> int:
    """A field's id depends on its position only, so renaming a field (a spare, say) keeps it."""
    return stable_id("quizgen", "notetype", style, "field", str(ordinal))


def note_types(file_id: str, templates: CardTemplates) -> dict[str, NoteType]:
    """The note types of one fact file's deck, by style. Owned by that deck alone, so its state file decides
    their modification time."""
    return {
        BASIC: NoteType(
            BASIC,
            stable_id("quizgen", "notetype", file_id, BASIC),
            f"quizgen basic ({file_id})",
            templates.basic_front,
            templates.basic_back,
            templates.css,
        ),
        CLOZE: NoteType(
            CLOZE,
            stable_id("quizgen", "notetype", file_id, CLOZE),
            f"quizgen cloze ({file_id})",
            templates.cloze_front,
            templates.cloze_back,
            templates.css,
        ),
    }
