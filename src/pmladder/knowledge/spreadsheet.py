"""A ladder as a workbook and back: `kb export --format xlsx` and `kb import`, an exact round trip.

HR and L&D partners keep career frameworks in spreadsheets. `export_workbook` lays a
ladder (the `RolesFile` and `SkillsFile` as written, in file order) out as an .xlsx
workbook that Excel, LibreOffice and Google Sheets open and edit; `import_workbook` reads
such a workbook back into the same two files' data, validated by the same models and
checks as `kb validate`, every problem placed at its cell (`ladder.xlsx:Roles!D7: …`).

The layout (see `SHEETS`): a sheet per part of the ladder, one row per item. The wide
`Roles` sheet holds one column per skill whose cells are the requirement: `3` (level 3, the
default weight), `3/2` (level 3, weight 2) or `3/2 delegated`. Lists that belong to a role or
a skill (responsibilities, sources...) are long sheets of `role, field, item` rows, in order.
A level descriptor that is a list of criteria is one cell with a criterion a line, each line
starting with `• `; any other cell is a paragraph.

Nothing is ever a formula: text is written as text (a name like `=HYPERLINK(...)` stays
those characters, never run), and a formula found on import is refused at its cell.
"""

from __future__ import annotations

import io
import math
import re
import types
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

from pmladder.errors import PmladderError, Problem, did_you_mean, unknown
from pmladder.io.sanitize import quoted
from pmladder.io.yamlfile import Document, Loc
from pmladder.knowledge.models import Requirement, Role, RolesFile, Skill, SkillsFile
from pmladder.knowledge.values import MAX_LEVELS

if TYPE_CHECKING:
    from pmladder.knowledge.load import Read

M = TypeVar("M", RolesFile, SkillsFile)

BULLET = "•"  # starts each criterion of a descriptor that is a list
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a workbook is a zip; this bounds what it may unpack to
MAX_ROWS = 20_000  # rows read from one sheet; a ladder has hundreds
MAX_COLUMNS = 2_000
MAX_CELL = 32_767  # what a spreadsheet cell holds
_SPARE_ROWS = 500  # rows below the data that keep the data validation, for rows people add


# --- the layout -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its header, what its cells hold, and a note for people."""

    header: str
    kind: str  # text, id, ids, whole, flag, descriptor, years, requirement, key
    note: str
    width: int = 16
    wrap: bool = False


def _col(header: str, kind: str, note: str, width: int = 16, *, wrap: bool = False) -> Column:
    return Column(header, kind, note, width, wrap)


ABOUT = "About"
SCALE = "Scale"
CATEGORIES = "Categories"
SKILLS = "Skills"
SKILL_DETAILS = "Skill details"
PROJECTS = "Projects"
LEARNING = "Learning"
TRACKS = "Tracks"
ROLES = "Roles"
ROLE_DETAILS = "Role details"
ROLE_PROJECTS = "Role projects"
RELATED = "Related titles"
SALARY_SOURCES = "Salary sources"
SALARIES = "Salaries"

_ROLE_COLUMNS = {  # the Roles sheet's own columns; the skill columns follow them
    "id": _col("id", "id", "The role's id: lowercase words joined by hyphens, e.g. head-of-product.", 26),
    "name": _col("name", "text", "The role's name as people read it.", 28, wrap=True),
    "track": _col("track", "id", "The job family (track) the role belongs to.", 14),
    "rank": _col("rank", "whole", "Seniority, a whole number; roles of equal rank are parallel rungs.", 8),
    "next_roles": _col(
        "next roles", "ids", "Where the role usually leads: role ids, separated by commas.", 30, wrap=True
    ),
    "aliases": _col(
        "aliases", "ids", "Short ids accepted wherever the role's id is, e.g. hop; separated by commas.", 14
    ),
}
_SKILL_COLUMNS = {
    "id": _col("id", "id", "The skill's id: lowercase words joined by hyphens; a column of the Roles sheet.", 26),
    "name": _col("name", "text", "The skill's name as people read it.", 24, wrap=True),
    "category": _col("category", "id", "The id of a row of the Categories sheet.", 16),
    "definition": _col("definition", "text", "One line: what the skill covers.", 40, wrap=True),
}
SHEETS: dict[str, str] = {
    ABOUT: "The ladder as a whole, one key a row: version, about (a note), about.name, about.source... "
    "and skills.version (the version of skills.yaml).",
    SCALE: "The proficiency scale, lowest level first: every skill has one descriptor per level.",
    CATEGORIES: "Groups of skills, in the order reports show them.",
    SKILLS: "One row per skill, and one column per level of the Scale sheet: what a person at that level does. "
    f"A descriptor is a paragraph, or a list of criteria: one a line, each line starting with '{BULLET} '.",
    SKILL_DETAILS: "A skill's lists, one item a row in order: its sources and notes.",
    PROJECTS: "Self-guided projects that build a skill, one a row.",
    LEARNING: "Ways to learn a skill beyond projects, one a row.",
    TRACKS: "The job families (tracks) roles belong to, in display order, each with a name.",
    ROLES: "One row per role. Each column after the role's own is a skill (its id): the level the role needs, "
    "as 3 (level 3), 3/2 (level 3, weight 2) or 3/2 delegated; empty when the role does not need the skill.",
    ROLE_DETAILS: "Everything else about a role, one row per item, in order: a text field (summary, scope...) "
    "is one row; a list (responsibilities, challenges...) is a row per item. Years look like ~2-4, 3-5 or ~15+ "
    "(~ marks an approximate range).",
    ROLE_PROJECTS: "Self-guided projects aimed at a role as a whole, one a row.",
    RELATED: "How a role relates to other product-leadership titles, one a row.",
    SALARY_SOURCES: "Where a role's salary figures come from: one row per role that has figures.",
    SALARIES: "Median salaries, one row per role and city, in local currency.",
}


def _unwrap(annotation: Any) -> Any:
    """`Annotated[X, ...]` to X and `X | None` to X."""
    while True:
        origin = get_origin(annotation)
        if origin is not None and getattr(annotation, "__metadata__", None) is not None:
            annotation = get_args(annotation)[0]
            continue
        if origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation


def _detail_fields(model: type[BaseModel], placed: Iterable[str]) -> dict[str, str]:
    """A model's fields that live in a details sheet, in the model's order: name -> text, list or years."""
    found: dict[str, str] = {}
    skip = set(placed)
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        annotation = _unwrap(info.annotation)
        if get_origin(annotation) in (list, tuple) and _unwrap(get_args(annotation)[0]) is str:
            found[name] = "list"
        elif annotation is str:
            found[name] = "text"
        elif isinstance(annotation, type) and annotation.__name__ == "Years":
            found[name] = "years"
        else:  # a new kind of field needs a place in the workbook: a test covers every field
            raise TypeError(f"{model.__name__}.{name} has no place in the workbook layout")
    return found


ROLE_DETAILS_FIELDS = _detail_fields(Role, [*_ROLE_COLUMNS, "requirements", "projects", "related_titles", "salaries"])
SKILL_DETAILS_FIELDS = _detail_fields(Skill, [*_SKILL_COLUMNS, "levels", "projects", "learning"])


def _has_field(model: type[BaseModel], name: str) -> bool:
    return name in model.model_fields


def _about_keys() -> list[str]:
    """The About sheet's keys, from the models: `version`, `about` or `about.<key>`, `skills.version`."""
    keys = [name for name in RolesFile.model_fields if name not in ("roles", "tracks")]
    info = RolesFile.model_fields.get("about")
    if info is not None:
        for member in _members(info.annotation):
            if isinstance(member, type) and issubclass(member, BaseModel):
                keys += [f"about.{name}" for name in member.model_fields]
    return [*keys, *(f"skills.{name}" for name in SkillsFile.model_fields if name not in _SKILLS_FILE_SHEETS)]


def _members(annotation: Any) -> list[Any]:
    """The types an annotation may hold, through `Annotated` and unions."""
    annotation = _unwrap(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for a in get_args(annotation) for m in _members(a)]
    return [annotation]


_SKILLS_FILE_SHEETS = ("scale", "categories", "skills")


