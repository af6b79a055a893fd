"""`quizgen build` as a whole: defaults, all-or-nothing writes, and files that would collide."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main
from quizgen.output import OutputBatch

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "us-russia-2025.yaml"
EXPECTED_OUTPUTS = [
    "quizzes/us-russia-2025-key.html",
    "quizzes/us-russia-2025-key.pdf",
    "quizzes/us-russia-2025-version-A.html",
    "quizzes/us-russia-2025-version-A.pdf",
    "quizzes/us-russia-2025-version-B.html",
    "quizzes/us-russia-2025-version-B.pdf",
    "us-russia-2025.anki-state.json",
    "us-russia-2025.apkg",
]


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_build_defaults_to_seeds_into_decks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert files_under(tmp_path / "decks") == EXPECTED_OUTPUTS
    assert "seeds/us-russia-2025.yaml: 106 questions" in result.stdout


def test_two_files_with_one_id_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    shutil.copy(SEED, facts / "a.yaml")
    shutil.copy(SEED, facts / "b.yaml")
    result = CliRunner().invoke(main, ["build", str(facts), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{facts / 'b.yaml'}: id: 'us-russia-2025' is also the id of {facts / 'a.yaml'}"
        " — expected every fact file to have its own id"
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_an_interrupted_commit_leaves_every_previous_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {tmp_path / "a.txt": b"old a", tmp_path / "b.txt": b"old b"}
    for path, data in old.items():
        path.write_bytes(data)
    batch = OutputBatch()
    for path in old:
        batch.add(path, b"new " + path.name.encode())

    def interrupted(self: Path, target: Path) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.commit()
    assert {path: path.read_bytes() for path in old} == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_commit_replaces_every_file(tmp_path: Path) -> None:
    batch = OutputBatch()
    batch.add(tmp_path / "sub" / "a.txt", b"new a")
    batch.add(tmp_path / "b.txt", b"new b")
    (tmp_path / "b.txt").write_bytes(b"old b")
    batch.commit()
    assert (tmp_path / "sub" / "a.txt").read_bytes() == b"new a"
    assert (tmp_path / "b.txt").read_bytes() == b"new b"
    assert files_under(tmp_path) == ["b.txt", "sub/a.txt"]


def test_an_output_folder_that_is_a_file_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 'out'}: is a file, not a folder — expected a folder to write outputs to"
    )


def test_a_failed_write_is_reported_and_leaves_no_state_file_newer_than_its_deck(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "us-russia-2025.apkg").mkdir(parents=True)  # the deck cannot replace a folder
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{out / 'us-russia-2025.apkg'}: cannot write the output: ")
    assert "Traceback" not in result.output
    assert files_under(out) == [], "nothing after the failed deck was replaced, the state file least of all"


def test_a_file_that_gives_no_quiz_question_says_why(
    tmp_path: Path, fact_file_text: Callable[..., str]
) -> None:
    facts = "facts:\n  - {id: talks, kind: event, source: src, summary: Talks were held.}\n"
    path = tmp_path / "facts.yaml"
    path.write_text(fact_file_text(people="", facts=facts), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"{path}: no quiz: its facts give no quiz question" in result.stdout.splitlines()
    assert not (tmp_path / "out" / "quizzes").exists()


def test_a_streamed_output_appears_only_at_commit(tmp_path: Path) -> None:
    target = tmp_path / "deck.apkg"
    target.write_bytes(b"old deck")
    with OutputBatch() as batch:
        with batch.stream(target) as stream:
            stream.write(b"new deck")
        assert target.read_bytes() == b"old deck"
        batch.add(tmp_path / "deck.state", b"new state")
        batch.commit()
    assert target.read_bytes() == b"new deck"
    assert files_under(tmp_path) == ["deck.apkg", "deck.state"]


def test_a_failed_build_removes_its_temporary_files_and_the_folders_it_made(tmp_path: Path) -> None:
    (tmp_path / "kept.txt").write_bytes(b"old")
    with pytest.raises(RuntimeError), OutputBatch() as batch:
        with batch.stream(tmp_path / "new" / "sub" / "deck.apkg") as stream:
            stream.write(b"half a deck")
        with batch.stream(tmp_path / "kept.txt") as stream:
            stream.write(b"new")
            raise RuntimeError("the build failed half way")
    assert files_under(tmp_path) == ["kept.txt"]
    assert (tmp_path / "kept.txt").read_bytes() == b"old"
    assert not (tmp_path / "new").exists()
