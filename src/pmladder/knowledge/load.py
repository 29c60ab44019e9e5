"""Load a knowledge-base folder (`roles.yaml`, `skills.yaml`) into a `KnowledgeBase`.

Every problem in a run is reported at once, each with its `file:line:column`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from pmladder import yamlfile
from pmladder.errors import PmladderError, Problem
from pmladder.files import display_name, read_text
from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE, TRACK_ORDER, KnowledgeBase
from pmladder.knowledge.checks import check
from pmladder.knowledge.models import RolesFile, SkillsFile
from pmladder.validation import validate


def load_knowledge_base(directory: Path) -> KnowledgeBase:
    """Read, validate and cross-check a knowledge base; raise `PmladderError` listing every problem."""
    if not directory.is_dir():
        raise PmladderError(Problem("no such knowledge-base folder", display_name(directory)))
    problems: list[Problem] = []
    texts: list[str] = []
    roles = skills = None
    roles_doc = skills_doc = None
    try:
        name, text = read_text(directory / ROLES_FILE)
        texts.append(text)
        roles_doc = yamlfile.read(text, name)
        roles = validate(RolesFile, roles_doc)
    except PmladderError as exc:
        problems.extend(exc.problems)
    try:
        name, text = read_text(directory / SKILLS_FILE)
        texts.append(text)
        skills_doc = yamlfile.read(text, name)
        skills = validate(SkillsFile, skills_doc)
    except PmladderError as exc:
        problems.extend(exc.problems)
    if problems or roles is None or skills is None or roles_doc is None or skills_doc is None:
        raise PmladderError(problems)

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
    )
