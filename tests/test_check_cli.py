"""`quizgen check` through click's test runner: exit codes, the summary on stdout, problems on stderr."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizgen.cli import main

TextBuilder = Callable[..., str]
Writer = Callable[..., Path]

REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_FILE = REPO_ROOT / "seeds" / "us-russia-2025.yaml"
SOURCE_TEXTS = REPO_ROOT.parent / "shared" / "seeds"

MINIMAL_SUMMARY = "ok — 1 fact (1 quote), 1 person, 0 organisations, 1 source"
UNUSED_BOB = "warning: 'bob' is never referred to — expected every entry to be used by a fact (or remove it)"


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def line_col(text: str, needle: str) -> str:
    index = text.index(needle)
    return f"{text.count(chr(10), 0, index) + 1}:{index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def test_valid_file(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    path = write_fact_file(fact_file_text())
    result = run("check", path)
    assert result.exit_code == 0
    assert result.stdout == f"{path}: {MINIMAL_SUMMARY}\n"
    assert result.stderr == ""


def test_summary_counts_every_kind(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(
        organisations="organisations:\n  - {id: un, name: United Nations}\n",
        more_sources="- {id: other, title: Another source}",
        more_facts="""
        - {id: q2, kind: quote, source: other, speaker: un, text: Hi}
        - {id: ev, kind: event, source: src, summary: Talks were held}
        - {id: v, kind: vote, source: src, body: UN, motion: M}
        - {id: fq, kind: question, source: src, question: "Who spoke?", answer: Ann}
        - {id: c1, kind: cloze, source: src, text: "{{c1::Ann}} spoke"}
        - {id: c2, kind: cloze, source: src, text: "{{c1::Ann}} spoke again"}
        """,
    )
    path = write_fact_file(text)
    result = run("check", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"{path}: ok — 7 facts (2 quotes, 1 event, 1 vote, 1 question, 2 clozes), "
        "1 person, 1 organisation, 2 sources\n"
    )


def test_invalid_file(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text().replace("as_of: 2025-03", "as_of: 2025-02-30")
    path = write_fact_file(text)
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:6:8: as_of: '2025-02-30' is not a real date — expected a day from 01 to 28 for that month\n"
        "quizgen: 1 problem(s) found\n"
    )


def test_yaml_error_is_a_message_not_a_traceback(write_fact_file: Writer) -> None:
    path = write_fact_file("facts: [\n")
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:2:1: invalid YAML: ")


def test_folder_means_every_yaml_file_in_it(
    fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path
) -> None:
    write_fact_file(fact_file_text().replace("id: test-file", "id: other-file"), "facts/b.yaml")
    write_fact_file(fact_file_text(), "facts/a.yaml")
    write_fact_file("not: a fact file\n", "facts/notes.txt")
    write_fact_file("format: [\n", "facts/nested/broken.yaml")
    result = run("check", tmp_path / "facts")
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "facts"
    assert (
        result.stdout == f"{folder / 'a.yaml'}: {MINIMAL_SUMMARY}\n{folder / 'b.yaml'}: {MINIMAL_SUMMARY}\n"
    )


def test_two_files_sharing_an_id_fail_check_as_they_would_fail_build(
    fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path
) -> None:
    write_fact_file(fact_file_text(), "facts/a.yaml")
    write_fact_file(fact_file_text(), "facts/b.yaml")
    result = run("check", tmp_path / "facts", tmp_path / "facts" / "a.yaml")
    folder = tmp_path / "facts"
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{folder / 'b.yaml'}: id: 'test-file' is also the id of {folder / 'a.yaml'}"
        " — expected every fact file to have its own id"
    )
    assert result.stdout.count("a.yaml: ok") == 1, "a file named twice is checked once"


def test_folder_with_a_bad_file(fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path) -> None:
    good = write_fact_file(fact_file_text(), "facts/good.yaml")
    bad = write_fact_file(fact_file_text().replace("language: en", "language: English!"), "facts/bad.yaml")
    result = run("check", tmp_path / "facts")
    assert result.exit_code == 1
    assert result.stdout == f"{good}: {MINIMAL_SUMMARY}\n"
    assert result.stderr == (
        f"{bad}:5:11: language: 'English!' is not a language tag "
        "— expected a BCP 47 tag like 'en' or 'en-GB'\n"
        "quizgen: 1 problem(s) found\n"
    )


def test_default_path_is_seeds(
    fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_fact_file(fact_file_text(), "seeds/topic.yaml")
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{Path('seeds') / 'topic.yaml'}: {MINIMAL_SUMMARY}\n"


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run("check", missing)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"{missing}: no such file or folder — expected a fact file or a folder\n"


def test_folder_without_fact_files(tmp_path: Path) -> None:
    result = run("check", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path}: holds no fact files — expected *.yaml files\n"


def test_warning_passes_without_strict_and_fails_with_it(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    text = fact_file_text(more_people="- {id: bob, name: Bob Example, role: Envoy}")
    path = write_fact_file(text)
    warning = f"{path}:{line_col(text, 'bob')}: people[1].id: {UNUSED_BOB}\n"

    lenient = run("check", path)
    assert lenient.exit_code == 0
    assert lenient.stdout == f"{path}: ok — 1 fact (1 quote), 2 people, 0 organisations, 1 source\n"
    assert lenient.stderr == warning

    strict = run("check", "--strict", path)
    assert strict.exit_code == 1
    assert strict.stderr == warning + "quizgen: 1 problem(s) found\n"


# --- --sources ----------------------------------------------------------------------------------------------

SOURCE_TEXT = (
    "Officials spoke after the talks.\n"
    "“They’re willing to engage in a serious process — to determine how and when\n"
    "this war can end,” he said.\n"
)


def quote_file(fact_file_text: TextBuilder, quote: str) -> str:
    return fact_file_text(
        sources="sources:\n  - id: src\n    title: A source\n    file: article.txt\n",
        facts=f"""
        facts:
          - id: ann-hello
            kind: quote
            source: src
            speaker: ann
            text: {quote}
        """,
    )


@pytest.mark.parametrize(
    "quote",
    [
        '"They\'re willing to engage in a serious process - to determine how and when this war can end"',
        "'THEY’RE   WILLING to engage in a serious process – to determine'",
        "this war can end",
    ],
    ids=["straight-quotes-and-hyphen", "case-whitespace-en-dash", "across-a-line-break"],
)
def test_sources_quote_found_after_normalising(
    fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path, quote: str
) -> None:
    path = write_fact_file(quote_file(fact_file_text, quote))
    write_fact_file(SOURCE_TEXT, "texts/article.txt")
    result = run("check", path, "--sources", tmp_path / "texts")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: {MINIMAL_SUMMARY}\n"
    assert result.stderr == ""


def test_sources_quote_not_in_its_source(
    fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path
) -> None:
    text = quote_file(fact_file_text, "They are willing to engage in a serious process")
    path = write_fact_file(text)
    write_fact_file(SOURCE_TEXT, "texts/article.txt")
    result = run("check", path, "--sources", tmp_path / "texts")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}:{line_col(text, 'id: ann-hello')}: facts[0].text: the quote is not in the text of source "
        "'src' — expected the verbatim words as they appear in article.txt\n"
        "quizgen: 1 problem(s) found\n"
    )


def test_sources_without_the_named_file(
    fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path
) -> None:
    path = write_fact_file(quote_file(fact_file_text, "Hello"))
    texts = tmp_path / "texts"
    texts.mkdir()
    result = run("check", path, "--sources", texts)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{path}: sources[0].file: {texts / 'article.txt'} does not exist "
        f"— expected the text of 'src' in {texts}\n"
        "quizgen: 1 problem(s) found\n"
    )


def test_a_source_text_that_is_not_utf8_is_one_problem_among_the_others(
    fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path
) -> None:
    path = write_fact_file(quote_file(fact_file_text, "Hello"))
    write_fact_file(b"caf\xe9\n", "texts/article.txt")
    result = run("check", path, "--sources", tmp_path / "texts")
    assert result.exit_code == 1
    assert result.stdout == f"{path}: {MINIMAL_SUMMARY}\n"
    assert result.stderr == (
        f"{tmp_path / 'texts' / 'article.txt'}:1:4: the file is not UTF-8 (byte 0xe9) "
        "— expected UTF-8 text; re-save the file as UTF-8\n"
        "quizgen: 1 problem(s) found\n"
    )


def test_sources_folder_missing(fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path) -> None:
    path = write_fact_file(fact_file_text())
    result = run("check", path, "--sources", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'nowhere'}: no such folder — expected the folder of source texts\n"


# --- help and the real seed file ----------------------------------------------------------------------------


def test_help() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Turn curated fact files into Anki decks and printable quizzes." in result.stdout
    assert "check" in result.stdout


def test_check_help() -> None:
    result = run("check", "--help")
    assert result.exit_code == 0
    assert "Validate fact files (default: seeds/)." in result.stdout
    assert "--sources" in result.stdout
    assert "--strict" in result.stdout


@pytest.mark.skipif(not SEED_FILE.exists(), reason="seeds/us-russia-2025.yaml is not written yet")
def test_the_seed_file_checks_against_its_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_ROOT)
    result = run("check", "seeds/", "--sources", SOURCE_TEXTS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{Path('seeds') / 'us-russia-2025.yaml'}: ok — ")
