"""Drafts of unfinished questionnaires: one file each, saved after every answer, never lost.

Layout, under the user's pmladder folder (`pmladder.io.paths.drafts_dir`):

    drafts/<kb-key>/<YYYYmmdd-HHMMSS>-<random>.yaml   the answers so far and a `draft:` block (empty
                                                      until the first answer)
    drafts/<kb-key>/<YYYYmmdd-HHMMSS>-<random>.lock   flock-ed while a questionnaire owns the draft

`<kb-key>` is `bundled` for the bundled knowledge base, else the folder's name and a hash of its
resolved path: a draft belongs to the knowledge base it was answered against. Both names are
created exclusively, so two questionnaires never share a draft; each save replaces the whole
file atomically. The lock is a file of its own because an atomic save replaces the draft's
inode; it holds the owner's process id, so a second questionnaire can say who has a draft open.
A lock dies with its process: a draft left by a crash or a closed terminal is free again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
import secrets
import shlex
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from pmladder.assessment.answers import Answers, answers_to_data, check_references
from pmladder.errors import PmladderError, Problem
from pmladder.io.files import display_name, read_text, write_text
from pmladder.io.paths import bundled_kb_dir, drafts_dir
from pmladder.knowledge.base import KnowledgeBase

BUNDLED_KEY = "bundled"
LEGACY_NAME = "assessment.yaml"  # the single draft of pmladder 0.x, adopted on first sight
PREAMBLE = ("name", "current_role", "city")  # answers that may be None, so "answered" is recorded
MAX_TYPED = 2000
_LOCK_WAIT = 0.5  # seconds a lock is retried: another process may be only looking at the draft


def evidence_key(skill_id: str) -> str:
    """How an answered evidence question is recorded in `Progress.answered`."""
    return f"evidence:{skill_id}"


@dataclass(frozen=True)
class Progress:
    """Where a questionnaire is: the answers so far, and what only a draft needs to resume well.

    `answered` names the questions answered whose answer may be empty (a skipped name or city,
    an evidence question left blank), so they are not asked again; `typed` keeps text typed
    into a question but not yet submitted (question name -> text); `evidence` is whether
    this questionnaire asks for evidence.
    """

    answers: Answers = field(default_factory=Answers)
    answered: frozenset[str] = frozenset()
    typed: Mapping[str, str] = field(default_factory=dict)
    evidence: bool = True

    @property
    def is_empty(self) -> bool:
        """Nothing answered or typed yet (a role or city from the command line does not count)."""
        a = self.answers
        return not (self.answered or self.typed or a.name or a.current_role or a.ratings or a.evidence)


class _Meta(BaseModel):
    """The `draft:` block: what a draft keeps beyond the answers themselves."""

    # built when a draft is first read: writing one needs no validator, and a new questionnaire reads none
    model_config = ConfigDict(extra="forbid", defer_build=True)

    kb: str | None = None
    kb_version: str | None = None
    evidence: bool = True
    answered: list[str] = Field(default_factory=list)
    typed: dict[str, Annotated[str, StringConstraints(max_length=MAX_TYPED)]] = Field(default_factory=dict)


@dataclass(frozen=True)
class Draft:
    """A draft as listed: its progress, or why it cannot be used; and who has it open."""

    path: Path
    saved: dt.datetime
    progress: Progress | None
    problem: str | None = None
    holder: int | None = None  # the process id of the questionnaire that has it open

    @property
    def in_use(self) -> bool:
        return self.holder is not None


class DraftInUse(PmladderError):
    """Another live questionnaire has the draft open."""

    def __init__(self, path: Path, holder: int) -> None:
        self.path = path
        self.holder = holder
        owner = f"process {holder}" if holder > 0 else "another process"
        super().__init__(
            Problem(
                f"this unfinished assessment is open in another pmladder questionnaire ({owner})", display_name(path)
            )
        )


# -- where drafts live ------------------------------------------------------------------------


def kb_key(kb_dir: str | Path) -> str:
    """The drafts folder name for a knowledge base: `bundled`, or its folder name and a path hash."""
    resolved = Path(kb_dir).resolve()
    if resolved == bundled_kb_dir().resolve():
        return BUNDLED_KEY
    slug = re.sub(r"[^a-z0-9]+", "-", resolved.name.lower()).strip("-")[:40] or "kb"
    return f"{slug}-{hashlib.sha256(str(resolved).encode()).hexdigest()[:10]}"


def kb_drafts_dir(kb_dir: str | Path) -> Path:
    return drafts_dir() / kb_key(kb_dir)


def is_draft_path(path: str | Path) -> bool:
    """Whether a path is in the drafts folder, where no answers file may be written."""
    return Path(path).resolve().is_relative_to(drafts_dir().resolve())


def assess_command(kb_dir: str | Path, flag: str, *, program: str = "pmladder") -> str:
    """The exact `pmladder assess FLAG` command for this knowledge base's drafts (`--resume`, `--discard`)."""
    if kb_key(kb_dir) == BUNDLED_KEY:
        return f"{program} assess {flag}"
    return f"{program} --kb {shlex.quote(str(Path(kb_dir).resolve()))} assess {flag}"


