"""Render one fact file's questions as an Anki deck: the .apkg, its state file and a change report."""

from __future__ import annotations

import html
import itertools
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from quizgen.anki.apkg import CardRow, CollectionWriter, NoteRow, write_apkg
from quizgen.anki.card_templates import load_card_templates
from quizgen.anki.changes import Reconciler
from quizgen.anki.ids import deck_id
from quizgen.anki.notes import NoteBuilder
from quizgen.anki.notetypes import FIELDS, note_types
from quizgen.anki.report import ChangeReport
from quizgen.anki.state import StateWriter, read_state
from quizgen.errors import Problem
from quizgen.model import FactFile
from quizgen.output import OutputBatch
from quizgen.questions import Question

BATCH_SIZE = 2000
"""Questions turned into notes at a time: big enough to amortise the per-batch work, small enough to stay
a few megabytes."""


def deck_path(out_dir: Path, file_id: str) -> Path:
    return out_dir / f"{file_id}.apkg"


def state_path(out_dir: Path, file_id: str) -> Path:
    return out_dir / f"{file_id}.anki-state.json"


def render_deck(
    fact_file: FactFile,
    questions: Iterable[Question],
    out_dir: Path,
    now: int,
    outputs: OutputBatch,
    card_template_dir: Path | None = None,
) -> ChangeReport:
    """Render the deck and its state file into ``outputs``, which replaces nothing until it is committed.
    ``now`` (seconds since the epoch) becomes the modification time of every note whose content changed
    since the state file in ``out_dir`` was written.

    The questions are read once, as they come, and never held all at once: a deck of any size takes the
    memory of one batch of notes (and of the previous build's state).
    """
    types = note_types(fact_file.id, load_card_templates(FIELDS, card_template_dir))
    apkg_file, state_file = deck_path(out_dir, fact_file.id), state_path(out_dir, fact_file.id)
    previous = read_state(state_file, fact_file.id)
    did = deck_id(fact_file.id)
    builder = NoteBuilder(fact_file.path)
    type_ids = {style: t.id for style, t in types.items()}
    # The .apkg must come first: OutputBatch renames files into place in the order they were added, so an
    # interrupted build can leave a new deck beside the old state file (harmless: the next build re-stamps
    # what changed), but never a new state file beside an old deck, recording content no deck was written
    # with.
    with tempfile.TemporaryDirectory(prefix="quizgen-deck-") as folder:
        database = Path(folder) / "collection.anki2"
        with outputs.stream(apkg_file) as apkg, outputs.stream(state_file) as state_stream:
            state = StateWriter(state_stream, fact_file.id)
            reconciler = Reconciler(previous, now, state)
            del previous  # the reconciler keeps what it still needs of it
            type_dicts = {str(t.id): t.to_json(did, reconciler.note_type(t).changed) for t in types.values()}
            description = html.escape(fact_file.title, quote=False)
            with CollectionWriter(database, did, fact_file.deck, description, type_dicts) as collection:
                due = 1
                for batch in _batches(questions, BATCH_SIZE):
                    notes, cards = _rows(builder, reconciler, type_ids, batch, due)
                    collection.add(notes, cards)
                    due += len(batch)
                duplicates = collection.finish()
            changes = reconciler.finish()
            state.close()
            builder.problems.extend(_duplicate_problems(fact_file.path, duplicates))
            builder.raise_problems()
            write_apkg(database, apkg)
    return ChangeReport(apkg_file, changes)


def _rows(
    builder: NoteBuilder,
    reconciler: Reconciler,
    type_ids: dict[str, int],
    questions: Sequence[Question],
    first_due: int,
) -> tuple[list[NoteRow], list[CardRow]]:
    """The note and card rows of a batch. A new card's position (due) follows the order of the fact file,
    one position per note, from ``first_due`` for this batch."""
    batch = builder.build_batch(questions)
    records = reconciler.notes(batch)
    note_ids = [record.note_id for record in records]
    mtimes = [record.changed for record in records]
    notes = list(
        zip(
            note_ids,
            batch.guids,
            [type_ids.get(style, 0) for style in batch.styles],  # an unknown style is a builder's problem
            mtimes,
            batch.tag_texts,
            batch.joined_fields,
            [fields.partition("\x1f")[0] for fields in batch.joined_fields],
            strict=True,
        )
    )
    cards = [
        (note_id + ord_, note_id, ord_, mtime, due)
        for note_id, mtime, due, ords in zip(
            note_ids, mtimes, range(first_due, first_due + len(batch)), batch.card_ords, strict=True
        )
        for ord_ in ords
    ]
    return notes, cards


def _batches(questions: Iterable[Question], size: int) -> Iterator[list[Question]]:
    iterator = iter(questions)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _duplicate_problems(path: Path, duplicates: dict[str, list[str]]) -> list[Problem]:
    """``duplicates`` holds the QuizgenId field of each note, HTML-escaped as stored."""
    problems = []
    for guid, escaped_uids in duplicates.items():
        uids = [html.unescape(uid) for uid in escaped_uids]
        subject = uids[0].split("/")[1] if uids[0].count("/") >= 2 else ""
        message = f"cards {' and '.join(uids)} would share the Anki GUID {guid}"
        problems.append(Problem(path, 0, 0, subject, message, "unique fact and template ids"))
    return problems
