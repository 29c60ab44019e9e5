"""`yamlfile.parse` and `Document.locate`: the places every validation message depends on."""

from __future__ import annotations

import pytest

from pmladder.errors import PmladderError, Problem
from pmladder.io import yamlfile


def problems_of(text: str, name: str = "f.yaml") -> list[Problem]:
    with pytest.raises(PmladderError) as caught:
        yamlfile.parse(text, name)
    return caught.value.problems


def test_plain_document_keeps_values_and_types() -> None:
    document = yamlfile.parse("a: 1\nb: [x, 2.5, true, null]\nc: {d: 'e'}\n", "f.yaml")
    assert document.data == {"a": 1, "b": ["x", 2.5, True, None], "c": {"d": "e"}}
    assert document.name == "f.yaml"


def test_duplicate_key_is_reported_with_both_lines() -> None:
    """PyYAML alone keeps the last value silently; we name the second key and the first's line."""
    text = "name: one\nother: 1\nname: two\n"
    problems = problems_of(text)
    assert [str(p) for p in problems] == ["f.yaml:3:1: duplicate key 'name' (first at line 1)"]


def test_duplicate_key_in_a_nested_mapping_points_at_the_nested_key() -> None:
    text = "roles:\n  - id: a\n    name: A\n    id: b\n"
    problems = problems_of(text)
    assert [(p.line, p.column, p.message) for p in problems] == [(4, 5, "duplicate key 'id' (first at line 2)")]


def test_every_duplicate_is_reported_at_once() -> None:
    text = "a: 1\na: 2\nb: 1\nb: 2\n"
    assert [p.line for p in problems_of(text)] == [2, 4]


def test_alias_is_refused_at_its_use() -> None:
    """A shared reference is how a tiny "billion laughs" file explodes later; refuse it at the alias."""
    text = "base: &a [1, 2]\ncopy: *a\nmore: [0, *a]\n"
    problems = problems_of(text)
    assert [str(p) for p in problems] == [
        "f.yaml:2:7: YAML aliases (*name) are not allowed; write the value out (and 1 more like it)"
    ]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghij"):
        previous = "abcdefghij"[i]
        lines.append(f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}]")
    problems = problems_of("\n".join(lines) + "\n")
    assert problems
    assert all("aliases" in p.message for p in problems)


def test_merge_key_is_refused() -> None:
    text = "base: {x: 1}\nchild:\n  <<: {x: 2}\n  y: 3\n"
    problems = problems_of(text)
    assert [str(p) for p in problems] == ["f.yaml:3:3: YAML merge keys (<<) are not allowed; write the keys out"]


def test_syntax_error_has_a_place() -> None:
    problems = problems_of("a: [1, 2\nb: 3\n")
    assert len(problems) == 1
    assert problems[0].file == "f.yaml"
    assert problems[0].line is not None and problems[0].column is not None
    assert problems[0].message.startswith("invalid YAML: ")


def test_bad_indentation_points_at_the_line() -> None:
    problems = problems_of("a: 1\n  b: 2\n")
    assert problems[0].line == 2
    assert problems[0].message.startswith("invalid YAML: mapping values are not allowed")


def test_two_documents_are_refused() -> None:
    problems = problems_of("a: 1\n---\nb: 2\n")
    assert problems[0].message.startswith("invalid YAML: ")
    assert problems[0].line == 2


def test_a_comment_only_file_has_no_content() -> None:
    assert [str(p) for p in problems_of("# nothing here\n")] == ["f.yaml: file has no content"]


def test_read_insists_on_a_mapping() -> None:
    with pytest.raises(PmladderError) as caught:
        yamlfile.read("- a\n- b\n", "f.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "f.yaml:1:1: expected a mapping of keys to values at the top of the file"
    ]


def test_a_list_as_key_is_refused() -> None:
    problems = problems_of("? [a, b]\n: 1\n")
    assert [p.message for p in problems] == ["a key must be plain text, not a list or mapping"]


LOCATED = """\
version: "1"
roles:
  - id: first
    requirements:
      - {skill: a, level: 2}
      - {skill: b, level: 3}
  - id: second
    name: Second
"""


def test_locate_walks_mappings_and_sequences() -> None:
    document = yamlfile.parse(LOCATED, "roles.yaml")
    assert document.locate(("version",)) == (1, 10)
    assert document.locate(("roles", 0, "id")) == (3, 9)
    assert document.locate(("roles", 0, "requirements", 1, "level")) == (6, 27)
    assert document.locate(("roles", 1, "name")) == (8, 11)


def test_locate_stops_at_the_deepest_existing_part() -> None:
    """A missing field is reported at its parent mapping, the nearest thing that exists."""
    document = yamlfile.parse(LOCATED, "roles.yaml")
    assert document.locate(("roles", 1, "summary")) == (7, 5)
    assert document.locate(("roles", 9)) == (3, 3)
    assert document.locate(()) == (1, 1)


def test_locate_key_points_at_the_key_not_the_value() -> None:
    document = yamlfile.parse(LOCATED, "roles.yaml")
    assert document.locate_key(("roles", 1, "name")) == (8, 5)
    assert document.problem(("roles", 1, "name"), "bad", key=True) == Problem("bad", "roles.yaml", 8, 5)
    assert str(document.problem(("version",), "odd", warning=True)) == "roles.yaml:1:10: warning: odd"


def test_an_unclosed_quote_names_where_it_opened() -> None:
    with pytest.raises(PmladderError) as caught:
        yamlfile.parse('name: "Ada\nratings: {}\n', "a.yaml")
    assert str(caught.value) == (
        "a.yaml:3:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 1, column 7)"
    )
