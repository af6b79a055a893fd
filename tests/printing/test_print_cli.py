"""`quizgen build` writes the documented quiz files, and refuses bad quiz options without writing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from quizgen.cli import main
from quizgen.printing import quiz_paths

FIXTURE = Path(__file__).parent / "data" / "classroom.yaml"


def quiz_files(out_dir: Path) -> list[Path]:
    return sorted(p.relative_to(out_dir) for p in (out_dir / "quizzes").iterdir())


def test_build_writes_every_version_and_the_key(tmp_path: Path) -> None:
    args = ["build", str(FIXTURE), "-o", str(tmp_path), "--versions", "3", "--seed", "2", "--count", "6"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert quiz_files(tmp_path) == sorted(quiz_paths("classroom", 3))
    assert Path("quizzes/classroom-version-C.pdf") in quiz_files(tmp_path)


def test_same_options_give_identical_files(tmp_path: Path) -> None:
    for run in ("one", "two"):
        args = ["build", str(FIXTURE), "-o", str(tmp_path / run), "--seed", "5", "--tag", "diplomacy"]
        assert CliRunner().invoke(main, args).exit_code == 0
    for path in quiz_files(tmp_path / "one"):
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes()


def test_bad_versions_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(FIXTURE), "-o", str(tmp_path / "out"), "--versions", "0"])
    assert result.exit_code == 1
    assert "--versions must be between 1 and 26, not 0" in result.output
    assert not (tmp_path / "out").exists()


def test_a_tag_nothing_carries_means_no_quiz_and_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(FIXTURE), "-o", str(tmp_path), "--tag", "no-such-tag"])
    assert result.exit_code == 0, result.output
    assert "classroom.yaml: no quiz: no question has the tag(s) asked for" in result.output
    assert not (tmp_path / "quizzes").exists()


def test_paper_sets_the_page_size_of_pdf_and_html(tmp_path: Path) -> None:
    args = ["build", str(FIXTURE), "-o", str(tmp_path), "--count", "4", "--paper", "us-letter"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for name in ("classroom-version-A.pdf", "classroom-key.pdf"):
        pages = PdfReader(tmp_path / "quizzes" / name).pages
        assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in pages} == {(612, 792)}
    assert "size: letter;" in (tmp_path / "quizzes" / "classroom-version-A.html").read_text(encoding="utf-8")
