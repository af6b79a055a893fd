"""Loading fact files: each bad input is reported with its exact message and place; valid files load fully.

Positions are asserted through ``at(text, needle)``: the line and column of the needle in the file's text,
with ``^`` marking the character the problem must point at. ``test_all_problems_of_a_file_in_one_run``
spells its positions out literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from quizgen.errors import Problem, QuizgenError, Severity
from quizgen.loading import load_fact_file, read_fact_file
from quizgen.model import (
    Cloze,
    Event,
    FactFile,
    FreeQuestion,
    Location,
    Organisation,
    PartialDate,
    Person,
    Quantity,
    Quote,
    Source,
    Vote,
)

TextBuilder = Callable[..., str]
Writer = Callable[..., Path]

MESSAGE_FORMAT = re.compile(
    r"(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<key>\S+): (?P<what>.+) — (?P<expected>.+)"
)


def at(text: str, needle: str, occurrence: int = 1) -> str:
    """'line:column' (1-based) of the n-th ``needle`` in ``text``; a ``^`` in it marks the character."""
    offset = max(needle.find("^"), 0)
    plain = needle.replace("^", "")
    index = -1
    for _ in range(occurrence):
        index = text.index(plain, index + 1)
    index += offset
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{column}"


def replacing(text: str, old: str, new: str) -> str:
    """``text`` with its one occurrence of ``old`` replaced, e.g. a line of the minimal file's quote."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def problems(path: Path) -> list[str]:
    fact_file, found = read_fact_file(path)
    assert all(isinstance(p, Problem) for p in found)
    if any(p.severity is Severity.ERROR for p in found):
        assert fact_file is None
    return [str(p) for p in found]


def errors(path: Path) -> list[str]:
    _, found = read_fact_file(path)
    return [str(p) for p in found if p.severity is Severity.ERROR]


