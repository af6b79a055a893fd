"""Benchmark: quizgen's Anki build against genanki and a raw sqlite executemany of the same rows.

    python bench/bench_anki.py [--sizes 1000 10000 100000] [--repeats 3] [--writers WRITER ...]

For each size, a synthetic fact file is written, loaded and turned into questions once (both timed and
printed); the questions are pickled. Every measurement then runs in a fresh subprocess that unpickles them
(untimed), runs one writer, and reports its wall time and the process's peak RSS. The writers, all given the
same notes:

  baseline         nothing: the peak RSS of holding the fact file and its questions
  quizgen          render_deck() + OutputBatch.commit(): fields, checks, state file, .apkg (a first build)
  quizgen-rebuild  the same with a previous build's state present (an edit-free rebuild)
  genanki          genanki Model/Deck/Note objects with the same fields, tags and GUIDs, then
                   Package.write_to_file()
  raw-sqlite       executemany of the same note and card rows into a file with the same schema (no zip, no
                   state; the rows are prepared before the clock starts)
  floor            what no writer of these decks can skip, done as cheaply as Python allows: raw-sqlite,
                   plus each note's GUID (quizgen's note_guids) and content hash (BLAKE2b) from prepared
                   strings, plus packaging the file as an .apkg the way quizgen does

and, from the fact file itself rather than the pickled questions:

  build            quizgen.build.build(): the whole `quizgen build` (load, validate, questions streamed into
                   the deck, quizzes as PDF and HTML), a first build into an empty folder
  rebuild          the same again over the first build's outputs

Printed: median seconds, median peak RSS (MB), and time ratios against genanki and raw sqlite. The writers'
peaks include the questions they are handed (see baseline); build and rebuild hold no such list.
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WRITERS = ("baseline", "quizgen", "quizgen-rebuild", "genanki", "raw-sqlite", "floor", "build", "rebuild")
NOW = 1_750_000_000


def synthetic_fact_file(facts: int) -> str:
    """A valid fact file with ``facts`` facts cycling through every kind."""
    people = max(10, facts // 100)
    lines = [
        "format: 1",
        "id: bench",
        "title: Benchmark facts",
        "deck: Bench::Synthetic",
        "language: en",
        "as_of: 2025-03",
        "tags: [bench]",
        "sources:",
        "  - {id: s1, title: Synthetic source one, publisher: Bench Press, published: 2025-02-22, "
        "url: 'https://example.org/one'}",
        "  - {id: s2, title: Synthetic source two}",
        "organisations:",
        "  - {id: org-a, name: Country A, type: country}",
        "  - {id: org-b, name: Country B, type: country}",
        "people:",
    ]
    lines += [
        f"  - {{id: person-{i}, name: Person Number {i}, role: Minister of Topic {i}, source: s1}}"
        for i in range(people)
    ]
    lines.append("facts:")
    for i in range(facts):
        kind = i % 5
        day = 1 + i % 28
        source = "s1" if i % 3 else "[s1, s2]"
        head = f"  - id: fact-{i}\n    source: {source}\n    tags: [topic-{i % 20}]\n"
        if kind == 0:
            lines.append(
                head + f"    kind: quote\n    speaker: person-{i % people}\n"
                f"    text: We will discuss item {i} with <all> partners & allies\n"
                f"    date: 2025-02-{day:02d}\n    occasion: at press briefing {i}\n"
                f"    context: Said during the negotiations, round {i}."
            )
        elif kind == 1:
            lines.append(
                head + f"    kind: event\n    summary: Delegations met for session {i}\n"
                f"    date: 2025-03-{day:02d}\n    place: Conference hall {i}\n"
                f"    quantities: [{{of: the session, value: {1 + i % 9}.5, unit: hours}}]"
            )
        elif kind == 2:
            lines.append(
                head + f"    kind: vote\n    body: Assembly {i % 50}\n"
                f"    motion: Resolution number {i}\n"
                f"    date: 2025-02-{day:02d}\n    counts: {{in_favour: {50 + i % 90}, "
                f"against: {i % 17}, abstaining: {i % 60}}}\n    voted: {{against: [org-a, org-b]}}"
            )
        elif kind == 3:
            lines.append(
                head + f"    kind: question\n    question: What was agreed in meeting {i}?\n"
                f"    answer: Agreement number {i}"
            )
        else:
            lines.append(
                head + f"    kind: cloze\n    text: Session {i} lasted "
                f"{{{{c1::{1 + i % 9} hours}}}} in {{{{c2::City {i}}}}}."
            )
    return "\n".join(lines) + "\n"


def measure(writer: str, questions_path: Path, work: Path) -> dict[str, Any]:
    """Run one writer in this process; returns seconds and peak RSS in MB."""
    import genanki  # noqa: F401  (imports stay outside the timed region)

    import quizgen.build  # noqa: F401  (imports the whole pipeline, the Anki writer included)

    if writer in ("build", "rebuild"):
        fact_path = questions_path.with_suffix(".yaml")
        if writer == "rebuild":
            _build(fact_path, work / "decks")
        started = time.perf_counter()
        notes = _build(fact_path, work / "decks")
        result = _result(started)
        result["notes"] = notes
        return result
    with questions_path.open("rb") as stream:
        fact_file, questions = pickle.load(stream)
    if writer == "quizgen-rebuild":
        _render(fact_file, questions, work / "decks")
    rows = _rows(fact_file, questions) if writer in ("raw-sqlite", "floor") else None
    hashed = _hashed_strings(questions) if writer == "floor" else None
    started = time.perf_counter()
    if writer in ("quizgen", "quizgen-rebuild"):
        _render(fact_file, questions, work / "decks")
    elif writer == "genanki":
        _genanki(fact_file, questions, work / "genanki.apkg")
    elif writer == "raw-sqlite" and rows is not None:
        _raw_sqlite(rows, work / "raw.anki2")
    elif writer == "floor" and rows is not None and hashed is not None:
        _floor(rows, hashed, work)
    result = _result(started)
    result["notes"] = len(questions)
    return result


def _build(fact_path: Path, out_dir: Path) -> int:
    """The whole build; returns the number of notes in the deck it wrote."""
    from quizgen.build import BuildOptions, build

    report = build([fact_path], BuildOptions(out_dir=out_dir, now=NOW))
    return int(next(line for line in report.lines if line.endswith(" questions")).split()[-2])


def _result(started: float) -> dict[str, Any]:
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mb": _peak_rss_kb() / 1024}


def _peak_rss_kb() -> int:
    """This process's peak RSS. On Linux ru_maxrss survives exec, so a child would report its parent's peak;
    VmHWM belongs to the process image alone."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _render(fact_file: Any, questions: Any, out_dir: Path) -> None:
    from quizgen.anki import render_deck
    from quizgen.output import OutputBatch

    with OutputBatch() as batch:
        render_deck(fact_file, questions, out_dir, NOW, batch)
        batch.commit()


