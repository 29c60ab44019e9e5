"""`GapReport`: everything a renderer needs to show one assessment, computed once."""

from __future__ import annotations

from dataclasses import dataclass

from pmladder.assessment.answers import Answers
from pmladder.assessment.projects import projects_for
from pmladder.assessment.scoring import Score, score
from pmladder.errors import PmladderError
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.models import Project, Role, Salary


@dataclass(frozen=True)
class Suggestion:
    """Self-guided projects for one top gap, aimed at the level the person must reach next."""

    skill: str
    projects: tuple[Project, ...]


@dataclass(frozen=True)
class GapReport:
    kb: KnowledgeBase
    answers: Answers
    target: Role
    current: Role | None
    score: Score
    suggestions: tuple[Suggestion, ...]
    salary: Salary | None

    @property
    def name(self) -> str | None:
        return self.answers.name


def build_report(kb: KnowledgeBase, answers: Answers) -> GapReport:
    """Score the answers against their target role and pick what to do about the top gaps."""
    if answers.target_role is None:
        raise PmladderError("the answers have no target role; pass --role ID")
    target = kb.role(answers.target_role)
    current = kb.role(answers.current_role) if answers.current_role else None
    result = score(kb, target, answers.ratings, answers.evidence)
    suggestions = tuple(
        Suggestion(skill_id, tuple(projects_for(kb.skill(skill_id), result.by_skill(skill_id).rating)))
        for skill_id in result.top_gaps
    )
    salary = None
    if answers.city and target.salaries:
        wanted = answers.city.strip().casefold()
        salary = next((f for f in target.salaries.figures if f.city.casefold() == wanted), None)
    return GapReport(kb, answers, target, current, result, suggestions, salary)
