"""Output formats: one `Format` enum, one suffix map, one registry of which view each format renders.

Every command picks its format here: `--format` when given, else the `--output` suffix, else
text. A combination that does not exist is a usage error in our words. Renderer modules
are imported only when used (Rich alone costs more than the whole JSON path), and the
`TYPE_CHECKING` block below lets mypy check every registered function against its view.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pmladder.errors import PmladderError
from pmladder.io.files import is_file

if TYPE_CHECKING:
    from rich.console import RenderableType

    from pmladder.assessment.compare import Comparison
    from pmladder.assessment.match import Match
    from pmladder.assessment.plan import Plan
    from pmladder.assessment.report import Assessment
    from pmladder.cohort.aggregate import CohortResult
    from pmladder.history.diff import Diff
    from pmladder.history.progress import Progress
    from pmladder.history.views import HistoryView, StoredReport
    from pmladder.knowledge.views import (
        InfoView,
        LadderView,
        PathView,
        RoleView,
        SkillsView,
        SkillView,
        ValidationView,
    )


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    ics = "ics"
    html = "html"


SUFFIXES: dict[str, Format] = {
    ".txt": Format.text,
    ".json": Format.json,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".csv": Format.csv,
    ".ics": Format.ics,
    ".html": Format.html,
    ".htm": Format.html,
}

# history, diff and progress: one module per format, like the cohort's
_HISTORY = {Format.text: "history_text", Format.json: "history_json", Format.markdown: "history_markdown"}

_DOCS = {Format.text: "terminal", Format.json: "json", Format.markdown: "markdown"}
# view name -> format -> the module (under pmladder.reports) whose function of the view's name renders it
REGISTRY: dict[str, dict[Format, str]] = {
    "roles": _DOCS,
    "role": _DOCS,
    "skills": _DOCS,
    "skill": _DOCS,
    "path": _DOCS,
    "validation": _DOCS,
    "info": _DOCS,
    "assessment": {**_DOCS, Format.html: "html"},
    "match": _DOCS,
    "comparison": _DOCS,
    "plan": {**_DOCS, Format.ics: "ics"},
    "cohort": {
        Format.text: "cohort_text",
        Format.json: "cohort_json",
        Format.markdown: "cohort_markdown",
        Format.csv: "cohort_csv",
        Format.html: "html",
    },
    "history": _HISTORY,
    "stored": {**_HISTORY, Format.html: "html"},
    "diff": {**_HISTORY, Format.html: "html"},
    "progress": {**_HISTORY, Format.html: "html"},
}
# Text that does not reach a terminal (a pipe, a redirect, --output FILE): the explore views as
# plain aligned lines (reports/plain.py), as git and gh print to a pipe; a terminal gets Rich.
PLAIN_TEXT: dict[str, str] = dict.fromkeys(("roles", "role", "skills", "skill", "path"), "plain")
# the command a view belongs to, for messages
COMMANDS = {
    "comparison": "compare",
    "roles": "roles",
    "role": "roles show",
    "skills": "skills",
    "skill": "skills show",
    "validation": "kb validate",
    "info": "kb info",
    "stored": "history show",
}


def _choices(view: str) -> str:
    names = [f.value for f in REGISTRY[view]]
    return ", ".join(names[:-1]) + " or " + names[-1]


def choose(view: str, chosen: str | None, output: str | None) -> Format:
    """The format for a view: --format, else --output's suffix, else text; unknown pairs are usage errors."""
    command = COMMANDS.get(view, view)
    if chosen is not None:
        try:
            fmt = Format(chosen.strip().lower())
        except ValueError:
            raise PmladderError(f"unknown format '{chosen}' for '{command}' (choose {_choices(view)})") from None
        if fmt not in REGISTRY[view]:
            raise PmladderError(f"format '{fmt.value}' is not available for '{command}' (choose {_choices(view)})")
        return fmt
    if is_file(output):
        suffix = Path(output).suffix.lower()
        if not suffix:
            return Format.text
        fmt_by_suffix = SUFFIXES.get(suffix)
        if fmt_by_suffix is None or fmt_by_suffix not in REGISTRY[view]:
            raise PmladderError(
                f"no format for '{command}' writes '{suffix}' files (choose {_choices(view)},"
                " with --format or the file's suffix)"
            )
        return fmt_by_suffix
    return Format.text


