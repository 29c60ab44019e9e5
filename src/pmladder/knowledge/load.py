"""Load a knowledge-base folder (`roles.yaml`, `skills.yaml`) into a `KnowledgeBase`.

Every problem in a run is reported at once, each with its `file:line:column`: schema and
reference problems together, sorted by file and line. When a file breaks the schema, the
entries that do validate are still cross-checked (a role with a typo in one key does not
hide an unknown skill in another role). Reading and parsing are apart so that the start-up
cache hashes exactly the bytes that are parsed on a miss: each file is read once, and never
past the size cap.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, get_args

from pmladder.errors import PmladderError, Problem
from pmladder.io.files import decode, display_name
from pmladder.knowledge import values
from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE, KnowledgeBase, track_order
from pmladder.knowledge.models import RolesFile, SkillsFile
from pmladder.knowledge.sources import Sources, read_sources

if TYPE_CHECKING:
    from pmladder.io.yamlfile import Document, Loc, Place

M = TypeVar("M", RolesFile, SkillsFile)


SECTIONS = ("roles", "skills", "categories", "tracks")  # lists whose entries are salvaged one by one


def load_knowledge_base(directory: Path) -> KnowledgeBase:
    """Read, validate and cross-check a knowledge base; raise `PmladderError` listing every problem."""
    return parse_knowledge_base(directory, read_sources(directory))


def parse_knowledge_base(directory: Path, sources: Sources) -> KnowledgeBase:
    """Decode, parse, validate and cross-check the bytes `read_sources` gave."""
    from pmladder.knowledge.checks import check  # YAML and validators: not needed by a cache hit

    problems: list[Problem] = []
    texts: dict[str, str] = {}
    skills_read = _parse(*sources[SKILLS_FILE], SkillsFile, problems, texts)  # first: its scale bounds levels
    scale = skills_read.model.scale if skills_read is not None else None
    roles_read = _parse(*sources[ROLES_FILE], RolesFile, problems, texts, levels=len(scale) if scale else None)
    if roles_read is None or skills_read is None:  # a file that is not YAML: nothing to cross-check
        raise PmladderError(sorted(problems, key=lambda p: p.sort_key))

    found = problems + check(roles_read, skills_read)
    errors = [p for p in found if not p.warning]
    warnings = tuple(p for p in found if p.warning)
    if errors:
        raise PmladderError(sorted(errors, key=lambda p: p.sort_key) + list(warnings))
    # what commands use: the plain values of the validated files, through the cache's own decoder
    roles = roles_read.model.model_dump(mode="json", exclude={"about"})  # a union: `about_block` below
    skills = skills_read.model.model_dump(mode="json")
    role_values = values.decode(tuple[values.Role, ...], roles["roles"])
    skill_values = values.decode(tuple[values.Skill, ...], skills["skills"])

    category_index = {c["id"]: i for i, c in enumerate(skills["categories"])}
    ordered_skills = sorted(enumerate(skill_values), key=lambda pair: (category_index[pair[1].category], pair[0]))
    tracks = track_order((t["id"] for t in roles["tracks"]), role_values)
    ordered_roles = sorted(enumerate(role_values), key=lambda pair: (pair[1].rank, tracks[pair[1].track], pair[0]))
    digest = hashlib.sha256("\0".join(texts[name] for name in (ROLES_FILE, SKILLS_FILE)).encode()).hexdigest()[:12]
    return KnowledgeBase(
        version=roles_read.model.ladder_version,
        digest=digest,
        source=display_name(directory),
        roles=tuple(r for _, r in ordered_roles),
        skills=tuple(s for _, s in ordered_skills),
        categories=values.decode(tuple[values.Category, ...], skills["categories"]),
        scale=values.decode(tuple[values.ScaleLevel, ...], skills["scale"]),
        warnings=warnings,
        about=values.decode(values.About, roles_read.model.about_block.model_dump(mode="json")),
        tracks=values.decode(tuple[values.Track, ...], roles["tracks"]),
    )


@dataclass(frozen=True)
class Read(Generic[M]):
    """One file as far as it validated, for the cross-checks.

    `complete` is False when the file broke the schema: `model` then holds only the entries
    that validate (built without validation), `places` maps their positions back to the
    file, and `named` keeps what the other entries name (ids, and the skills roles require)
    so that references to them are not reported as unknown.
    """

    model: M
    places: Places
    complete: bool = True
    named: dict[str, frozenset[str]] | None = None

    def named_in(self, section: str) -> frozenset[str]:
        return (self.named or {}).get(section, frozenset())


class Places:
    """A document's `problem` and `locate`, with salvaged entries' positions mapped back to the file."""

    def __init__(self, document: Document, positions: dict[str, list[int]] | None = None) -> None:
        self.document = document
        self.positions = positions or {}

    def _map(self, loc: Loc) -> Loc:
        if len(loc) > 1 and isinstance(loc[1], int) and loc[0] in self.positions:
            where = self.positions[str(loc[0])]
            if 0 <= loc[1] < len(where):
                return (loc[0], where[loc[1]], *loc[2:])
        return loc

    def locate(self, loc: Loc) -> Place:
        return self.document.locate(self._map(loc))

    def problem(self, loc: Loc, message: str, *, key: bool = False, warning: bool = False) -> Problem:
        return self.document.problem(self._map(loc), message, key=key, warning=warning)


def _parse(
    name: str,
    data: bytes,
    model: type[M],
    problems: list[Problem],
    texts: dict[str, str],
    *,
    levels: int | None = None,
) -> Read[M] | None:
    """One file parsed and validated (or salvaged), with its problems added; None when it is not YAML."""
    from pmladder.io import yamlfile
    from pmladder.io.validation import validate

    try:
        text = decode(data, name)
        texts[ROLES_FILE if model is RolesFile else SKILLS_FILE] = text
        document = yamlfile.read(text, name)
    except PmladderError as exc:
        problems.extend(exc.problems)
        return None
    try:
        return Read(validate(model, document, levels=levels), Places(document))
    except PmladderError as exc:
        problems.extend(exc.problems)
        return _salvage(model, document)


def _salvage(model: type[M], document: Document) -> Read[M]:
    """What validates of a file that breaks the schema: each entry of a list on its own, each other key whole."""
    from pydantic import TypeAdapter, ValidationError, create_model

    data: dict[str, Any] = document.data if isinstance(document.data, dict) else {}
    values: dict[str, Any] = {}
    positions: dict[str, list[int]] = {}
    named: dict[str, set[str]] = {"required": set()}
    for key, info in model.model_fields.items():
        raw = data.get(key)
        if key in SECTIONS:
            item = TypeAdapter(get_args(info.annotation)[0])
            kept: list[Any] = []
            where: list[int] = []
            for i, entry in enumerate(raw if isinstance(raw, list) else []):
                try:
                    kept.append(item.validate_python(entry))
                    where.append(i)
                except ValidationError:
                    _note_names(named, key, entry)
            values[key], positions[key] = kept, where
            continue
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        if raw is None:
            values[key] = default
            continue
        try:  # the field alone, with its constraints (a scale of 3 to 7 levels)
            part = create_model("Part", **{key: (info.annotation, info)})  # type: ignore[call-overload]
            values[key] = getattr(part.model_validate({key: raw}), key)
        except ValidationError:
            values[key] = default
    return Read(
        model.model_construct(**values),
        Places(document, positions),
        complete=False,
        named={section: frozenset(ids) for section, ids in named.items()},
    )


def _note_names(named: dict[str, set[str]], section: str, entry: Any) -> None:
    """The id of an entry that does not validate, and for a role the skills it requires."""
    if not isinstance(entry, dict):
        return
    if isinstance(entry.get("id"), str):
        named.setdefault(section, set()).add(entry["id"])
    requirements = entry.get("requirements") if section == "roles" else None
    for requirement in requirements if isinstance(requirements, list) else []:
        if isinstance(requirement, dict) and isinstance(requirement.get("skill"), str):
            named["required"].add(requirement["skill"])