def _sub_columns(model: type[BaseModel], notes: dict[str, str], widths: dict[str, int]) -> dict[str, Column]:
    """One column per field of a small model (a project, a learning format...), in its order."""
    columns: dict[str, Column] = {}
    for name, info in model.model_fields.items():
        annotation = _unwrap(info.annotation)
        if annotation is bool:
            kind = "flag"
        elif annotation is int:
            kind = "whole"
        elif get_origin(annotation) is list:
            kind = "ids"
        elif name == "id":
            kind = "id"
        else:
            kind = "text"
        note = notes.get(name) or (info.description or "").strip()
        columns[name] = _col(name.replace("_", " "), kind, note, widths.get(name, 16), wrap=widths.get(name, 16) >= 30)
    return columns


def _model_of(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The model of a field that holds one or a list of them, e.g. Skill.projects -> Project."""
    for member in _members(model.model_fields[name].annotation):
        if get_origin(member) in (list, tuple):
            member = _unwrap(get_args(member)[0])
        if isinstance(member, type) and issubclass(member, BaseModel):
            return member
    raise TypeError(f"{model.__name__}.{name} holds no model")


_PROJECT = _model_of(Skill, "projects")
_LEARNING = _model_of(Skill, "learning")
_SCALE_LEVEL = _model_of(SkillsFile, "scale")
_CATEGORY = _model_of(SkillsFile, "categories")
_ROLE_PROJECT = _model_of(Role, "projects")
_RELATED = _model_of(Role, "related_titles")
_SALARY_TABLE = _model_of(Role, "salaries")
_SALARY = _model_of(_SALARY_TABLE, "figures")
_TRACK = _model_of(RolesFile, "tracks") if _has_field(RolesFile, "tracks") else None

SKILL_REF = _col("skill", "key", "The id of a row of the Skills sheet.", 24)
ROLE_REF = _col("role", "key", "The id of a row of the Roles sheet.", 26)
FIELD = _col("field", "text", "Which list or text of the role or skill this row belongs to.", 18)
ITEM = _col("item", "text", "The text; a row per item of a list, in order.", 80, wrap=True)


def _layout() -> dict[str, dict[str, Column]]:
    """Every sheet's fixed columns (the Roles sheet's skill columns and Skills' level columns follow)."""
    sheets: dict[str, dict[str, Column]] = {
        ABOUT: {
            "key": _col("key", "text", "What the row holds, e.g. version.", 18),
            "value": _col("value", "text", "Its value.", 80, wrap=True),
        },
        SCALE: _sub_columns(_SCALE_LEVEL, {}, {"level": 8, "label": 16, "description": 70}),
        CATEGORIES: _sub_columns(_CATEGORY, {}, {"id": 20, "name": 24, "description": 60}),
        SKILLS: dict(_SKILL_COLUMNS),
        SKILL_DETAILS: {"skill": SKILL_REF, "field": FIELD, "item": ITEM},
        PROJECTS: {
            "skill": SKILL_REF,
            **_sub_columns(_PROJECT, {}, {"title": 30, "deliverable": 40, "builds_to": 10, "effort_hours": 10}),
        },
        LEARNING: {"skill": SKILL_REF, **_sub_columns(_LEARNING, {}, {"format": 14, "suggestion": 70})},
    }
    if _TRACK is not None:
        sheets[TRACKS] = _sub_columns(_TRACK, {}, {"id": 20, "name": 28, "description": 60})
    sheets |= {
        ROLES: dict(_ROLE_COLUMNS),
        ROLE_DETAILS: {"role": ROLE_REF, "field": FIELD, "item": ITEM},
        ROLE_PROJECTS: {"role": ROLE_REF, **_sub_columns(_ROLE_PROJECT, {}, {"title": 30, "deliverable": 40})},
        RELATED: {
            "role": _col("role", "key", "The id of a row of the Roles sheet.", 26),
            **{
                ("related_role" if name == "role" else name): (
                    _col("related role", "id", "The other role's id.", 26) if name == "role" else column
                )
                for name, column in _sub_columns(_RELATED, {}, {"relation": 70}).items()
            },
        },
        SALARY_SOURCES: {
            "role": ROLE_REF,
            **{
                name: column
                for name, column in _sub_columns(_SALARY_TABLE, {}, {"source": 50, "note": 50}).items()
                if name != "figures"
            },
        },
        SALARIES: {"role": ROLE_REF, **_sub_columns(_SALARY, {}, {"city": 18, "country": 20, "median": 12})},
    }
    return sheets


LAYOUT = _layout()
_REQUIRED_SHEETS = (ABOUT, SCALE, CATEGORIES, SKILLS, ROLES)


def _header_key(text: str) -> str:
    """How a header is matched: case, spaces and underscores do not matter."""
    return " ".join(text.replace("_", " ").split()).casefold()


# --- export ---------------------------------------------------------------------------------


def export_workbook(roles: RolesFile, skills: SkillsFile) -> bytes:
    """The ladder as an .xlsx workbook; raise `PmladderError` for text no cell can hold as written."""
    from openpyxl import Workbook

    # warnings off: pydantic warns, wrongly, about a tagged union (`about`, a descriptor) it dumps right
    roles_data = roles.model_dump(mode="json", exclude_defaults=True, warnings=False)
    skills_data = skills.model_dump(mode="json", exclude_defaults=True, warnings=False)
    writer = _Writer(Workbook())
    writer.about(roles_data, skills_data)
    levels = len(skills.scale)
    writer.table(SCALE, LAYOUT[SCALE], skills_data["scale"])
    writer.table(CATEGORIES, LAYOUT[CATEGORIES], skills_data["categories"])
    writer.skills(skills_data["skills"], [s.label for s in skills.scale])
    writer.details(SKILL_DETAILS, "skill", skills_data["skills"], SKILL_DETAILS_FIELDS)
    writer.owned(PROJECTS, "skill", skills_data["skills"], "projects", levels)
    writer.owned(LEARNING, "skill", skills_data["skills"], "learning", levels)
    if _TRACK is not None:
        writer.table(TRACKS, LAYOUT[TRACKS], roles_data.get("tracks", []))
    writer.roles(roles_data["roles"], [s["id"] for s in skills_data["skills"]], levels, bool(roles_data.get("tracks")))
    writer.details(ROLE_DETAILS, "role", roles_data["roles"], ROLE_DETAILS_FIELDS)
    writer.owned(ROLE_PROJECTS, "role", roles_data["roles"], "projects", levels)
    related = [
        {"id": r["id"], "related_titles": [{"related_role": t["role"], **t} for t in r.get("related_titles", [])]}
        for r in roles_data["roles"]
    ]
    writer.owned(RELATED, "role", related, "related_titles", levels)
    tables = [{"id": r["id"], "salaries": [r["salaries"]] if "salaries" in r else []} for r in roles_data["roles"]]
    writer.owned(SALARY_SOURCES, "role", tables, "salaries", levels)
    figures = [{"id": r["id"], "figures": r.get("salaries", {}).get("figures", [])} for r in roles_data["roles"]]
    writer.owned(SALARIES, "role", figures, "figures", levels)
    if writer.problems:
        raise PmladderError(writer.problems)
    return writer.save()


def descriptor_cell(value: str | list[str]) -> str:
    """A level descriptor as one cell: a paragraph as written, criteria one a line after '• '."""
    if isinstance(value, str):
        return value
    return "\n".join(f"{BULLET} {item}" for item in value)


def _bulleted(text: str) -> bool:
    return text.lstrip().startswith(BULLET)


def years_cell(years: dict[str, Any]) -> str:
    """Years as `~2-4`, `3-5` or `~15+`: a tilde when approximate, a plus for an open range."""
    span = f"{years['min']}-{years['max']}" if years.get("max") is not None else f"{years['min']}+"
    return f"~{span}" if years.get("approximate", True) else span


def requirement_cell(requirement: dict[str, Any]) -> str:
    """`3`, `3/2` or `3/2 delegated`: the level, the weight unless it is the default one, the flag."""
    text = str(requirement["level"])
    if "weight" in requirement or Requirement.model_fields["weight"].is_required():
        text += f"/{requirement.get('weight', 1)}"
    if requirement.get("delegated"):
        text += " delegated"
    return text


class _Writer:
    """Builds the workbook sheet by sheet; problems are text no cell can hold as written."""

    def __init__(self, workbook: Any) -> None:
        self.workbook = workbook
        self.problems: list[Problem] = []
        self.lines: dict[tuple[str, int], int] = {}  # wrapped lines of a row's tallest cell, for its height
        self._first = True

    def sheet(self, title: str, columns: Sequence[Column], freeze: str = "A2") -> Any:
        from openpyxl.comments import Comment
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        if self._first:
            sheet = self.workbook.active
            sheet.title = title
            self._first = False
        else:
            sheet = self.workbook.create_sheet(title)
        bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.header)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            note = f"{SHEETS[title]}\n\n{column.header}: {column.note}" if index == 1 else column.note
            cell.comment = Comment(note, "pmladder", width=320, height=160 if index == 1 else 90)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
        sheet.freeze_panes = freeze
        sheet.page_setup.orientation = "landscape"  # printed, a sheet is as wide as the page and repeats its header
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_title_rows = "1:1"
        sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(columns), 1))}1"
        return sheet

    def put(self, sheet: Any, row: int, column: int, value: Any, spec: Column) -> None:
        """One cell: numbers as numbers, everything else as text that no spreadsheet evaluates."""
        from openpyxl.styles import Alignment

        if value is None:
            return
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, bool) or (isinstance(value, int) and spec.kind == "whole"):
            cell.value = value
        else:
            text = str(value)
            if len(text) > MAX_CELL:
                self.cannot(
                    sheet, row, spec, f"text of {len(text):,} characters; a spreadsheet cell holds at most {MAX_CELL:,}"
                )
            cell.value = text
            cell.data_type = "s"  # openpyxl makes `=...` a formula: it is text here, always
            cell.number_format = "@"  # and stays text when someone edits it
            if text[:1] in ("=", "+", "-", "@"):
                cell.quotePrefix = True  # what a spreadsheet sets for a typed leading apostrophe
        wrap = spec.wrap or (isinstance(value, str) and "\n" in value)
        cell.alignment = Alignment(vertical="top", wrap_text=wrap)
        if wrap:
            per_line = max(spec.width * 1.15, 1)
            lines = sum(max(1, math.ceil(len(line) / per_line)) for line in str(value).split("\n"))
            key = (sheet.title, row)
            self.lines[key] = max(self.lines.get(key, 1), lines)

    def cannot(self, sheet: Any, row: int, spec: Column, message: str) -> None:
        """Text that no cell can hold as written: the export stops, naming the row and the column."""
        owner = sheet.cell(row=row, column=1).value
        where = f"{sheet.title}, the row of {quoted(str(owner))}, column {quoted(spec.header)}"
        self.problems.append(Problem(f"cannot export {where}: {message}"))

    def text_columns(self, sheet: Any, columns: Sequence[Column]) -> None:
        """Text columns keep what people type as text (`3/2` is never a date) in the rows below the data too."""
        from openpyxl.utils import get_column_letter

        for index, column in enumerate(columns, start=1):
            if column.kind not in ("whole", "flag"):
                sheet.column_dimensions[get_column_letter(index)].number_format = "@"

    def validate(self, sheet: Any, column: int, rows: int, **rule: Any) -> None:
        """Data validation for a column, down past the data so that added rows get it too."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        if rule.get("type") == "list" and len(rule.get("formula1", "")) > 255:
            return  # a list longer than a spreadsheet accepts: no drop-down, the import still checks
        letter = get_column_letter(column)
        check = DataValidation(allow_blank=True, showErrorMessage=True, **rule)
        check.add(f"{letter}2:{letter}{rows + _SPARE_ROWS}")
        sheet.add_data_validation(check)

    def about(self, roles: dict[str, Any], skills: dict[str, Any]) -> None:
        from openpyxl.comments import Comment

        columns = list(LAYOUT[ABOUT].values())
        sheet = self.sheet(ABOUT, columns)
        rows: list[tuple[str, Any]] = []
        for key in _about_keys():
            head, _, tail = key.partition(".")
            if head == "skills":
                value = skills.get(tail)
            elif head == "about" and tail:
                value = roles["about"].get(tail) if isinstance(roles.get("about"), dict) else None
            elif head == "about":
                value = roles["about"] if isinstance(roles.get("about"), str) else None
            else:
                value = roles.get(head)
            if value is not None:
                rows.append((key, value))
        for row, (key, value) in enumerate(rows, start=2):
            self.put(sheet, row, 1, key, columns[0])
            self.put(sheet, row, 2, value, columns[1])
            note = _about_note(key)
            if note:
                sheet.cell(row=row, column=1).comment = Comment(note, "pmladder", width=300, height=70)
        self.text_columns(sheet, columns)

    def table(self, title: str, spec: dict[str, Column], items: list[dict[str, Any]]) -> None:
        columns = list(spec.values())
        sheet = self.sheet(title, columns)
        for row, item in enumerate(items, start=2):
            for index, (key, column) in enumerate(spec.items(), start=1):
                self.put(sheet, row, index, _cell_value(item.get(key), column), column)
        self.text_columns(sheet, columns)
        if "level" in spec:
            self.validate(
                sheet, 1, len(items), type="whole", operator="between", formula1="1", formula2=str(MAX_LEVELS)
            )

    def skills(self, skills: list[dict[str, Any]], labels: list[str]) -> None:
        spec = LAYOUT[SKILLS]
        level_columns = [
            _col(f"level {n} ({label})", "descriptor", f"What a person at level {n} ({label}) does.", 40, wrap=True)
            for n, label in enumerate(labels, start=1)
        ]
        columns = [*spec.values(), *level_columns]
        sheet = self.sheet(SKILLS, columns, freeze="C2")
        for row, skill in enumerate(skills, start=2):
            for index, (key, column) in enumerate(spec.items(), start=1):
                self.put(sheet, row, index, skill.get(key), column)
            for n, value in enumerate(skill["levels"]):
                self._descriptor(sheet, row, len(spec) + 1 + n, value, level_columns[min(n, len(labels) - 1)])
        self.text_columns(sheet, columns)
        category = list(spec).index("category") + 1
        self.validate(
            sheet, category, len(skills), type="list", formula1=f"{CATEGORIES}!$A$2:$A$1000", errorStyle="warning"
        )

    def _descriptor(self, sheet: Any, row: int, column: int, value: str | list[str], spec: Column) -> None:
        ambiguous = (
            _bulleted(value)
            if isinstance(value, str)
            else any(_bulleted(line) for item in value for line in item.split("\n")[1:])
        )
        if ambiguous:
            what = "a paragraph that starts" if isinstance(value, str) else "a criterion with a line that starts"
            self.cannot(
                sheet, row, spec, f"{what} with '{BULLET}' would read back as a list of criteria; start it otherwise"
            )
        self.put(sheet, row, column, descriptor_cell(value), spec)

    def details(self, title: str, owner: str, items: list[dict[str, Any]], fields: dict[str, str]) -> None:
        columns = list(LAYOUT[title].values())
        sheet = self.sheet(title, columns, freeze="B2")
        row = 2
        for item in items:
            for name, kind in fields.items():
                value = item.get(name)
                if value is None:
                    continue
                values = value if kind == "list" else [years_cell(value) if kind == "years" else value]
                for entry in values:
                    for index, cell in enumerate((item["id"], name, entry), start=1):
                        self.put(sheet, row, index, cell, columns[index - 1])
                    row += 1
        self.text_columns(sheet, columns)
        names = ",".join(fields)
        self.validate(sheet, 2, row - 2, type="list", formula1=f'"{names}"', errorStyle="warning")
        self.validate(sheet, 1, row - 2, type="list", formula1=_owner_range(owner), errorStyle="warning")

    def owned(self, title: str, owner: str, items: list[dict[str, Any]], key: str, levels: int) -> None:
        spec = LAYOUT[title]
        columns = list(spec.values())
        sheet = self.sheet(title, columns, freeze="B2")
        row = 2
        for item in items:
            for entry in item.get(key, []):
                for index, (name, column) in enumerate(spec.items(), start=1):
                    value = item["id"] if index == 1 else _cell_value(entry.get(name), column)
                    self.put(sheet, row, index, value, column)
                row += 1
        self.text_columns(sheet, columns)
        self.validate(sheet, 1, row - 2, type="list", formula1=_owner_range(owner), errorStyle="warning")
        for index, name in enumerate(spec, start=1):
            if name == "builds_to":
                self.validate(
                    sheet, index, row - 2, type="whole", operator="between", formula1="1", formula2=str(levels)
                )
            choices = _choices(spec, name, title)
            if choices:
                self.validate(
                    sheet, index, row - 2, type="list", formula1=f'"{",".join(choices)}"', errorStyle="warning"
                )

    def roles(self, roles: list[dict[str, Any]], skill_ids: list[str], levels: int, tracks: bool) -> None:
        spec = LAYOUT[ROLES]
        skill_columns = [
            _col(
                ident,
                "requirement",
                "The level this role needs in the skill: 3, 3/2 (level/weight) or 3/2 delegated.",
                max(8, min(len(ident) + 2, 24)),
            )
            for ident in skill_ids
        ]
        columns = [*spec.values(), *skill_columns]
        sheet = self.sheet(ROLES, columns, freeze="C2")
        where = {ident: len(spec) + 1 + n for n, ident in enumerate(skill_ids)}
        for row, role in enumerate(roles, start=2):
            for index, (key, column) in enumerate(spec.items(), start=1):
                self.put(sheet, row, index, _cell_value(role.get(key), column), column)
            for requirement in role["requirements"]:
                number = where[requirement["skill"]]
                self.put(sheet, row, number, requirement_cell(requirement), skill_columns[number - len(spec) - 1])
        self.text_columns(sheet, columns)
        if skill_ids:
            from openpyxl.utils import get_column_letter

            weighted = [f"{level}/{weight}" for level in range(1, levels + 1) for weight in range(1, _max_weight() + 1)]
            listed = ",".join([*(str(n) for n in range(1, levels + 1)), *weighted])
            first, last = get_column_letter(len(spec) + 1), get_column_letter(len(columns))
            if len(listed) <= 253:
                from openpyxl.worksheet.datavalidation import DataValidation

                check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, errorStyle="warning")
                check.add(f"{first}2:{last}{len(roles) + _SPARE_ROWS}")
                sheet.add_data_validation(check)
        index = list(spec).index("track") + 1
        if tracks:  # a drop-down of the Tracks sheet's ids
            self.validate(sheet, index, len(roles), type="list", formula1=f"{TRACKS}!$A$2:$A$200", errorStyle="warning")

    def save(self) -> bytes:
        for (title, row), lines in self.lines.items():
            if lines > 1:  # spreadsheets do not size rows of a file on opening: give each its height
                self.workbook[title].row_dimensions[row].height = min(409, 15 * lines)
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return buffer.getvalue()


def _owner_range(owner: str) -> str:
    return f"{SKILLS if owner == 'skill' else ROLES}!$A$2:$A$1000"


def _max_weight() -> int:
    for item in Requirement.model_fields["weight"].metadata:
        high = getattr(item, "le", None)
        if isinstance(high, int):
            return high
    return 5


def _choices(spec: dict[str, Column], name: str, title: str) -> list[str]:
    """The values of an enumerated field, for a drop-down."""
    models: dict[str, type[BaseModel]] = {PROJECTS: _PROJECT, LEARNING: _LEARNING}
    model = models.get(title)
    if model is None or name not in spec or name not in model.model_fields:
        return []
    for member in _members(model.model_fields[name].annotation):
        if isinstance(member, type) and issubclass(member, Enum):
            return [str(m.value) for m in member]
    return []


def _cell_value(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind == "ids":
        return ", ".join(value)
    return value


_ABOUT_NOTES = {
    "version": "The ladder's version, e.g. 2026.11.",
    "about": "A note for readers of the whole ladder, e.g. how to treat its numbers.",
    "skills.version": "The version written in skills.yaml; it should match the ladder's.",
}


def _about_note(key: str) -> str:
    if key in _ABOUT_NOTES:
        return _ABOUT_NOTES[key]
    head, _, tail = key.partition(".")
    if head == "about" and tail:
        return f"The ladder's {tail} (the `about` block of roles.yaml)."
    return ""


# --- import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A cell of the workbook, named as a spreadsheet names it: `Roles!D7`, `'Role details'!C4`."""

    sheet: str
    row: int
    column: int
    header: str = ""

    @property
    def ref(self) -> str:
        from openpyxl.utils import get_column_letter

        sheet = self.sheet if re.fullmatch(r"[A-Za-z0-9_]+", self.sheet) else "'" + self.sheet.replace("'", "''") + "'"
        return f"{sheet}!{get_column_letter(self.column)}{self.row}"


