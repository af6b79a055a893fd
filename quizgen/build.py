"""`quizgen build`: the whole pipeline for every fact file, written only if all of it succeeds.

load -> validate -> model (quizgen.loading) -> questions (quizgen.questions) -> render (quizgen.anki,
quizgen.printing) -> one OutputBatch committed at the end, so an invalid input writes nothing. Questions
stream from the templates into the deck and the quiz pool, so memory does not grow with the number of
questions.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.anki import render_deck
from quizgen.check import plural
from quizgen.errors import Problem, QuizgenError, Severity
from quizgen.loading import read_fact_file
from quizgen.model import FactFile
from quizgen.output import OutputBatch
from quizgen.printing import PrintOptions, QuizPool
from quizgen.questions import Question, iter_questions
from quizgen.sources import find_fact_files, shared_ids


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path = Path("decks")
    question_template_dirs: tuple[Path, ...] = ()
    print_options: PrintOptions = field(default_factory=PrintOptions)
    card_template_dir: Path | None = None
    """Folder of Anki card templates (basic_front.html, …, card.css) overriding the packaged ones."""
    now: int | None = None
    """Seconds since the epoch stamped on Anki notes whose content changed; None means the clock."""


@dataclass
class BuildReport:
    fact_files: list[FactFile] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    """What the build has to tell the user, per file: change reports and the like."""


def load_all(paths: Sequence[Path]) -> list[FactFile]:
    """Every fact file under ``paths``; all errors of all files raised together."""
    fact_files: list[FactFile] = []
    errors: list[Problem] = []
    for path in find_fact_files(paths):
        fact_file, problems = read_fact_file(path)
        errors.extend(p for p in problems if p.severity is Severity.ERROR)
        if fact_file is not None:
            fact_files.append(fact_file)
    errors.extend(shared_ids(fact_files))
    if errors:
        raise QuizgenError(errors)
    return fact_files


class _QuestionStream:
    """A fact file's questions as they are generated, each handed to the quiz pool as the deck takes it:
    the whole list never exists, whatever the size of the file."""

    def __init__(self, questions: Iterator[Question], pool: QuizPool) -> None:
        self._questions = questions
        self._pool = pool
        self.count = 0

    def __iter__(self) -> Iterator[Question]:
        for question in self._questions:
            self._pool.add(question)
            self.count += 1
            yield question


def build(paths: Sequence[Path], options: BuildOptions) -> BuildReport:
    if options.out_dir.exists() and not options.out_dir.is_dir():
        raise QuizgenError(
            Problem(
                options.out_dir, 0, 0, "", "is a file, not a folder", "expected a folder to write outputs to"
            )
        )
    report = BuildReport(fact_files=load_all(paths))
    now = int(time.time()) if options.now is None else options.now
    with OutputBatch() as batch:
        for fact_file in report.fact_files:
            pool = QuizPool(fact_file, options.print_options)
            questions = _QuestionStream(iter_questions(fact_file, options.question_template_dirs), pool)
            deck = render_deck(fact_file, questions, options.out_dir, now, batch, options.card_template_dir)
            report.lines.append(f"{fact_file.path}: {plural(questions.count, 'question', 'questions')}")
            report.lines.extend(deck.lines())
            quizzes = pool.render()
            for path, data in quizzes.items():
                batch.add(options.out_dir / path, data)
            if not quizzes:
                report.lines.append(f"{fact_file.path}: no quiz: {pool.no_quiz_reason()}")
        batch.commit()
        report.written = batch.paths
    return report
