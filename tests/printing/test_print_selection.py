"""Choosing a quiz's items: count, tags, a balanced mix, distractors from the file, and no giveaways."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.model import Event, FactFile
from quizgen.printing import PrintOptions, no_quiz_reason, plan_quizzes, render_quizzes
from quizgen.printing.cloze import blank_out
from quizgen.printing.distractors import fold_quotes_and_case
from quizgen.printing.giveaways import words
from quizgen.printing.items import ITEM_KINDS, MULTIPLE_CHOICE, ORDERING, TRUE_FALSE, QuizItem
from quizgen.printing.ordering import date_span
from quizgen.questions import Question

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"^(\d{{1,2}} )?(({MONTHS}) )?\d{{4}}$")


def items_of(fact_file: FactFile, questions: list[Question], **options: object) -> list[QuizItem]:
    versions = plan_quizzes(fact_file, questions, PrintOptions(**options))  # type: ignore[arg-type]
    return [n.item for n in versions[0].items] if versions else []


def contains_phrase(text: str, phrase: str) -> bool:
    needle, haystack = words(phrase), words(text)
    return bool(needle) and any(haystack[i : i + len(needle)] == needle for i in range(len(haystack)))


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
    by_uid = {q.uid: q for q in classroom_questions}
    subjects = [s for item in items for s in item.subject_ids]
    assert len(subjects) == len(set(subjects)), "one item per fact"
    for item in items:
        if item.kind == MULTIPLE_CHOICE:
            assert_sound_choices(classroom, item, by_uid[item.uid])
        if item.kind == TRUE_FALSE:
            assert (fold_quotes_and_case(item.proposed) == fold_quotes_and_case(item.correct)) == item.is_true
        if item.kind == ORDERING:
            events = [e for e in classroom.facts if isinstance(e, Event) and e.id in item.subject_ids]
            spans = sorted(date_span(e.date) for e in events if e.date)
            assert len(spans) == len(item.subject_ids)
            assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))
    assert_no_giveaways(items)


def assert_sound_choices(fact_file: FactFile, item: QuizItem, question: Question) -> None:
    assert len(item.choices) == 4
    assert len({fold_quotes_and_case(c) for c in item.choices}) == 4, "never the right answer twice"
    assert item.choices[0] == item.correct
    kind = question.answer.type
    if kind in ("party", "person", "organisation"):
        names = {p.name for p in fact_file.people} | {o.name for o in fact_file.organisations}
        assert set(item.choices) <= names
    if kind == "date":
        assert all(DATE.match(c) for c in item.choices), item.choices
        assert len({len(c.split()) for c in item.choices}) == 1, "options of one precision"
    if kind == "number":
        units = {re.sub(r"[\d.]+", "", c).strip() for c in item.choices}
        assert len(units) == 1, item.choices
    if kind == "role":
        roles = {fold_quotes_and_case(p.role) for p in fact_file.people}
        assert {fold_quotes_and_case(c) for c in item.choices} <= roles
        assert len({c[0].isupper() for c in item.choices}) == 1, "options capitalised alike"


def assert_no_giveaways(items: list[QuizItem]) -> None:
    for item in items:
        shown_prompts = [item.prompt, *(s.text for s in item.segments)]
        if item.kind != MULTIPLE_CHOICE:
            shown_prompts += list(item.choices)
        shown_options = list(item.choices) if item.kind == MULTIPLE_CHOICE else [item.proposed]
        for other in items:
            if other is item:
                continue
            for hidden in other.hidden_answers():
                assert not any(contains_phrase(t, hidden) for t in shown_prompts), (item.uid, other.uid)
                if other.kind != MULTIPLE_CHOICE:
                    assert not any(contains_phrase(t, hidden) for t in shown_options), (item.uid, other.uid)


def test_another_seed_gives_another_quiz(classroom: FactFile, classroom_questions: list[Question]) -> None:
    first, second = (plan_quizzes(classroom, classroom_questions, PrintOptions(seed=s)) for s in (1, 2))
    assert [n.item for n in first[0].items] != [n.item for n in second[0].items]
