"""`pmladder plan`: turn the top gaps into a dated quarter, as a checklist or a calendar."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from pmladder.cli.common import FormatOption, OutputOption, load_kb, show, warn_other_ladder
from pmladder.errors import PmladderError


def plan(
    ctx: typer.Context,
    answers_file: Annotated[
        str, typer.Option("--answers", "-a", metavar="FILE", help="Your answers file (YAML or JSON; '-' for stdin).")
    ],
    compare: Annotated[
        list[str] | None,
        typer.Option(
            "--compare",
            metavar="FILE",
            help="A manager's or peer's file about you (repeat): plan from the combined view.",
        ),
    ] = None,
    role: Annotated[
        str | None, typer.Option("--role", "-r", metavar="ID", help="Target role; overrides the file's.")
    ] = None,
    hours_per_week: Annotated[
        int, typer.Option("--hours-per-week", metavar="H", help="Hours a week for the plan.")
    ] = 4,
    weeks: Annotated[int, typer.Option("--weeks", metavar="W", help="How many weeks the plan runs.")] = 12,
    start: Annotated[
        str | None, typer.Option("--start", metavar="DATE", help="First day, YYYY-MM-DD (default: next Monday).")
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """A dated plan for your top gaps, within an hours budget: a checklist or a calendar.

    Each top gap, most important first, gets the one step that moves it a level (a
    project at work before one outside it, with what to practise on the job
    alongside), scheduled week by week; what does not fit is listed under 'later'.
    A check-in with your manager falls at the midpoint and a re-assessment at the end.

    Examples:

      \b
      pmladder plan --answers me.yaml
      pmladder plan --answers me.yaml --hours-per-week 3 --weeks 13 --start 2027-01-04
      pmladder plan --answers me.yaml --compare manager.yaml -o plan.ics
      pmladder plan --answers me.yaml --format markdown -o plan.md
    """
    from pmladder import api
    from pmladder.io.files import display_name

    first = None
    if start is not None:
        try:
            first = dt.date.fromisoformat(start.strip())
        except ValueError:
            raise PmladderError(f"--start {start!r}: expected a date like 2027-01-04") from None
    from pmladder.reports.formats import choose

    choose("plan", format, output)  # a usage error before any file is read
    kb = load_kb(ctx)
    answers = api.read_answers(answers_file, kb)
    warn_other_ladder(display_name(answers_file), answers, kb)
    value = api.plan(
        answers, kb, others=compare or [], role=role, start=first, hours_per_week=hours_per_week, weeks=weeks
    )
    show(value, format, output)
