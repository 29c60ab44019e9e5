"""One error type that carries places, and the exit codes the CLI maps it to.

Core code raises `PmladderError` with one or more `Problem`s; only the CLI prints them.
A hostile or broken file can hold thousands of problems: the same problem at many places
is kept once with a count, and at most `PER_FILE` problems a file are kept, then a line
saying how many more there are.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum

from pmladder.io.sanitize import quoted, visible

MAX_LISTED = 30  # valid ids listed after an unknown one; more would flood the terminal
PER_FILE = 20  # problems listed per file; the rest are counted


class ExitCode(IntEnum):
    """The documented exit codes."""

    OK = 0
    BELOW_GATE = 1  # readiness under --fail-under, or a gap over --max-gap
    BAD_INPUT = 2  # bad input or usage (typer's own usage errors use 2 as well)
    OUTPUT_LOST = 2  # the output could not be written: full disk, closed stdout, broken pipe
    INTERRUPTED = 130  # Ctrl-C; answers so far are kept in a draft


@dataclass(frozen=True)
class Problem:
    """Something wrong with an input, and where: `file:line:column: message`.

    In a workbook the place is a cell, as a spreadsheet names it: `ladder.xlsx:Roles!D7: message`.
    `repeats` counts further places with the same problem that are not listed; `omitted`
    marks the closing `… and N more` line of a file whose problems were cut short.
    """

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    warning: bool = False
    repeats: int = 0
    omitted: int = 0
    cell: str | None = None  # a workbook's `Sheet!A1` (then `line` and `column` are unset)

    def __str__(self) -> str:
        # the file name and the message carry text from files and people: shown, never obeyed.
        # A message may span lines of our own (a list of choices); text from a file that is
        # quoted with `quoted` has its line breaks escaped already.
        file = None if self.file is None else visible(self.file)
        parts = (file, visible(self.cell)) if self.cell is not None else (file, self.line, self.column)
        place = ":".join(str(p) for p in parts if p is not None)
        text = f"warning: {self.message}" if self.warning else self.message
        if self.repeats:
            text += f" (and {self.repeats:,} more like it)"
        text = visible(text, newlines=True)
        return f"{place}: {text}" if place else text

    @property
    def severity(self) -> str:
        return "warning" if self.warning else "error"

    @property
    def sort_key(self) -> tuple[str, bool, int, int]:
        """By file, then line and column; a file's `… and N more` last."""
        return (self.file or "", bool(self.omitted), self.line or 0, self.column or 0)


def summarise(problems: Iterable[Problem], per_file: int = PER_FILE) -> list[Problem]:
    """Problems grouped by file (in the order files first appear), by place within a file.

    The same problem (message) at several places of a file is kept once, at its first place,
    with a count; a file keeps at most `per_file` problems, then `… and N more`. Idempotent:
    a summary summarised again is the same summary.
    """
    by_file: dict[str | None, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    result: list[Problem] = []
    for file, found in by_file.items():
        groups: dict[tuple[str, bool], Problem] = {}
        omitted = 0
        for problem in sorted(found, key=lambda p: p.sort_key):
            if problem.omitted:
                omitted += problem.omitted
                continue
            key = (problem.message, problem.warning)
            first = groups.get(key)
            groups[key] = problem if first is None else replace(first, repeats=first.repeats + 1 + problem.repeats)
        kept = list(groups.values())
        for problem in kept[per_file:]:
            omitted += 1 + problem.repeats
        result.extend(kept[:per_file])
        if omitted:
            result.append(Problem(f"… and {omitted:,} more", file, omitted=omitted))
    return result


class PmladderError(Exception):
    """Bad input: one or more problems, each with its place when known, summarised (see `summarise`)."""

    def __init__(self, problems: Problem | str | Sequence[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = summarise(problems)
        super().__init__()

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def placed(self, file: str) -> PmladderError:
        """The same problems, those without a place set in `file` (the input they came from)."""
        return PmladderError([p if p.file else replace(p, file=file) for p in self.problems])


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix for a near miss, or an empty string."""
    if len(word) > 200:  # no id is that long; difflib's time grows with the length
        return ""
    return _suggestion(word, tuple(choices))


@functools.lru_cache(maxsize=4096)
def _suggestion(word: str, choices: tuple[str, ...]) -> str:
    """Cached: a cohort's files repeat the same typo, and difflib costs 0.1 ms a word."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


def unknown(kind: str, word: str, choices: Iterable[str], *, aliases: Iterable[str] = ()) -> str:
    """`unknown role 'x' (did you mean 'y'?)`; with no near miss, the valid ids when there are few.

    `aliases` are other accepted spellings ('hop'): suggested when nearest, never listed.
    """
    options = list(choices)
    hint = did_you_mean(word, [*options, *aliases])
    if not hint and 0 < len(options) <= MAX_LISTED:
        hint = f" (choose one of: {', '.join(options)})"
    return f"unknown {kind} {quoted(word)}{hint}"