@dataclass
class _Origin:
    """Stands in for a YAML mark: a workbook document has cells, not lines."""

    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class SheetDocument(Document):
    """The data read from a workbook and the cell each part came from, for placing problems.

    The models and checks place problems through `problem(loc, ...)`; here a `loc` is looked
    up in `places` (or the nearest part of it that has a cell) and the problem names the cell.
    """

    places: dict[tuple[str | int, ...], Cell] = field(default_factory=dict)
    home: Cell = field(default_factory=lambda: Cell(ABOUT, 1, 1))

    def cell(self, loc: Loc) -> tuple[Cell, tuple[str | int, ...]]:
        """The cell of `loc`, or of the nearest part of it that came from a cell, and that part."""
        key = tuple(loc)
        while key:
            found = self.places.get(key)
            if found is not None:
                return found, key
            key = key[:-1]
        return self.places.get((), self.home), ()

    def locate(self, loc: Loc) -> tuple[int, int]:
        found, _ = self.cell(loc)
        return found.row, found.column

    def locate_key(self, loc: Loc) -> tuple[int, int]:
        return self.locate(loc)

    def problem(self, loc: Loc, message: str, *, key: bool = False, warning: bool = False) -> Problem:
        found, at = self.cell(loc)
        text, found = _reword(self, tuple(loc), at, found, message)
        return Problem(text, self.name, warning=warning, cell=found.ref)


