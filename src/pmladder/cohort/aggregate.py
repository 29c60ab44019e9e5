"""A cohort in numbers: every person scored with `score`, then statistics per skill and shared gaps.

A pure function of its inputs (no clock, no file system), so the same files always give
the same `CohortResult` and every renderer, byte for byte, the same report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pmladder.assessment.answers import Answers
from pmladder.assessment.compare import combined_rating
from pmladder.assessment.gates import Gates
from pmladder.assessment.projects import projects_for
from pmladder.assessment.report import resolve_target
from pmladder.assessment.scoring import Score, SkillScore, Verdict, one_decimal, score
from pmladder.errors import Problem
from pmladder.knowledge.base import KnowledgeBase, LadderInfo
from pmladder.knowledge.values import Project, plain

WORKSHOPS = 5  # the most common gaps shown with projects for a group session
WORKSHOP_PROJECTS = 2
SCHEMA_VERSION = 2  # 2: coverage per person, the incomplete verdict, gap null for unrated


@dataclass(frozen=True)
class Invalid:
    """A file that could not be scored, with every problem found in it, in file order."""

    file: str
    problems: tuple[Problem, ...]

    @property
    def first(self) -> Problem:
        return self.problems[0] if self.problems else Problem("unreadable", self.file)


@dataclass(frozen=True)
class Person:
    """One answers file, scored exactly as `assess --answers` scores it.

    Its gaps are worked out once here and every format reads them: `priority_gap` is the
    most important gap (weight × gap, the first of the gap report), `largest_gap` the size
    of the largest gap in levels; they can be different skills.
    """

    name: str  # the file's `name`, else the file name without its suffix
    file: str
    answers: Answers
    score: Score
    below_gate: tuple[str, ...]  # why the person falls short of the gates; empty when they pass
    priority_gap: SkillScore | None
    largest_gap: int
    unrated: tuple[str, ...]
    raters: int = 1  # files combined into this person (a self-assessment plus managers' and peers')

    @property
    def target_role(self) -> str:
        return self.score.role

    def to_dict(self) -> dict[str, Any]:
        rows = {s.skill: s for s in self.score.skills if s.gap}  # not `by_skill`: its cache would stay on every person
        gaps = [rows[skill_id] for skill_id in self.score.gaps]
        return {
            "name": self.name,
            "file": self.file,
            "current_role": self.answers.current_role,
            "target_role": self.target_role,
            "readiness": self.score.readiness,
            "coverage": self.score.coverage,
            "verdict": self.score.verdict.value,
            "gaps": [
                {"skill": s.skill, "rating": s.rating, "required": s.required, "weight": s.weight, "gap": s.gap}
                for s in gaps
            ],
            "biggest_gap": self.priority_gap.skill if self.priority_gap else None,
            "biggest_gap_size": self.priority_gap.gap if self.priority_gap else None,
            "max_gap": self.largest_gap,
            "unrated": list(self.unrated),
            "below_gate": list(self.below_gate),
            "raters": self.raters,
        }


def person(file: str, answers: Answers, result: Score, gates: Gates, raters: int = 1) -> Person:
    """Score-derived facts about one person, computed once."""
    first = result.gaps[0] if result.gaps else None
    priority = next(s for s in result.skills if s.skill == first) if first else None
    largest = max((s.gap for s in result.skills if s.gap is not None), default=0)
    unrated = tuple(s.skill for s in result.skills if s.rating is None)
    failures = tuple(gates.failures(result)) if gates.active else ()
    name = answers.whose or _stem(file)
    return Person(name, file, answers, result, failures, priority, largest, unrated, raters)


@dataclass(frozen=True)
class SkillStats:
    """One skill across the people whose target role requires it.

    People whose target does not require the skill are left out of every figure here
    (their rating says nothing about a gap that does not exist for them). Mean and median
    are over the people who gave a rating; unrated people are counted in `distribution[0]`
    and, as in scoring, have no gap: what they have is unknown, not missing.
    """

    skill: str
    name: str
    category: str
    required: tuple[tuple[str, int], ...]  # (role id, level) per target role in the cohort, ladder order
    people: int
    distribution: tuple[int, ...]  # people unrated, then rated 1, 2, ... up to the scale's top level
    with_gap: int
    weighted_gap: int
    mean: float | None  # one decimal, half up; None when nobody rated the skill
    median: float | None

    @property
    def rated(self) -> int:
        return self.people - self.distribution[0]

    @property
    def levels(self) -> tuple[int, ...]:
        """The distinct required levels, lowest first."""
        return tuple(sorted({level for _, level in self.required}))

    @property
    def required_text(self) -> str:
        """'3', or a range such as '2-4' when the cohort's target roles differ."""
        low, high = self.levels[0], self.levels[-1]
        return str(low) if low == high else f"{low}-{high}"

    @property
    def gap_share(self) -> float:
        """Percentage of the people here with a gap, one decimal, half up."""
        return one_decimal(100 * self.with_gap, self.people) if self.people else 0.0

    def to_dict(self) -> dict[str, Any]:
        counts = self.distribution
        return {
            "skill": self.skill,
            "name": self.name,
            "category": self.category,
            "required": dict(self.required),
            "people": self.people,
            "rated": self.rated,
            "mean": self.mean,
            "median": self.median,
            "with_gap": self.with_gap,
            "gap_share": self.gap_share,
            "distribution": {"unrated": counts[0], **{str(level): counts[level] for level in range(1, len(counts))}},
        }


