"""`quizgen build` end to end, Anki side: change report, reproducible decks, nothing written on error."""

from __future__ import annotations

import shutil
from pathlib import Path

from anki_support import SAMPLE
from click.testing import CliRunner

from quizgen.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_build_prints_a_change_report_and_rebuilds_identically(tmp_path: Path, monkeypatch: object) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    shutil.copy(SAMPLE, facts / "sample.yaml")
    out = tmp_path / "decks"

    code, output = run("build", str(facts), "-o", str(out))
    assert code == 0, output
    assert f"{out / 'anki-sample.apkg'}: 14 new, 0 changed, 0 unchanged, 0 removed" in output
    first = (out / "anki-sample.apkg").read_bytes(), (out / "anki-sample.anki-state.json").read_bytes()

    code, output = run("build", str(facts), "-o", str(out))
    assert code == 0, output
    assert f"{out / 'anki-sample.apkg'}: 0 new, 0 changed, 14 unchanged, 0 removed" in output
    assert (
        (out / "anki-sample.apkg").read_bytes(),
        (out / "anki-sample.anki-state.json").read_bytes(),
    ) == first


def test_an_invalid_input_writes_nothing(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    shutil.copy(SAMPLE, facts / "sample.yaml")
    out = tmp_path / "decks"
    assert run("build", str(facts), "-o", str(out))[0] == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    text = (facts / "sample.yaml").read_text(encoding="utf-8")
    (facts / "sample.yaml").write_text(
        text.replace("Said of the Russian delegation.", "Said of the delegation.")
        + "  - id: broken\n    kind: quote\n",
        encoding="utf-8",
    )
    code, output = run("build", str(facts), "-o", str(out))

    assert code == 1
    assert "Traceback" not in output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_bad_card_template_folder_is_a_clean_error(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    facts.mkdir()
    shutil.copy(SAMPLE, facts / "sample.yaml")
    templates = tmp_path / "cards"
    templates.mkdir()
    (templates / "card.css").write_text(".card {}", encoding="utf-8")
    (templates / "basic_front.html").write_text("{{Qestion}}", encoding="utf-8")

    code, output = run("build", str(facts), "-o", str(tmp_path / "decks"), "--card-templates", str(templates))

    assert code == 1
    assert "basic_front.html:1:1: unknown field 'Qestion' in {{Qestion}}" in output
    assert not (tmp_path / "decks").exists()
