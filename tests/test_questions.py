"""Question generation: the built-in templates on a small fact file, and project overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.errors import QuizgenError
from quizgen.loading import load_fact_file
from quizgen.model import FactFile, PartialDate
from quizgen.questions import Question, generate_questions

FACT_FILE = """\
format: 1
id: demo
title: Demo
deck: Demo
language: en
as_of: 2025-03
tags: [demo]
sources:
  - {id: s1, title: An article}
organisations:
  - {id: us, name: the United States, type: country}
  - {id: ru, name: Russia, type: country}
people:
  - {id: rubio, name: Marco Rubio, role: US Secretary of State, source: s1}
facts:
  - id: rubio-serious
    kind: quote
    source: s1
    tags: [diplomacy]
    speaker: rubio
    text: They’re willing to engage in a serious process
    date: 2025-02-18
    occasion: after the talks in Riyadh
  - id: un-vote
    kind: vote
    source: s1
    body: the United Nations
    motion: Advancing Peace
    description: condemned the invasion
    counts: {in_favour: 93, abstaining: 65}
    voted: {against: [us, ru]}
  - id: riyadh-talks
    kind: event
    source: s1
    summary: US and Russian officials held talks
    date: 2025-02-18
    place: Diriyah Palace, Riyadh
    quantities: [{of: length of the talks, value: 4.5, unit: hours}]
  - id: free
    kind: question
    source: s1
    question: What did the US offer?
    answer: Half the revenues
  - id: cl
    kind: cloze
    source: s1
    text: "The talks lasted {{c1::4.5 hours}} in {{c2::Riyadh}}."
"""


@pytest.fixture
def fact_file(tmp_path: Path) -> FactFile:
    path = tmp_path / "demo.yaml"
    path.write_text(FACT_FILE, encoding="utf-8")
    return load_fact_file(path)


def by_template(questions: list[Question]) -> dict[tuple[str, str], Question]:
    return {(q.subject_id, q.template_id): q for q in questions}


def test_every_kind_yields_its_questions(fact_file: FactFile) -> None:
    questions = by_template(generate_questions(fact_file))
    assert sorted(questions) == sorted(
        [
            ("rubio-serious", "quote.who-said"),
            ("rubio-serious", "quote.when-said"),
            ("rubio-serious", "quote.occasion"),
            ("rubio-serious", "quote.key-word"),
            ("un-vote", "vote.count.in_favour"),
            ("un-vote", "vote.count.abstaining"),
            ("un-vote", "vote.counts-cloze"),
            ("un-vote", "vote.voted.against"),
            ("un-vote", "vote.motion"),
            ("riyadh-talks", "event.when"),
            ("riyadh-talks", "event.where"),
            ("riyadh-talks", "event.quantity.0"),
            ("free", "question.basic"),
            ("cl", "cloze.cloze"),
            ("person:rubio", "person.role"),
        ]
    )


def test_questions_carry_prompt_typed_answer_and_stable_uid(fact_file: FactFile) -> None:
    questions = by_template(generate_questions(fact_file))
    who = questions["rubio-serious", "quote.who-said"]
    assert who.uid == "demo/rubio-serious/quote.who-said"
    assert who.prompt == "Who said “They’re willing to engage in a serious process” (18 February 2025)?"
    assert (who.answer.text, who.answer.type, who.answer.value) == ("Marco Rubio", "party", "rubio")
    assert who.tags == ("demo", "diplomacy")
    assert [s.id for s in who.sources] == ["s1"]

    when = questions["riyadh-talks", "event.when"]
    assert when.answer.value == PartialDate(2025, 2, 18)
    assert when.answer.text == "18 February 2025"

    count = questions["un-vote", "vote.count.abstaining"]
    assert count.prompt == "In the vote of the United Nations on “Advancing Peace”, how many abstained?"
    assert (count.answer.text, count.answer.value) == ("65", 65)

    voted = questions["un-vote", "vote.voted.against"]
    assert voted.answer.text == "the United States and Russia"
    assert voted.answer.value == ("us", "ru")

    quantity = questions["riyadh-talks", "event.quantity.0"]
    assert quantity.prompt == "US and Russian officials held talks. What was the length of the talks?"
    assert (quantity.answer.text, quantity.answer.value) == ("4.5 hours", 4.5)


def test_cloze_questions_mark_deletions(fact_file: FactFile) -> None:
    questions = by_template(generate_questions(fact_file))
    counts = questions["un-vote", "vote.counts-cloze"]
    assert counts.style == "cloze"
    assert (
        counts.prompt == "The United Nations, “Advancing Peace”: {{c1::93}} in favour, {{c2::65}} abstaining."
    )
    key_word = questions["rubio-serious", "quote.key-word"]
    assert key_word.prompt == "Marco Rubio: “They’re willing to engage in a serious {{c1::process}}”"
    assert key_word.answer.text == "process"
    assert questions["cl", "cloze.cloze"].answer.text == "4.5 hours; Riyadh"


def test_a_missing_count_asks_no_question(fact_file: FactFile) -> None:
    templates = {q.template_id for q in generate_questions(fact_file) if q.subject_id == "un-vote"}
    assert "vote.count.against" not in templates


def test_project_templates_add_replace_and_disable(fact_file: FactFile, tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "quote.yaml").write_text(
        """\
