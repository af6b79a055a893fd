"""Turn a quiz document (plain data) into PDF with Typst and into print-ready HTML with Jinja2."""

from __future__ import annotations

import json

import jinja2
import typst

from quizgen.printing.documents import Data
from quizgen.printing.output_templates import OutputTemplates, template_problem


def render_pdf(templates: OutputTemplates, name: str, data: Data) -> bytes:
    """The document as PDF. Its data goes in as JSON through ``sys.inputs``, never into Typst source."""
    path, source = templates.typst_source(name)
    quiz = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # System fonts are ignored so that a PDF is the same on every machine: only the fonts embedded in the
    # typst wheel, and any font files a project puts beside its own templates.
    folders = [str(templates.override_dir)] if templates.override_dir else []
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=folders)
    try:
        pdf = typst.compile(
            source, format="pdf", sys_inputs={"quiz": quiz}, ignore_system_fonts=True, font_paths=fonts
        )
    except typst.TypstError as exc:
        raise template_problem(path, exc.diagnostic or exc.message) from exc
    assert isinstance(pdf, bytes)
    return pdf


def render_html(templates: OutputTemplates, name: str, data: Data) -> bytes:
    try:
        return templates.html_environment().get_template(name).render(**data).encode("utf-8")
    except jinja2.TemplateSyntaxError as exc:
        # The file at fault may be another one than ``name``: the base template it extends, say.
        raise template_problem(templates.display_path(exc.name or name), str(exc)) from exc
    except jinja2.TemplateError as exc:
        raise template_problem(templates.display_path(name), str(exc)) from exc