def test_the_minimal_file_has_no_problems(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    path = write_fact_file(fact_file_text())
    assert problems(path) == []


# --- YAML level -------------------------------------------------------------------------------------------


def test_yaml_syntax_error(write_fact_file: Writer) -> None:
    path = write_fact_file("format: 1\nid: test-file\ntitle: Test facts\n  deck: Tests\nlanguage: en\n")
    assert problems(path) == [
        f"{path}:4:7: invalid YAML: mapping values are not allowed here — expected valid YAML"
    ]


def test_an_unclosed_quote_is_reported_where_it_opens(write_fact_file: Writer) -> None:
    path = write_fact_file('format: 1\nid: "test-file\ntitle: Test facts\n')
    assert problems(path) == [
        f"{path}:2:5: invalid YAML: while scanning a quoted scalar found unexpected end of stream"
        " — expected valid YAML"
    ]


def test_not_utf8(write_fact_file: Writer) -> None:
    path = write_fact_file(b"format: 1\nid: caf\xe9\n")
    assert problems(path) == [
        f"{path}:2:8: the file is not UTF-8 (byte 0xe9) — expected UTF-8 text; re-save the file as UTF-8"
    ]


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"], ids=["no-bytes", "whitespace"])
def test_empty_file(write_fact_file: Writer, content: bytes) -> None:
    path = write_fact_file(content)
    assert problems(path) == [
        f"{path}:1:1: the file is empty — expected a fact file: a mapping with format, id, …"
    ]


def test_file_of_only_comments(write_fact_file: Writer) -> None:
    path = write_fact_file("# nothing yet\n")
    assert problems(path) == [
        f"{path}:1:1: the file has no content — expected a fact file: a mapping with format, id, …"
    ]


def test_top_level_not_a_mapping(write_fact_file: Writer) -> None:
    path = write_fact_file("- format: 1\n")
    assert problems(path) == [
        f"{path}:1:1: is a list — expected a mapping with keys "
        "format, id, title, deck, language, as_of, sources, facts"
    ]


def test_utf8_byte_order_mark_is_accepted(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    path = write_fact_file("\ufeff" + fact_file_text())
    assert problems(path) == []


def test_billion_laughs_is_rejected(write_fact_file: Writer) -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path = write_fact_file("\n".join(levels) + "\n")
    assert problems(path) == [
        f"{path}:1:1: aliases expand the document by more than 100,000 values "
        "— expected a fact file without nested alias expansion"
    ]


def test_a_recursive_alias_is_rejected(write_fact_file: Writer) -> None:
    path = write_fact_file("tags: &loop [a, *loop]\n")
    assert problems(path) == [
        f"{path}:1:7: an alias refers to a value that contains it — expected aliases without cycles"
    ]


def test_a_large_file_without_aliases_is_not_mistaken_for_an_alias_bomb(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    facts = "".join(
        f"  - {{id: q{n}, kind: question, source: src, question: Question {n}, answer: Answer {n}}}\n"
        for n in range(12_000)  # about 144,000 nodes: past the old, wrong cap
    )
    path = write_fact_file(fact_file_text(more_facts=facts))
    assert problems(path) == []


def test_deep_nesting_is_rejected_without_exhausting_the_stack(write_fact_file: Writer) -> None:
    path = write_fact_file("facts: " + "[" * 5000 + "]" * 5000 + "\n")
    # The root mapping is level 1 and the n-th bracket level n + 1: the 100th bracket is the first too deep.
    assert problems(path) == [
        f"{path}:1:{len('facts: ') + 100}: invalid YAML: nested more than 100 levels deep "
        "— expected valid YAML"
    ]


def test_python_object_tag_is_rejected_and_never_constructed(
    fact_file_text: TextBuilder, write_fact_file: Writer, tmp_path: Path
) -> None:
    marker = tmp_path / "constructed"
    text = fact_file_text(
        facts=f"""
        facts:
          - id: ann-hello
            kind: quote
            source: src
            speaker: ann
            text: !!python/object/apply:os.mkdir ["{marker}"]
        """
    )
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, '!!python')}: unsupported YAML tag "
        "'tag:yaml.org,2002:python/object/apply:os.mkdir' — expected plain YAML values without tags"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        (
            "!!python/object:quizgen.model.Source {id: x, title: y}",
            "tag:yaml.org,2002:python/object:quizgen.model.Source",
        ),
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
        ("!secret hello", "!secret"),
    ],
    ids=["python-object", "binary", "local-tag"],
)
def test_other_tags_are_rejected(
    fact_file_text: TextBuilder, write_fact_file: Writer, value: str, tag: str
) -> None:
    text = fact_file_text(
        header=f"format: 1\nid: test-file\ntitle: {value}\ndeck: D\nlanguage: en\nas_of: 2025\n"
    )
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:3:8: unsupported YAML tag {tag!r} — expected plain YAML values without tags"
    ]


def test_merge_keys_are_rejected(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(
        people="""
        people:
          - <<: {id: ann, name: Ann Example}
            role: Spokesperson
        """
    )
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, '<<')}: merge keys (<<) are not supported — expected every key written out"
    ]


def test_every_tag_and_merge_key_is_reported_in_line_order(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    text = replacing(fact_file_text(), "title: Test facts", "title: !x Test facts")
    text = replacing(text, "text: Hello, world", "text: !y Hello, world")
    text = replacing(text, "  - id: ann\n", "  - <<: {id: ann}\n")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, '!x')}: unsupported YAML tag '!x' — expected plain YAML values without tags",
        f"{path}:{at(text, '<<')}: merge keys (<<) are not supported — expected every key written out",
        f"{path}:{at(text, '!y')}: unsupported YAML tag '!y' — expected plain YAML values without tags",
    ]


def test_anchors_and_aliases_are_allowed(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(
        sources="sources:\n  - id: &main src\n    title: A source\n",
        more_facts="""
        - id: ann-again
          kind: quote
          source: *main
          speaker: ann
          text: Hello again
        """,
    )
    fact_file, found = read_fact_file(write_fact_file(text))
    assert found == []
    assert fact_file is not None
    assert [f.sources for f in fact_file.facts] == [("src",), ("src",)]


def test_multiple_documents_are_rejected(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text() + "---\n" + fact_file_text()
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, '---')}: invalid YAML: expected a single document in the stream "
        "but found another document — expected valid YAML"
    ]


