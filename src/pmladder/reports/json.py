"""JSON payloads: documented, versioned contracts. Written with plain stdout, never through Rich."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.values import Role, Salary, Skill, plain

if TYPE_CHECKING:
    from pmladder.assessment.compare import Comparison
    from pmladder.assessment.match import Match
    from pmladder.assessment.plan import Plan
    from pmladder.assessment.report import Assessment
    from pmladder.knowledge.views import (
        InfoView,
        LadderView,
        PathView,
        RoleView,
        SkillsView,
        SkillView,
        ValidationView,
    )

SCHEMA_VERSION = 1


def dumps(payload: dict[str, Any]) -> str:
    return json_safe(json.dumps(payload, indent=2, ensure_ascii=False)) + "\n"


# What JSON leaves raw but a terminal acts on (DEL, C1 controls, bidirectional and invisible
# characters), written as \u escapes instead: the same value, nothing for a terminal to obey.
_RAW = re.compile("[\x7f-\x9f\xad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def json_safe(text: str) -> str:
    """JSON text with every character a terminal could act on written as a \\u escape (still the same JSON)."""
    if text.isascii():
        return text
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _envelope(kb: KnowledgeBase, **body: Any) -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "kb_version": kb.version, **body}


def role_summary(role: Role) -> dict[str, Any]:
    return {
        "id": role.id,
        "name": role.name,
        "track": role.track,
        "rank": role.rank,
        "years": plain(role.years) if role.years else None,
        "summary": role.summary,
        "scope": role.scope,
        "next_roles": list(role.next_roles),
        "requirements": [plain(req) for req in role.requirements],
    }


def salary(figure: Salary) -> dict[str, Any]:
    return dict(plain(figure, omit_none=True))


def roles(view: LadderView) -> str:
    kb = view.kb
    return dumps(_envelope(kb, roles=[role_summary(r) for r in kb.roles]))


def role(view: RoleView) -> str:
    kb, role, figures = view.kb, view.role, view.salaries
    full = plain(role)
    del full["salaries"]
    body = role_summary(role) | {k: v for k, v in full.items() if k not in role_summary(role)}
    body["salaries"] = [salary(f) for f in figures]
    if role.salaries:
        body["salary_source"] = role.salaries.source
        body["salary_note"] = role.salaries.note
    return dumps(_envelope(kb, role=body))


def skill_summary(skill: Skill) -> dict[str, Any]:
    return dict(plain(skill))


def skills(view: SkillsView) -> str:
    kb = view.kb
    return dumps(_envelope(kb, skills=[skill_summary(s) for s in kb.skills]))


def skill(view: SkillView) -> str:
    kb, skill = view.kb, view.skill
    body = skill_summary(skill)
    body["required_by"] = [
        {"role": r.id, "level": req.level, "weight": req.weight} for r, req in kb.roles_needing(skill.id)
    ]
    return dumps(_envelope(kb, skill=body))


def path(view: PathView) -> str:
    kb, start, end, steps = view.kb, view.start, view.end, view.steps
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


def validation(view: ValidationView) -> str:
    """`kb validate`: {"valid", "problems": [{"file", "line", "column", "message", "severity"}], ...}."""
    kb = view.kb
    problems = [
        {"file": p.file, "line": p.line, "column": p.column, "message": p.message, "severity": p.severity}
        for p in view.problems
    ]
    body: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "source": view.source, "valid": kb is not None}
    if kb is not None:
        body |= {"kb_version": kb.version, "roles": len(kb.roles), "skills": len(kb.skills)}
        body["categories"] = len(kb.categories)
    return dumps(body | {"problems": problems})


def info(view: InfoView) -> str:
    """`kb info`: {"schema_version", "name", "version", "source", "licence", "note", "folder", "digest",
    "counts", "tracks", "scale"}; absent about keys are null."""
    kb, about = view.kb, view.kb.about
    body = {
        "schema_version": SCHEMA_VERSION,
        "name": kb.name,
        "version": kb.version,
        "source": about.source,
        "licence": about.licence,
        "note": about.note,
        "folder": kb.source,
        "digest": kb.digest,
        "counts": {
            "roles": len(kb.roles),
            "skills": len(kb.skills),
            "categories": len(kb.categories),
            "tracks": len(view.tracks()),
            "levels": kb.levels,
        },
        "tracks": [{"id": ident, "name": name, "roles": count} for ident, name, count in view.tracks()],
        "scale": [plain(rung) for rung in kb.scale],
    }
    return dumps(body)


def assessment(view: Assessment) -> str:
    return dumps(view.to_dict())


def match(view: Match) -> str:
    return dumps(view.to_dict())


def comparison(view: Comparison) -> str:
    return dumps(view.to_dict())


def plan(view: Plan) -> str:
    return dumps(view.to_dict())
