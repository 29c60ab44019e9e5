"""The bytes of a knowledge-base folder's two files, read once: what the cache hashes and a miss parses."""

from __future__ import annotations

from pathlib import Path

from pmladder.errors import PmladderError, Problem
from pmladder.io.files import MAX_INPUT_BYTES, decode, display_name, read_bytes
from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE

Sources = dict[str, tuple[str, bytes]]  # file name -> (name for messages, bytes as read)


def read_sources(directory: Path) -> Sources:
    """Both files' bytes, each read once and never past the size cap; every problem reported at once."""
    if not directory.is_dir():
        raise PmladderError(Problem("no such knowledge-base folder", display_name(directory)))
    problems: list[Problem] = []
    sources: Sources = {}
    for file_name in (ROLES_FILE, SKILLS_FILE):  # both files are always read
        try:
            name, data = read_bytes(directory / file_name)
            if len(data) > MAX_INPUT_BYTES:
                decode(data, name)  # raises with the standard message
            sources[file_name] = (name, data)
        except PmladderError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PmladderError(problems)
    return sources
