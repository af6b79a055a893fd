"""A project's folder of template overrides: only file names quizgen knows, every problem reported at once.

Used for all three kinds of template a project can replace: question templates, Anki card templates and
print templates. A misspelt file name would otherwise be silently ignored, and the built-in used instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from quizgen.errors import Problem, QuizgenError


def override_files(
    folder: Path, names: Sequence[str], what: str, ignored_suffixes: Sequence[str] = ()
) -> tuple[dict[str, Path], list[Problem]]:
    """The known files of ``folder`` by name, and a problem for each unknown one (so that a caller can report
    them together with its own). A missing folder raises QuizgenError: there is nothing more to report.

    Hidden files, sub-folders and files ending in one of ``ignored_suffixes`` are passed over.
    """
    if not folder.is_dir():
        raise QuizgenError(
            Problem(
                folder,
                0,
                0,
                "",
                f"{what} folder not found",
                "expected a folder holding any of " + ", ".join(names),
            )
        )
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    also = f" (or files ending in {', '.join(ignored_suffixes)})" if ignored_suffixes else ""
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not path.is_file() or path.suffix.lower() in ignored_suffixes:
            continue
        if path.name in names:
            found[path.name] = path
        else:
            problems.append(
                Problem(
                    path, 0, 0, "", f"not a {what} file name", f"expected one of {', '.join(names)}{also}"
                )
            )
    return found, problems


def read_overrides(
    folder: Path, names: Sequence[str], what: str, ignored_suffixes: Sequence[str] = ()
) -> tuple[dict[str, str], list[Problem]]:
    """The texts of ``folder``'s known files by name, decoded as UTF-8 with their newlines untouched, and the
    problems found (unknown names, unreadable files)."""
    texts: dict[str, str] = {}
    files, problems = override_files(folder, names, what, ignored_suffixes)
    for name, path in files.items():
        try:
            texts[name] = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(
                Problem(path, 0, 0, "", f"cannot read {what}: {exc}", "expected a UTF-8 text file")
            )
    return texts, problems
