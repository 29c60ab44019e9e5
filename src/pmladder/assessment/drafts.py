"""The draft of an unfinished questionnaire, saved after every answer so nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

from pmladder.assessment.answers import Answers
from pmladder.assessment.answers_file import parse_answers, write_answers
from pmladder.errors import PmladderError, Problem
from pmladder.io.files import read_text
from pmladder.io.paths import drafts_dir
from pmladder.knowledge.base import KnowledgeBase

DRAFT_NAME = "assessment.yaml"


def draft_path() -> Path:
    return drafts_dir() / DRAFT_NAME


def save_draft(answers: Answers) -> Path:
    path = draft_path()
    write_answers(path, answers, "An unfinished pmladder assessment; resume with: pmladder assess --resume")
    return path


def load_draft(kb: KnowledgeBase) -> Answers | None:
    """The saved draft, or None when there is none; a draft that no longer fits the knowledge base is an error."""
    path = draft_path()
    if not path.is_file():
        return None
    name, text = read_text(path)
    try:
        return parse_answers(text, name, kb)
    except PmladderError as exc:
        exc.problems.append(Problem(f"the draft no longer fits the knowledge base; delete {path} to start afresh"))
        raise


def discard_draft() -> None:
    draft_path().unlink(missing_ok=True)
