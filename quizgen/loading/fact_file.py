"""Build a validated FactFile from a fact file: the format's keys, kinds and cross-references.

A fact file may hold a great many facts, so they are read one at a time as the composer hands them over,
and no fact's nodes outlive its reading. Everything else in the file is small and is read once the whole
document is composed. Sections written before ``facts`` are read when the facts begin, so that references
to them are settled as each fact is read rather than kept with their positions until the end.

Problems come out in the same order whatever order the file's sections are in: each part of the reading
keeps its own problems, and ``build`` puts them together in one fixed order.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

import yaml

from quizgen.errors import Problem, QuizgenError, Severity
from quizgen.loading.reader import Fields, Reader, is_null
from quizgen.loading.records import (
    ORGANISATION,
    PARTY,
    SOURCE,
    RecordReader,
    Reference,
    References,
)
from quizgen.loading.yaml_nodes import compose_streaming
from quizgen.model import Fact, FactFile

FORMAT_VERSION = 1
HEADER_REQUIRED = ("format", "id", "title", "deck", "language", "as_of", "sources", "facts")
HEADER_OPTIONAL = ("tags", "people", "organisations")
RECORD_SECTIONS = ("sources", "organisations", "people")
LANGUAGE_PATTERN = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
SECTIONS = {PARTY: "people or organisations", ORGANISATION: "organisations", SOURCE: "sources"}


@dataclass
class Section:
    """The sources, organisations or people as read from ``node``, with what reading them found."""

    node: yaml.Node | None
    records: list[Any]
    problems: list[Problem]
    references: References

    @property
    def ids(self) -> set[str]:
        return {record.id for record in self.records}


class FactCollector:
    """Reads the facts of the list ``node`` one at a time, noting their references and duplicate ids."""

    def __init__(self, path: Path, node: yaml.Node | None, declared: dict[str, set[str]]) -> None:
        self.node = node
        self.reader = Reader(path)
        self.references = References(declared)
        self._records = RecordReader(self.reader, self.references)
        self.facts: list[Fact] = []
        self.count = 0
        self.duplicates = Reader(path)
        """Duplicate ids, reported after those of the other sections."""
        self._ids: set[str] = set()

    def read(self, node: yaml.Node, key_path: str) -> None:
        self.count += 1
        fact = self._records.fact(node, key_path)
        if fact is not None:
            self.facts.append(fact)
        id_node = _written_id(node)
        if id_node is not None:
            fact_id = id_node.value.strip()
            if fact_id in self._ids:
                self.duplicates.error(
                    id_node,
                    f"{key_path}.id",
                    f"duplicate id {id_node.value!r}",
                    "expected ids unique among facts",
                )
            self._ids.add(fact_id)


class FactFileBuilder:
    """Reads a fact file's nodes into a FactFile; the composer hands it the facts one at a time."""

    streamed_key = "facts"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = Reader(path)
        self._sections: dict[str, Section] = {}
        self._streamed: FactCollector | None = None
        """The facts handed over one at a time, if they were."""

    def begin(self, node: yaml.Node, earlier_entries: list[tuple[yaml.Node, yaml.Node]]) -> None:
        """Read the sections written before the facts, so that references to them are settled at once."""
        for key in RECORD_SECTIONS:
            section_node = _first_value(earlier_entries, key)
            if section_node is not None:
                self._section(key, section_node)
        self._streamed = FactCollector(self.path, node, self._declared_ids())

    def item(self, node: yaml.Node, index: int) -> None:
        assert self._streamed is not None
        self._streamed.read(node, f"facts[{index}]")

    def build(self, root: yaml.Node) -> FactFile | None:
        header = self.reader.fields(root, "", HEADER_REQUIRED, HEADER_OPTIONAL)
        if header is None:
            return None
        self._check_format(header)
        sources, organisations, people = (self._section(key, header.get(key)) for key in RECORD_SECTIONS)
        for section in (sources, organisations, people):
            self.reader.problems.extend(section.problems)
        declared = self._declared_ids()
        facts = self._facts(header.get("facts"), declared)
        self.reader.problems.extend(facts.reader.problems)
        self._check_duplicate_ids(header, "sources")
        self._check_duplicate_ids(header, "organisations", "people")
        self.reader.problems.extend(facts.duplicates.problems)
        self._check_references(
            header, declared, (organisations.references, people.references, facts.references)
        )
        language = header.text("language", "a language tag like 'en'")
        if language and not LANGUAGE_PATTERN.match(language):
            self.reader.error(
                header.values["language"],
                "language",
                f"{language!r} is not a language tag",
                "expected a BCP 47 tag like 'en' or 'en-GB'",
            )
        as_of = header.date("as_of")
        file_id = header.identifier("id")
        title, deck = header.text("title", "a title"), header.text("deck", "an Anki deck name")
        if deck and any(not part.strip() for part in deck.split("::")):
            self.reader.error(
                header.values["deck"],
                "deck",
                f"{deck!r} has an empty sub-deck name",
                "expected names separated by '::', like 'History::Cold War'",
            )
        tags = header.tags("tags")
        if self.has_errors() or as_of is None:
            return None
        return FactFile(
            path=self.path,
            format=FORMAT_VERSION,
            id=file_id,
            title=title,
            deck=deck,
            language=language,
            as_of=as_of,
            tags=tags,
            sources=tuple(sources.records),
            organisations=tuple(organisations.records),
            people=tuple(people.records),
            facts=tuple(facts.facts),
        )

    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.reader.problems)

    def _check_format(self, header: Fields) -> None:
        node = header.get("format")
        if node is not None and not (isinstance(node, yaml.ScalarNode) and node.value == str(FORMAT_VERSION)):
            self.reader.error(
                node,
                "format",
                f"format version {node.value!r} is not supported",
                f"expected {FORMAT_VERSION}",
            )

    def _section(self, key: str, node: yaml.Node | None) -> Section:
        """The section ``key`` read from ``node``, reading it now unless it already was."""
        section = self._sections.get(key)
        if section is None or section.node is not node:
            section = _read_section(self.path, key, node)
            self._sections[key] = section
        return section

    def _declared_ids(self) -> dict[str, set[str]]:
        """The ids of each namespace, from the sections read so far."""
        ids = {key: section.ids for key, section in self._sections.items()}
        organisations, people = ids.get("organisations", set()), ids.get("people", set())
        return {SOURCE: ids.get("sources", set()), PARTY: people | organisations, ORGANISATION: organisations}

    def _facts(self, node: yaml.Node | None, declared: dict[str, set[str]]) -> FactCollector:
        if self._streamed is not None and self._streamed.node is node:
            facts = self._streamed
        else:
            facts = FactCollector(self.path, node, declared)
            for item_path, item in facts.reader.items(node, "facts", "facts"):
                facts.read(item, item_path)
        if isinstance(node, yaml.SequenceNode) and not facts.count:
            facts.reader.error(node, "facts", "is an empty list", "expected at least one entry in facts")
        return facts

    def _check_duplicate_ids(self, header: Fields, *sections: str) -> None:
        seen: set[str] = set()
        for _, id_node, id_path in self._id_nodes(header, *sections):
            if id_node.value.strip() in seen:
                where = " and ".join(sections)
                self.reader.error(
                    id_node, id_path, f"duplicate id {id_node.value!r}", f"expected ids unique among {where}"
                )
            seen.add(id_node.value.strip())

    @staticmethod
    def _id_nodes(header: Fields, *sections: str) -> list[tuple[str, yaml.ScalarNode, str]]:
        """(section, id node, key path) of every entry in these sections that has a scalar id."""
        found = []
        for section in sections:
            node = header.get(section)
            for index, item in enumerate(node.value if isinstance(node, yaml.SequenceNode) else ()):
                id_node = _written_id(item)
                if id_node is not None:
                    found.append((section, id_node, f"{section}[{index}].id"))
        return found

    def _check_references(
        self, header: Fields, declared: dict[str, set[str]], references: tuple[References, ...]
    ) -> None:
        for ref in chain.from_iterable(refs.pending for refs in references):
            if ref.id not in declared[ref.namespace]:
                self.reader.error(
                    ref.at,
                    ref.key_path,
                    f"refers to unknown {ref.namespace} {ref.id!r}",
                    self._reference_hint(ref, declared[ref.namespace]),
                )
        used = set().union(*(refs.used for refs in references))
        for _, id_node, id_path in self._id_nodes(header, "sources", "people", "organisations"):
            if id_node.value.strip() not in used:
                self.reader.warning(
                    id_node,
                    id_path,
                    f"{id_node.value!r} is never referred to",
                    "expected every entry to be used by a fact (or remove it)",
                )

    @staticmethod
    def _reference_hint(ref: Reference, declared: set[str]) -> str:
        close = difflib.get_close_matches(ref.id, sorted(declared), n=1, cutoff=0.6)
        section = SECTIONS[ref.namespace]
        hint = f"did you mean {close[0]!r}? " if close else ""
        return f"{hint}expected an id declared under {section}"


