"""Constrained field types shared by the files' models (`knowledge.models`) and answers files.

Kept apart so that reading answers builds no model of the ladder's own files.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="A kebab-case identifier, e.g. 'head-of-product'."),
]


def _shown_as_written(text: str) -> str:
    """Knowledge-base text is printed to terminals as written, so it may hold no control character."""
    if not text.isprintable():
        bad = next((c for c in text if not c.isprintable() and c != "\n"), None)
        if bad is not None:
            raise ValueError(f"contains a control or invisible character (U+{ord(bad):04X}); remove it")
    return text


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_shown_as_written)]


class ScaleBound:
    """Marks a whole number that the ladder's scale bounds (a level, a rating): messages give the
    scale's top level rather than MAX_LEVELS when the scale is known (see `io.validation`)."""

    scale_bound = True


SCALE_BOUND = ScaleBound()
