"""Scoring: a pure function from (knowledge base, role, ratings) to a `Score`.

readiness = 100 * sum(w * min(a, r)) / sum(w * r), unrated counting as 0;
gap = max(0, r - a); top gaps by w * gap, then gap, then knowledge-base order;
verdict: ready (no gaps), nearly ready (readiness >= 85, no gap above 1), else developing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from fractions import Fraction

from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.models import Role

TOP_GAPS = 5
NEARLY_READY_AT = 85


class Verdict(str, Enum):
    ready = "ready"
    nearly_ready = "nearly ready"
    developing = "developing"


@dataclass(frozen=True)
class SkillScore:
    """One required skill: the rating against the requirement."""

    skill: str
    name: str
    category: str
    rating: int | None
    required: int
    weight: int
    evidence: str | None = None

    @property
    def gap(self) -> int:
        return max(0, self.required - (self.rating or 0))

    @property
    def weighted_gap(self) -> int:
        return self.weight * self.gap

    @property
    def above(self) -> int:
        """How far the rating exceeds the requirement (a strength when positive)."""
        return max(0, (self.rating or 0) - self.required)


@dataclass(frozen=True)
class Score:
    """The result of scoring one set of ratings against one role."""

    role: str
    readiness: float  # one decimal, rounded half up; gates and verdicts use this value
    verdict: Verdict
    skills: tuple[SkillScore, ...]
    gaps: tuple[str, ...]  # every skill with a gap, most important first

    @property
    def top_gaps(self) -> tuple[str, ...]:
        return self.gaps[:TOP_GAPS]

    @property
    def strengths(self) -> tuple[SkillScore, ...]:
        return tuple(s for s in self.skills if s.above > 0)

    @property
    def unrated(self) -> tuple[SkillScore, ...]:
        return tuple(s for s in self.skills if s.rating is None)

    @property
    def max_gap(self) -> int:
        return max((s.gap for s in self.skills), default=0)

    def by_skill(self, skill_id: str) -> SkillScore:
        return next(s for s in self.skills if s.skill == skill_id)


def score(
    kb: KnowledgeBase,
    role: Role,
    ratings: Mapping[str, int | None],
    evidence: Mapping[str, str] | None = None,
) -> Score:
    """Score ratings against any role; skills the ratings leave out count as unrated."""
    evidence = evidence or {}
    skills = tuple(
        SkillScore(
            skill=skill.id,
            name=skill.name,
            category=skill.category,
            rating=ratings.get(skill.id),
            required=req.level,
            weight=req.weight,
            evidence=evidence.get(skill.id) or None,
        )
        for skill, req in kb.requirements(role)
    )
    earned = sum(s.weight * min(s.rating or 0, s.required) for s in skills)
    possible = sum(s.weight * s.required for s in skills)
    readiness = _one_decimal(Fraction(100 * earned, possible)) if possible else 100.0
    order = {s.skill: i for i, s in enumerate(skills)}
    gaps = tuple(
        s.skill
        for s in sorted((s for s in skills if s.gap > 0), key=lambda s: (-s.weighted_gap, -s.gap, order[s.skill]))
    )
    return Score(role.id, readiness, _verdict(readiness, skills), skills, gaps)


def _verdict(readiness: float, skills: tuple[SkillScore, ...]) -> Verdict:
    if all(s.gap == 0 for s in skills):
        return Verdict.ready
    if readiness >= NEARLY_READY_AT and all(s.gap <= 1 for s in skills):
        return Verdict.nearly_ready
    return Verdict.developing


def _one_decimal(value: Fraction) -> float:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