def _read_section(path: Path, key: str, node: yaml.Node | None) -> Section:
    reader = Reader(path)
    references = References()
    records = RecordReader(reader, references)
    read = {"sources": records.source, "organisations": records.organisation, "people": records.person}[key]
    found = []
    for item_path, item in reader.items(node, key, key):
        record = read(item, item_path)
        if record is not None:
            found.append(record)
    if key == "sources" and isinstance(node, yaml.SequenceNode) and not node.value:
        reader.error(node, key, "is an empty list", f"expected at least one entry in {key}")
    return Section(node, found, reader.problems, references)


def _first_value(entries: list[tuple[yaml.Node, yaml.Node]], key: str) -> yaml.Node | None:
    """What ``Fields.get(key)`` will return for a mapping that starts with these entries."""
    for key_node, value in entries:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return None if is_null(value) else value
    return None


def _written_id(record: yaml.Node) -> yaml.ScalarNode | None:
    """The node of a record's ``id`` as written (first of any duplicates), if it is a non-empty scalar."""
    if not isinstance(record, yaml.MappingNode):
        return None
    id_node = next((value for key, value in record.value if key.value == "id"), None)
    return id_node if isinstance(id_node, yaml.ScalarNode) and not is_null(id_node) else None


def read_fact_file(path: Path) -> tuple[FactFile | None, list[Problem]]:
    """Load and validate ``path``: the FactFile (None if it has errors) and every problem found."""
    try:
        root, builder = compose_streaming(path, lambda: FactFileBuilder(path))
    except QuizgenError as exc:
        return None, sorted(exc.problems, key=lambda p: (p.line, p.column))
    fact_file = builder.build(root)
    problems = sorted(builder.reader.problems, key=lambda p: (p.line, p.column))
    return fact_file, problems


def load_fact_file(path: Path) -> FactFile:
    """Load ``path``, raising QuizgenError with every error found; warnings are ignored here."""
    fact_file, problems = read_fact_file(path)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or fact_file is None:
        raise QuizgenError(errors)
    return fact_file
