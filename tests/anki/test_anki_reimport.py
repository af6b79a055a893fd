"""The life of a deck in real Anki: import, study, edit the fact file, rebuild, re-import."""

from __future__ import annotations

from pathlib import Path

import yaml
from anki.collection import Collection
from anki_support import T0, BuildDeck, answer_cards, db, import_deck, notes_by_uid

T1 = T0 + 86_400


def edit_fact_file(path: Path) -> None:
    """Change the quote's context, add a quote, remove the free-form question."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    facts = data["facts"]
    quote = next(f for f in facts if f["id"] == "rubio-serious")
    quote["context"] = "Said of the Russian delegation after four and a half hours of talks."
    facts.append(
        {
            "id": "rubio-new",
            "kind": "quote",
            "source": "pivot",
            "speaker": "rubio",
            "text": "We will see",
            "date": "2025-02-19",
        }
    )
    data["facts"] = [f for f in facts if f["id"] != "free"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_first_import_has_every_note_card_and_field(
    fact_path: Path, build_deck: BuildDeck, collection: Collection
) -> None:
    built = build_deck(fact_path, T0)
    log = import_deck(collection, built.apkg)

    assert len(log.new) == len(built.report.changes.new) == 14
    notes = notes_by_uid(collection)
    assert sorted(notes) == sorted(built.report.changes.new)
    # one card per note, plus one for the second deletion of the vote-counts cloze and of the cloze fact
    assert collection.card_count() == 14 + 2
    assert collection.decks.id_for_name("Tests::Anki sample")

    who = notes["anki-sample/rubio-serious/quote.who-said"]
    fields = who["fields"]
    assert isinstance(fields, dict)
    assert "&lt;serious&gt; process &amp; more" in fields["Question"]
    assert fields["Answer"] == "Marco Rubio"
    assert fields["Context"].endswith("Said of the Russian delegation.")
    assert fields["FactId"] == "rubio-serious"
    assert fields["Kind"] == "quote"
    assert fields["Source"] == (
        "“The secret behind the &lt;pivot&gt; &amp; more”, Defense Feeds, "
        '22 February 2025, <a href="https://example.org/article?a=1&amp;b=2">'
        "https://example.org/article?a=1&amp;b=2</a>"
    )
    assert who["tags"] == ["diplomacy", "quizgen::kind::quote", "quizgen::source::pivot", "sample"]
    assert who["mod"] == T0
    assert who["notetype"] == "quizgen basic (anki-sample)"

    vote = notes["anki-sample/un-vote/vote.counts-cloze"]
    assert vote["notetype"] == "quizgen cloze (anki-sample)"
    assert vote["tags"] == [
        "quizgen::kind::vote",
        "quizgen::source::pivot",
        "quizgen::source::second",
        "sample",
    ]


def test_cards_render_escaped_text_and_the_source_on_the_back(
    fact_path: Path, build_deck: BuildDeck, collection: Collection
) -> None:
    import_deck(collection, build_deck(fact_path, T0).apkg)
    note = collection.get_note(collection.find_notes('"QuizgenId:anki-sample/free/question.basic"')[0])
    card = note.cards()[0]

    assert "(answer with &lt;b&gt;plain&lt;/b&gt; text)" in card.question()
    assert "Half the revenues" not in card.question()
    answer = card.answer()
    assert "Half the revenues" in answer
    assert "Source: “Second article”" in answer

    cloze = collection.get_note(collection.find_notes('"QuizgenId:anki-sample/minerals/cloze.cloze"')[0])
    first, second = sorted(cloze.cards(), key=lambda c: c.ord)
    assert "rare earth minerals" not in first.question() and "$500 billion" in first.question()
    assert "rare earth minerals" in first.answer()
    assert "$500 billion" not in second.question() and "rare earth minerals" in second.question()


def test_rebuild_after_edits_updates_only_what_changed(
    fact_path: Path, build_deck: BuildDeck, collection: Collection
) -> None:
    first = build_deck(fact_path, T0)
    import_deck(collection, first.apkg)
    db(collection).execute("UPDATE notes SET usn = 0")  # as if synced: a rewritten note gets usn -1 again
    answer_cards(collection, "Tests::Anki sample", 5)
    reviews_before = db(collection).all("SELECT id, cid, ease, ivl FROM revlog ORDER BY id")
    cards_before = db(collection).all("SELECT id, nid, ord, type, queue, ivl, reps FROM cards ORDER BY id")
    before = notes_by_uid(collection)
    assert len(reviews_before) == 5

    edit_fact_file(fact_path)
    second = build_deck(fact_path, T1)
    report = second.report.changes
    quote_uids = {uid for uid in before if uid.startswith("anki-sample/rubio-serious/")}
    assert set(report.changed) == quote_uids
    assert report.new and all(uid.startswith("anki-sample/rubio-new/") for uid in report.new)
    assert report.removed == ("anki-sample/free/question.basic",)
    assert set(report.unchanged) == set(before) - quote_uids - set(report.removed)
    assert any("Anki's browser" in line for line in second.report.lines())

    log = import_deck(collection, second.apkg)
    after = notes_by_uid(collection)

    assert len(log.updated) == len(report.changed)
    assert len(log.new) == len(report.new)
    assert len(after) == len(before) + len(report.new)  # nothing duplicated, nothing deleted
    assert len({n["guid"] for n in after.values()}) == len(after)
    for uid in report.changed:
        fields = after[uid]["fields"]
        assert isinstance(fields, dict)
        assert "after four and a half hours of talks." in fields["Context"]
        assert after[uid]["mod"] == T1
        assert after[uid]["id"] == before[uid]["id"]
    for uid in report.unchanged:
        assert after[uid]["mod"] == before[uid]["mod"] == T0
        assert after[uid]["usn"] == 0, f"{uid} was rewritten"
        assert after[uid]["fields"] == before[uid]["fields"]
    assert db(collection).all("SELECT id, cid, ease, ivl FROM revlog ORDER BY id") == reviews_before
    cards_now = {
        row[0]: row
        for row in db(collection).all("SELECT id, nid, ord, type, queue, ivl, reps FROM cards ORDER BY id")
    }
    for row in cards_before:
        assert cards_now[row[0]] == row  # scheduling untouched, including the answered cards

    removed = collection.find_notes(second.report.removed_search())
    assert [collection.get_note(n)["QuizgenId"] for n in removed] == list(report.removed)

    again = import_deck(collection, second.apkg)
    assert (len(again.new), len(again.updated)) == (0, 0)


def test_edit_free_rebuild_is_byte_identical(fact_path: Path, build_deck: BuildDeck) -> None:
    first = build_deck(fact_path, T0)
    apkg, state = first.apkg.read_bytes(), first.state.read_bytes()

    second = build_deck(fact_path, T1)

    assert second.apkg.read_bytes() == apkg
    assert second.state.read_bytes() == state
    assert second.report.changes.new == second.report.changes.changed == second.report.changes.removed == ()


def test_students_own_edit_survives_a_rebuild_that_did_not_touch_the_note(
    fact_path: Path, build_deck: BuildDeck, collection: Collection
) -> None:
    import_deck(collection, build_deck(fact_path, T0).apkg)
    uid = "anki-sample/free/question.basic"
    note = collection.get_note(collection.find_notes(f'"QuizgenId:{uid}"')[0])
    note["Answer"] = "Half the revenues (my mnemonic: 50/50)"
    collection.update_note(note)

    fact_path.write_text(
        fact_path.read_text(encoding="utf-8").replace(
            "Said of the Russian delegation.", "Said of the delegation."
        ),
        encoding="utf-8",
    )
    rebuilt = build_deck(fact_path, T1)
    import_deck(collection, rebuilt.apkg)

    assert uid in rebuilt.report.changes.unchanged and rebuilt.report.changes.changed
    assert collection.get_note(note.id)["Answer"] == "Half the revenues (my mnemonic: 50/50)"


def test_same_second_rebuild_still_moves_the_time_of_a_changed_note(
    fact_path: Path, build_deck: BuildDeck, collection: Collection
) -> None:
    import_deck(collection, build_deck(fact_path, T0).apkg)
    edit_fact_file(fact_path)
    rebuilt = build_deck(fact_path, T0)  # the clock has not moved (or went backwards)

    log = import_deck(collection, rebuilt.apkg)

    assert len(log.updated) == len(rebuilt.report.changes.changed) > 0
