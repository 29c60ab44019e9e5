"""What the explore commands show: a selection from the knowledge base, complete for any format.

Views are compared by identity (`eq=False`): comparing two whole knowledge bases field by
field would mean nothing, and leaving out `__eq__` and `__hash__` makes each of these
classes a third cheaper to create at every start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:  # annotations only: every explore command imports this module
    from pmladder.errors import Problem
    from pmladder.knowledge.base import KnowledgeBase
    from pmladder.knowledge.ladder import Step
    from pmladder.knowledge.values import Role, Salary, Skill


@dataclass(frozen=True, eq=False)
class LadderView:
    """`pmladder roles`: every role in ladder order."""

    view: ClassVar[str] = "roles"
    kb: KnowledgeBase


@dataclass(frozen=True, eq=False)
class RoleView:
    """`pmladder roles show`: one role, with the salary figures chosen (all, or one city's)."""

    view: ClassVar[str] = "role"
    kb: KnowledgeBase
    role: Role
    salaries: tuple[Salary, ...]


@dataclass(frozen=True, eq=False)
class SkillsView:
    """`pmladder skills`: every skill by category."""

    view: ClassVar[str] = "skills"
    kb: KnowledgeBase


@dataclass(frozen=True, eq=False)
class SkillView:
    """`pmladder skills show`: one skill's levels, projects, learning and the roles that need it."""

    view: ClassVar[str] = "skill"
    kb: KnowledgeBase
    skill: Skill


@dataclass(frozen=True, eq=False)
class PathView:
    """`pmladder path`: the steps between two roles."""

    view: ClassVar[str] = "path"
    kb: KnowledgeBase
    start: Role
    end: Role
    steps: tuple[Step, ...]


@dataclass(frozen=True, eq=False)
class InfoView:
    """`pmladder kb info`: the ladder's about block, counts, tracks and scale."""

    view: ClassVar[str] = "info"
    kb: KnowledgeBase

    def tracks(self) -> list[tuple[str, str, int]]:
        """(id, name, number of roles) per track, in ladder order: listed tracks first, then any other."""
        counts: dict[str, int] = {t.id: 0 for t in self.kb.tracks}
        for role in self.kb.roles:
            counts[role.track] = counts.get(role.track, 0) + 1
        return [(ident, self.kb.track_name(ident), count) for ident, count in counts.items()]


@dataclass(frozen=True, eq=False)
class ValidationView:
    """`pmladder kb validate`: the folder checked, the knowledge base when it loaded, and every problem."""

    view: ClassVar[str] = "validation"
    source: str
    kb: KnowledgeBase | None
    problems: tuple[Problem, ...]
