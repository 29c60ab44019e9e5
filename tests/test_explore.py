"""`pmladder roles`, `skills` and `path` on the bundled knowledge base, in all three formats.

Expected values come from the knowledge base the test loads itself (the `kb` fixture), so
the tests check the commands against the data rather than against a copy of it.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import Result

from conftest import run
from pmladder import __version__
from pmladder.cli.app import app
from pmladder.knowledge.base import KnowledgeBase

FORMATS = ("text", "json", "markdown")
LADDER = [
    "associate-product-manager",
    "product-manager",
    "senior-product-manager",
    "group-product-manager",
    "director-of-product",
    "head-of-product",
]


def ok(args: list[str]) -> Result:
    result = run(args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result


def ok_json(args: list[str]) -> dict[str, Any]:
    payload = json.loads(ok([*args, "--format", "json"]).stdout)
    assert isinstance(payload, dict)
    assert payload["schema_version"] == 1
    return payload


def bad(args: list[str], message: str) -> None:
    result = run(args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert "Traceback" not in result.output


def gfm_table_rows(markdown: str) -> list[list[str]]:
    """The cells of every table row in a Markdown document, after checking the delimiter row exists."""
    lines = [line for line in markdown.splitlines() if line.startswith("|")]
    assert len(lines) >= 3, markdown
    assert re.fullmatch(r"\|( :?-{3}:? \|| -{2}: \|)+", lines[1]), lines[1]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]


# --- roles -------------------------------------------------------------------------------


def test_roles_text_lists_every_role_in_rank_order(kb: KnowledgeBase) -> None:
    out = ok(["roles"]).stdout
    positions = [out.index(role.name) for role in kb.roles]
    assert positions == sorted(positions)
    assert [r.rank for r in kb.roles] == sorted(r.rank for r in kb.roles)
    for role in kb.roles:
        assert role.id in out


def test_roles_json_contract(kb: KnowledgeBase) -> None:
    payload = ok_json(["roles"])
    assert payload["kb_version"] == kb.version
    roles = payload["roles"]
    assert [r["id"] for r in roles] == [r.id for r in kb.roles]
    for entry, role in zip(roles, kb.roles, strict=True):
        assert {"id", "name", "track", "rank", "next_roles", "requirements"} <= set(entry)
        assert (entry["name"], entry["track"], entry["rank"]) == (role.name, role.track, role.rank)
        assert entry["next_roles"] == list(role.next_roles)
        assert entry["requirements"] == [
            {"skill": r.skill, "level": r.level, "weight": r.weight, "delegated": r.delegated}
            for r in role.requirements
        ]
    head = next(r for r in roles if r["id"] == "head-of-product")
    assert head["next_roles"] == ["vp-of-product", "chief-product-officer"]


def test_roles_markdown_is_a_gfm_table(kb: KnowledgeBase) -> None:
    out = ok(["roles", "--format", "markdown"]).stdout
    rows = gfm_table_rows(out)
    assert rows[0] == ["Rank", "Role", "Track", "Years"]
    body = rows[2:]
    assert len(body) == len(kb.roles)
    for cells, role in zip(body, kb.roles, strict=True):
        assert cells[0] == str(role.rank)
        assert role.name in cells[1] and f"`{role.id}`" in cells[1]
        assert cells[2] == kb.track_name(role.track)


def test_roles_show_with_a_city_text() -> None:
    out = ok(["roles", "show", "head-of-product", "--city", "London"]).stdout
    assert "Head of Product" in out
    assert re.search(r"London\s+United Kingdom\s+99,000\s+GBP", out), out
    assert "New York" not in out
    assert "446,000" not in out
    assert "Responsibilities" in out and "Skills required" in out


def test_roles_show_with_a_city_json(kb: KnowledgeBase) -> None:
    role = ok_json(["roles", "show", "head-of-product", "--city", "london"])["role"]
    assert role["salaries"] == [{"city": "London", "country": "United Kingdom", "median": 99000, "currency": "GBP"}]
    assert role["responsibilities"] == list(kb.role("head-of-product").responsibilities)
    assert role["id"] == "head-of-product"
    assert role["salary_source"]


def test_roles_show_without_a_city_has_every_figure() -> None:
    role = ok_json(["roles", "show", "head-of-product"])["role"]
    assert len(role["salaries"]) == 15
    delhi = next(f for f in role["salaries"] if f["city"] == "Delhi")
    assert (delhi["country"], delhi["median"], delhi["currency"]) == ("India", 8750000, "INR")
    text = ok(["roles", "show", "head-of-product"]).stdout
    assert "8,750,000" in text and "446,000" in text


def test_roles_show_markdown_has_the_salary_table() -> None:
    out = ok(["roles", "show", "head-of-product", "--city", "London", "--format", "markdown"]).stdout
    assert out.startswith("# Head of Product\n")
    assert "| London | United Kingdom | 99,000 | GBP |" in out
    assert "New York" not in out


def test_roles_show_unknown_role_with_did_you_mean() -> None:
    bad(["roles", "show", "head-of-prodcut"], "error: unknown role 'head-of-prodcut' (did you mean 'head-of-product'?)")


def test_roles_show_unknown_city_with_did_you_mean() -> None:
    bad(["roles", "show", "head-of-product", "--city", "Londn"], "error: unknown city 'Londn' (did you mean 'London'?)")


def test_roles_show_city_for_a_role_without_figures() -> None:
    bad(
        ["roles", "show", "product-manager", "--city", "London"],
        "error: the knowledge base has no salary figures for 'product-manager'; leave out --city",
    )


def test_bad_format_is_a_usage_error() -> None:
    result = run(["roles", "--format", "yaml"])
    assert result.exit_code == 2
    assert "yaml" in result.stderr


# --- skills ------------------------------------------------------------------------------


def test_skills_text_lists_every_skill_under_its_category(kb: KnowledgeBase) -> None:
    out = ok(["skills"]).stdout
    for skill in kb.skills:
        assert skill.id in out
    for category in kb.categories:
        assert category.name in out
    first, last = kb.skills[0], kb.skills[-1]
    assert out.index(kb.category(first.category).name) < out.index(first.id) < out.index(last.id)


def test_skills_json_contract(kb: KnowledgeBase) -> None:
    skills = ok_json(["skills"])["skills"]
    assert [s["id"] for s in skills] == [s.id for s in kb.skills]
    for entry in skills:
        assert {"id", "name", "category", "levels", "projects"} <= set(entry)
        assert len(entry["levels"]) == 5 and all(isinstance(t, str) and t for t in entry["levels"])
        assert len(entry["projects"]) >= 2
        assert {"title", "deliverable", "builds_to", "effort_hours"} <= set(entry["projects"][0])


def test_skills_markdown_has_a_table_per_category(kb: KnowledgeBase) -> None:
    out = ok(["skills", "--format", "markdown"]).stdout
    assert out.count("| Skill | What it covers |") == len(kb.categories)
    for category in kb.categories:
        assert f"## {category.name}" in out
    rows = gfm_table_rows(out)
    assert sum(1 for cells in rows if cells[0].endswith("`)")) == len(kb.skills)


@pytest.mark.parametrize("format", FORMATS)
def test_skills_show_in_every_format(kb: KnowledgeBase, format: str) -> None:
    skill = kb.skill("stakeholder-management")
    out = ok(["skills", "show", skill.id, "--format", format]).stdout
    if format == "json":
        body = json.loads(out)["skill"]
        assert body["id"] == skill.id
        assert body["levels"] == list(skill.levels)
        assert [p["title"] for p in body["projects"]] == [p.title for p in skill.projects]
        assert [r["role"] for r in body["required_by"]] == [r.id for r, _ in kb.roles_needing(skill.id)]
    else:
        assert skill.name in out
        assert skill.projects[0].title in out
        needing = kb.roles_needing(skill.id)
        assert needing and needing[-1][0].name in out
        if format == "markdown":
            assert out.startswith(f"# {skill.name}\n")
            assert "## Levels" in out


def test_skills_show_unknown_skill() -> None:
    bad(["skills", "show", "stakeholdr"], "error: unknown skill 'stakeholdr' (did you mean 'stakeholder-management'?)")


# --- path --------------------------------------------------------------------------------


def test_path_json_steps_in_order(kb: KnowledgeBase) -> None:
    payload = ok_json(["path", "associate-product-manager", "head-of-product"])
    steps = payload["steps"]
    assert (payload["start"], payload["end"]) == ("associate-product-manager", "head-of-product")
    assert [s["from"] for s in steps] + [steps[-1]["to"]] == LADDER
    # one step checked by hand against the data: Director -> Head
    director = {r.skill: r.level for r in kb.role("director-of-product").requirements}
    head = {r.skill: r.level for r in kb.role("head-of-product").requirements}
    expected = [
        {"skill": s.id, "from": director.get(s.id, 0), "to": head[s.id], "by": head[s.id] - director.get(s.id, 0)}
        for s in kb.skills
        if s.id in head and head[s.id] > director.get(s.id, 0)
    ]
    assert expected, "the step to Head of Product should raise at least one skill"
    assert steps[-1]["rises"] == expected
    assert all(r["by"] > 0 for step in steps for r in step["rises"])


def test_path_text_shows_the_steps_in_order(kb: KnowledgeBase) -> None:
    out = ok(["path", "associate-product-manager", "head-of-product"]).stdout
    names = [kb.role(r).name for r in LADDER]
    headings = [f"{n}. {a} → {b}" for n, (a, b) in enumerate(itertools.pairwise(names), start=1)]
    positions = [out.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Principal Product Manager" not in out


def test_path_markdown_has_one_section_per_step() -> None:
    out = ok(["path", "associate-product-manager", "head-of-product", "--format", "markdown"]).stdout
    assert out.startswith("# From Associate Product Manager to Head of Product\n")
    assert len(re.findall(r"^## \d\. ", out, flags=re.MULTILINE)) == len(LADDER) - 1
    assert "| Skill | From | To | Rise |" in out


def test_path_to_the_same_role_has_no_steps() -> None:
    assert ok_json(["path", "head-of-product", "head-of-product"])["steps"] == []


def test_path_with_an_unknown_role() -> None:
    bad(
        ["path", "associate-product-manager", "head-of-prodcut"],
        "error: unknown role 'head-of-prodcut' (did you mean 'head-of-product'?)",
    )


def test_path_that_goes_down_the_ladder() -> None:
    bad(
        ["path", "head-of-product", "product-manager"],
        "error: no path from 'head-of-product' to 'product-manager' along the ladder's next roles",
    )


# --- output files, JSON integrity, version, help -------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["roles"],
        ["roles", "show", "head-of-product", "--city", "London"],
        ["skills"],
        ["skills", "show", "discovery"],
        ["path", "product-manager", "director-of-product"],
    ],
    ids=lambda args: "-".join(args[:2]),
)
@pytest.mark.parametrize("format", ["json", "markdown"])
def test_output_file_equals_stdout(tmp_path: Path, args: list[str], format: str) -> None:
    target = tmp_path / "reports" / f"out.{format}"
    written = run([*args, "--format", format, "--output", str(target)])
    assert written.exit_code == 0, written.stderr
    assert written.stdout == ""
    assert written.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == ok([*args, "--format", format]).stdout
    assert [p.name for p in target.parent.iterdir()] == [target.name], "no temporary file left behind"


def test_text_output_file_is_plain_text(tmp_path: Path, kb: KnowledgeBase) -> None:
    target = tmp_path / "roles.txt"
    assert run(["roles", "-o", str(target)]).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    for role in kb.roles:
        assert role.id in text


def test_output_replaces_a_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "roles.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run(["roles", "-f", "json", "-o", str(target)]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["roles"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o640


def test_new_output_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    """Atomic writes go through a private temporary file; the result must not stay private."""
    target = tmp_path / "roles.md"
    assert run(["roles", "-f", "markdown", "-o", str(target)]).exit_code == 0
    if os.name == "posix":
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_failed_command_leaves_the_output_file_alone(tmp_path: Path) -> None:
    target = tmp_path / "role.json"
    target.write_text("old", encoding="utf-8")
    result = run(["roles", "show", "nobody", "-f", "json", "-o", str(target)])
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "old"


def test_output_to_a_folder_is_refused(tmp_path: Path) -> None:
    bad(["roles", "-f", "json", "-o", str(tmp_path)], f"{tmp_path}: is a folder; give a file name")


def test_output_dash_means_stdout() -> None:
    assert json.loads(ok(["roles", "-f", "json", "-o", "-"]).stdout)["roles"]


def test_json_is_never_wrapped(monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase) -> None:
    """Even on a narrow terminal, a long line of JSON stays whole: it is written, not printed by Rich."""
    monkeypatch.setenv("COLUMNS", "40")
    summary = kb.role("head-of-product").summary
    assert summary is not None and len(summary) > 200
    out = ok(["roles", "show", "head-of-product", "--format", "json"]).stdout
    whole = f'    "summary": {json.dumps(summary, ensure_ascii=False)},'
    assert whole in out.splitlines()
    assert json.loads(out)["role"]["summary"] == summary


def test_version() -> None:
    assert ok(["--version"]).stdout == f"pmladder {__version__}\n"


def command_paths() -> Iterator[list[str]]:
    """Every command and sub-command of the real app, found by walking it (nothing to keep in sync)."""

    def walk(command: Any, path: list[str]) -> Iterator[list[str]]:
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            yield from walk(sub, [*path, name])

    yield from walk(typer.main.get_command(app), [])


@pytest.mark.parametrize("path", list(command_paths()), ids=lambda p: " ".join(p) or "pmladder")
def test_every_help_has_examples(path: list[str]) -> None:
    result = ok([*path, "--help"])
    assert "Usage: pmladder" in result.stdout
    assert "Examples" in result.stdout


def test_help_covers_the_explore_commands() -> None:
    paths = {" ".join(p) for p in command_paths()}
    assert {"roles", "roles show", "skills", "skills show", "path", "kb", "kb validate", "kb schema", "schema"} <= paths


def test_knowledge_base_text_is_shown_as_written_not_as_markup(kb_copy: Path) -> None:
    """Square brackets are text: '[/]' once crashed Rich and '[with x]' silently vanished."""
    roles = kb_copy / "roles.yaml"
    roles.write_text(roles.read_text().replace("name: Associate Product Manager", "name: Associate [/] PM [red]x", 1))
    skills = kb_copy / "skills.yaml"
    text = skills.read_text()
    skills.write_text(text.replace("    definition: ", "    definition: Ships [with engineering] [/red] ", 1))
    listing = ok(["--kb", str(kb_copy), "roles"]).stdout
    assert "Associate [/] PM [red]x" in listing
    assert "Ships [with engineering] [/red]" in " ".join(ok(["--kb", str(kb_copy), "skills"]).stdout.split())
    assert ok(["--kb", str(kb_copy), "roles", "show", "associate-product-manager"]).stdout.startswith(
        "Associate [/] PM [red]x"
    )
