"""Output templates for printed quizzes: the built-in files, or a project's own files in their place.

A project overrides any of them by putting a file of the same name in its print template folder
(``PrintOptions.template_dir``): ``student.typ``, ``key.typ``, ``student.html.j2``, ``key.html.j2``,
``base.html.j2``, ``print.css``. Files it does not override come from the package.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2

from quizgen.errors import Problem, QuizgenError

PACKAGE = "quizgen.printing"
FOLDER = "templates"


@dataclass(frozen=True)
class OutputTemplates:
    override_dir: Path | None = None

    def typst_source(self, name: str) -> tuple[str, bytes]:
        """The template's display path (for messages) and its source."""
        if self.override_dir is not None and (self.override_dir / name).is_file():
            path = self.override_dir / name
            return str(path), path.read_bytes()
        return f"{PACKAGE}/{FOLDER}/{name}", (resources.files(PACKAGE) / FOLDER / name).read_bytes()

    def html_environment(self) -> jinja2.Environment:
        return _html_environment(self.override_dir)


@functools.lru_cache(maxsize=8)
def _html_environment(override_dir: Path | None) -> jinja2.Environment:
    # Shared so that templates are compiled once per process; Jinja reloads a file when it changes.
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader(PACKAGE, FOLDER)]
    if override_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(override_dir))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def template_problem(template: str, message: str) -> QuizgenError:
    return QuizgenError(
        Problem(
            Path(template),
            0,
            0,
            "",
            f"print template failed: {message}",
            "expected a template that uses only the documented data",
        )
    )
