"""A dated development plan: the top gaps, one step each, scheduled into an hours budget.

Pure: from an `Assessment` (or a calibrated view) and a budget to a `Plan`; no clock is read
here, the start date is an input, so the same inputs always give the same plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from pmladder.assessment.projects import next_step
from pmladder.assessment.scoring import Score
from pmladder.errors import PmladderError
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.values import Learning, Project, Setting

DEFAULT_HOURS_PER_WEEK = 4
DEFAULT_WEEKS = 12
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class PlanItem:
    """One step for one gap: a project, with what to practise at work alongside it."""

    skill: str
    skill_name: str
    rating: int | None
    required: int
    project: Project
    on_the_job: Learning | None
    start: dt.date | None = None  # None while not scheduled (the 'later' list)
    end: dt.date | None = None

    @property
    def setting(self) -> str:
        return self.project.setting.value if self.project.setting else "unspecified"

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "title": self.project.title,
            "deliverable": self.project.deliverable,
            "setting": self.setting,
            "hours": self.project.effort_hours,
            "builds_to": self.project.builds_to,
            "on_the_job": self.on_the_job.suggestion if self.on_the_job else None,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True)
class CheckIn:
    what: str
    date: dt.date

    def to_dict(self) -> dict[str, str]:
        return {"what": self.what, "date": self.date.isoformat()}


@dataclass(frozen=True)
class Plan:
    """Scheduled items, what does not fit, and the dated check-ins."""

    view: ClassVar[str] = "plan"
    kb_version: str
    name: str | None
    target_role: str
    target_name: str
    calibrated: bool  # scheduled from the combined view of self and others
    hours_per_week: int
    weeks: int
    start: dt.date
    items: tuple[PlanItem, ...]
    later: tuple[PlanItem, ...]
    checkins: tuple[CheckIn, ...]
    rater: str = "self"  # who gave the ratings planned from (self, manager, peer, other): how the plan is worded
    rater_name: str | None = None

    @property
    def budget(self) -> int:
        return self.hours_per_week * self.weeks

    @property
    def scheduled_hours(self) -> int:
        return sum(i.project.effort_hours for i in self.items)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(weeks=self.weeks, days=-3)  # the Friday of the last week

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "kb_version": self.kb_version,
            "name": self.name,
            "target_role": self.target_role,
            "calibrated": self.calibrated,
            "hours_per_week": self.hours_per_week,
            "weeks": self.weeks,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "scheduled_hours": self.scheduled_hours,
            "items": [i.to_dict() for i in self.items],
            "later": [i.to_dict() for i in self.later],
            "checkins": [c.to_dict() for c in self.checkins],
        }


def next_monday(today: dt.date) -> dt.date:
    """The Monday after `today` (a week on when today is a Monday: a plan starts on a fresh week)."""
    return today + dt.timedelta(days=7 - today.weekday())


def _step(kb: KnowledgeBase, skill_id: str, rating: int | None) -> tuple[Project, Learning | None] | None:
    """The project that moves a gap one level, preferring one at work; with the on-the-job item to pair."""
    learning, projects = next_step(kb.skill(skill_id), rating)
    if not projects:
        return None
    work = [p for p in projects if p.setting is Setting.work]
    return (work or list(projects))[0], learning


def make_plan(
    kb: KnowledgeBase,
    result: Score,
    *,
    name: str | None,
    start: dt.date,
    hours_per_week: int = DEFAULT_HOURS_PER_WEEK,
    weeks: int = DEFAULT_WEEKS,
    calibrated: bool = False,
    rater: str = "self",
    rater_name: str | None = None,
) -> Plan:
    """Schedule the top gaps in priority order into `hours_per_week` × `weeks`, week by week.

    Each item runs from the week the budget before it is spent to the Friday of the week its
    own hours are; an item larger than what is left goes to 'later' and the next is tried, so
    the scheduled hours never exceed the budget. A check-in with the manager falls at the
    midpoint and a re-assessment on the last Friday.
    """
    if not 1 <= hours_per_week <= 60:
        raise PmladderError(f"--hours-per-week must be between 1 and 60 (got {hours_per_week})")
    if not 1 <= weeks <= 52:
        raise PmladderError(f"--weeks must be between 1 and 52 (got {weeks})")
    if start.weekday() != 0:
        start -= dt.timedelta(days=start.weekday())  # weeks run Monday to Friday
    budget = hours_per_week * weeks
    used = 0
    items: list[PlanItem] = []
    later: list[PlanItem] = []
    for skill_id in result.gaps:
        row = result.by_skill(skill_id)
        step = _step(kb, skill_id, row.rating)
        if step is None:
            continue
        project, learning = step
        item = PlanItem(skill_id, row.name, row.rating, row.required, project, learning)
        hours = project.effort_hours
        if used + hours > budget:
            later.append(item)
            continue
        first_week = used // hours_per_week
        last_week = -(-(used + hours) // hours_per_week) - 1
        begin = start + dt.timedelta(weeks=first_week)
        finish = start + dt.timedelta(weeks=last_week, days=4)
        items.append(PlanItem(skill_id, row.name, row.rating, row.required, project, learning, begin, finish))
        used += hours
    role = kb.role(result.role)
    # the plan is the person rated's; a manager or peer who made it from their own ratings reads it too
    with_manager = "with your manager" if rater == "self" else f"for {name or 'the person rated'} with their manager"
    checkins = (
        CheckIn(
            f"Check-in {with_manager}: progress on the plan, and what to change",
            start + dt.timedelta(weeks=weeks // 2, days=3),
        ),
        CheckIn(
            f"Re-assess against {role.name} and compare with this plan's starting point",
            start + dt.timedelta(weeks=weeks, days=-3),
        ),
    )
    return Plan(
        kb.version,
        name,
        role.id,
        role.name,
        calibrated,
        hours_per_week,
        weeks,
        start,
        tuple(items),
        tuple(later),
        checkins,
        rater,
        rater_name,
    )
