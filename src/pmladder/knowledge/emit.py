"""Write a ladder's two files as YAML that people read and edit: the inverse of `load`.

Keys keep the models' order, text stays block style (a paragraph with line breaks is a
literal block), and the small mappings the bundled files write on one line (a requirement,
years, a scale level, a learning format) stay on one line. Each file starts with the
`yaml-language-server` modeline naming its JSON Schema, written beside it, as the bundled
files do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from pmladder.errors import PmladderError, Problem
from pmladder.io.files import display_name
from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE
from pmladder.knowledge.models import RolesFile, SkillsFile

SCHEMAS = {ROLES_FILE: "roles.schema.json", SKILLS_FILE: "skills.schema.json"}
_FLOW = {"requirements", "learning", "scale", "figures"}  # lists whose items are short mappings, one a line
_FLOW_MAPPINGS = {"years"}
_FLOW_LISTS = {"aliases", "next_roles", "skills"}  # lists of ids


class _Flow(dict[str, Any]):
    """A mapping written on one line: `{skill: discovery, level: 3, weight: 2}`."""


class _Ids(list[Any]):
    """A list of ids written on one line: `[lead, chief]`."""


class _Dumper(yaml.SafeDumper):
    """Block style, with the few short mappings and id lists on one line like the bundled files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # a list under a key is indented, as in the bundled files


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None  # PyYAML falls back to quotes where a block cannot hold it
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow_mapping(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


def _flow_list(dumper: yaml.SafeDumper, value: _Ids) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_Flow, _flow_mapping)
_Dumper.add_representer(_Ids, _flow_list)


def _styled(value: Any, key: str = "") -> Any:
    """The data with one-line markers where the bundled files write a mapping or a list on one line."""
    if isinstance(value, dict):
        inner = {k: _styled(v, k) for k, v in value.items()}
        if key in _FLOW_MAPPINGS and not any(isinstance(v, str) and "\n" in v for v in inner.values()):
            return _Flow(inner)
        return inner
    if isinstance(value, list):
        if key in _FLOW_LISTS and all(isinstance(v, str) for v in value):
            return _Ids(value)
        items = [_styled(v) for v in value]
        if key in _FLOW:
            return [_Flow(v) if _short(v) else v for v in items]
        return items
    return value


def _short(value: Any) -> bool:
    """A mapping of plain values short enough to read on one line."""
    return (
        isinstance(value, dict)
        and all(not isinstance(v, (dict, list)) for v in value.values())
        and sum(len(str(v)) for v in value.values()) <= 90
        and not any(isinstance(v, str) and "\n" in v for v in value.values())
    )


def dump(model: BaseModel, header: str, schema: str) -> str:
    """A file's YAML: the modeline, a comment, then the data in the model's key order."""
    data = model.model_dump(mode="json", exclude_defaults=True, warnings=False)  # see export_workbook
    body = yaml.dump(
        _styled(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return f"# yaml-language-server: $schema={schema}\n#\n{comment}\n{body}"


def ladder_files(roles: RolesFile, skills: SkillsFile, origin: str) -> dict[str, str]:
    """The folder's files by name: roles.yaml, skills.yaml and the two schemas their modelines name."""
    from pmladder.knowledge.schemas import schema_text

    note = f"Imported from {origin} by `pmladder kb import`. Check with: pmladder kb validate <this folder>"
    return {
        ROLES_FILE: dump(roles, f"The roles of the ladder.\n{note}", SCHEMAS[ROLES_FILE]),
        SKILLS_FILE: dump(
            skills, f"The skills of the ladder: the scale, categories and skills.\n{note}", SCHEMAS[SKILLS_FILE]
        ),
        SCHEMAS[ROLES_FILE]: schema_text("roles"),
        SCHEMAS[SKILLS_FILE]: schema_text("skills"),
    }


def write_ladder(files: dict[str, str], directory: Path, *, force: bool = False) -> None:
    """Write the files into a folder, each atomically; a folder that holds anything needs `force`."""
    from pmladder.io.files import write_text

    name = display_name(directory)
    if directory.exists() and not directory.is_dir():
        raise PmladderError(Problem("is a file, not a folder; give a folder for the ladder", name))
    if directory.is_dir() and not force and any(directory.iterdir()):
        raise PmladderError(Problem("the folder is not empty; pass --force to write the ladder into it", name))
    for file_name, text in files.items():
        write_text(directory / file_name, text)
