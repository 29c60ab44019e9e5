"""What the history commands do, as functions over the store: `pmladder.api` exposes them."""

from __future__ import annotations

import re
from pathlib import Path

from pmladder.assessment.answers import Answers
from pmladder.assessment.report import Assessment, RoleRef, build_assessment
from pmladder.assessment.scoring import score
from pmladder.commands import quoted_command
from pmladder.errors import PmladderError
from pmladder.history.diff import Diff, compare
from pmladder.history.progress import Progress, choose_series, trend
from pmladder.history.records import answers_for, label, ladder_of, lenient_answers, stored_answers
from pmladder.history.saving import Saved as Saved  # `assess` imports `saving` alone; re-exported for the API
from pmladder.history.saving import database_path
from pmladder.history.saving import save as save
from pmladder.history.store import Entry, opened
from pmladder.history.views import HistoryView, StoredReport, history_view, stored_report
from pmladder.knowledge.base import KnowledgeBase

_ID = re.compile(r"#?([0-9]{1,18})")


def is_history_id(text: str) -> bool:
    """'3' and '#3' are history ids."""
    return _ID.fullmatch(text.strip()) is not None


def parse_id(text: str | int) -> int:
    """A history id from '3' or '#3'; anything else is an error that says what an id looks like."""
    if isinstance(text, int):
        return text
    found = _ID.fullmatch(text.strip())
    if found is None:
        raise PmladderError(f"'{text}' is not a history id: ids are the numbers {quoted_command('history')} lists")
    return int(found.group(1))


def entries(kb: KnowledgeBase, *, all_ladders: bool = False, database: str | Path | None = None) -> list[Entry]:
    """Stored assessments, oldest first: the ladder in use's, or every ladder's."""
    with opened(database_path(database), create=False) as store:
        return [] if store is None else store.entries(None if all_ladders else ladder_of(kb))


def listing(kb: KnowledgeBase, *, all_ladders: bool = False, database: str | Path | None = None) -> HistoryView:
    found = entries(kb, all_ladders=all_ladders, database=database)
    path = database_path(database)
    return history_view(found, kb, in_use=ladder_of(kb), all_ladders=all_ladders, database=str(path))


def entry(entry_id: int | str, *, database: str | Path | None = None) -> Entry:
    number = parse_id(entry_id)
    with opened(database_path(database), create=False) as store:
        found = store.get(number) if store is not None else None
    if found is None:
        raise PmladderError(f"no assessment #{number} in your history (see {quoted_command('history')})")
    return found


def report(entry_id: int | str, kb: KnowledgeBase, *, database: str | Path | None = None) -> Assessment | StoredReport:
    """A stored assessment's report: re-scored when the ladder in use is the one it was scored with
    (same digest), so every format and today's wording apply; else the report exactly as stored."""
    found = entry(entry_id, database=database)
    if found.kb_digest == kb.digest:
        try:
            return build_assessment(kb, answers_for(found, kb))
        except PmladderError:
            pass  # the ladder reads the same but the answers no longer do: show what was stored
    return stored_report(found, kb)


def answers(entry_id: int | str, kb: KnowledgeBase | None = None, *, database: str | Path | None = None) -> Answers:
    """A stored assessment's answers: as stored, or read strictly against `kb` as an answers file would be."""
    found = entry(entry_id, database=database)
    return stored_answers(found) if kb is None else answers_for(found, kb)


def delete(entry_id: int | str, *, database: str | Path | None = None) -> None:
    number = parse_id(entry_id)
    with opened(database_path(database), create=False) as store:
        gone = store.delete(number) if store is not None else False
    if not gone:
        raise PmladderError(f"no assessment #{number} in your history (see {quoted_command('history')})")


def diff(
    before: Answers,
    after: Answers,
    kb: KnowledgeBase,
    *,
    role: str | None = None,
    sources: tuple[str, str] = ("before", "after"),
) -> Diff:
    """Both answers scored against one role (`role`, else the second's target role) and compared."""
    from pmladder.assessment.report import resolve_target

    target = resolve_target(after, kb, role).id
    return compare(
        build_assessment(kb, before, role=target),
        build_assessment(kb, after, role=target),
        sources=sources,
        role_chosen=role is not None,
    )


def progress(
    kb: KnowledgeBase,
    *,
    role: str | None = None,
    name: str | None = None,
    rater: str | None = None,
    database: str | Path | None = None,
) -> Progress:
    """One person's assessments toward one target, each scored against the ladder in use."""
    if role is not None:
        kb.role(role)  # an unknown role is an error with "did you mean"
    chosen = choose_series(entries(kb, database=database), role=role, name=name, rater=rater)
    target = kb.find_role(chosen[-1].target_role)
    if target is None:
        raise PmladderError(f"{label(chosen[-1])}: its target role '{chosen[-1].target_role}' is not in this ladder")
    scored = []
    for found in chosen:
        stored = lenient_answers(found, kb)  # a skill removed from the ladder since counts as unrated
        scored.append((found, score(kb, target, stored.ratings, stored.evidence)))
    latest = chosen[-1]
    return trend(
        scored,
        target=RoleRef.of(target),
        kb_version=kb.version,
        name=latest.name,
        rater=latest.rater,
        rater_name=latest.rater_name,
        levels=kb.levels,
    )
