"""The cohort as JSON: a versioned contract for dashboards and scripts (never through Rich).

Keys come in a fixed order and people in file order, so the same inputs give the same
bytes; there is no timestamp. Each person, skill and workshop is one line: a diff of two
runs shows who changed, `grep` finds a person, and ten thousand people encode in C
(`json` falls back to pure Python as soon as it is asked to indent).
"""

from __future__ import annotations

import json
from typing import Any

from pmladder.cohort.aggregate import CohortResult, Person, SkillStats, Workshop

SCHEMA_VERSION = 1


def person(p: Person) -> dict[str, Any]:
    by_skill = {s.skill: s for s in p.score.skills}
    gaps = [by_skill[skill_id] for skill_id in p.score.gaps]
    return {
        "name": p.name,
        "file": p.file,
        "current_role": p.answers.current_role,
        "target_role": p.target_role,
        "readiness": p.score.readiness,
        "verdict": p.score.verdict.value,
        "gaps": [
            {"skill": s.skill, "rating": s.rating, "required": s.required, "weight": s.weight, "gap": s.gap}
            for s in gaps
        ],
        "biggest_gap": gaps[0].skill if gaps else None,
        "max_gap": max((s.gap for s in gaps), default=0),
        "unrated": [s.skill for s in p.score.skills if s.rating is None],
        "below_gate": list(p.below_gate),
    }


def skill(s: SkillStats) -> dict[str, Any]:
    return {
        "skill": s.skill,
        "name": s.name,
        "category": s.category,
        "required": dict(s.required),
        "people": s.people,
        "rated": s.rated,
        "mean": s.mean,
        "median": s.median,
        "with_gap": s.with_gap,
        "gap_share": s.gap_share,
        "distribution": {"unrated": s.distribution[0], **{str(level): s.distribution[level] for level in range(1, 6)}},
    }


def workshop(w: Workshop) -> dict[str, Any]:
    return {
        "skill": w.skill,
        "name": w.name,
        "with_gap": w.with_gap,
        "people": w.people,
        "pitch": w.pitch,
        "projects": [p.model_dump(mode="json") for p in w.projects],
    }


def payload(result: CohortResult) -> dict[str, Any]:
    """The cohort contract (schema_version 1); keys are documented in the README."""
    return {
        "schema_version": SCHEMA_VERSION,
        "kb_version": result.kb_version,
        "kb_digest": result.kb_digest,
        "role": result.role,
        "gates": {"fail_under": result.gates.fail_under, "max_gap": result.gates.max_gap},
        "summary": {
            "people": len(result.people),
            "skipped": len(result.skipped),
            "mean_readiness": result.mean_readiness,
            "verdicts": result.verdicts,
            "below_gate": [p.name for p in result.below_gate],
        },
        "people": [person(p) for p in result.people],
        "skills": [skill(s) for s in result.skills],
        "workshops": [workshop(w) for w in result.workshops],
        "skipped": [{"file": bad.file, "problems": [str(p) for p in bad.problems]} for bad in result.skipped],
    }


def _line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def dumps(body: dict[str, Any]) -> str:
    """JSON with two-space indentation down to the items of top-level lists, each on one line."""
    lines = ["{"]
    last = len(body) - 1
    for n, (key, value) in enumerate(body.items()):
        comma = "" if n == last else ","
        if isinstance(value, list) and value:
            lines.append(f"  {_line(key)}: [")
            lines += [f"    {_line(item)}," for item in value[:-1]]
            lines += [f"    {_line(value[-1])}", f"  ]{comma}"]
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            lines.append(f"  {_line(key)}: {text}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def cohort(result: CohortResult) -> str:
    return dumps(payload(result))
