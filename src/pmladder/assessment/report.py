"""`Assessment`: one scored assessment as a plain value, everything a renderer shows.

Built once by `build_assessment`; it holds no live knowledge base (ids, names and the
knowledge base's version and digest instead), so it can be stored, compared and rendered
later. `to_dict()` is the documented JSON contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from pmladder.assessment.answers import Answers
from pmladder.assessment.projects import next_step
from pmladder.assessment.scoring import Score, SkillScore, score
from pmladder.errors import PmladderError
from pmladder.knowledge.base import KnowledgeBase, LadderInfo
from pmladder.knowledge.ladder import Standing, standing
from pmladder.knowledge.values import Learning, Project, Role, Salary, descriptor_text, plain

SCHEMA_VERSION = 3  # 2: coverage, standing, gap null for unrated, next steps; 3: rater, rater_name, subject


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
    """The next step for one top gap: on-the-job learning first, then projects aimed at the next level."""

    skill: str
    on_the_job: Learning | None
    projects: tuple[Project, ...]

    @property
    def hours(self) -> int:
        return sum(p.effort_hours for p in self.projects)

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "on_the_job": plain(self.on_the_job) if self.on_the_job else None,
            "projects": [plain(p, omit_none=True) for p in self.projects],
            "hours": self.hours,
        }


@dataclass(frozen=True)
class FindOut:
    """An unrated skill: what the role asks for, to compare against, and who can tell."""

    skill: str
    name: str
    required: int
    descriptor: str  # the descriptor at the required level (a list of criteria joined with '; ')


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
        return figure | ({"note": self.note} if self.note else {}) | {"source": self.source, "estimate": self.estimate}


@dataclass(frozen=True)
class Assessment:
    """A scored assessment: who, against what, the score, where they stand, what to do, the role."""

    view: ClassVar[str] = "assessment"
    kb_version: str
    kb_digest: str
    answers: Answers
    target: RoleRef
    current: RoleRef | None
    score: Score
    standing: Standing
    standing_path: tuple[RoleRef, ...]  # the standing's path, by name
    categories: tuple[CategoryRows, ...]
    suggestions: tuple[Suggestion, ...]
    to_find_out: tuple[FindOut, ...]
    next_roles: tuple[RoleRef, ...]
    day_to_day: tuple[str, ...]
    challenges: tuple[str, ...]
    salary: SalaryContext | None
    scale: tuple[str, ...]  # the scale's labels, level 1 first
    ladder: LadderInfo | None = None  # the ladder scored against, for the head of the report

    @property
    def name(self) -> str | None:
        """Whose report this is: the subject of a manager's or peer's ratings, else the name."""
        return self.answers.whose

    def label(self, level: int) -> str:
        """The scale's name for a level, e.g. 3 -> 'Independent'."""
        return self.scale[level - 1]

    def to_dict(self) -> dict[str, Any]:
        """The assessment contract (schema_version 3); keys are documented in the README."""
        result, answers = self.score, self.answers
        return {
            "schema_version": SCHEMA_VERSION,
            "kb_name": self.ladder.name if self.ladder else None,
            "kb_version": self.kb_version,
            "kb_digest": self.kb_digest,
            "name": answers.name,
            "rater": answers.rated_by,
            "rater_name": answers.rater_name,
            "subject": answers.subject,
            "current_role": self.current.id if self.current else None,
            "target_role": self.target.id,
            "assessed_on": answers.assessed_on.isoformat() if answers.assessed_on else None,
            "readiness": result.readiness,
            "coverage": result.coverage,
            "verdict": result.verdict.value,
            "standing": self.standing.to_dict(),
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
            "next_steps": [s.to_dict() for s in self.suggestions],
            "strengths": [s.skill for s in result.strengths],
            "unrated": [s.skill for s in result.unrated],
            "suggested_projects": [
                {"skill": suggestion.skill, **plain(project, omit_none=True)}
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


def unused_ratings(answers: Answers, target: Role) -> list[str]:
    """The skills rated in `answers` that `target` does not require: scoring against it leaves them out."""
    required = {req.skill for req in target.requirements}
    return [skill for skill, rating in answers.ratings.items() if rating is not None and skill not in required]


def unused_warning(file: str, role: Role, unused: list[str]) -> str:
    """One line for --role leaving ratings out, e.g. "ada.yaml: 2 ratings are not used: ..."."""
    shown = ", ".join(unused[:5]) + (f" and {len(unused) - 5:,} more" if len(unused) > 5 else "")
    count = f"{len(unused)} rating{'s' if len(unused) != 1 else ''} {'are' if len(unused) != 1 else 'is'}"
    return f"{file}: {count} not used: --role {role.id} does not require {shown}"


def build_assessment(
    kb: KnowledgeBase, answers: Answers, *, role: str | None = None, city: str | None = None
) -> Assessment:
    """Score the answers against their target role (or `role`), place them on the ladder, pick next steps."""
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
    place = standing(kb, target, answers.ratings)
    suggestions = tuple(
        Suggestion(skill_id, *next_step(kb.skill(skill_id), result.by_skill(skill_id).rating))
        for skill_id in result.top_gaps
    )
    to_find_out = tuple(
        FindOut(s.skill, s.name, s.required, descriptor_text(kb.skill(s.skill).descriptor(s.required)))
        for s in result.unrated
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
        standing=place,
        standing_path=tuple(RoleRef.of(kb.role(r)) for r in place.path),
        categories=categories,
        suggestions=suggestions,
        to_find_out=to_find_out,
        next_roles=tuple(RoleRef.of(kb.role(r)) for r in target.next_roles),
        day_to_day=tuple(target.day_to_day),
        challenges=tuple(target.challenges),
        salary=salary,
        scale=tuple(level.label for level in kb.scale),
        ladder=kb.info,
    )
