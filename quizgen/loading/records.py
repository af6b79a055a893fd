"""Read one record of a fact file from its YAML node: a source, organisation, person or fact.

Records refer to each other by id. Those references are checked once every id is known, so reading one
records the references it makes in a ``References``, which keeps only what that check will need.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml

from quizgen.loading.reader import Fields, Position, Reader, is_null, position_of
from quizgen.model import (
    CLOZE_DELETION,
    FACT_KINDS,
    VOTE_POSITIONS,
    Cloze,
    Event,
    Fact,
    FreeQuestion,
    Location,
    Organisation,
    Person,
    Quantity,
    Quote,
    Source,
    Vote,
)

T = TypeVar("T", bound=Hashable)

FACT_COMMON = ("tags", "note", "context")
KIND_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "quote": (("speaker", "text"), ("date", "occasion", "place")),
    "event": (("summary",), ("date", "place", "participants", "quantities")),
    "vote": (("body", "motion"), ("description", "date", "counts", "voted")),
    "question": (("question", "answer"), ()),
    "cloze": (("text",), ()),
}

PARTY = "person or organisation"
ORGANISATION = "organisation"
SOURCE = "source"
"""The namespaces references point into; people and organisations share one, as a speaker may be either."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference to an id not known to be declared when it was read, and where it was written."""

    namespace: str
    id: str
    key_path: str
    at: Position


@dataclass
class References:
    """The ids some records refer to, for the check that each is declared and each declared one is used.

    A reference to an id in ``declared`` is settled at once: only that the id is used is kept. The others
    wait in ``pending``, with where they were written, until every id is known.
    """

    declared: dict[str, set[str]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    pending: list[Reference] = field(default_factory=list)

    def add(self, namespace: str, id: str, node: yaml.Node, key_path: str) -> None:
        self.used.add(id)
        if id not in self.declared.get(namespace, ()):
            self.pending.append(Reference(namespace, id, key_path, position_of(node)))


class RecordReader:
    """Reads records into model objects, reporting problems to ``reader`` and references to ``references``."""

    def __init__(self, reader: Reader, references: References) -> None:
        self.reader = reader
        self.references = references
        self.path = reader.path
        self._shared: dict[Hashable, Any] = {}

    def source(self, node: yaml.Node, key_path: str) -> Source | None:
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

    def organisation(self, node: yaml.Node, key_path: str) -> Organisation | None:
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

    def person(self, node: yaml.Node, key_path: str) -> Person | None:
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

    def fact(self, node: yaml.Node, key_path: str) -> Fact | None:
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
            "tags": self._share(tuple(self._share(tag) for tag in f.tags("tags"))),
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
                date=self._share(f.date("date")),
                occasion=f.text("occasion"),
                place=f.text("place"),
            )
        if kind == "event":
            return Event(
                **common,
                summary=f.text("summary", "a sentence saying what happened"),
                date=self._share(f.date("date")),
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
            date=self._share(f.date("date")),
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
                value = self._share(value)
                self.references.add(namespace, value, item, item_path)
                ids.append(value)
        return self._share(tuple(ids))

    def _share(self, value: T) -> T:
        """An equal value read before, if there is one, else ``value``.

        Ids, tags and dates recur across many records: one object for each keeps a large file's model small.
        """
        first: T = self._shared.setdefault(value, value)
        return first
