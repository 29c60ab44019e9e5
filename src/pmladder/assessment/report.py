"""`Assessment`: one scored assessment as a plain value, everything a renderer shows.

Built once by `assess()`; it holds no live knowledge base (ids, names and the knowledge
base's version and digest instead), so it can be stored, compared and rendered later.
`to_dict()` is the documented JSON contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pmladder.assessment.answers import Answers
from pmladder.assessment.projects import projects_for
from pmladder.assessment.scoring import Score, SkillScore, score
from pmladder.errors import PmladderError
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.models import Project, Role, Salary

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class RoleRef:
    """A role by id and name: what a report needs of a role it mentions."""

    id: str
    name: str

    @classmethod
    def of(cls, role: Role) -> RoleRef:
        return cls(role.id, role.name)


@dataclass(frozen=True)
class Suggestion:
    """What to do about one top gap: projects aimed at the level the person must reach next."""

    skill: str
    projects: tuple[Project, ...]


@dataclass(frozen=True)
class CategoryRows:
    """One category's rows of the skills table, in knowledge-base order."""

    id: str
    name: str
    skills: tuple[SkillScore, ...]


@dataclass(frozen=True)
class SalaryContext:
    """One city's median for the target role, with where it comes from."""

    city: str
    country: str
    median: int
    currency: str
    note: str | None
    source: str
    table_note: str | None
    estimate: bool

    def to_dict(self) -> dict[str, Any]:
        figure = {"city": self.city, "country": self.country, "median": self.median, "currency": self.currency}
        return figure | ({"note": self.note} if self.note else {})


@dataclass(frozen=True)
class Assessment:
    """A scored assessment: who, against what, the score, what to do, and the role's profile."""

    view: ClassVar[str] = "assessment"
    kb_version: str
    kb_digest: str
    answers: Answers
    target: RoleRef
    current: RoleRef | None
    score: Score
    categories: tuple[CategoryRows, ...]
    suggestions: tuple[Suggestion, ...]
    next_roles: tuple[RoleRef, ...]
    day_to_day: tuple[str, ...]
    challenges: tuple[str, ...]
    salary: SalaryContext | None
    scale: tuple[str, ...]  # the scale's labels, level 1 first

    @property
    def name(self) -> str | None:
        return self.answers.name

    def label(self, level: int) -> str:
        """The scale's name for a level, e.g. 3 -> 'Independent'."""
        return self.scale[level - 1]

    def to_dict(self) -> dict[str, Any]:
        """The assessment contract (schema_version 1); keys are documented in the README."""
        result, answers = self.score, self.answers
        return {
            "schema_version": SCHEMA_VERSION,
            "kb_version": self.kb_version,
            "kb_digest": self.kb_digest,
            "name": answers.name,
            "current_role": self.current.id if self.current else None,
            "target_role": self.target.id,
            "assessed_on": answers.assessed_on.isoformat() if answers.assessed_on else None,
            "readiness": result.readiness,
            "verdict": result.verdict.value,
            "skills": [
                {
                    "skill": s.skill,
                    "name": s.name,
                    "category": s.category,
                    "rating": s.rating,
                    "required": s.required,
                    "weight": s.weight,
                    "gap": s.gap,
                    "evidence": s.evidence,
                }
                for s in result.skills
            ],
            "top_gaps": list(result.top_gaps),
            "strengths": [s.skill for s in result.strengths],
            "unrated": [s.skill for s in result.unrated],
            "suggested_projects": [
                {"skill": suggestion.skill, **project.model_dump(mode="json")}
                for suggestion in self.suggestions
                for project in suggestion.projects
            ],
            "next_roles": [r.id for r in self.next_roles],
            "salary": self.salary.to_dict() if self.salary else None,
        }


def resolve_target(answers: Answers, kb: KnowledgeBase, role: str | None = None) -> Role:
    """The role the answers are scored against: `role` (--role) when given, else the file's.

    The one place the --role override is decided, for `assess` and `cohort` alike.
    """
    chosen = role if role is not None else answers.target_role
    if chosen is None:
        raise PmladderError("no target role: set target_role in the answers file, or pass --role ID")
    return kb.role(chosen)


def build_assessment(
    kb: KnowledgeBase, answers: Answers, *, role: str | None = None, city: str | None = None
) -> Assessment:
    """Score the answers against their target role (or `role`) and pick what to do about the top gaps."""
    target = resolve_target(answers, kb, role)
    current = kb.role(answers.current_role) if answers.current_role else None
    if city is not None:  # --city: the rule of every command (an error when the role has no such figure)
        figure: Salary | None = kb.salaries(target, city)[0]
        answers = answers.model_copy(update={"city": city})
    else:  # a file's city is where the person works: context, shown when the role has a figure for it
        figure = kb.find_city(target, answers.city) if answers.city else None
    if role is not None:
        answers = answers.model_copy(update={"target_role": target.id})
    result = score(kb, target, answers.ratings, answers.evidence)
    suggestions = tuple(
        Suggestion(skill_id, tuple(projects_for(kb.skill(skill_id), result.by_skill(skill_id).rating)))
        for skill_id in result.top_gaps
    )
    salary = None
    if figure is not None and target.salaries:
        table = target.salaries
        salary = SalaryContext(
            figure.city,
            figure.country,
            figure.median,
            figure.currency,
            figure.note,
            table.source,
            table.note,
            table.estimate,
        )
    categories = tuple(
        CategoryRows(c.id, c.name, rows)
        for c in kb.categories
        if (rows := tuple(s for s in result.skills if s.category == c.id))
    )
    return Assessment(
        kb_version=kb.version,
        kb_digest=kb.digest,
        answers=answers,
        target=RoleRef.of(target),
        current=RoleRef.of(current) if current else None,
        score=result,
        categories=categories,
        suggestions=suggestions,
        next_roles=tuple(RoleRef.of(kb.role(r)) for r in target.next_roles),
        day_to_day=tuple(target.day_to_day),
        challenges=tuple(target.challenges),
        salary=salary,
        scale=tuple(level.label for level in kb.scale),
    )
