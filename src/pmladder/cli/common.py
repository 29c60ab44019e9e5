"""What every command shares: output formats, the knowledge base option, printing problems.

Only typer and the light `errors` module are imported here: start-up time is paid by every
command, so Rich, Pydantic and YAML are imported inside the commands that use them.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from pmladder.errors import Problem

if TYPE_CHECKING:
    from rich.console import Console

    from pmladder.knowledge.base import KnowledgeBase


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


# The CI gates, the same for `assess` and `cohort` (where they apply to each person).
FailUnderOption = Annotated[
    float | None,
    typer.Option(
        "--fail-under", metavar="PCT", min=0, max=100, help="Exit 1 when readiness is below PCT (per person)."
    ),
]
MaxGapOption = Annotated[
    int | None,
    typer.Option("--max-gap", metavar="N", min=0, max=5, help="Exit 1 when any gap exceeds N levels (per person)."),
]

RENDERERS = {Format.text: "terminal", Format.json: "json", Format.markdown: "markdown"}

FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output format: text (for people), json (for programs), markdown.")
]
OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE atomically instead of stdout ('-' for stdout)."),
]


F = TypeVar("F", bound=Enum)


def format_for(chosen: F | None, output: str | None, by_suffix: Mapping[str, F], default: F) -> F:
    """--format when given, else the one --output's suffix names (report.md: markdown), else default."""
    if chosen is not None:
        return chosen
    if output and output != "-":
        return by_suffix.get(Path(output).suffix.lower(), default)
    return default


def kb_dir(ctx: typer.Context) -> Path:
    """The knowledge-base folder chosen with --kb or $PMLADDER_KB, else the bundled one."""
    chosen = (ctx.find_root().obj or {}).get("kb")
    if chosen:
        return Path(chosen)
    from pmladder.io.paths import bundled_kb_dir

    return bundled_kb_dir()


def load_kb(ctx: typer.Context) -> KnowledgeBase:
    """The chosen knowledge base, validated (from the start-up cache when unchanged)."""
    from pmladder.knowledge.cache import load_cached

    return load_cached(kb_dir(ctx))


def print_problems(problems: list[Problem]) -> None:
    """Problems go to stderr, one per line, as `file:line:column: message`."""
    for problem in problems:
        sys.stderr.write(f"{problem}\n" if problem.file else f"error: {problem}\n")
    sys.stderr.flush()


def emit(text: str, output: str | None = None) -> None:
    """Write a rendered document to stdout, or atomically to a file."""
    if output and output != "-":
        from pmladder.io.files import write_text

        write_text(output, text)
        sys.stderr.write(f"wrote {output}\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()


def stdout_console() -> Console:
    """A Rich console on stdout; colour follows the terminal, NO_COLOR and TERM=dumb."""
    from rich.console import Console

    # markup off: knowledge-base and person text is shown as written ('[/]' is text, not a tag)
    return Console(highlight=False, soft_wrap=False, markup=False)


def show(format: Format, output: str | None, view: str, *args: object) -> None:
    """Render one view in the chosen format; every format module names its views alike."""
    import importlib

    # only the chosen renderer is imported: Rich alone costs more than the whole JSON path
    module = importlib.import_module(f"pmladder.reports.{RENDERERS[format]}")
    rendered = getattr(module, view)(*args)
    if format is Format.text:
        print_rich(rendered, output)
    else:
        emit(rendered, output)


def print_rich(renderable: object, output: str | None = None) -> None:
    """Print a Rich renderable to the terminal, or as plain text to a file."""
    if output and output != "-":
        from io import StringIO

        from rich.console import Console

        buffer = StringIO()
        Console(file=buffer, width=100, no_color=True, highlight=False, markup=False).print(renderable)
        emit(buffer.getvalue(), output)
    else:
        stdout_console().print(renderable)
