"""Typed reads from YAML nodes that record problems instead of raising.

A ``Reader`` collects every problem of a file, so one run reports them all. ``Fields`` reads one mapping:
it knows which keys the mapping may have, reports unknown keys (with a did-you-mean), duplicate keys and
missing required keys, and reads each value as the type the format expects.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

from quizgen.errors import Problem, Severity
from quizgen.model import PartialDate

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
DATE_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
FORBIDDEN_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
TAG_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f]")
SURROGATE = re.compile(r"[\ud800-\udfff]")
"""What a `"\\ud800"` escape produces (PyYAML does not pair them): no UTF-8 output could hold it."""

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"

NUMBERS = yaml.constructor.SafeConstructor()
"""Reads int and float scalars as YAML writes them (0x1F, 1_000, .5); it holds no state between calls."""

ID_EXPECTED = "expected an id of lowercase letters, digits, '-', '_' or '.', like 'marco-rubio'"


class Position(NamedTuple):
    """A place in a file, 1-based: kept instead of a node where a problem may be reported later."""

    line: int
    column: int


def position_of(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def error(self, at: yaml.Node | Position, key_path: str, message: str, expected: str = "") -> None:
        self._add(at, key_path, message, expected, Severity.ERROR)

    def warning(self, at: yaml.Node | Position, key_path: str, message: str, expected: str = "") -> None:
        self._add(at, key_path, message, expected, Severity.WARNING)

    def _add(
        self, at: yaml.Node | Position, key_path: str, message: str, expected: str, severity: Severity
    ) -> None:
        line, column = at if isinstance(at, Position) else position_of(at)
        self.problems.append(Problem(self.path, line, column, key_path, message, expected, severity))

    def fields(
        self, node: yaml.Node, key_path: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> Fields | None:
        """Open ``node`` as a mapping with these keys, or report why it is not one and return None."""
        if not isinstance(node, yaml.MappingNode):
            self.error(
                node,
                key_path,
                f"is {describe(node)}",
                f"expected a mapping with keys {', '.join(required or optional)}",
            )
            return None
        return Fields(self, node, key_path, required, optional)

    def items(self, node: yaml.Node | None, key_path: str, what: str) -> Iterator[tuple[str, yaml.Node]]:
        """The elements of a sequence with their key paths; a missing value is an empty sequence."""
        if node is None or is_null(node):
            return
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, key_path, f"is {describe(node)}", f"expected a list of {what}")
            return
        for index, item in enumerate(node.value):
            yield f"{key_path}[{index}]", item

    def text(self, node: yaml.Node, key_path: str, what: str) -> str | None:
        """Any scalar as its written text (so `title: 1984` is the text "1984"); None if wrong or empty."""
        if not isinstance(node, yaml.ScalarNode) or node.tag == NULL:
            self.error(node, key_path, f"is {describe(node)}", f"expected {what}")
            return None
        value = str(node.value)
        bad = FORBIDDEN_CONTROL.search(value)
        if bad:
            char = bad.group()
            why = " (Anki's field separator)" if char == "\x1f" else ""
            self.error(
                node,
                key_path,
                f"contains the control character U+{ord(char):04X}{why}",
                "expected text without control characters",
            )
            return None
        surrogate = SURROGATE.search(value)
        if surrogate:
            self.error(
                node,
                key_path,
                f"contains the surrogate code point U+{ord(surrogate.group()):04X}",
                "expected text that can be written as UTF-8 (escape characters beyond U+FFFF as \\UXXXXXXXX)",
            )
            return None
        if not value.strip():
            self.error(node, key_path, "is empty", f"expected {what}")
            return None
        return value.strip()

    def identifier(self, node: yaml.Node, key_path: str) -> str | None:
        value = self.text(node, key_path, "an id")
        if value is not None and not ID_PATTERN.match(value):
            self.error(node, key_path, f"{value!r} is not a valid id", ID_EXPECTED)
            return None
        return value

    def date(self, node: yaml.Node, key_path: str) -> PartialDate | None:
        value = self.text(node, key_path, "a date like 2025-02-19, 2025-02 or 2025")
        if value is None:
            return None
        match = DATE_PATTERN.match(value)
        if not match:
            self.error(
                node, key_path, f"{value!r} is not a date", "expected a date like 2025-02-19, 2025-02 or 2025"
            )
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            self.error(node, key_path, f"{value!r} has no month {month}", "expected a month from 01 to 12")
            return None
        if month is not None and day is not None:
            last_day = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last_day:
                self.error(
                    node,
                    key_path,
                    f"{value!r} is not a real date",
                    f"expected a day from 01 to {last_day:02d} for that month",
                )
                return None
        return PartialDate(year, month, day)

    def count(self, node: yaml.Node, key_path: str) -> int | None:
        expected = "expected a whole number of 0 or more"
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (INT, FLOAT):
            self.error(node, key_path, f"is {describe(node)}", expected)
            return None
        try:
            value = int(NUMBERS.construct_yaml_int(node)) if node.tag == INT else None
        except ValueError:  # an explicit `!!int` on something that is not one
            value = None
        if value is None:
            self.error(node, key_path, f"{node.value} is not a whole number", expected)
            return None
        if value < 0:
            self.error(node, key_path, f"{value} is negative", expected)
            return None
        return value

    def number(self, node: yaml.Node, key_path: str) -> int | float | None:
        expected = "expected a number of 0 or more, like 14 or 4.5"
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (INT, FLOAT):
            self.error(node, key_path, f"is {describe(node)}", expected)
            return None
        try:
            value: int | float = (
                NUMBERS.construct_yaml_int(node) if node.tag == INT else NUMBERS.construct_yaml_float(node)
            )
        except ValueError:  # an explicit `!!int` or `!!float` on something that is not one
            value = float("nan")
        if value != value or value in (float("inf"), float("-inf")) or value < 0:
            self.error(node, key_path, f"{node.value} is not a usable number", expected)
            return None
        return value

    def tags(self, node: yaml.Node | None, key_path: str) -> tuple[str, ...]:
        tags: list[str] = []
        for item_path, item in self.items(node, key_path, "tags"):
            tag = self.text(item, item_path, "a tag")
            if tag is None:
                continue
            if TAG_FORBIDDEN.search(tag):
                self.error(
                    item,
                    item_path,
                    f"tag {tag!r} contains a space or control character",
                    "expected a tag without whitespace, like 'us-politics' or 'war::ukraine'",
                )
            elif tag not in tags:
                tags.append(tag)
        return tuple(tags)

    def texts(self, node: yaml.Node | None, key_path: str, what: str) -> tuple[str, ...]:
        values = (self.text(item, path, what) for path, item in self.items(node, key_path, what + "s"))
        return tuple(v for v in values if v is not None)


@dataclass
class Fields:
    """One mapping's values by key, checked against the keys it may have."""

    reader: Reader
    node: yaml.MappingNode
    key_path: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    def __post_init__(self) -> None:
        self.values: dict[str, yaml.Node] = {}
        self.key_nodes: dict[str, yaml.Node] = {}
        allowed = self.required + self.optional
        for key_node, value_node in self.node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.reader.error(
                    key_node,
                    self.key_path,
                    f"has a key that is {describe(key_node)}",
                    "expected plain text keys",
                )
                continue
            key = str(key_node.value)
            path = self.path(key)
            if key in self.values:
                self.reader.error(key_node, path, "is given twice", "expected each key once")
            elif key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}? " if close else ""
                self.reader.error(
                    key_node, path, f"unknown key {key!r}", f"{hint}expected one of: {', '.join(allowed)}"
                )
            else:
                self.values[key] = value_node
                self.key_nodes[key] = key_node
        for key in self.required:
            value = self.values.get(key)
            if value is None or is_null(value):
                at = self.key_nodes.get(key, self.node)
                self.reader.error(
                    at, self.path(key), "is missing", f"expected a value for required key {key!r}"
                )
                self.values.pop(key, None)

    def path(self, key: str) -> str:
        return f"{self.key_path}.{key}" if self.key_path else key

    def get(self, key: str) -> yaml.Node | None:
        """The value node, or None if absent or explicitly null (`key:` with no value)."""
        value = self.values.get(key)
        return None if value is None or is_null(value) else value

    def text(self, key: str, what: str = "text") -> str:
        node = self.get(key)
        return (self.reader.text(node, self.path(key), what) or "") if node is not None else ""

    def identifier(self, key: str) -> str:
        node = self.get(key)
        return (self.reader.identifier(node, self.path(key)) or "") if node is not None else ""

    def date(self, key: str) -> PartialDate | None:
        node = self.get(key)
        return self.reader.date(node, self.path(key)) if node is not None else None

    def tags(self, key: str) -> tuple[str, ...]:
        return self.reader.tags(self.get(key), self.path(key))

    def texts(self, key: str, what: str) -> tuple[str, ...]:
        return self.reader.texts(self.get(key), self.path(key), what)


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "empty"
    kind = {STR: "text", INT: "a whole number", FLOAT: "a number"}.get(node.tag, "a scalar")
    return f"{kind} ({node.value!r})" if kind != "a scalar" else f"{node.value!r}"