_MISSING = re.compile(r"missing required key '([^']+)'")
_MISSING_TEXT = re.compile(r"(.+) is missing; it is required")
_COUNT = re.compile(r"expected (at least|at most|exactly) ([\d,]+) .+, got (none|[\d,]+)")
_ROWS = {
    "scale": f"levels (rows of {SCALE})",
    "categories": f"categories (rows of {CATEGORIES})",
    "skills": f"skills (rows of {SKILLS})",
    "roles": f"roles (rows of {ROLES})",
    "requirements": "skills with a level (in its skill columns)",
    "levels": "level descriptors",
    "projects": f"projects (rows of {PROJECTS})",
    "learning": f"learning formats (rows of {LEARNING})",
    "sources": f"sources (rows of {SKILL_DETAILS})",
    "figures": f"figures (rows of {SALARIES})",
}


def _reword(
    document: SheetDocument, loc: tuple[str | int, ...], at: tuple[str | int, ...], cell: Cell, message: str
) -> tuple[str, Cell]:
    """A model's message in a workbook's words, and its cell: the cell names the place, so the YAML path goes."""
    from pmladder.io.validation import describe

    for where in (describe(document.data, loc), describe(document.data, loc[:-1])):
        if where and message.startswith(where + ": "):
            message = message[len(where) + 2 :]
            break
    missing = _MISSING.fullmatch(message)
    if missing:
        name = missing.group(1)
        inner = document.places.get(_key(loc, name))
        if inner is not None:  # the empty cell itself
            return f"{inner.header or name} is empty; it is required", inner
        return f"{name.replace('_', ' ')} is missing; it is required", cell
    count = _COUNT.fullmatch(message)
    if count:
        parts = [p for p in loc if isinstance(p, str)]
        noun = _ROWS.get(parts[-1]) if parts else None
        if noun:
            how, need, got = count.groups()
            return f"expected {how} {need} {noun}, got {got}", cell
    extra = [p for n, p in enumerate(loc) if n >= len(at) and isinstance(p, str) and not _is_tag(loc, n)]
    if extra and not cell.header.casefold().startswith(extra[-1].replace("_", " ").casefold()):
        return f"{extra[-1].replace('_', ' ')}: {message}", cell
    return message, cell


def _is_tag(loc: tuple[str | int, ...], n: int) -> bool:
    """Whether loc[n] names a member of a union (a descriptor's text or criteria, about's block or note)."""
    before = loc[n - 1] if n else None
    if isinstance(before, int) and n >= 2 and loc[n - 2] == "levels":
        return loc[n] in ("text", "criteria")
    return before == "about" and loc[n] in ("block", "note")


