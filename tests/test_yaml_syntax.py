"""YAML syntax errors in our words: each kind libyaml reports, as people editing a file see it.

Every reader goes through `yamlfile`, so each kind is checked at the parser, through
`pmladder assess --answers F`, and a few through `pmladder kb validate` and `pmladder cohort`.
Without libyaml, PyYAML's own parser words its errors differently; the messages are the same.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SMALL_KB, run
from pmladder.errors import PmladderError
from pmladder.io import yamlfile
from pmladder.io.yamlsyntax import explain
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.load import load_knowledge_base
from test_hostile_properties import CONTROL, PARSE_ANSWERS, VALID_JSON, VALID_YAML, YAML_CHARS, mutated

# Phrases of libyaml and of PyYAML's parser: none may reach a person unquoted.
LIBYAML = re.compile(
    r"did not find|could not find|while scanning|while parsing|not allowed in this context|not allowed here"
    r"|cannot start any token|found unexpected|found unknown|found character|found undefined|found incompatible"
    r"|found duplicate|found a tab|found an indentation|but found|but got|<block end>|<document start>|<stream"
    r"|expected key|simple key|flow (?:sequence|mapping|node)|block (?:mapping|collection|node)|scalar|hexdecimal"
    r"|URI|directive name|escaped octet|non-alphabetical|indentation indicator|'-' indicator"
)
PARSER_SAID = re.compile(r" \(the parser said: '.*'\)$")

QUOTE_ADVICE = "put quotes around text that holds ': '"
NO_COLON = (
    "is not 'key: value' (it has no colon): add the colon, or indent the line under the key whose text it continues"
)
NOT_AN_ITEM = "start it with '- ', or indent it to match the keys it belongs with"

# name: (text, "line:column: message" after "invalid YAML: ")
KINDS: dict[str, tuple[str, str]] = {
    "tab": (
        "name: Ada\nratings:\n\twriting: 3\n",
        "3:1: a tab character: YAML indents with spaces only; replace the tab with spaces",
    ),
    "reserved-character": (
        "name: Ada\nevidence:\n  writing: @launch\n",
        "3:12: a value cannot start with '@' (YAML reserves it): put the text in quotes",
    ),
    "unclosed-double-quote": (
        'name: "Ada\ntarget_role: lead\nratings:\n  writing: 3\n',
        "5:1: a text in double quotes opened on line 1 is never closed",
    ),
    "unclosed-single-quote": (
        "name: 'Ada\ntarget_role: lead\n",
        "3:1: a text in single quotes opened on line 1 is never closed",
    ),
    "unclosed-quote-on-the-last-line": (
        'target_role: lead\nname: "Ada',
        "2:11: a text in double quotes opened at column 7 is never closed",
    ),
    "quote-open-at-a-separator": (
        'name: "Ada\n---\n',
        "2:1: a text in double quotes opened on line 1 is not closed before this '---' or '...' line",
    ),
    "bad-escape": (
        'name: "C:\\docs"\n',
        "1:10: a backslash between double quotes starts an escape such as \\n, and this one is not valid:"
        " write \\\\ for a backslash, or use single quotes",
    ),
    "unclosed-list": (
        "target_role: lead\nnotes: [one, two\nratings:\n  writing: 3\n",
        "3:8: a list opened with '[' on line 2 is not closed, or an item lacks a comma",
    ),
    "list-closed-with-a-brace": (
        "target_role: lead\nnotes: [one, two}\n",
        "2:17: a list opened with '[' at column 8 is not closed, or an item lacks a comma",
    ),
    "unclosed-mapping": (
        "target_role: lead\nratings: {writing: 3\nname: Ada\n",
        "3:5: a mapping opened with '{' on line 2 is not closed, or an entry lacks a comma",
    ),
    "colon-in-brackets": (
        "target_role: lead\nratings: {writing: 3, shipping:}\n",
        "2:31: a colon inside '[...]' or '{...}' needs a space after it: add one, or put the text in quotes",
    ),
    "second-colon": (
        "target_role: lead\nevidence:\n  writing: Shipped: on time\n",
        f"3:19: a colon here starts a second value on this line: {QUOTE_ADVICE}",
    ),
    "colon-not-after-a-key": (
        "x y{\n- \nb: c\n",
        f"3:2: a colon here starts a value, but this line is not a key: {QUOTE_ADVICE}",
    ),
    "key-too-long": ("a" * 1030 + ": 1\n", "1:1031: a key longer than 1,024 characters: shorten it"),
    "key-over-two-lines": (
        "ratings\nwriting: 3\n",
        "2:8: line 1 has no colon, so YAML reads it and this line as one key: add the colon on line 1,"
        " or remove that line",
    ),
    "key-indented-under-a-value": (
        "name: Ada\n  target_role: lead\n",
        "2:14: indentation: this line is indented more than line 1, which has its value already;"
        " line the keys up in one column",
    ),
    "no-colon": ("name: Ada\ntarget_role\nratings: {}\n", f"3:1: line 2 {NO_COLON}"),
    "list-item-where-a-key-belongs": (
        "name: Ada\n- lead\n",
        "2:1: a list item ('- ') where a key was expected: indent it under the key it belongs to",
    ),
    "colon-without-a-key": (
        "name: Ada\n: lead\n",
        "2:1: a colon with no key before it: write the key first ('key: value')",
    ),
    "text-after-a-quote": (
        "target_role: lead\nname: 'Ada's plan'\n",
        "2:12: text after the closing quote: put the whole value in quotes"
        " (inside '...' write '' for an apostrophe: 'Ada''s plan')",
    ),
    "text-after-a-bracket": (
        "target_role: lead\nnotes: [one] two\n",
        "2:14: text after the closing ']' on this line: put the whole value in quotes",
    ),
    "text-after-a-value": (
        "target_role: lead\n*a other: 1\n",
        "2:4: this cannot follow what comes before it on the line: put the whole value in quotes",
    ),
    "key-indented-differently": (
        "target_role: lead\nratings:\n    writing: 3\n  shipping: 2\n",
        "4:3: indentation: this line is indented differently from the ones above"
        " (the keys here start in column 1, as on line 1)",
    ),
    "line-in-a-list-not-an-item": (
        "target_role: lead\nnotes:\n  - one\n  two: 1\n",
        f"4:3: this line is in the list started on line 3 but is not an item of it: {NOT_AN_ITEM}",
    ),
    "list-item-indented-differently": (
        "notes:\n  - id: lead\n   name: Lead\n",
        "3:4: indentation: this line is indented differently from the ones above"
        " (the list items here start in column 3, as on line 2)",
    ),
    "list-item-on-the-key-line": (
        "target_role: - lead\n",
        "1:14: a list item ('- ') cannot start on the line of its key: start it on the next line, indented,"
        " or put text that starts with '-' in quotes",
    ),
    "complex-key": ("name: ? Ada\n", "1:7: '? ' starts a complex key in YAML: put text that starts with '?' in quotes"),
    "value-starts-with-a-bracket": ("name: ]\n", "1:7: a value cannot start with ']' here: put the text in quotes"),
    "file-ends-in-brackets": (
        "target_role: lead\nnotes: [one,\n",
        "3:1: the file ends where a value was expected: a '[', '{' or quote above is not closed",
    ),
    "anchor": (
        "name: & Ada\n",
        "1:8: '&' starts a YAML anchor, which pmladder files do not use: put text that starts with '&' in quotes",
    ),
    "alias": (
        "name: * Ada\n",
        "1:8: '*' starts a YAML alias, which pmladder files do not use: put text that starts with '*' in quotes",
    ),
    "tag": (
        "name: !<x Ada\n",
        "1:10: '!' starts a YAML tag, which pmladder files do not use: put text that starts with '!' in quotes",
    ),
    "block-scalar": (
        "name: |x\n  Ada\n",
        "1:8: '|' starts a block of text on the lines below, so nothing but a comment may follow it on its line:"
        " put text that starts with '|' in quotes",
    ),
    "directive": (
        "%YAML 2.0\n---\nname: Ada\n",
        "1:1: a line that starts with '%' is a YAML directive, which pmladder files do not use: remove it,"
        " or put text that starts with '%' in quotes",
    ),
    "text-after-the-document-end": (
        "name: Ada\n...\ntarget_role: lead\n",
        "3:1: '...' on line 2 ends the YAML document, and this text follows it: remove that line",
    ),
    "key-indented-less-than-the-first": (
        "  name: Ada\ntarget_role: lead\n",
        "2:1: indentation: this line is indented less than line 1, where the file starts in column 3;"
        " start the top-level keys in column 1",
    ),
    "extra-closing-brace": ('{"target_role": "lead"}}\n', "1:24: an extra '}' that closes nothing: remove it"),
    "text-after-the-contents": (
        '{"target_role": "lead"} x\n',
        "1:25: text after the end of the file's contents: remove it, or check the brackets before it",
    ),
    "line-after-a-single-value": (
        "|\n  Ada\ntarget_role: lead\n",
        "3:1: this line does not belong to anything above it: check its indentation and the line above",
    ),
}


def only_problem(text: str) -> str:
    """The syntax problem of `text` (an alias or an anchor may be refused as well, on its own line)."""
    with pytest.raises(PmladderError) as caught:
        yamlfile.parse(text, "a.yaml")
    (problem,) = [p for p in caught.value.problems if "invalid YAML" in p.message]
    return str(problem)


def assert_ours(message: str) -> None:
    """No libyaml phrase outside the quoted '(the parser said: ...)' of the fallback."""
    words = PARSER_SAID.sub("", message)
    assert not LIBYAML.search(words), message


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_placed_and_in_our_words(kind: str) -> None:
    text, expected = KINDS[kind]
    shown = only_problem(text)
    assert shown == f"a.yaml:{expected.replace(': ', ': invalid YAML: ', 1)}"
    assert_ours(shown)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_through_assess_answers(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, expected = KINDS[kind]
    monkeypatch.chdir(tmp_path)
    Path("ada.yaml").write_text(text, encoding="utf-8")
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", "ada.yaml"])
    assert result.exit_code == 2
    assert f"ada.yaml:{expected.replace(': ', ': invalid YAML: ', 1)}" in result.stderr.splitlines()
    assert all(line.startswith("ada.yaml:") for line in result.stderr.splitlines())
    assert result.stdout == ""


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "colon-in-brackets"])
def test_without_libyaml_the_words_are_the_same(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's own parser (used when libyaml is missing) words its errors its own way; ours do not change."""
    monkeypatch.setattr(yamlfile, "Loader", yaml.SafeLoader)
    text, expected = KINDS[kind]
    message = expected.split(": ", 1)[1]
    assert only_problem(text).split(": invalid YAML: ", 1)[1] == message


