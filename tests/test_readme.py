"""The README stays true: two quick-start commands, CI runs the test one, examples work."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import run
from pmladder.cli.app import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def shell_lines(text: str) -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_quick_start_is_exactly_two_commands() -> None:
    lines = shell_lines(section("Quick start"))
    assert len(lines) == 2
    install_and_run, install_and_test = lines
    assert install_and_run.endswith("pmladder assess")
    assert install_and_test.endswith("pytest")


def test_ci_runs_the_readme_test_command_exactly() -> None:
    test_command = shell_lines(section("Quick start"))[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci


@pytest.mark.parametrize(
    "command", [*COMMANDS, "roles show", "skills show", "kb validate", "kb schema", "kb export", "kb import"]
)
def test_every_command_is_documented(command: str) -> None:
    assert f"`pmladder {command}" in README


def runnable_examples() -> list[str]:
    """Examples that need no prompt and no file of the reader's own."""
    needs_own_input = ("me.yaml", "cohort/", "answers/", "our-ladder", "--resume", "< ")
    needs_a_history = ("history show", "history export", "history delete", "pmladder diff", "pmladder progress")
    examples = []
    for line in shell_lines(section("Commands")):
        command = line.split("#")[0].strip()
        if not command.startswith("pmladder ") or any(token in command for token in needs_own_input + needs_a_history):
            continue
        if command.split()[1] == "assess":
            continue  # the questionnaire: covered by test_questionnaire.py and test_assess_pty.py
        examples.append(command)
    return examples


def test_there_are_runnable_examples() -> None:
    assert len(runnable_examples()) >= 10


@pytest.mark.parametrize("example", runnable_examples())
def test_readme_example_runs(example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = shlex.split(example)[1:]
    args = [str(ROOT / arg) if arg.startswith("examples/") else arg for arg in args]
    monkeypatch.chdir(tmp_path)
    result = run(args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout or result.stderr


def test_the_python_api_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python API block, run as written next to an answers file and a cohort folder."""
    section = README.split("## Python API", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shutil.copy(ROOT / "examples" / "calibration" / "ada.yaml", tmp_path / "ada.yaml")
    shutil.copytree(ROOT / "examples" / "cohort", tmp_path / "cohort")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md (Python API)", "exec"), {})
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