@dataclass
class _Table:
    """One sheet as read: where each known column is, and the rows that hold anything."""

    title: str  # as the workbook spells it
    columns: dict[str, int]  # layout key -> column number
    headers: dict[int, str]  # column number -> header as written
    rows: list[tuple[int, dict[int, Any]]]  # row number -> {column number: openpyxl cell}
    extra: dict[int, str] = field(default_factory=dict)  # columns not in the layout: the Roles sheet's skills
    absent: set[str] = field(default_factory=set)  # the layout's headers the sheet has no column for


class _Reader:
    """Reads a workbook's sheets into the two files' data, with a cell for every part of it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[tuple[tuple[int, int, int], Problem]] = []
        self.bad: set[str] = set()  # cells already reported: a model's complaint about them would repeat it
        self.nameless: set[str] = set()  # the id cells of rows without an id: what is missing there is that
        self.found: dict[str, _Table] = {}  # the sheets read, by their title in lower case
        self.said: set[tuple[str | None, str]] = set()
        self.order: dict[str, int] = {title.casefold(): n for n, title in enumerate(LAYOUT)}

    # problems

    def report(self, cell: Cell, message: str, *, warning: bool = False) -> None:
        self.bad.add(cell.ref)
        key = (self.order.get(cell.sheet.strip().casefold(), len(self.order)), cell.row, cell.column)
        self.problems.append((key, Problem(message, self.name, warning=warning, cell=cell.ref)))

    def add(self, problem: Problem) -> None:
        """A problem the models or checks found, unless a cell's own problem already says it."""
        if problem.cell in self.bad and not problem.warning:
            return
        if problem.cell in self.nameless and not problem.message.startswith("id "):
            return
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        sheet, _, where = (problem.cell or "").rpartition("!")
        sheet = sheet.strip("'").replace("''", "'")
        table = self.found.get(sheet.strip().casefold())
        missing = _MISSING_TEXT.fullmatch(problem.message)
        if table is not None and missing and _header_key(missing.group(1)) in table.absent:
            # a column the sheet lacks: said once, at its header row, not once a row
            message = f"the sheet has no {quoted(missing.group(1))} column, and every row needs one"
            problem = replace(problem, message=message, cell=Cell(table.title, 1, 1).ref, repeats=0)
            where = "A1"
        if (problem.cell, problem.message) in self.said:
            return
        self.said.add((problem.cell, problem.message))
        try:
            letters, row = coordinate_from_string(where)
            key = (self.order.get(sheet.strip().casefold(), len(self.order)), row, column_index_from_string(letters))
        except ValueError:
            key = (len(self.order), 0, 0)
        self.problems.append((key, problem))

    def sorted_problems(self) -> list[Problem]:
        return [p for _, p in sorted(self.problems, key=lambda pair: pair[0])]

    # sheets

    def tables(self, workbook: Any) -> dict[str, _Table]:
        found: dict[str, _Table] = {}
        known = {title.casefold(): title for title in LAYOUT}
        for sheet in workbook.worksheets:
            title = known.get(sheet.title.strip().casefold())
            if title is None:
                message = f"unknown sheet {quoted(sheet.title)}{did_you_mean(sheet.title, LAYOUT)}; the sheets are: {', '.join(LAYOUT)}"
                self.report(Cell(sheet.title, 1, 1), message)
                continue
            if title in found:
                self.report(Cell(sheet.title, 1, 1), f"a second {quoted(title)} sheet; keep one")
                continue
            table = self.table(sheet, title)
            if table is not None:
                found[title] = table
                self.found[table.title.strip().casefold()] = table
        for title in _REQUIRED_SHEETS:
            if title not in found and not any(p.cell and p.cell.startswith(title) for _, p in self.problems):
                self.problems.append(((-1, 0, 0), Problem(f"the workbook has no {quoted(title)} sheet", self.name)))
        return found

    def table(self, sheet: Any, title: str) -> _Table | None:
        rows = sheet.iter_rows()
        header = next(rows, ())
        spec = LAYOUT[title]
        by_header = {_header_key(c.header): key for key, c in spec.items()}
        columns: dict[str, int] = {}
        headers: dict[int, str] = {}
        extra: dict[int, str] = {}
        for cell in header:
            value = getattr(cell, "value", None)
            if value is None:
                continue
            number = cell.column
            if number > MAX_COLUMNS:
                self.report(Cell(sheet.title, 1, number), f"more than {MAX_COLUMNS:,} columns; pmladder reads no more")
                break
            place = Cell(sheet.title, 1, number)
            text = str(value).strip()
            headers[number] = text
            key = by_header.get(_header_key(text))
            levels = title == SKILLS and re.match(r"level\s*\d+\b", text, re.IGNORECASE) is not None
            if key is None and (levels or title == ROLES):
                extra[number] = text
            elif key is None:
                names = ", ".join(c.header for c in spec.values())
                self.report(
                    place,
                    f"unknown column {quoted(text)}{did_you_mean(_header_key(text), by_header)}; this sheet's columns are: {names}",
                )
            elif key in columns:
                self.report(place, f"a second {quoted(text)} column; keep one")
            else:
                columns[key] = number
        missing = [
            c.header
            for key, c in spec.items()
            if key not in columns and (c.kind == "key" or key in ("id", "key", "value"))
        ]
        if missing:
            self.report(Cell(sheet.title, 1, 1), f"the sheet has no {quoted(missing[0])} column")
            return None
        found: list[tuple[int, dict[int, Any]]] = []
        for line in rows:
            cells = {
                c.column: c
                for c in line
                if getattr(c, "value", None) is not None and getattr(c, "column", 0) <= MAX_COLUMNS
            }
            cells = {n: c for n, c in cells.items() if not (isinstance(c.value, str) and not c.value.strip())}
            if not cells:
                continue
            if len(found) >= MAX_ROWS:
                self.report(
                    Cell(sheet.title, next(iter(cells.values())).row, 1),
                    f"more than {MAX_ROWS:,} rows; pmladder reads no more",
                )
                break
            found.append((next(iter(cells.values())).row, cells))
        absent = {_header_key(c.header) for key, c in spec.items() if key not in columns}
        return _Table(sheet.title, columns, headers, found, extra, absent)

    # cells

    def at(self, table: _Table, row: int, column: int) -> Cell:
        return Cell(table.title, row, column, table.headers.get(column, ""))

    def raw(self, table: _Table, row: int, cells: dict[int, Any], column: int | None) -> Any:
        """A cell's value, or None; a formula, an error value or a date is reported and read as None."""
        if column is None or column not in cells:
            return None
        cell = cells[column]
        place = self.at(table, row, column)
        kind = getattr(cell, "data_type", "s")
        value = cell.value
        if kind == "f" or (isinstance(value, str) and kind not in ("s", "inlineStr", "str") and value.startswith("=")):
            self.report(place, "holds a formula; pmladder reads values only: type the value itself")
            return None
        if kind == "e":
            self.report(place, f"holds the error value {quoted(str(value))}; type the value itself")
            return None
        if hasattr(value, "year") or hasattr(value, "seconds"):
            self.report(
                place, "the spreadsheet turned this into a date or time; format the cell as Text and type it again"
            )
            return None
        return value

    def text(self, table: _Table, row: int, cells: dict[int, Any], column: int | None) -> str | None:
        value = self.raw(table, row, cells, column)
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def ident(self, table: _Table, row: int, cells: dict[int, Any], column: int | None) -> str | None:
        text = self.text(table, row, cells, column)
        return text.strip() if text is not None else None

    def ids(self, table: _Table, row: int, cells: dict[int, Any], column: int | None) -> list[str] | None:
        text = self.text(table, row, cells, column)
        if text is None:
            return None
        return [part for part in re.split(r"[,;\s]+", text) if part]

    def whole(self, table: _Table, row: int, cells: dict[int, Any], column: int | None) -> Any:
        value = self.raw(table, row, cells, column)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d{1,12}\s*", value):
            return int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            assert column is not None
            self.report(self.at(table, row, column), f"expected a whole number, got {_shown(value)}")
            return None
        return value

    def flag(self, table: _Table, row: int, cells: dict[int, Any], column: int | None) -> bool | None:
        value = self.raw(table, row, cells, column)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        word = str(value).strip().casefold()
        if word in ("true", "yes", "y", "1"):
            return True
        if word in ("false", "no", "n", "0"):
            return False
        assert column is not None
        self.report(self.at(table, row, column), f"expected yes or no (TRUE or FALSE), got {_shown(value)}")
        return None

    def value(self, table: _Table, row: int, cells: dict[int, Any], column: int | None, kind: str) -> Any:
        if kind == "whole":
            return self.whole(table, row, cells, column)
        if kind == "flag":
            return self.flag(table, row, cells, column)
        if kind in ("id", "key"):
            return self.ident(table, row, cells, column)
        if kind == "ids":
            return self.ids(table, row, cells, column)
        return self.text(table, row, cells, column)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {quoted(value, 40)}"
    if isinstance(value, bool):
        return f"the value {'TRUE' if value else 'FALSE'}"
    return f"the number {value}"


