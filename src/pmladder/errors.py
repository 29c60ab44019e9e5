"""One error type that carries places, and the exit codes the CLI maps it to.

Core code raises `PmladderError` with one or more `Problem`s; only the CLI prints them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum

MAX_LISTED = 30  # valid ids listed after an unknown one; more would flood the terminal


class ExitCode(IntEnum):
    """The documented exit codes."""

    OK = 0
    BELOW_GATE = 1  # readiness under --fail-under, or a gap over --max-gap
    BAD_INPUT = 2  # bad input or usage (typer's own usage errors use 2 as well)
    INTERRUPTED = 130  # Ctrl-C; answers so far are kept in a draft


@dataclass(frozen=True)
class Problem:
    """Something wrong with an input, and where: `file:line:column: message`."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    warning: bool = False

    def __str__(self) -> str:
        place = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        text = f"warning: {self.message}" if self.warning else self.message
        return f"{place}: {text}" if place else text

    @property
    def severity(self) -> str:
        return "warning" if self.warning else "error"

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.file or "", self.line or 0, self.column or 0)


class PmladderError(Exception):
    """Bad input: one or more problems, each with its place when known."""

    def __init__(self, problems: Problem | str | Sequence[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def placed(self, file: str) -> PmladderError:
        """The same problems, those without a place set in `file` (the input they came from)."""
        return PmladderError([p if p.file else Problem(p.message, file, warning=p.warning) for p in self.problems])


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix for a near miss, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown(kind: str, word: str, choices: Iterable[str]) -> str:
    """`unknown role 'x' (did you mean 'y'?)`; with no near miss, the valid ids when there are few."""
    options = list(choices)
    hint = did_you_mean(word, options)
    if not hint and 0 < len(options) <= MAX_LISTED:
        hint = f" (choose one of: {', '.join(options)})"
    return f"unknown {kind} '{word}'{hint}"
