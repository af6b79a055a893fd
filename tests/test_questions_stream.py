"""iter_questions: questions one at a time, failures raised at the end, and templates still sandboxed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_questions import FACT_FILE, write_templates

from quizgen.errors import QuizgenError
from quizgen.loading import load_fact_file
from quizgen.model import FactFile
from quizgen.questions import generate_questions, iter_questions


@pytest.fixture
def fact_file(tmp_path: Path) -> FactFile:
    path = tmp_path / "demo.yaml"
    path.write_text(FACT_FILE, encoding="utf-8")
    return load_fact_file(path)


def question_template(prompt: str, answer: str = "{{ fact.answer }}") -> str:
    """A question.yaml replacing the built-in template, with this prompt and answer (single-quoted YAML)."""
    return f"""\
- id: basic
  style: basic
  prompt: '{prompt}'
  answer: '{answer}'
  answer_type: text
  answer_value: fact.answer
"""


def test_iter_questions_yields_what_generate_questions_returns(fact_file: FactFile) -> None:
    questions = iter_questions(fact_file)
    assert isinstance(questions, Iterator)
    assert list(questions) == generate_questions(fact_file)


def test_a_broken_template_file_raises_before_the_first_question(fact_file: FactFile, tmp_path: Path) -> None:
    folder = write_templates(tmp_path / "t", "quote.yaml", "- id: who-said\n  style: basic\n")
    with pytest.raises(QuizgenError, match="expected a value for required key 'prompt'"):
        iter_questions(fact_file, [folder])


def test_failures_are_raised_together_after_the_last_question(fact_file: FactFile, tmp_path: Path) -> None:
    folder = write_templates(
        tmp_path / "t",
        "event.yaml",
        """\
- id: when
  style: basic
  prompt: "{{ fact.summry }}"
  answer: x
  answer_type: text
  answer_value: fact.summary
- id: where
  style: basic
  prompt: "{{ fact.place }}"
  answer: "{{ fact.place | key_word(1) }}"
  answer_type: place
  answer_value: fact.place
""",
    )
    questions = iter_questions(fact_file, [folder])
    yielded = []
    with pytest.raises(QuizgenError) as caught:
        for question in questions:
            yielded.append(question.template_id)
    assert [p.message.split(":")[0] for p in caught.value.problems] == [
        "question template event.when failed",
        "question template event.where failed",
    ]
    assert "event.quantity.0" in yielded  # what does not fail still comes, in order
    assert yielded[-1] == "person.role"


def test_each_render_has_its_own_context(fact_file: FactFile, tmp_path: Path) -> None:
    prompt = "{% set x = 1 %}{{ x }} {% set ns = namespace(n=2) %}{{ ns.n }} {{ range(3) | list | length }}"
    folder = write_templates(
        tmp_path / "t", "question.yaml", question_template(prompt, "{{ x if x is defined else 0 }}")
    )
    (free,) = [q for q in generate_questions(fact_file, [folder]) if q.subject_id == "free"]
    assert (free.prompt, free.answer.text) == ("1 2 3", "0")


@pytest.mark.parametrize(
    ("prompt", "refused"),
    [
        ("{{ fact.__class__ }}", "access to attribute '__class__' of 'FreeQuestion' object is unsafe."),
        ("{{ [1].append(2) }}", "access to attribute 'append' of 'list' object is unsafe."),
        ('{{ "{0.__class__}".format(fact) }}', "access to attribute '__class__' of 'FreeQuestion' object"),
    ],
)
def test_the_sandbox_refuses_every_time(tmp_path: Path, prompt: str, refused: str) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(FACT_FILE + "  - {id: free-2, kind: question, source: s1, question: Q, answer: A}\n")
    folder = write_templates(tmp_path / "t", "question.yaml", question_template(prompt))
    with pytest.raises(QuizgenError) as caught:
        generate_questions(load_fact_file(path), [folder])
    # The sandbox's verdicts are remembered: the second fact must be refused too.
    assert [(p.key_path, refused in p.message) for p in caught.value.problems] == [
        ("free", True),
        ("free-2", True),
    ]


def test_party_finds_people_and_organisations(fact_file: FactFile, tmp_path: Path) -> None:
    prompt = '{{ party("rubio").name }} and {{ party("ru").name }}'
    folder = write_templates(tmp_path / "t", "question.yaml", question_template(prompt))
    (free,) = [q for q in generate_questions(fact_file, [folder]) if q.subject_id == "free"]
    assert free.prompt == "Marco Rubio and Russia"
