"""Answers files: one person's ratings against a target role, in YAML or JSON.

The same format is written by the questionnaire, filled in by hand from `pmladder template`
and scored in CI, so an assessment can be replayed, edited, stored and compared.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pmladder.errors import PmladderError, Problem, did_you_mean, unknown
from pmladder.io import yamlfile
from pmladder.io.files import read_text
from pmladder.io.validation import validate
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.models import Id

ANSWERS_SCHEMA_VERSION = 1
MAX_NAME = 120

Rating = Annotated[int, Field(strict=True, ge=1, le=5, description="1 Aware .. 5 Expert; null for 'not sure yet'.")]
Evidence = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


class Answers(BaseModel):
    """One person's self-assessment: the value that is stored, replayed and compared."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NAME)] | None = None
    current_role: Id | None = None
    target_role: Id | None = Field(default=None, description="Required unless --role is given.")
    city: str | None = Field(default=None, description="For salary context in the report.")
    assessed_on: dt.date | None = None
    kb_version: str | None = Field(
        default=None, description="The knowledge-base version the ratings were given against."
    )
    ratings: dict[Id, Rating | None] = Field(
        default_factory=dict, description="Skill id -> rating; null is 'not sure yet'."
    )
    evidence: dict[Id, Evidence] = Field(default_factory=dict, description="Skill id -> what shows the rating.")


def read_answers(path: str | Path, kb: KnowledgeBase, *, role: str | None = None) -> Answers:
    """Read and check an answers file (`-` for stdin); `role` overrides its target role."""
    name, text = read_text(path)
    return parse_answers(text, name, kb, role=role)


def parse_answers(text: str, name: str, kb: KnowledgeBase, *, role: str | None = None) -> Answers:
    """Parse and check an answers file; every problem in it is reported at once."""
    document = yamlfile.read(text, name)
    try:
        answers = validate(Answers, document)
    except PmladderError as exc:
        # the schema failed, but unknown roles and skills are worth reporting in the same run
        raw = document.data
        seen = {(p.line, p.column) for p in exc.problems}
        extra = [
            p
            for p in check_references(_Raw(raw), kb, document, role=role)
            if (p.line, p.column) not in seen and "missing required key" not in p.message
        ]
        raise PmladderError(sorted(exc.problems + extra, key=lambda p: p.sort_key)) from None
    if role is not None:
        answers = answers.model_copy(update={"target_role": role})
    problems = check_references(answers, kb, document, role=role)
    if problems:
        raise PmladderError(problems)
    return answers


class _Raw:
    """The fields `check_references` reads, taken from unvalidated data (strings only)."""

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
        self.ratings = keys("ratings")
        self.evidence = keys("evidence")


def check_references(
    answers: Answers | _Raw,
    kb: KnowledgeBase,
    document: yamlfile.Document | None = None,
    *,
    role: str | None = None,
) -> list[Problem]:
    """Problems an answers file has against a knowledge base: unknown roles and skills, a missing target."""
    name = document.name if document else None

    def at(loc: tuple[str, ...], message: str, *, key: bool = False) -> Problem:
        return document.problem(loc, message, key=key) if document else Problem(message, name)

    problems: list[Problem] = []
    target = role if role is not None else answers.target_role
    if target is None:
        problems.append(at((), "missing required key 'target_role' (or pass --role ID)"))
    elif not kb.has_role(target):
        message = unknown("role", target, (r.id for r in kb.roles))
        # a role from --role is not in the file: no place to point at
        problems.append(Problem(message) if role is not None else at(("target_role",), message))
    if target is not None and kb.has_role(target) and answers.city is not None:
        figures = kb.role(target).salaries
        cities = [f.city for f in figures.figures] if figures else []
        if cities and answers.city.strip().casefold() not in {c.casefold() for c in cities}:
            problems.append(at(("city",), unknown("city", answers.city, cities)))
    if answers.current_role is not None and not kb.has_role(answers.current_role):
        problems.append(at(("current_role",), unknown("role", answers.current_role, (r.id for r in kb.roles))))
    for section in ("ratings", "evidence"):
        for skill_id in getattr(answers, section):
            if not kb.has_skill(skill_id):
                message = f"{section}: unknown skill '{skill_id}'{did_you_mean(skill_id, (k.id for k in kb.skills))}"
                problems.append(at((section, skill_id), message, key=True))
    return problems


def answers_to_data(answers: Answers) -> dict[str, object]:
    """The answers as plain data in file order, leaving out what is empty."""
    data = answers.model_dump(mode="json", exclude_none=True)
    data["ratings"] = dict(answers.ratings)  # keep nulls: they are "not sure yet"
    if not answers.evidence:
        data.pop("evidence", None)
    return data


def dump_answers(answers: Answers, header: str = "") -> str:
    """An answers file as YAML, readable and editable by hand, that reads back to the same value."""
    import yaml

    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + yaml.safe_dump(answers_to_data(answers), sort_keys=False, allow_unicode=True, width=100)


def write_answers(path: str | Path, answers: Answers, header: str = "") -> None:
    """Write an answers file atomically (or to stdout for `-`)."""
    from pmladder.io.files import write_text

    write_text(path, dump_answers(answers, header))