def test_a_raw_control_character_in_the_file(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text().replace("Hello, world", "Hello,\x1fworld")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, chr(0x1F))}: the file contains the character U+001F (Anki's field separator), "
        "which YAML does not allow — expected text without control characters"
    ]


# --- keys and types ---------------------------------------------------------------------------------------

QUOTE_KEYS = "id, kind, source, speaker, text, tags, note, context, date, occasion, place"


@pytest.mark.parametrize(
    ("key", "hint"),
    [("ocasion", "did you mean 'occasion'? "), ("colour", "")],
    ids=["did-you-mean", "no-close-match"],
)
def test_unknown_key(fact_file_text: TextBuilder, write_fact_file: Writer, key: str, hint: str) -> None:
    text = replacing(
        fact_file_text(), "text: Hello, world", f"text: Hello, world\n    {key}: a press conference"
    )
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, key)}: facts[0].{key}: unknown key {key!r} — {hint}expected one of: {QUOTE_KEYS}"
    ]


def test_unknown_header_key(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text() + "organizations: []\n"
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'organizations')}: organizations: unknown key 'organizations' — did you mean "
        "'organisations'? expected one of: format, id, title, deck, language, as_of, sources, facts, tags, "
        "people, organisations"
    ]


def test_key_given_twice(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = replacing(fact_file_text(), "text: Hello, world", "text: Hello, world\n    text: Hello again")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'text: Hello again')}: facts[0].text: is given twice — expected each key once"
    ]


@pytest.mark.parametrize(
    ("sections", "needle", "message"),
    [
        (
            {"header": "format: 1\nid: test-file\ntitle: [a, b]\ndeck: D\nlanguage: en\nas_of: 2025\n"},
            "[a, b]",
            "title: is a list — expected a title",
        ),
        (
            {"people": "people:\n  - {id: ann, name: Ann Example, role: Spokesperson, aliases: Annie}\n"},
            "Annie",
            "people[0].aliases: is text ('Annie') — expected a list of names",
        ),
        (
            {"more_facts": "- just a sentence"},
            "just a sentence",
            "facts[1]: is text ('just a sentence') — expected a mapping with keys id, kind, source",
        ),
        (
            {"more_people": "- {id: bob, name: Bob, role: {title: Envoy}}"},
            "{title",
            "people[1].role: is a mapping — expected a role or title",
        ),
        (
            {"facts": "facts:\n  - {id: q, kind: quote, source: src, speaker: ann, text: Hi, date: [1]}\n"},
            "[1]",
            "facts[0].date: is a list — expected a date like 2025-02-19, 2025-02 or 2025",
        ),
    ],
    ids=["title-list", "aliases-scalar", "fact-scalar", "role-mapping", "date-list"],
)
def test_wrong_type(
    fact_file_text: TextBuilder, write_fact_file: Writer, sections: dict[str, str], needle: str, message: str
) -> None:
    text = fact_file_text(**sections)
    path = write_fact_file(text)
    assert errors(path) == [f"{path}:{at(text, needle)}: {message}"]


def test_missing_required_key(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(people="people:\n  - id: ann\n    name: Ann Example\n")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'id: ann')}: people[0].role: is missing — expected a value for required key 'role'"
    ]


def test_required_key_without_a_value(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(people="people:\n  - id: ann\n    name: Ann Example\n    role:\n")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'role:')}: people[0].role: is missing — expected a value for required key 'role'"
    ]


def test_missing_header_key(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(header="format: 1\nid: test-file\ntitle: T\nlanguage: en\nas_of: 2025\n")
    path = write_fact_file(text)
    assert problems(path) == [f"{path}:1:1: deck: is missing — expected a value for required key 'deck'"]


def test_unknown_fact_kind(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(more_facts="- {id: x, kind: qoute, source: src, text: Hi}")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'qoute')}: facts[1].kind: unknown fact kind 'qoute' "
        "— expected one of: quote, event, vote, question, cloze"
    ]


