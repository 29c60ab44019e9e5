"""The console-script entry point.

`pmladder --version` is answered before typer is imported: scripts and package managers call
it often, and it needs none of the CLI.

Output that cannot be written is never a traceback and never a success. Standard output and
standard error are re-opened on the same descriptors through a raw layer that turns a failed
write into `OutputLost`, an exception click does not catch (it turns a broken pipe into exit
code 1, which here means "below a gate"). `main()` catches it around the command and the
final flush:

- a full disk, a closed stdout or any other write error: one line on stderr in our words,
  exit code 2;
- a broken pipe (`pmladder cohort … | head`): nothing on stderr (the reader left on
  purpose), exit code 2 — never 0, since output was lost, and never 1. Standard output is
  then pointed at /dev/null so the interpreter's own flush at exit cannot fail again.

A descriptor 0, 1 or 2 closed at start-up is re-opened on /dev/null at once, so no file the
command opens later can take its number and receive its output.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import sys

TYPE_CHECKING = False  # typing itself costs the --version path more than all the rest
if TYPE_CHECKING:
    from typing_extensions import Buffer

OUTPUT_LOST = 2  # ExitCode.OUTPUT_LOST; errors.py is not imported on the --version path


class OutputLost(Exception):
    """A write to stdout or stderr failed; deliberately not an OSError."""

    def __init__(self, stream: str, error: OSError) -> None:
        super().__init__(stream, error)
        self.stream = stream
        self.error = error


class _Raw(io.FileIO):
    """A standard stream's descriptor, whose failed writes raise `OutputLost`."""

    def __init__(self, fd: int, label: str, *, closed_at_start: bool = False) -> None:
        super().__init__(fd, "w", closefd=False)
        self.label = label
        self.closed_at_start = closed_at_start
        self.discard = False  # set once the loss is reported: later flushes (at exit too) go nowhere
        _RAWS[label] = self

    def write(self, data: Buffer, /) -> int:
        if self.discard:
            return memoryview(data).nbytes
        if self.closed_at_start:
            raise OutputLost(self.label, OSError(errno.EBADF, "closed"))
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):  # all of it: a short write to a pipe whose reader left would hide the loss
            try:
                written = super().write(view[done:])
            except BlockingIOError:
                if done:
                    return done  # a non-blocking descriptor: the buffer layer retries the rest
                raise
            except OSError as exc:
                raise OutputLost(self.label, exc) from None
            if written is None:  # a non-blocking descriptor that is full
                if done:
                    return done
                raise BlockingIOError(errno.EAGAIN, "write would block", 0)
            done += written
        return done

    def isatty(self) -> bool:
        return not self.closed_at_start and super().isatty()


_RAWS: dict[str, _Raw] = {}


def _guard(fd: int, label: str, stream: object) -> io.TextIOWrapper | None:
    """A text stream like `stream` on `fd` whose write errors are `OutputLost`; None to leave it as it is."""
    if os.name == "nt":
        return None  # the console there is not a plain file descriptor
    closed = stream is None
    if closed:
        try:
            os.fstat(fd)
        except OSError:
            try:
                reserved = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return None
            if reserved != fd:
                os.dup2(reserved, fd)
                os.close(reserved)
        encoding, errors, line_buffering, write_through, buffered = "utf-8", "replace", False, False, True
    else:
        if not isinstance(stream, io.TextIOWrapper):
            return None  # replaced already (a test harness): leave it alone
        try:
            if stream.fileno() != fd:
                return None
        except (OSError, ValueError):
            return None
        stream.flush()
        encoding, errors = stream.encoding, stream.errors or "strict"
        line_buffering, write_through = stream.line_buffering, stream.write_through
        buffered = isinstance(stream.buffer, io.BufferedWriter)  # not with python -u or PYTHONUNBUFFERED
    raw = _Raw(fd, label, closed_at_start=closed)
    return io.TextIOWrapper(
        io.BufferedWriter(raw) if buffered else raw,  # unbuffered (python -u): the raw file, as CPython does
        encoding=encoding,
        errors=errors,
        newline="\n",
        line_buffering=line_buffering,
        write_through=write_through,
    )


def _guard_streams() -> None:
    if sys.stdin is None:  # keep fd 0 from being reused; reading '-' says stdin is closed
        try:
            os.fstat(0)
        except OSError:
            reserved = os.open(os.devnull, os.O_RDONLY)
            if reserved != 0:
                os.dup2(reserved, 0)
                os.close(reserved)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        guarded = _guard(fd, name, getattr(sys, name))
        if guarded is not None:
            setattr(sys, name, guarded)


def _lost(exc: OutputLost) -> int:
    """Report lost output (unless the reader left a pipe on purpose); the exit code."""
    raw = _RAWS.get(exc.stream)
    if raw is not None:
        raw.discard = True
    try:  # whatever is still buffered for that descriptor goes nowhere, quietly
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1 if exc.stream == "stdout" else 2)
        os.close(null)
    except OSError:
        pass
    if exc.error.errno != errno.EPIPE and exc.stream == "stdout":
        if exc.error.errno == errno.EBADF:
            reason = "standard output is closed"
        elif exc.error.errno == errno.ENOSPC:
            reason = "no space left on the device"
        else:
            reason = (exc.error.strerror or "write error").lower()
        try:
            sys.stderr.write(f"pmladder: error: the output could not be written: {reason}\n")
            sys.stderr.flush()
        except (OutputLost, OSError, ValueError):
            pass
    return OUTPUT_LOST


def version_line() -> str:
    from pmladder import __version__

    return f"pmladder {__version__}"


def pause_collector() -> None:
    """Keep the cyclic garbage collector out of start-up.

    Importing typer, Pydantic and the command builds a few hundred thousand objects that live
    as long as the process, and creates no garbage worth collecting; the collector would scan
    that growing pile some seventy times, about 9 ms of a 150 ms `pmladder roles`. It is paused
    here and resumed by `resume_collector` as the chosen command starts, with what start-up
    built frozen out of its way (the way Mercurial's `nogc` and Instagram's `gc.freeze` do it).
    """
    global _PAUSED
    if gc.isenabled():
        gc.disable()
        _PAUSED = True


def resume_collector() -> None:
    """Start-up is over: freeze what it built, then collect as usual (only if `pause_collector` paused it)."""
    global _PAUSED
    if _PAUSED:
        _PAUSED = False
        gc.freeze()
        gc.enable()


_PAUSED = False


def main() -> None:
    pause_collector()
    _guard_streams()
    for stream in (sys.stdout, sys.stderr):
        # a terminal or file that is not UTF-8 gets '?' for what it cannot show, never a traceback
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        try:
            if sys.argv[1:] == ["--version"]:
                sys.stdout.write(version_line() + "\n")
                return
            from pmladder.cli.app import app

            app()
        finally:
            # output still buffered is output not yet written: a failure here loses it too
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
    except OutputLost as exc:
        sys.exit(_lost(exc))
