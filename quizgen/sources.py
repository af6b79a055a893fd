"""Find fact files on disk, check that they can be built together, and check quotes against the local text
copies of their sources."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from quizgen.errors import Problem, QuizgenError, Severity
from quizgen.loading.yaml_nodes import read_utf8
from quizgen.model import FactFile, Quote

FACT_FILE_SUFFIXES = (".yaml", ".yml")

_QUOTE_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)


def find_fact_files(paths: Iterable[Path]) -> list[Path]:
    """The fact files named by ``paths``: files as given, folders as their ``*.yaml``/``*.yml`` files."""
    found: list[Path] = []
    missing: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix in FACT_FILE_SUFFIXES and p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(
                Problem(path, 0, 0, "", "no such file or folder", "expected a fact file or a folder")
            )
    if missing:
        raise QuizgenError(missing)
    if not found:
        raise QuizgenError(
            [Problem(p, 0, 0, "", "holds no fact files", "expected *.yaml files") for p in paths]
        )
    unique: dict[Path, Path] = {}  # a file named twice (or as itself and through its folder) is read once
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def shared_ids(fact_files: Sequence[FactFile]) -> list[Problem]:
    """Outputs and Anki GUIDs derive from the file id, so two files with one id would overwrite each other."""
    first_with_id: dict[str, Path] = {}
    problems = []
    for fact_file in fact_files:
        first = first_with_id.setdefault(fact_file.id, fact_file.path)
        if first != fact_file.path:
            problems.append(
                Problem(
                    fact_file.path,
                    0,
                    0,
                    "id",
                    f"{fact_file.id!r} is also the id of {first}",
                    "expected every fact file to have its own id",
                )
            )
    return problems


def normalise(text: str) -> str:
    """Fold the differences a quote check should ignore: quote styles, dashes, whitespace and case."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_FOLDS)
    return re.sub(r"\s+", " ", text).strip().casefold()


def check_quotes(fact_file: FactFile, sources_dir: Path) -> list[Problem]:
    """Every quote must appear, normalised, in the text copy of each of its sources that has one."""
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for index, source in enumerate(fact_file.sources):
        if not source.file:
            texts[source.id] = None
            continue
        path = sources_dir / source.file
        if not path.is_file():
            problems.append(
                Problem(
                    fact_file.path,
                    0,
                    0,
                    f"sources[{index}].file",
                    f"{path} does not exist",
                    f"expected the text of {source.id!r} in {sources_dir}",
                )
            )
            texts[source.id] = None
            continue
        try:
            texts[source.id] = normalise(read_utf8(path))
        except QuizgenError as exc:
            problems.extend(exc.problems)
            texts[source.id] = None
    for index, fact in enumerate(fact_file.facts):
        if not isinstance(fact, Quote):
            continue
        wanted = normalise(fact.text)
        for source_id in fact.sources:
            text = texts.get(source_id)
            if text is not None and wanted not in text:
                where = fact.location
                problems.append(
                    Problem(
                        fact_file.path,
                        where.line if where else 0,
                        where.column if where else 0,
                        f"facts[{index}].text",
                        f"the quote is not in the text of source {source_id!r}",
                        f"expected the verbatim words as they appear in {fact_file.source(source_id).file}",
                        Severity.ERROR,
                    )
                )
    return problems
