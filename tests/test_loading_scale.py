"""Loading a large fact file: the facts are read one at a time, yet the result is as if read whole.

The composer hands the items of ``facts`` over as each is composed and keeps none of them; sections may
come before or after the facts; anchors inside facts stay usable; and libyaml and the pure-Python parser,
which PyYAML may or may not have, give the same result.
"""

from __future__ import annotations

import tracemalloc
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from quizgen.errors import QuizgenError
from quizgen.loading import read_fact_file
from quizgen.loading.composer import MAX_ALIAS_EXPANSION
from quizgen.loading.yaml_nodes import compose_streaming

TextBuilder = Callable[..., str]
Writer = Callable[..., Path]


def quotes(count: int) -> str:
    """``count`` quote facts by ann from src, as list items for ``fact_file_text(more_facts=...)``."""
    return "".join(
        f"- id: q{n}\n  kind: quote\n  source: src\n  speaker: ann\n  tags: [t{n % 7}]\n"
        f"  date: 2025-02-{n % 28 + 1:02d}\n  text: Words number {n} said by Ann\n"
        for n in range(count)
    )


def outcome(path: Path) -> tuple[object, list[str]]:
    fact_file, problems = read_fact_file(path)
    return fact_file, [str(p) for p in problems]


class KeepingWeakly:
    """A consumer of ``facts`` that checks each item is gone by the time the next one arrives."""

    streamed_key = "facts"

    def __init__(self) -> None:
        self.began = False
        self.indexes: list[int] = []
        self.previous: weakref.ref[yaml.Node] | None = None

    def begin(self, node: yaml.Node, earlier_entries: list[tuple[yaml.Node, yaml.Node]]) -> None:
        self.began = True
        assert [key.value for key, _ in earlier_entries][-2:] == ["sources", "people"]

    def item(self, node: yaml.Node, index: int) -> None:
        assert self.previous is None or self.previous() is None, "an earlier fact's nodes are still alive"
        self.previous = weakref.ref(node)
        self.indexes.append(index)


