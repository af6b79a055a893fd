"""A project's own output templates replace the built-in ones; a broken one is a clean error."""

from __future__ import annotations

from pathlib import Path

import pytest
from print_support import collapse, pdf_pages

from quizgen.errors import QuizgenError
from quizgen.model import FactFile
from quizgen.printing import PrintOptions, render_quizzes
from quizgen.questions import Question

CUSTOM_STUDENT = """\
#let quiz = json(bytes(sys.inputs.at("quiz")))
#set document(date: none)
#set text(font: "Libertinus Serif")
Custom student copy #quiz.version
#for q in quiz.questions [ #q.number: #q.prompt ]
"""


def render(fact_file: FactFile, questions: list[Question], folder: Path) -> dict[str, bytes]:
    options = PrintOptions(count=4, template_dir=folder)
    return {path.name: data for path, data in render_quizzes(fact_file, questions, options).items()}


def test_overrides_replace_only_the_files_given(
    classroom: FactFile, classroom_questions: list[Question], tmp_path: Path
) -> None:
    (tmp_path / "student.typ").write_text(CUSTOM_STUDENT, encoding="utf-8")
    (tmp_path / "print.css").write_text("/* our school's style */ body { color: #222; }\n", encoding="utf-8")
    outputs = render(classroom, classroom_questions, tmp_path)

    assert collapse(pdf_pages(outputs["classroom-version-B.pdf"])[0]).startswith("Custom student copy B")
    assert pdf_pages(outputs["classroom-key.pdf"])[0].splitlines()[1] == "Answer key"
    html = outputs["classroom-version-A.html"].decode()
    assert "/* our school's style */" in html
    assert "break-inside: avoid" not in html
    assert "counter(pages)" in html


def test_broken_typst_template_names_the_file(
    classroom: FactFile, classroom_questions: list[Question], tmp_path: Path
) -> None:
    (tmp_path / "key.typ").write_text("#no-such-function()\n", encoding="utf-8")
    with pytest.raises(QuizgenError) as error:
        render(classroom, classroom_questions, tmp_path)
    assert str(tmp_path / "key.typ") in error.value.format()
    assert "no-such-function" in error.value.format()


def test_broken_html_template_is_a_clean_error(
    classroom: FactFile, classroom_questions: list[Question], tmp_path: Path
) -> None:
    (tmp_path / "student.html.j2").write_text("<p>{{ no_such_variable }}</p>\n", encoding="utf-8")
    with pytest.raises(QuizgenError) as error:
        render(classroom, classroom_questions, tmp_path)
    assert "student.html.j2" in error.value.format()
    assert "no_such_variable" in error.value.format()
