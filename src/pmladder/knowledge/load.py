"""Load a knowledge-base folder (`roles.yaml`, `skills.yaml`) into a `KnowledgeBase`.

Every problem in a run is reported at once, each with its `file:line:column`. Reading and
parsing are apart so that the start-up cache hashes exactly the bytes that are parsed on a
miss: each file is read once, and never past the size cap.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pmladder.errors import PmladderError, Problem
from pmladder.io.files import MAX_INPUT_BYTES, decode, display_name, read_bytes
from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE, TRACK_ORDER, KnowledgeBase
from pmladder.knowledge.models import RolesFile, SkillsFile

if TYPE_CHECKING:
    from pmladder.io.yamlfile import Document

M = TypeVar("M", RolesFile, SkillsFile)


Sources = dict[str, tuple[str, bytes]]  # file name -> (name for messages, bytes as read)


def load_knowledge_base(directory: Path) -> KnowledgeBase:
    """Read, validate and cross-check a knowledge base; raise `PmladderError` listing every problem."""
    return parse_knowledge_base(directory, read_sources(directory))


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


def parse_knowledge_base(directory: Path, sources: Sources) -> KnowledgeBase:
    """Decode, parse, validate and cross-check the bytes `read_sources` gave."""
    from pmladder.knowledge.checks import check  # YAML and validators: not needed by a cache hit

    problems: list[Problem] = []
    texts: list[str] = []
    roles_read = _parse(*sources[ROLES_FILE], RolesFile, problems, texts)
    skills_read = _parse(*sources[SKILLS_FILE], SkillsFile, problems, texts)
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


def _parse(
    name: str, data: bytes, model: type[M], problems: list[Problem], texts: list[str]
) -> tuple[M, Document] | None:
    """One file parsed and validated, or None with its problems added: both files are always parsed."""
    from pmladder.io import yamlfile
    from pmladder.io.validation import validate

    try:
        text = decode(data, name)
        texts.append(text)
        document = yamlfile.read(text, name)
        return validate(model, document), document
    except PmladderError as exc:
        problems.extend(exc.problems)
        return None
