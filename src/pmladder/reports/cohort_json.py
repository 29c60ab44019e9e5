"""The cohort as JSON: a versioned contract for dashboards and scripts (never through Rich).

Keys come in a fixed order and people in file order, so the same inputs give the same
bytes; there is no timestamp. Each person, skill and workshop is one line: a diff of two
runs shows who changed, `grep` finds a person, and ten thousand people encode in C
(`json` falls back to pure Python as soon as it is asked to indent). `cohort_lines` yields
the document a line at a time, so a cohort of any size is written without ever being one
string in memory; `cohort` is those lines joined.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from pmladder.cohort.aggregate import CohortResult
from pmladder.reports.json import json_safe

_encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps with these settings, minus its per-call set-up


def _line(value: Any) -> str:
    return json_safe(_encode(value))


def dumps(body: dict[str, Any]) -> str:
    """JSON with two-space indentation down to the items of top-level lists, each on one line."""
    return "".join(document(body.items(), ()))


Listed = Iterable[tuple[str, Sequence[Any], Callable[[Any], Any]]]


def document(head: Iterable[tuple[str, Any]], listed: Listed) -> Iterator[str]:
    """The lines of `dumps` for the keys of `head` then the lists of `listed`, each item converted as it is written."""
    entries: list[tuple[str, Sequence[Any], Callable[[Any], Any] | None]] = [(k, v, None) for k, v in head]
    entries += list(listed)
    yield "{\n"
    last = len(entries) - 1
    for n, (key, value, convert) in enumerate(entries):
        comma = "" if n == last else ","
        if isinstance(value, (list, tuple)) and value:
            yield f"  {_line(key)}: [\n"
            end = len(value) - 1
            for i, item in enumerate(value):
                yield f"    {_line(item if convert is None else convert(item))}{',' if i < end else ''}\n"
            yield f"  ]{comma}\n"
        else:
            text = json_safe(json.dumps(value, ensure_ascii=False, indent=2)).replace("\n", "\n  ")
            yield f"  {_line(key)}: {text}{comma}\n"
    yield "}\n"


def cohort_lines(result: CohortResult) -> Iterator[str]:
    return document(result.head().items(), result.listed())


def cohort(result: CohortResult) -> str:
    return "".join(cohort_lines(result))
