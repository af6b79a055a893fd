"""Note types in real Anki: styling changes reach the student; renaming a field keeps updates flowing."""

from __future__ import annotations

from pathlib import Path

import pytest
from anki.collection import Collection
from anki_support import T0, BuildDeck, db, import_deck, notes_by_uid

from quizgen.anki import notetypes
from quizgen.anki.card_templates import TEMPLATE_FILES
from quizgen.errors import QuizgenError

T1 = T0 + 3600


def test_the_field_list_never_changes() -> None:
    # Real Anki refuses to update any note whose note type gained or lost a field (see docs/anki.md). Rename a
    # spare field instead of adding one; never reorder.
    assert notetypes.FIELDS == (
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


def test_note_types_carry_stable_field_and_template_ids(
    fact_path: Path, build_deck: BuildDeck, collection: Collection
) -> None:
    import_deck(collection, build_deck(fact_path, T0).apkg)
    basic = collection.models.by_name("quizgen basic (anki-sample)")
    assert basic is not None
    assert [f["name"] for f in basic["flds"]] == list(notetypes.FIELDS)
    assert [f["id"] for f in basic["flds"]] == [notetypes.field_id("basic", i) for i in range(10)]
    assert basic["tmpls"][0]["id"]
    assert basic["mod"] == T0
    assert ".nightMode" in basic["css"] and ".night_mode" in basic["css"]


def test_changed_styling_updates_the_note_type_but_no_note(
    fact_path: Path, build_deck: BuildDeck, collection: Collection, tmp_path: Path
) -> None:
    import_deck(collection, build_deck(fact_path, T0).apkg)
    db(collection).execute("UPDATE notes SET usn = 0")
    overrides = tmp_path / "card-templates"
    overrides.mkdir()
    (overrides / "card.css").write_text(".card { font-size: 30px; }\n", encoding="utf-8")

    rebuilt = build_deck(fact_path, T1, card_templates=overrides)
    log = import_deck(collection, rebuilt.apkg)

    assert rebuilt.report.changes.changed_note_types == ("basic", "cloze")
    assert rebuilt.report.changes.changed == ()
    assert len(log.updated) == 0
    basic = collection.models.by_name("quizgen basic (anki-sample)")
    assert basic is not None
    assert basic["css"] == ".card { font-size: 30px; }\n"
    assert basic["mod"] == T1
    assert all(note["usn"] == 0 and note["mod"] == T0 for note in notes_by_uid(collection).values())


def test_renaming_a_spare_field_later_keeps_updates_flowing(
    fact_path: Path, build_deck: BuildDeck, collection: Collection, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_deck(collection, build_deck(fact_path, T0).apkg)
    renamed = (*notetypes.FIELDS[:7], "Hint", *notetypes.FIELDS[8:])
    monkeypatch.setattr(notetypes, "FIELDS", renamed)
    fact_path.write_text(
        fact_path.read_text(encoding="utf-8").replace(
            "Said of the Russian delegation.", "Said of the delegation."
        ),
        encoding="utf-8",
    )

    rebuilt = build_deck(fact_path, T1)
    log = import_deck(collection, rebuilt.apkg)

    assert len(log.conflicting) == 0
    assert len(log.updated) == len(rebuilt.report.changes.changed) > 0
    basic = collection.models.by_name("quizgen basic (anki-sample)")
    assert basic is not None
    assert [f["name"] for f in basic["flds"]][7] == "Hint"
    assert len(collection.models.all_names_and_ids()) == 6 + 2  # Anki's built-in note types + ours, no copy


def test_override_folder_rejects_unknown_file_names_and_fields(
    fact_path: Path, build_deck: BuildDeck, tmp_path: Path
) -> None:
    overrides = tmp_path / "card-templates"
    overrides.mkdir()
    (overrides / "basic-front.html").write_text("{{Question}}", encoding="utf-8")
    (overrides / "basic_back.html").write_text(
        "{{FrontSide}}\n<hr id=answer>\n  {{#Contxt}}x{{/Contxt}}", encoding="utf-8"
    )

    with pytest.raises(QuizgenError) as caught:
        build_deck(fact_path, T0, card_templates=overrides)

    message = caught.value.format()
    assert f"{overrides / 'basic-front.html'}: not a card template file name — expected one of" in message
    assert f"{overrides / 'basic_back.html'}:3:3: unknown field 'Contxt' in {{{{#Contxt}}}}" in message
    assert not (tmp_path / "decks").exists()


def test_every_packaged_card_template_is_shipped() -> None:
    from importlib import resources

    folder = resources.files("quizgen.anki").joinpath("templates")
    assert sorted(p.name for p in folder.iterdir()) == sorted(TEMPLATE_FILES)
