"""Choosing a quiz's items: count, tags, a balanced mix, distractors from the file, and no giveaways."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from quiz_checks import assert_sound_quiz

from quizgen.model import FactFile
from quizgen.printing import PrintOptions, no_quiz_reason, plan_quizzes, render_quizzes
from quizgen.printing.answers import AnswerCandidates
from quizgen.printing.cloze import blank_out
from quizgen.printing.distractors import Distractors
from quizgen.printing.items import ITEM_KINDS, ORDERING, QuizItem
from quizgen.printing.sampling import SeededKeys
from quizgen.questions import Answer, Question


def items_of(fact_file: FactFile, questions: list[Question], **options: object) -> list[QuizItem]:
    versions = plan_quizzes(fact_file, questions, PrintOptions(**options))  # type: ignore[arg-type]
    return [n.item for n in versions[0].items] if versions else []


def test_count_is_honoured(classroom: FactFile, classroom_questions: list[Question]) -> None:
    for count in (1, 5, 12):
        assert len(items_of(classroom, classroom_questions, count=count)) == count


def test_default_mix_is_balanced(classroom: FactFile, classroom_questions: list[Question]) -> None:
    kinds = Counter(item.kind for item in items_of(classroom, classroom_questions, count=10, seed=5))
    assert set(kinds) == set(ITEM_KINDS)
    assert max(kinds.values()) <= 3


def test_tag_filter(classroom: FactFile, classroom_questions: list[Question]) -> None:
    items = items_of(classroom, classroom_questions, tags=("un",))
    assert items and {s for item in items for s in item.subject_ids} <= {"un-vote", "cloze-vote"}
    assert render_quizzes(classroom, classroom_questions, PrintOptions(tags=("no-such-tag",))) == {}


def test_no_quiz_reason_blames_the_tags_only_when_they_are_the_cause(
    classroom: FactFile, classroom_questions: list[Question]
) -> None:
    tagged = PrintOptions(tags=("no-such-tag", "other"))
    assert no_quiz_reason(classroom, classroom_questions, tagged) == (
        "no question has the tag(s) asked for (no-such-tag, other)"
    )
    bare = dataclasses.replace(classroom, facts=())
    assert render_quizzes(bare, [], PrintOptions()) == {}
    assert no_quiz_reason(bare, [], PrintOptions()) == "its facts give no quiz question"
    assert no_quiz_reason(bare, [], tagged) == "its facts give no quiz question"


def test_blanks_and_hints_come_from_cloze_deletions() -> None:
    segments, blanks = blank_out("{{c2::Geneva::city}} on {{c1::3 March}}, {{c10::twice}}.")
    assert blanks == ("Geneva", "3 March", "twice")
    assert [(s.blank, s.hint, s.text) for s in segments] == [
        (1, "city", ""),
        (0, "", " on "),
        (2, "", ""),
        (0, "", ", "),
        (3, "", ""),
        (0, "", "."),
    ]


def test_three_versions_same_items_different_orders(
    classroom: FactFile, classroom_questions: list[Question]
) -> None:
    versions = plan_quizzes(classroom, classroom_questions, PrintOptions(versions=3, seed=9))
    orders = [tuple(n.item.uid for n in v.items) for v in versions]
    assert [v.letter for v in versions] == ["A", "B", "C"]
    assert len(set(orders)) == 3 and len({frozenset(o) for o in orders}) == 1
    for uid in orders[0]:
        choice_sets = {frozenset(v.number_of(uid).choices) for v in versions}
        assert len(choice_sets) == 1
        for version in versions:
            numbered = version.number_of(uid)
            if numbered.item.kind == ORDERING:
                assert numbered.choices != numbered.item.choices, "events printed already in date order"


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000), count=st.integers(min_value=1, max_value=30))
def test_quiz_invariants(
    classroom: FactFile, classroom_questions: list[Question], seed: int, count: int
) -> None:
    items = items_of(classroom, classroom_questions, seed=seed, count=count)
    assert_sound_quiz(classroom, classroom_questions, items)


def test_another_seed_gives_another_quiz(classroom: FactFile, classroom_questions: list[Question]) -> None:
    first, second = (plan_quizzes(classroom, classroom_questions, PrintOptions(seed=s)) for s in (1, 2))
    assert [n.item for n in first[0].items] != [n.item for n in second[0].items]


def test_nearby_numbers_agree_with_the_unit(classroom: FactFile) -> None:
    question = Question(
        uid="classroom/e/event.quantity.0",
        subject_id="e",
        subject_kind="event",
        template_id="event.quantity.0",
        style="basic",
        prompt="How long did it last?",
        answer=Answer("4 years", "number", 4),
        context="",
        sources=(),
        tags=(),
    )
    distractors = Distractors(classroom, AnswerCandidates({}, {}), 10, SeededKeys("test"))
    for seed in range(20):
        wrong = distractors.choose(question, 3, random.Random(seed))
        assert wrong and all(w.endswith(" years") and not w.startswith("1 ") for w in wrong), wrong
    singular = dataclasses.replace(question, answer=Answer("1 year", "number", 1))
    assert distractors.choose(singular, 3, random.Random(0)) is None, "2 year, 3 year…"
