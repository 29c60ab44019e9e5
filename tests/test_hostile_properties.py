"""Property-based tests: whatever bytes arrive, the readers end in a result or a `PmladderError`.

Random bytes, random text made of YAML's significant characters, and random mutations of
valid files (characters deleted, duplicated or inserted, lines swapped, values replaced,
values wrapped in deep nesting) go through the answers reader and the knowledge-base reader.
Any other exception is a bug; so is a message with a control character, a Python type name
or more than one line.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SMALL_KB
from pmladder.errors import PmladderError, Problem, summarise
from pmladder.io import yamlfile
from pmladder.io.files import decode
from pmladder.io.sanitize import visible
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.load import load_knowledge_base

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LEAKS = re.compile(r"Traceback|Input should|Value error|String should|NoneType|<class|instance of|Errno")
YAML_CHARS = "[]{}:,-?&*!|>'\"#%@`\n\t \\.~=<+0123456789abcdez_"


def parse_answers_function() -> Callable[..., Any]:
    """The answers reader, wherever the refactoring puts it (pmladder.api, else assessment.answers)."""
    for module, name in (
        ("pmladder.api", "parse_answers"),
        ("pmladder.assessment.answers_file", "parse_answers"),
        ("pmladder.assessment.answers", "parse_answers"),
    ):
        try:
            found: Callable[..., Any] = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        return found
    raise AssertionError("no answers reader found")


PARSE_ANSWERS = parse_answers_function()


@pytest.fixture(scope="module")
def small() -> KnowledgeBase:
    return load_knowledge_base(SMALL_KB)


def check_error(exc: PmladderError) -> None:
    """A refusal people can read: placed problems, one line each, escaped, in our words."""
    assert exc.problems
    for problem in exc.problems:
        line = str(problem)
        assert "\n" not in line
        assert not CONTROL.search(line), repr(line)
        words = re.sub(r"'[^']*'", "''", problem.message)
        assert not LEAKS.search(words), line
    assert len(str(exc).splitlines()) <= 21 * len({p.file for p in exc.problems})


def read_answers_bytes(data: bytes, kb: KnowledgeBase) -> object:
    """Bytes as a file would give them: decoded and checked, then parsed; only `PmladderError` may escape."""
    try:
        return PARSE_ANSWERS(decode(data, "a.yaml"), "a.yaml", kb)
    except PmladderError as exc:
        check_error(exc)
        return exc


VALID_YAML = """\
name: Ada Example
current_role: junior
target_role: lead
assessed_on: 2026-11-21
ratings:
  writing: 3
  shipping: null
  mentoring: 2
evidence:
  writing: "Wrote the onboarding spec"