@dataclass(frozen=True)
class Workshop:
    """A gap many people share, with projects pitched at the group's typical rating."""

    skill: str
    name: str
    with_gap: int
    people: int
    pitch: int | None  # the median rating of those with the gap (None: typically unrated)
    projects: tuple[Project, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "name": self.name,
            "with_gap": self.with_gap,
            "people": self.people,
            "pitch": self.pitch,
            "projects": [plain(p) for p in self.projects],
        }


@dataclass(frozen=True)
class CohortResult:
    """Everything a cohort report shows, computed once."""

    view: ClassVar[str] = "cohort"
    kb_version: str
    kb_digest: str
    role: str | None  # --role, when it overrode every file's target
    gates: Gates
    people: tuple[Person, ...]
    skills: tuple[SkillStats, ...]  # knowledge-base order; only skills some target requires
    workshops: tuple[Workshop, ...]
    skipped: tuple[Invalid, ...] = field(default=())
    scale: tuple[str, ...] = ("1", "2", "3", "4", "5")  # the scale's labels, level 1 first
    ladder: LadderInfo | None = None  # the ladder scored against, for the head of the report

    @property
    def levels(self) -> int:
        """How many levels the scale has: the columns of a rating distribution."""
        return len(self.scale)

    @property
    def combines_raters(self) -> bool:
        """Whether anyone's ratings combine a manager's or peers' view with their own."""
        return any(p.raters > 1 or p.answers.rated_by != "self" for p in self.people)

    @property
    def below_gate(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.below_gate)

    @property
    def targets(self) -> tuple[str, ...]:
        """The target roles in the cohort, in the order of the people who first name them."""
        return tuple(dict.fromkeys(p.target_role for p in self.people))

    @property
    def mean_readiness(self) -> float | None:
        """The mean of the reported readiness values (people who rated nothing left out), one decimal, half up."""
        values = [p.score.readiness for p in self.people if p.score.readiness is not None]
        if not values:
            return None
        tenths = sum(round(value * 10) for value in values)  # readiness has one decimal
        return one_decimal(tenths, 10 * len(values))

    @property
    def verdicts(self) -> dict[str, int]:
        """How many people got each verdict, in verdict order (zeros included)."""
        counts = {v.value: 0 for v in Verdict}
        for p in self.people:
            counts[p.score.verdict.value] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """The cohort contract (schema_version 2); keys are documented in the README."""
        body = self.head()
        for key, items, convert in self.listed():
            body[key] = [convert(item) for item in items]
        return body

    def head(self) -> dict[str, Any]:
        """The contract's keys before its lists, in order."""
        return {
            "schema_version": SCHEMA_VERSION,
            "kb_name": self.ladder.name if self.ladder else None,
            "kb_version": self.kb_version,
            "kb_digest": self.kb_digest,
            "role": self.role,
            "gates": {"fail_under": self.gates.fail_under, "max_gap": self.gates.max_gap},
            "summary": {
                "people": len(self.people),
                "skipped": len(self.skipped),
                "mean_readiness": self.mean_readiness,
                "verdicts": self.verdicts,
                "below_gate": [p.name for p in self.below_gate],
            },
        }

    def listed(self) -> tuple[tuple[str, Sequence[Any], Callable[[Any], dict[str, Any]]], ...]:
        """The contract's lists after `head`, in order, each with what turns one item into its object.

        A renderer can then write a cohort of any size one item at a time (`reports.cohort_json`).
        """
        return (
            ("people", self.people, Person.to_dict),
            ("skills", self.skills, SkillStats.to_dict),
            ("workshops", self.workshops, Workshop.to_dict),
            ("skipped", self.skipped, _skipped),
        )


