"""A fact file's quiz pool: its questions taken one at a time, of which it keeps only what a quiz can use."""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from quizgen.model import CLOZE_DELETION, Event, FactFile
from quizgen.printing.answers import AnswerSamples, template_base
from quizgen.printing.distractors import Distractors
from quizgen.printing.options import DEFAULT_OPTIONS, PrintOptions
from quizgen.printing.ordering import EVENTS_PER_ITEM, MIN_EVENTS, pick_events
from quizgen.printing.output_templates import load_output_templates
from quizgen.printing.quiz_files import render_versions
from quizgen.printing.sampling import SeededKeys, SmallestKeys
from quizgen.printing.selection import Candidates, is_written, select_items
from quizgen.printing.versions import Version, make_versions
from quizgen.questions import Question

QUESTIONS_PER_ITEM = 4
"""Questions of each template kept per item asked for: an item can be drawn from any one template, and
questions are passed over (their fact already asked about, a giveaway, too few wrong options) on the way."""
SPARE_QUESTIONS = 24
SPARE_ANSWERS = 32
"""Wrong-option candidates kept beyond one per item: as many can be ruled out as the quiz has answers."""

Group = tuple[str, bool, str]
"""Questions kept together: style, whether answers are written out (``is_written``), template base."""


class QuizPool:
    """The questions of one fact file, added one at a time as they are generated, and the quiz planned and
    rendered from them.

    Memory is bounded by ``options.count``, not by the number of questions: of each template's questions
    the pool keeps the few with the smallest seeded keys (the seed, the file id and the question's uid,
    hashed), and of their answers a seeded sample per type for wrong options. So the same questions and
    options give the same quiz, byte for byte, whether they come as a list or one by one.
    """

    def __init__(self, fact_file: FactFile, options: PrintOptions = DEFAULT_OPTIONS) -> None:
        self.fact_file = fact_file
        self.options = options
        self._seed = f"{options.seed}/{fact_file.id}"
        self._keys = SeededKeys(f"{self._seed}/select")
        self._per_group = QUESTIONS_PER_ITEM * options.count + SPARE_QUESTIONS
        self._per_answer_sample = options.count + SPARE_ANSWERS
        self._groups: dict[Group, SmallestKeys[Question]] = {}
        self._answers = AnswerSamples(self._per_answer_sample, SeededKeys(f"{self._seed}/answers"))
        self._item_without_tags = False
        """Whether some question, tags aside, makes an item: for ``no_quiz_reason``."""

    @classmethod
    def of(
        cls, fact_file: FactFile, questions: Iterable[Question], options: PrintOptions = DEFAULT_OPTIONS
    ) -> QuizPool:
        pool = cls(fact_file, options)
        for question in questions:
            pool.add(question)
        return pool

    def add(self, question: Question) -> None:
        if question.style == "basic":
            self._answers.add(question)
            self._item_without_tags = True
        elif question.style == "cloze":
            self._item_without_tags = self._item_without_tags or bool(CLOZE_DELETION.search(question.prompt))
        else:
            return
        if not _matches(question.tags, self.options.tags):
            return
        group = (question.style, is_written(question), template_base(question))
        kept = self._groups.get(group)
        if kept is None:
            kept = self._groups[group] = SmallestKeys(self._per_group)
        kept.offer(self._keys(question.uid), question)

    @property
    def retained_questions(self) -> int:
        return sum(len(kept) for kept in self._groups.values())

    @property
    def retained_answers(self) -> int:
        return len(self._answers)

    def plan(self) -> list[Version]:
        """The versions of the quiz: which items, numbered how, with choices in which order."""
        candidates = Candidates(self._ranked("basic"), self._ranked("cloze"), self._events(self.options.tags))
        records = SeededKeys(f"{self._seed}/records")
        answers = self._answers.candidates()
        distractors = Distractors(self.fact_file, answers, self._per_answer_sample, records)
        rng = random.Random(f"{self._seed}/select")
        items = select_items(self.fact_file, candidates, distractors, self.options.count, rng)
        return make_versions(items, self.options.versions, self._seed) if items else []

    def render(self) -> dict[Path, bytes]:
        """Every quiz output by relative path; empty when the file offers no quiz question (see
        ``no_quiz_reason``). Override templates are checked first, whether or not there is a quiz."""
        templates = load_output_templates(self.options.template_dir)
        versions = self.plan()
        return render_versions(self.fact_file, versions, templates, self.options.paper) if versions else {}

    def no_quiz_reason(self) -> str:
        """Why ``render`` gives no quiz, for the build report: the tags asked for, or the file itself (its
        facts make no question, and too few dated events for an ordering question)."""
        if self.options.tags and (self._item_without_tags or self._ordering_without_tags()):
            return "no question has the tag(s) asked for (" + ", ".join(self.options.tags) + ")"
        return "its facts give no quiz question"

    def _ordering_without_tags(self) -> bool:
        return len(pick_events(self._events(()))) >= MIN_EVENTS

    def _ranked(self, style: str) -> list[list[Question]]:
        """The kept questions of ``style`` by group, best first; the groups in the order of their best."""
        groups = [kept.ranked() for (group_style, _, _), kept in self._groups.items() if group_style == style]
        groups.sort(key=lambda ranked: ranked[0][0])
        return [[question for _, question in ranked] for ranked in groups]

    def _events(self, tags: Sequence[str]) -> list[Event]:
        """Dated events for ordering items, best first: as many as ``count`` ordering items could use."""
        file_tags = self.fact_file.tags
        dated = (
            fact
            for fact in self.fact_file.facts
            if isinstance(fact, Event) and fact.date and _matches((*file_tags, *fact.tags), tags)
        )
        limit = EVENTS_PER_ITEM * self._per_group
        return heapq.nsmallest(limit, dated, key=lambda event: self._keys(f"event {event.id}"))


def _matches(item_tags: Sequence[str], wanted: Sequence[str]) -> bool:
    return not wanted or any(tag in wanted for tag in item_tags)
