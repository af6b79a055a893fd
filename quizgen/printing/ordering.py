"""Ordering items: put a few dated events in the order they happened."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence

from quizgen.model import Event, FactFile, PartialDate
from quizgen.printing.items import ORDERING, QuizItem

EVENTS_PER_ITEM = 4
MIN_EVENTS = 3
PROMPT = "Put these events in the order in which they happened, earliest first."


def date_span(date: PartialDate) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """First and last possible day of a partial date."""
    first_month, last_month = (date.month, date.month) if date.month else (1, 12)
    if date.day:
        return (date.year, first_month, date.day), (date.year, last_month, date.day)
    last_day = calendar.monthrange(date.year, last_month)[1]
    return (date.year, first_month, 1), (date.year, last_month, last_day)


def pick_events(events: Iterable[Event], limit: int = EVENTS_PER_ITEM) -> list[Event]:
    """Up to ``limit`` events, in the given order of preference, whose dates cannot overlap: February 2025
    and 19 February 2025 have no certain order, so they never appear together."""
    chosen: list[Event] = []
    spans: list[tuple[tuple[int, int, int], tuple[int, int, int]]] = []
    for event in events:
        if event.date is None:
            continue
        first, last = date_span(event.date)
        if all(last < other_first or first > other_last for other_first, other_last in spans):
            chosen.append(event)
            spans.append((first, last))
            if len(chosen) == limit:
                break
    return chosen


def ordering_item(fact_file: FactFile, events: Sequence[Event]) -> QuizItem:
    in_order = sorted(events, key=lambda e: date_span(e.date) if e.date else ((0, 0, 0), (0, 0, 0)))
    summaries = tuple(e.summary for e in in_order)
    dated = (f"{e.summary.rstrip('.')} ({e.date.human() if e.date else ''})" for e in in_order)
    source_ids = dict.fromkeys(s for e in in_order for s in e.sources)
    return QuizItem(
        uid=f"{fact_file.id}/ordering/{'+'.join(sorted(e.id for e in events))}",
        kind=ORDERING,
        prompt=PROMPT,
        correct="; ".join(dated),
        subject_ids=tuple(e.id for e in in_order),
        choices=summaries,
        sources=tuple(fact_file.source(s) for s in source_ids),
    )
