"""Build a validated FactFile from YAML nodes: the format's keys, kinds and cross-references."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from quizgen.errors import Problem, QuizgenError, Severity
from quizgen.loading.reader import Fields, Reader, is_null
from quizgen.loading.yaml_nodes import compose_file
from quizgen.model import (
    CLOZE_DELETION,
    FACT_KINDS,
    VOTE_POSITIONS,
    Cloze,
    Event,
    Fact,
    FactFile,
    FreeQuestion,
    Location,
    Organisation,
    Person,
    Quantity,
    Quote,
    Source,
    Vote,
)

FORMAT_VERSION = 1
HEADER_REQUIRED = ("format", "id", "title", "deck", "language", "as_of", "sources", "facts")
HEADER_OPTIONAL = ("tags", "people", "organisations")
FACT_COMMON = ("tags", "note", "context")
KIND_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "quote": (("speaker", "text"), ("date", "occasion", "place")),
    "event": (("summary",), ("date", "place", "participants", "quantities")),
    "vote": (("body", "motion"), ("description", "date", "counts", "voted")),
    "question": (("question", "answer"), ()),
    "cloze": (("text",), ()),
}
LANGUAGE_PATTERN = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")

PARTY = "person or organisation"
ORGANISATION = "organisation"
SOURCE = "source"
SECTIONS = {PARTY: "people or organisations", ORGANISATION: "organisations", SOURCE: "sources"}


@dataclass(frozen=True)
class Reference:
    namespace: str
    id: str
    node: yaml.Node
    key_path: str


class FactFileBuilder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = Reader(path)
        self.references: list[Reference] = []

    def build(self, root: yaml.Node) -> FactFile | None:
        header = self.reader.fields(root, "", HEADER_REQUIRED, HEADER_OPTIONAL)
        if header is None:
            return None
        self._check_format(header)
        sources = self._records(header, "sources", self._source, required=True)
        organisations = self._records(header, "organisations", self._organisation)
        people = self._records(header, "people", self._person)
        facts = self._records(header, "facts", self._fact, required=True)
        self._check_duplicate_ids(header, "sources")
        self._check_duplicate_ids(header, "organisations", "people")
        self._check_duplicate_ids(header, "facts")
        declared = {
            SOURCE: {s.id for s in sources},
            PARTY: {p.id for p in people + organisations},
            ORGANISATION: {o.id for o in organisations},
        }
        self._check_references(header, declared)
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
            sources=tuple(sources),
            organisations=tuple(organisations),
            people=tuple(people),
            facts=tuple(facts),
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

    def _records(self, header: Fields, key: str, read: Any, required: bool = False) -> list[Any]:
        node = header.get(key)
        records = []
        for item_path, item in self.reader.items(node, key, key):
            record = read(item, item_path)
            if record is not None:
                records.append(record)
        if required and node is not None and isinstance(node, yaml.SequenceNode) and not node.value:
            self.reader.error(node, key, "is an empty list", f"expected at least one entry in {key}")
        return records

    def _refs(self, fields: Fields, key: str, namespace: str, many: bool) -> tuple[str, ...]:
        node = fields.get(key)
        if node is None:
            return ()
        items = (
            list(self.reader.items(node, fields.path(key), namespace + " ids"))
            if (many and not isinstance(node, yaml.ScalarNode))
            else [(fields.path(key), node)]
        )
        ids = []
        for item_path, item in items:
            value = self.reader.identifier(item, item_path)
            if value:
                self.references.append(Reference(namespace, value, item, item_path))
                ids.append(value)
        return tuple(ids)

    def _source(self, node: yaml.Node, key_path: str) -> Source | None:
        f = self.reader.fields(
            node, key_path, ("id", "title"), ("publisher", "published", "url", "file", "note")
        )
        if f is None:
            return None
        file_name = f.text("file", "a file name")
        if file_name and ("/" in file_name or "\\" in file_name):
            self.reader.error(
                f.values["file"],
                f.path("file"),
                f"{file_name!r} is a path",
                "expected a bare file name; `check --sources DIR` looks for it in DIR",
            )
        return Source(
            id=f.identifier("id"),
            title=f.text("title", "a title"),
            publisher=f.text("publisher"),
            published=f.date("published"),
            url=f.text("url", "a URL"),
            file=file_name,
            note=f.text("note"),
        )

    def _organisation(self, node: yaml.Node, key_path: str) -> Organisation | None:
        f = self.reader.fields(node, key_path, ("id", "name"), ("type", "aliases", "source", "note"))
        if f is None:
            return None
        return Organisation(
            id=f.identifier("id"),
            name=f.text("name", "a name"),
            type=f.text("type"),
            aliases=f.texts("aliases", "name"),
            sources=self._refs(f, "source", SOURCE, many=True),
            note=f.text("note"),
        )

    def _person(self, node: yaml.Node, key_path: str) -> Person | None:
        f = self.reader.fields(
            node, key_path, ("id", "name", "role"), ("organisation", "aliases", "source", "note")
        )
        if f is None:
            return None
        organisation = self._refs(f, "organisation", ORGANISATION, many=False)
        return Person(
            id=f.identifier("id"),
            name=f.text("name", "a name"),
            role=f.text("role", "a role or title"),
            organisation=organisation[0] if organisation else "",
            aliases=f.texts("aliases", "name"),
            sources=self._refs(f, "source", SOURCE, many=True),
            note=f.text("note"),
        )

    def _fact(self, node: yaml.Node, key_path: str) -> Fact | None:
        if not isinstance(node, yaml.MappingNode):
            self.reader.fields(node, key_path, ("id", "kind", "source"), ())
            return None
        kind_node = next(
            (v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "kind"), None
        )
        kind = str(kind_node.value) if isinstance(kind_node, yaml.ScalarNode) else ""
        if kind_node is not None and not is_null(kind_node) and kind not in KIND_KEYS:
            self.reader.error(
                kind_node,
                f"{key_path}.kind",
                f"unknown fact kind {kind!r}",
                f"expected one of: {', '.join(FACT_KINDS)}",
            )
            return None
        required, optional = KIND_KEYS.get(kind, ((), ()))
        f = self.reader.fields(node, key_path, ("id", "kind", "source", *required), (*FACT_COMMON, *optional))
        if f is None or kind not in KIND_KEYS:
            return None
        mark = node.start_mark
        common: dict[str, Any] = {
            "id": f.identifier("id"),
            "sources": self._refs(f, "source", SOURCE, many=True),
            "tags": f.tags("tags"),
            "note": f.text("note"),
            "context": f.text("context"),
            "location": Location(self.path, mark.line + 1, mark.column + 1),
        }
        if kind == "quote":
            speaker = self._refs(f, "speaker", PARTY, many=False)
            return Quote(
                **common,
                speaker=speaker[0] if speaker else "",
                text=f.text("text", "the verbatim words of the quote"),
                date=f.date("date"),
                occasion=f.text("occasion"),
                place=f.text("place"),
            )
        if kind == "event":
            return Event(
                **common,
                summary=f.text("summary", "a sentence saying what happened"),
                date=f.date("date"),
                place=f.text("place"),
                participants=self._refs(f, "participants", PARTY, many=True),
                quantities=self._quantities(f),
            )
        if kind == "vote":
            return self._vote(f, common)
        if kind == "question":
            return FreeQuestion(
                **common, question=f.text("question", "a question"), answer=f.text("answer", "an answer")
            )
        return Cloze(**common, text=self._cloze_text(f))

    def _quantities(self, f: Fields) -> tuple[Quantity, ...]:
        quantities = []
        for item_path, item in self.reader.items(f.get("quantities"), f.path("quantities"), "quantities"):
            q = self.reader.fields(item, item_path, ("of", "value", "unit"), ())
            if q is None or "value" not in q.values:
                continue
            value = self.reader.number(q.values["value"], q.path("value"))
            if value is not None:
                quantities.append(
                    Quantity(
                        of=q.text("of", "a noun phrase"),
                        value=value,
                        unit=q.text("unit", "a unit like 'hours'"),
                    )
                )
        return tuple(quantities)

    def _vote(self, f: Fields, common: dict[str, Any]) -> Vote:
        counts: list[tuple[str, int]] = []
        counts_node = f.get("counts")
        if counts_node is not None:
            c = self.reader.fields(counts_node, f.path("counts"), (), VOTE_POSITIONS)
            for position in VOTE_POSITIONS if c else ():
                node = c.get(position) if c else None
                value = self.reader.count(node, c.path(position)) if c and node is not None else None
                if value is not None:
                    counts.append((position, value))
        voted: list[tuple[str, tuple[str, ...]]] = []
        voted_node = f.get("voted")
        if voted_node is not None:
            v = self.reader.fields(voted_node, f.path("voted"), (), VOTE_POSITIONS)
            for position in VOTE_POSITIONS if v else ():
                group = v.get(position) if v is not None else None
                if group is None or v is None:
                    continue
                if isinstance(group, yaml.SequenceNode) and not group.value:
                    self.reader.error(
                        group,
                        v.path(position),
                        "is an empty list",
                        "expected the ids of those who voted so, or no entry for this position",
                    )
                    continue
                voted.append((position, self._refs(v, position, PARTY, many=True)))
        return Vote(
            **common,
            body=f.text("body", "the voting body"),
            motion=f.text("motion", "the motion's title"),
            description=f.text("description"),
            date=f.date("date"),
            counts=tuple(counts),
            voted=tuple(voted),
        )

    def _cloze_text(self, f: Fields) -> str:
        text = f.text("text", "text with {{c1::…}} deletions")
        if text and not CLOZE_DELETION.search(text):
            self.reader.error(
                f.values["text"],
                f.path("text"),
                "has no cloze deletion",
                "expected at least one deletion like {{c1::answer}}",
            )
        elif text and ("{{" in CLOZE_DELETION.sub("", text) or "}}" in CLOZE_DELETION.sub("", text)):
            self.reader.error(
                f.values["text"],
                f.path("text"),
                "has a malformed cloze deletion",
                "expected deletions like {{c1::answer}} or {{c1::answer::hint}}",
            )
        return text

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
                if not isinstance(item, yaml.MappingNode):
                    continue
                id_node = next((v for k, v in item.value if k.value == "id"), None)
                if isinstance(id_node, yaml.ScalarNode) and not is_null(id_node):
                    found.append((section, id_node, f"{section}[{index}].id"))
        return found

    def _check_references(self, header: Fields, declared: dict[str, set[str]]) -> None:
        used: set[str] = set()
        for ref in self.references:
            used.add(ref.id)
            if ref.id not in declared[ref.namespace]:
                self.reader.error(
                    ref.node,
                    ref.key_path,
                    f"refers to unknown {ref.namespace} {ref.id!r}",
                    self._reference_hint(ref, declared[ref.namespace]),
                )
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


def read_fact_file(path: Path) -> tuple[FactFile | None, list[Problem]]:
    """Load and validate ``path``: the FactFile (None if it has errors) and every problem found."""
    try:
        root = compose_file(path)
    except QuizgenError as exc:
        return None, sorted(exc.problems, key=lambda p: (p.line, p.column))
    builder = FactFileBuilder(path)
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
