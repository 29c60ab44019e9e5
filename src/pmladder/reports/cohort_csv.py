"""The cohort as CSV: one row per person, for a spreadsheet; a header row names the columns.

Besides the summary columns there is one `gap:SKILL` column per skill in the cohort
(empty when the person's target does not require it), so a pivot table needs nothing else.
`biggest_gap` and `biggest_gap_size` are the most important gap (weight × gap) and its size;
`max_gap` is the largest gap in levels: the same three fields as the JSON report.
"""

from __future__ import annotations

import csv
import io

from pmladder.assessment.scoring import SkillScore
from pmladder.cohort.aggregate import CohortResult

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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(text: str) -> str:
    """Person-supplied text that a spreadsheet would run as a formula gets a leading quote."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def gap_cell(row: SkillScore | None) -> str:
    """A person's gap in one skill: empty when not required, '?' when not rated."""
    if row is None:
        return ""
    return "?" if row.gap is None else str(row.gap)


def cohort(result: CohortResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIXED + [f"gap:{s.skill}" for s in result.skills])
    for p in result.people:
        biggest = p.priority_gap
        writer.writerow(
            [
                safe(p.name),
                safe(p.file),
                p.target_role,
                "" if p.score.readiness is None else f"{p.score.readiness:.1f}",
                f"{p.score.coverage:.1f}",
                p.score.verdict.value,
                len(p.score.gaps),
                biggest.skill if biggest else "",
                biggest.gap if biggest else "",
                p.largest_gap,
                len(p.unrated),
                "; ".join(p.below_gate),
            ]
            + [gap_cell(p.score.find(s.skill)) for s in result.skills]
        )
    return buffer.getvalue()
