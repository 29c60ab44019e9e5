"""Paths up the ladder: the steps between two roles and which skills must rise at each."""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass

from pmladder.errors import PmladderError
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.models import Role


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