def _skipped(bad: Invalid) -> dict[str, Any]:
    return {"file": bad.file, "problems": [str(p) for p in bad.problems]}


def aggregate(
    entries: Iterable[tuple[str, Answers]],
    kb: KnowledgeBase,
    *,
    role: str | None = None,
    gates: Gates | None = None,
    skipped: Sequence[Invalid] = (),
) -> CohortResult:
    """Score each (file, answers) pair against its target (or `role`) and sum up the cohort.

    People keep the order given (the CLI sorts files by name). Raises `PmladderError` for
    an entry without a target role or with an unknown one (`read_cohort` sets those aside).
    """
    gates = gates or Gates()
    people = [
        person(file, answers, score(kb, resolve_target(answers, kb, role), ratings, answers.evidence), gates, raters)
        for file, answers, ratings, raters in _people(list(entries), kb)
    ]
    return summarize(people, kb, role=role, gates=gates, skipped=skipped)


def summarize(
    people: Sequence[Person],
    kb: KnowledgeBase,
    *,
    role: str | None = None,
    gates: Gates | None = None,
    skipped: Sequence[Invalid] = (),
) -> CohortResult:
    """The cohort of people already scored (as `aggregate` scores them): per-skill figures and workshops.

    `pmladder.cohort.pipeline` scores self-assessments file by file, in worker processes for
    a large cohort, and sums them up here.
    """
    override = kb.role(role) if role is not None else None
    tally = _Tally(kb, people)
    return CohortResult(
        kb_version=kb.version,
        kb_digest=kb.digest,
        role=override.id if override else None,
        gates=gates or Gates(),
        people=tuple(people),
        skills=tally.skills,
        workshops=tally.workshops(),
        skipped=tuple(skipped),
        scale=tuple(level.label for level in kb.scale),
        ladder=kb.info,
    )


def _people(
    entries: Sequence[tuple[str, Answers]], kb: KnowledgeBase
) -> list[tuple[str, Answers, Mapping[str, int | None], int]]:
    """(file, answers, ratings, raters) per person.

    With only self-assessments, one person per file. When managers or peers rated too,
    files are grouped by whom they rate (subject, else name) and each person is scored
    under the combined view; the person's own file (else the first) stands for them.
    """
    if all(answers.rated_by == "self" for _, answers in entries):
        return [(file, answers, answers.ratings, 1) for file, answers in entries]
    groups: dict[str, list[tuple[str, Answers]]] = {}
    for file, answers in entries:
        key = " ".join((answers.whose or _stem(file)).split()).casefold()
        groups.setdefault(key, []).append((file, answers))
    found: list[tuple[str, Answers, Mapping[str, int | None], int]] = []
    for group in groups.values():
        file, answers = next(((f, a) for f, a in group if a.rated_by == "self"), group[0])
        everyone = [a for _, a in group]
        skill_ids = {skill for a in everyone for skill in a.ratings}
        combined = {skill.id: combined_rating(everyone, skill.id) for skill in kb.skills if skill.id in skill_ids}
        found.append((file, answers, combined, len(group)))
    return found