def lock_path(path: Path) -> Path:
    return path.with_suffix(".lock")


# -- reading and writing ----------------------------------------------------------------------


def dump_draft(progress: Progress, kb: KnowledgeBase, kb_dir: str | Path) -> str:
    """A draft as YAML: the answers as in an answers file, then the `draft:` block."""
    import yaml

    folder = str(Path(kb_dir).resolve())
    data = answers_to_data(progress.answers)
    data["draft"] = {  # the fields of `_Meta`, in its order
        "kb": folder,
        "kb_version": kb.version,
        "evidence": progress.evidence,
        "answered": sorted(progress.answered),
        "typed": dict(progress.typed),
    }
    header = (
        f"# An unfinished pmladder assessment; resume with: {assess_command(kb_dir, '--resume')}\n"
        f"# Knowledge base: {folder} (version {kb.version})\n"
    )
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def read_draft(path: Path, kb: KnowledgeBase) -> Progress:
    """Read a draft and check it against the knowledge base; a missing target role is fine."""
    from pmladder.io import yamlfile  # only when there is a draft to read: a new questionnaire needs no parser
    from pmladder.io.validation import validate

    name, text = read_text(path)
    document = yamlfile.read(text, name)
    if not isinstance(document.data, dict):
        raise PmladderError(Problem("not a pmladder draft", name, 1))
    rest = {k: v for k, v in document.data.items() if k != "draft"}
    answers = validate(Answers, dataclasses.replace(document, data=rest), levels=kb.levels)
    problems = [
        p
        for p in check_references(answers, kb, document)
        if not p.message.startswith("missing required key 'target_role'")  # chosen later in the questionnaire
    ]
    if problems:
        raise PmladderError(problems)
    raw = document.data.get("draft")
    if raw is None:  # a draft from before drafts had this block: it had been through the preamble
        answered = {*PREAMBLE, *map(evidence_key, answers.ratings)} if answers.target_role else set()
        return Progress(answers, frozenset(answered))
    try:
        meta = _Meta.model_validate(raw)
    except ValidationError:
        raise PmladderError(document.problem(("draft",), "the draft's own 'draft:' block is damaged")) from None
    return Progress(answers, frozenset(meta.answered), dict(meta.typed), meta.evidence)


# -- locks ------------------------------------------------------------------------------------


def _try_lock(path: Path, *, create_new: bool = False) -> int | None:
    """An exclusive lock on `path` (created if missing), as an open descriptor; None when held elsewhere.

    A holder that finishes removes the lock file; a descriptor of the removed file locks
    nothing, so the lock is taken again on the file now at that name.
    """
    for _ in range(10):
        fd = os.open(path, os.O_RDWR | os.O_CREAT | (os.O_EXCL if create_new else 0), 0o644)
        if not _flock(fd):
            os.close(fd)
            return None
        try:
            current = path.stat()
        except FileNotFoundError:
            current = None
        opened = os.fstat(fd)
        if current is not None and (current.st_ino, current.st_dev) == (opened.st_ino, opened.st_dev):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)
        create_new = False
    return None


def _flock(fd: int) -> bool:
    if sys.platform == "win32":  # no advisory locks: unique names alone keep drafts apart
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _lock(path: Path, *, wait: float = 0.0) -> int | None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = _try_lock(path)
        except OSError as exc:
            raise _cannot("lock", path, exc) from None
        if fd is not None or time.monotonic() >= deadline:
            return fd
        time.sleep(0.02)


def _cannot(what: str, path: Path, exc: OSError) -> PmladderError:
    return PmladderError(Problem(f"cannot {what} a draft: {exc.strerror or exc}", str(path)))


def _holder(path: Path) -> int:
    """The process id written in a held lock, or 0 when it cannot be read."""
    try:
        return int(path.read_text().strip() or 0)
    except (OSError, ValueError):
        return 0


def _probe(path: Path) -> int | None:
    """None when nobody has the draft open, else the holder's process id (0: unknown)."""
    lock = lock_path(path)
    try:
        fd = _try_lock(lock)
    except OSError:
        return None
    if fd is None:
        return _holder(lock)
    if not path.exists():  # finished or discarded meanwhile: no lock without its draft
        lock.unlink(missing_ok=True)
    os.close(fd)
    return None


# -- an open draft ----------------------------------------------------------------------------


