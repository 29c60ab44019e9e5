"""What every command shares: the format and output options, the knowledge base, printing.

Only typer and the light `errors` module are imported here: start-up time is paid by every
command, so Rich, Pydantic and YAML are imported inside the commands that use them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from pmladder.cli.entry import resume_collector
from pmladder.commands import command
from pmladder.errors import Problem
from pmladder.io.files import is_file

if TYPE_CHECKING:
    from pmladder.assessment.answers import Answers
    from pmladder.knowledge.base import KnowledgeBase

# The CI gates, the same for `assess` and `cohort` (where they apply to each person).
FailUnderOption = Annotated[
    float | None,
    typer.Option(
        "--fail-under", metavar="PCT", min=0, max=100, help="Exit 1 when readiness is below PCT (per person)."
    ),
]
MaxGapOption = Annotated[
    int | None,
    typer.Option(
        "--max-gap", metavar="N", min=0, max=6, help="Exit 1 when any gap exceeds N levels (per person)."
    ),  # 6: the largest gap on the largest scale (7 levels)
]
# A plain string, checked by the format registry: its message names the formats this command has.
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=(
            "text, json or markdown (assess, diff, progress, history show: also html; cohort: also csv, html);"
            " default: from --output's suffix, else text."
        ),
        show_default=False,
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE atomically instead of stdout ('-' for stdout)."),
]


class CommandGroup(TyperGroup):
    """A group of sub-commands (`roles`, `history`, `kb`): start-up ends when it runs."""

    def invoke(self, ctx: Any) -> Any:
        resume_collector()
        return super().invoke(ctx)


class Command(TyperCommand):
    """A command (`assess`, `path`, ...): start-up ends when it runs."""

    def invoke(self, ctx: Any) -> Any:
        resume_collector()
        return super().invoke(ctx)


def sub_app(**settings: Any) -> typer.Typer:
    """A Typer for a group of sub-commands: plain help like the root's, completion only at the root."""
    return typer.Typer(cls=CommandGroup, rich_markup_mode=None, add_completion=False, **settings)


def kb_dir(ctx: typer.Context) -> Path:
    """The knowledge-base folder chosen with --kb or $PMLADDER_KB, else the bundled one."""
    chosen = (ctx.find_root().obj or {}).get("kb")
    if chosen:
        return Path(chosen)
    from pmladder.io.paths import bundled_kb_dir

    return bundled_kb_dir()


def invoked_as() -> str:
    """How to run pmladder again, as this process was run: `pmladder` when that is on PATH and is this one.

    After the Quick start `pmladder` may not be on PATH (`.venv/bin/pmladder assess`), so a
    hint printed as `pmladder ...` would fail; it is printed as the person typed it instead.
    """
    import os
    import shutil

    program = sys.argv[0] if sys.argv else "pmladder"
    if program.endswith("__main__.py"):
        return "python3 -m pmladder"
    if not Path(program).name.startswith("pmladder"):  # embedded, or a test runner
        return "pmladder"
    on_path = shutil.which("pmladder")
    if on_path and os.path.realpath(on_path) == os.path.realpath(shutil.which(program) or program):
        return "pmladder"
    return program if os.sep in program else "pmladder"


def command_hint(ctx: typer.Context, *args: str) -> str:
    """A pmladder command line for a hint, runnable as printed: as invoked, with the --kb in use."""
    from pmladder.commands import invocation

    chosen = (ctx.find_root().obj or {}).get("kb")
    with invocation(invoked_as, chosen):
        return command(*args)


def compare_suggestion(subject: str | None, compare: str) -> str:
    """After ratings of someone else: how to set them beside the person's own (`compare` is the command line)."""
    whose = f"{subject}'s" if subject else "their"
    return f"To compare these ratings with {whose} own assessment:\n  {compare}\n"


def load_kb(ctx: typer.Context) -> KnowledgeBase:
    """The chosen knowledge base, validated (from the start-up cache when unchanged)."""
    from pmladder.api import load_knowledge_base

    return load_knowledge_base(kb_dir(ctx))


def warn_other_ladder(name: str, answers: Answers, kb: KnowledgeBase) -> None:
    """One warning line when an answers file was written for another ladder than the one in use."""
    from pmladder.assessment.answers import ladder_mismatch

    message = ladder_mismatch(answers, kb)
    if message:
        say(f"warning: {name}: {message}")


def say(message: str) -> None:
    """One line (or a few) on stderr: a hint, a warning, a result. Names and paths in it are made visible."""
    from pmladder.io.sanitize import visible

    sys.stderr.write(visible(message, newlines=True) + ("" if message.endswith("\n") else "\n"))
    sys.stderr.flush()


def print_problems(problems: list[Problem]) -> None:
    """Problems go to stderr, one per line, as `file:line:column: message`."""
    for problem in problems:
        sys.stderr.write(f"{problem}\n" if problem.file else f"error: {problem}\n")
    sys.stderr.flush()


def emit(text: str, output: str | None = None) -> None:
    """Write a rendered document to stdout, or atomically to a file."""
    emit_lines((text,), output)


def emit_lines(chunks: Iterable[str], output: str | None = None) -> None:
    """`emit` for a document in pieces, each written as it comes (a cohort of 50,000 is never one string)."""
    if is_file(output):
        from pmladder.io.files import write_chunks

        write_chunks(output, chunks)
        say(f"wrote {output}")
    else:
        last = ""
        for chunk in chunks:
            if chunk:
                sys.stdout.write(chunk)
                last = chunk
        if not last.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()


def show(value: Any, format: str | None, output: str | None) -> str:
    """Render a view model in the chosen format (see `reports.formats`) to stdout or --output; return the format."""
    from pmladder.reports.formats import Format, choose, plain_renderer, renderer, streamer

    chosen = choose(value.view, format, output)
    plain = plain_renderer(value.view) if chosen is Format.text and not to_terminal(output) else None
    lines = streamer(value.view, chosen) if chosen is not Format.text else None
    if plain is not None:
        emit(plain(value), output)  # a pipe or a file: plain aligned text, without Rich
    elif chosen is Format.text:
        print_rich(renderer(value.view, chosen)(value), output)
    else:
        if chosen is Format.html and not is_file(output) and sys.stdout.isatty():
            sys.stderr.write("hint: a web page is meant for a file; add -o report.html to write one\n")
        if lines is not None:
            emit_lines(lines(value), output)  # a piece at a time: a large cohort is never one string
        else:
            emit(renderer(value.view, chosen)(value), output)
    return chosen.value


def to_terminal(output: str | None) -> bool:
    """Whether a document goes to a terminal: to stdout (no --output, or '-') and stdout is one."""
    return not is_file(output) and sys.stdout.isatty()


def print_rich(renderable: object, output: str | None = None) -> None:
    """Print a Rich renderable to the terminal, or as plain text to a file; its text is always made visible."""
    from rich.console import Console

    from pmladder.reports.shown import Shown

    renderable = Shown(renderable)  # type: ignore[arg-type]

    if is_file(output):
        from io import StringIO

        buffer = StringIO()
        Console(file=buffer, width=100, no_color=True, highlight=False, markup=False).print(renderable, crop=False)
        emit(buffer.getvalue(), output)
    else:
        # markup off: knowledge-base and person text is shown as written ('[/]' is text, not a tag)
        # crop off: a command hint (never wrapped, so it can be copied) runs past the edge whole
        Console(highlight=False, soft_wrap=False, markup=False).print(renderable, crop=False)
