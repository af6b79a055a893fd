"""The PDF quizzes, read back with pypdf: what a teacher prints is what the plan says."""

from __future__ import annotations

import re

import pytest
from print_support import body_lines, collapse, key_grid, pdf_pages, printed_questions

from quizgen.model import FactFile
from quizgen.printing import PrintOptions, Version, render_quizzes
from quizgen.printing.items import FILL_IN_BLANK, LETTERS, MULTIPLE_CHOICE, ORDERING, TRUE_FALSE
from quizgen.printing.versions import NumberedItem
from quizgen.questions import Question

LABELS = {
    MULTIPLE_CHOICE: "Multiple choice",
    TRUE_FALSE: "True or false",
    "short-answer": "Short answer",
    FILL_IN_BLANK: "Fill in the blank",
    ORDERING: "Ordering",
}


def item_texts(numbered: NumberedItem) -> list[str]:
    """The texts an item prints, the one that identifies it first (for fill-in-the-blank items, the longest
    stretch of text between blanks)."""
    item = numbered.item
    if item.kind == FILL_IN_BLANK:
        texts = [collapse(s.text) for s in item.segments if collapse(s.text)]
        return sorted(texts, key=len, reverse=True)
    return [collapse(item.prompt)]


@pytest.mark.parametrize("letter", ["A", "B"])
def test_each_question_printed_once_with_its_options(
    plan: list[Version], outputs: dict[str, bytes], letter: str
) -> None:
    version = next(v for v in plan if v.letter == letter)
    pdf = outputs[f"classroom-version-{letter}.pdf"]
    whole = collapse(" ".join(pdf_pages(pdf)))
    printed = printed_questions(pdf)

    assert [q.number for q in printed] == list(range(1, len(version.items) + 1))
    for numbered, question in zip(version.items, printed, strict=True):
        assert question.label == LABELS[numbered.item.kind]
        identifying, *others = item_texts(numbered)
        assert whole.count(identifying) == 1, identifying
        for text in [identifying, *others]:
            assert text in question.text
        if numbered.item.kind in (MULTIPLE_CHOICE, ORDERING):
            expected = {LETTERS[i]: collapse(c) for i, c in enumerate(numbered.choices)}
            assert question.options() == expected
        if numbered.item.kind == MULTIPLE_CHOICE:
            assert list(question.options()) == ["A", "B", "C", "D"]
            assert len({c.casefold() for c in numbered.choices}) == 4


def test_versions_ask_the_same_questions_in_another_order(plan: list[Version]) -> None:
    a, b = ([n.item.uid for n in v.items] for v in plan)
    assert sorted(a) == sorted(b)
    assert a != b


def test_no_question_is_split_across_pages(plan: list[Version], outputs: dict[str, bytes]) -> None:
    for version in plan:
        pdf = outputs[f"classroom-version-{version.letter}.pdf"]
        pages = pdf_pages(pdf)
        assert len(pages) > 1, "the fixture should need more than one page"
        for page in pages[1:]:
            first = body_lines(page)[0]
            assert re.match(r"^\d+\. ", first), f"page starts inside a question: {first!r}"
        for numbered, question in zip(version.items, printed_questions(pdf), strict=True):
            page_text = collapse(pages[question.page - 1])
            for text in item_texts(numbered) + [collapse(c) for c in numbered.choices]:
                assert text in page_text


def test_every_page_shows_version_and_page_x_of_y(outputs: dict[str, bytes]) -> None:
    for letter in "AB":
        pages = pdf_pages(outputs[f"classroom-version-{letter}.pdf"])
        for number, page in enumerate(pages, 1):
            lines = page.strip().splitlines()
            assert lines[0].endswith(f"Version {letter}")
            assert lines[-1] == f"Version {letter} Page {number} of {len(pages)}"


def test_student_copy_has_name_class_date_and_total(plan: list[Version], outputs: dict[str, bytes]) -> None:
    first_page = pdf_pages(outputs["classroom-version-A.pdf"])[0]
    total = sum(n.item.points for n in plan[0].items)
    assert "Name:" in first_page and "Class:" in first_page and "Date:" in first_page
    assert f"worth {total} points" in collapse(first_page)
    assert "Instructions." in first_page


def test_key_grid_agrees_with_each_version(plan: list[Version], outputs: dict[str, bytes]) -> None:
    grids = key_grid(outputs["classroom-key.pdf"])
    assert sorted(grids) == ["A", "B"]
    for version in plan:
        printed = printed_questions(outputs[f"classroom-version-{version.letter}.pdf"])
        grid = grids[version.letter]
        assert sorted(grid) == [n.number for n in version.items]
        for numbered, question in zip(version.items, printed, strict=True):
            item, answer = numbered.item, grid[numbered.number]
            options = question.options()
            if item.kind == MULTIPLE_CHOICE:
                assert options[answer] == collapse(item.correct)
            elif item.kind == TRUE_FALSE:
                assert answer == ("T" if item.is_true else "F")
                assert collapse(item.proposed) in question.text
            elif item.kind == ORDERING:
                in_date_order = [options[letter] for letter in answer.split()]
                assert in_date_order == [collapse(c) for c in item.choices]
            else:
                assert answer == "—"


def test_key_full_answers_cite_sources(plan: list[Version], outputs: dict[str, bytes]) -> None:
    pages = pdf_pages(outputs["classroom-key.pdf"])
    text = collapse(" ".join(pages[1:]))
    for numbered in plan[0].items:
        item = numbered.item
        places = " · ".join(
            f"Version {v.letter}: {v.number_of(item.uid).number} ({v.number_of(item.uid).grid_answer})"
            for v in plan
        )
        assert places in text
        assert f"Answer: {collapse(item.key_answer())}" in text
        for source in item.sources:
            assert f"Source: {collapse(source.citation())}" in text


def test_key_starts_on_its_own_page_and_full_answers_on_the_next(outputs: dict[str, bytes]) -> None:
    pages = pdf_pages(outputs["classroom-key.pdf"])
    assert body_lines(pages[0])[0] == "Answer key"
    full = [i for i, page in enumerate(pages) if "Full answers" in page]
    assert len(full) == 1 and full[0] >= 1
    assert body_lines(pages[full[0]])[0] == "Full answers"
    assert not any("Full answers" in line for line in body_lines(pages[0]))
    for page in pages[full[0] + 1 :]:
        assert body_lines(page)[0].startswith("Version A: "), "a full answer is split across pages"


def test_typographic_text_survives(outputs: dict[str, bytes]) -> None:
    text = " ".join(pdf_pages(outputs["classroom-key.pdf"]))
    assert "Diplomacy in early 2025 — “a test” quiz" in text
    assert "’" in text


def test_same_seed_gives_byte_identical_outputs(
    classroom: FactFile, classroom_questions: list[Question], options: PrintOptions, outputs: dict[str, bytes]
) -> None:
    again = {p.name: d for p, d in render_quizzes(classroom, classroom_questions, options).items()}
    assert again == outputs
