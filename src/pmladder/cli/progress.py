"""`pmladder progress`: readiness over time for one person and target, and which skills held the bar."""

from __future__ import annotations

from typing import Annotated

import typer

from pmladder.cli.common import FormatOption, OutputOption, load_kb, show


def progress(
    ctx: typer.Context,
    role: Annotated[str | None, typer.Option("--role", "-r", metavar="ID", help="The target role to follow.")] = None,
    name: Annotated[str | None, typer.Option("--name", metavar="NAME", help="Whose assessments to follow.")] = None,
    rater: Annotated[
        str | None,
        typer.Option("--rater", metavar="WHO", help="Whose ratings to follow: self, manager, peer, other, or a name."),
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Readiness over time toward one target, each skill's ratings, and which skills held the bar.

    A sparkline of readiness per assessment, each required skill's ratings over
    time, and for each how many assessments in a row it has been at or above the
    bar, and since when: promotion readiness is sustained performance, not one
    snapshot. When your history holds several people, targets or raters,
    say which with --name, --role and --rater.

    Examples:

    \b
      pmladder progress
      pmladder progress --role head-of-product --name Ada
      pmladder progress --format markdown -o progress.md
    """
    from pmladder import api
    from pmladder.reports.formats import choose

    choose("progress", format, output)
    show(api.progress(load_kb(ctx), role=role, name=name, rater=rater), format, output)
