"""The files of a fact file's quiz: where they go, and the planned versions rendered into them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from quizgen.model import FactFile
from quizgen.printing.documents import key_document, student_document
from quizgen.printing.items import LETTERS
from quizgen.printing.output_templates import OutputTemplates
from quizgen.printing.render import render_html, render_pdf
from quizgen.printing.versions import Version

QUIZ_FOLDER = Path("quizzes")


def quiz_paths(file_id: str, versions: int) -> list[Path]:
    """Where a fact file's quizzes go, relative to the build's output folder."""
    labels = [f"version-{letter}" for letter in LETTERS[:versions]] + ["key"]
    return [_path(file_id, label, ext) for label in labels for ext in ("pdf", "html")]


def render_versions(
    fact_file: FactFile, versions: Sequence[Version], templates: OutputTemplates, paper: str
) -> dict[Path, bytes]:
    """A student copy of each version and the key, as PDF and HTML, by path relative to the output folder."""
    outputs: dict[Path, bytes] = {}
    for version in versions:
        label = f"version-{version.letter}"
        data = student_document(fact_file, version, paper)
        outputs[_path(fact_file.id, label, "pdf")] = render_pdf(templates, "student.typ", data)
        outputs[_path(fact_file.id, label, "html")] = render_html(templates, "student.html.j2", data)
    key = key_document(fact_file, versions, paper)
    outputs[_path(fact_file.id, "key", "pdf")] = render_pdf(templates, "key.typ", key)
    outputs[_path(fact_file.id, "key", "html")] = render_html(templates, "key.html.j2", key)
    return outputs


def _path(file_id: str, label: str, ext: str) -> Path:
    return QUIZ_FOLDER / f"{file_id}-{label}.{ext}"
