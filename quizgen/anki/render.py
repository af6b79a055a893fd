"""Render one fact file's questions as an Anki deck: the .apkg, its state file and a change report."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from quizgen.anki.apkg import PackageNote, write_apkg
from quizgen.anki.card_templates import load_card_templates
from quizgen.anki.changes import Reconciler
from quizgen.anki.ids import deck_id
from quizgen.anki.notes import NoteBuilder
from quizgen.anki.notetypes import FIELDS, note_types
from quizgen.anki.report import ChangeReport
from quizgen.anki.state import dump_state, read_state
from quizgen.model import FactFile
from quizgen.questions import Question


@dataclass(frozen=True)
class DeckRender:
    files: dict[Path, bytes]
    """The .apkg, then its state file (see quizgen.output.OutputBatch, which renames in insertion order)."""
    report: ChangeReport


def deck_path(out_dir: Path, file_id: str) -> Path:
    return out_dir / f"{file_id}.apkg"


def state_path(out_dir: Path, file_id: str) -> Path:
    return out_dir / f"{file_id}.anki-state.json"


def render_deck(
    fact_file: FactFile,
    questions: Iterable[Question],
    out_dir: Path,
    now: int,
    card_template_dir: Path | None = None,
) -> DeckRender:
    """Render the deck in memory; nothing is written. ``now`` (seconds since the epoch) becomes the
    modification time of every note whose content changed since the state file in ``out_dir`` was written.

    The questions are read once, as they come, straight into the package.
    """
    types = note_types(fact_file.id, load_card_templates(FIELDS, card_template_dir))
    state_file = state_path(out_dir, fact_file.id)
    reconciler = Reconciler(read_state(state_file, fact_file.id), now)
    did = deck_id(fact_file.id)
    type_dicts = {str(t.id): t.to_json(did, reconciler.note_type(t).changed) for t in types.values()}
    builder = NoteBuilder(fact_file.path)
    notes = _package_notes(questions, builder, reconciler, {style: t.id for style, t in types.items()})
    apkg = write_apkg(did, fact_file.deck, html.escape(fact_file.title, quote=False), type_dicts, notes)
    builder.raise_problems()

    changes = reconciler.finish()
    apkg_file = deck_path(out_dir, fact_file.id)
    report = ChangeReport(apkg_file, changes)
    # The .apkg must come first: OutputBatch renames files into place in this order, so an interrupted
    # build can leave a new deck beside the old state file (harmless: the next build re-stamps what
    # changed), but never a new state file beside an old deck, recording content no deck was written with.
    return DeckRender({apkg_file: apkg, state_file: dump_state(changes.state)}, report)


def _package_notes(
    questions: Iterable[Question], builder: NoteBuilder, reconciler: Reconciler, type_ids: dict[str, int]
) -> Iterator[PackageNote]:
    for question in questions:
        note = builder.build(question)
        record = reconciler.note(note)
        sort_field = note.joined_fields.partition("\x1f")[0]
        yield PackageNote(
            record.note_id,
            note.guid,
            type_ids.get(note.style, 0),  # an unknown style is one of the builder's problems
            record.changed,
            note.tag_text,
            note.joined_fields,
            sort_field,
            note.card_ords,
        )
