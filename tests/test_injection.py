"""Text from files and people never reaches a terminal raw: a look at the raw bytes of every human format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import SMALL_KB, run

HOSTILE = "Ada\x1b[2J\x1b]0;pwned\x07 \u202eevil\x9b31m"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


def test_a_control_character_in_the_knowledge_base_is_refused(kb_copy: Path) -> None:
    skills = kb_copy / "skills.yaml"
    text = skills.read_text()
    first = text.index("definition: ") + len("definition: ")
    skills.write_text(text[:first] + '"Clears your screen \\e[2J" # ' + text[first:])
    result = run(["--kb", str(kb_copy), "skills"])
    assert result.exit_code == 2
    assert "contains a control or invisible character (U+001B)" in result.stderr
    assert not any(c in result.stderr for c in RAW)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "ada.yaml"
    doc = {
        "name": HOSTILE,
        "target_role": "lead",
        "ratings": {"writing": 3, "shipping": 2, "mentoring": 3, "influence": 2},
        "evidence": {"writing": HOSTILE, "mentoring": "line one\nline two\x1b[31m"},
    }
    path.write_text(yaml.safe_dump(doc, allow_unicode=True))
    return path


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_names_and_evidence_are_escaped_in_the_assessment(hostile: Path, fmt: str) -> None:
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(hostile), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert not any(c in result.stdout for c in RAW)
    shown = result.stdout.replace("\\\\", "\\").replace("\\[", "[")  # Markdown escapes backslashes and brackets
    assert "\\x1b[2J" in shown and "\\u202e" in shown


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "html"])
def test_names_are_escaped_in_the_cohort(hostile: Path, fmt: str) -> None:
    result = run(["--kb", str(SMALL_KB), "cohort", str(hostile.parent), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert not any(c in result.stdout for c in RAW)


def test_json_keeps_the_text_as_written_and_escaped_by_json(hostile: Path) -> None:
    out = run(["--kb", str(SMALL_KB), "assess", "--answers", str(hostile), "--format", "json"]).stdout
    assert not any(c in out for c in RAW)  # JSON escapes controls itself (\u001b)
    assert json.loads(out)["name"] == HOSTILE


def test_comparison_and_plan_escape_names(hostile: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        yaml.safe_dump(
            {
                "rater": "manager",
                "rater_name": HOSTILE,
                "subject": HOSTILE,
                "target_role": "lead",
                "ratings": {"writing": 2},
            },
            allow_unicode=True,
        )
    )
    for args in (["compare", str(hostile), str(other)], ["plan", "--answers", str(hostile)]):
        for fmt in ("text", "markdown"):
            result = run(["--kb", str(SMALL_KB), *args, "--format", fmt])
            assert result.exit_code == 0, result.stderr
            assert not any(c in result.stdout for c in RAW), (args, fmt)
