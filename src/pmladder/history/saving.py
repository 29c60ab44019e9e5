"""Keeping one scored assessment: what `assess` does after every report, so it imports only the store and records.

The rest of the history (listing, reports, diff, progress) is in `service`, which re-exports
these; `assess` must not pay for the view models it never builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pmladder.assessment.report import Assessment
from pmladder.history.records import new_entry
from pmladder.history.store import opened
from pmladder.knowledge.base import KnowledgeBase


@dataclass(frozen=True)
class Saved:
    """Where an assessment went: its id, and whether it was added (False: the same one was already there)."""

    id: int
    added: bool
    database: Path


def database_path(database: str | Path | None = None) -> Path:
    """The history database: `database` when given, else `history.sqlite3` in the user's pmladder folder."""
    if database is not None:
        return Path(database)
    from pmladder.io.paths import history_db

    return history_db()


def save(report: Assessment, kb: KnowledgeBase, *, database: str | Path | None = None) -> Saved:
    """Keep a scored assessment; the same answers (their rater included) with the same ladder are kept once."""
    path = database_path(database)
    row = new_entry(report, kb)
    with opened(path) as store:
        assert store is not None  # created when missing
        entry_id, added = store.add(row)
    return Saved(entry_id, added, path)