def test_unsupported_format_version(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text().replace("format: 1", "format: 2")
    path = write_fact_file(text)
    assert problems(path) == [f"{path}:1:9: format: format version '2' is not supported — expected 1"]


# --- ids and references -----------------------------------------------------------------------------------


def test_duplicate_fact_id(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(more_facts="- {id: ann-hello, kind: quote, source: src, speaker: ann, text: Again}")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'ann-hello', 2)}: facts[1].id: duplicate id 'ann-hello' "
        "— expected ids unique among facts"
    ]


def test_duplicate_source_id(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(more_sources="- {id: src, title: Another source}")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, '{id: ^src')}: sources[1].id: duplicate id 'src' "
        "— expected ids unique among sources"
    ]


def test_duplicate_person_id(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(more_people="- {id: ann, name: Ann Other, role: Envoy}")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, '{id: ^ann')}: people[1].id: duplicate id 'ann' "
        "— expected ids unique among organisations and people"
    ]


def test_person_and_organisation_share_an_id(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(organisations="organisations:\n  - {id: ann, name: Ann Incorporated}\n")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'id: ^ann', 2)}: people[0].id: duplicate id 'ann' "
        "— expected ids unique among organisations and people"
    ]


@pytest.mark.parametrize(
    ("speaker", "hint"), [("bob", ""), ("anne", "did you mean 'ann'? ")], ids=["no-match", "did-you-mean"]
)
def test_reference_to_unknown_person(
    fact_file_text: TextBuilder, write_fact_file: Writer, speaker: str, hint: str
) -> None:
    text = replacing(fact_file_text(), "speaker: ann", f"speaker: {speaker}")
    path = write_fact_file(text)
    assert errors(path) == [
        f"{path}:{at(text, 'speaker: ^' + speaker)}: facts[0].speaker: refers to unknown person or "
        f"organisation {speaker!r} — {hint}expected an id declared under people or organisations"
    ]


def test_reference_to_unknown_participant_and_voter(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    text = fact_file_text(
        more_facts="""
        - {id: talks, kind: event, source: src, summary: Talks, participants: [ann, bob]}
        - {id: vote, kind: vote, source: src, body: UN, motion: M, voted: {against: [carol]}}
        """
    )
    path = write_fact_file(text)
    assert errors(path) == [
        f"{path}:{at(text, 'bob')}: facts[1].participants[1]: refers to unknown person or organisation "
        "'bob' — expected an id declared under people or organisations",
        f"{path}:{at(text, 'carol')}: facts[2].voted.against[0]: refers to unknown person or organisation "
        "'carol' — expected an id declared under people or organisations",
    ]


def test_reference_to_unknown_source(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = replacing(fact_file_text(), "source: src", "source: [src, srx]")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'srx')}: facts[0].source[1]: refers to unknown source 'srx' "
        "— did you mean 'src'? expected an id declared under sources"
    ]


def test_invalid_id(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = replacing(fact_file_text(), "id: ann-hello", "id: Ann Hello")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'Ann Hello')}: facts[0].id: 'Ann Hello' is not a valid id "
        "— expected an id of lowercase letters, digits, '-', '_' or '.', like 'marco-rubio'"
    ]


# --- values -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-02-30", "'2025-02-30' is not a real date — expected a day from 01 to 28 for that month"),
        ("2024-02-30", "'2024-02-30' is not a real date — expected a day from 01 to 29 for that month"),
        ("2025-13", "'2025-13' has no month 13 — expected a month from 01 to 12"),
        ("2025-13-01", "'2025-13-01' has no month 13 — expected a month from 01 to 12"),
        (
            "19 February 2025",
            "'19 February 2025' is not a date — expected a date like 2025-02-19, 2025-02 or 2025",
        ),
    ],
    ids=["february-30", "leap-year-february-30", "month-13", "month-13-with-day", "prose"],
)
def test_impossible_date(
    fact_file_text: TextBuilder, write_fact_file: Writer, date: str, message: str
) -> None:
    text = replacing(fact_file_text(), "text: Hello, world", f"text: Hello, world\n    date: {date}")
    path = write_fact_file(text)
    assert problems(path) == [f"{path}:{at(text, date)}: facts[0].date: {message}"]


def vote_with_counts(counts: str) -> str:
    return (
        f"- {{id: un-vote, kind: vote, source: src, body: UN General Assembly, motion: M, counts: {counts}}}"
    )