def test_facts_are_handed_over_one_at_a_time_and_not_kept(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    path = write_fact_file(fact_file_text(more_facts=quotes(50)))
    root, consumer = compose_streaming(path, KeepingWeakly)
    assert consumer.began
    assert consumer.indexes == list(range(51))
    facts = dict((key.value, value) for key, value in root.value)["facts"]
    assert isinstance(facts, yaml.SequenceNode) and facts.value == []


def test_loading_memory_grows_with_the_model_not_with_the_yaml_nodes(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    path = write_fact_file(fact_file_text(more_facts=quotes(3000)))
    tracemalloc.start()
    try:
        fact_file, problems = read_fact_file(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert problems == [] and fact_file is not None and len(fact_file.facts) == 3001
    # All the file's nodes at once took about 50 times the file's size; the facts alone take about 2.
    assert peak < 10 * path.stat().st_size


def test_sections_after_the_facts(write_fact_file: Writer) -> None:
    text = """\
facts:
  - {id: a, kind: quote, source: src, speaker: ann, text: Hi}
  - {id: a, kind: quote, source: scr, speaker: bob, text: Hi}
format: 1
id: x
title: T
deck: D
language: en
as_of: 2025
sources:
  - {id: src, title: S}
people:
  - {id: ann, name: A, role: R}
"""
    path = write_fact_file(text)
    assert outcome(path) == (
        None,
        [
            f"{path}:3:10: facts[1].id: duplicate id 'a' — expected ids unique among facts",
            f"{path}:3:34: facts[1].source: refers to unknown source 'scr' — did you mean 'src'? "
            "expected an id declared under sources",
            f"{path}:3:48: facts[1].speaker: refers to unknown person or organisation 'bob' "
            "— expected an id declared under people or organisations",
        ],
    )


def test_sections_around_the_facts(write_fact_file: Writer) -> None:
    text = """\
format: 1
id: x
title: T
deck: D
language: en
as_of: 2025
people:
  - {id: ann, name: A, role: R, organisation: org}
facts:
  - {id: a, kind: quote, source: src, speaker: org, text: Hi}
  - {id: b, kind: quote, source: src, speaker: ann, text: Hi}
sources:
  - {id: src, title: S}
organisations:
  - {id: org, name: O}
"""
    fact_file, problems = outcome(write_fact_file(text))
    assert problems == []
    assert fact_file is not None


def test_problems_at_one_place_keep_their_order_when_an_alias_shares_it(write_fact_file: Writer) -> None:
    text = """\
format: 1
id: x
title: T
deck: D
language: en
as_of: &day 2025-02-30
sources:
  - {id: src, title: S}
facts:
  - {id: b, kind: quote, source: src, speaker: *day, text: t, date: *day}
"""
    path = write_fact_file(text)
    assert outcome(path)[1] == [
        f"{path}:6:8: facts[0].date: '2025-02-30' is not a real date "
        "— expected a day from 01 to 28 for that month",
        f"{path}:6:8: facts[0].speaker: refers to unknown person or organisation '2025-02-30' "
        "— expected an id declared under people or organisations",
        f"{path}:6:8: as_of: '2025-02-30' is not a real date — expected a day from 01 to 28 for that month",
    ]


def test_an_anchor_inside_a_fact_can_be_used_after_it(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    more = """\
- {id: q2, kind: question, source: src, question: Q, answer: A, tags: &tags [shared, tags]}
- {id: q3, kind: question, source: src, question: Q, answer: A, tags: *tags}
"""
    path = write_fact_file(fact_file_text(more_facts=more) + "tags: *tags\n")
    fact_file, problems = read_fact_file(path)
    assert problems == []
    assert fact_file is not None
    assert fact_file.tags == ("shared", "tags")
    assert [f.tags for f in fact_file.facts] == [(), ("shared", "tags"), ("shared", "tags")]


def test_an_anchored_facts_list_stays_whole(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(
        facts="facts: &all\n  - {id: q, kind: question, source: src, question: Q, answer: A}\n"
    )
    path = write_fact_file(text + "tags: *all\n")
    assert [p for p in outcome(path)[1] if "warning" not in p] == [
        f"{path}:15:5: tags[0]: is a mapping — expected a tag"
    ]


class Counting:
    streamed_key = "facts"

    def __init__(self) -> None:
        self.items = 0

    def begin(self, node: yaml.Node, earlier_entries: list[tuple[yaml.Node, yaml.Node]]) -> None:
        pass

    def item(self, node: yaml.Node, index: int) -> None:
        self.items += 1


def test_facts_past_an_alias_bomb_are_not_read(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    big = "big: &big [" + ", ".join(["x"] * (MAX_ALIAS_EXPANSION // 2)) + "]\n"
    facts = "".join(
        f"- {{id: f{n}, kind: question, source: src, question: Q, answer: A, tags: *big}}\n"
        for n in range(100)
    )
    path = write_fact_file(big + fact_file_text(more_facts=facts))
    counting = Counting()
    with pytest.raises(QuizgenError, match="aliases expand the document"):
        compose_streaming(path, lambda: counting)
    # The minimal file's fact and one aliasing half the bound; the next alias takes the document past it.
    assert counting.items == 2


DOCUMENTS = {
    "valid with anchors": "sources:\n  - {id: &s src, title: S}\nfacts:\n  - {id: a, kind: question, "
    "source: *s, question: Q, answer: A}\nformat: 1\nid: x\ntitle: T\ndeck: D\nlanguage: en\nas_of: 2025\n",
    "a tag in a fact": "facts:\n  - {id: a, kind: question, source: s, question: !x Q, answer: A}\n",
    "a recursive alias in a fact": "facts:\n  - &f {id: a, kind: question, source: *f}\n",
    "100 lists around a scalar": "facts: " + "[" * 99 + "x" + "]" * 99 + "\n",
    "a syntax error after the facts": "facts:\n  - {id: a}\nformat: [1\n",
}


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_libyaml_and_the_python_parser_agree(
    write_fact_file: Writer, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = write_fact_file(DOCUMENTS[name])
    with_libyaml = outcome(path)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    assert outcome(path) == with_libyaml