class OpenDraft:
    """A draft this process owns (its lock is held) until `discard` or `close`."""

    def __init__(
        self,
        path: Path,
        fd: int,
        kb: KnowledgeBase,
        kb_dir: str | Path,
        progress: Progress,
        *,
        written: bool = True,
    ) -> None:
        self.path = path
        self._fd: int | None = fd
        self._kb = kb
        self._kb_dir = kb_dir
        self.progress = progress
        self._written = written  # False while the file is still the empty one `new_draft` made

    def save(self, progress: Progress) -> None:
        """Replace the draft atomically with this progress.

        A new draft stays empty until there is something to keep (`Progress.is_empty`: a
        role or city from the command line is not): such a draft is never offered or kept,
        and the first question then waits for neither YAML nor a write.
        """
        if progress.is_empty and not self._written:
            self.progress = progress
            return
        write_text(self.path, dump_draft(progress, self._kb, self._kb_dir))
        self._written = True
        self.progress = progress

    def discard(self) -> None:
        """Delete the draft, then its lock, then let go."""
        self.path.unlink(missing_ok=True)
        lock_path(self.path).unlink(missing_ok=True)
        self.close()

    def close(self) -> None:
        """Let go of the draft (it stays on disk for --resume)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> OpenDraft:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def new_draft(kb: KnowledgeBase, kb_dir: str | Path, progress: Progress | None = None) -> OpenDraft:
    """A new draft with a name no other draft has, locked, with `progress` saved in it (if it holds anything)."""
    folder = kb_drafts_dir(kb_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PmladderError(Problem(f"cannot create the drafts folder: {exc.strerror or exc}", str(folder))) from None
    for _ in range(100):
        stem = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        path = folder / f"{stem}.yaml"
        try:
            fd = _try_lock(lock_path(path), create_new=True)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _cannot("create", path, exc) from None
        if fd is None:
            continue
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except OSError as exc:
            os.close(fd)
            if isinstance(exc, FileExistsError):
                continue
            raise _cannot("create", path, exc) from None
        draft = OpenDraft(path, fd, kb, kb_dir, progress or Progress(), written=False)
        try:
            draft.save(draft.progress)
        except BaseException:
            draft.discard()
            raise
        return draft
    raise PmladderError(Problem("cannot find a free name for a new draft", str(folder)))


def open_draft(draft: Draft, kb: KnowledgeBase, kb_dir: str | Path) -> OpenDraft:
    """Take a listed draft over: lock it, then read it again (it may have moved on since listing)."""
    lock = lock_path(draft.path)
    fd = _lock(lock, wait=_LOCK_WAIT)
    if fd is None:
        raise DraftInUse(draft.path, _holder(lock))
    if not draft.path.exists():  # finished or discarded by its owner meanwhile
        lock.unlink(missing_ok=True)
        os.close(fd)
        raise PmladderError(Problem("this unfinished assessment was just finished or discarded", str(draft.path)))
    try:
        progress = read_draft(draft.path, kb)
    except BaseException:
        os.close(fd)
        raise
    return OpenDraft(draft.path, fd, kb, kb_dir, progress)


def discard_draft(draft: Draft) -> bool:
    """Delete a listed draft unless a live questionnaire has it open; True when it is gone."""
    return _remove(draft.path)


def _remove(path: Path) -> bool:
    fd = _lock(lock_path(path), wait=_LOCK_WAIT)
    if fd is None:
        return False
    try:
        path.unlink(missing_ok=True)
        lock_path(path).unlink(missing_ok=True)
    except OSError as exc:
        raise _cannot("delete", path, exc) from None
    finally:
        os.close(fd)
    return True


def list_drafts(kb: KnowledgeBase, kb_dir: str | Path) -> list[Draft]:
    """This knowledge base's drafts, the most recently saved first.

    A draft nobody has open that holds nothing (a questionnaire killed before its first
    answer) is removed on the way.
    """
    folder = kb_drafts_dir(kb_dir)
    _adopt_legacy(kb, folder)
    drafts = []
    for path in folder.glob("*.yaml") if folder.is_dir() else ():
        if path.name.startswith("."):  # an atomic write's temporary file
            continue
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        saved = dt.datetime.fromtimestamp(stat.st_mtime)
        holder = _probe(path)
        if holder is not None and stat.st_size == 0:  # a live questionnaire before its first answer
            drafts.append(Draft(path, saved, Progress(), holder=holder))
            continue
        try:
            progress = read_draft(path, kb)
        except PmladderError as exc:
            if holder is None and (not path.exists() or stat.st_size == 0):
                _remove(path)
                continue
            problem = None if holder is not None else "; ".join(str(p) for p in exc.problems)
            drafts.append(Draft(path, saved, None, problem, holder))
            continue
        if holder is None and progress.is_empty:
            _remove(path)
            continue
        drafts.append(Draft(path, saved, progress, holder=holder))
    return sorted(drafts, key=lambda d: d.saved, reverse=True)


def _adopt_legacy(kb: KnowledgeBase, folder: Path) -> None:
    """Move pmladder 0.x's single `drafts/assessment.yaml` in with this knowledge base's drafts if it fits."""
    legacy = drafts_dir() / LEGACY_NAME
    if not legacy.is_file():
        return
    try:
        read_draft(legacy, kb)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.fromtimestamp(legacy.stat().st_mtime)
    except (PmladderError, OSError):
        return  # another knowledge base's, unreadable, or adopted by another process just now
    target = folder / f"{stamp:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.yaml"
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        legacy.replace(target)
    except OSError:
        if target.is_file() and target.stat().st_size == 0:
            target.unlink(missing_ok=True)  # another process adopted it first