"""
VALID_JSON = json.dumps(
    {"name": "Bo", "target_role": "chief", "ratings": {"writing": 4, "influence": 5}, "evidence": {"writing": "x"}},
    indent=1,
)


@st.composite
def mutated(draw: st.DrawFn, original: str) -> str:
    """`original` after up to eight random edits of the kinds that break YAML and JSON."""
    text = original
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "swap-lines", "replace-value", "nest"]))
        at = draw(st.integers(0, max(0, len(text) - 1)))
        if kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif kind == "duplicate":
            end = at + draw(st.integers(1, 40))
            text = text[:end] + text[at:end] + text[end:]
        elif kind == "insert":
            text = text[:at] + draw(st.text(YAML_CHARS, min_size=1, max_size=10)) + text[at:]
        elif kind == "swap-lines":
            lines = text.split("\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif kind == "replace-value":
            value = draw(
                st.sampled_from(
                    [
                        "true",
                        "null",
                        ".nan",
                        "-.inf",
                        "0x3",
                        "010",
                        "1:30",
                        "2001-01-01",
                        "9" * 5000,
                        "!!binary QQ==",
                        "*a",
                        "&a x",
                        "!foo x",
                        "[]",
                        "{}",
                        "'",
                        '"\\e[2J"',
                        "<<",
                        "~",
                        "1e3",
                        "'3'",
                        "2.5",
                        "-1",
                    ]
                )
            )
            end = text.find("\n", at)
            colon = text.rfind(": ", 0, end if end >= 0 else len(text))
            if colon >= 0:
                text = text[: colon + 2] + value + (text[end:] if end >= 0 else "")
        else:  # nest a value (or anything) in brackets, sometimes past the cap
            depth = draw(st.sampled_from([1, 5, 31, 32, 33, 200, 5000]))
            opening, closing = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ('{"a": ', "}")]))
            end = at + draw(st.integers(0, 10))
            text = text[:at] + opening * depth + text[at:end] + closing * depth + text[end:]
    return text


@SETTINGS
@given(data=st.binary(max_size=3000))
def test_random_bytes_are_an_answer_or_a_refusal(small: KnowledgeBase, data: bytes) -> None:
    read_answers_bytes(data, small)


@SETTINGS
@given(text=st.text(YAML_CHARS, max_size=400))
def test_random_yaml_characters_are_an_answer_or_a_refusal(small: KnowledgeBase, text: str) -> None:
    read_answers_bytes(text.encode(), small)


@SETTINGS
@given(text=st.text(max_size=300))
def test_random_unicode_is_an_answer_or_a_refusal(small: KnowledgeBase, text: str) -> None:
    read_answers_bytes(text.encode("utf-8", "surrogatepass"), small)


@SETTINGS
@given(text=mutated(VALID_YAML))
def test_mutated_yaml_answers_are_an_answer_or_a_refusal(small: KnowledgeBase, text: str) -> None:
    read_answers_bytes(text.encode("utf-8", "surrogatepass"), small)


@SETTINGS
@given(text=mutated(VALID_JSON))
def test_mutated_json_answers_are_an_answer_or_a_refusal(small: KnowledgeBase, text: str) -> None:
    read_answers_bytes(text.encode("utf-8", "surrogatepass"), small)


@pytest.fixture(scope="module")
def kb_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "kb"
        shutil.copytree(SMALL_KB, folder)
        yield folder


def load_mutated(folder: Path, name: str, text: str) -> object:
    original = (SMALL_KB / name).read_bytes()
    (folder / name).write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        return load_knowledge_base(folder)
    except PmladderError as exc:
        check_error(exc)
        return exc
    finally:
        (folder / name).write_bytes(original)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated((SMALL_KB / "roles.yaml").read_text(encoding="utf-8")))
def test_mutated_roles_are_a_knowledge_base_or_a_refusal(kb_folder: Path, text: str) -> None:
    load_mutated(kb_folder, "roles.yaml", text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated((SMALL_KB / "skills.yaml").read_text(encoding="utf-8")))
def test_mutated_skills_are_a_knowledge_base_or_a_refusal(kb_folder: Path, text: str) -> None:
    load_mutated(kb_folder, "skills.yaml", text)


@settings(max_examples=50, deadline=None)
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_roles_are_a_refusal(kb_folder: Path, data: bytes) -> None:
    original = (SMALL_KB / "roles.yaml").read_bytes()
    (kb_folder / "roles.yaml").write_bytes(data)
    try:
        with pytest.raises(PmladderError) as caught:
            load_knowledge_base(kb_folder)
        check_error(caught.value)
    finally:
        (kb_folder / "roles.yaml").write_bytes(original)


# --- the pieces: the parser, the sanitiser, the summary ---------------------------------------


@SETTINGS
@given(text=st.text(YAML_CHARS, max_size=300))
def test_the_parser_gives_a_document_or_placed_problems(text: str) -> None:
    try:
        document = yamlfile.parse(text, "f.yaml")
    except PmladderError as exc:
        check_error(exc)
        assert all(p.file == "f.yaml" for p in exc.problems)
        return
    for loc in _paths(document.data):  # every value that exists can be located, inside the text
        line, column = document.locate(loc)
        assert 1 <= line <= text.count("\n") + 2 and column >= 1  # an empty value at the end: the line after


def _paths(data: object, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


@given(text=st.text())
def test_visible_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    shown = visible(text)
    assert not CONTROL.search(shown)
    assert "\n" not in shown
    assert visible(shown) == shown
    assert "\n" not in visible(text, newlines=True).replace("\n", "") and "\r" not in visible(text, newlines=True)


@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cf", "Cs", "Zl", "Zp"])))
def test_visible_keeps_ordinary_text(text: str) -> None:
    assert visible(text) == text


@st.composite
def problems(draw: st.DrawFn) -> list[Problem]:
    files = st.sampled_from([None, "a.yaml", "b.yaml"])
    messages = st.sampled_from(["duplicate key 'a'", "unknown key 'b'", "x", "y", "z"])
    lines = st.one_of(st.none(), st.integers(1, 50))
    return draw(st.lists(st.builds(Problem, messages, files, lines, lines), max_size=200))


@given(found=problems())
def test_the_summary_is_bounded_complete_and_idempotent(found: list[Problem]) -> None:
    summary = summarise(found)
    assert summarise(summary) == summary
    for file in {p.file for p in found}:
        mine = [p for p in summary if p.file == file]
        assert len(mine) <= 21
        counted = sum(1 + p.repeats for p in mine if not p.omitted) + sum(p.omitted for p in mine)
        assert counted == sum(1 for p in found if p.file == file)
        placed = [p.sort_key for p in mine]
        assert placed == sorted(placed)
