"""Whatever the input, loading yields a FactFile or clean Problems: no exception ever escapes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.errors import Problem, Severity
from quizgen.loading import read_fact_file
from quizgen.model import FactFile

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

KEYS = st.sampled_from(
    [
        "format",
        "id",
        "title",
        "deck",
        "language",
        "as_of",
        "tags",
        "sources",
        "people",
        "organisations",
        "facts",
        "kind",
        "source",
        "speaker",
        "text",
        "date",
        "counts",
        "voted",
        "in_favour",
        "against",
        "quantities",
        "of",
        "value",
        "unit",
        "participants",
        "name",
        "role",
        "file",
        "question",
        "answer",
        "<<",
    ]
) | st.text(max_size=8)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(
        ["quote", "event", "vote", "question", "cloze", "src", "ann", "2025-02-30", "2025-13", "2025-02", "1"]
    )
    | st.sampled_from(["a b", "\x1f", "\t", "{{c1::x}}", "{{c1::", "-3", "4.5", "Marko Rubio", ""])
)

YAML_LIKE = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=25,
)

YAML_CHARACTERS = st.sampled_from(list("ab1.:-[]{}&*!|>'\"#%@`?<, \n\t\x1f\x85é"))

VALID_DOCUMENT: dict[str, Any] = {
    "format": 1,
    "id": "props",
    "title": "Properties",
    "deck": "Tests::Properties",
    "language": "en",
    "as_of": "2025-03",
    "tags": ["props"],
    "sources": [{"id": "src", "title": "A source", "published": "2025-02", "file": "a.txt"}],
    "organisations": [{"id": "us", "name": "the United States", "type": "country", "source": "src"}],
    "people": [{"id": "ann", "name": "Ann", "role": "Envoy", "organisation": "us", "aliases": ["Anne"]}],
    "facts": [
        {
            "id": "q",
            "kind": "quote",
            "source": "src",
            "speaker": "ann",
            "text": "Hello",
            "date": "2025-02-19",
        },
        {
            "id": "e",
            "kind": "event",
            "source": ["src"],
            "summary": "Talks were held",
            "participants": ["ann", "us"],
            "quantities": [{"of": "length of the talks", "value": 4.5, "unit": "hours"}],
        },
        {
            "id": "v",
            "kind": "vote",
            "source": "src",
            "body": "UN",
            "motion": "M",
            "counts": {"in_favour": 93, "abstaining": 65},
            "voted": {"against": ["us"]},
        },
        {"id": "fq", "kind": "question", "source": "src", "question": "Who?", "answer": "Ann"},
        {"id": "c", "kind": "cloze", "source": "src", "text": "{{c1::Ann}} spoke"},
    ],
}


def _locations(node: Any) -> list[tuple[Any, Any]]:
    """(container, key) for every value inside ``node``, at any depth."""
    found: list[tuple[Any, Any]] = []
    entries = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in entries:
        found.append((node, key))
        found.extend(_locations(value))
    return found


@st.composite
def mutated_fact_files(draw: st.DrawFn) -> dict[str, Any]:
    """The valid document with up to three values replaced, removed or added: mostly almost valid."""
    document = copy.deepcopy(VALID_DOCUMENT)
    for _ in range(draw(st.integers(0, 3))):
        container, key = draw(st.sampled_from(_locations(document)))
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            container[key] = draw(SCALARS | YAML_LIKE)
        elif action == "remove":
            del container[key]
        elif isinstance(container, dict):
            container[draw(KEYS)] = draw(SCALARS | YAML_LIKE)
        else:
            container.append(copy.deepcopy(container[key]))
    return document


@pytest.fixture
def fact_file_path(tmp_path: Path) -> Path:
    return tmp_path / "facts.yaml"


def assert_loads_cleanly(path: Path) -> None:
    fact_file, problems = read_fact_file(path)
    assert all(isinstance(p, Problem) for p in problems)
    for problem in problems:
        assert str(problem).startswith(str(path))
    positions = [(p.line, p.column) for p in problems]
    assert positions == sorted(positions)
    has_errors = any(p.severity is Severity.ERROR for p in problems)
    if fact_file is None:
        assert has_errors, problems
    else:
        assert isinstance(fact_file, FactFile)
        assert not has_errors, problems


def dump(document: Any, allow_unicode: bool) -> str:
    return yaml.safe_dump(document, allow_unicode=allow_unicode, sort_keys=False)


@PROPERTY_SETTINGS
@given(document=YAML_LIKE, allow_unicode=st.booleans())
def test_arbitrary_yaml_values(fact_file_path: Path, document: Any, allow_unicode: bool) -> None:
    fact_file_path.write_text(dump(document, allow_unicode), encoding="utf-8")
    assert_loads_cleanly(fact_file_path)


@settings(PROPERTY_SETTINGS, max_examples=100)  # each example is a whole fact file: slower to parse
@given(document=mutated_fact_files(), allow_unicode=st.booleans())
def test_mutated_valid_fact_files(
    fact_file_path: Path, document: dict[str, Any], allow_unicode: bool
) -> None:
    fact_file_path.write_text(dump(document, allow_unicode), encoding="utf-8")
    assert_loads_cleanly(fact_file_path)


@PROPERTY_SETTINGS
@given(text=st.text(alphabet=YAML_CHARACTERS, max_size=120) | st.text(max_size=120))
def test_arbitrary_text(fact_file_path: Path, text: str) -> None:
    fact_file_path.write_text(text, encoding="utf-8")
    assert_loads_cleanly(fact_file_path)


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes(fact_file_path: Path, data: bytes) -> None:
    fact_file_path.write_bytes(data)
    assert_loads_cleanly(fact_file_path)
