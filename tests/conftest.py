"""Shared fixtures: a minimal valid fact file, assembled from sections, and a way to write one to disk."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

HEADER = """\
format: 1
id: test-file
title: Test facts
deck: Tests::Loading
language: en
as_of: 2025-03
"""
SOURCES = """\
sources:
  - id: src
    title: A source
"""
PEOPLE = """\
people:
  - id: ann
    name: Ann Example
    role: Spokesperson
"""
FACTS = """\
facts:
  - id: ann-hello
    kind: quote
    source: src
    speaker: ann
    text: Hello, world
"""


def _items(block: str) -> str:
    """List items written at any indentation, re-indented to sit under a top-level key."""
    items = textwrap.dedent(block).strip("\n")
    return textwrap.indent(items, "  ") + "\n" if items else ""


def build_fact_file_text(
    *,
    header: str = HEADER,
    sources: str = SOURCES,
    organisations: str = "",
    people: str = PEOPLE,
    facts: str = FACTS,
    more_sources: str = "",
    more_people: str = "",
    more_facts: str = "",
) -> str:
    """The minimal valid fact file (one source, one person, one quote), with sections replaced or added to.

    ``header``, ``sources``, ``organisations``, ``people`` and ``facts`` replace a whole section (key line
    included); ``more_*`` append list items, written at any indentation, to that section.
    """
    sections = (
        header,
        sources + _items(more_sources),
        organisations,
        people + _items(more_people),
        facts + _items(more_facts),
    )
    return "".join(textwrap.dedent(section).lstrip("\n") for section in sections)


@pytest.fixture
def fact_file_text() -> Callable[..., str]:
    """``fact_file_text(**sections)``: see ``build_fact_file_text``."""
    return build_fact_file_text


@pytest.fixture
def write_fact_file(tmp_path: Path) -> Callable[..., Path]:
    """``write_fact_file(text, name="facts.yaml")``: write text (as UTF-8) or bytes into tmp_path."""

    def write(content: str | bytes, name: str = "facts.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
