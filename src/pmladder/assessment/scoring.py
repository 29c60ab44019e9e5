"""Scoring: a pure function from (knowledge base, role, ratings) to a `Score`.

readiness = 100 * sum(w * min(a, r)) / sum(w * r), unrated counting as 0;
gap = max(0, r - a); top gaps by w * gap, then gap, then knowledge-base order;
verdict: ready (no gaps), nearly ready (readiness >= 85, no gap above 1), else developing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import NamedTuple

from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.models import Role

TOP_GAPS = 5
NEARLY_READY_AT = 85


class Verdict(str, Enum):
    ready = "ready"
    nearly_ready = "nearly ready"
    developing = "developing"


class SkillScore(NamedTuple):
    """One required skill: the rating against the requirement (a tuple: a cohort makes many)."""

    skill: str
    name: str
    category: str
    rating: int | None
    required: int
    weight: int
    evidence: str | None
    gap: int  # max(0, required - rating), unrated counting as 0

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

    @cached_property
    def _by_skill(self) -> dict[str, SkillScore]:
        return {s.skill: s for s in self.skills}

    def by_skill(self, skill_id: str) -> SkillScore:
        return self._by_skill[skill_id]

    def find(self, skill_id: str) -> SkillScore | None:
        """The skill's row, or None when the role does not require it."""
        return self._by_skill.get(skill_id)


def score(
    kb: KnowledgeBase,
    role: Role,
    ratings: Mapping[str, int | None],
    evidence: Mapping[str, str] | None = None,
) -> Score:
    """Score ratings against any role; skills the ratings leave out count as unrated."""
    evidence = evidence or {}
    skills: list[SkillScore] = []
    earned = possible = 0
    for skill, req in kb.requirements(role):
        rating = ratings.get(skill.id)
        level, weight = req.level, req.weight
        had = rating or 0
        skills.append(
            SkillScore(
                skill.id,
                skill.name,
                skill.category,
                rating,
                level,
                weight,
                evidence.get(skill.id) or None,
                level - had if had < level else 0,
            )
        )
        earned += weight * (had if had < level else level)
        possible += weight * level
    readiness = one_decimal(100 * earned, possible) if possible else 100.0
    ranked = sorted(
        ((-s.weight * s.gap, -s.gap, i) for i, s in enumerate(skills) if s.gap),
    )
    gaps = tuple(skills[i].skill for _, _, i in ranked)
    frozen = tuple(skills)
    return Score(role.id, readiness, _verdict(readiness, frozen), frozen, gaps)


def _verdict(readiness: float, skills: tuple[SkillScore, ...]) -> Verdict:
    if all(s.gap == 0 for s in skills):
        return Verdict.ready
    if readiness >= NEARLY_READY_AT and all(s.gap <= 1 for s in skills):
        return Verdict.nearly_ready
    return Verdict.developing


def one_decimal(numerator: int, denominator: int) -> float:
    """numerator / denominator to one decimal, rounded half up, in exact integer arithmetic.

    The one rounding rule for every figure pmladder reports (readiness, cohort means, shares).
    """
    tenths = (20 * numerator + denominator) // (2 * denominator)
    return tenths / 10