def _genanki(fact_file: Any, questions: Any, path: Path) -> None:
    import genanki

    from quizgen.anki.card_templates import load_card_templates
    from quizgen.anki.notes import build_notes
    from quizgen.anki.notetypes import FIELDS, note_types

    types = note_types(fact_file.id, load_card_templates(FIELDS))
    models = {
        style: genanki.Model(
            t.id,
            t.name,
            fields=[{"name": f} for f in FIELDS],
            templates=[{"name": "Card", "qfmt": t.front, "afmt": t.back}],
            css=t.css,
            model_type=genanki.Model.CLOZE if t.is_cloze else genanki.Model.FRONT_BACK,
        )
        for style, t in types.items()
    }
    deck = genanki.Deck(2059400110, fact_file.deck)
    for note in build_notes(questions, fact_file.path):
        deck.add_note(
            genanki.Note(
                model=models[note.style], fields=list(note.fields), tags=list(note.tags), guid=note.guid
            )
        )
    genanki.Package(deck).write_to_file(str(path), timestamp=NOW)


def _rows(fact_file: Any, questions: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    from quizgen.anki.notes import build_notes

    notes: list[tuple[Any, ...]] = []
    cards: list[tuple[Any, ...]] = []
    for position, note in enumerate(build_notes(questions, fact_file.path), start=1):
        note_id = NOW * 1000 + position * 100
        notes.append(
            (note_id, note.guid, 1, NOW, f" {' '.join(note.tags)} ", "\x1f".join(note.fields), note.fields[0])
        )
        cards.extend((note_id + ord_, note_id, ord_, NOW, position) for ord_ in note.card_ords)
    return notes, cards


def _raw_sqlite(rows: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]], path: Path) -> None:
    import sqlite3

    from genanki.apkg_schema import APKG_SCHEMA

    notes, cards = rows
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    statements = [s for s in APKG_SCHEMA.split(";") if s.strip()]
    for statement in statements:
        if "CREATE INDEX" not in statement:
            connection.execute(statement)
    connection.executemany("INSERT INTO notes VALUES (?,?,?,?,-1,?,?,?,0,0,'')", notes)
    connection.executemany("INSERT INTO cards VALUES (?,?,1,?,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')", cards)
    for statement in statements:
        if "CREATE INDEX" in statement:
            connection.execute(statement)
    connection.commit()
    connection.close()


