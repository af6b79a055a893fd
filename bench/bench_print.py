"""Benchmark: printed quizzes of 50 and 1000 questions, against bare Typst compiles of the same documents.

Run: python bench/bench_print.py [--repeat 5]

For each size, one "render" is everything quizgen.printing does for a fact file (choose items, make two
versions, build the documents, compile three PDFs and render three HTML pages); the baseline is
typst.compile of the same three documents with the same JSON data, prepared beforehand. Both are timed in the
same run, alternating, and the medians compared; the target is a ratio of at most 1.3.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import typst

from quizgen.model import Cloze, Event, FactFile, FreeQuestion, PartialDate, Person, Quantity, Quote, Source
from quizgen.printing import PrintOptions, plan_quizzes, render_quizzes
from quizgen.printing.documents import key_document, student_document
from quizgen.printing.output_templates import OutputTemplates
from quizgen.questions import generate_questions

SIZES = (50, 1000)


def synthetic_fact_file(subjects: int) -> FactFile:
    """A fact file with about ``subjects`` facts and people of every kind, all dated apart."""
    source = Source(id="src", title="A long article", publisher="Bench", published=PartialDate(2025, 3, 1))
    share = subjects // 5 + 1
    people = tuple(Person(id=f"p{i}", name=f"Person {i} Example", role=f"Minister {i}") for i in range(share))
    start = datetime.date(2020, 1, 1)

    def day(i: int) -> PartialDate:
        d = start + datetime.timedelta(days=i)
        return PartialDate(d.year, d.month, d.day)

    facts: list[Quote | Event | FreeQuestion | Cloze] = []
    for i in range(share):
        text = f"Statement number {i} about “policy” — with several words in it"
        length = Quantity(of="length", value=i % 9 + 1, unit="hours")
        facts += [
            Quote(id=f"q{i}", sources=("src",), speaker=f"p{i}", date=day(2 * i), text=text),
            Event(
                id=f"e{i}",
                sources=("src",),
                summary=f"Event number {i} took place",
                date=day(2 * i + 1),
                place=f"City {i % 40}",
                quantities=(length,),
            ),
            FreeQuestion(id=f"f{i}", sources=("src",), question=f"What is fact {i}?", answer=f"Answer {i}"),
            Cloze(id=f"c{i}", sources=("src",), text=f"Cloze fact {i} has {{{{c1::value {i}}}}} inside."),
        ]
    return FactFile(
        path=Path("bench.yaml"),
        format=1,
        id="bench",
        title="Benchmark quiz",
        deck="Bench",
        language="en",
        as_of=PartialDate(2025, 3),
        tags=(),
        sources=(source,),
        organisations=(),
        people=people,
        facts=tuple(facts),
    )


def bench(size: int, repeat: int) -> None:
    fact_file = synthetic_fact_file(int(size * 1.3))
    questions = generate_questions(fact_file)
    options = PrintOptions(count=size, versions=2, seed=1)
    versions = plan_quizzes(fact_file, questions, options)
    assert len(versions[0].items) == size, len(versions[0].items)
    templates = OutputTemplates()
    documents = [("student.typ", student_document(fact_file, v, options.paper)) for v in versions]
    documents.append(("key.typ", key_document(fact_file, versions, options.paper)))
    prepared = [
        (templates.typst_source(name)[1], json.dumps(data, ensure_ascii=False, sort_keys=True))
        for name, data in documents
    ]

    def bare() -> None:
        for source, data in prepared:
            typst.compile(source, format="pdf", sys_inputs={"quiz": data}, ignore_system_fonts=True)

    def full() -> None:
        render_quizzes(fact_file, questions, options)

    bare()
    full()  # both warm: imports, fonts and template compilation are paid once per process
    bare_times, full_times = [], []
    for _ in range(repeat):  # alternating, so that a slow spell of the machine hits both
        bare_times.append(elapsed(bare))
        full_times.append(elapsed(full))
    plan_times = [elapsed(lambda: plan_quizzes(fact_file, questions, options)) for _ in range(3)]
    plan_time = statistics.median(plan_times)
    bare_median, full_median = statistics.median(bare_times), statistics.median(full_times)
    print(
        f"{size:>5} questions: quizgen {full_median * 1000:7.1f} ms  bare typst {bare_median * 1000:7.1f} ms "
        f"ratio {full_median / bare_median:4.2f}  (best runs: {min(full_times) / min(bare_times):4.2f}; "
        f"choosing items and versions {plan_time * 1000:.1f} ms)"
    )


def elapsed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=11, help="timed runs per size (default 11)")
    args = parser.parse_args()
    print(f"medians of {args.repeat} runs; each run renders 2 versions and the key (3 PDFs, 3 HTML pages)")
    for size in SIZES:
        bench(size, args.repeat)


if __name__ == "__main__":
    main()
