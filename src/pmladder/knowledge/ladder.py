"""Paths up the ladder: the steps between two roles and which skills must rise at each."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from pmladder.errors import PmladderError
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.values import Role


@dataclass(frozen=True)
class Rise:
    """One skill that must rise between two rungs."""

    skill: str
    before: int
    after: int

    @property
    def by(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Step:
    """One move along `next_roles`, with the skills that must rise for it."""

    source: Role
    target: Role
    rises: tuple[Rise, ...]


@dataclass(frozen=True)
class Standing:
    """Where ratings stand on the way to a target: the highest role whose bar they meet, and how far it is."""

    meets: str | None  # a role id; None when no role on the way is met
    steps_to_target: int | None
    path: tuple[str, ...]  # from `meets` to the target, both included; empty when nothing is met

    def to_dict(self) -> dict[str, object]:
        return {"meets": self.meets, "steps_to_target": self.steps_to_target, "path": list(self.path)}


def standing(kb: KnowledgeBase, target: Role, ratings: Mapping[str, int | None]) -> Standing:
    """Among the target and every role that leads to it along `next_roles`, the highest-ranked
    one whose every requirement the ratings meet (unrated is not met), and the shortest path on.
    """
    routes = _routes_to(kb, target)  # role id -> shortest path to the target
    met = [
        role
        for role in kb.roles
        if role.id in routes and all((ratings.get(req.skill) or 0) >= req.level for req in role.requirements)
    ]
    if not met:
        return Standing(None, None, ())
    best = max(met, key=lambda r: (r.rank, -len(routes[r.id])))  # ladder order breaks the last ties
    route = routes[best.id]
    return Standing(best.id, len(route) - 1, route)


def _routes_to(kb: KnowledgeBase, target: Role) -> dict[str, tuple[str, ...]]:
    """Every role that reaches the target along next_roles, with its shortest route (ties: ladder order)."""
    leads_to: dict[str, list[str]] = {}
    for role in kb.roles:
        for following in role.next_roles:
            leads_to.setdefault(following, []).append(role.id)
    routes: dict[str, tuple[str, ...]] = {target.id: (target.id,)}
    queue = deque([target.id])
    while queue:
        current = queue.popleft()
        for earlier in leads_to.get(current, []):
            if earlier not in routes:
                routes[earlier] = (earlier, *routes[current])
                queue.append(earlier)
    return routes


def career_path(kb: KnowledgeBase, start: str, end: str) -> list[Step]:
    """The shortest route from one role to another along `next_roles` (ties: knowledge-base order)."""
    first, last = kb.role(start), kb.role(end)
    if first.id == last.id:
        return []
    previous: dict[str, str] = {}
    queue = deque([first.id])
    while queue:
        current = queue.popleft()
        if current == last.id:
            break
        for following in kb.role(current).next_roles:
            if following not in previous and following != first.id:
                previous[following] = current
                queue.append(following)
    if last.id not in previous:
        raise PmladderError(f"no path from '{first.id}' to '{last.id}' along the ladder's next roles")
    chain = [last.id]
    while chain[-1] != first.id:
        chain.append(previous[chain[-1]])
    roles = [kb.role(r) for r in reversed(chain)]
    return [Step(a, b, rises(kb, a, b)) for a, b in itertools.pairwise(roles)]


def rises(kb: KnowledgeBase, source: Role, target: Role) -> tuple[Rise, ...]:
    """Skills whose required level is higher in `target` than in `source`, in report order."""
    before = {req.skill: req.level for req in source.requirements}
    found = []
    for skill, req in kb.requirements(target):
        had = before.get(skill.id, 0)
        if req.level > had:
            found.append(Rise(skill.id, had, req.level))
    return tuple(found)
