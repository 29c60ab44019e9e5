"""JSON payloads: documented, versioned contracts. Written with plain stdout, never through Rich."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.ladder import Step
from pmladder.knowledge.models import Role, Salary, Skill

if TYPE_CHECKING:
    from pmladder.assessment.report import GapReport

SCHEMA_VERSION = 1


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _envelope(kb: KnowledgeBase, **body: Any) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "kb_version": kb.version, **body}


def role_summary(role: Role) -> dict[str, Any]:
    return {
        "id": role.id,
        "name": role.name,
        "track": role.track.value,
        "rank": role.rank,
        "years": role.years.model_dump(mode="json"),
        "summary": role.summary,
        "scope": role.scope,
        "next_roles": list(role.next_roles),
        "requirements": [req.model_dump(mode="json") for req in role.requirements],
    }


def salary(figure: Salary) -> dict[str, Any]:
    return figure.model_dump(mode="json", exclude_none=True)


def roles(kb: KnowledgeBase) -> str:
    return dumps(_envelope(kb, roles=[role_summary(r) for r in kb.roles]))


def role(kb: KnowledgeBase, role: Role, figures: list[Salary]) -> str:
    full = role.model_dump(mode="json", exclude={"salaries"})
    body = role_summary(role) | {k: v for k, v in full.items() if k not in role_summary(role)}
    body["salaries"] = [salary(f) for f in figures]
    if role.salaries:
        body["salary_source"] = role.salaries.source
        body["salary_note"] = role.salaries.note
    return dumps(_envelope(kb, role=body))


def skill_summary(skill: Skill) -> dict[str, Any]:
    return skill.model_dump(mode="json")


def skills(kb: KnowledgeBase) -> str:
    return dumps(_envelope(kb, skills=[skill_summary(s) for s in kb.skills]))


def skill(kb: KnowledgeBase, skill: Skill) -> str:
    body = skill_summary(skill)
    body["required_by"] = [
        {"role": r.id, "level": req.level, "weight": req.weight} for r, req in kb.roles_needing(skill.id)
    ]
    return dumps(_envelope(kb, skill=body))


def path(kb: KnowledgeBase, start: Role, end: Role, steps: list[Step]) -> str:
    return dumps(
        _envelope(
            kb,
            start=start.id,
            end=end.id,
            steps=[
                {
                    "from": step.source.id,
                    "to": step.target.id,
                    "rises": [{"skill": r.skill, "from": r.before, "to": r.after, "by": r.by} for r in step.rises],
                }
                for step in steps
            ],
        )
    )


def assessment_payload(report: GapReport) -> dict[str, Any]:
    """The assessment contract (schema_version 1); keys are documented in the README."""
    result = report.score
    answers = report.answers
    return {
        "schema_version": SCHEMA_VERSION,
        "kb_version": report.kb.version,
        "kb_digest": report.kb.digest,
        "name": answers.name,
        "current_role": answers.current_role,
        "target_role": report.target.id,
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
            for suggestion in report.suggestions
            for project in suggestion.projects
        ],
        "next_roles": list(report.target.next_roles),
        "salary": salary(report.salary) if report.salary else None,
    }


def assessment(report: GapReport) -> str:
    return dumps(assessment_payload(report))
