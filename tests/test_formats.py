"""One format registry: every (command, format) pair that does not exist is a usage error in our words."""

from __future__ import annotations

import ast
from enum import Enum
from pathlib import Path

import pytest

from conftest import SMALL_KB, run
from pmladder.reports.formats import REGISTRY, Format

SRC = Path(__file__).parents[1] / "src" / "pmladder"
ANSWERS = "target_role: lead\nratings: {writing: 3}\n"

COMMANDS = {
    "roles": ["roles"],
    "role": ["roles", "show", "lead"],
    "skills": ["skills"],
    "skill": ["skills", "show", "writing"],
    "path": ["path", "junior", "lead"],
    "validation": ["kb", "validate"],
    "assessment": ["assess", "--answers", "{answers}"],
    "cohort": ["cohort", "{answers}"],
    "match": ["match", "--answers", "{answers}"],
    "comparison": ["compare", "{answers}", "{other}"],
    "plan": ["plan", "--answers", "{answers}"],
    "history": ["history"],
    "diff": ["diff", "{answers}", "{other}"],
}


def command(view: str, answers: Path) -> list[str]:
    other = answers.with_name("other.yaml")
    other.write_text("rater: manager\n" + ANSWERS)
    return ["--kb", str(SMALL_KB), *(arg.format(answers=answers, other=other) for arg in COMMANDS[view])]


@pytest.mark.parametrize(
    ("view", "fmt"), [(view, fmt) for view in COMMANDS for fmt in Format if fmt not in REGISTRY[view]]
)
def test_an_unsupported_format_is_a_usage_error(tmp_path: Path, view: str, fmt: Format) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS)
    result = run([*command(view, answers), "--format", fmt.value])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: format '{fmt.value}' is not available for '")
    names = [f.value for f in REGISTRY[view]]
    assert f"(choose {', '.join(names[:-1])} or {names[-1]})" in result.stderr


@pytest.mark.parametrize("view", list(COMMANDS))
def test_every_supported_format_renders(tmp_path: Path, view: str) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(ANSWERS)
    for fmt in REGISTRY[view]:
        result = run([*command(view, answers), "--format", fmt.value])
        assert result.exit_code == 0, (fmt, result.stderr)
        assert result.stdout.strip()


def test_an_unknown_format_names_the_choices_in_our_words() -> None:
    result = run(["roles", "--format", "pdf"])
    assert result.exit_code == 2
    assert result.stderr == "error: unknown format 'pdf' for 'roles' (choose text, json or markdown)\n"


def test_an_output_suffix_without_a_format_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    result = run(["roles", "--output", str(target)])
    assert result.exit_code == 2
    assert "no format for 'roles' writes '.html' files" in result.stderr
    assert not target.exists()


def test_the_suffix_chooses_the_format(tmp_path: Path) -> None:
    target = tmp_path / "cohort.csv"
    answers = tmp_path / "in" / "a.yaml"
    answers.parent.mkdir()
    answers.write_text(ANSWERS)
    assert run(["--kb", str(SMALL_KB), "cohort", str(answers), "-o", str(target)]).exit_code == 0
    assert target.read_text().startswith("name,file,target_role,")


def test_no_two_modules_define_an_output_format_enum() -> None:
    """Format is defined once; any other Enum with a 'json' or 'markdown' member would be a second one."""
    found = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef) and any(ast.unparse(b).endswith("Enum") for b in node.bases):
                members = {
                    t.id
                    for stmt in node.body
                    if isinstance(stmt, ast.Assign)
                    for t in stmt.targets
                    if isinstance(t, ast.Name)
                }
                if members & {"json", "markdown", "csv"}:
                    found.append(f"{path.relative_to(SRC)}:{node.name}")
    assert found == ["reports/formats.py:Format"]
    assert issubclass(Format, Enum)