def _stem(file: str) -> str:
    base = file.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base[1:] else base
    return stem or base


class _Tally:
    """Counts per skill in one pass over every person's skill scores (large cohorts stay fast)."""

    def __init__(self, kb: KnowledgeBase, people: Sequence[Person]) -> None:
        self.kb = kb
        size = len(kb.skills)
        index = {skill.id: i for i, skill in enumerate(kb.skills)}
        width = len(kb.scale) + 1
        ratings = [[0] * width for _ in range(size)]  # people at each rating, 0 for unrated
        gapped = [[0] * width for _ in range(size)]  # the same, for the people with a gap only
        weighted_gap = [0] * size
        for person in people:
            for s in person.score.skills:
                i = index[s.skill]
                rating = s.rating or 0
                ratings[i][rating] += 1
                if s.gap:
                    gapped[i][rating] += 1
                    weighted_gap[i] += s.weight * s.gap
        required: list[dict[str, int]] = [{} for _ in range(size)]
        targets = {p.target_role for p in people}
        for target in (r for r in kb.roles if r.id in targets):  # ladder order
            for skill, req in kb.requirements(target):
                required[index[skill.id]][target.id] = req.level
        self.gapped = {kb.skills[i].id: gapped[i] for i in range(size)}
        self.skills = tuple(
            SkillStats(
                skill=skill.id,
                name=skill.name,
                category=skill.category,
                required=tuple(required[i].items()),
                people=sum(ratings[i]),
                distribution=tuple(ratings[i]),
                with_gap=sum(gapped[i]),
                weighted_gap=weighted_gap[i],
                mean=_mean(ratings[i]),
                median=_median(ratings[i]),
            )
            for i, skill in enumerate(kb.skills)
            if sum(ratings[i])
        )

    def workshops(self) -> tuple[Workshop, ...]:
        """The gaps most people share (then the largest weighted total, then knowledge-base order).

        Projects are pitched at the low median rating of the people with the gap, so a group
        session starts where most of its attendees are.
        """
        order = {s.skill: i for i, s in enumerate(self.skills)}
        common = sorted(
            (s for s in self.skills if s.with_gap), key=lambda s: (-s.with_gap, -s.weighted_gap, order[s.skill])
        )
        found = []
        for stats in common[:WORKSHOPS]:
            pitch = _median_low(self.gapped[stats.skill]) or None
            projects = projects_for(self.kb.skill(stats.skill), pitch, limit=WORKSHOP_PROJECTS)
            found.append(Workshop(stats.skill, stats.name, stats.with_gap, stats.people, pitch, tuple(projects)))
        return tuple(found)


def _nth(counts: Sequence[int], n: int, start: int) -> int:
    """The n-th (0-based) value in sorted order, from counts of each value from `start` up."""
    for value in range(start, len(counts)):
        if n < counts[value]:
            return value
        n -= counts[value]
    raise IndexError(n)


def _mean(counts: Sequence[int]) -> float | None:
    """Mean of the ratings (index 0, unrated, left out), one decimal, half up."""
    rated = sum(counts[1:])
    if not rated:
        return None
    return one_decimal(sum(level * counts[level] for level in range(1, len(counts))), rated)


def _median(counts: Sequence[int]) -> float | None:
    """Median of the ratings (unrated left out): the middle one, or the mean of the middle two."""
    rated = sum(counts[1:])
    if not rated:
        return None
    middle = _nth(counts, (rated - 1) // 2, 1)
    if rated % 2:
        return float(middle)
    return (middle + _nth(counts, rated // 2, 1)) / 2


def _median_low(counts: Sequence[int]) -> int:
    """The low median of values 0 up to the scale's top level (0 is unrated), as `statistics.median_low`."""
    return _nth(counts, (sum(counts) - 1) // 2, 0)