def parse_descriptor(text: str) -> str | list[str]:
    """A descriptor cell: a list of criteria when it starts with '•' (one per '•' line), else a paragraph."""
    if not _bulleted(text):
        return text
    items: list[str] = []
    for line in text.split("\n"):
        if _bulleted(line):
            items.append(line.lstrip()[len(BULLET) :])
        elif items:
            items[-1] += "\n" + line
    return items


_YEARS = re.compile(r"\s*(~)?\s*(\d{1,3})\s*(?:(?:-|–|—|to)\s*(\d{1,3})|(\+))\s*", re.IGNORECASE)
_REQUIREMENT = re.compile(r"\s*(\d{1,3})\s*(?:/\s*(\d{1,3})\s*)?(delegated)?\s*", re.IGNORECASE)


def parse_years(text: str) -> dict[str, Any] | None:
    """`~2-4`, `3-5` or `~15+` as the `years` mapping; None when the text has another shape."""
    match = _YEARS.fullmatch(text)
    if match is None:
        return None
    tilde, low, high, plus = match.groups()
    years: dict[str, Any] = {"min": int(low)}
    if not plus:
        years["max"] = int(high)
    if not tilde:
        years["approximate"] = False
    return years


def parse_requirement(value: Any) -> tuple[int, int | None, bool] | None:
    """(level, weight or None, delegated) from `3`, `3/2` or `3/2 delegated`; None for another shape."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value, None, False
    match = _REQUIREMENT.fullmatch(str(value))
    if match is None:
        return None
    level, weight, delegated = match.groups()
    return int(level), int(weight) if weight else None, bool(delegated)


@dataclass
class Imported:
    """A workbook read back: the two files' models, and warnings that do not stop the import."""

    roles: RolesFile
    skills: SkillsFile
    warnings: list[Problem]


def import_workbook(data: bytes, name: str) -> Imported:
    """Read a workbook made by `export_workbook` (and edited since); raise `PmladderError` with every problem."""
    workbook = _open(data, name)
    reader = _Reader(name)
    try:
        tables = reader.tables(workbook)
        if any(title not in tables for title in _REQUIRED_SHEETS):
            raise PmladderError(reader.sorted_problems())
        skills_doc, skill_rows = _build_skills(reader, tables)
        roles_doc = _build_roles(reader, tables, skill_rows)
    finally:
        workbook.close()
    return _validate(reader, roles_doc, skills_doc)


def _open(data: bytes, name: str) -> Any:
    """The workbook, opened to read values only; anything that is not a sound .xlsx is refused first."""
    from openpyxl import load_workbook

    if len(data) > MAX_WORKBOOK_BYTES:
        raise PmladderError(
            Problem(f"file is larger than {MAX_WORKBOOK_BYTES // (1024 * 1024)} MiB; refusing to read it", name)
        )
    if not data.startswith(b"PK"):
        hint = " (it looks like an old .xls file: save it as .xlsx)" if data.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise PmladderError(Problem(f"not an Excel workbook (.xlsx){hint}", name))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise PmladderError(Problem("the workbook unpacks to more than 200 MiB; refusing to read it", name))
            if "xl/workbook.xml" not in {i.filename for i in infos}:
                raise PmladderError(Problem("not an Excel workbook (.xlsx): a zip file without a workbook in it", name))
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except PmladderError:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds for a broken file: each is the same answer
        raise PmladderError(
            Problem("cannot read this workbook: the .xlsx file is damaged or not a spreadsheet", name)
        ) from None


def _build_skills(reader: _Reader, tables: dict[str, _Table]) -> tuple[SheetDocument, dict[str, int]]:
    """skills.yaml's data from the About, Scale, Categories, Skills, Skill details, Projects and Learning sheets."""
    data: dict[str, Any] = {}
    places: dict[tuple[str | int, ...], Cell] = {}
    about = tables[ABOUT]
    home = Cell(about.title, 1, 1)
    _read_about(reader, about, "skills", data, places)
    for key, title in (("scale", SCALE), ("categories", CATEGORIES)):
        table = tables[title]
        items, item_places = _read_items(reader, table, LAYOUT[title], (key,))
        data[key] = items
        places |= item_places
        places[(key,)] = Cell(table.title, 2, 1)
    skills_table = tables[SKILLS]
    places[("skills",)] = Cell(skills_table.title, 2, 1)
    level_columns = _level_columns(reader, skills_table)
    skills: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    first: dict[str, int] = {}
    for row, cells in skills_table.rows:
        loc: tuple[str | int, ...] = ("skills", len(skills))
        read = _keyed_row(reader, skills_table, SKILLS, row, cells, loc, places, first, "skill")
        if read is None:
            continue
        skill, ident = read
        levels: list[Any] = []
        for n, number in enumerate(level_columns):
            places[_key(loc, "levels", n)] = reader.at(skills_table, row, number)
            text = reader.text(skills_table, row, cells, number)
            levels.append(parse_descriptor(text) if text is not None else "")
        if level_columns:
            places[_key(loc, "levels")] = reader.at(skills_table, row, level_columns[0])
        skill["levels"] = levels
        if isinstance(ident, str):
            first[ident] = row
            index[ident] = len(skills)
        skills.append(skill)
    data["skills"] = skills
    owners = _Owners(reader, index, "skill", SKILLS)
    _read_details(reader, tables.get(SKILL_DETAILS), skills, "skills", SKILL_DETAILS_FIELDS, owners, places)
    for title, key in ((PROJECTS, "projects"), (LEARNING, "learning")):
        owned = _read_owned(reader, tables.get(title), owners, places, _skill_locator(key))
        for owner, entries in owned.items():
            skills[owner][key] = [_in_order(e, _model_of(Skill, key)) for e in entries]
    return SheetDocument(name=reader.name, data=data, index=_Origin(), places=places, home=home), index


def _skill_locator(key: str) -> Locator:
    def locate(owner: int, entry: int) -> tuple[str | int, ...]:
        return ("skills", owner, key, entry)

    return locate


def _level_columns(reader: _Reader, table: _Table) -> list[int]:
    """The Skills sheet's level columns, in level order: `level 1 (Aware)`, `level 2 (Guided)`..."""
    numbered: dict[int, int] = {}
    for column, header in sorted(table.extra.items()):
        match = re.match(r"level\s*(\d+)\b", header, re.IGNORECASE)
        if match is None:
            continue
        level = int(match.group(1))
        if level in numbered:
            reader.report(Cell(table.title, 1, column), f"a second column for level {level}; keep one")
            continue
        numbered[level] = column
    expected = list(range(1, len(numbered) + 1))
    if sorted(numbered) != expected:
        gap = next(n for n in range(1, max(numbered, default=0) + 2) if n not in numbered)
        reader.report(
            Cell(table.title, 1, max(table.headers, default=1)),
            f"no column for level {gap}; the level columns are level 1, level 2 and so on",
        )
    return [numbered[n] for n in sorted(numbered)]


class _Owners:
    """Resolves the `role` or `skill` column of a long sheet to the item it belongs to."""

    def __init__(self, reader: _Reader, index: dict[str, int], kind: str, sheet: str) -> None:
        self.reader, self.index, self.kind, self.sheet = reader, index, kind, sheet

    def find(self, table: _Table, row: int, cells: dict[int, Any]) -> int | None:
        column = table.columns[self.kind]
        ident = self.reader.ident(table, row, cells, column)
        place = self.reader.at(table, row, column)
        if ident is None:
            if place.ref not in self.reader.bad:
                self.reader.report(place, f"empty; give the {self.kind}'s id (a row of the {self.sheet} sheet)")
            return None
        found = self.index.get(ident)
        if found is None:
            self.reader.report(place, unknown(self.kind, ident, self.index))
        return found


