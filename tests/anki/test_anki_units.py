"""The Anki renderer's pieces on hand-built questions: fields, checks, state, change report, package bytes."""

from __future__ import annotations

import dataclasses
import json
import re
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quizgen.anki.state
from quizgen.anki.changes import NOTE_ID_STRIDE, Changes, Reconciler, reconcile
from quizgen.anki.ids import note_guid, note_guids, stable_id
from quizgen.anki.notes import build_notes
from quizgen.anki.report import ChangeReport
from quizgen.anki.state import DeckState, NoteRecord, NoteTypeRecord, dump_state, read_state
from quizgen.errors import QuizgenError
from quizgen.loading import load_fact_file
from quizgen.model import Source
from quizgen.output import OutputBatch
from quizgen.questions import Answer, Question

PATH = Path("facts.yaml")
SOURCE = Source(id="s1", title="A <title>", url="javascript:alert(1)")


def question(
    uid: str = "f/fact/quote.who-said", prompt: str = "Who said “x”?", style: str = "basic", context: str = ""
) -> Question:
    return Question(
        uid=uid,
        subject_id=uid.split("/")[1],
        subject_kind="quote",
        template_id="quote.who-said",
        style=style,
        prompt=prompt,
        answer=Answer("A & B", "person", "a"),
        context=context,
        sources=(SOURCE,),
        tags=("file-tag", "b-tag"),
    )


def test_fields_are_escaped_plain_text() -> None:
    (note,) = build_notes([question(prompt='Is <b> bold & "quoted"?\nYes', context="1 < 2")], PATH)
    assert note.fields[:7] == (
        'Is &lt;b&gt; bold &amp; "quoted"?<br>Yes',
        "A &amp; B",
        "1 &lt; 2",
        "“A &lt;title&gt;”, javascript:alert(1)",
        "fact",
        "f/fact/quote.who-said",
        "quote",
    )
    assert note.fields[7:] == ("", "", "")
    assert note.tags == ("b-tag", "file-tag", "quizgen::kind::quote", "quizgen::source::s1")


def test_no_questions_make_no_notes() -> None:
    assert build_notes([], PATH) == []


def test_cloze_notes_get_one_card_per_deletion_number() -> None:
    prompt = "{{c2::b}} and {{c1::a}} and {{c2::c::hint}}"
    (note,) = build_notes([question(style="cloze", prompt=prompt)], PATH)
    assert note.card_ords == (0, 1)


def test_a_control_character_in_a_field_is_an_error_before_anything_is_written() -> None:
    with pytest.raises(QuizgenError) as caught:
        build_notes([question(prompt="a\x1fb")], PATH)
    assert str(caught.value) == (
        "facts.yaml: fact: field Question of card f/fact/quote.who-said contains "
        "control character(s) U+001F — text without control characters"
    )


def test_a_control_character_in_a_citation_is_an_error() -> None:
    cited = dataclasses.replace(question(), sources=(Source(id="s2", title="a\x1fb"),))
    with pytest.raises(QuizgenError) as caught:
        build_notes([question(), cited], PATH)
    assert str(caught.value) == (
        "facts.yaml: fact: field Source of card f/fact/quote.who-said contains "
        "control character(s) U+001F — text without control characters"
    )


def render(fact_path: Path, questions: list[Question]) -> None:
    from quizgen.anki import render_deck

    with OutputBatch() as batch:
        render_deck(load_fact_file(fact_path), questions, fact_path.parent / "decks", 1_750_000_000, batch)


def test_an_unknown_card_style_is_an_error_not_a_crash(fact_path: Path) -> None:
    with pytest.raises(QuizgenError, match="has the unknown style 'reversed' — basic or cloze"):
        render(fact_path, [question(style="reversed")])
    assert [p.name for p in fact_path.parent.iterdir()] == [fact_path.name]


def test_two_questions_with_one_uid_are_an_error_before_anything_is_written(fact_path: Path) -> None:
    other = question("f/other/quote.who-said")
    with pytest.raises(QuizgenError) as caught:
        render(fact_path, [question(), other, question()])
    guid = note_guid("f/fact/quote.who-said")
    assert str(caught.value) == (
        f"{fact_path}: fact: cards f/fact/quote.who-said and f/fact/quote.who-said would share the Anki GUID "
        f"{guid} — unique fact and template ids"
    )
    assert [p.name for p in fact_path.parent.iterdir()] == [fact_path.name]


@pytest.mark.parametrize("prompt", ["no deletion here", "{{c0::zero}}", "{{c101::too many}}"])
def test_a_cloze_without_usable_deletion_is_an_error(prompt: str) -> None:
    with pytest.raises(QuizgenError, match="has no usable deletion"):
        build_notes([question(style="cloze", prompt=prompt)], PATH)


def test_a_malformed_deletion_beside_good_ones_is_an_error() -> None:
    with pytest.raises(QuizgenError, match="has a malformed deletion"):
        build_notes([question(style="cloze", prompt="{{c1::one}} and {{c0::zero}}")], PATH)