- id: who-said
  style: basic
  prompt: "Name the speaker: {{ fact.text }}"
  answer: "{{ speaker.name }}"
  answer_type: party
  answer_value: speaker.id
- {id: occasion, enabled: false}
- id: where-said
  style: basic
  when: fact.occasion
  prompt: "Where was “{{ fact.text }}” said?"
  answer: "{{ fact.occasion }}"
  answer_type: text
  answer_value: fact.occasion
""",
        encoding="utf-8",
    )
    questions = by_template(generate_questions(fact_file, [overrides]))
    assert questions["rubio-serious", "quote.who-said"].prompt.startswith("Name the speaker: They’re willing")
    assert ("rubio-serious", "quote.occasion") not in questions
    assert questions["rubio-serious", "quote.where-said"].answer.text == "after the talks in Riyadh"


def test_a_broken_template_file_is_reported_with_its_line(fact_file: FactFile, tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "event.yaml").write_text(
        """\
- id: when
  style: basic
  prompt: "{{ fact.summary "
  answer: x
  answer_type: colour
  answer_value: fact.date
""",
        encoding="utf-8",
    )
    with pytest.raises(QuizgenError) as caught:
        generate_questions(fact_file, [overrides])
    messages = [str(p) for p in caught.value.problems]
    assert any(":3:11: [0].prompt: invalid Jinja" in m for m in messages), messages
    assert any(":5:16: [0].answer_type: unknown answer type 'colour'" in m for m in messages), messages


def test_an_undefined_variable_is_an_error_not_an_empty_string(fact_file: FactFile, tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    (overrides / "question.yaml").write_text(
        """\
- id: basic
  style: basic
  prompt: "{{ fact.questoin }}"
  answer: "{{ fact.answer }}"
  answer_type: text
  answer_value: fact.answer
""",
        encoding="utf-8",
    )
    with pytest.raises(QuizgenError, match=r"question template question\.basic failed"):
        generate_questions(fact_file, [overrides])


def write_templates(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_misspelt_expression_is_an_error_not_a_silent_none(fact_file: FactFile, tmp_path: Path) -> None:
    folder = write_templates(
        tmp_path / "t",
        "question.yaml",
        """\
- id: basic
  style: basic
  prompt: "{{ fact.question }}"
  answer: "{{ fact.answer }}"
  answer_type: text
  answer_value: fact.answr
""",
    )
    with pytest.raises(QuizgenError, match=r"question template question\.basic failed: .*'answr'"):
        generate_questions(fact_file, [folder])


def test_an_exception_in_a_filter_is_reported_at_the_fact(fact_file: FactFile, tmp_path: Path) -> None:
    folder = write_templates(
        tmp_path / "t",
        "question.yaml",
        """\
- id: basic
  style: basic
  prompt: "{{ file.as_of | key_word }}"
  answer: "{{ fact.answer }}"
  answer_type: text
  answer_value: fact.answer
""",
    )
    with pytest.raises(QuizgenError) as caught:
        generate_questions(fact_file, [folder])
    (problem,) = caught.value.problems
    assert (problem.line, problem.key_path) == (39, "free")  # the line of the fact "free"
    assert problem.message.startswith("question template question.basic failed: TypeError: ")


@pytest.mark.parametrize("off", ["false", "False", "no", "off"])
def test_enabled_takes_any_yaml_false(fact_file: FactFile, tmp_path: Path, off: str) -> None:
    folder = write_templates(tmp_path / "t", "question.yaml", f"- {{id: basic, enabled: {off}}}\n")
    assert [q for q in generate_questions(fact_file, [folder]) if q.subject_id == "free"] == []


def test_a_missing_folder_or_unknown_file_is_reported(fact_file: FactFile, tmp_path: Path) -> None:
    folder = write_templates(tmp_path / "t", "votes.yaml", "[]\n")
    with pytest.raises(QuizgenError) as caught:
        generate_questions(fact_file, [folder, tmp_path / "missing"])
    assert [(p.path.name, p.message) for p in caught.value.problems] == [
        ("votes.yaml", "not a question template file name"),
        ("missing", "question template folder not found"),
    ]
