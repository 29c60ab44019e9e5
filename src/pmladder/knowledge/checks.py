"""Checks beyond the schema: references resolve, ids and aliases are unique, levels fit the scale,
and the ladder never steps down."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from pmladder.errors import Problem, did_you_mean, unknown
from pmladder.knowledge.models import Role, RolesFile, SkillsFile

if TYPE_CHECKING:
    from pmladder.io.yamlfile import Loc, Place
    from pmladder.knowledge.load import Read


class Document(Protocol):
    """Where problems are placed: a parsed file (or the salvaged part of one)."""

    def locate(self, loc: Loc) -> Place: ...

    def problem(self, loc: Loc, message: str, *, key: bool = False, warning: bool = False) -> Problem: ...


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def check(roles_read: Read[RolesFile], skills_read: Read[SkillsFile]) -> list[Problem]:
    """Every cross-reference and consistency problem, errors and warnings alike.

    Either file may be only partly valid (see `load.Read`): what its broken entries name
    still counts as existing, so a schema problem is never echoed as a reference problem.
    """
    roles, roles_doc = roles_read.model, roles_read.places
    skills, skills_doc = skills_read.model, skills_read.places
    found: list[Problem] = []
    skill_ids = {s.id for s in skills.skills}
    role_ids = {r.id for r in roles.roles}
    category_ids = {c.id for c in skills.categories}
    known_skills = skill_ids | skills_read.named_in("skills")
    known_roles = role_ids | roles_read.named_in("roles")
    known_categories = category_ids | skills_read.named_in("categories")

    found += _unique(skills_doc, "categories", [c.id for c in skills.categories], "category")
    found += _unique(skills_doc, "skills", [s.id for s in skills.skills], "skill")
    found += _unique(roles_doc, "roles", [r.id for r in roles.roles], "role")
    found += _unique(roles_doc, "tracks", [t.id for t in roles.tracks], "track")

    scale = skills.scale  # None when the scale itself breaks the schema
    levels = len(scale) if scale is not None else None
    for i, level in enumerate(scale or []):
        if level.level != i + 1:
            found.append(skills_doc.problem(("scale", i, "level"), f"scale entry {i + 1} must have level {i + 1}"))

    for i, skill in enumerate(skills.skills):
        if skill.category not in known_categories:
            message = f"skill '{skill.id}' is in unknown category '{skill.category}'{did_you_mean(skill.category, category_ids)}"
            found.append(skills_doc.problem(("skills", i, "category"), message))
        if levels is not None and len(skill.levels) != levels:
            message = (
                f"skill '{skill.id}' has {_plural(len(skill.levels), 'descriptor')};"
                f" the scale has {levels} levels: give one per level, lowest first"
            )
            found.append(skills_doc.problem(("skills", i, "levels"), message))
        for j, text in enumerate(skill.levels):
            if text in skill.levels[:j]:
                message = f"skill '{skill.id}': level {j + 1} repeats an earlier descriptor; each level needs its own"
                found.append(skills_doc.problem(("skills", i, "levels", j), message))
        for j, built in enumerate(skill.projects):
            if levels is not None and built.builds_to > levels:
                message = (
                    f"skill '{skill.id}': project '{built.title}' builds to level {built.builds_to},"
                    f" but the scale has {levels} levels"
                )
                found.append(skills_doc.problem(("skills", i, "projects", j, "builds_to"), message))

    track_ids = [t.id for t in roles.tracks]
    known_tracks = set(track_ids) | roles_read.named_in("tracks")
    used: set[str] = set(roles_read.named_in("required"))
    for i, role in enumerate(roles.roles):
        if track_ids and role.track not in known_tracks:
            found.append(
                roles_doc.problem(
                    ("roles", i, "track"), f"role '{role.id}' is on {unknown('track', role.track, track_ids)}"
                )
            )
        seen: dict[str, int] = {}
        for j, req in enumerate(role.requirements):
            loc = ("roles", i, "requirements", j, "skill")
            if req.skill not in known_skills:
                message = f"role '{role.id}' requires unknown skill '{req.skill}'{did_you_mean(req.skill, skill_ids)}"
                found.append(roles_doc.problem(loc, message))
            elif req.skill in seen:
                message = (
                    f"role '{role.id}' lists skill '{req.skill}' twice (first as requirement {seen[req.skill] + 1})"
                )
                found.append(roles_doc.problem(loc, message))
            elif levels is not None and req.level > levels:
                message = (
                    f"role '{role.id}' requires {req.skill} at level {req.level}, but the scale has {levels} levels"
                )
                found.append(roles_doc.problem(("roles", i, "requirements", j, "level"), message))
            seen.setdefault(req.skill, j)
            used.add(req.skill)
        for j, target in enumerate(role.next_roles):
            if target not in known_roles:
                message = f"role '{role.id}' leads to unknown role '{target}'{did_you_mean(target, role_ids)}"
                found.append(roles_doc.problem(("roles", i, "next_roles", j), message))
            elif target == role.id:
                found.append(roles_doc.problem(("roles", i, "next_roles", j), f"role '{role.id}' leads to itself"))
        for j, related in enumerate(role.related_titles):
            if related.role not in known_roles:
                message = (
                    f"role '{role.id}' relates to unknown role '{related.role}'{did_you_mean(related.role, role_ids)}"
                )
                found.append(roles_doc.problem(("roles", i, "related_titles", j, "role"), message))
        for j, project in enumerate(role.projects):
            for k, skill_id in enumerate(project.skills):
                if skill_id not in known_skills:
                    message = f"role '{role.id}': project '{project.title}' names unknown skill '{skill_id}'{did_you_mean(skill_id, skill_ids)}"
                    found.append(roles_doc.problem(("roles", i, "projects", j, "skills", k), message))

    for i, skill in enumerate(skills.skills):
        if skill.id not in used:
            message = f"skill '{skill.id}' is not required by any role, so no report shows it"
            found.append(skills_doc.problem(("skills", i, "id"), message, warning=True))

    version = roles.ladder_version if roles_read.complete else None
    if skills.version is not None and version and skills.version != version:
        message = f"skills.yaml has version '{skills.version}' but roles.yaml has '{version}'"
        found.append(skills_doc.problem(("version",), message, warning=True))

    found += _aliases(roles, roles_doc)
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


def _aliases(roles: RolesFile, document: Document) -> list[Problem]:
    """An alias must name one role only: never a role id, never another role's alias."""
    role_ids = {r.id for r in roles.roles}
    owner: dict[str, str] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, role in enumerate(roles.roles):
        if role.id in seen:
            continue  # a repeated role is already an error; its aliases would only echo it
        seen.add(role.id)
        for k, alias in enumerate(role.aliases):
            loc = ("roles", i, "aliases", k)
            if alias in role_ids:
                problems.append(document.problem(loc, f"role '{role.id}': alias '{alias}' is already a role id"))
            elif alias in owner:
                other = owner[alias]
                where = "twice" if other == role.id else f"but it is already an alias of '{other}'"
                problems.append(document.problem(loc, f"role '{role.id}' lists alias '{alias}' {where}"))
            else:
                owner[alias] = role.id
    return problems


