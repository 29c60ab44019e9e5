"""Between assessments and rows: which ladder, the row for an `Assessment`, the answers back from a row."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from pmladder.assessment.answers import Answers, answers_to_data
from pmladder.assessment.answers_file import parse_answers
from pmladder.assessment.report import Assessment
from pmladder.errors import PmladderError
from pmladder.history.store import Entry, NewEntry
from pmladder.knowledge.base import KnowledgeBase

BUNDLED = "bundled"


def ladder_of(kb: KnowledgeBase) -> str:
    """The knowledge base's identity in the history: 'bundled' for pmladder's own, else its folder.

    A folder, not a digest: editing a ladder keeps its history (each row records the version
    and digest it was scored with).
    """
    from pmladder.io.paths import bundled_kb_dir

    folder = Path(kb.source).resolve()
    return BUNDLED if folder == bundled_kb_dir().resolve() else str(folder)


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_hash(answers: dict[str, Any], *, ladder: str, kb_digest: str) -> str:
    """What makes two assessments the same: identical answers (their rater included) and ladder (by digest).

    Key order and the file format's `schema_version` do not count: an exported file scored again is the same.
    """
    content = {k: v for k, v in answers.items() if k != "schema_version"}
    canonical = json.dumps(
        {"answers": content, "ladder": ladder, "kb_digest": kb_digest},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def new_entry(report: Assessment, kb: KnowledgeBase, *, saved_at: str | None = None) -> NewEntry:
    """The row for a scored assessment; taken when the answers are dated, else now (UTC).

    Who is the person rated (the answers' `subject`, else `name`); the rater is the answers'
    (`self` unless a manager, peer or other rated them).
    """
    answers = answers_to_data(report.answers)  # the effective answers: --role and --city applied
    ladder, saved = ladder_of(kb), saved_at or now()
    score = report.score
    return NewEntry(
        taken_at=report.answers.assessed_on.isoformat() if report.answers.assessed_on else saved,
        saved_at=saved,
        name=report.answers.whose,
        rater=report.answers.rated_by,
        current_role=report.current.id if report.current else None,
        target_role=report.target.id,
        readiness=score.readiness,
        coverage=score.coverage,
        verdict=score.verdict.value,
        standing=report.standing.meets,
        ladder=ladder,
        kb_version=report.kb_version,
        kb_digest=report.kb_digest,
        levels=len(report.scale),
        answers=answers,
        report=report.to_dict(),
        content_hash=content_hash(answers, ladder=ladder, kb_digest=report.kb_digest),
    )


def label(entry: Entry) -> str:
    """How a stored assessment is named in messages and reports: 'history #3'."""
    return f"history #{entry.id}"


def stored_answers(entry: Entry) -> Answers:
    """The answers as stored, checked against the answers model only (for export, whatever the ladder)."""
    try:
        return Answers.model_validate(entry.answers)
    except ValueError:
        raise PmladderError(f"{label(entry)}: the stored answers do not read as an answers file") from None


def answers_for(entry: Entry, kb: KnowledgeBase) -> Answers:
    """The stored answers read against a knowledge base, strictly, as an answers file would be."""
    text = json.dumps(entry.answers, ensure_ascii=False)
    return parse_answers(text, label(entry), kb)


def lenient_answers(entry: Entry, kb: KnowledgeBase) -> Answers:
    """The stored answers with what the ladder no longer has left out: skills removed since count as unrated."""
    answers = stored_answers(entry)
    return answers.model_copy(
        update={
            "ratings": {k: v for k, v in answers.ratings.items() if kb.has_skill(k)},
            "evidence": {k: v for k, v in answers.evidence.items() if kb.has_skill(k)},
            "current_role": answers.current_role
            if answers.current_role and kb.has_role(answers.current_role)
            else None,
        }
    )