def _read_about(
    reader: _Reader, table: _Table, part: str, data: dict[str, Any], places: dict[tuple[str | int, ...], Cell]
) -> None:
    """The About sheet's rows for one file: `skills.version` for skills.yaml, the others for roles.yaml."""
    keys = _about_keys()
    seen: dict[str, int] = {}
    places[()] = Cell(table.title, 1, 1)
    for row, cells in table.rows:
        key_cell = reader.at(table, row, table.columns["key"])
        key = reader.ident(table, row, cells, table.columns["key"])
        value_column = table.columns.get("value")
        if key is None:
            if part == "roles":
                reader.report(key_cell, f"empty; give a key: {', '.join(keys)}")
            continue
        key = key.casefold()
        if key not in keys:
            if part == "roles":
                reader.report(key_cell, unknown("key", key, keys))
            continue
        if (key.startswith("skills.")) != (part == "skills"):
            continue
        if key in seen:
            reader.report(key_cell, f"a second row for {quoted(key)} (first at row {seen[key]})")
            continue
        seen[key] = row
        value = reader.text(table, row, cells, value_column)
        place = reader.at(
            table,
            row,
            value_column or 2,
        )
        path = key.removeprefix("skills.").split(".")
        if value is None:
            reader.report(place, f"empty; give the value of {key}, or remove the row")
            continue
        if len(path) == 2:
            if isinstance(data.get("about"), str):
                reader.report(key_cell, "give either about (a note) or about.name, about.note...: not both")
                continue
            data.setdefault("about", {})[path[1]] = value
            places.setdefault(("about",), place)
            places[("about", path[1])] = place
            places[("about", "block", path[1])] = place
        else:
            if path[0] == "about" and isinstance(data.get("about"), dict):
                reader.report(key_cell, "give either about (a note) or about.name, about.note...: not both")
                continue
            data[path[0]] = value
            places[(path[0],)] = place


def _read_items(
    reader: _Reader, table: _Table, spec: dict[str, Column], loc: tuple[str | int, ...]
) -> tuple[list[dict[str, Any]], dict[tuple[str | int, ...], Cell]]:
    """A plain sheet (Scale, Categories, Tracks): a mapping per row, in row order; duplicate ids refused."""
    items: list[dict[str, Any]] = []
    places: dict[tuple[str | int, ...], Cell] = {}
    first: dict[str, int] = {}
    for row, cells in table.rows:
        item_loc = (*loc, len(items))
        item: dict[str, Any] = {}
        for key, column in spec.items():
            number = table.columns.get(key)
            if number is not None:
                places[_key(item_loc, key)] = reader.at(table, row, number)
            value = reader.value(table, row, cells, number, column.kind)
            if value is not None:
                item[key] = value
        places[item_loc] = reader.at(table, row, min(cells))
        ident = item.get("id")
        if isinstance(ident, str):
            if ident in first:
                reader.report(
                    places[_key(item_loc, "id")], f"duplicate id {quoted(ident)} (first at row {first[ident]})"
                )
                continue
            first[ident] = row
        items.append(item)
    return items, places


def _read_details(
    reader: _Reader,
    table: _Table | None,
    owners_data: list[dict[str, Any]],
    top: str,
    fields: dict[str, str],
    owners: _Owners,
    places: dict[tuple[str | int, ...], Cell],
) -> None:
    """A details sheet: a row per text, or per item of a list, of a role or a skill."""
    if table is None:
        return
    if "field" not in table.columns or "item" not in table.columns:
        reader.report(
            Cell(table.title, 1, 1),
            "the sheet needs the columns "
            + ", ".join(LAYOUT[ROLE_DETAILS] if top == "roles" else LAYOUT[SKILL_DETAILS]),
        )
        return
    seen: dict[tuple[int, str], int] = {}
    for row, cells in table.rows:
        owner = owners.find(table, row, cells)
        field_cell = reader.at(table, row, table.columns["field"])
        name = reader.ident(table, row, cells, table.columns["field"])
        item_cell = reader.at(table, row, table.columns["item"])
        text = reader.text(table, row, cells, table.columns["item"])
        key = name.replace(" ", "_").casefold() if name else None
        if key is None:
            reader.report(field_cell, f"empty; give the field: {', '.join(fields)}")
            continue
        if key not in fields:
            reader.report(field_cell, unknown("field", name or "", fields))
            continue
        if owner is None:
            continue
        if text is None:
            reader.report(item_cell, f"empty; give the {key.replace('_', ' ')}, or remove the row")
            continue
        item = owners_data[owner]
        loc: tuple[str | int, ...] = (top, owner, key)
        kind = fields[key]
        if kind == "list":
            values = item.setdefault(key, [])
            places[_key(loc, len(values))] = item_cell
            places.setdefault(loc, item_cell)
            values.append(text)
            continue
        if (owner, key) in seen:
            reader.report(field_cell, f"a second row for {key} (first at row {seen[(owner, key)]}); it holds one text")
            continue
        seen[(owner, key)] = row
        places[loc] = item_cell
        if kind == "years":
            years = parse_years(text)
            if years is None:
                reader.report(
                    item_cell, f"expected years like ~2-4, 3-5 or ~15+ (~ for approximate), got {_shown(text)}"
                )
                continue
            item[key] = years
        else:
            item[key] = text


Locator = Callable[[int, int], tuple[str | int, ...]]  # (owner's index, entry's index) -> its loc


def _read_owned(
    reader: _Reader,
    table: _Table | None,
    owners: _Owners,
    places: dict[tuple[str | int, ...], Cell],
    locate: Locator,
) -> dict[int, list[dict[str, Any]]]:
    """A sheet of things a role or a skill owns (projects, learning...): a mapping per row, by owner, in row order."""
    found: dict[int, list[dict[str, Any]]] = {}
    if table is None:
        return found
    spec = LAYOUT[_title_of(table)]
    for row, cells in table.rows:
        owner = owners.find(table, row, cells)
        entry: dict[str, Any] = {}
        cell_of: dict[str, Cell] = {}
        for name, column in list(spec.items())[1:]:
            number = table.columns.get(name)
            if number is not None:
                cell_of[name] = reader.at(table, row, number)
            value = reader.value(table, row, cells, number, column.kind)
            if value is not None:
                entry[name] = value
        if owner is None:
            continue
        items = found.setdefault(owner, [])
        loc = locate(owner, len(items))
        places.setdefault(loc[:-1], reader.at(table, row, min(cells)))
        places[loc] = reader.at(table, row, min(cells))
        for name, cell in cell_of.items():
            places[_key(loc, name)] = cell
        items.append(entry)
    return found


def _title_of(table: _Table) -> str:
    return next(title for title in LAYOUT if table.title.strip().casefold() == title.casefold())


