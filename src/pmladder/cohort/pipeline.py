"""From answers files to scored people, in one process or, for a large cohort, in several.

Each file is read, checked and scored on its own (`score_file`), so files can be shared
out: `score_files` hands batches of files to worker processes (`jobs`), scores batches in
this process too, and puts the results back in file order, which makes the outcome exactly
that of one process whatever the number of processes or the size of the batches. Scoring
here assumes self-assessments; a cohort that also holds ratings by managers or peers is
scored again as a whole from the answers (`api.score_cohort` does that), since people are
then grouped across files.

Workers are forked where that is safe and cheap (Linux): they inherit the knowledge base
and are sent only file names. Below `PARALLEL_FROM` files a worker costs more than it
saves, so the automatic choice (`auto_jobs`) reads in this process.

People are kept lean, since a cohort holds all of them until the report is written: skill
ids in the answers are the knowledge base's own strings rather than a copy per file, and
identical skill rows (same skill, rating, level, no evidence) are one tuple. Measured on
50,000 files in one process: peak RSS 378 -> 202 MiB (about 3.6 KiB a person less), and
8.9 s rather than 12.9 s, for less to allocate.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pmladder.assessment.answers import Answers
from pmladder.assessment.answers_file import read_answers
from pmladder.assessment.gates import Gates
from pmladder.assessment.report import resolve_target
from pmladder.assessment.scoring import Score, SkillScore, score
from pmladder.cohort.aggregate import Invalid, Person, person
from pmladder.cohort.inputs import names_for
from pmladder.errors import PmladderError, Problem
from pmladder.knowledge.base import KnowledgeBase

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

PARALLEL_FROM = 1000  # files; on 2 cores the fork and the copies it causes cost more below this (README)
MAX_JOBS = 8  # beyond this the one process that merges and renders is the limit
BATCHES_PER_JOB = 64  # small batches: the processes finish within a few milliseconds of each other
MIN_BATCH, MAX_BATCH = 20, 200  # files; a batch's people travel back as one pickle


@dataclass(frozen=True)
class Scored:
    """Every file's outcome, in file order: the people scored and the files that could not be."""

    people: tuple[Person, ...]
    invalid: tuple[Invalid, ...]

    def problems(self) -> list[Problem]:
        """Every problem of every invalid file, sorted by file, then line."""
        return sorted((p for bad in self.invalid for p in bad.problems), key=lambda p: p.sort_key)


class _Shared:
    """One object for values that recur across a cohort: skill ids, and skill rows without evidence."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.ids = {s.id: s.id for s in kb.skills}
        self.rows: dict[SkillScore, SkillScore] = {}

    def answers(self, answers: Answers) -> Answers:
        """The same answers, their skill ids the knowledge base's strings rather than one copy per file."""
        ids = self.ids
        if all(ids.get(k) is k for k in answers.ratings) and all(ids.get(k) is k for k in answers.evidence):
            return answers
        return answers.model_copy(
            update={
                "ratings": {ids.get(k, k): v for k, v in answers.ratings.items()},
                "evidence": {ids.get(k, k): v for k, v in answers.evidence.items()},
            }
        )

    def score(self, result: Score) -> Score:
        """The same score, each skill row without evidence one shared tuple (a cohort has a few hundred kinds)."""
        shared = self.rows.setdefault
        skills = tuple([row if row.evidence else shared(row, row) for row in result.skills])
        return replace(result, skills=skills)


def score_file(
    path: str | Path, name: str, kb: KnowledgeBase, role: str | None, gates: Gates, shared: _Shared | None = None
) -> Person | Invalid:
    """One answers file read strictly and scored against its target (or `role`), as `assess --answers` does."""
    try:
        answers = read_answers(path, kb, name=name)
        target = resolve_target(answers, kb, role)
    except PmladderError as exc:
        return Invalid(name, tuple(sorted(exc.placed(name).problems, key=lambda p: p.sort_key)))
    result = score(kb, target, answers.ratings, answers.evidence)
    if shared is not None:
        answers, result = shared.answers(answers), shared.score(result)
    return person(name, answers, result, gates)