def renderer(view: str, fmt: Format) -> Callable[[Any], Any]:
    """The function that renders `view` in `fmt` (a Rich renderable for text, else a string)."""
    module = importlib.import_module(f"pmladder.reports.{REGISTRY[view][fmt]}")
    function: Callable[[Any], Any] = getattr(module, view)
    return function


def plain_renderer(view: str) -> Callable[[Any], str] | None:
    """The plain-text renderer of a view, for text that does not reach a terminal; None: Rich's everywhere."""
    module = PLAIN_TEXT.get(view)
    if module is None:
        return None
    function: Callable[[Any], str] = getattr(importlib.import_module(f"pmladder.reports.{module}"), view)
    return function


def streamer(view: str, fmt: Format) -> Callable[[Any], Iterator[str]] | None:
    """The renderer's `<view>_lines`, when it has one: the same document in pieces, written as they come."""
    module = importlib.import_module(f"pmladder.reports.{REGISTRY[view][fmt]}")
    function: Callable[[Any], Iterator[str]] | None = getattr(module, f"{view}_lines", None)
    return function


if TYPE_CHECKING:  # mypy checks each renderer module against the views it is registered for

    class _Explore(Protocol):
        def roles(self, view: LadderView, /) -> RenderableType: ...
        def role(self, view: RoleView, /) -> RenderableType: ...
        def skills(self, view: SkillsView, /) -> RenderableType: ...
        def skill(self, view: SkillView, /) -> RenderableType: ...
        def path(self, view: PathView, /) -> RenderableType: ...
        def validation(self, view: ValidationView, /) -> RenderableType: ...
        def info(self, view: InfoView, /) -> RenderableType: ...
        def assessment(self, view: Assessment, /) -> RenderableType: ...
        def match(self, view: Match, /) -> RenderableType: ...
        def comparison(self, view: Comparison, /) -> RenderableType: ...
        def plan(self, view: Plan, /) -> RenderableType: ...

    class _Plain(Protocol):  # the views of PLAIN_TEXT
        def roles(self, view: LadderView, /) -> str: ...
        def role(self, view: RoleView, /) -> str: ...
        def skills(self, view: SkillsView, /) -> str: ...
        def skill(self, view: SkillView, /) -> str: ...
        def path(self, view: PathView, /) -> str: ...

    class _Cohort(Protocol):
        def cohort(self, view: CohortResult, /) -> RenderableType: ...

    class _CohortLines(Protocol):  # the formats a cohort of any size is written in, a piece at a time
        def cohort(self, view: CohortResult, /) -> str: ...
        def cohort_lines(self, view: CohortResult, /) -> Iterator[str]: ...

    class _History(Protocol):
        def history(self, view: HistoryView, /) -> RenderableType: ...
        def stored(self, view: StoredReport, /) -> RenderableType: ...
        def diff(self, view: Diff, /) -> RenderableType: ...
        def progress(self, view: Progress, /) -> RenderableType: ...

    class _Html(Protocol):  # one self-contained page per view
        def assessment(self, view: Assessment, /) -> str: ...
        def cohort(self, view: CohortResult, /) -> str: ...
        def diff(self, view: Diff, /) -> str: ...
        def progress(self, view: Progress, /) -> str: ...
        def stored(self, view: StoredReport, /) -> str: ...

    from pmladder.reports import (
        cohort_csv,
        cohort_json,
        cohort_markdown,
        cohort_text,
        history_json,
        history_markdown,
        history_text,
        html,
        json,
        markdown,
        plain,
        terminal,
    )

    _checked_docs: list[_Explore] = [terminal, json, markdown]
    _checked_plain: _Plain = plain
    _checked_cohort: list[_Cohort] = [cohort_text, cohort_json, cohort_markdown, cohort_csv, html]
    _checked_cohort_lines: list[_CohortLines] = [cohort_json, cohort_markdown, cohort_csv]
    _checked_history: list[_History] = [history_text, history_json, history_markdown]
    _checked_html: list[_Html] = [html]

    class _Calendar(Protocol):
        def plan(self, view: Plan, /) -> str: ...

    from pmladder.reports import ics

    _checked_calendar: _Calendar = ics
