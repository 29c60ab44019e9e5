"""Checks beyond the schema: references resolve, ids are unique, the ladder never steps down."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from pmladder.errors import Problem, did_you_mean
from pmladder.io.yamlfile import Document
from pmladder.knowledge.models import Role, RolesFile, SkillsFile, Track


def check(roles: RolesFile, roles_doc: Document, skills: SkillsFile, skills_doc: Document) -> list[Problem]:
    """Every cross-reference and consistency problem, errors and warnings alike."""
    found: list[Problem] = []
    skill_ids = {s.id for s in skills.skills}
    role_ids = {r.id for r in roles.roles}
    category_ids = {c.id for c in skills.categories}

    found += _unique(skills_doc, "categories", [c.id for c in skills.categories], "category")
    found += _unique(skills_doc, "skills", [s.id for s in skills.skills], "skill")
    found += _unique(roles_doc, "roles", [r.id for r in roles.roles], "role")

    for i, level in enumerate(skills.scale):
        if level.level != i + 1:
            found.append(skills_doc.problem(("scale", i, "level"), f"scale entry {i + 1} must have level {i + 1}"))

    for i, skill in enumerate(skills.skills):
        if skill.category not in category_ids:
            message = f"skill '{skill.id}' is in unknown category '{skill.category}'{did_you_mean(skill.category, category_ids)}"
            found.append(skills_doc.problem(("skills", i, "category"), message))
        for j, text in enumerate(skill.levels):
            if text in skill.levels[:j]:
                message = f"skill '{skill.id}': level {j + 1} repeats an earlier descriptor; each level needs its own"
                found.append(skills_doc.problem(("skills", i, "levels", j), message))

    used: set[str] = set()
    for i, role in enumerate(roles.roles):
        seen: dict[str, int] = {}
        for j, req in enumerate(role.requirements):
            loc = ("roles", i, "requirements", j, "skill")
            if req.skill not in skill_ids:
                message = f"role '{role.id}' requires unknown skill '{req.skill}'{did_you_mean(req.skill, skill_ids)}"
                found.append(roles_doc.problem(loc, message))
            elif req.skill in seen:
                message = (
                    f"role '{role.id}' lists skill '{req.skill}' twice (first as requirement {seen[req.skill] + 1})"
                )
                found.append(roles_doc.problem(loc, message))
            seen.setdefault(req.skill, j)
            used.add(req.skill)
        for j, target in enumerate(role.next_roles):
            if target not in role_ids:
                message = f"role '{role.id}' leads to unknown role '{target}'{did_you_mean(target, role_ids)}"
                found.append(roles_doc.problem(("roles", i, "next_roles", j), message))
            elif target == role.id:
                found.append(roles_doc.problem(("roles", i, "next_roles", j), f"role '{role.id}' leads to itself"))
        for j, related in enumerate(role.related_titles):
            if related.role not in role_ids:
                message = (
                    f"role '{role.id}' relates to unknown role '{related.role}'{did_you_mean(related.role, role_ids)}"
                )
                found.append(roles_doc.problem(("roles", i, "related_titles", j, "role"), message))
        for j, project in enumerate(role.projects):
            for k, skill_id in enumerate(project.skills):
                if skill_id not in skill_ids:
                    message = f"role '{role.id}': project '{project.title}' names unknown skill '{skill_id}'{did_you_mean(skill_id, skill_ids)}"
                    found.append(roles_doc.problem(("roles", i, "projects", j, "skills", k), message))

    for i, skill in enumerate(skills.skills):
        if skill.id not in used:
            found.append(skills_doc.problem(("skills", i, "id"), f"skill '{skill.id}' is not required by any role"))

    if skills.version != roles.version:
        message = f"skills.yaml has version '{skills.version}' but roles.yaml has '{roles.version}'"
        found.append(skills_doc.problem(("version",), message, warning=True))

    found += _ladder_warnings(roles, roles_doc)
    return found


def _unique(document: Document, key: str, ids: Iterable[str], kind: str) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for i, ident in enumerate(ids):
        if ident in first:
            line, _ = document.locate((key, first[ident], "id"))
            problems.append(document.problem((key, i, "id"), f"duplicate {kind} id '{ident}' (first at line {line})"))
        else:
            first[ident] = i
    return problems


def _ladder_warnings(roles: RolesFile, document: Document) -> list[Problem]:
    """Along each track (foundation roles, then that track's), a required level should never fall."""
    index = {id(r): i for i, r in enumerate(roles.roles)}
    problems: list[Problem] = []
    reported: set[tuple[str, str]] = set()
    for track in (Track.manager, Track.ic):
        ladder: list[Role] = sorted(
            (r for r in roles.roles if r.track in (Track.foundation, track)), key=lambda r: r.rank
        )
        for lower, higher in itertools.pairwise(ladder):
            if lower.rank == higher.rank:
                continue
            below = {req.skill: req.level for req in lower.requirements}
            for j, req in enumerate(higher.requirements):
                before = below.get(req.skill)
                if before is not None and req.level < before and (higher.id, req.skill) not in reported:
                    reported.add((higher.id, req.skill))
                    message = (
                        f"'{higher.id}' requires {req.skill} at level {req.level}, "
                        f"below the {before} of '{lower.id}', the rung beneath it"
                    )
                    loc = ("roles", index[id(higher)], "requirements", j, "level")
                    problems.append(document.problem(loc, message, warning=True))
    return problems
