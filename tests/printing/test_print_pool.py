"""The quiz pool: questions taken one at a time, in memory bounded by the quiz's size, with the same quiz
whichever way they come."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from many_facts import many_facts
from quiz_checks import assert_sound_quiz

from quizgen.model import FactFile
from quizgen.printing import PrintOptions, QuizPool, Version, no_quiz_reason, plan_quizzes, render_quizzes
from quizgen.printing import pool as pool_module
from quizgen.printing.items import ITEM_KINDS, QuizItem
from quizgen.printing.sampling import DistinctSample, SeededKeys, SmallestKeys
from quizgen.questions import Question, generate_questions

COUNT = 20
TEMPLATES = 14
"""The built-in question templates the large file uses."""
MOST_QUESTIONS = TEMPLATES * (pool_module.QUESTIONS_PER_ITEM * COUNT + pool_module.SPARE_QUESTIONS)
MOST_ANSWERS = TEMPLATES * 3 * (COUNT + pool_module.SPARE_ANSWERS)
"""A sample per template and comparability: dates come in three precisions, numbers in one unit each."""


@pytest.fixture(scope="session")
def large() -> FactFile:
    return many_facts(1000)


@pytest.fixture(scope="session")
def large_questions(large: FactFile) -> list[Question]:
    return generate_questions(large)


def items(versions: list[Version]) -> list[QuizItem]:
    return [numbered.item for numbered in versions[0].items]


def test_memory_stays_bounded_however_many_questions_come(
    large: FactFile, large_questions: list[Question]
) -> None:
    assert len(large_questions) > 15_000
    pool = QuizPool(large, PrintOptions(count=COUNT))
    for fed, question in enumerate(large_questions, 1):
        pool.add(question)
        if fed % 1000 == 0:
            assert pool.retained_questions <= MOST_QUESTIONS
            assert pool.retained_answers <= MOST_ANSWERS
    assert pool.retained_questions < len(large_questions) / 10
    versions = pool.plan()
    assert len(items(versions)) == COUNT


def test_a_large_file_still_gets_a_sound_balanced_quiz(
    large: FactFile, large_questions: list[Question]
) -> None:
    for seed in (0, 1):
        chosen = items(QuizPool.of(large, large_questions, PrintOptions(count=COUNT, seed=seed)).plan())
        assert len(chosen) == COUNT
        kinds = Counter(item.kind for item in chosen)
        assert kinds == {kind: COUNT // len(ITEM_KINDS) for kind in ITEM_KINDS}
        assert_sound_quiz(large, large_questions, chosen)


def test_the_pool_keeps_enough_to_choose_as_if_it_kept_everything(
    large: FactFile, large_questions: list[Question], monkeypatch: pytest.MonkeyPatch
) -> None:
    options = PrintOptions(count=60, seed=4)
    bounded = items(plan_quizzes(large, large_questions, options))
    monkeypatch.setattr(pool_module, "QUESTIONS_PER_ITEM", len(large_questions))
    assert items(plan_quizzes(large, large_questions, options)) == bounded


def test_fed_one_by_one_or_as_a_list_the_files_are_the_same(
    classroom: FactFile, classroom_questions: list[Question], options: PrintOptions
) -> None:
    pool = QuizPool(classroom, options)
    for question in iter(classroom_questions):
        pool.add(question)
    assert pool.render() == render_quizzes(classroom, classroom_questions, options)


def test_the_quiz_does_not_depend_on_the_order_questions_come_in(
    classroom: FactFile, classroom_questions: list[Question], options: PrintOptions
) -> None:
    forwards = plan_quizzes(classroom, classroom_questions, options)
    assert plan_quizzes(classroom, reversed(classroom_questions), options) == forwards


def test_no_quiz_reason_from_a_pool(classroom: FactFile, classroom_questions: list[Question]) -> None:
    tagged = PrintOptions(tags=("no-such-tag",))
    pool = QuizPool.of(classroom, classroom_questions, tagged)
    assert pool.render() == {}
    assert pool.no_quiz_reason() == "no question has the tag(s) asked for (no-such-tag)"
    assert pool.no_quiz_reason() == no_quiz_reason(classroom, classroom_questions, tagged)


PLAN_IN_A_FRESH_INTERPRETER = """
import json, sys
from pathlib import Path
from quizgen.loading import load_fact_file
from quizgen.printing import PrintOptions, plan_quizzes
from quizgen.questions import generate_questions
fact_file = load_fact_file(Path(sys.argv[1]))
versions = plan_quizzes(fact_file, generate_questions(fact_file), PrintOptions(seed=3))
print(json.dumps([(n.item.uid, n.choices, n.item.proposed) for v in versions for n in v.items]))
"""


def test_the_same_seed_gives_the_same_quiz_in_every_interpreter(classroom: FactFile) -> None:
    """String hashing is salted per interpreter (PYTHONHASHSEED): nothing the quiz depends on may use it."""
    plans = []
    for salt in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": salt}
        command = [sys.executable, "-c", PLAN_IN_A_FRESH_INTERPRETER, str(classroom.path)]
        done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
        plans.append(json.loads(done.stdout))
    assert plans[0] == plans[1] and plans[0]


@given(keys=st.lists(st.integers(min_value=0, max_value=50), max_size=40), size=st.integers(1, 10))
def test_smallest_keys_are_kept_in_any_order(keys: list[int], size: int) -> None:
    offered = list(enumerate(keys))
    kept = SmallestKeys[int](size)
    for item, key in offered:
        kept.offer(key, item)
    expected = sorted(offered, key=lambda pair: (pair[1], pair[0]))[:size]
    assert kept.ranked() == [(key, item) for item, key in expected]


@given(names=st.lists(st.sampled_from("abcdefghijklmnop"), max_size=40), size=st.integers(1, 6))
def test_a_distinct_sample_is_the_same_whatever_the_order(names: list[str], size: int) -> None:
    keys = SeededKeys("test")
    forwards, backwards = DistinctSample[str](size, keys), DistinctSample[str](size, keys)
    for name in names:
        forwards.offer(name, name)
    for name in reversed(names):
        backwards.offer(name, name)
    assert forwards.items() == backwards.items()
    assert forwards.items() == sorted(set(names), key=keys)[:size]
