"""Reading inputs safely and writing outputs atomically; `-` means stdin or stdout.

Inputs are capped in size and refused when empty or binary before any parsing, so a
wrong file gets a one-line answer instead of a slow or confusing failure.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from collections.abc import Iterable
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
    name, data = read_bytes(path, limit=limit, name=name)
    return name, decode(data, name, limit=limit)


def read_bytes(path: str | Path, *, limit: int = MAX_INPUT_BYTES, name: str | None = None) -> tuple[str, bytes]:
    """Return (name for messages, at most `limit + 1` bytes) of a file, or of stdin for `-`.

    Never reads past the cap, so a link to /dev/zero is refused at once. A folder is refused;
    a named pipe or device is read like a file (`<(command)` is a pipe), but opening one
    never waits for a writer: a pipe nobody writes to reads as empty.
    """
    name = name or display_name(path)
    if str(path) == STDIO:
        stdin = sys.stdin
        if stdin is None:  # started with stdin closed
            raise PmladderError(Problem("standard input is closed", name))
        try:
            return name, stdin.buffer.read(limit + 1)
        except OSError as exc:
            raise PmladderError(Problem(_cannot("read", exc), name)) from None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise PmladderError(Problem(_cannot("read", exc), name)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PmladderError(Problem("is a folder, not a file", name))
        if stat.S_ISREG(info.st_mode):
            if info.st_size > limit:
                _too_large(name, limit)
        elif hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # opened without waiting; now wait for what a writer sends
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return name, b"".join(chunks)
    except OSError as exc:
        raise PmladderError(Problem(_cannot("read", exc), name)) from None
    finally:
        os.close(fd)


_REASONS = {
    errno.ENOENT: "no such file",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "cannot {verb}: a folder on this path is a file",
    errno.EACCES: "cannot {verb}: permission denied",
    errno.EPERM: "cannot {verb}: permission denied",
    errno.ELOOP: "cannot {verb}: too many symbolic links (a loop?)",
    errno.ENXIO: "cannot {verb}: not a file (a socket or a device without a reader)",
    errno.ENOSPC: "cannot {verb}: the disk is full",
    errno.EROFS: "cannot {verb}: the file system is read-only",
    errno.ENAMETOOLONG: "cannot {verb}: the name is too long",
}


def _cannot(verb: str, exc: OSError) -> str:
    """An operating-system error in our words: `cannot read: permission denied`."""
    reason = _REASONS.get(exc.errno or 0)
    if reason is not None:
        return reason.format(verb=verb)
    detail = (exc.strerror or "unknown error").rstrip(".")
    return f"cannot {verb}: {detail[:1].lower()}{detail[1:]}"


def _too_large(name: str, limit: int) -> None:
    raise PmladderError(Problem(f"file is larger than {limit // 1024} KiB; refusing to read it", name, 1))


def decode(data: bytes, name: str, *, limit: int = MAX_INPUT_BYTES) -> str:
    """Check size, emptiness and binary content, then decode UTF-8 (a BOM is allowed)."""
    if len(data) > limit:
        _too_large(name, limit)
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise PmladderError(Problem("the file is UTF-32 text; save it as UTF-8", name, 1))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PmladderError(Problem("the file is UTF-16 text; save it as UTF-8", name, 1))
    if not data.strip():
        raise PmladderError(Problem("file is empty", name, 1))
    nul = data.find(b"\x00")
    if nul >= 0:
        if _looks_like_utf16(data):
            raise PmladderError(Problem("the file looks like UTF-16 text; save it as UTF-8", name, 1))
        raise PmladderError(Problem("not a text file (binary content)", name, data.count(b"\n", 0, nul) + 1))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        message = f"not UTF-8 text (byte 0x{byte:02X} cannot start or continue a character); save the file as UTF-8"
        raise PmladderError(Problem(message, name, line, column)) from None


def _looks_like_utf16(data: bytes) -> bool:
    """ASCII text in UTF-16 without a BOM: every other byte of the start is NUL."""
    head = data[:200]
    even, odd = head[0::2], head[1::2]
    return len(head) >= 4 and (even.count(0) == len(even) or odd.count(0) == len(odd))


def write_text(path: str | Path, text: str) -> None:
    """Write a whole file atomically (temp file in the same folder, then replace), or stdout for `-`."""
    write_chunks(path, (text,))


def write_chunks(path: str | Path, chunks: Iterable[str]) -> None:
    """`write_text` for a document that comes in pieces: each is written as it comes, never joined.

    Still atomic: the pieces go to a temporary file that replaces the target only when the
    last is written; an error on the way (in the disk or in the code making the pieces)
    leaves the target as it was.
    """
    if str(path) == STDIO:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    _write_file(Path(path), (chunk.encode("utf-8") for chunk in chunks))


def write_bytes(path: str | Path, data: bytes) -> None:
    """`write_text` for a binary file (a workbook): atomically, or to stdout's bytes for `-`."""
    if str(path) == STDIO:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    _write_file(Path(path), (data,))


def _write_file(target: Path, chunks: Iterable[bytes]) -> None:
    name = display_name(target)
    if target.is_dir():
        raise PmladderError(Problem("is a folder; give a file name", name))
    if target.exists() and not target.is_file():  # /dev/null, a FIFO: write through, never replace it
        try:
            with open(target, "wb") as handle:
                handle.writelines(chunks)
        except OSError as exc:
            raise PmladderError(Problem(_cannot("write", exc), name)) from None
        return
    import tempfile  # only commands that write files pay for it

    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except (FileExistsError, NotADirectoryError):
        raise PmladderError(Problem("cannot write: a folder on this path is a file", name)) from None
    except OSError as exc:
        raise PmladderError(Problem(_cannot("write", exc), name)) from None
    try:
        Path(temp).chmod(_mode_for(target))  # mkstemp makes 0600; keep what a plain write would give
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(chunks)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temp).replace(target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PmladderError(Problem(_cannot("write", exc), name)) from None
        raise


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, or the umask's default for a new file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
