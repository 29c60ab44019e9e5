"""The cohort as CSV: one row per person, for a spreadsheet; a header row names the columns.

Besides the summary columns there is one `gap:SKILL` column per skill in the cohort
(empty when the person's target does not require it), so a pivot table needs nothing else.
`biggest_gap` and `biggest_gap_size` are the most important gap (weight × gap) and its size;
`max_gap` is the largest gap in levels: the same three fields as the JSON report.

Text from people (names, file names) is made safe for a spreadsheet: control characters
are shown escaped (`visible`), so a carriage return can never start a new row, a field is
quoted when it holds a quote, comma, CR or LF (the csv module's QUOTE_MINIMAL does not quote
a lone CR when the line ends with LF), and a field a spreadsheet would run as a formula gets
a leading quote.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pmladder.assessment.scoring import SkillScore
from pmladder.cohort.aggregate import CohortResult
from pmladder.io.sanitize import visible

FIXED = [
    "name",
    "file",
    "target_role",
    "readiness",
    "coverage",
    "verdict",
    "gaps",
    "biggest_gap",
    "biggest_gap_size",
    "max_gap",
    "unrated",
    "below_gate",
]
# What starts a formula in Excel, LibreOffice or Google Sheets, fullwidth forms included.
_FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
_NEEDS_QUOTES = frozenset('",\r\n')


def safe(text: str) -> str:
    """Person-supplied text for a cell: never a formula, never a control character.

    The formula check looks at the first character after leading whitespace and control
    characters, which a spreadsheet skips: `' =1+1'`, `'\\t=1'` and `'\\r=cmd'` are all guarded.
    """
    start = next((c for c in text if not (c.isspace() or not c.isprintable())), "")
    return visible(("'" + text) if start in _FORMULA_START and start else text)


def _field(value: object) -> str:
    text = str(value)
    if _NEEDS_QUOTES.intersection(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _row(values: Sequence[object]) -> str:
    return ",".join(_field(v) for v in values) + "\n"


def gap_cell(row: SkillScore | None) -> str:
    """A person's gap in one skill: empty when not required, '?' when not rated."""
    if row is None:
        return ""
    return "?" if row.gap is None else str(row.gap)


def cohort_lines(result: CohortResult) -> Iterator[str]:
    """The header row, then one row per person, each as it is written."""
    yield _row([*FIXED, *(f"gap:{s.skill}" for s in result.skills)])
    skill_ids = [s.skill for s in result.skills]
    for p in result.people:
        biggest = p.priority_gap
        rows = {s.skill: s for s in p.score.skills}  # not `find`: its cache would stay on every person
        yield _row(
            [
                safe(p.name),
                safe(p.file),
                safe(p.target_role),
                "" if p.score.readiness is None else f"{p.score.readiness:.1f}",
                f"{p.score.coverage:.1f}",
                p.score.verdict.value,
                len(p.score.gaps),
                safe(biggest.skill) if biggest else "",
                biggest.gap if biggest else "",
                p.largest_gap,
                len(p.unrated),
                safe("; ".join(p.below_gate)),
            ]
            + [gap_cell(rows.get(skill_id)) for skill_id in skill_ids]
        )


def cohort(result: CohortResult) -> str:
    return "".join(cohort_lines(result))
