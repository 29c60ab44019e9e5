"""`pmladder match`: the same ratings against every role of the ladder, best fit first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pmladder.assessment.answers import Answers
from pmladder.assessment.scoring import score
from pmladder.knowledge.base import KnowledgeBase


@dataclass(frozen=True)
class RoleFit:
    """One role scored against the ratings."""

    role: str
    name: str
    rank: int
    readiness: float | None
    coverage: float
    verdict: str
    gaps: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "name": self.name,
            "rank": self.rank,
            "readiness": self.readiness,
            "coverage": self.coverage,
            "verdict": self.verdict,
            "gaps": self.gaps,
        }


@dataclass(frozen=True)
class Match:
    """Every role, ordered by readiness (highest first; ties: the higher rank first; nothing rated last)."""

    view: ClassVar[str] = "match"
    kb_version: str
    name: str | None  # the person rated
    roles: tuple[RoleFit, ...]
    rater: str = "self"  # who gave the ratings (self, manager, peer, other): how the heading is worded
    rater_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": 1, "kb_version": self.kb_version, "roles": [r.to_dict() for r in self.roles]}


def match(kb: KnowledgeBase, answers: Answers) -> Match:
    fits = []
    for role in kb.roles:
        result = score(kb, role, answers.ratings, answers.evidence)
        fits.append(
            RoleFit(
                role.id, role.name, role.rank, result.readiness, result.coverage, result.verdict.value, len(result.gaps)
            )
        )
    order = sorted(
        range(len(fits)),
        key=lambda i: (fits[i].readiness is None, -(fits[i].readiness or 0), -fits[i].rank, i),
    )
    return Match(kb.version, answers.whose, tuple(fits[i] for i in order), answers.rated_by, answers.rater_name)
