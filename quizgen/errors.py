"""The one error type quizgen raises for bad input, and the problems it carries."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we know it.

    ``line`` and ``column`` are 1-based; 0 means unknown (a problem of the whole file).
    """

    path: Path
    line: int
    column: int
    key_path: str
    message: str
    expected: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else str(self.path)
        key = f" {self.key_path}:" if self.key_path else ""
        expected = f" — {self.expected}" if self.expected else ""
        label = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}:{key} {label}{self.message}{expected}"


class QuizgenError(Exception):
    """Bad input: one or more problems, all reported together. The CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            self.problems: list[Problem] = []
            self.summary = problems
        else:
            self.problems = [problems] if isinstance(problems, Problem) else list(problems)
            self.summary = f"{len(self.problems)} problem(s)"
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(str(p) for p in self.problems) if self.problems else self.summary
