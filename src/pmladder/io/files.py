"""Reading inputs safely and writing outputs atomically; `-` means stdin or stdout.

Inputs are capped in size and refused when empty or binary before any parsing, so a
wrong file gets a one-line answer instead of a slow or confusing failure.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TypeGuard

from pmladder.errors import PmladderError, Problem

MAX_INPUT_BYTES = 1024 * 1024
STDIO = "-"


def is_file(output: str | None) -> TypeGuard[str]:
    """Whether an --output or --save names a file: not absent, not `-` (stdout)."""
    return bool(output) and output != STDIO


def display_name(path: str | Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    text = str(path)
    if text == STDIO:
        return "<stdin>"
    absolute = os.path.abspath(text)  # noqa: PTH100  (no symlink resolution: the name given, and cheap)
    cwd = os.getcwd()  # noqa: PTH109  (a str, compared as text)
    if absolute.startswith(cwd + os.sep):
        return absolute[len(cwd) + 1 :]
    return text


def same_path(a: str | Path, b: str | Path) -> bool:
    """Whether two names point at one file (following links when both exist); `-` is never a file."""
    if str(a) == STDIO or str(b) == STDIO:
        return False
    try:
        return Path(a).samefile(b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)  # noqa: PTH100


def refuse_overwrite(output: str | None, inputs: list[str]) -> None:
    """An output that is also an input would destroy it: say so before reading anything."""
    if output:
        for item in inputs:
            if same_path(output, item):
                raise PmladderError(f"--output {output} is also an input; write the report elsewhere")


def read_text(path: str | Path, *, limit: int = MAX_INPUT_BYTES, name: str | None = None) -> tuple[str, str]:
    """Return (name for messages, text) of a UTF-8 file, or of stdin for `-`.

    `name` saves working the name out again when the caller already has it (a cohort's files).
    """
    name = name or display_name(path)
    try:
        if str(path) == STDIO:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError:
        raise PmladderError(Problem("no such file", name)) from None
    except IsADirectoryError:
        raise PmladderError(Problem("is a folder, not a file", name)) from None
    except OSError as exc:
        raise PmladderError(Problem(f"cannot read: {exc.strerror or exc}", name)) from None
    return name, decode(data, name, limit=limit)


def decode(data: bytes, name: str, *, limit: int = MAX_INPUT_BYTES) -> str:
    """Check size, emptiness and binary content, then decode UTF-8 (a BOM is allowed)."""
    if len(data) > limit:
        raise PmladderError(Problem(f"file is larger than {limit // 1024} KiB; refusing to read it", name, 1))
    if not data.strip():
        raise PmladderError(Problem("file is empty", name, 1))
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PmladderError(Problem("not a text file (binary content)", name, data.count(b"\n", 0, nul) + 1))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PmladderError(Problem("not a UTF-8 text file", name, line)) from None


def write_text(path: str | Path, text: str) -> None:
    """Write a whole file atomically (temp file in the same folder, then replace), or stdout for `-`."""
    if str(path) == STDIO:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(path)
    name = display_name(target)
    if target.is_dir():
        raise PmladderError(Problem("is a folder; give a file name", name))
    if target.exists() and not target.is_file():  # /dev/null, a FIFO: write through, never replace it
        try:
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise PmladderError(Problem(f"cannot write: {exc.strerror or exc}", name)) from None
        return
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except (FileExistsError, NotADirectoryError):
        raise PmladderError(Problem("cannot write: a folder on this path is a file", name)) from None
    except OSError as exc:
        raise PmladderError(Problem(f"cannot write: {exc.strerror or exc}", name)) from None
    try:
        Path(temp).chmod(_mode_for(target))  # mkstemp makes 0600; keep what a plain write would give
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PmladderError(Problem(f"cannot write: {exc.strerror or exc}", name)) from None
        raise


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, or the umask's default for a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