def _build_roles(reader: _Reader, tables: dict[str, _Table], skill_index: dict[str, int]) -> SheetDocument:
    """roles.yaml's data from the About, Tracks, Roles, Role details, Role projects, Related titles and Salaries sheets."""
    data: dict[str, Any] = {}
    places: dict[tuple[str | int, ...], Cell] = {}
    about = tables[ABOUT]
    _read_about(reader, about, "roles", data, places)
    if _TRACK is not None and TRACKS in tables:
        tracks, track_places = _read_items(reader, tables[TRACKS], LAYOUT[TRACKS], ("tracks",))
        if tracks:
            data["tracks"] = tracks
        places |= track_places
    table = tables[ROLES]
    places[("roles",)] = Cell(table.title, 2, 1)
    skill_columns: dict[int, str] = {}
    for column, header in table.extra.items():
        place = Cell(table.title, 1, column, header)
        skill_id = header.strip()
        if skill_id not in skill_index:
            reader.report(place, f"column {quoted(skill_id)} is not a skill: {unknown('skill', skill_id, skill_index)}")
        elif skill_id in skill_columns.values():
            reader.report(place, f"a second column for skill {quoted(skill_id)}; keep one")
        else:
            skill_columns[column] = skill_id
    roles: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    first: dict[str, int] = {}
    for row, cells in table.rows:
        loc: tuple[str | int, ...] = ("roles", len(roles))
        read = _keyed_row(reader, table, ROLES, row, cells, loc, places, first, "role")
        if read is None:
            continue
        role, ident = read
        requirements: list[dict[str, Any]] = []
        for column in sorted(skill_columns, key=lambda c: skill_index[skill_columns[c]]):
            value = reader.raw(table, row, cells, column)
            if value is None:
                continue
            place = reader.at(table, row, column)
            parsed = parse_requirement(value)
            if parsed is None:
                reader.report(
                    place,
                    f"expected a level like 3, or level/weight like 3/2 (add 'delegated' after it if so), got {_shown(value)}",
                )
                continue
            level, weight, delegated = parsed
            requirement: dict[str, Any] = {"skill": skill_columns[column], "level": level}
            if weight is not None:
                requirement["weight"] = weight
            if delegated:
                requirement["delegated"] = True
            places[_key(loc, "requirements", len(requirements))] = place
            requirements.append(requirement)
        role["requirements"] = requirements
        places[_key(loc, "requirements")] = places[loc]
        if isinstance(ident, str):
            first[ident] = row
            index[ident] = len(roles)
        roles.append(_in_order(role, Role))
    data["roles"] = roles
    owners = _Owners(reader, index, "role", ROLES)
    _read_details(reader, tables.get(ROLE_DETAILS), roles, "roles", ROLE_DETAILS_FIELDS, owners, places)
    projects = _read_owned(reader, tables.get(ROLE_PROJECTS), owners, places, lambda o, j: ("roles", o, "projects", j))
    for owner, entries in projects.items():
        roles[owner]["projects"] = entries
    related = _read_owned(reader, tables.get(RELATED), owners, places, lambda o, j: ("roles", o, "related_titles", j))
    for owner, entries in related.items():
        roles[owner]["related_titles"] = [{"role": e.pop("related_role", None), **e} for e in entries]
        for j in range(len(entries)):
            cell = places.get(("roles", owner, "related_titles", j, "related_role"))
            if cell is not None:
                places[("roles", owner, "related_titles", j, "role")] = cell
    _read_salaries(reader, tables, roles, owners, places)
    for n, role in enumerate(roles):
        roles[n] = _in_order(role, Role)
    return SheetDocument(name=reader.name, data=data, index=_Origin(), places=places, home=Cell(about.title, 1, 1))


def _read_salaries(
    reader: _Reader,
    tables: dict[str, _Table],
    roles: list[dict[str, Any]],
    owners: _Owners,
    places: dict[tuple[str | int, ...], Cell],
) -> None:
    """Salary sources (a row per role) and Salaries (a row per role and city) into each role's `salaries`."""
    sources = _read_owned(
        reader,
        tables.get(SALARY_SOURCES),
        owners,
        places,
        lambda o, j: ("roles", o, "salaries") if j == 0 else ("roles", o, f"salaries #{j + 1}"),
    )
    figures = _read_owned(
        reader, tables.get(SALARIES), owners, places, lambda o, j: ("roles", o, "salaries", "figures", j)
    )
    for owner, entries in sources.items():
        for j in range(1, len(entries)):
            reader.report(
                places[("roles", owner, f"salaries #{j + 1}")], "a second salary source for this role; a role has one"
            )
        roles[owner]["salaries"] = entries[0]
    for owner, entries in figures.items():
        table = roles[owner].setdefault("salaries", {})
        table["figures"] = [_in_order(e, _SALARY) for e in entries]
        places.setdefault(("roles", owner, "salaries"), places[("roles", owner, "salaries", "figures", 0)])
    for role in roles:
        if "salaries" in role:
            role["salaries"] = _in_order(role["salaries"], _SALARY_TABLE)


def _keyed_row(
    reader: _Reader,
    table: _Table,
    sheet: str,
    row: int,
    cells: dict[int, Any],
    loc: tuple[str | int, ...],
    places: dict[Any, Cell],
    first: dict[str, int],
    kind: str,
) -> tuple[dict[str, Any], Any] | None:
    """One row of the Skills or Roles sheet as data, with each value's cell; None for a repeated id (reported)."""
    record: dict[str, Any] = {}
    for key, column in LAYOUT[sheet].items():
        number = table.columns.get(key)
        if number is not None:
            places[_key(loc, key)] = reader.at(table, row, number)
        value = reader.value(table, row, cells, number, column.kind)
        if value is not None:
            record[key] = value
    places[loc] = reader.at(table, row, table.columns["id"])
    ident = record.get("id")
    if ident is None:
        reader.nameless.add(places[loc].ref)
    if isinstance(ident, str) and ident in first:
        reader.report(places[loc], f"duplicate {kind} id {quoted(ident)} (first at row {first[ident]})")
        return None
    return record, ident


def _key(loc: tuple[str | int, ...], *more: str | int) -> tuple[str | int, ...]:
    """A loc one or more steps further in."""
    return (*loc, *more)


def _in_order(item: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """A mapping's keys in the model's order, as the YAML files write them."""
    order = {name: n for n, name in enumerate(model.model_fields)}
    return dict(sorted(item.items(), key=lambda pair: order.get(pair[0], len(order))))


def _validate(reader: _Reader, roles_doc: SheetDocument, skills_doc: SheetDocument) -> Imported:
    """The same models and checks as `kb validate`, their problems placed at cells.

    As `load` does, a file that breaks the schema is still cross-checked entry by entry, so
    a workbook's schema and reference problems come in one run.
    """
    from pmladder.knowledge.checks import check

    skills_read = _read_model(reader, SkillsFile, skills_doc, None)
    scale = skills_read.model.scale
    roles_read = _read_model(reader, RolesFile, roles_doc, len(scale) if scale else None)
    warnings: list[Problem] = []
    for problem in check(roles_read, skills_read):
        if problem.warning:
            warnings.append(problem)
        else:
            reader.add(problem)
    errors = [p for p in reader.sorted_problems() if not p.warning]
    if errors or not roles_read.complete or not skills_read.complete:
        raise PmladderError(errors + warnings)
    return Imported(roles_read.model, skills_read.model, warnings)


def _read_model(reader: _Reader, model: type[M], document: SheetDocument, levels: int | None) -> Read[M]:
    """One file's model, or what of it validates (as `load` salvages a file), its problems added to the reader's."""
    from pmladder.io.validation import validate
    from pmladder.knowledge.load import Places, Read, _salvage

    try:
        return Read(validate(model, document, levels=levels), Places(document))
    except PmladderError as exc:
        for problem in exc.problems:
            reader.add(problem)
        return _salvage(model, document)


# --- folders --------------------------------------------------------------------------------


def read_ladder(directory: Path) -> tuple[RolesFile, SkillsFile]:
    """A knowledge-base folder's two files as written (file order), after the full validation of `kb validate`."""
    from pmladder.io import yamlfile
    from pmladder.io.files import decode
    from pmladder.io.validation import validate
    from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE
    from pmladder.knowledge.load import parse_knowledge_base
    from pmladder.knowledge.sources import read_sources

    sources = read_sources(directory)
    parse_knowledge_base(directory, sources)  # every check, every problem placed in the YAML
    roles_name, roles_bytes = sources[ROLES_FILE]
    skills_name, skills_bytes = sources[SKILLS_FILE]
    roles = validate(RolesFile, yamlfile.read(decode(roles_bytes, roles_name), roles_name))
    skills = validate(SkillsFile, yamlfile.read(decode(skills_bytes, skills_name), skills_name))
    return roles, skills


def ladder_texts(imported: Imported, origin: str, directory: Path) -> dict[str, str]:
    """The folder's files for an imported workbook, loaded back by `load` before anything is written.

    The emitter must give back exactly what was read: a difference is a bug here, said as one.
    """
    from pmladder.io.files import display_name
    from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE
    from pmladder.knowledge.emit import ladder_files
    from pmladder.knowledge.load import parse_knowledge_base

    files = ladder_files(imported.roles, imported.skills, origin)
    sources = {
        name: (display_name(directory / name), files[name].encode("utf-8")) for name in (ROLES_FILE, SKILLS_FILE)
    }
    parse_knowledge_base(directory, sources)
    again = read_texts(files)
    if again != (imported.roles, imported.skills):
        raise PmladderError(
            f"internal error: the YAML written for {origin} does not read back the same; please report it"
        )
    return files


def read_texts(files: dict[str, str]) -> tuple[RolesFile, SkillsFile]:
    """The two models from the files' text, as `load` reads them."""
    from pmladder.io import yamlfile
    from pmladder.io.validation import validate
    from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE

    roles = validate(RolesFile, yamlfile.read(files[ROLES_FILE], ROLES_FILE))
    skills = validate(SkillsFile, yamlfile.read(files[SKILLS_FILE], SKILLS_FILE))
    return roles, skills
