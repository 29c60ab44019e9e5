"""Answers files at the edge: one reader for a file, a draft, a stream or a cohort member; one writer.

YAML or JSON (JSON is YAML). Every problem in a file is reported at once, each placed.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from pydantic import ValidationError

from pmladder.assessment.answers import ANSWERS_SCHEMA_VERSION, Answers, RawAnswers, answers_to_data, check_references
from pmladder.errors import PmladderError
from pmladder.io import yamlfile
from pmladder.io.files import decode, read_text
from pmladder.knowledge.base import KnowledgeBase

Source = str | Path | IO[str] | IO[bytes]


def read_answers(source: Source, kb: KnowledgeBase, *, name: str | None = None) -> Answers:
    """Read and check an answers file: a path, `-` for stdin, or an open stream (e.g. `io.StringIO(text)`)."""
    if isinstance(source, (str, Path)):
        shown, text = read_text(source, name=name)
        return parse_answers(text, shown, kb)
    data = source.read()
    shown = name or getattr(source, "name", None) or "<stream>"
    text = decode(data, str(shown)) if isinstance(data, bytes) else data
    return parse_answers(text, str(shown), kb)


def parse_answers(text: str, name: str, kb: KnowledgeBase) -> Answers:
    """Parse and check the text of an answers file; `name` places its problems."""
    document = yamlfile.read(text, name)
    try:
        answers = Answers.model_validate(document.data)
    except ValidationError as exc:
        from pmladder.io.validation import model_problems  # only for an invalid file: a valid one starts faster

        invalid = model_problems(Answers, exc, document, levels=kb.levels)
        seen = {(p.line, p.column) for p in invalid}
        extra = [p for p in check_references(RawAnswers(document.data), kb, document) if (p.line, p.column) not in seen]
        raise PmladderError(sorted(invalid + extra, key=lambda p: p.sort_key)) from None
    problems = check_references(answers, kb, document)
    if problems:
        raise PmladderError(problems)
    return answers


def dump_answers(answers: Answers, header: str = "") -> str:
    """An answers file as YAML, readable and editable by hand, that reads back to the same value."""
    import yaml

    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    data = {"schema_version": ANSWERS_SCHEMA_VERSION, **answers_to_data(answers)}
    return comment + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def write_answers(path: str | Path, answers: Answers, header: str = "") -> None:
    """Write an answers file atomically (or to stdout for `-`)."""
    from pmladder.io.files import write_text

    write_text(path, dump_answers(answers, header))
