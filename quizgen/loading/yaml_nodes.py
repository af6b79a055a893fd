"""Read a fact file's bytes into YAML nodes that remember where they stand.

The composer (``composer.py``) builds the nodes and checks them; this module reads the file, runs the
composer over libyaml's events where PyYAML has libyaml (several times faster) and over the pure-Python
parser otherwise, and turns every way the text can fail into a Problem. Turning nodes into values is the
reader's job.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from quizgen.errors import Problem, QuizgenError
from quizgen.loading.composer import CheckingComposer, EventParser, ItemConsumer

Consumer = TypeVar("Consumer", bound=ItemConsumer | None)


def compose_file(path: Path) -> yaml.Node:
    """Parse ``path`` into its root node; raise QuizgenError for unreadable, empty or malformed files."""
    root, _ = compose_streaming(path, lambda: None)
    return root


def compose_streaming(path: Path, new_consumer: Callable[[], Consumer]) -> tuple[yaml.Node, Consumer]:
    """Parse ``path`` like ``compose_file``, handing the items of one top-level list to a consumer.

    The root comes back without those items. A consumer made by ``new_consumer`` may have seen items of
    an attempt that failed; the one returned saw exactly the items of the document returned.
    """
    data = _read_document(path)
    root = None
    if yaml.__with_libyaml__:
        consumer = new_consumer()
        try:
            # Bytes rather than text: libyaml would copy text into UTF-8 bytes, holding the file twice.
            root = _compose(path, yaml.CSafeLoader(data), consumer)
        except yaml.YAMLError:
            # Invalid or too deep: the Python parser composes it again, because its error messages and
            # positions are the ones we report and test.
            root = None
    if root is None:
        consumer = new_consumer()
        text = data.decode("utf-8")
        try:
            root = _compose(path, yaml.SafeLoader(text), consumer)
        except yaml.YAMLError as exc:
            raise QuizgenError(_yaml_error(path, text, exc)) from None
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
    return root, consumer


def _read_document(path: Path) -> bytes:
    """The file's bytes without a byte order mark, once known to be UTF-8 text that is not blank."""
    data = _read_bytes(path)
    text = _decode_utf8(path, data)
    if not text or text.isspace():
        raise QuizgenError(
            Problem(path, 1, 1, "", "the file is empty", "expected a fact file: a mapping with format, id, …")
        )
    return data.removeprefix(codecs.BOM_UTF8)


def _compose(
    path: Path, loader: yaml.CSafeLoader | yaml.SafeLoader, consumer: ItemConsumer | None
) -> yaml.Node | None:
    parser: EventParser = loader
    try:
        return CheckingComposer(path, parser, consumer).compose()
    finally:
        loader.dispose()


def _yaml_error(path: Path, text: str, exc: yaml.YAMLError) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        return _unprintable_character(path, text, exc)
    if isinstance(exc, yaml.MarkedYAMLError):
        # An unclosed quote is only noticed at the end of the file; where it opened is the useful place.
        unclosed = exc.context is not None and exc.context.startswith("while scanning a quoted scalar")
        mark = (exc.context_mark if unclosed else None) or exc.problem_mark or exc.context_mark
        what = " ".join(s for s in (exc.context, exc.problem) if s)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return Problem(path, line, column, "", f"invalid YAML: {what}", "expected valid YAML")
    return Problem(path, 0, 0, "", f"invalid YAML: {exc}", "expected valid YAML")


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
    """The file's text without a byte order mark; raise QuizgenError if it is unreadable or not UTF-8."""
    return _decode_utf8(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise QuizgenError(Problem(path, 0, 0, "", f"cannot read the file: {exc.strerror}", "")) from None


def _decode_utf8(path: Path, data: bytes) -> str:
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