def test_without_libyaml_a_colon_before_a_closing_brace_is_an_empty_value(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one kind above the two parsers disagree on: PyYAML's reads `shipping:}` as a key with no value."""
    monkeypatch.setattr(yamlfile, "Loader", yaml.SafeLoader)
    text = KINDS["colon-in-brackets"][0]
    assert yamlfile.parse(text, "a.yaml").data == {"target_role": "lead", "ratings": {"writing": 3, "shipping": None}}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    name: Junior PM\n",
            "    name: Junior PM: the first rung\n",
            f"4:20: invalid YAML: a colon here starts a second value on this line: {QUOTE_ADVICE}",
        ),
        (
            "    next_roles: [lead]\n",
            "    next_roles: [lead\n",
            "14:17: invalid YAML: a list opened with '[' on line 13 is not closed, or an item lacks a comma",
        ),
        (
            "    track: foundation\n",
            "\ttrack: foundation\n",
            "5:1: invalid YAML: a tab character: YAML indents with spaces only; replace the tab with spaces",
        ),
        (
            "    summary: Starts out.\n",
            "    summary: 'Starts out.\n",
            "55:1: invalid YAML: a text in single quotes opened on line 7 is never closed",
        ),
        (
            "    rank: 1\n",
            "     rank: 1\n",
            "6:10: invalid YAML: indentation: this line is indented more than line 5, which has its value already;"
            " line the keys up in one column",
        ),
    ],
)
def test_kb_validate_names_the_broken_roles_file(old: str, new: str, expected: str, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(SMALL_KB, kb)
    roles = kb / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    assert old in text
    roles.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run(["kb", "validate", str(kb)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"{roles}:{expected}"


def test_a_cohort_member_gets_the_same_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("cohort").mkdir()
    Path("cohort/ada.yaml").write_text("target_role: lead\nratings: {writing: 3\n", encoding="utf-8")
    Path("cohort/bo.yaml").write_text("target_role: lead\nratings: {writing: 3}\n", encoding="utf-8")
    result = run(["--kb", str(SMALL_KB), "cohort", "cohort"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"cohort{os.sep}ada.yaml:3:1: invalid YAML: a mapping opened with '{{' on line 2 is not closed,"
        " or an entry lacks a comma"
    )


def test_an_unknown_phrase_falls_back_to_our_sentence_with_the_parser_quoted() -> None:
    """libyaml may grow a phrase we do not know: it is shown after ours, quoted and escaped."""
    mark = yaml.Mark("a.yaml", 0, 1, 4, None, 0)
    error = yaml.MarkedYAMLError(problem="found a new thing\x1b[2J", problem_mark=mark)
    message, place = explain(error, "a: 1\nb: 2\n")
    assert message == (
        "this cannot be read as YAML; check the line and the one above it (the parser said: 'found a new thing\\x1b[2J')"
    )
    assert place is mark
    assert explain(yaml.MarkedYAMLError(), "")[0] == "this cannot be read as YAML; check the line and the one above it"


def assert_refusal_in_our_words(exc: PmladderError) -> None:
    for problem in exc.problems:
        assert_ours(problem.message)
        assert not CONTROL.search(str(problem)), repr(str(problem))  # the file's characters are shown escaped


def check(text: str) -> None:
    """A document or a refusal in our words; any other exception fails the test."""
    try:
        yamlfile.parse(text, "f.yaml")
    except PmladderError as exc:
        assert_refusal_in_our_words(exc)


PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def small() -> KnowledgeBase:
    return load_knowledge_base(SMALL_KB)


@PROPERTIES
@given(text=st.text(max_size=300))
def test_any_text_is_data_or_a_refusal_in_our_words(text: str) -> None:
    check(text)


@PROPERTIES
@given(text=st.text(YAML_CHARS, max_size=300))
def test_any_yaml_punctuation_is_data_or_a_refusal_in_our_words(text: str) -> None:
    check(text)


@PROPERTIES
@given(text=st.one_of(mutated(VALID_YAML), mutated(VALID_JSON)))
def test_a_mutated_answers_file_is_answers_or_a_refusal_in_our_words(small: KnowledgeBase, text: str) -> None:
    try:
        PARSE_ANSWERS(text, "a.yaml", small)
    except PmladderError as exc:
        assert_refusal_in_our_words(exc)


def test_the_readme_example_is_what_pmladder_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    bad_input = readme[readme.index("## Bad input\n") :]
    example = re.search(r"```text\n\s*(ada\.yaml:\S+ invalid YAML: .*)\n", bad_input)
    assert example is not None
    monkeypatch.chdir(tmp_path)
    Path("ada.yaml").write_text(KINDS["unclosed-list"][0], encoding="utf-8")
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", "ada.yaml"])
    assert result.exit_code == 2
    assert result.stderr == example.group(1) + "\n"
