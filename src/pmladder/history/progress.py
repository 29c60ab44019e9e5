"""`pmladder progress`: readiness and ratings over time for one person and target, and which skills held the bar. Pure.

Promotion readiness is sustained performance, not one snapshot: a required skill has *held
the bar* for n assessments when it was rated at or above the required level in each of the
n latest assessments in a row (unrated breaks the run, as it does for standing).
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pmladder.assessment.report import RoleRef
from pmladder.assessment.scoring import Score
from pmladder.commands import quoted_command
from pmladder.errors import PmladderError, Problem
from pmladder.history.store import Entry
from pmladder.history.views import Series, series

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Point:
    """One assessment on the trend, scored against the ladder in use."""

    id: int
    taken_at: str
    readiness: float | None
    coverage: float
    verdict: str

    @property
    def date(self) -> str:
        return self.taken_at[:10]


@dataclass(frozen=True)
class SkillTrend:
    """One required skill: its rating in each assessment, and how long it has held the bar."""

    skill: str
    name: str
    required: int
    weight: int
    ratings: tuple[int | None, ...]  # one per point, oldest first; None is 'not sure yet'
    held: int  # the latest assessments in a row rated at or above the required level
    since: str | None  # when the first of those was taken (ISO date); None when not held

    @property
    def latest(self) -> int | None:
        return self.ratings[-1] if self.ratings else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "required": self.required,
            "ratings": list(self.ratings),
            "at_the_bar_for": self.held,
            "since": self.since,
        }


@dataclass(frozen=True)
class Progress:
    """The trend of one person's assessments toward one target role, oldest first."""

    view: ClassVar[str] = "progress"
    name: str | None
    rater: str
    rater_name: str | None
    target: RoleRef
    kb_version: str
    points: tuple[Point, ...]
    skills: tuple[SkillTrend, ...]
    levels: int = 5  # the size of the ladder's scale, for drawing ratings

    @property
    def held_by_all(self) -> int:
        """How many of the latest assessments in a row met every requirement."""
        return min((s.held for s in self.skills), default=0)

    def to_dict(self) -> dict[str, Any]:
        """The progress contract (schema_version 1); keys are documented in the README."""
        return {
            "schema_version": SCHEMA_VERSION,
            "kb_version": self.kb_version,
            "name": self.name,
            "rater": self.rater,
            "rater_name": self.rater_name,
            "target_role": self.target.id,
            "assessments": [
                {
                    "id": p.id,
                    "taken_at": p.taken_at,
                    "readiness": p.readiness,
                    "coverage": p.coverage,
                    "verdict": p.verdict,
                }
                for p in self.points
            ],
            "skills": [s.to_dict() for s in self.skills],
        }


def trend(
    scored: Sequence[tuple[Entry, Score]],
    *,
    target: RoleRef,
    kb_version: str,
    name: str | None,
    rater: str,
    rater_name: str | None = None,
    levels: int = 5,
) -> Progress:
    """The progress view of assessments (oldest first), each scored against `target`."""
    points = tuple(
        Point(entry.id, entry.taken_at, score.readiness, score.coverage, score.verdict.value) for entry, score in scored
    )
    skills = []
    if scored:
        for row in scored[-1][1].skills:
            ratings = tuple(_rating(score, row.skill) for _, score in scored)
            held = 0
            for rating in reversed(ratings):
                if rating is None or rating < row.required:
                    break
                held += 1
            since = points[len(points) - held].date if held else None
            skills.append(SkillTrend(row.skill, row.name, row.required, row.weight, ratings, held, since))
    return Progress(name, rater, rater_name, target, kb_version, points, tuple(skills), levels)


def _rating(score: Score, skill: str) -> int | None:
    found = score.find(skill)
    return found.rating if found else None


def _flags(entry: Entry) -> str:
    flags = ["--name", entry.name or "", "--role", entry.target_role]
    if entry.rater != "self":
        flags += ["--rater", entry.rater_name or entry.rater]
    return shlex.join(flags)


def choose_series(
    entries: Sequence[Entry], *, role: str | None = None, name: str | None = None, rater: str | None = None
) -> list[Entry]:
    """The one person-and-target series the filters pick; several or none is an error that lists the choices."""
    picked = [
        e
        for e in entries
        if (role is None or e.target_role == role)
        and (name is None or (e.name or "").casefold() == name.strip().casefold())
        and (rater is None or rater.strip().casefold() in (e.rater.casefold(), (e.rater_name or "").casefold()))
    ]
    if not picked:
        given = " ".join(
            f"{flag} {shlex.quote(value)}"
            for flag, value in (("--name", name), ("--role", role), ("--rater", rater))
            if value is not None
        )
        if given:
            raise PmladderError(f"no assessment in your history matches {given} (see {quoted_command('history')})")
        raise PmladderError(f"no assessment in your history for this ladder yet: {quoted_command('assess')} adds one")
    groups: dict[Series, list[Entry]] = {}
    for entry in picked:
        groups.setdefault(series(entry), []).append(entry)
    if len(groups) == 1:
        return picked
    choices = [
        f"  {_flags(found[-1])}  ({len(found)} assessment{'s' if len(found) != 1 else ''}, latest {found[-1].taken_at[:10]})"
        for found in groups.values()
    ]
    heading = "your history has assessments of several people, targets or raters; choose one with:"
    message = "\n".join([heading, *choices])
    raise PmladderError(Problem(message))
