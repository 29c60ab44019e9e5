"""The console-script entry point.

`pmladder --version` is answered before typer is imported: scripts and package managers call
it often, and it needs none of the CLI.
"""

from __future__ import annotations

import sys


def version_line() -> str:
    from pmladder import __version__

    return f"pmladder {__version__}"


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(version_line() + "\n")
        return
    from pmladder.cli.app import app

    app()