def auto_jobs(files: int) -> int:
    """How many processes to read `files` files with: every usable core for a large cohort, else one."""
    if files < PARALLEL_FROM:
        return 1
    return max(1, min(MAX_JOBS, _cores()))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use (a container's share)
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def batch_size(files: int, jobs: int) -> int:
    return max(MIN_BATCH, min(MAX_BATCH, -(-files // (jobs * BATCHES_PER_JOB))))


def score_files(
    files: Sequence[Path],
    kb: KnowledgeBase,
    *,
    role: str | None = None,
    gates: Gates | None = None,
    jobs: int | None = 1,
    on_file: Callable[[int, int], None] | None = None,
) -> Scored:
    """Read and score every file, keeping going past bad ones to report them all.

    `jobs` is the number of processes (None: `auto_jobs`; 1: this process only); the result
    is the same for any number. `role` overrides every file's target and is checked once, up
    front. `on_file(done, total)` is called as files are done: after each file, or after
    each batch when workers read them.
    """
    if role is not None:
        kb.role(role)
    gates = gates or Gates()
    total = len(files)
    names = names_for(files)
    wanted = auto_jobs(total) if jobs is None else max(1, jobs)
    wanted = min(wanted, total)
    if wanted <= 1:
        outcomes = _serial(files, names, kb, role, gates, on_file)
    else:
        outcomes = _parallel(files, names, kb, role, gates, wanted, on_file)
    people: list[Person] = []
    invalid: list[Invalid] = []
    for outcome in outcomes:
        (invalid if isinstance(outcome, Invalid) else people).append(outcome)  # type: ignore[arg-type]
    return Scored(tuple(people), tuple(invalid))


def _serial(
    files: Sequence[Path],
    names: Sequence[str],
    kb: KnowledgeBase,
    role: str | None,
    gates: Gates,
    on_file: Callable[[int, int], None] | None,
) -> Iterator[Person | Invalid]:
    shared = _Shared(kb)
    total = len(files)
    for done, (path, name) in enumerate(zip(files, names, strict=True), start=1):
        yield score_file(path, name, kb, role, gates, shared)
        if on_file is not None:
            on_file(done, total)


# -- worker processes ---------------------------------------------------------------------------

_WORKER: tuple[KnowledgeBase, str | None, Gates, _Shared] | None = None


def _start_worker(kb: KnowledgeBase, role: str | None, gates: Gates) -> None:
    """Each worker's set-up: the knowledge base to score against; Ctrl-C is the main process's to handle."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = (kb, role, gates, _Shared(kb))


def _score_batch(batch: list[tuple[str, str]]) -> list[Person | Invalid]:
    assert _WORKER is not None, "a worker scores only after _start_worker"
    kb, role, gates, shared = _WORKER
    return [score_file(path, name, kb, role, gates, shared) for path, name in batch]


def _context() -> BaseContext | None:
    """Fork where it is the platform's safe default (Linux): no interpreter start, the knowledge base inherited."""
    if sys.platform.startswith("linux"):
        import multiprocessing

        return multiprocessing.get_context("fork")
    return None  # the platform's default (spawn on macOS and Windows): the knowledge base is pickled once per worker


def _parallel(
    files: Sequence[Path],
    names: Sequence[str],
    kb: KnowledgeBase,
    role: str | None,
    gates: Gates,
    jobs: int,
    on_file: Callable[[int, int], None] | None,
) -> Iterator[Person | Invalid]:
    """`jobs` processes: this one and `jobs - 1` workers, sharing the batches as they go.

    Every batch is handed to the pool in file order; the pool passes each worker one batch
    at a time (and one more, queued), the rest wait. This process takes waiting batches
    back from the end, one by one, and scores them itself, until the next one from the end
    has already gone to a worker. Its own share is never pickled, a worker never waits for
    this process to hand it work, and a worker slowed by another program simply takes fewer
    batches. Results are put back in file order at the end.
    """
    total = len(files)
    size = batch_size(total, jobs)
    pairs = [(str(path), name) for path, name in zip(files, names, strict=True)]
    batches = [pairs[start : start + size] for start in range(0, total, size)]
    kept: dict[int, list[Person | Invalid]] = {}
    counted: set[int] = set()
    shared = _Shared(kb)
    done = 0

    def tick(finished: int) -> None:
        nonlocal done
        done += finished
        if on_file is not None:
            on_file(done, total)

    pool = ProcessPoolExecutor(
        max_workers=jobs - 1, mp_context=_context(), initializer=_start_worker, initargs=(kb, role, gates)
    )
    try:
        handed = [pool.submit(_score_batch, batch) for batch in batches]
        for index in range(len(batches) - 1, -1, -1):
            if not handed[index].cancel():  # already with a worker: so is every batch before it
                break
            kept[index] = [score_file(path, name, kb, role, gates, shared) for path, name in batches[index]]
            tick(len(kept[index]))
            for earlier, future in enumerate(handed[:index]):  # the workers' progress, told from this process only
                if earlier not in counted and future.done():
                    counted.add(earlier)
                    tick(len(batches[earlier]))
        for index, future in enumerate(handed):
            if index in kept:
                yield from kept.pop(index)
                continue
            results = future.result()
            if index not in counted:
                tick(len(results))
            yield from results
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
