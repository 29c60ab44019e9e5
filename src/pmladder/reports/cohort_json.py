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

from pmladder.assessment.scoring import SkillScore
from pmladder.cohort.aggregate import CohortResult, Person
from pmladder.reports.json import json_safe

_encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps with these settings, minus its per-call set-up
_string = json.encoder.encode_basestring  # what that encoder writes a string with (C when available)


class Encoded(str):
    """JSON text already encoded, written as it is."""


def _line(value: Any) -> str:
    return json_safe(value if isinstance(value, Encoded) else _encode(value))


def _scalar(value: str | float | None) -> str:
    """One value as `json.dumps` writes it."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return _string(value)
    return _encode(value)


def _strings(values: Sequence[str]) -> str:
    return "[" + ", ".join([_string(v) for v in values]) + "]"


class _Gaps:
    """Each gap's JSON object, encoded once per kind: a cohort has a few hundred kinds and thousands of people."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, int | None, int, int, int | None], str] = {}

    def __call__(self, s: SkillScore) -> str:
        key = (s.skill, s.rating, s.required, s.weight, s.gap)
        text = self.seen.get(key)
        if text is None:
            body = {"skill": s.skill, "rating": s.rating, "required": s.required, "weight": s.weight, "gap": s.gap}
            text = self.seen[key] = _encode(body)
        return text


def person_line(gap: _Gaps) -> Callable[[Person], Encoded]:
    """`Person.to_dict` encoded, without building the dict: the cohort's longest list, a person a line.

    The same text as `json.dumps(person.to_dict(), ensure_ascii=False)`, key for key (a test
    holds the two together on hostile names); about twice as fast.
    """

    def line(p: Person) -> Encoded:
        score, biggest = p.score, p.priority_gap
        rows = {s.skill: s for s in score.skills if s.gap}
        parts = [
            '{"name": ',
            _string(p.name),
            ', "file": ',
            _string(p.file),
            ', "current_role": ',
            _scalar(p.answers.current_role),
            ', "target_role": ',
            _string(p.target_role),
            ', "readiness": ',
            _scalar(score.readiness),
            ', "coverage": ',
            _scalar(score.coverage),
            ', "verdict": ',
            _string(score.verdict.value),
            ', "gaps": [',
            ", ".join([gap(rows[skill_id]) for skill_id in score.gaps]),
            '], "biggest_gap": ',
            _scalar(biggest.skill if biggest else None),
            ', "biggest_gap_size": ',
            _scalar(biggest.gap if biggest else None),
            ', "max_gap": ',
            _scalar(p.largest_gap),
            ', "unrated": ',
            _strings(p.unrated),
            ', "below_gate": ',
            _strings(p.below_gate),
            ', "raters": ',
            _scalar(p.raters),
            "}",
        ]
        return Encoded("".join(parts))

    return line


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
    fast = person_line(_Gaps())
    listed = [(key, items, fast if convert is Person.to_dict else convert) for key, items, convert in result.listed()]
    return document(result.head().items(), listed)


def cohort(result: CohortResult) -> str:
    return "".join(cohort_lines(result))
