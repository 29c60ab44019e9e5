"""--help reads as a person would want: no Python type names, completion only at the root, exit codes listed."""

from __future__ import annotations

import pytest

from conftest import run
from pmladder.cli.app import COMMANDS

SUB = [["kb", "validate"], ["kb", "schema"], ["kb", "export"], ["kb", "import"], ["roles", "show"], ["skills", "show"]]


@pytest.mark.parametrize("command", [[name] for name in COMMANDS] + SUB, ids=" ".join)
def test_command_help_is_plain(command: list[str]) -> None:
    result = run([*command, "--help"])
    assert result.exit_code == 0
    text = result.stdout
    assert "Examples:" in text
    for leak in ("<bool>", "<str>", "<int>", "<float>", "list[", "[bold]", "--install-completion"):
        assert leak not in text, leak


def test_root_help_lists_every_exit_code_and_completion() -> None:
    raw = run(["--help"]).stdout
    text = " ".join(raw.split())
    assert "Exit codes: 0 ok; 1 below a gate (--fail-under, --max-gap); 2 bad input or usage; 130 interrupted" in text
    assert "--install-completion" in text
    assert "..." not in raw.split("Commands:", 1)[1]  # command summaries are never cut short
