"""The last step before a Rich renderable reaches a terminal or a file: every segment made visible.

Names, evidence and file names come from people and files. Rather than trusting every
renderer to remember every field, the text of every segment Rich lays out goes through the
one sanitiser (`io.sanitize.visible`); Rich's own colours are not in segment text, so they
are untouched. Layout happens first, so a cell holding an escape may be a few columns wider
than its neighbours: a fair price for never emitting one.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment

from pmladder.io.sanitize import visible


class Shown:
    """A renderable whose text is shown, never acted on, by the terminal."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        for segment in console.render(self.inner, options):
            if segment.control or segment.text.isprintable():
                yield segment
            else:
                yield Segment(visible(segment.text, newlines=True), segment.style)
