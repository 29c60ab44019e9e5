"""From command-line paths to answers: expand folders and globs, then read every file strictly.

Every file is read before anything is scored, so one run lists every problem in every
file: a cohort lead fixes them all at once instead of one per CI run.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pmladder.assessment.answers import Answers
from pmladder.assessment.answers_file import read_answers
from pmladder.assessment.report import resolve_target
from pmladder.cohort.aggregate import Invalid
from pmladder.errors import PmladderError, Problem
from pmladder.io.files import STDIO, display_name, is_file, same_path
from pmladder.knowledge.base import KnowledgeBase

ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")
_GLOB_CHARS = frozenset("*?[")
_KINDS = "*.yaml, *.yml or *.json"


@dataclass(frozen=True)
class Entry:
    """One person's answers and the file they came from (as named in messages)."""

    file: str
    answers: Answers


@dataclass(frozen=True)
class Reading:
    """The outcome of reading a cohort: what can be scored and what cannot."""

    entries: tuple[Entry, ...]
    invalid: tuple[Invalid, ...]

    def problems(self) -> list[Problem]:
        """Every problem of every invalid file, sorted by file, then line."""
        return sorted((p for bad in self.invalid for p in bad.problems), key=lambda p: p.sort_key)


def expand_paths(paths: Sequence[str]) -> list[Path]:
    """Files, folders and globs to one sorted list of files without repeats.

    A folder gives its `*.yaml`, `*.yml` and `*.json` files (not sub-folders, not hidden
    files); a glob gives the matching files with those suffixes (folders it matches count
    as folders); a file named outright is taken whatever its suffix. A path that gives no
    file is an error, so a typo in CI never passes as an empty, successful cohort.
    """
    found: dict[str, Path] = {}  # by absolute path (case-folded where the file system ignores case)
    problems: list[Problem] = []
    for arg in paths:
        path = Path(arg)
        if arg == STDIO:
            problems.append(Problem("'-' (stdin) holds one file; a cohort is read from files, folders or globs"))
            continue
        if path.is_dir():
            matches = _folder(path)
            if not matches:
                problems.append(Problem(f"folder has no {_KINDS} files", display_name(arg)))
        elif path.is_file():
            matches = [(_key(path), path)]
        elif _GLOB_CHARS.intersection(arg):
            matches = []
            for hit in sorted(glob.glob(arg, recursive=True)):  # noqa: PTH207 - Path.glob takes no absolute pattern
                candidate = Path(hit)
                if candidate.is_dir():
                    matches += _folder(candidate)
                elif candidate.is_file() and candidate.suffix.lower() in ANSWERS_SUFFIXES:
                    matches.append((_key(candidate), candidate))
            if not matches:
                problems.append(Problem(f"'{arg}' matches no {_KINDS} files"))
        elif path.exists():
            problems.append(Problem("not a file or folder", display_name(arg)))
            matches = []
        else:
            problems.append(Problem("no such file or folder", display_name(arg)))
            matches = []
        for key, match in matches:
            found.setdefault(key, match)
    if problems:
        raise PmladderError(problems)
    return [found[key] for key in sorted(found)]  # by absolute path: the order of names on screen


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))  # noqa: PTH100 - resolve() is slow


def _folder(folder: Path) -> list[tuple[str, Path]]:
    """(key, path) of a folder's answers files, the folder made absolute once rather than once a file."""
    with os.scandir(folder) as entries:  # scandir knows file types without a stat per file
        names = sorted(
            entry.name
            for entry in entries
            if not entry.name.startswith(".") and entry.name.lower().endswith(ANSWERS_SUFFIXES) and entry.is_file()
        )
    base = _key(folder)
    return [(os.path.join(base, os.path.normcase(name)), folder / name) for name in names]  # noqa: PTH118


class _Names:
    """File names for messages, with `display_name` called once per folder, not per file.

    `display_name` resolves the whole path, which for thousands of files costs more than
    reading them. A file is named as its folder joined with its own name, so a symlinked
    file keeps the name it was given.
    """

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: Path) -> str:
        parent, base = os.path.split(os.fspath(path))  # what path.parent and path.name give, without pathlib's cost
        parent = parent or "."
        folder = self.folders.get(parent)
        if folder is None:
            folder = self.folders[parent] = display_name(parent)
        return base if folder == "." else f"{folder}{os.sep}{base}"


def names_for(files: Sequence[Path]) -> list[str]:
    """How each file is named in messages and reports (see `_Names`)."""
    names = _Names()
    return [names(path) for path in files]


def read_cohort(
    files: Sequence[Path],
    kb: KnowledgeBase,
    *,
    role: str | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> Reading:
    """Read every answers file strictly, keeping going past bad ones to report them all.

    `role` overrides every file's target role; it is checked once, up front, so an
    unknown role is one error rather than one per file; a file with no target role and no
    `role` is invalid. `on_file(done, total)` is called after each file (the CLI's progress bar); the
    core itself never prints.
    """
    if role is not None:
        kb.role(role)
    entries: list[Entry] = []
    invalid: list[Invalid] = []
    names = _Names()
    for done, path in enumerate(files, start=1):
        name = names(path)
        try:
            answers = read_answers(path, kb, name=name)
            resolve_target(answers, kb, role)
            entries.append(Entry(name, answers))
        except PmladderError as exc:
            invalid.append(Invalid(name, tuple(sorted(exc.placed(name).problems, key=lambda p: p.sort_key))))
        if on_file is not None:
            on_file(done, len(files))
    return Reading(tuple(entries), tuple(invalid))


def refuse_output_among_inputs(output: str | None, paths: Sequence[str]) -> None:
    """A report must never replace an answers file, now or on the next run.

    Refused: an output that is one of the inputs (same path, a symlink or a hard link to
    one), and a new file with an answers suffix inside a folder being read, which the
    next run would read as a person.
    """
    if not is_file(output):
        return
    target = Path(output)
    if target.exists():
        for file in expand_paths(paths):
            if same_path(file, target):
                raise PmladderError(f"--output {output} is one of the answers files; write the report elsewhere")
    if target.suffix.lower() in ANSWERS_SUFFIXES:
        for arg in paths:
            if Path(arg).is_dir() and same_path(target.parent, arg):
                raise PmladderError(
                    f"--output {output} is inside {arg}, which is read as answers files; write the report elsewhere"
                )
