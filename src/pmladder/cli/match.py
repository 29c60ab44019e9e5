"""`pmladder match`: score one answers file against every role of the ladder."""

from __future__ import annotations

from typing import Annotated

import typer

from pmladder.cli.common import FormatOption, OutputOption, load_kb, show, warn_other_ladder


def match(
    ctx: typer.Context,
    answers_file: Annotated[
        str,
        typer.Option("--answers", "-a", metavar="FILE", help="An answers file (YAML or JSON; '-' for stdin)."),
    ],
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Which roles your ratings fit best: readiness, coverage and verdict for every role.

    Ordered by readiness, highest first (ties: the higher rank first).

    Examples:

    \b
      pmladder match --answers me.yaml
      pmladder match --answers me.yaml --format json
    """
    from pmladder import api
    from pmladder.io.files import display_name
    from pmladder.reports.formats import choose

    choose("match", format, output)  # a usage error before any file is read
    kb = load_kb(ctx)
    answers = api.read_answers(answers_file, kb)
    warn_other_ladder(display_name(answers_file), answers, kb)
    show(api.match(answers, kb), format, output)
