"""pmladder's Python API: what the command line does, as functions that return values.

The CLI is a thin layer over these; nothing here prints or prompts. Errors are
`PmladderError`, whose `problems` each carry a place (`file:line:column`) when known.

    from pmladder import api

    kb = api.load_knowledge_base()                      # the bundled ladder
    answers = api.read_answers("ada.yaml", kb)
    report = api.assess(answers, kb, role="head-of-product")
    print(report.score.readiness, report.to_dict()["verdict"])

    cohort = api.score_cohort(["cohort/"], kb, skip_invalid=True)
    for person in cohort.people:
        print(person.name, person.score.readiness)

    api.save_assessment(report, kb)                     # into the local history database
    api.list_history(kb).to_dict()                      # exactly `pmladder history --format json`
    api.diff(api.history_answers(1, kb), answers, kb)   # what changed since the first one
    api.progress(kb, name="Ada")                        # the trend toward one target

`to_dict()` on every result returns exactly the documented JSON contract: `pmladder assess
--format json` prints `api.assess(...).to_dict()`. The knowledge base's roles, skills and
projects are immutable named tuples (`pmladder.knowledge.values`); `values.plain(role)` gives
them as JSON-ready data.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pmladder.errors import PmladderError, Problem

if TYPE_CHECKING:
    from pmladder.assessment.answers import Answers
    from pmladder.assessment.answers_file import Source
    from pmladder.assessment.compare import Comparison
    from pmladder.assessment.gates import Gates
    from pmladder.assessment.match import Match
    from pmladder.assessment.plan import Plan
    from pmladder.assessment.report import Assessment
    from pmladder.cohort.aggregate import CohortResult
    from pmladder.history.diff import Diff
    from pmladder.history.progress import Progress
    from pmladder.history.saving import Saved
    from pmladder.history.store import HistoryError
    from pmladder.history.views import HistoryView, StoredReport
    from pmladder.knowledge.base import KnowledgeBase

__all__ = [
    "Answers",
    "Assessment",
    "CohortResult",
    "Comparison",
    "Diff",
    "Gates",
    "HistoryError",
    "HistoryView",
    "KnowledgeBase",
    "Match",
    "Plan",
    "PmladderError",
    "Problem",
    "Progress",
    "Saved",
    "StoredReport",
    "assess",
    "compare",
    "delete_assessment",
    "diff",
    "history_answers",
    "history_report",
    "list_history",
    "load_knowledge_base",
    "match",
    "plan",
    "progress",
    "read_answers",
    "save_assessment",
    "score_cohort",
]

# The result types, imported on first use: `pmladder roles` must not pay for YAML or scoring.
_TYPES = {
    "Answers": "pmladder.assessment.answers",
    "Assessment": "pmladder.assessment.report",
    "CohortResult": "pmladder.cohort.aggregate",
    "Comparison": "pmladder.assessment.compare",
    "Gates": "pmladder.assessment.gates",
    "Match": "pmladder.assessment.match",
    "Plan": "pmladder.assessment.plan",
    "KnowledgeBase": "pmladder.knowledge.base",
    "Diff": "pmladder.history.diff",
    "HistoryError": "pmladder.history.store",
    "HistoryView": "pmladder.history.views",
    "Progress": "pmladder.history.progress",
    "Saved": "pmladder.history.saving",
    "StoredReport": "pmladder.history.views",
}


def __getattr__(name: str) -> Any:
    if name in _TYPES:
        return getattr(importlib.import_module(_TYPES[name]), name)
    raise AttributeError(f"module 'pmladder.api' has no attribute '{name}'")


def load_knowledge_base(path: str | Path | None = None) -> KnowledgeBase:
    """A validated knowledge base from a folder with roles.yaml and skills.yaml; the bundled one for None.

    Answered from the start-up cache when the files are unchanged.
    """
    from pmladder.io.paths import bundled_kb_dir
    from pmladder.knowledge.cache import load_cached

    return load_cached(Path(path) if path is not None else bundled_kb_dir())


def read_answers(source: Source, kb: KnowledgeBase, *, name: str | None = None) -> Answers:
    """Read and check an answers file: a path, `-` for stdin, or an open stream such as `io.StringIO(text)`.

    `name` is how the source is named in messages (default: its path, or the stream's name).
    """
    from pmladder.assessment.answers_file import read_answers as read

    return read(source, kb, name=name)


def assess(answers: Answers, kb: KnowledgeBase, *, role: str | None = None, city: str | None = None) -> Assessment:
    """Score answers against their target role, or `role`; `city` chooses the salary figure shown."""
    from pmladder.assessment.report import build_assessment

    return build_assessment(kb, answers, role=role, city=city)


def match(answers: Answers, kb: KnowledgeBase) -> Match:
    """The same ratings scored against every role, best fit first."""
    from pmladder.assessment.match import match as best_fit

    return best_fit(kb, answers)


def compare(own: Source, others: Sequence[Source], kb: KnowledgeBase, *, role: str | None = None) -> Comparison:
    """A self-assessment beside others' ratings of the same person.

    `others` are files, folders (their answers files, the self file left out) and globs, as
    for a cohort, or open streams; every file is read strictly.
    """
    from pmladder.assessment.compare import compare as calibrate
    from pmladder.cohort.inputs import expand_paths
    from pmladder.io.files import display_name, same_path

    paths = [str(o) for o in others if isinstance(o, (str, Path))]
    files = (
        [f for f in expand_paths(paths) if not isinstance(own, (str, Path)) or not same_path(f, own)] if paths else []
    )
    sources: list[Source] = [own, *files, *(o for o in others if not isinstance(o, (str, Path)))]
    names = [display_name(s) if isinstance(s, (str, Path)) else getattr(s, "name", "<stream>") for s in sources]
    read = [read_answers(source, kb) for source in sources]
    return calibrate(kb, read[0], read[1:], role=role, names=names)


def plan(
    answers: Answers,
    kb: KnowledgeBase,
    *,
    others: Sequence[Source] = (),
    role: str | None = None,
    start: dt.date | None = None,
    hours_per_week: int = 4,
    weeks: int = 12,
) -> Plan:
    """A dated plan for the top gaps: from the answers, or from the combined view with `others`.

    `start` defaults to next Monday.
    """
    from pmladder.assessment.answers_file import read_answers as read
    from pmladder.assessment.compare import compare as calibrate
    from pmladder.assessment.plan import make_plan, next_monday

    if others:
        result = calibrate(kb, answers, [read(o, kb) for o in others], role=role).combined_score
    else:
        result = assess(answers, kb, role=role).score
    first = start or next_monday(dt.date.today())
    return make_plan(
        kb,
        result,
        name=answers.whose,
        start=first,
        hours_per_week=hours_per_week,
        weeks=weeks,
        calibrated=bool(others),
        rater=answers.rated_by,
        rater_name=answers.rater_name,
    )


def score_cohort(
    paths: Sequence[str | Path],
    kb: KnowledgeBase,
    *,
    role: str | None = None,
    skip_invalid: bool = False,
    gates: Gates | None = None,
    on_file: Callable[[int, int], None] | None = None,
    jobs: int | None = 1,
) -> CohortResult:
    """Score answers files, folders (their *.yaml, *.yml, *.json) and globs as one cohort.

    Every file is read first: with any invalid, `PmladderError` lists every problem in every
    file, unless `skip_invalid`, which scores the rest and lists the others in `skipped`.
    `role` scores everyone against that role; `gates` marks who falls short; `on_file(done, total)`
    is called as files are read (a progress bar). `jobs` is how many processes read the files:
    1 (the default) reads them in this one, None chooses by the number of files and cores,
    as `pmladder cohort` does; the result is the same for any number.
    """
    from pmladder.cohort.aggregate import aggregate, summarize
    from pmladder.cohort.inputs import expand_paths
    from pmladder.cohort.pipeline import score_files

    files = expand_paths([str(p) for p in paths])
    scored = score_files(files, kb, role=role, gates=gates, jobs=jobs, on_file=on_file)
    if scored.invalid and not skip_invalid:
        raise PmladderError(scored.problems())
    if not scored.people:
        raise PmladderError([*scored.problems(), Problem("no valid answers file to score")])
    if all(p.answers.rated_by == "self" for p in scored.people):
        return summarize(scored.people, kb, role=role, gates=gates, skipped=scored.invalid)
    # managers' and peers' files: people are grouped across files, then scored under the combined view
    entries = [(p.file, p.answers) for p in scored.people]
    return aggregate(entries, kb, role=role, gates=gates, skipped=scored.invalid)


# --- history: a local SQLite database of completed assessments (see README, "pmladder history") ---
# `database` is the database file; None is `history.sqlite3` in the user's pmladder folder
# ($PMLADDER_HOME). A database that cannot be used raises `HistoryError`, a `PmladderError`.


def save_assessment(report: Assessment, kb: KnowledgeBase, *, database: str | Path | None = None) -> Saved:
    """Keep a scored assessment in the history; the same answers (their rater included) and ladder are kept once.

    Returns the id and whether it was added.
    """
    from pmladder.history.saving import save

    return save(report, kb, database=database)


def list_history(kb: KnowledgeBase, *, all_ladders: bool = False, database: str | Path | None = None) -> HistoryView:
    """Stored assessments, oldest first: this knowledge base's (its folder), or every one's."""
    from pmladder.history.service import listing

    return listing(kb, all_ladders=all_ladders, database=database)


def history_report(
    entry_id: int | str, kb: KnowledgeBase, *, database: str | Path | None = None
) -> Assessment | StoredReport:
    """A stored assessment's report: re-scored when `kb` is the ladder it was scored with (same digest),
    else the report exactly as stored (`StoredReport`)."""
    from pmladder.history.service import report

    return report(entry_id, kb, database=database)


def history_answers(
    entry_id: int | str, kb: KnowledgeBase | None = None, *, database: str | Path | None = None
) -> Answers:
    """A stored assessment's answers: as stored, or checked against `kb` like an answers file."""
    from pmladder.history.service import answers

    return answers(entry_id, kb, database=database)


def delete_assessment(entry_id: int | str, *, database: str | Path | None = None) -> None:
    """Remove one stored assessment; an unknown id is a `PmladderError`."""
    from pmladder.history.service import delete

    delete(entry_id, database=database)


def diff(
    before: Answers,
    after: Answers,
    kb: KnowledgeBase,
    *,
    role: str | None = None,
    sources: tuple[str, str] = ("before", "after"),
) -> Diff:
    """Both scored against one role (`role`, else `after`'s target role) and compared; `sources` names them."""
    from pmladder.history.service import diff as compare

    return compare(before, after, kb, role=role, sources=sources)


def progress(
    kb: KnowledgeBase,
    *,
    role: str | None = None,
    name: str | None = None,
    rater: str | None = None,
    database: str | Path | None = None,
) -> Progress:
    """One person's trend toward one target, every assessment scored against `kb`.

    `name` is the person rated; `rater` a kind of rater (self, manager, peer, other) or a rater's name.

    When the filters leave several people, targets or raters, `PmladderError` lists the choices.
    """
    from pmladder.history.service import progress as trend

    return trend(kb, role=role, name=name, rater=rater, database=database)
