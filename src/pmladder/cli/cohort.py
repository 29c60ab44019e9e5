"""`pmladder cohort`: score a whole cohort of answers files, with per-person gates for CI."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from pmladder.cli.common import FailUnderOption, MaxGapOption, OutputOption, emit, format_for, load_kb, print_rich
from pmladder.errors import ExitCode, PmladderError, Problem
from pmladder.io.files import refuse_overwrite, same_path

if TYPE_CHECKING:
    from pmladder.cohort.aggregate import CohortResult

PROGRESS_OVER = 50  # files; fewer are read before a bar would be worth drawing


class CohortFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"


SUFFIX_FORMATS = {
    ".md": CohortFormat.markdown,
    ".markdown": CohortFormat.markdown,
    ".json": CohortFormat.json,
    ".csv": CohortFormat.csv,
    ".txt": CohortFormat.text,
}


def cohort(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Answers files, folders (their *.yaml, *.yml, *.json) or quoted globs such as 'cohort/*.yaml'.",
            show_default=False,
        ),
    ],
    role: Annotated[
        str | None, typer.Option("--role", "-r", metavar="ID", help="Score everyone against this role instead.")
    ] = None,
    format: Annotated[
        CohortFormat | None,
        typer.Option("--format", "-f", help="text, markdown, json or csv; default: from --output's suffix, else text."),
    ] = None,
    output: OutputOption = None,
    fail_under: FailUnderOption = None,
    max_gap: MaxGapOption = None,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Score the valid files and list the others, instead of failing."),
    ] = False,
) -> None:
    """Score a cohort's answers files: per person, per skill, a heatmap, shared gaps.

    Every file is checked first: if any is bad, every problem in every file is
    listed as FILE:LINE:COLUMN: MESSAGE, the exit code is 2 and no report is
    written (--skip-invalid scores the rest instead). Each person's readiness is
    what 'pmladder assess --answers FILE' gives. The report is written even when
    someone falls short of a gate; who fell short goes to stderr, exit code 1.
    The same files always give the same bytes.

    [bold]Examples[/bold]

      pmladder cohort cohort/
      pmladder cohort cohort/ -o cohort-report.md --fail-under 70
      pmladder cohort 'answers/*.yaml' --role group-product-manager --max-gap 2
      pmladder cohort cohort/ --skip-invalid --format csv -o cohort.csv
      pmladder cohort ada.yaml bo.yaml --format json | jq '.people[].readiness'
    """
    from pmladder.assessment.gates import Gates
    from pmladder.cohort.aggregate import aggregate
    from pmladder.cohort.inputs import expand_paths, read_cohort

    kb = load_kb(ctx)
    if role is not None:
        kb.role(role)  # an unknown --role is one error, before any file is read
    refuse_overwrite(output, paths)  # a file named as both
    files = expand_paths(paths)
    if output and output != "-":  # last run's report, found again in the folder, is not an answers file
        files = [f for f in files if not same_path(f, output)]
    with _progress(len(files)) as tick, _no_cyclic_gc():
        reading = read_cohort(files, kb, role=role, on_file=tick)
        if reading.invalid and not skip_invalid:
            raise PmladderError(reading.problems())
        if not reading.entries:
            raise PmladderError([*reading.problems(), Problem("no valid answers file to score")])
        result = aggregate(
            [(e.file, e.answers) for e in reading.entries],
            kb,
            role=role,
            gates=Gates(fail_under, max_gap),
            skipped=reading.invalid,
        )
    chosen = format_for(format, output, SUFFIX_FORMATS, CohortFormat.text)
    _render(result, chosen, output)
    for bad in result.skipped:
        sys.stderr.write(f"skipped: {bad.first}\n")
    if output and output != "-":
        sys.stderr.write(
            f"{len(result.people)} people, mean readiness {result.mean_readiness or 0:.1f}%"
            + (f", {len(result.skipped)} files skipped" if result.skipped else "")
            + "\n"
        )
    _gate(result)


def _render(result: CohortResult, chosen: CohortFormat, output: str | None) -> None:
    """JSON and CSV are written as plain text, never through Rich (it would wrap lines)."""
    if chosen is CohortFormat.json:
        from pmladder.reports import cohort_json

        emit(cohort_json.cohort(result), output)
    elif chosen is CohortFormat.csv:
        from pmladder.reports import cohort_csv

        emit(cohort_csv.cohort(result), output)
    elif chosen is CohortFormat.markdown:
        from pmladder.reports import cohort_markdown

        emit(cohort_markdown.cohort(result), output)
    else:
        from pmladder.reports import cohort_text

        print_rich(cohort_text.cohort(result), output)


def _gate(result: CohortResult) -> None:
    short = result.below_gate
    if not short:
        return
    sys.stderr.write(f"below the gate: {len(short)} of {len(result.people)}\n")
    for person in short:
        sys.stderr.write(f"  {person.name} ({person.file}): {'; '.join(person.below_gate)}\n")
    raise typer.Exit(ExitCode.BELOW_GATE)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a cohort is read and scored.

    Every answers file leaves a few hundred long-lived objects and no cycles to free; the
    collector would only re-scan the growing pile, again and again, on a large cohort.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None] | None]:
    """A progress bar on stderr for a long read, only when stderr is a terminal."""
    if total <= PROGRESS_OVER or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("reading answers"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("read", total=total)
        yield lambda: progress.advance(task)