@pytest.mark.parametrize(
    ("counts", "needle", "message"),
    [
        (
            "{against: -3}",
            "-3",
            "facts[1].counts.against: -3 is negative — expected a whole number of 0 or more",
        ),
        (
            "{abstaining: 65.5}",
            "65.5",
            "facts[1].counts.abstaining: 65.5 is not a whole number — expected a whole number of 0 or more",
        ),
        (
            "{in_favour: '93'}",
            "'93'",
            "facts[1].counts.in_favour: is text ('93') — expected a whole number of 0 or more",
        ),
        (
            "{in_favour: !!int many}",
            "!!int",
            "facts[1].counts.in_favour: many is not a whole number — expected a whole number of 0 or more",
        ),
        (
            "{in_favor: 93}",
            "in_favor",
            "facts[1].counts.in_favor: unknown key 'in_favor' — did you mean 'in_favour'? expected one of: "
            "in_favour, against, abstaining, not_voting",
        ),
        (
            "93",
            "93",
            "facts[1].counts: is a whole number ('93') — expected a mapping with keys "
            "in_favour, against, abstaining, not_voting",
        ),
    ],
    ids=["negative", "not-whole", "quoted", "explicit-int-tag", "misspelt-position", "not-a-mapping"],
)
def test_bad_count(
    fact_file_text: TextBuilder, write_fact_file: Writer, counts: str, needle: str, message: str
) -> None:
    text = fact_file_text(more_facts=vote_with_counts(counts))
    path = write_fact_file(text)
    assert problems(path) == [f"{path}:{at(text, needle)}: {message}"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-4.5", "-4.5 is not a usable number"),
        (".nan", ".nan is not a usable number"),
        ("!!float long", "long is not a usable number"),
        ("four", "is text ('four')"),
    ],
    ids=["negative", "nan", "explicit-float-tag", "text"],
)
def test_bad_quantity(fact_file_text: TextBuilder, write_fact_file: Writer, value: str, message: str) -> None:
    text = fact_file_text(
        more_facts=f"""
        - id: talks
          kind: event
          source: src
          summary: Talks were held
          quantities:
            - {{of: length of the talks, value: {value}, unit: hours}}
        """
    )
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, value)}: facts[1].quantities[0].value: {message} "
        "— expected a number of 0 or more, like 14 or 4.5"
    ]


@pytest.mark.parametrize("quote", ['""', "'   '"], ids=["empty", "blank"])
def test_empty_quote(fact_file_text: TextBuilder, write_fact_file: Writer, quote: str) -> None:
    text = replacing(fact_file_text(), "text: Hello, world", f"text: {quote}")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, quote)}: facts[0].text: is empty — expected the verbatim words of the quote"
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("us politics", "'us politics'"),
        ('"us\\tpolitics"', "'us\\tpolitics'"),
        ('"us\\npolitics"', "'us\\npolitics'"),
    ],
    ids=["space", "tab", "newline"],
)
def test_tag_with_space_or_control_character(
    fact_file_text: TextBuilder, write_fact_file: Writer, written: str, shown: str
) -> None:
    text = replacing(fact_file_text(), "source: src", f"source: src\n    tags: [ok, {written}]")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, written)}: facts[0].tags[1]: tag {shown} contains a space or control character "
        "— expected a tag without whitespace, like 'us-politics' or 'war::ukraine'"
    ]


def test_file_tag_with_a_space(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text() + "tags: [current affairs]\n"
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'current')}: tags[0]: tag 'current affairs' contains a space or control character "
        "— expected a tag without whitespace, like 'us-politics' or 'war::ukraine'"
    ]


