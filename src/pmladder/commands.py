"""Command lines for messages and reports to print: runnable as printed, on the ladder in use.

Every hint pmladder prints (`pmladder history`, `pmladder assess --answers FILE`, ...) goes
through `command`, so a person who chose a ladder with `--kb DIR` (or `PMLADDER_KB`) and
follows a hint stays on that ladder. The CLI sets how it was invoked and the `--kb` in use
for the length of one command (`invocation`); outside it (the Python API) a command reads
`pmladder ...`. Light: no import beyond the standard library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import NamedTuple


class Invocation(NamedTuple):
    """How pmladder was run (`pmladder`, `.venv/bin/pmladder`, `python3 -m pmladder`) and the --kb in use.

    `program` may be a function, called only when a command is printed (finding it costs a PATH search).
    """

    program: str | Callable[[], str] = "pmladder"
    kb: str | None = None


_CURRENT: ContextVar[Invocation | None] = ContextVar("pmladder_invocation", default=None)


@contextmanager
def invocation(program: str | Callable[[], str], kb: str | None) -> Iterator[None]:
    """Within this block, `command` runs pmladder as `program` with `--kb kb` (when given)."""
    token = _CURRENT.set(Invocation(program, kb))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def command(*args: str) -> str:
    """A pmladder command line, e.g. `pmladder --kb ./our-ladder history show 3`; each argument shell-quoted."""
    current = _CURRENT.get() or Invocation()
    program = current.program if isinstance(current.program, str) else current.program()
    kb = ["--kb", current.kb] if current.kb else []
    import shlex  # only a command that prints a hint needs it

    return " ".join([program, *(shlex.quote(a) for a in [*kb, *args])])


def quoted_command(*args: str) -> str:
    """`command` in single quotes, for a sentence: "see 'pmladder history'"."""
    return f"'{command(*args)}'"