def test_cloze_ords_skip_no_number_and_ignore_hints() -> None:
    prompt = "{{c2::Geneva::city}} on {{c1::3 March}}, {{c10::twice}}"
    (note,) = build_notes([question(style="cloze", prompt=prompt)], PATH)
    assert note.card_ords == (0, 1, 9)


def test_times_move_only_with_content_and_always_forward() -> None:
    notes = build_notes([question("f/a/t"), question("f/b/t")], PATH)
    first, first_state = reconcile(DeckState("f"), notes, [], now=1000)
    assert first.new == ("f/a/t", "f/b/t")
    a, b = first_state.notes["f/a/t"], first_state.notes["f/b/t"]
    assert (a.changed, b.changed) == (1000, 1000)
    assert b.note_id - a.note_id == NOTE_ID_STRIDE

    edited = build_notes([question("f/a/t", prompt="changed"), question("f/b/t")], PATH)
    second, second_state = reconcile(first_state, edited, [], now=900)  # the clock went backwards
    assert second.changed == ("f/a/t",) and second.unchanged == ("f/b/t",)
    assert second_state.notes["f/a/t"].changed == 1001
    assert second_state.notes["f/a/t"].note_id == a.note_id
    assert second_state.notes["f/b/t"] == b


def test_a_removed_question_is_reported_once_and_a_readded_one_moves_forward() -> None:
    both = build_notes([question("f/a/t"), question("f/b/t")], PATH)
    _, first_state = reconcile(DeckState("f"), both, [], now=1000)
    removed, removed_state = reconcile(first_state, both[:1], [], now=2000)
    assert removed.removed == ("f/b/t",)
    assert removed_state.notes["f/b/t"].removed == 2000

    still_removed, still_removed_state = reconcile(removed_state, both[:1], [], now=3000)
    assert still_removed.removed == ()

    readded, readded_state = reconcile(still_removed_state, both, [], now=500)
    assert readded.new == ("f/b/t",)
    assert readded_state.notes["f/b/t"].changed == 1001
    assert readded_state.notes["f/b/t"].removed == 0


def test_removed_notes_reach_the_state_file_a_batch_at_a_time() -> None:
    class Recorder:
        def __init__(self) -> None:
            self.batches: list[list[str]] = []

        def note_type(self, style: str, record: NoteTypeRecord) -> None:
            raise AssertionError("no note types here")

        def notes(self, uids: Sequence[str], records: Sequence[NoteRecord]) -> None:
            assert len(uids) == len(records)
            self.batches.append(list(uids))

    old = DeckState("f", notes={f"f/{i}/t": NoteRecord("g", "h", 5, 10**13 + i) for i in range(4500)})
    recorder = Recorder()
    changes = Reconciler(old, 1000, recorder).finish()
    assert [len(batch) for batch in recorder.batches] == [2000, 2000, 500]
    assert [uid for batch in recorder.batches for uid in batch] == list(old.notes)
    assert len(changes.removed) == 4500


def test_problems_are_listed_in_card_order() -> None:
    reversed_card = question("f/a/t", style="reversed")
    spaced_tag = dataclasses.replace(question("f/b/t"), tags=("two words",))
    controlled = question("f/c/t", prompt="a\x01b", style="cloze")
    for questions in ([reversed_card, spaced_tag], [reversed_card, spaced_tag, controlled]):
        with pytest.raises(QuizgenError) as caught:
            build_notes(questions, PATH)
        cards = [re.search(r"f/[abc]/t", problem.message) for problem in caught.value.problems]
        assert [card.group() if card else None for card in cards] == sorted(
            [q.uid for q in questions] + (["f/c/t"] if len(questions) == 3 else [])
        ), caught.value


def test_new_note_ids_never_reuse_an_old_one() -> None:
    old = DeckState("f", notes={"f/x/t": NoteRecord("g", "h", 5, 10**13)})
    _, state = reconcile(old, build_notes([question("f/a/t")], PATH), [], now=1000)
    assert state.notes["f/a/t"].note_id == 10**13 + NOTE_ID_STRIDE


def test_state_file_round_trips_and_bad_files_are_reported(tmp_path: Path) -> None:
    records = {"f/a/t": NoteRecord('g"]', "h", 5, 6), "f/b/t": NoteRecord("g2", "h", 5, 106, removed=9)}
    state = DeckState("f", notes=records)
    path = tmp_path / "f.anki-state.json"
    path.write_bytes(dump_state(state))
    assert read_state(path, "f") == state
    assert read_state(tmp_path / "missing.json", "f") == DeckState("f")
    plain = {"f/a/t": NoteRecord("g1", "h", 5, 6), "f/b/t": NoteRecord("g+/=", "h", 5, 7)}
    assert dump_state(DeckState("f", notes=plain)).decode().splitlines()[-4:-2] == [
        '  "f/a/t": ["g1", "h", 5, 6],',
        '  "f/b/t": ["g+/=", "h", 5, 7]',
    ]

    other_file = {"format": 1, "file": "other", "note_types": {}, "notes": {}}
    path.write_text(json.dumps(other_file), encoding="utf-8")
    with pytest.raises(QuizgenError, match="unreadable Anki state file: expected format 1 and file 'f'"):
        read_state(path, "f")
    bad_row = {"format": 1, "file": "f", "note_types": {}, "notes": {"f/a/t": ["g", 5, 1, 2]}}
    path.write_text(json.dumps(bad_row), encoding="utf-8")
    with pytest.raises(QuizgenError, match="bad note entry"):
        read_state(path, "f")
    bad_type = {"format": 1, "file": "f", "note_types": {"basic": {"hash": "h", "changed": "x"}}, "notes": {}}
    path.write_text(json.dumps(bad_type), encoding="utf-8")
    with pytest.raises(QuizgenError, match="bad note type entry"):
        read_state(path, "f")
    path.write_text("{", encoding="utf-8")
    with pytest.raises(QuizgenError, match=str(path)):
        read_state(path, "f")