def test_field_with_anki_field_separator(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = replacing(fact_file_text(), "text: Hello, world", 'text: "Hello,\\x1fworld"')
    path = write_fact_file(text)
    where = at(text, '"Hello')
    assert problems(path) == [
        f"{path}:{where}: facts[0].text: contains the control character U+001F "
        "(Anki's field separator) — expected text without control characters"
    ]


def test_field_with_a_surrogate_escape(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = replacing(fact_file_text(), "text: Hello, world", 'text: "Hello \\ud83d\\ude00"')
    path = write_fact_file(text)
    where = at(text, '"Hello')
    assert problems(path) == [
        f"{path}:{where}: facts[0].text: contains the surrogate code point U+D83D "
        "— expected text that can be written as UTF-8 (escape characters beyond U+FFFF as \\UXXXXXXXX)"
    ]


def test_cloze_without_deletion(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(more_facts="- {id: cl, kind: cloze, source: src, text: No deletion here}")
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:{at(text, 'No deletion')}: facts[1].text: has no cloze deletion "
        "— expected at least one deletion like {{c1::answer}}"
    ]


# --- all problems at once -----------------------------------------------------------------------------------

FIVE_PROBLEMS = """\
format: 1
id: five-problems
title: Five problems
deck: Tests
language: en
as_of: 2025-02-30
sources:
  - id: src
    title: A source
people:
  - id: ann
    name: Ann Example
    role: Spokesperson
    rank: senior
facts:
  - id: ann-hello
    kind: quote
    source: src
    tags: [good tag]
    speaker: ann
    text: ""
  - id: un-vote
    kind: vote
    source: src
    body: UN General Assembly
    motion: M
    counts: {in_favour: -1}
"""


def test_all_problems_of_a_file_in_one_run(write_fact_file: Writer) -> None:
    path = write_fact_file(FIVE_PROBLEMS)
    assert problems(path) == [
        f"{path}:6:8: as_of: '2025-02-30' is not a real date — expected a day from 01 to 28 for that month",
        f"{path}:14:5: people[0].rank: unknown key 'rank' — expected one of: id, name, role, organisation, "
        "aliases, source, note",
        f"{path}:19:12: facts[0].tags[0]: tag 'good tag' contains a space or control character "
        "— expected a tag without whitespace, like 'us-politics' or 'war::ukraine'",
        f"{path}:21:11: facts[0].text: is empty — expected the verbatim words of the quote",
        f"{path}:27:25: facts[1].counts.in_favour: -1 is negative — expected a whole number of 0 or more",
    ]


def test_every_message_has_the_documented_format(write_fact_file: Writer) -> None:
    path = write_fact_file(FIVE_PROBLEMS)
    for message in problems(path):
        match = MESSAGE_FORMAT.fullmatch(message)
        assert match, message
        assert match["path"] == str(path)
        assert int(match["line"]) > 0 and int(match["col"]) > 0
        assert "expected " in match["expected"]


def test_load_fact_file_raises_with_every_error(write_fact_file: Writer) -> None:
    path = write_fact_file(FIVE_PROBLEMS)
    with pytest.raises(QuizgenError) as raised:
        load_fact_file(path)
    assert [str(p) for p in raised.value.problems] == problems(path)
    assert str(raised.value) == "\n".join(problems(path))


def test_warnings_do_not_stop_loading(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    text = fact_file_text(more_people="- {id: bob, name: Bob Example, role: Envoy}")
    path = write_fact_file(text)
    fact_file, found = read_fact_file(path)
    assert [str(p) for p in found] == [
        f"{path}:{at(text, '{id: ^bob')}: people[1].id: warning: 'bob' is never referred to "
        "— expected every entry to be used by a fact (or remove it)"
    ]
    assert fact_file is not None
    assert load_fact_file(path) == fact_file


# --- the valid path -----------------------------------------------------------------------------------------

COMPLETE = """\
format: 1
id: complete
title: A complete file
deck: Current affairs::Test
language: en-GB
as_of: 2025-03
tags: [test, war::ukraine, test]
sources:
  - id: pivot
    title: The pivot
    publisher: Example News
    published: 2025-02-22
    url: https://example.org/pivot
    file: pivot.txt
    note: A curator's note.
  - id: feeds
    title: Feeds
    published: 2025
organisations:
  - id: us
    name: the United States
    type: country
    aliases: [USA, US]
    source: pivot
  - id: ru
    name: Russia
    type: country
    source: [pivot, feeds]
people:
  - id: marco-rubio
    name: Marco Rubio
    role: US Secretary of State
    organisation: us
    aliases: [Marko Rubio]
    source: [pivot, feeds]
facts:
  - id: rubio-serious
    kind: quote
    source: pivot
    tags: [diplomacy]
    speaker: marco-rubio
    text: "  They’re willing to engage in a serious process  "
    date: 2025-02-18
    occasion: after the talks
    place: Riyadh
    context: Said of the Russian delegation.
  - id: riyadh-talks
    kind: event
    source: [pivot, feeds]
    summary: US and Russian officials met
    date: 2025-02
    place: Riyadh
    participants: [us, ru, marco-rubio]
    quantities:
      - {of: length of the talks, value: 4.5, unit: hours}
      - {of: length of the briefing, value: 14, unit: minutes}
  - id: un-vote
    kind: vote
    source: feeds
    body: the UN General Assembly
    motion: Advancing a comprehensive, just and lasting peace in Ukraine
    description: condemns the invasion
    date: "2025-02-24"
    counts: {not_voting: 0, abstaining: 65, in_favour: 93}
    voted: {against: [us, ru]}
  - id: free
    kind: question
    source: pivot
    question: How long did the talks last?
    answer: 4.5 hours
  - id: cl
    kind: cloze
    source: pivot
    text: The resolution got {{c1::93}} votes in favour.
    note: Checked against both sources.
"""


def test_complete_file_loads_into_the_model(write_fact_file: Writer) -> None:
    path = write_fact_file(COMPLETE)
    fact_file, found = read_fact_file(path)
    assert found == []
    assert fact_file == FactFile(
        path=path,
        format=1,
        id="complete",
        title="A complete file",
        deck="Current affairs::Test",
        language="en-GB",
        as_of=PartialDate(2025, 3),
        tags=("test", "war::ukraine"),
        sources=(
            Source(
                id="pivot",
                title="The pivot",
                publisher="Example News",
                published=PartialDate(2025, 2, 22),
                url="https://example.org/pivot",
                file="pivot.txt",
                note="A curator's note.",
            ),
            Source(id="feeds", title="Feeds", published=PartialDate(2025)),
        ),
        organisations=(
            Organisation(
                id="us", name="the United States", type="country", aliases=("USA", "US"), sources=("pivot",)
            ),
            Organisation(id="ru", name="Russia", type="country", sources=("pivot", "feeds")),
        ),
        people=(
            Person(
                id="marco-rubio",
                name="Marco Rubio",
                role="US Secretary of State",
                organisation="us",
                aliases=("Marko Rubio",),
                sources=("pivot", "feeds"),
            ),
        ),
        facts=(
            Quote(
                id="rubio-serious",
                sources=("pivot",),
                tags=("diplomacy",),
                context="Said of the Russian delegation.",
                speaker="marco-rubio",
                text="They’re willing to engage in a serious process",
                date=PartialDate(2025, 2, 18),
                occasion="after the talks",
                place="Riyadh",
            ),
            Event(
                id="riyadh-talks",
                sources=("pivot", "feeds"),
                summary="US and Russian officials met",
                date=PartialDate(2025, 2),
                place="Riyadh",
                participants=("us", "ru", "marco-rubio"),
                quantities=(
                    Quantity(of="length of the talks", value=4.5, unit="hours"),
                    Quantity(of="length of the briefing", value=14, unit="minutes"),
                ),
            ),
            Vote(
                id="un-vote",
                sources=("feeds",),
                body="the UN General Assembly",
                motion="Advancing a comprehensive, just and lasting peace in Ukraine",
                description="condemns the invasion",
                date=PartialDate(2025, 2, 24),
                counts=(("in_favour", 93), ("abstaining", 65), ("not_voting", 0)),
                voted=(("against", ("us", "ru")),),
            ),
            FreeQuestion(
                id="free",
                sources=("pivot",),
                question="How long did the talks last?",
                answer="4.5 hours",
            ),
            Cloze(
                id="cl",
                sources=("pivot",),
                note="Checked against both sources.",
                text="The resolution got {{c1::93}} votes in favour.",
            ),
        ),
    )


def test_complete_file_details(write_fact_file: Writer) -> None:
    path = write_fact_file(COMPLETE)
    fact_file = load_fact_file(path)
    quote, event, vote, _, _ = fact_file.facts
    assert isinstance(event, Event) and isinstance(vote, Vote)
    assert [type(q.value) for q in event.quantities] == [float, int]
    assert [q.display() for q in event.quantities] == ["4.5 hours", "14 minutes"]
    assert vote.count("in_favour") == 93
    assert vote.count("not_voting") == 0
    assert vote.count("against") is None
    assert quote.location == Location(path, *map(int, at(COMPLETE, "id: rubio-serious").split(":")))
    assert [f.kind for f in fact_file.facts] == ["quote", "event", "vote", "question", "cloze"]
    assert fact_file.party("us").name == "the United States"
    assert fact_file.party("marco-rubio").name == "Marco Rubio"
    assert fact_file.source("feeds").published == PartialDate(2025)


def test_scalars_of_other_yaml_types_are_read_as_written(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    text = replacing(fact_file_text(), "text: Hello, world", "text: 1984")
    fact_file = load_fact_file(write_fact_file(text))
    assert isinstance(fact_file.facts[0], Quote)
    assert fact_file.facts[0].text == "1984"


def test_partial_dates_order_chronologically() -> None:
    dates = [
        PartialDate(2025, 3),
        PartialDate(2025, 2, 19),
        PartialDate(2024),
        PartialDate(2025),
        PartialDate(2025, 2),
        PartialDate(2024, 12, 31),
    ]
    assert sorted(dates) == [
        PartialDate(2024),
        PartialDate(2024, 12, 31),
        PartialDate(2025),
        PartialDate(2025, 2),
        PartialDate(2025, 2, 19),
        PartialDate(2025, 3),
    ]
    assert PartialDate(2025, 2) < PartialDate(2025, 2, 1) <= PartialDate(2025, 2, 1) < PartialDate(2025, 10)
    assert max(dates) == PartialDate(2025, 3)


def test_partial_date_display() -> None:
    assert [d.iso() for d in (PartialDate(2025), PartialDate(2025, 2), PartialDate(2025, 2, 9))] == [
        "2025",
        "2025-02",
        "2025-02-09",
    ]
    assert PartialDate(2025, 2, 9).human() == "9 February 2025"
    assert PartialDate(2025, 2).human() == "February 2025"


def test_an_empty_list_of_voters_is_an_error(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    vote = """\
- id: the-vote
  kind: vote
  source: src
  body: the assembly
  motion: A motion
  voted: {against: [], in_favour: [ann]}
"""
    path = write_fact_file(fact_file_text(more_facts=vote))
    assert problems(path) == [
        f"{path}:25:22: facts[1].voted.against: is an empty list"
        " — expected the ids of those who voted so, or no entry for this position"
    ]


def test_ids_are_compared_as_read_so_surrounding_spaces_do_not_hide_a_duplicate(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    path = write_fact_file(
        fact_file_text(more_facts='- {id: "ann-hello ", kind: question, source: src, question: Q, answer: A}')
    )
    assert problems(path) == [
        f"{path}:20:10: facts[1].id: duplicate id 'ann-hello ' — expected ids unique among facts"
    ]


def test_a_carriage_return_in_text_is_an_error(fact_file_text: TextBuilder, write_fact_file: Writer) -> None:
    path = write_fact_file(fact_file_text(more_sources='- {id: two, title: "A\\rsource"}'))
    assert (
        f"{path}:10:22: sources[1].title: contains the control character U+000D"
        " — expected text without control characters"
    ) in problems(path)


def test_a_persons_organisation_must_be_an_organisation(
    fact_file_text: TextBuilder, write_fact_file: Writer
) -> None:
    text = fact_file_text(
        more_people="- {id: bob, name: Bob Example, role: Envoy, organisation: ann}",
        more_facts="- {id: bob-hi, kind: quote, source: src, speaker: bob, text: Hi there}",
    )
    path = write_fact_file(text)
    assert problems(path) == [
        f"{path}:14:61: people[1].organisation: refers to unknown organisation 'ann'"
        " — expected an id declared under organisations"
    ]
