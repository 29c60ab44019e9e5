"""Load a knowledge-base folder (`roles.yaml`, `skills.yaml`) into a `KnowledgeBase`.

Every problem in a run is reported at once, each with its `file:line:column`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TypeVar

from pmladder.errors import PmladderError, Problem
from pmladder.io import yamlfile
from pmladder.io.files import display_name, read_text
from pmladder.io.validation import validate
from pmladder.io.yamlfile import Document
from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE, TRACK_ORDER, KnowledgeBase
from pmladder.knowledge.checks import check
from pmladder.knowledge.models import RolesFile, SkillsFile

M = TypeVar("M", RolesFile, SkillsFile)


def load_knowledge_base(directory: Path) -> KnowledgeBase:
    """Read, validate and cross-check a knowledge base; raise `PmladderError` listing every problem."""
    if not directory.is_dir():
        raise PmladderError(Problem("no such knowledge-base folder", display_name(directory)))
    problems: list[Problem] = []
    texts: list[str] = []
    roles_read = _read(directory / ROLES_FILE, RolesFile, problems, texts)
    skills_read = _read(directory / SKILLS_FILE, SkillsFile, problems, texts)
    if roles_read is None or skills_read is None:
        raise PmladderError(problems)
    roles, roles_doc = roles_read
    skills, skills_doc = skills_read

    found = check(roles, roles_doc, skills, skills_doc)
    errors = [p for p in found if not p.warning]
    warnings = tuple(p for p in found if p.warning)
    if errors:
        raise PmladderError(sorted(errors, key=lambda p: p.sort_key) + list(warnings))

    category_index = {c.id: i for i, c in enumerate(skills.categories)}
    ordered_skills = sorted(enumerate(skills.skills), key=lambda pair: (category_index[pair[1].category], pair[0]))
    ordered_roles = sorted(enumerate(roles.roles), key=lambda pair: (pair[1].rank, TRACK_ORDER[pair[1].track], pair[0]))
    digest = hashlib.sha256("\0".join(texts).encode()).hexdigest()[:12]
    return KnowledgeBase(
        version=roles.version,
        digest=digest,
        source=display_name(directory),
        roles=tuple(r for _, r in ordered_roles),
        skills=tuple(s for _, s in ordered_skills),
        categories=tuple(skills.categories),
        scale=tuple(skills.scale),
        warnings=warnings,
        about=roles.about,
    )


def _read(path: Path, model: type[M], problems: list[Problem], texts: list[str]) -> tuple[M, Document] | None:
    """One file parsed and validated, or None with its problems added: both files are always read."""
    try:
        name, text = read_text(path)
        texts.append(text)
        document = yamlfile.read(text, name)
        return validate(model, document), document
    except PmladderError as exc:
        problems.extend(exc.problems)
        return None
