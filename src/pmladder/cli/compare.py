"""`pmladder compare`: a self-assessment beside a manager's and peers' ratings of the same person."""

from __future__ import annotations

from typing import Annotated

import typer

from pmladder.cli.common import FormatOption, OutputOption, load_kb, say, show


def compare(
    ctx: typer.Context,
    own: Annotated[str, typer.Argument(metavar="SELF", help="The person's own answers file.", show_default=False)],
    others: Annotated[
        list[str],
        typer.Argument(
            metavar="OTHER...",
            help="Answers files, folders or quoted globs about the same person from a manager, peers or others.",
            show_default=False,
        ),
    ],
    role: Annotated[
        str | None, typer.Option("--role", "-r", metavar="ID", help="Target role; overrides the self file's.")
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
) -> None:
    """Where you and the people you work with see your skills differently.

    Per skill: your rating, your manager's, your peers' mean (only where at least 3
    peers rated it, so no single peer can be identified) and the difference; blind
    spots (you at least 2 above the others), hidden strengths (2 below), how often
    you agree, and readiness under your view, theirs and the combined one.

    Examples:

      \b
      pmladder compare me.yaml manager.yaml
      pmladder compare me.yaml manager.yaml peers/ --format markdown -o 1on1.md
      pmladder template --role head-of-product --rater peer --subject "Ada Example" -o ask-bo.yaml
    """
    from pmladder import api
    from pmladder.reports.formats import choose

    choose("comparison", format, output)  # a usage error before any file is read
    kb = load_kb(ctx)
    comparison = api.compare(own, others, kb, role=role)
    for line in comparison.other_ladders:
        say(f"warning: {line}")
    show(comparison, format, output)
