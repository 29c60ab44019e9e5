"""Calibration: one person's self-assessment beside their manager's and peers' ratings.

Self-ratings run lenient and one rater alone is unreliable (see the README's sources), so the
useful signal is where the views differ. Peers are only ever shown as a mean, and only for a
skill at least `MIN_PEERS` peers rated: no single peer can be identified.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from pmladder.assessment.answers import Answers, ladder_mismatch
from pmladder.assessment.report import resolve_target
from pmladder.assessment.scoring import Score, one_decimal, score
from pmladder.errors import PmladderError
from pmladder.knowledge.base import KnowledgeBase

MIN_PEERS = 3
APART = 2  # a blind spot or hidden strength: self at least this far from the others
AGREE_WITHIN = 1
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class SkillViews:
    """One skill under every view; None where a view has no rating."""

    skill: str
    name: str
    required: int
    self_rating: int | None
    manager: float | None  # the manager's rating (a mean if several managers rated)
    peers: float | None  # the peers' mean, only with at least MIN_PEERS peer ratings
    peer_count: int  # how many peers rated it (shown, so 'fewer than 3' can be said)
    others: float | None  # the manager's rating when present, else the mean of the other raters shown
    difference: float | None  # self - others
    combined: int | None  # the mean of every rating shown, half up to a whole level

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "self": self.self_rating,
            "manager": self.manager,
            "peers": self.peers,
            "peer_count": self.peer_count if self.peer_count >= MIN_PEERS else None,
            "others": self.others,
            "difference": self.difference,
        }


@dataclass(frozen=True)
class Rater:
    rater: str
    rater_name: str | None


@dataclass(frozen=True)
class Comparison:
    """A calibrated view of one subject against one target role."""

    view: ClassVar[str] = "comparison"
    kb_version: str
    subject: str | None
    target_role: str
    target_name: str
    raters: tuple[Rater, ...]
    skills: tuple[SkillViews, ...]
    blind_spots: tuple[str, ...]
    hidden_strengths: tuple[str, ...]
    agreement: float | None  # % of skills rated by self and others within one level
    self_score: Score
    others_score: Score
    combined_score: Score
    other_ladders: tuple[str, ...] = ()  # 'file: written for …' for files that name another ladder

    @property
    def combined_ratings(self) -> dict[str, int | None]:
        return {s.skill: s.combined for s in self.skills}

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "kb_version": self.kb_version,
            "subject": self.subject,
            "target_role": self.target_role,
            "raters": [{"rater": r.rater, "rater_name": r.rater_name} for r in self.raters],
            "skills": [s.to_dict() for s in self.skills],
            "blind_spots": list(self.blind_spots),
            "hidden_strengths": list(self.hidden_strengths),
            "agreement": self.agreement,
            "readiness": {
                "self": self.self_score.readiness,
                "others": self.others_score.readiness,
                "combined": self.combined_score.readiness,
            },
            "coverage": {
                "self": self.self_score.coverage,
                "others": self.others_score.coverage,
                "combined": self.combined_score.coverage,
            },
            "verdict": {
                "self": self.self_score.verdict.value,
                "others": self.others_score.verdict.value,
                "combined": self.combined_score.verdict.value,
            },
        }


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _mean(values: Sequence[int]) -> float | None:
    return one_decimal(10 * sum(values), 10 * len(values)) if values else None


def _whole(values: Sequence[int]) -> int | None:
    """The mean, half up to a whole level."""
    return (2 * sum(values) + len(values)) // (2 * len(values)) if values else None


def compare(
    kb: KnowledgeBase, own: Answers, others: Sequence[Answers], *, role: str | None = None, names: Sequence[str] = ()
) -> Comparison:
    """Compare a self-assessment with others' ratings of the same subject; `names` name the files in messages."""
    if own.rated_by != "self":
        raise PmladderError(f"the first file must be the self-assessment; it was written by a {own.rated_by}")
    if not others:
        raise PmladderError("give at least one file from someone else (a manager or peers) to compare with")
    subject = own.whose
    for i, other in enumerate(others):
        where = names[i + 1] if len(names) > i + 1 else f"file {i + 2}"
        if other.rated_by == "self":
            raise PmladderError(f"{where} is a self-assessment; set rater: manager, peer or other in it")
        if subject is not None and not _same(other.whose, subject):
            raise PmladderError(
                f"{where} rates {other.whose or 'an unnamed person'!r}, not {subject!r}: compare files about one person"
            )
    target = resolve_target(own, kb, role)
    rows: list[SkillViews] = []
    for skill, req in kb.requirements(target):
        mine = own.ratings.get(skill.id)
        managers, peers, rest = _by_rater(others, skill.id)
        shown_peers = peers if len(peers) >= MIN_PEERS else []
        manager = _mean(managers)
        others_mean = manager if manager is not None else _mean(shown_peers + rest)
        difference = None if mine is None or others_mean is None else round(mine - others_mean, 1)
        rows.append(
            SkillViews(
                skill.id,
                skill.name,
                req.level,
                mine,
                manager,
                _mean(shown_peers),
                len(peers),
                others_mean,
                difference,
                combined_rating([own, *others], skill.id),
            )
        )
    both = [r for r in rows if r.difference is not None]
    agreement = (
        one_decimal(100 * sum(1 for r in both if abs(r.difference or 0) <= AGREE_WITHIN), len(both)) if both else None
    )
    others_view = {r.skill: _whole_of(r.others) for r in rows}
    return Comparison(
        kb_version=kb.version,
        subject=subject,
        target_role=target.id,
        target_name=target.name,
        raters=(Rater("self", own.name), *(Rater(o.rated_by, o.rater_name) for o in others)),
        skills=tuple(rows),
        blind_spots=tuple(r.skill for r in rows if r.difference is not None and r.difference >= APART),
        hidden_strengths=tuple(r.skill for r in rows if r.difference is not None and r.difference <= -APART),
        agreement=agreement,
        self_score=score(kb, target, own.ratings),
        others_score=score(kb, target, others_view),
        combined_score=score(kb, target, {r.skill: r.combined for r in rows}),
        other_ladders=tuple(
            f"{names[i] if len(names) > i else f'file {i + 1}'}: {message}"
            for i, answers in enumerate((own, *others))
            if (message := ladder_mismatch(answers, kb))
        ),
    )


def _by_rater(others: Sequence[Answers], skill_id: str) -> tuple[list[int], list[int], list[int]]:
    """The ratings of one skill by managers, peers and other raters."""
    found: dict[str, list[int]] = {"manager": [], "peer": [], "other": [], "self": []}
    for other in others:
        rating = other.ratings.get(skill_id)
        if rating is not None:
            found[other.rated_by].append(rating)
    return found["manager"], found["peer"], found["other"]


def combined_rating(group: Sequence[Answers], skill_id: str) -> int | None:
    """The combined view of one skill: the mean of every rating that may be shown, half up to a level.

    Peers count only when at least MIN_PEERS of them rated the skill, as everywhere else.
    """
    own = [r for a in group if a.rated_by == "self" and (r := a.ratings.get(skill_id)) is not None]
    managers, peers, rest = _by_rater([a for a in group if a.rated_by != "self"], skill_id)
    return _whole(own + managers + (peers if len(peers) >= MIN_PEERS else []) + rest)


def _whole_of(value: float | None) -> int | None:
    """A mean with one decimal, half up to a whole level."""
    return None if value is None else int(value + 0.5)
