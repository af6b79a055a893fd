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


@pytest.mark.parametrize("name", ["student.html.j2", "key.typ", "print.css"])
def test_a_template_that_is_not_utf8_is_a_clean_error_naming_it(
    classroom: FactFile, classroom_questions: list[Question], tmp_path: Path, name: str
) -> None:
    (tmp_path / name).write_bytes(b"\xff\xfe not UTF-8\n")
    with pytest.raises(QuizgenError) as error:
        render(classroom, classroom_questions, tmp_path)
    assert error.value.format().startswith(f"{tmp_path / name}: cannot read print template:")
    assert "expected a UTF-8 text file" in error.value.format()


def test_unknown_file_names_are_reported_together_and_fonts_are_allowed(
    classroom: FactFile, classroom_questions: list[Question], tmp_path: Path
) -> None:
    (tmp_path / "student.html").write_text("<p>{{ title }}</p>\n", encoding="utf-8")
    (tmp_path / "keys.typ").write_text("= Key\n", encoding="utf-8")
    (tmp_path / "MyFont.ttf").write_bytes(b"\x00\x01")
    (tmp_path / ".DS_Store").write_bytes(b"\xff")
    with pytest.raises(QuizgenError) as error:
        render(classroom, classroom_questions, tmp_path)
    lines = error.value.format().splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{tmp_path}/keys.typ", f"{tmp_path}/student.html"]
    assert all("not a print template file name — expected one of student.typ" in line for line in lines)


def test_a_missing_template_folder_is_an_error_even_without_a_quiz(
    classroom: FactFile, classroom_questions: list[Question], tmp_path: Path
) -> None:
    options = PrintOptions(tags=("no-such-tag",), template_dir=tmp_path / "nowhere")
    with pytest.raises(QuizgenError, match="nowhere: print template folder not found"):
        render_quizzes(classroom, classroom_questions, options)


def test_an_error_in_an_overridden_base_template_names_that_file(
    classroom: FactFile, classroom_questions: list[Question], tmp_path: Path
) -> None:
    (tmp_path / "base.html.j2").write_text("<html>{% block body %}\n", encoding="utf-8")
    with pytest.raises(QuizgenError) as error:
        render(classroom, classroom_questions, tmp_path)
    assert error.value.format().startswith(f"{tmp_path / 'base.html.j2'}: print template failed:")
