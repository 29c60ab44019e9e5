"""Scoring: a pure function from (knowledge base, role, ratings) to a `Score`.

For the rated skills K (a rating 1-5) of the role's requirements (level r, weight w):
- gap = max(0, r - a) for a rated skill; an unrated skill has no gap: it is "to find out";
- readiness = 100 * sum_K(w * min(a, r)) / sum_K(w * r), None when nothing is rated;
- coverage = 100 * sum_K(w * r) / sum_all(w * r): how much of the role the ratings speak for;
- verdict: incomplete (coverage < 80); ready (coverage 100, no gap); nearly ready
  (readiness >= 85, no gap above 1, at most 3 gaps); else developing;
- top gaps: by w * gap, then the larger gap, then knowledge-base order; at most 5.
Every figure is one decimal, rounded half up, in exact integer arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import NamedTuple

from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.values import Role

TOP_GAPS = 5
NEARLY_READY_AT = 85
NEARLY_READY_MAX_GAPS = 3
COMPLETE_AT = 80  # coverage below this is too little to judge


class Verdict(str, Enum):
    ready = "ready"
    nearly_ready = "nearly ready"
    developing = "developing"
    incomplete = "incomplete"


class SkillScore(NamedTuple):
    """One required skill: the rating against the requirement (a tuple: a cohort makes many)."""

    skill: str
    name: str
    category: str
    rating: int | None
    required: int
    weight: int
    evidence: str | None
    gap: int | None  # max(0, required - rating); None when unrated (to find out, not a gap)

    @property
    def above(self) -> int:
        """How far the rating exceeds the requirement (a strength when positive)."""
        return max(0, (self.rating or 0) - self.required)


@dataclass(frozen=True)
class Score:
    """The result of scoring one set of ratings against one role."""

    role: str
    readiness: float | None  # one decimal, rounded half up; None when nothing is rated
    coverage: float  # the share of the role's weighted requirements that the ratings speak for
    verdict: Verdict
    skills: tuple[SkillScore, ...]
    gaps: tuple[str, ...]  # every rated skill with a gap, most important first

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
    earned = rated_weight = total_weight = 0
    for skill, req in kb.requirements(role):
        rating = ratings.get(skill.id)
        level, weight = req.level, req.weight
        total_weight += weight * level
        gap = None
        if rating is not None:
            gap = level - rating if rating < level else 0
            earned += weight * (level - gap)
            rated_weight += weight * level
        skills.append(
            SkillScore(skill.id, skill.name, skill.category, rating, level, weight, evidence.get(skill.id) or None, gap)
        )
    readiness = one_decimal(100 * earned, rated_weight) if rated_weight else None
    coverage = one_decimal(100 * rated_weight, total_weight) if total_weight else 100.0
    ranked = sorted((-s.weight * s.gap, -s.gap, i) for i, s in enumerate(skills) if s.gap)
    gaps = tuple(skills[i].skill for _, _, i in ranked)
    frozen = tuple(skills)
    return Score(role.id, readiness, coverage, _verdict(readiness, coverage, frozen, len(gaps)), frozen, gaps)


def _verdict(readiness: float | None, coverage: float, skills: tuple[SkillScore, ...], gaps: int) -> Verdict:
    if coverage < COMPLETE_AT or readiness is None:
        return Verdict.incomplete
    if coverage == 100 and gaps == 0:
        return Verdict.ready
    if readiness >= NEARLY_READY_AT and all((s.gap or 0) <= 1 for s in skills) and gaps <= NEARLY_READY_MAX_GAPS:
        return Verdict.nearly_ready
    return Verdict.developing


def one_decimal(numerator: int, denominator: int) -> float:
    """numerator / denominator to one decimal, rounded half up, in exact integer arithmetic.

    The one rounding rule for every figure pmladder reports (readiness, cohort means, shares).
    """
    tenths = (20 * numerator + denominator) // (2 * denominator)
    return tenths / 10
