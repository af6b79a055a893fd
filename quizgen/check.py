"""`quizgen check`: validate fact files and, optionally, their quotes against the sources' texts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizgen.errors import Problem, QuizgenError, Severity
from quizgen.loading import read_fact_file
from quizgen.model import FACT_KINDS, FactFile
from quizgen.sources import check_quotes, find_fact_files, shared_ids

KIND_PLURALS = {
    "quote": "quotes",
    "event": "events",
    "vote": "votes",
    "question": "questions",
    "cloze": "clozes",
}


@dataclass
class CheckReport:
    summaries: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fact_files: list[FactFile] = field(default_factory=list)

    def failed(self, strict: bool) -> bool:
        return any(p.severity is Severity.ERROR or strict for p in self.problems)


def check(paths: Sequence[Path], sources_dir: Path | None = None) -> CheckReport:
    """Validate every fact file under ``paths``; with ``sources_dir``, also verify quotes verbatim."""
    if sources_dir is not None and not sources_dir.is_dir():
        raise QuizgenError(
            Problem(sources_dir, 0, 0, "", "no such folder", "expected the folder of source texts")
        )
    report = CheckReport()
    for path in find_fact_files(paths):
        fact_file, problems = read_fact_file(path)
        report.problems.extend(problems)
        if fact_file is None:
            continue
        if sources_dir is not None:
            report.problems.extend(check_quotes(fact_file, sources_dir))
        report.fact_files.append(fact_file)
        report.summaries.append(summarise(fact_file))
    report.problems.extend(shared_ids(report.fact_files))
    return report


def summarise(fact_file: FactFile) -> str:
    kinds = Counter(fact.kind for fact in fact_file.facts)
    by_kind = ", ".join(plural(kinds[k], k, KIND_PLURALS[k]) for k in FACT_KINDS if kinds[k])
    counts = (
        plural(len(fact_file.people), "person", "people"),
        plural(len(fact_file.organisations), "organisation", "organisations"),
        plural(len(fact_file.sources), "source", "sources"),
    )
    facts = plural(len(fact_file.facts), "fact", "facts")
    return f"{fact_file.path}: ok — {facts} ({by_kind}), {', '.join(counts)}"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
