"""`KnowledgeBase`: the validated roles and skills with the look-ups every command needs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import NamedTuple

from pmladder.errors import PmladderError, Problem, unknown
from pmladder.knowledge.values import About, Category, Requirement, Role, Salary, ScaleLevel, Skill, Track

ROLES_FILE = "roles.yaml"
SKILLS_FILE = "skills.yaml"
LEGACY_TRACKS = ("foundation", "manager", "ic")  # the bundled ladder's order before `tracks` existed


def track_order(tracks: Iterable[str], roles: Iterable[Role]) -> dict[str, int]:
    """Each track's place in ladder order: the `tracks` list first, then foundation, manager and ic,
    then any other track in the order roles first name it."""
    order: dict[str, int] = {}
    for ident in [*tracks, *LEGACY_TRACKS, *(r.track for r in roles)]:
        order.setdefault(ident, len(order))
    return order


class LadderInfo(NamedTuple):
    """What a report says of the ladder it was scored against: name and version, source and licence.

    A named tuple, like the ladder's own values (see `knowledge.values`): cheap to create at start-up.
    """

    name: str
    version: str
    source: str | None = None
    licence: str | None = None

    @property
    def title(self) -> str:
        """E.g. 'Acme product ladder 2024.2'."""
        return f"{self.name} {self.version}"

    def line(self) -> str:
        """'Acme product ladder 2024.2 · source: https://… · licence: CC BY 4.0', absent parts left out."""
        parts = [self.title]
        if self.source:
            parts.append(f"source: {self.source}")
        if self.licence:
            parts.append(f"licence: {self.licence}")
        return " · ".join(parts)


@dataclass(frozen=True)
class KnowledgeBase:
    """Roles in ladder order, skills in report order (by category, then as written).

    `scale` has 3 to 7 levels and every skill one descriptor per level. `about` is the
    ladder's block (a text `about` in roles.yaml is its `note`); `name` and `title` identify
    the ladder in answers files, drafts, history and the head of reports.
    """

    version: str
    digest: str
    source: str
    roles: tuple[Role, ...]
    skills: tuple[Skill, ...]
    categories: tuple[Category, ...]
    scale: tuple[ScaleLevel, ...]
    warnings: tuple[Problem, ...] = field(default=())
    about: About = field(default_factory=About)
    tracks: tuple[Track, ...] = field(default=())  # named job families, when roles.yaml lists them

    @property
    def name(self) -> str:
        """The ladder's name: `about.name`, else its folder's name."""
        return self.about.name or PurePath(self.source).name or self.source

    @property
    def title(self) -> str:
        """The name and version, e.g. 'Acme product ladder 2024.2'."""
        return f"{self.name} {self.version}"

    @property
    def info(self) -> LadderInfo:
        """The ladder's name, version, source and licence, for the head of reports."""
        return LadderInfo(self.name, self.version, self.about.source, self.about.licence)

    @property
    def note(self) -> str | None:
        """A note for readers of the whole ladder, e.g. that its numbers are defaults."""
        return self.about.note

    @property
    def levels(self) -> int:
        """How many levels the scale has (3 to 7): ratings and required levels run from 1 to this."""
        return len(self.scale)

    def track_name(self, track: str) -> str:
        """How a track is named: its entry in `tracks`, else its id."""
        return next((t.name for t in self.tracks if t.id == track), track)

    @cached_property
    def _roles(self) -> dict[str, Role]:
        """Roles by id and by alias ('hop' for head-of-product); the checks keep aliases unique."""
        found = {alias: r for r in self.roles for alias in r.aliases}
        return found | {r.id: r for r in self.roles}

    @cached_property
    def _skills(self) -> dict[str, Skill]:
        return {s.id: s for s in self.skills}

    @cached_property
    def _categories(self) -> dict[str, Category]:
        return {c.id: c for c in self.categories}

    def find_role(self, role_id: str) -> Role | None:
        """The role with this id or alias, or None: the one role look-up every command goes through."""
        return self._roles.get(role_id.strip())

    def role(self, role_id: str) -> Role:
        found = self.find_role(role_id)
        if found is None:
            raise PmladderError(self.unknown_role(role_id))
        return found

    def unknown_role(self, role_id: str) -> str:
        """The one message for a role id that is not here: the nearest id or alias, else the ids."""
        return unknown("role", role_id, [r.id for r in self.roles], aliases=[a for r in self.roles for a in r.aliases])

    def skill(self, skill_id: str) -> Skill:
        try:
            return self._skills[skill_id]
        except KeyError:
            raise PmladderError(unknown("skill", skill_id, self._skills)) from None

    def has_role(self, role_id: str) -> bool:
        return self.find_role(role_id) is not None

    def has_skill(self, skill_id: str) -> bool:
        return skill_id in self._skills

    def category(self, category_id: str) -> Category:
        return self._categories[category_id]

    def label(self, level: int) -> str:
        """The scale's name for a level, e.g. 3 -> 'Independent'."""
        return self.scale[level - 1].label

    @cached_property
    def _requirements(self) -> dict[str, tuple[tuple[Skill, Requirement], ...]]:
        return {role.id: self._ordered(role) for role in self.roles}

    def _ordered(self, role: Role) -> tuple[tuple[Skill, Requirement], ...]:
        by_skill = {req.skill: req for req in role.requirements}
        return tuple((s, by_skill[s.id]) for s in self.skills if s.id in by_skill)

    def requirements(self, role: Role) -> Sequence[tuple[Skill, Requirement]]:
        """A role's requirements in report order; computed once per role of this knowledge base."""
        if self._roles.get(role.id) is role:
            return self._requirements[role.id]
        return self._ordered(role)  # any other role (an edited copy, say) is scored as it is

    def roles_needing(self, skill_id: str) -> list[tuple[Role, Requirement]]:
        """Which roles need a skill, at which level, in ladder order."""
        return [(r, req) for r in self.roles for req in r.requirements if req.skill == skill_id]

    def next_role(self, role: Role) -> Role | None:
        """The usual next step up, for the questionnaire's default target."""
        return self.find_role(role.next_roles[0]) if role.next_roles else None

    def find_city(self, role: Role, city: str) -> Salary | None:
        """The role's figure for a city, matched case-insensitively and ignoring surrounding space."""
        wanted = city.strip().casefold()
        figures = role.salaries.figures if role.salaries else []
        return next((f for f in figures if f.city.casefold() == wanted), None)

    def salaries(self, role: Role, city: str | None = None) -> list[Salary]:
        """A role's salary figures, or one city's: the one city rule of every command.

        A city for a role without figures, or a city the role has no figure for, is an error.
        """
        figures = list(role.salaries.figures) if role.salaries else []
        if city is None:
            return figures
        if not figures:
            raise PmladderError(f"the knowledge base has no salary figures for '{role.id}'; leave out --city")
        found = self.find_city(role, city)
        if found is None:
            raise PmladderError(unknown("city", city, [s.city for s in figures]))
        return [found]
