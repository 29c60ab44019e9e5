"""`pmladder template`: an answers file to fill in with an editor (placeholder, being written)."""

from __future__ import annotations

import typer


def template(ctx: typer.Context) -> None:
    """Write an answers file for a role."""
    raise typer.Exit(2)
