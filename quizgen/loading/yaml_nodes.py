"""Read a fact file's bytes into a tree of YAML nodes that remember where they stand.

Only PyYAML's composer runs here: it builds nodes (mappings, sequences, scalars with their positions) and
never constructs Python objects, so no YAML tag can run code. Turning nodes into values is the reader's job.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from quizgen.errors import Problem, QuizgenError

MAX_NODES = 100_000
"""Largest document we accept, counting every alias expansion: a "billion laughs" file stops here."""

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
        root = yaml.compose(text, Loader=_DepthBoundedLoader)
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
    visited = 0
    stack: list[yaml.Node] = [root]
    problems: list[Problem] = []
    while stack:
        node = stack.pop()
        visited += 1
        if visited > MAX_NODES:
            raise QuizgenError(
                Problem(
                    path,
                    root.start_mark.line + 1,
                    root.start_mark.column + 1,
                    "",
                    f"the document expands to more than {MAX_NODES:,} values through aliases",
                    "expected a fact file without nested alias expansion",
                )
            )
        if node.tag == "tag:yaml.org,2002:merge":
            problems.append(
                Problem(
                    path,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    "",
                    "merge keys (<<) are not supported",
                    "expected every key written out",
                )
            )
        elif node.tag not in STANDARD_TAGS:
            problems.append(
                Problem(
                    path,
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    "",
                    f"unsupported YAML tag {node.tag!r}",
                    "expected plain YAML values without tags",
                )
            )
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((value, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    if problems:
        raise QuizgenError(problems)