def _ladder_warnings(roles: RolesFile, document: Document) -> list[Problem]:
    """A required level should not fall below that of any role leading here along `next_roles`.

    Each role is compared with all its direct predecessors, whatever their rank, track or place
    in the file; a requirement marked `delegated` may fall. Cycles in `next_roles` are warned
    about too, once each.
    """
    first: dict[str, int] = {}
    for i, role in enumerate(roles.roles):
        first.setdefault(role.id, i)
    levels = {ident: _levels(roles.roles[i]) for ident, i in first.items()}
    leads_here: dict[str, set[str]] = {ident: set() for ident in first}
    for ident, i in first.items():
        for target in roles.roles[i].next_roles:
            if target in first and target != ident:
                leads_here[target].add(ident)

    problems: list[Problem] = []
    for ident, i in first.items():
        role = roles.roles[i]
        seen: set[str] = set()
        for j, req in enumerate(role.requirements):
            if req.skill in seen:
                continue  # a repeated requirement is already an error
            seen.add(req.skill)
            if req.delegated:
                continue
            above = sorted(
                ((levels[p][req.skill], p) for p in leads_here[ident] if levels[p].get(req.skill, 0) > req.level),
                key=lambda pair: (-pair[0], pair[1]),
            )
            if above:
                listed = [f"the {level} of '{p}'" for level, p in above]
                which = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
                rungs = "the rung beneath it" if len(listed) == 1 else "the rungs that lead to it"
                message = (
                    f"'{ident}' requires {req.skill} at level {req.level}, below {which}, {rungs}"
                    " (mark it 'delegated: true' if that is deliberate)"
                )
                problems.append(document.problem(("roles", i, "requirements", j, "level"), message, warning=True))
    problems += _cycles(roles, document, first)
    return sorted(problems, key=lambda p: p.sort_key)


def _levels(role: Role) -> dict[str, int]:
    found: dict[str, int] = {}
    for req in role.requirements:
        found.setdefault(req.skill, req.level)
    return found


MAX_CYCLES = 20  # enough to show the problem; a knotted file could have exponentially many
MAX_STEPS = 100_000  # bounds the search however the file is knotted


def _cycles(roles: RolesFile, document: Document, first: dict[str, int]) -> list[Problem]:
    """One warning per elementary cycle of `next_roles`, placed at the smallest id's step into it."""
    graph = {
        ident: sorted({t for t in roles.roles[i].next_roles if t in first and t != ident}) for ident, i in first.items()
    }
    problems: list[Problem] = []
    for component in _strong_components(graph):
        if len(component) < 2:
            continue
        for cycle in _elementary_cycles(graph, component):
            start, following = cycle[0], cycle[1]
            i = first[start]
            j = roles.roles[i].next_roles.index(following)
            route = " -> ".join(f"'{r}'" for r in [*cycle, start])
            message = f"next_roles go round in a cycle: {route}; a role should not lead back to itself"
            problems.append(document.problem(("roles", i, "next_roles", j), message, warning=True))
            if len(problems) >= MAX_CYCLES:
                return problems
    return problems


def _strong_components(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit), in sorted order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(graph[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return sorted(components)


def _elementary_cycles(graph: dict[str, list[str]], component: list[str]) -> list[list[str]]:
    """Every simple cycle inside one component, each once: rooted at its smallest id (up to MAX_CYCLES)."""
    members = set(component)
    cycles: list[list[str]] = []
    steps = 0
    for start in component:
        allowed = {m for m in members if m > start}
        path = [start]
        work = [iter(graph[start])]
        while work and len(cycles) < MAX_CYCLES and steps < MAX_STEPS:
            steps += 1
            step = next(work[-1], None)
            if step is None:
                work.pop()
                path.pop()
            elif step == start:
                cycles.append(list(path))
            elif step in allowed and step not in path:
                path.append(step)
                work.append(iter(graph[step]))
    return cycles
