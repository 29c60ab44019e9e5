"""`pmladder history` and `history show`: the list of stored assessments, and a report as it was stored."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pmladder.history.store import Entry
from pmladder.knowledge.base import KnowledgeBase

SCHEMA_VERSION = 1


def change(before: float | None, after: float | None) -> float | None:
    """after - before in exact tenths (figures have one decimal); None when either is missing."""
    if before is None or after is None:
        return None
    return (round(after * 10) - round(before * 10)) / 10


Series = tuple[str, str, str, str, str]


def series(entry: Entry) -> Series:
    """Assessments of one person (by name, ignoring case) toward one target by one rater, on one ladder."""
    return (
        entry.ladder,
        (entry.name or "").casefold(),
        entry.target_role,
        entry.rater,
        (entry.rater_name or "").casefold(),
    )


@dataclass(frozen=True)
class HistoryRow:
    """One stored assessment as listed, with the change since the previous one of its series."""

    id: int
    taken_at: str
    name: str | None
    rater: str
    rater_name: str | None
    current_role: str | None
    target_role: str
    target_name: str  # the role's name in the ladder in use, else its id
    readiness: float | None
    coverage: float
    verdict: str
    change: float | None  # readiness since the previous assessment of the same person and target
    ladder: str
    kb_version: str

    @property
    def date(self) -> str:
        return self.taken_at[:10]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "taken_at": self.taken_at,
            "name": self.name,
            "rater": self.rater,
            "rater_name": self.rater_name,
            "current_role": self.current_role,
            "target_role": self.target_role,
            "readiness": self.readiness,
            "coverage": self.coverage,
            "verdict": self.verdict,
            "change": self.change,
            "ladder": self.ladder,
            "kb_version": self.kb_version,
        }


@dataclass(frozen=True)
class HistoryView:
    """`pmladder history`: stored assessments, oldest first; one ladder's, or every ladder's (`ladder` None)."""

    view: ClassVar[str] = "history"
    rows: tuple[HistoryRow, ...]
    ladder: str | None
    database: str

    def to_dict(self) -> dict[str, Any]:
        """{"schema_version": 1, "ladder", "assessments": [{"id", "taken_at", "name", "target_role", ...}]}."""
        return {
            "schema_version": SCHEMA_VERSION,
            "ladder": self.ladder,
            "assessments": [row.to_dict() for row in self.rows],
        }


def history_view(
    entries: Sequence[Entry], kb: KnowledgeBase, *, in_use: str, all_ladders: bool, database: str
) -> HistoryView:
    """The list of `entries` (oldest first), each with the change since the previous of its series.

    `in_use` is the ladder in use (see `records.ladder_of`): its roles are named, others' shown by id.
    """
    last: dict[Series, float | None] = {}
    rows = []
    for entry in entries:
        key = series(entry)
        previous = last.get(key)
        role = kb.find_role(entry.target_role) if entry.ladder == in_use else None
        rows.append(
            HistoryRow(
                id=entry.id,
                taken_at=entry.taken_at,
                name=entry.name,
                rater=entry.rater,
                rater_name=entry.rater_name,
                current_role=entry.current_role,
                target_role=entry.target_role,
                target_name=role.name if role else entry.target_role,
                readiness=entry.readiness,
                coverage=entry.coverage,
                verdict=entry.verdict,
                change=change(previous, entry.readiness) if key in last else None,
                ladder=entry.ladder,
                kb_version=entry.kb_version,
            )
        )
        last[key] = entry.readiness
    return HistoryView(tuple(rows), None if all_ladders else in_use, database)


@dataclass(frozen=True)
class StoredSkill:
    """One skill's row of a stored report."""

    skill: str
    name: str
    rating: int | None
    required: int | None
    weight: int | None
    gap: int | None
    evidence: str | None


@dataclass(frozen=True)
class StoredReport:
    """`history show ID` when the ladder has changed since: the report exactly as it was stored.

    Re-scoring needs the same ladder (same digest); otherwise the stored contract is shown,
    with the ladder it was scored with. The figures come from the row's columns; the skills
    from the stored report, read leniently (an older pmladder may have stored fewer keys).
    """

    view: ClassVar[str] = "stored"
    id: int
    taken_at: str
    name: str | None
    rater: str
    current_role: str | None
    target_role: str
    readiness: float | None
    coverage: float
    verdict: str
    standing: str | None
    kb_version: str
    kb_digest: str
    skills: tuple[StoredSkill, ...]
    top_gaps: tuple[str, ...]
    report: dict[str, Any]  # Assessment.to_dict() as stored
    kb_version_in_use: str
    kb_digest_in_use: str
    scale: int | None = None  # the size of its ladder's scale, when it was kept (history version 3 on)
    rater_name: str | None = None  # who rated, when someone other than the person did

    def to_dict(self) -> dict[str, Any]:
        return self.report

    @property
    def levels(self) -> int:
        """How many levels to draw: the scale it was scored on; for an assessment kept before that was
        recorded, five (the bundled ladder's) or more when a stored value needs it."""
        if self.scale is not None:
            return self.scale
        return max([5, *(v for s in self.skills for v in (s.rating, s.required) if v is not None)])


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def stored_report(entry: Entry, kb: KnowledgeBase) -> StoredReport:
    """The stored report of `entry`, for a ladder in use (`kb`) that is not the one it was scored with."""
    raw_skills = entry.report.get("skills")
    skills = tuple(
        StoredSkill(
            str(s["skill"]),
            _text(s.get("name")) or str(s["skill"]),
            _int(s.get("rating")),
            _int(s.get("required")),
            _int(s.get("weight")),
            _int(s.get("gap")),
            _text(s.get("evidence")),
        )
        for s in (raw_skills if isinstance(raw_skills, list) else [])
        if isinstance(s, dict) and "skill" in s
    )
    gaps = entry.report.get("top_gaps")
    return StoredReport(
        id=entry.id,
        taken_at=entry.taken_at,
        name=entry.name,
        rater=entry.rater,
        current_role=entry.current_role,
        target_role=entry.target_role,
        readiness=entry.readiness,
        coverage=entry.coverage,
        verdict=entry.verdict,
        standing=entry.standing,
        kb_version=entry.kb_version,
        kb_digest=entry.kb_digest,
        skills=skills,
        top_gaps=tuple(str(g) for g in gaps) if isinstance(gaps, list) else (),
        report=entry.report,
        kb_version_in_use=kb.version,
        kb_digest_in_use=kb.digest,
        scale=entry.levels,
        rater_name=entry.rater_name,
    )