def _hashed_strings(questions: Any) -> tuple[list[str], list[bytes]]:
    """What the floor writer hashes per note, prepared before the clock starts: the question uids (for the
    GUIDs) and the content hash's input in UTF-8."""
    from quizgen.anki.notes import build_notes

    notes = build_notes(questions, Path("bench.yaml"))
    uids = [note.uid for note in notes]
    contents = [f"{note.style}\x1e{note.joined_fields}\x1e{note.tag_text}".encode() for note in notes]
    return uids, contents


def _floor(
    rows: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]],
    hashed: tuple[list[str], list[bytes]],
    work: Path,
) -> None:
    import hashlib

    from quizgen.anki.apkg import write_apkg
    from quizgen.anki.ids import note_guids

    uids, contents = hashed
    guids = note_guids(uids)
    blake2b = hashlib.blake2b
    content_hashes = [blake2b(content, digest_size=10).hexdigest() for content in contents]
    assert len(guids) == len(content_hashes) == len(rows[0])
    _raw_sqlite(rows, work / "floor.anki2")
    with (work / "floor.apkg").open("wb") as target:
        write_apkg(work / "floor.anki2", target)


def run_child(writer: str, questions_path: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-anki-") as work:
        output = subprocess.run(
            [sys.executable, __file__, "--child", writer, str(questions_path), work],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    result: dict[str, Any] = json.loads(output)
    return result


def prepare(size: int, folder: Path) -> Path:
    """Write, load and generate the questions for a synthetic fact file; pickle them for the writers."""
    from quizgen.loading import load_fact_file
    from quizgen.questions import generate_questions

    fact_path = folder / f"bench-{size}.yaml"
    fact_path.write_text(synthetic_fact_file(size), encoding="utf-8")
    started = time.perf_counter()
    fact_file = load_fact_file(fact_path)
    loaded = time.perf_counter()
    questions = generate_questions(fact_file)
    generated = time.perf_counter()
    print(f"{size:>7} {len(questions):>7} {'(load YAML)':<16} {loaded - started:>9.3f}")
    print(f"{size:>7} {len(questions):>7} {'(questions)':<16} {generated - loaded:>9.3f}", flush=True)
    questions_path = folder / f"bench-{size}.pickle"
    with questions_path.open("wb") as stream:
        pickle.dump((fact_file, questions), stream, protocol=pickle.HIGHEST_PROTOCOL)
    return questions_path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--writers", nargs="+", choices=WRITERS, default=list(WRITERS), help="a subset, for a quick look"
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("WRITER", "QUESTIONS", "WORK_DIR"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.child:
        writer, questions_path, work = args.child
        print(json.dumps(measure(writer, Path(questions_path), Path(work))))
        return

    print(
        f"{'facts':>7} {'notes':>7} {'writer':<16} {'median s':>9} {'peak MB':>8} {'/genanki':>9} {'/raw':>6}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-anki-facts-") as folder:
        for size in args.sizes:
            questions_path = prepare(size, Path(folder))
            # Rounds rather than one writer after another, so that a noisy minute hits every writer alike.
            runs: dict[str, list[dict[str, Any]]] = {writer: [] for writer in args.writers}
            for _ in range(args.repeats):
                for writer in args.writers:
                    runs[writer].append(run_child(writer, questions_path))
            medians = {
                writer: (
                    statistics.median(r["seconds"] for r in results),
                    statistics.median(r["peak_mb"] for r in results),
                    results[0]["notes"],
                )
                for writer, results in runs.items()
            }
            for writer, (seconds, peak, notes) in medians.items():
                versus_genanki = _ratio(seconds, medians.get("genanki"))
                versus_raw = _ratio(seconds, medians.get("raw-sqlite"))
                print(
                    f"{size:>7} {notes:>7} {writer:<16} {seconds:>9.3f} {peak:>8.0f} "
                    f"{versus_genanki:>9} {versus_raw:>6}",
                    flush=True,
                )


def _ratio(seconds: float, against: tuple[float, float, int] | None) -> str:
    return "-" if against is None else f"{seconds / against[0]:.2f}"


if __name__ == "__main__":
    main()
