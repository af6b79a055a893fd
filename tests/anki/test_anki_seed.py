"""The curated seed fact file through real Anki: build, study, edit a copy, rebuild, re-import."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from anki.collection import Collection
from anki_support import T0, BuildDeck, answer_cards, db, import_deck, notes_by_uid

SEED = Path(__file__).parents[2] / "seeds" / "us-russia-2025.yaml"
T1 = T0 + 7 * 86_400

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="the seed fact file is not there")


def edit_seed(path: Path) -> tuple[str, str, str]:
    """Change the first quote's context, add a quote, remove the last free-form question.
    Returns the ids of the changed, added and removed facts."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    facts = data["facts"]
    quote = next(f for f in facts if f["kind"] == "quote")
    quote["context"] = "Context rewritten by the teacher."
    removed = [f for f in facts if f["kind"] == "question"][-1]
    added = {
        "id": "teacher-added-quote",
        "kind": "quote",
        "source": quote["source"],
        "speaker": quote["speaker"],
        "text": "A sentence the teacher added",
    }
    data["facts"] = [f for f in facts if f is not removed] + [added]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return quote["id"], added["id"], removed["id"]


def test_seed_deck_survives_an_edit_and_a_reimport(
    tmp_path: Path, build_deck: BuildDeck, collection: Collection
) -> None:
    fact_path = tmp_path / "seeds" / SEED.name
    fact_path.parent.mkdir()
    shutil.copy(SEED, fact_path)
    first = build_deck(fact_path, T0)
    assert len(import_deck(collection, first.apkg).new) == len(first.report.changes.new) > 50
    db(collection).execute("UPDATE notes SET usn = 0")
    answer_cards(collection, "Current affairs::US and Russia 2025", 10)
    reviews = db(collection).all("SELECT id, cid, ease FROM revlog ORDER BY id")
    before = notes_by_uid(collection)

    changed_id, added_id, removed_id = edit_seed(fact_path)
    second = build_deck(fact_path, T1)
    report = second.report.changes
    prefix = "us-russia-2025/"
    assert report.changed and all(uid.startswith(f"{prefix}{changed_id}/") for uid in report.changed)
    assert report.new and all(uid.startswith(f"{prefix}{added_id}/") for uid in report.new)
    assert report.removed and all(uid.startswith(f"{prefix}{removed_id}/") for uid in report.removed)

    log = import_deck(collection, second.apkg)
    after = notes_by_uid(collection)

    assert (len(log.new), len(log.updated), len(log.conflicting)) == (len(report.new), len(report.changed), 0)
    assert len(after) == len(before) + len(report.new)
    assert len({note["guid"] for note in after.values()}) == len(after)
    assert all("Context rewritten by the teacher." in str(after[uid]["fields"]) for uid in report.changed)
    assert all((after[uid]["mod"], after[uid]["usn"]) == (T0, 0) for uid in report.unchanged)
    assert db(collection).all("SELECT id, cid, ease FROM revlog ORDER BY id") == reviews
    removed_notes = collection.find_notes(second.report.removed_search())
    found = [collection.get_note(n)["QuizgenId"] for n in removed_notes]
    assert sorted(found) == sorted(report.removed)

    built_bytes = second.apkg.read_bytes(), second.state.read_bytes()
    rebuilt = build_deck(fact_path, T1 + 3600)
    assert (rebuilt.apkg.read_bytes(), rebuilt.state.read_bytes()) == built_bytes
