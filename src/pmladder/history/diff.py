"""`pmladder diff`: what changed between two assessments scored against the same role. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pmladder.assessment.report import Assessment, RoleRef
from pmladder.errors import PmladderError
from pmladder.history.views import change

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Side:
    """One side of a diff: where it came from and what it concluded."""

    source: str  # a file name, or 'history #3'
    name: str | None
    assessed_on: str | None
    verdict: str
    standing: RoleRef | None  # the highest role whose whole bar the ratings meet

    @classmethod
    def of(cls, source: str, report: Assessment) -> Side:
        on = report.answers.assessed_on
        meets = report.standing_path[0] if report.standing.meets is not None and report.standing_path else None
        return cls(source, report.answers.whose, on.isoformat() if on else None, report.score.verdict.value, meets)

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "name": self.name, "assessed_on": self.assessed_on}


@dataclass(frozen=True)
class Figure:
    """A figure before and after, and the change (None when either side has none)."""

    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        return change(self.before, self.after)

    def to_dict(self) -> dict[str, Any]:
        return {"before": self.before, "after": self.after, "change": self.change}


@dataclass(frozen=True)
class SkillChange:
    """One skill the role requires: the rating and the gap on each side."""

    skill: str
    name: str
    category: str
    category_name: str
    required: int
    weight: int
    before: int | None
    after: int | None
    gap_before: int | None
    gap_after: int | None

    @property
    def change(self) -> int | None:
        """after - before; None when either side is unrated ('not sure yet')."""
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "required": self.required,
            "before": self.before,
            "after": self.after,
            "change": self.change,
        }


@dataclass(frozen=True)
class EvidenceAdded:
    skill: str
    name: str
    evidence: str


@dataclass(frozen=True)
class Diff:
    """Two assessments of the same target role compared: figures, skills, gaps, standing, evidence."""

    view: ClassVar[str] = "diff"
    kb_version: str
    target: RoleRef
    role_chosen: bool  # True: --role chose the target; False: the second assessment's target role
    before: Side
    after: Side
    readiness: Figure
    coverage: Figure
    skills: tuple[SkillChange, ...]
    closed_gaps: tuple[str, ...]  # rated with a gap before, at or above the bar after
    new_gaps: tuple[str, ...]  # a gap after that was not there before (met, or not rated)
    evidence_added: tuple[EvidenceAdded, ...]
    levels: int = 5  # the size of the ladder's scale, for the radar's rings

    @property
    def changed(self) -> bool:
        """Whether anything differs at all."""
        return (
            any(s.changed for s in self.skills)
            or self.readiness.before != self.readiness.after
            or self.coverage.before != self.coverage.after
            or bool(self.closed_gaps or self.new_gaps or self.evidence_added)
            or self.before.verdict != self.after.verdict
            or self.before.standing != self.after.standing
        )

    def name_of(self, skill_id: str) -> str:
        return next(s.name for s in self.skills if s.skill == skill_id)

    def to_dict(self) -> dict[str, Any]:
        """The diff contract (schema_version 1); keys are documented in the README."""

        def standing(side: Side) -> str | None:
            return side.standing.id if side.standing else None

        return {
            "schema_version": SCHEMA_VERSION,
            "kb_version": self.kb_version,
            "target_role": self.target.id,
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "readiness": self.readiness.to_dict(),
            "coverage": self.coverage.to_dict(),
            "verdict": {"before": self.before.verdict, "after": self.after.verdict},
            "standing": {"before": standing(self.before), "after": standing(self.after)},
            "skills": [s.to_dict() for s in self.skills],
            "closed_gaps": list(self.closed_gaps),
            "new_gaps": list(self.new_gaps),
            "evidence_added": [{"skill": e.skill, "evidence": e.evidence} for e in self.evidence_added],
        }


def compare(before: Assessment, after: Assessment, *, sources: tuple[str, str], role_chosen: bool = False) -> Diff:
    """Compare two assessments scored against the same role with the same knowledge base."""
    if before.target.id != after.target.id:
        raise PmladderError(
            f"cannot compare an assessment for '{before.target.id}' with one for '{after.target.id}':"
            " score both against one role"
        )
    if before.kb_digest != after.kb_digest:
        raise PmladderError("cannot compare assessments scored with different knowledge bases")
    earlier = {s.skill: s for s in before.score.skills}
    categories = {c.id: c.name for c in after.categories}
    skills = []
    closed, opened, evidence = [], [], []
    for now in after.score.skills:
        then = earlier[now.skill]
        skills.append(
            SkillChange(
                now.skill,
                now.name,
                now.category,
                categories.get(now.category, now.category),
                now.required,
                now.weight,
                then.rating,
                now.rating,
                then.gap,
                now.gap,
            )
        )
        if then.gap and now.gap == 0:
            closed.append(now.skill)
        if now.gap and not then.gap:
            opened.append(now.skill)
        if now.evidence and now.evidence != then.evidence:
            evidence.append(EvidenceAdded(now.skill, now.name, now.evidence))
    return Diff(
        kb_version=after.kb_version,
        target=after.target,
        role_chosen=role_chosen,
        before=Side.of(sources[0], before),
        after=Side.of(sources[1], after),
        readiness=Figure(before.score.readiness, after.score.readiness),
        coverage=Figure(before.score.coverage, after.score.coverage),
        skills=tuple(skills),
        closed_gaps=tuple(closed),
        new_gaps=tuple(opened),
        evidence_added=tuple(evidence),
        levels=len(after.scale),
    )
