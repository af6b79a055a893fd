"""The print-ready HTML quizzes, parsed: the same questions, options and key as the plan and the PDF."""

from __future__ import annotations

import re

import pytest
from print_support import collapse, parse_html

from quizgen.printing import Version
from quizgen.printing.items import FILL_IN_BLANK, LETTERS, MULTIPLE_CHOICE, ORDERING, TRUE_FALSE

LABELS = {
    MULTIPLE_CHOICE: "Multiple choice",
    TRUE_FALSE: "True or false",
    "short-answer": "Short answer",
    FILL_IN_BLANK: "Fill in the blank",
    ORDERING: "Ordering",
}


@pytest.mark.parametrize("letter", ["A", "B"])
def test_each_question_once_with_its_options(
    plan: list[Version], outputs: dict[str, bytes], letter: str
) -> None:
    version = next(v for v in plan if v.letter == letter)
    page = parse_html(outputs[f"classroom-version-{letter}.html"])
    assert [q.number for q in page.questions] == [n.number for n in version.items]
    for numbered, question in zip(version.items, page.questions, strict=True):
        item = numbered.item
        assert question.kind == LABELS[item.kind]
        if item.kind == FILL_IN_BLANK:
            for segment in item.segments:
                assert collapse(segment.text) in question.prompt
        else:
            assert question.prompt == collapse(item.prompt)
            assert page.text.count(question.prompt) == 1
        expected = {LETTERS[i]: collapse(c) for i, c in enumerate(numbered.choices)}
        assert question.options == expected
        if item.kind == MULTIPLE_CHOICE:
            assert list(question.options) == ["A", "B", "C", "D"]
        if item.kind == TRUE_FALSE:
            assert f"Proposed answer: {collapse(item.proposed)}" in page.text


def test_key_grid_agrees_with_each_version(plan: list[Version], outputs: dict[str, bytes]) -> None:
    key = parse_html(outputs["classroom-key.html"])
    assert sorted(key.grids) == ["A", "B"]
    for version in plan:
        student = parse_html(outputs[f"classroom-version-{version.letter}.html"])
        grid = key.grids[version.letter]
        for numbered, question in zip(version.items, student.questions, strict=True):
            answer = grid[numbered.number]
            if numbered.item.kind == MULTIPLE_CHOICE:
                assert question.options[answer] == collapse(numbered.item.correct)
            elif numbered.item.kind == ORDERING:
                assert [question.options[x] for x in answer.split()] == list(numbered.item.choices)
            else:
                assert answer == numbered.grid_answer


def test_print_css_pages_versions_and_breaks(outputs: dict[str, bytes]) -> None:
    student = outputs["classroom-version-B.html"].decode()
    key = outputs["classroom-key.html"].decode()
    assert 'content: "Page " counter(page) " of " counter(pages)' in student
    assert 'content: "Version B"' in student
    assert re.search(r"\.question \{[^}]*break-inside: avoid", student)
    assert re.search(r"\.full-answers \{[^}]*break-before: page", key)
    assert "<h1>Answer key</h1>" in key and key.index("<h1>Answer key</h1>") < key.index("Full answers")


def test_student_copy_has_fields_instructions_and_answer_lines(outputs: dict[str, bytes]) -> None:
    page = parse_html(outputs["classroom-version-A.html"])
    for label in ("Name:", "Class:", "Date:", "Instructions."):
        assert label in page.text
    assert b'class="answer-line"' in outputs["classroom-version-A.html"]
