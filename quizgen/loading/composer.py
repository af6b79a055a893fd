"""Compose a YAML event stream into nodes, checking the document in the same single pass.

Only nodes are built (mappings, sequences, scalars with their positions), never Python objects, so no YAML
tag can run code. On the way the composer enforces what every document we read must satisfy: nesting at
most MAX_DEPTH deep, only the standard tags and no merge keys, no alias inside the value it names, and
aliases adding at most MAX_ALIAS_EXPANSION values once expanded.

The items of one top-level list (a fact file's ``facts``) can be handed to an ``ItemConsumer`` one at a time
as each is composed, so that list never exists whole in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from quizgen.errors import Problem, QuizgenError

MAX_ALIAS_EXPANSION = 100_000
"""How many values aliases may add to a document once expanded: a "billion laughs" file stops here."""

MAX_DEPTH = 100
"""Deepest nesting we accept: the composer recurses, so a deeper document would exhaust the stack."""

STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
MERGE_TAG = "tag:yaml.org,2002:merge"


class EventParser(Protocol):
    """What composing needs of a PyYAML loader, the libyaml one and the pure-Python one alike."""

    def get_event(self) -> Any: ...

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: Any) -> str: ...


class ItemConsumer(Protocol):
    """Takes the items of the list under one key of the root mapping as they are composed."""

    @property
    def streamed_key(self) -> str: ...

    def begin(self, node: yaml.Node, earlier_entries: list[tuple[yaml.Node, yaml.Node]]) -> None:
        """The list ``node`` starts (it stays empty); ``earlier_entries`` are the root's pairs before it."""

    def item(self, node: yaml.Node, index: int) -> None:
        """One item of the list, the ``index``-th, fully composed."""


