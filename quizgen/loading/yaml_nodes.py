"""Read a fact file's bytes into a tree of YAML nodes that remember where they stand.

Only PyYAML's composer runs here: it builds nodes (mappings, sequences, scalars with their positions) and
never constructs Python objects, so no YAML tag can run code. Turning nodes into values is the reader's job.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from quizgen.errors import Problem, QuizgenError

MAX_ALIAS_EXPANSION = 100_000
"""How many values aliases may add to a document once expanded: a "billion laughs" file stops here."""

MAX_DEPTH = 100
"""Deepest nesting we accept: PyYAML composes recursively, so a deeper document would overflow the stack."""

STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


def compose_file(path: Path) -> yaml.Node:
    """Parse ``path`` into its root node; raise QuizgenError for unreadable, empty or malformed files."""
    text = read_utf8(path)
    if not text.strip():
        raise QuizgenError(
            Problem(path, 1, 1, "", "the file is empty", "expected a fact file: a mapping with format, id, …")
        )
    try:
        root = _compose_fast(text) or yaml.compose(text, Loader=_DepthBoundedLoader)
    except yaml.reader.ReaderError as exc:
        raise QuizgenError(_unprintable_character(path, text, exc)) from None
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote is only noticed at the end of the file; where it opened is the useful place.
        unclosed = exc.context is not None and exc.context.startswith("while scanning a quoted scalar")
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise QuizgenError(
            Problem(path, line, column, "", f"invalid YAML: {what}", "expected valid YAML")
        ) from None
    except yaml.YAMLError as exc:
        raise QuizgenError(Problem(path, 0, 0, "", f"invalid YAML: {exc}", "expected valid YAML")) from None
    if root is None:
        raise QuizgenError(
            Problem(
                path,
                1,
                1,
                "",
                "the file has no content",
                "expected a fact file: a mapping with format, id, …",
            )
        )
    _check_size_and_tags(path, root)
    return root


def _compose_fast(text: str) -> yaml.Node | None:
    """Compose with libyaml (about ten times faster), or return None to leave the work to the Python loader.

    The Python loader runs whenever libyaml is missing or finds the document too deep or invalid: it bounds
    the depth as it goes, and its error messages and positions are the ones we report and test.
    """
    if not yaml.__with_libyaml__:
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return None  # libyaml composes recursively in C: never hand it a deep document
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        node: yaml.Node | None = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None
    return node


class _DepthBoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing documents nested deeper than MAX_DEPTH instead of exhausting the stack."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self._depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _unprintable_character(path: Path, text: str, exc: yaml.reader.ReaderError) -> Problem:
    """YAML forbids most control characters anywhere in a file; say where the first one is."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    why = " (Anki's field separator)" if exc.character == 0x1F else ""
    return Problem(
        path,
        line,
        column,
        "",
        f"the file contains the character U+{exc.character:04X}{why}, which YAML does not allow",
        "expected text without control characters",
    )


def read_utf8(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QuizgenError(Problem(path, 0, 0, "", f"cannot read the file: {exc.strerror}", "")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise QuizgenError(
            Problem(
                path,
                line,
                column,
                "",
                f"the file is not UTF-8 (byte 0x{data[exc.start]:02x})",
                "expected UTF-8 text; re-save the file as UTF-8",
            )
        ) from None
    return text.removeprefix("\ufeff")


def _check_size_and_tags(path: Path, root: yaml.Node) -> None:
    """Reject tags we do not load and, where the document uses aliases, alias bombs and recursive aliases."""
    seen: set[int] = set()
    has_aliases = False
    problems: list[Problem] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            has_aliases = True
            continue
        seen.add(id(node))
        stack.extend(_children(node))
        if node.tag == "tag:yaml.org,2002:merge":
            problems.append(
                _problem(path, node, "merge keys (<<) are not supported", "expected every key written out")
            )
        elif node.tag not in STANDARD_TAGS:
            problems.append(
                _problem(
                    path,
                    node,
                    f"unsupported YAML tag {node.tag!r}",
                    "expected plain YAML values without tags",
                )
            )
    if has_aliases:
        _check_alias_expansion(path, root)
    if problems:
        raise QuizgenError(problems)


def _check_alias_expansion(path: Path, root: yaml.Node) -> None:
    """Reject documents that aliases expand by over MAX_ALIAS_EXPANSION values, or that contain themselves."""
    expanded_size: dict[int, int] = {}
    """id(node) -> how many values the node stands for once every alias inside it is expanded."""
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            expanded_size[key] = 1 + sum(expanded_size[id(child)] for child in _children(node))
            continue
        if key in expanded_size:
            continue
        if key in open_nodes:
            raise QuizgenError(
                _problem(
                    path,
                    node,
                    "an alias refers to a value that contains it",
                    "expected aliases without cycles",
                )
            )
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))
    if expanded_size[id(root)] - len(expanded_size) > MAX_ALIAS_EXPANSION:
        raise QuizgenError(
            _problem(
                path,
                root,
                f"aliases expand the document by more than {MAX_ALIAS_EXPANSION:,} values",
                "expected a fact file without nested alias expansion",
            )
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _problem(path: Path, node: yaml.Node, message: str, expected: str) -> Problem:
    return Problem(path, node.start_mark.line + 1, node.start_mark.column + 1, "", message, expected)