def test_removed_search_escapes_anki_search_syntax() -> None:
    removed = ("f/person:a_b/person.role", "f/x/t*")
    report = ChangeReport(Path("d.apkg"), Changes((), (), (), removed, ()))
    assert report.removed_search() == r'"QuizgenId:f/person\:a\_b/person.role" OR "QuizgenId:f/x/t\*"'


def test_guids_never_change_whether_made_one_at_a_time_or_in_a_batch() -> None:
    known = {  # what every student's notes are keyed by: these values must never change
        "f/fact/quote.who-said": "+8PHb3yl6Fpe",
        "seed/vote-1/vote.counts": "9ltUsNw9BG6R",
        "f/é/t": "gkQzAr1+dKUR",
        "": "ilSxCS3E333R",
    }
    assert note_guids(list(known)) == list(known.values())
    assert [note_guid(uid) for uid in known] == list(known.values())
    uids = [f"f/fact-{i}/t" for i in range(50)]
    assert note_guids(uids) == [note_guid(uid) for uid in uids]
    assert note_guids([]) == []


def test_stable_ids_are_deterministic_and_javascript_safe() -> None:
    assert stable_id("quizgen", "deck", "x") == stable_id("quizgen", "deck", "x")
    assert stable_id("quizgen", "deck", "x") != stable_id("quizgen", "deck", "y")
    assert all(1 << 40 <= stable_id(str(i)) < 1 << 53 for i in range(1000))


def test_package_zip_entries_have_fixed_dates_and_order(fact_path: Path) -> None:
    from quizgen.anki import render_deck
    from quizgen.loading import load_fact_file
    from quizgen.questions import generate_questions

    fact_file = load_fact_file(fact_path)
    with OutputBatch() as batch:
        render_deck(
            fact_file, generate_questions(fact_file), fact_path.parent / "decks", 1_750_000_000, batch
        )
        batch.commit()
    entries = zipfile.ZipFile(fact_path.parent / "decks" / "anki-sample.apkg").infolist()
    assert [(e.filename, e.date_time) for e in entries] == [
        ("collection.anki2", (1980, 1, 1, 0, 0, 0)),
        ("media", (1980, 1, 1, 0, 0, 0)),
    ]


def test_a_state_file_reads_back_whatever_its_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = {
        "f/a/t": NoteRecord("g1", "h1", 5, 100),
        'f/"quoted"/t': NoteRecord("g2", "h2", 5, 200),
        "f/é/t": NoteRecord("g3", "h3", 7, 300, removed=9),
    }
    state = DeckState("f", {"basic": NoteTypeRecord("t", 4)}, records)
    written = tmp_path / "written.json"
    written.write_bytes(dump_state(state))
    assert written.read_text(encoding="utf-8").splitlines()[-6:] == [
        ' "notes": {',
        '  "f/a/t": ["g1", "h1", 5, 100],',
        '  "f/\\"quoted\\"/t": ["g2", "h2", 5, 200],',
        '  "f/\\u00e9/t": ["g3", "h3", 7, 300, 9]',
        " }",
        "}",
    ]
    reformatted = tmp_path / "reformatted.json"
    reformatted.write_text(json.dumps(json.loads(written.read_bytes()), indent=4), encoding="utf-8")
    for path in (reformatted, written):
        read = read_state(path, "f")
        assert read == state
        assert list(read.notes) == list(records), "the file's order is kept"
        # The layout quizgen writes is read line by line, never as a whole JSON document.
        monkeypatch.setattr(quizgen.anki.state, "_read_json", None)


_records = st.builds(
    NoteRecord,
    st.text(),
    st.text(),
    st.integers(0, 2**53),
    st.integers(0, 2**53),
    st.integers(0, 2**53),
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), _records, max_size=8))
def test_any_state_is_written_as_valid_json_and_read_back(records: dict[str, NoteRecord]) -> None:
    state = DeckState("f", notes=records)
    written = dump_state(state)
    assert json.loads(written)["notes"] == {
        uid: [r.guid, r.hash, r.changed, r.note_id, *([r.removed] if r.removed else [])]
        for uid, r in records.items()
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.anki-state.json"
        path.write_bytes(written)
        assert read_state(path, "f") == state
