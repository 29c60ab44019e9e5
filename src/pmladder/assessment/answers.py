"""`Answers`: one person's ratings against a target role, as a plain value.

The same value is written by the questionnaire, filled in by hand from `pmladder template`,
scored in CI, stored and compared. Reading and writing files is `answers_file`'s job; this
module only knows the shape and how it refers to a knowledge base.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pmladder.errors import Problem, did_you_mean, unknown
from pmladder.io.sanitize import quoted
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.fields import SCALE_BOUND, Id
from pmladder.knowledge.values import MAX_LEVELS

if TYPE_CHECKING:
    from pmladder.io.yamlfile import Document  # YAML is imported only where a file is read

ANSWERS_SCHEMA_VERSION = 1
MAX_NAME = 120
Rater = Literal["self", "manager", "peer", "other"]

Rating = Annotated[
    int,
    Field(
        strict=True,
        ge=1,
        le=MAX_LEVELS,
        description="A level of the ladder's scale, from 1 (its lowest) to its top level; null for 'not sure yet'.",
    ),
    SCALE_BOUND,
]
Evidence = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


class Answers(BaseModel):
    """One person's self-assessment: the value that is stored, replayed and compared."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] | None = Field(
        default=None, description="The answers-file format; 1 today. Files without it are read as 1."
    )
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NAME)] | None = None
    rater: Rater | None = Field(
        default=None, description="Who gave the ratings: self (the default), manager, peer or other."
    )
    rater_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NAME)] | None = Field(
        default=None, description="The rater's name, when the rater is not the subject."
    )
    subject: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NAME)] | None = Field(
        default=None, description="Whose skills are rated; defaults to name."
    )
    current_role: Id | None = None
    target_role: Id | None = Field(default=None, description="Required unless --role is given.")
    city: str | None = Field(default=None, description="For salary context in the report.")
    assessed_on: dt.date | None = None
    kb_name: str | None = Field(
        default=None,
        max_length=300,
        description="The name of the ladder the ratings were given against (its about.name, else its folder).",
    )
    kb_version: str | None = Field(
        default=None, description="The knowledge-base version the ratings were given against."
    )
    ratings: dict[Id, Rating | None] = Field(
        default_factory=dict, description="Skill id -> rating; null is 'not sure yet' (or 'not observed')."
    )
    evidence: dict[Id, Evidence] = Field(default_factory=dict, description="Skill id -> what shows the rating.")

    @property
    def rated_by(self) -> Rater:
        return self.rater or "self"

    @property
    def whose(self) -> str | None:
        """The person whose skills these are: `subject`, else `name`."""
        return self.subject or self.name


class RawAnswers:
    """The fields `check_references` reads, taken from unvalidated data (strings only).

    When the schema fails, unknown roles and skills are still worth reporting in the same run.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        def keys(key: str) -> list[str]:
            value = data.get(key)
            return [k for k in value if isinstance(k, str)] if isinstance(value, dict) else []

        self.target_role = text("target_role")
        self.current_role = text("current_role")
        self.city = text("city")
        self.kb_name = text("kb_name")
        self.kb_version = text("kb_version")
        self.ratings = keys("ratings")
        self.evidence = keys("evidence")
        ratings = data.get("ratings")
        self.levels: dict[str, int] = {
            k: v
            for k, v in (ratings.items() if isinstance(ratings, dict) else [])
            if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
        }


def check_references(answers: Answers | RawAnswers, kb: KnowledgeBase, document: Document) -> list[Problem]:
    """Problems an answers file has against a knowledge base: unknown roles, skills and cities, and
    ratings above the ladder's scale.

    Ratings written for another ladder (another `kb_name`, or another `kb_version`, with ids or
    levels this ladder does not have) are one sentence, not a list of unknown skills.
    """
    problems: list[Problem] = []
    for key in ("target_role", "current_role"):
        value = getattr(answers, key)
        if value is not None and kb.find_role(value) is None:
            problems.append(document.problem((key,), kb.unknown_role(value)))
    target = kb.find_role(answers.target_role) if answers.target_role else None
    if target is not None and answers.city is not None and target.salaries:
        cities = [f.city for f in target.salaries.figures]
        if kb.find_city(target, answers.city) is None:
            problems.append(document.problem(("city",), unknown("city", answers.city, cities)))
    strangers = [(section, skill_id) for section in ("ratings", "evidence") for skill_id in getattr(answers, section)]
    strangers = [(section, skill_id) for section, skill_id in strangers if not kb.has_skill(skill_id)]
    ratings = answers.levels if isinstance(answers, RawAnswers) else answers.ratings
    too_high = [(skill_id, r) for skill_id, r in ratings.items() if r is not None and r > kb.levels]
    other_ladder = _other_ladder(answers, kb)
    if other_ladder and (strangers or too_high or problems):
        where = ("kb_name",) if answers.kb_name and answers.kb_name != kb.name else ("kb_version",)
        return [document.problem(where, other_ladder)]
    skill_ids = [k.id for k in kb.skills]
    for section, skill_id in strangers:
        message = f"{section}: unknown skill '{skill_id}'{did_you_mean(skill_id, skill_ids)}"
        problems.append(document.problem((section, skill_id), message, key=True))
    for skill_id, rating in too_high:
        message = f"ratings.{skill_id}: expected a whole number from 1 to {kb.levels}, got the number {rating}"
        problems.append(document.problem(("ratings", skill_id), message))
    return problems


def ladder_title(name: str | None, version: str | None) -> str:
    """'Acme product ladder 2024.2', from whichever of the two is known."""
    return " ".join(part for part in (name, version) if part)


def _other_ladder(answers: Answers | RawAnswers, kb: KnowledgeBase) -> str | None:
    """One sentence when the file names another ladder than `kb` (by name, else by version), else None."""
    other_name = answers.kb_name is not None and answers.kb_name != kb.name
    other_version = answers.kb_version is not None and answers.kb_version != kb.version
    if not (other_name or other_version):
        return None
    written = ladder_title(answers.kb_name, answers.kb_version)
    return (
        f"this file was written for {quoted(written)}; you are using {quoted(kb.title)}:"
        " pass --kb with the folder of the ladder it was written for"
    )


def ladder_mismatch(answers: Answers, kb: KnowledgeBase) -> str | None:
    """A warning for a file that reads against `kb` but names another ladder (another `kb_name`), else None.

    Every id in it exists here (else the reader refuses it with one sentence), yet its levels
    were chosen against another ladder's descriptors, so its score may not mean what it says.
    Another `kb_version` of the same ladder is not warned about: every file kept from an
    earlier release would say so, and a release keeps its ids and levels' meaning.
    """
    if answers.kb_name is None or answers.kb_name == kb.name:
        return None
    written = ladder_title(answers.kb_name, answers.kb_version)
    return (
        f"written for {quoted(written)}, scored against {quoted(kb.title)}: its levels were chosen against"
        " another ladder's descriptors (pass --kb with that ladder's folder to score it there)"
    )


def answers_to_data(answers: Answers) -> dict[str, object]:
    """The answers as plain data in file order, leaving out what is empty."""
    data = answers.model_dump(mode="json", exclude_none=True)
    data["ratings"] = dict(answers.ratings)  # keep nulls: they are "not sure yet"
    if not answers.evidence:
        data.pop("evidence", None)
    return data
