"""`pmladder cohort`: score a whole cohort of answers files, with per-person gates for CI."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from pmladder.cli.common import FailUnderOption, FormatOption, MaxGapOption, OutputOption, load_kb, say, show
from pmladder.errors import ExitCode
from pmladder.io.files import is_file

if TYPE_CHECKING:
    from pmladder.cohort.aggregate import CohortResult
    from pmladder.knowledge.base import KnowledgeBase

PROGRESS_OVER = 50  # files; fewer are read before a bar would be worth drawing


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
    format: FormatOption = None,
    output: OutputOption = None,
    fail_under: FailUnderOption = None,
    max_gap: MaxGapOption = None,
    skip_invalid: Annotated[
        bool,
        typer.Option("--skip-invalid", help="Score the valid files and list the others, instead of failing."),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            metavar="N",
            min=1,
            help="Read the files in N processes (default: every core for a large cohort; 1: one process)."
            " The report is the same for any N.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Score a cohort's answers files: per person, per skill, a heatmap, shared gaps.

    Every file is checked first: if any is bad, every problem in every file is
    listed as FILE:LINE:COLUMN: MESSAGE, the exit code is 2 and no report is
    written (--skip-invalid scores the rest instead). Each person's readiness is
    what 'pmladder assess --answers FILE' gives. The report is written even when
    someone falls short of a gate; who fell short goes to stderr, exit code 1.
    The same files always give the same bytes.

    Examples:

    \b
      pmladder cohort cohort/
      pmladder cohort cohort/ -o cohort-report.md --fail-under 70
      pmladder cohort 'answers/*.yaml' --role group-product-manager --max-gap 2
      pmladder cohort cohort/ --skip-invalid --format csv -o cohort.csv
      pmladder cohort ada.yaml bo.yaml --format json | jq '.people[].readiness'
    """
    from pmladder.api import score_cohort
    from pmladder.assessment.gates import Gates
    from pmladder.cohort.inputs import refuse_output_among_inputs
    from pmladder.reports.formats import choose

    kb = load_kb(ctx)
    choose("cohort", format, output)  # a wrong format is a usage error before any file is read
    refuse_output_among_inputs(output, paths)
    with _progress() as tick, _no_cyclic_gc():
        result = score_cohort(
            paths, kb, role=role, skip_invalid=skip_invalid, gates=Gates(fail_under, max_gap), on_file=tick, jobs=jobs
        )
    show(result, format, output)
    if role is not None:
        from pmladder.cli.assess import warn_unused

        target = kb.role(role)
        for person in result.people:
            warn_unused(person.answers, target, person.file)
    _warn_other_ladders(result, kb)
    for bad in result.skipped:
        say(f"skipped: {bad.first}")
    if is_file(output):
        sys.stderr.write(
            f"{len(result.people)} people, mean readiness {result.mean_readiness or 0:.1f}%"
            + (f", {len(result.skipped)} files skipped" if result.skipped else "")
            + "\n"
        )
    _gate(result)


def _gate(result: CohortResult) -> None:
    short = result.below_gate
    if not short:
        return
    sys.stderr.write(f"below the gate: {len(short)} of {len(result.people)}\n")
    for person in short:
        say(f"  {person.name} ({person.file}): {'; '.join(person.below_gate)}")
    raise typer.Exit(ExitCode.BELOW_GATE)


def _warn_other_ladders(result: CohortResult, kb: KnowledgeBase) -> None:
    """Files written for another ladder, folded: one line, naming the first, however many there are."""
    from pmladder.assessment.answers import ladder_mismatch

    found = [(p.file, message) for p in result.people if (message := ladder_mismatch(p.answers, kb))]
    if len(found) == 1:
        say(f"warning: {found[0][0]}: {found[0][1]}")
    elif found:
        say(f"warning: {len(found):,} files name another ladder; the first, {found[0][0]}: {found[0][1]}")


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
def _progress() -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for a long read, only when stderr is a terminal; drawn from the first file on."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("reading answers"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("read", total=None)

    def tick(done: int, total: int) -> None:
        if total <= PROGRESS_OVER:
            return
        if not progress.live.is_started:  # the first file, or the first batch when processes share the reading
            progress.start()
        progress.update(task, completed=done, total=total)

    try:
        yield tick
    finally:
        progress.stop()
