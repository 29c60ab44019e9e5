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
    for stream in (sys.stdout, sys.stderr):
        # a terminal or file that is not UTF-8 gets '?' for what it cannot show, never a traceback
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(version_line() + "\n")
        return
    from pmladder.cli.app import app

    app()
