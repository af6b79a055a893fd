"""The options of a build's printed quizzes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.printing.items import LETTERS


@dataclass(frozen=True)
class PrintOptions:
    versions: int = 2
    seed: int = 0
    count: int = 20
    tags: tuple[str, ...] = ()
    """Only questions with at least one of these tags (file tags included); empty means all."""
    paper: str = "a4"
    """Typst paper name: "a4" or "us-letter"."""
    template_dir: Path | None = None
    """A folder whose output templates replace the built-in ones of the same name."""

    def __post_init__(self) -> None:
        if not 1 <= self.versions <= len(LETTERS):
            raise QuizgenError(f"--versions must be between 1 and {len(LETTERS)}, not {self.versions}")
        if self.count < 1:
            raise QuizgenError(f"--count must be at least 1, not {self.count}")
        if self.paper not in ("a4", "us-letter"):
            raise QuizgenError(f"unknown paper size {self.paper!r}: expected a4 or us-letter")


DEFAULT_OPTIONS = PrintOptions()
