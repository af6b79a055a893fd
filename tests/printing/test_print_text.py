"""Text prints literally in both outputs: markup characters stay characters; quotes, dashes, Cyrillic stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from print_support import collapse, parse_html, pdf_pages

from quizgen.loading import load_fact_file
from quizgen.printing import PrintOptions, render_quizzes
from quizgen.questions import generate_questions

DATA = Path(__file__).parent / "data"
LITERALS = [
    "Markup #1: $x$ *bold* <script>alert(1)</script> & “quotes” — Зеленський",
    'What does #set page(paper: "a4") do in $math$ and *strong*?',
    "said the `raw` <em>guide</em>.",
]


@pytest.fixture(scope="module")
def markup_outputs() -> dict[str, bytes]:
    fact_file = load_fact_file(DATA / "markup.yaml")
    options = PrintOptions(count=50, seed=1)
    rendered = render_quizzes(fact_file, generate_questions(fact_file), options)
    return {path.name: data for path, data in rendered.items()}


def test_markup_prints_literally_in_pdf(markup_outputs: dict[str, bytes]) -> None:
    for name in ("markup-version-A.pdf", "markup-key.pdf"):
        text = collapse(" ".join(pdf_pages(markup_outputs[name])))
        for literal in LITERALS:
            assert literal in text, (name, literal)
    key = collapse(" ".join(pdf_pages(markup_outputs["markup-key.pdf"])))
    assert "<script>alert('x')</script> & #hash" in key
    assert "“A #source with $ and <i>tags</i>”" in key


def test_markup_prints_literally_in_html(markup_outputs: dict[str, bytes]) -> None:
    for name in ("markup-version-A.html", "markup-key.html"):
        page = parse_html(markup_outputs[name])
        for literal in LITERALS:
            assert literal in page.text, (name, literal)
        assert not {"script", "b", "i"} & set(page.tags)
        assert b"&lt;script&gt;" in markup_outputs[name]


def test_curly_quotes_dashes_and_cyrillic_in_pdf_text(markup_outputs: dict[str, bytes]) -> None:
    text = collapse(" ".join(pdf_pages(markup_outputs["markup-key.pdf"])))
    assert "Ми — «разом» і “вільні” #1 $2 *3*" in text
    assert "Президент України" in text or "Володимир Зеленський" in text


def test_html_declares_the_file_language(markup_outputs: dict[str, bytes]) -> None:
    assert b'<html lang="uk">' in markup_outputs["markup-version-A.html"]
