"""Output templates for printed quizzes: the built-in files, or a project's own files in their place.

A project overrides any of them by putting a file of the same name in its print template folder
(``PrintOptions.template_dir``): ``student.typ``, ``key.typ``, ``student.html.j2``, ``key.html.j2``,
``base.html.j2``, ``print.css``. Files it does not override come from the package. The folder may also hold
font files for the Typst templates; any other file in it is an error, most likely a misspelt name.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2

from quizgen.errors import Problem, QuizgenError
from quizgen.overrides import read_overrides

PACKAGE = "quizgen.printing"
FOLDER = "templates"
TEMPLATE_FILES = ("student.typ", "key.typ", "student.html.j2", "key.html.j2", "base.html.j2", "print.css")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
"""Files with these endings in the override folder are fonts for the Typst templates, not templates."""


@dataclass(frozen=True)
class OutputTemplates:
    """The templates of one build. Overrides are read and decoded when loaded (``load_output_templates``),
    so that an unreadable file is reported before anything is rendered."""

    override_dir: Path | None = None
    """The project's folder: overrides and fonts. None for the built-in templates only."""
    overrides: tuple[tuple[str, str], ...] = ()
    """File name and text of each template the project overrides."""

    def display_path(self, name: str) -> str:
        """Where the template ``name`` comes from, for messages."""
        if self.override_dir is not None and name in dict(self.overrides):
            return str(self.override_dir / name)
        return f"{PACKAGE}/{FOLDER}/{name}"

    def typst_source(self, name: str) -> tuple[str, bytes]:
        """The template's display path (for messages) and its source."""
        text = dict(self.overrides).get(name)
        if text is not None:
            return self.display_path(name), text.encode("utf-8")
        return self.display_path(name), (resources.files(PACKAGE) / FOLDER / name).read_bytes()

    def html_environment(self) -> jinja2.Environment:
        return _html_environment(self.overrides)


def load_output_templates(override_dir: Path | None = None) -> OutputTemplates:
    """The built-in templates, each replaced by the file of the same name in ``override_dir``, if any.

    Raises QuizgenError, naming every file at fault, for a folder that does not exist, a file name quizgen
    does not know, or a file that is not UTF-8 text.
    """
    if override_dir is None:
        return OutputTemplates()
    return OutputTemplates(override_dir, _read_overrides(override_dir))


def _read_overrides(override_dir: Path) -> tuple[tuple[str, str], ...]:
    texts, problems = read_overrides(override_dir, TEMPLATE_FILES, "print template", FONT_SUFFIXES)
    if problems:
        raise QuizgenError(problems)
    return tuple(sorted(texts.items()))


@functools.lru_cache(maxsize=8)
def _html_environment(overrides: tuple[tuple[str, str], ...]) -> jinja2.Environment:
    # Shared so that templates are compiled once per process for the same texts.
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader(PACKAGE, FOLDER)]
    if overrides:
        loaders.insert(0, jinja2.DictLoader(dict(overrides)))
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
