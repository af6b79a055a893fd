"""What every quiz must satisfy, whatever the fact file and seed: checks shared by the selection tests."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from quizgen.model import Event, FactFile
from quizgen.printing.answers import fold_quotes_and_case
from quizgen.printing.giveaways import words
from quizgen.printing.items import MULTIPLE_CHOICE, ORDERING, TRUE_FALSE, QuizItem
from quizgen.printing.ordering import date_span
from quizgen.questions import Question

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"^(\d{{1,2}} )?(({MONTHS}) )?\d{{4}}$")


def contains_phrase(text: str, phrase: str) -> bool:
    needle, haystack = words(phrase), words(text)
    return bool(needle) and any(haystack[i : i + len(needle)] == needle for i in range(len(haystack)))


def assert_sound_quiz(fact_file: FactFile, questions: Sequence[Question], items: list[QuizItem]) -> None:
    """One item per fact, sound options, true/false marked right, ordering of events that cannot overlap,
    and no giveaways."""
    by_uid = {q.uid: q for q in questions}
    subjects = [s for item in items for s in item.subject_ids]
    assert len(subjects) == len(set(subjects)), "one item per fact"
    for item in items:
        if item.kind == MULTIPLE_CHOICE:
            assert_sound_choices(fact_file, item, by_uid[item.uid])
        if item.kind == TRUE_FALSE:
            assert (fold_quotes_and_case(item.proposed) == fold_quotes_and_case(item.correct)) == item.is_true
        if item.kind == ORDERING:
            events = [e for e in fact_file.facts if isinstance(e, Event) and e.id in item.subject_ids]
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