class CheckingComposer:
    """Composes one document from a parser's events; ``compose`` raises QuizgenError if it breaks a rule.

    YAML syntax errors (and nesting deeper than MAX_DEPTH) raise yaml.YAMLError, the parser's own way.
    """

    def __init__(self, path: Path, parser: EventParser, consumer: ItemConsumer | None = None) -> None:
        self.path = path
        self._get_event = parser.get_event
        self._resolve = parser.resolve
        self._consumer = consumer
        self._anchors: dict[str, yaml.Node] = {}
        self._anchor_sizes: dict[str, int] = {}
        """Anchor -> how many values its node stands for, aliases inside expanded; absent while open."""
        self._values = 0
        """How many values composed so far, every alias counted as the values it stands for."""
        self._alias_values = 0
        """How many of those the aliases added."""
        self._tag_problems: list[Problem] = []
        self._alias_cycle: Problem | None = None
        self._streamed = False

    def compose(self) -> yaml.Node | None:
        """The root node of the stream's single document, or None if the stream has none."""
        next_event = self._get_event
        next_event()  # stream start
        root = None
        event = next_event()
        if type(event) is not StreamEndEvent:  # a document starts
            root = self._node(next_event(), 0, top_level=True)
            next_event()  # document end
            event = next_event()
        if type(event) is not StreamEndEvent:
            assert root is not None
            raise ComposerError(
                "expected a single document in the stream",
                root.start_mark,
                "but found another document",
                event.start_mark,
            )
        self._raise_broken_rules(root)
        return root

    def _raise_broken_rules(self, root: yaml.Node | None) -> None:
        if self._alias_cycle is not None:
            raise QuizgenError(self._alias_cycle)
        if root is not None and self._alias_values > MAX_ALIAS_EXPANSION:
            raise QuizgenError(
                self._problem(
                    root,
                    f"aliases expand the document by more than {MAX_ALIAS_EXPANSION:,} values",
                    "expected a fact file without nested alias expansion",
                )
            )
        if self._tag_problems:
            raise QuizgenError(self._tag_problems)

    def _node(self, event: Any, depth: int, top_level: bool = False) -> yaml.Node:
        """The node that ``event`` starts, composed to its end."""
        if depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        kind = type(event)
        if kind is AliasEvent:
            return self._alias(event)
        anchor: str | None = event.anchor
        if anchor is not None and anchor in self._anchors:
            raise ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self._anchors[anchor].start_mark,
                "second occurrence",
                event.start_mark,
            )
        values_before = self._values
        node = self._start_node(event, kind)
        if anchor is not None:
            self._anchors[anchor] = node  # before its contents, so that an alias inside is caught
        if kind is MappingStartEvent:
            self._fill_mapping(node, depth, top_level)
        elif kind is SequenceStartEvent:
            self._fill_sequence(node, depth)
        if anchor is not None:
            self._anchor_sizes[anchor] = self._values - values_before
        return node

    def _start_node(self, event: Any, kind: type) -> yaml.Node:
        """The node ``event`` starts, a collection still empty, with its tag resolved and checked."""
        self._values += 1
        node: yaml.Node
        if kind is ScalarEvent:
            tag = self._tag(event, yaml.ScalarNode, event.value)
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        else:
            node_class = yaml.MappingNode if kind is MappingStartEvent else yaml.SequenceNode
            tag = self._tag(event, node_class, None)
            node = node_class(tag, [], event.start_mark, None, event.flow_style)
        if tag not in STANDARD_TAGS:
            self._tag_problems.append(self._tag_problem(node))
        return node

    def _alias(self, event: Any) -> yaml.Node:
        anchor: str = event.anchor
        node = self._anchors.get(anchor)
        if node is None:
            raise ComposerError(None, None, f"found undefined alias {anchor!r}", event.start_mark)
        size = self._anchor_sizes.get(anchor)
        if size is None:
            if self._alias_cycle is None:
                self._alias_cycle = self._problem(
                    node, "an alias refers to a value that contains it", "expected aliases without cycles"
                )
        else:
            self._values += size
            self._alias_values += size
        return node

    def _tag(self, event: Any, kind: type[yaml.Node], value: str | None) -> str:
        tag: str | None = event.tag
        if tag is None or tag == "!":
            return self._resolve(kind, value, event.implicit)
        return tag

    def _tag_problem(self, node: yaml.Node) -> Problem:
        if node.tag == MERGE_TAG:
            return self._problem(node, "merge keys (<<) are not supported", "expected every key written out")
        return self._problem(
            node, f"unsupported YAML tag {node.tag!r}", "expected plain YAML values without tags"
        )

    def _fill_sequence(self, node: yaml.Node, depth: int) -> None:
        next_event, items = self._get_event, node.value
        event = next_event()
        while type(event) is not SequenceEndEvent:
            items.append(self._node(event, depth + 1))
            event = next_event()
        node.end_mark = event.end_mark

    def _fill_mapping(self, node: yaml.Node, depth: int, top_level: bool) -> None:
        next_event, pairs = self._get_event, node.value
        event = next_event()
        while type(event) is not MappingEndEvent:
            key = self._node(event, depth + 1)
            event = next_event()
            if top_level and self._streams(key, event):
                value = self._stream_list(event, depth + 1, pairs)
            else:
                value = self._node(event, depth + 1)
            pairs.append((key, value))
            event = next_event()
        node.end_mark = event.end_mark

    def _streams(self, key: yaml.Node, value_event: Any) -> bool:
        """Whether the value ``value_event`` starts is the list to hand over item by item.

        That is the value of the first occurrence of the consumer's key, if it is a list without an anchor:
        an alias may name an anchored list later, so that one stays whole.
        """
        if self._consumer is None or self._streamed:
            return False
        if not (isinstance(key, yaml.ScalarNode) and key.value == self._consumer.streamed_key):
            return False
        self._streamed = True
        return type(value_event) is SequenceStartEvent and value_event.anchor is None

    def _stream_list(
        self, event: Any, depth: int, earlier_entries: list[tuple[yaml.Node, yaml.Node]]
    ) -> yaml.Node:
        """Compose the list ``event`` starts, handing its items to the consumer instead of keeping them.

        The list is a value of the root mapping, so no deeper than MAX_DEPTH allows.
        """
        assert self._consumer is not None
        node = self._start_node(event, SequenceStartEvent)
        if not self._rejected():
            self._consumer.begin(node, list(earlier_entries))
        next_event, index = self._get_event, 0
        event = next_event()
        while type(event) is not SequenceEndEvent:
            item = self._node(event, depth + 1)
            if not self._rejected():  # a rejected document is still composed, for its syntax errors
                self._consumer.item(item, index)
            index += 1
            event = next_event()
        node.end_mark = event.end_mark
        return node

    def _rejected(self) -> bool:
        """Whether the document already breaks a rule, so ``compose`` will raise once it reaches the end.

        The consumer then gets no more items: in particular it never reads through an alias bomb.
        """
        return (
            bool(self._tag_problems)
            or self._alias_cycle is not None
            or self._alias_values > MAX_ALIAS_EXPANSION
        )

    def _problem(self, node: yaml.Node, message: str, expected: str) -> Problem:
        mark = node.start_mark
        return Problem(self.path, mark.line + 1, mark.column + 1, "", message, expected)
