"""`pmladder cohort`: score a folder of answers files (placeholder, being written)."""

from __future__ import annotations

import typer


def cohort(ctx: typer.Context) -> None:
    """Score a whole cohort of answers files."""
    raise typer.Exit(2)
