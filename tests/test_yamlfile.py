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
    assert (
        problems[0].message == "invalid YAML: a list opened with '[' on line 1 is not closed, or an item lacks a comma"
    )


def test_bad_indentation_points_at_the_line() -> None:
    problems = problems_of("a: 1\n  b: 2\n")
    assert problems[0].line == 2
    assert problems[0].message == (
        "invalid YAML: indentation: this line is indented more than line 1, which has its value already;"
        " line the keys up in one column"
    )


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
    assert str(caught.value) == "a.yaml:3:1: invalid YAML: a text in double quotes opened on line 1 is never closed"


# --- hostile YAML: refused where it is written, in our words --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!python/object:os.system {}\n", "1:4: YAML tags such as '!!python/object:os.system' are not allowed"),
        ("a: !foo x\n", "1:4: invalid value 'x': YAML tags such as '!foo' are not allowed"),
        ("a: !!set {x}\n", "1:4: YAML tags such as '!!set' are not allowed"),
        ("a: !!str x\n", "1:4: invalid value 'x': YAML tags such as '!!str' are not allowed"),
        ("delivery: 1\n!!binary ZGVsaXZlcnk=: 5\n", "2:1: invalid value 'ZGVsaXZlcnk=': YAML tags such as '!!binary'"),
        ("2001-01-01: x\n", "1:1: a key must be text, got the date 2001-01-01; put it in quotes"),
        ("2001-01-01 10:00:00: x\n", "1:1: a key must be text, got the date and time 2001-01-01 10:00:00"),
        (".nan: 1\n", "1:1: a key must be text, got not-a-number (.nan)"),
        ("yes: 1\n", "1:1: a key must be text, got the value true"),
        ("~: 1\n", "1:1: a key must be text, got nothing (null)"),
        ("12: 1\n", "1:1: a key must be text, got the number 12"),
        ("a: " + "9" * 5000 + "\n", "1:4: invalid value '9999999999999999999…': a number with 5,000 digits"),
        ("a: 0x1F\n", "1:4: invalid value '0x1F': not a plain decimal number"),
        ("a: 010\n", "1:4: invalid value '010': not a plain decimal number"),
        ("a: 2026-02-30\n", "1:4: invalid value '2026-02-30': not a real date"),
        ("a: " + "[" * 40 + "]" * 40 + "\n", "1:35: nested more than 32 levels deep"),
    ],
)
def test_hostile_yaml_is_a_placed_problem(text: str, expected: str) -> None:
    (problem,) = problems_of(text)
    assert str(problem).startswith(f"f.yaml:{expected}"), str(problem)


def test_nan_keys_never_end_in_a_traceback() -> None:
    """Two .nan keys raised StopIteration: NaN is never equal to itself."""
    (problem,) = problems_of(".nan: 1\n.nan: 2\n")
    assert problem.repeats == 1


def test_a_binary_key_cannot_duplicate_a_text_key() -> None:
    assert [p.line for p in problems_of("delivery: 1\n!!binary ZGVsaXZlcnk=: 5\n")] == [2]


def test_plain_values_keep_their_types() -> None:
    document = yamlfile.parse(
        "i: -12\nf: 2.5\nn: .nan\nb: false\nd: 2026-11-21\nt: 2026-11-21 10:00:00\nq: '010'\nz: ~\ne: =\n", "f.yaml"
    )
    data = document.data
    assert (data["i"], data["f"], data["b"], data["q"], data["z"], data["e"]) == (-12, 2.5, False, "010", None, "=")
    assert data["n"] != data["n"]
    assert str(data["d"]) == "2026-11-21" and str(data["t"]) == "2026-11-21 10:00:00"


def test_locating_many_keys_uses_the_index() -> None:
    """70,000 keys are located one dictionary look-up a level: the index holds every key's place."""
    text = "ratings:\n" + "".join(f"  k{i}: {i % 5 + 1}\n" for i in range(70_000))
    document = yamlfile.parse(text, "f.yaml")
    assert document.locate_key(("ratings", "k0")) == (2, 3)
    assert document.locate_key(("ratings", "k69999")) == (70_001, 3)
    assert document.locate(("ratings", "k69999")) == (70_001, 11)
    assert document.locate(("ratings", "nope", "deeper")) == (2, 3)


def test_the_same_problem_at_many_places_is_one_line_with_a_count() -> None:
    (problem,) = problems_of("a: 1\n" * 70_001)
    assert str(problem) == "f.yaml:2:1: duplicate key 'a' (first at line 1) (and 69,999 more like it)"


def test_at_most_20_problems_a_file_then_a_count() -> None:
    many = problems_of("".join(f"k{i}: !t{i} 1\n" for i in range(500)))
    assert len(many) == 21
    assert str(many[-1]) == "f.yaml: … and 480 more"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "nothing (null)"),
        (True, "the value true"),
        (3, "the number 3"),
        (3.0, "the number 3.0"),
        (float("inf"), "infinity (.inf)"),
        ("2-4", "the text '2-4'"),
        ("", "empty text"),
        ({}, "an empty mapping"),
        ([1], "a list"),
    ],
)
def test_values_are_described_in_our_words(value: object, words: str) -> None:
    assert yamlfile.kind_of(value) == words
