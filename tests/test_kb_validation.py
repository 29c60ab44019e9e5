"""A broken knowledge base gets every problem at once, each at its `file:line:column`, exit code 2.

Each test breaks a writable copy of the real knowledge base (or writes a file) and runs the
real CLI on it. Lines are found in the edited text, never hard-coded, so the data may change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import SMALL_KB, run
from pmladder.errors import PmladderError
from pmladder.knowledge.load import load_knowledge_base


def place(path: Path, text: str, index: int) -> str:
    """`path:line:column` of a character offset in `text`, as the CLI prints it."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{path}:{line}:{column}"


def line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def find(text: str, needle: str, *, after: str = "") -> int:
    """Offset of the first `needle` after the first `after` (which must exist, as must needle)."""
    start = text.index(after) if after else 0
    return text.index(needle, start)


def replace_at(path: Path, old: str, new: str, *, after: str = "") -> tuple[str, int]:
    """Replace the first `old` after `after` in a file; return the new text and where `new` starts."""
    text = path.read_text(encoding="utf-8")
    index = find(text, old, after=after)
    text = text[:index] + new + text[index + len(old) :]
    path.write_text(text, encoding="utf-8")
    return text, index


def role_block(role_id: str) -> str:
    """The text that opens a role's mapping in roles.yaml, to search from."""
    return f"  - id: {role_id}\n"


def validate(folder: Path) -> Result:
    return run(["kb", "validate", str(folder)])


def assert_bad(result: Result, *lines: str) -> None:
    """Exit code 2, exactly these problems on stderr, one per line, nothing on stdout, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.splitlines() == list(lines)
    assert result.stdout == ""
    assert "Traceback" not in result.output + result.stderr


# --- references ---------------------------------------------------------------------------


@pytest.fixture
def unknown_skill(kb_copy: Path) -> str:
    """director-of-product's stakeholder-management requirement misspelt; returns the expected line."""
    roles = kb_copy / "roles.yaml"
    text, index = replace_at(
        roles, "{skill: stakeholder-management", "{skill: stakeholdr", after=role_block("director-of-product")
    )
    at = place(roles, text, index + len("{skill: "))
    return (
        f"{at}: role 'director-of-product' requires unknown skill 'stakeholdr' (did you mean 'stakeholder-management'?)"
    )


def test_unknown_required_skill_with_did_you_mean(kb_copy: Path, unknown_skill: str) -> None:
    assert_bad(validate(kb_copy), unknown_skill)


def test_kb_option_selects_the_folder(kb_copy: Path, unknown_skill: str) -> None:
    assert_bad(run(["--kb", str(kb_copy), "roles"]), unknown_skill)


def test_environment_variable_selects_the_folder(
    kb_copy: Path, unknown_skill: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMLADDER_KB", str(kb_copy))
    assert_bad(run(["roles"]), unknown_skill)
    assert_bad(run(["kb", "validate"]), unknown_skill)


def test_argument_beats_environment_variable(kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMLADDER_KB", str(kb_copy / "nowhere"))
    result = validate(SMALL_KB)
    assert result.exit_code == 0, result.stderr
    assert "ok: 3 roles, 4 skills in 2 categories" in result.stdout


@pytest.mark.parametrize("how", ["argument", "option", "environment"])
def test_every_way_of_choosing_a_folder_reads_it(how: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The small fixture's roles (Junior PM, Lead PM) prove the folder, not the bundled one, was read."""
    if how == "argument":
        result = validate(SMALL_KB)
        assert result.stdout.endswith("ok: 3 roles, 4 skills in 2 categories (version test-1, 0 warnings)\n")
    else:
        if how == "environment":
            monkeypatch.setenv("PMLADDER_KB", str(SMALL_KB))
            result = run(["roles"])
        else:
            result = run(["--kb", str(SMALL_KB), "roles"])
        assert "Junior PM" in result.stdout and "Head of Product" not in result.stdout
    assert result.exit_code == 0, result.stderr


def test_unknown_next_role(kb_copy: Path) -> None:
    roles = kb_copy / "roles.yaml"
    text, index = replace_at(roles, "[vp-of-product,", "[vp-of-prodct,", after=role_block("head-of-product"))
    at = place(roles, text, index + 1)
    assert_bad(
        validate(kb_copy),
        f"{at}: role 'head-of-product' leads to unknown role 'vp-of-prodct' (did you mean 'vp-of-product'?)",
    )


def test_duplicate_role_id(kb_copy: Path) -> None:
    """A second copy of the last role (chief-product-officer) appended to the file."""
    roles = kb_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    first = text.index(role_block("chief-product-officer"))
    copy = text[first:]
    text = text.rstrip("\n") + "\n\n" + copy
    roles.write_text(text, encoding="utf-8")
    at = place(roles, text, text.rindex(role_block("chief-product-officer")) + len("  - id: "))
    assert_bad(
        validate(kb_copy), f"{at}: duplicate role id 'chief-product-officer' (first at line {line_of(text, first)})"
    )


def test_skill_required_by_no_role_is_a_warning(kb_copy: Path) -> None:
    """Remove every requirement that names ux-design: the skill is then dead weight, but the ladder works."""
    roles = kb_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if "{skill: ux-design," not in line]
    assert len(kept) < len(text.splitlines())
    roles.write_text("".join(kept), encoding="utf-8")
    skills = kb_copy / "skills.yaml"
    skills_text = skills.read_text(encoding="utf-8")
    at = place(skills, skills_text, skills_text.index("  - id: ux-design\n") + len("  - id: "))
    result = validate(kb_copy)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{at}: warning: skill 'ux-design' is not required by any role, so no report shows it"
    ]


# --- schema -------------------------------------------------------------------------------


def test_unknown_key_with_did_you_mean(kb_copy: Path) -> None:
    """`responsibilities` is optional: its typo is an unknown key, and nothing is missing."""
    roles = kb_copy / "roles.yaml"
    text, index = replace_at(
        roles, "    responsibilities:\n", "    respnsibilities:\n", after=role_block("head-of-product")
    )
    assert_bad(
        validate(kb_copy),
        f"{place(roles, text, index + 4)}: head-of-product: unknown key 'respnsibilities'"
        " (did you mean 'responsibilities'?)",
    )


def test_level_above_the_scale(kb_copy: Path) -> None:
    """6 is a level some scales have, but not this five-level one."""
    roles = kb_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    start = find(text, "{skill: vision-roadmapping,", after=role_block("head-of-product"))
    level = text.index("level: 5", start) + len("level: ")
    roles.write_text(text[:level] + "6" + text[level + 1 :], encoding="utf-8")
    result = validate(kb_copy)
    assert result.exit_code == 2
    assert [line for line in result.stderr.splitlines() if ": warning: " not in line] == [
        f"{place(roles, text, level)}: role 'head-of-product' requires vision-roadmapping at level 6,"
        " but the scale has 5 levels"
    ]


def test_level_beyond_any_scale_is_described_against_this_one(kb_copy: Path) -> None:
    roles = kb_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    start = find(text, "{skill: vision-roadmapping,", after=role_block("head-of-product"))
    level = text.index("level: 5", start) + len("level: ")
    roles.write_text(text[:level] + "9" + text[level + 1 :], encoding="utf-8")
    block = text[text.index(role_block("head-of-product")) : start]
    position = block.count("{skill: ")  # requirements before this one
    assert_bad(
        validate(kb_copy),
        f"{place(roles, text, level)}: head-of-product.requirements #{position + 1}.level:"
        " expected a whole number from 1 to 5, got the number 9",
    )


def test_missing_required_field_points_at_the_parent_mapping(kb_copy: Path) -> None:
    roles = kb_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    start = find(text, "    rank: ", after=role_block("head-of-product"))
    end = text.index("\n", start) + 1
    text = text[:start] + text[end:]
    roles.write_text(text, encoding="utf-8")
    mapping = text.index(role_block("head-of-product")) + len("  - ")
    assert_bad(validate(kb_copy), f"{place(roles, text, mapping)}: head-of-product: missing required key 'rank'")


@pytest.mark.parametrize("key", ["years", "scope", "summary", "responsibilities", "day_to_day", "challenges"])
def test_a_role_without_its_profile_is_valid(kb_copy: Path, key: str) -> None:
    """Years, scope, summary and the profile lists are optional: a real framework often has none."""
    roles = kb_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    start = find(text, f"    {key}:", after=role_block("head-of-product"))
    end = re.compile(r"\n    [a-z]").search(text, start).start() + 1  # type: ignore[union-attr]  # the next key
    roles.write_text(text[:start] + text[end:], encoding="utf-8")
    result = validate(kb_copy)
    assert result.exit_code == 0, result.stderr
    assert "missing required key" not in result.stderr


def test_skill_with_two_identical_descriptors(kb_copy: Path) -> None:
    skills = kb_copy / "skills.yaml"
    text = skills.read_text(encoding="utf-8")
    levels = find(text, "    levels:\n", after="  - id: discovery\n") + len("    levels:\n")
    first_end = text.index("\n", levels) + 1
    second_end = text.index("\n", first_end) + 1
    text = text[:first_end] + text[levels:first_end] + text[second_end:]  # level 2 := level 1
    skills.write_text(text, encoding="utf-8")
    at = place(skills, text, first_end + len("      - "))
    assert_bad(
        validate(kb_copy), f"{at}: skill 'discovery': level 2 repeats an earlier descriptor; each level needs its own"
    )


# --- the file itself ----------------------------------------------------------------------


def test_yaml_syntax_error(kb_copy: Path) -> None:
    roles = kb_copy / "roles.yaml"
    text, index = replace_at(roles, "    name: Head of Product\n", "    name: Head: of Product\n")
    colon = index + len("    name: Head")
    assert_bad(
        validate(kb_copy),
        f"{place(roles, text, colon)}: invalid YAML: a colon here starts a second value on this line:"
        " put quotes around text that holds ': '",
    )


def test_duplicate_key_is_reported_not_dropped(kb_copy: Path) -> None:
    roles = kb_copy / "roles.yaml"
    text, index = replace_at(
        roles,
        "    name: Head of Product\n",
        "    name: Head of Product\n    name: Chief of Product\n",
    )
    second = index + len("    name: Head of Product\n") + len("    ")
    assert_bad(
        validate(kb_copy),
        f"{place(roles, text, second)}: duplicate key 'name' (first at line {line_of(text, index)})",
    )


def test_yaml_alias_is_refused(kb_copy: Path) -> None:
    skills = kb_copy / "skills.yaml"
    text, _ = replace_at(skills, "    sources: [", "    sources: &shared [", after="  - id: discovery\n")
    text = skills.read_text(encoding="utf-8")
    index = find(text, "    sources: [", after="  - id: data-analysis\n")
    text = text[:index] + "    sources: *shared" + text[text.index("\n", index) :]
    skills.write_text(text, encoding="utf-8")
    at = place(skills, text, index + len("    sources: "))
    assert_bad(validate(kb_copy), f"{at}: YAML aliases (*name) are not allowed; write the value out")


@pytest.mark.parametrize("content", [b"", b"  \n\n"], ids=["empty", "blank"])
def test_empty_file(kb_copy: Path, content: bytes) -> None:
    (kb_copy / "skills.yaml").write_bytes(content)
    assert_bad(validate(kb_copy), f"{kb_copy / 'skills.yaml'}:1: file is empty")


def test_binary_file(kb_copy: Path) -> None:
    (kb_copy / "roles.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_bad(
        validate(kb_copy), f"{kb_copy / 'roles.yaml'}:3: not a text file (binary content)"
    )  # PNG header: the first NUL is on line 3


def test_comment_only_file(kb_copy: Path) -> None:
    (kb_copy / "roles.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert_bad(validate(kb_copy), f"{kb_copy / 'roles.yaml'}: file has no content")


def test_a_list_at_the_top(kb_copy: Path) -> None:
    (kb_copy / "roles.yaml").write_text("- id: head-of-product\n", encoding="utf-8")
    assert_bad(
        validate(kb_copy), f"{kb_copy / 'roles.yaml'}:1:1: expected a mapping of keys to values at the top of the file"
    )


def test_missing_file_and_missing_folder(kb_copy: Path, tmp_path: Path) -> None:
    (kb_copy / "skills.yaml").unlink()
    assert_bad(validate(kb_copy), f"{kb_copy / 'skills.yaml'}: no such file")
    assert_bad(validate(tmp_path / "nowhere"), f"{tmp_path / 'nowhere'}: no such knowledge-base folder")


# --- all at once, and warnings ------------------------------------------------------------


def test_schema_problems_in_both_files_are_reported_together(kb_copy: Path) -> None:
    roles, skills = kb_copy / "roles.yaml", kb_copy / "skills.yaml"
    roles_text, track = replace_at(roles, "track: manager", "track: managr", after=role_block("head-of-product"))
    roles_text, years = replace_at(roles, "{min: 10,", "{min: -1,", after=role_block("vp-of-product"))
    skills_text, hours = replace_at(skills, "effort_hours: 20", "effort_hours: 0", after="  - id: discovery\n")
    result = validate(kb_copy)
    assert_bad(
        result,
        f"{place(roles, roles_text, track + len('track: '))}: role 'head-of-product' is on unknown track 'managr'"
        " (did you mean 'manager'?)",
        f"{place(roles, roles_text, years + 1 + len('min: '))}: vp-of-product.years.min:"
        " expected a whole number from 0 to 50, got the number -1",
        f"{place(skills, skills_text, hours + len('effort_hours: '))}: discovery.projects #1.effort_hours:"
        " expected a whole number from 1 to 400, got the number 0",
    )


def test_reference_problems_are_reported_together_in_file_order(kb_copy: Path, unknown_skill: str) -> None:
    roles, skills = kb_copy / "roles.yaml", kb_copy / "skills.yaml"
    roles_text, index = replace_at(roles, "[vp-of-product,", "[vp-of-prodct,", after=role_block("head-of-product"))
    skills_text, category = replace_at(
        skills, "category: customer-insight", "category: customer-insite", after="  - id: discovery\n"
    )
    result = validate(kb_copy)
    assert_bad(
        result,
        unknown_skill,
        f"{place(roles, roles_text, index + 1)}: role 'head-of-product' leads to unknown role 'vp-of-prodct'"
        " (did you mean 'vp-of-product'?)",
        f"{place(skills, skills_text, category + len('category: '))}: skill 'discovery' is in unknown category"
        " 'customer-insite' (did you mean 'customer-insight'?)",
    )


def test_ladder_falls_is_a_warning_with_its_place(kb_copy: Path) -> None:
    """A rung that needs less than the one beneath it is suspicious but not fatal: exit 0."""
    roles = kb_copy / "roles.yaml"
    director = load_knowledge_base(kb_copy).role("director-of-product")
    below = {req.skill: req.level for req in director.requirements}["stakeholder-management"]
    assert below >= 2
    text = roles.read_text(encoding="utf-8")
    start = find(text, "{skill: stakeholder-management,", after=role_block("head-of-product"))
    level = text.index("level: ", start) + len("level: ")
    text = text[:level] + str(below - 1) + text[level + 1 :]
    roles.write_text(text, encoding="utf-8")
    result = validate(kb_copy)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{place(roles, text, level)}: warning: 'head-of-product' requires stakeholder-management at level"
        f" {below - 1}, below the {below} of 'director-of-product', the rung beneath it"
        " (mark it 'delegated: true' if that is deliberate)"
    ]
    assert result.stdout.startswith(f"{kb_copy}: ok: 9 roles, ")
    assert result.stdout.endswith(", 1 warnings)\n")
    # other commands still work on a knowledge base with warnings
    assert run(["--kb", str(kb_copy), "roles"]).exit_code == 0


def test_loader_raises_the_same_problems(kb_copy: Path, unknown_skill: str) -> None:
    """The library, not only the CLI, reports places: the CLI just prints them."""
    with pytest.raises(PmladderError) as caught:
        load_knowledge_base(kb_copy)
    assert [str(p) for p in caught.value.problems] == [unknown_skill]


def test_bundled_knowledge_base_validates_cleanly() -> None:
    result = run(["kb", "validate"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "ok: 9 roles, " in result.stdout
    assert ", 0 warnings)" in result.stdout


# --- the ladder: falls compared along next_roles, cycles, aliases --------------------------


def tiny_kb(tmp_path: Path, roles: str) -> Path:
    """A folder with the small fixture's skills and the given roles (YAML list items, 2-space indent)."""
    folder = tmp_path / "tiny"
    folder.mkdir(parents=True)
    (folder / "skills.yaml").write_text((SMALL_KB / "skills.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "roles.yaml").write_text('version: "test-1"\nroles:\n' + roles, encoding="utf-8")
    return folder


def tiny_role(
    ident: str, rank: int, writing: int, *, leads_to: str = "", extra: str = "", delegated: bool = False
) -> str:
    """One role needing every small-fixture skill at level 1, except writing at the given level."""
    mark = ", delegated: true" if delegated else ""
    return (
        f"  - id: {ident}\n    name: Role {ident}\n    track: manager\n    rank: {rank}\n"
        f"    summary: S.\n    years: {{min: 0}}\n    scope: S.\n    responsibilities: [R]\n"
        f"    day_to_day: [D]\n    challenges: [C]\n    next_roles: [{leads_to}]\n{extra}"
        f"    requirements:\n      - {{skill: writing, level: {writing}, weight: 1{mark}}}\n"
        "      - {skill: shipping, level: 1, weight: 1}\n      - {skill: mentoring, level: 1, weight: 1}\n"
        "      - {skill: influence, level: 1, weight: 1}\n"
    )


def warnings_of(folder: Path) -> list[str]:
    result = validate(folder)
    assert result.exit_code == 0, result.stderr
    return result.stderr.splitlines()


@pytest.mark.parametrize("order", ["abc", "bac", "cab", "cba"])
def test_a_fall_is_found_against_every_predecessor_in_any_file_order(tmp_path: Path, order: str) -> None:
    """a (rank 1, level 4) and b (rank 1, level 1) both lead to c (rank 2, level 2): c falls below a."""
    blocks = {
        "a": tiny_role("a", 1, 4, leads_to="c"),
        "b": tiny_role("b", 1, 1, leads_to="c"),
        "c": tiny_role("c", 2, 2),
    }
    text = "".join(blocks[key] for key in order)
    folder = tiny_kb(tmp_path, text)
    roles_text = (folder / "roles.yaml").read_text(encoding="utf-8")
    level = roles_text.index("level: 2", roles_text.index("  - id: c\n")) + len("level: ")
    assert warnings_of(folder) == [
        f"{place(folder / 'roles.yaml', roles_text, level)}: warning: 'c' requires writing at level 2,"
        " below the 4 of 'a', the rung beneath it (mark it 'delegated: true' if that is deliberate)"
    ]


def test_a_fall_names_every_higher_predecessor(tmp_path: Path) -> None:
    text = tiny_role("a", 1, 4, leads_to="c") + tiny_role("b", 1, 3, leads_to="c") + tiny_role("c", 2, 2)
    [warning] = warnings_of(tiny_kb(tmp_path, text))
    assert warning.endswith(
        "'c' requires writing at level 2, below the 4 of 'a' and the 3 of 'b', the rungs that lead to it"
        " (mark it 'delegated: true' if that is deliberate)"
    )


def test_rank_and_track_do_not_hide_a_fall(tmp_path: Path) -> None:
    """A higher-ranked role leading to a lower-ranked one is still compared (ranks are checked elsewhere)."""
    text = tiny_role("x", 5, 4, leads_to="y").replace("track: manager", "track: ic") + tiny_role("y", 2, 3)
    [warning] = warnings_of(tiny_kb(tmp_path, text))
    assert "'y' requires writing at level 3, below the 4 of 'x'" in warning


def test_delegated_silences_the_fall_and_only_that_one(tmp_path: Path) -> None:
    marked = tiny_role("a", 1, 4, leads_to="c") + tiny_role("c", 2, 2, delegated=True)
    assert warnings_of(tiny_kb(tmp_path / "marked", marked)) == []
    unmarked = tiny_role("a", 1, 4, leads_to="c") + tiny_role("c", 2, 2)
    assert len(warnings_of(tiny_kb(tmp_path / "unmarked", unmarked))) == 1


def test_roles_not_linked_by_next_roles_are_not_compared(tmp_path: Path) -> None:
    """Rank alone says nothing: a parallel or unrelated rung may need less."""
    text = tiny_role("a", 1, 4) + tiny_role("c", 2, 2)
    assert warnings_of(tiny_kb(tmp_path, text)) == []


def test_a_cycle_is_one_warning_at_its_place(tmp_path: Path) -> None:
    text = tiny_role("c", 3, 2, leads_to="a") + tiny_role("a", 1, 2, leads_to="b") + tiny_role("b", 2, 2, leads_to="c")
    folder = tiny_kb(tmp_path, text)
    roles_text = (folder / "roles.yaml").read_text(encoding="utf-8")
    at = roles_text.index("next_roles: [b]") + len("next_roles: [")
    assert warnings_of(folder) == [
        f"{place(folder / 'roles.yaml', roles_text, at)}: warning: next_roles go round in a cycle:"
        " 'a' -> 'b' -> 'c' -> 'a'; a role should not lead back to itself"
    ]


def test_two_cycles_through_one_role_are_two_warnings(tmp_path: Path) -> None:
    text = (
        tiny_role("a", 1, 2, leads_to="b, c") + tiny_role("b", 2, 2, leads_to="a") + tiny_role("c", 2, 2, leads_to="a")
    )
    warnings = warnings_of(tiny_kb(tmp_path, text))
    assert [w.split("warning: ")[1] for w in warnings] == [
        "next_roles go round in a cycle: 'a' -> 'b' -> 'a'; a role should not lead back to itself",
        "next_roles go round in a cycle: 'a' -> 'c' -> 'a'; a role should not lead back to itself",
    ]


def test_an_alias_that_is_a_role_id_or_taken_is_an_error(tmp_path: Path) -> None:
    text = tiny_role("a", 1, 2, leads_to="b", extra="    aliases: [first, b]\n") + tiny_role(
        "b", 2, 2, extra="    aliases: [first, second, second]\n"
    )
    folder = tiny_kb(tmp_path, text)
    roles_text = (folder / "roles.yaml").read_text(encoding="utf-8")
    path = folder / "roles.yaml"
    a_b = roles_text.index("aliases: [first, b]") + len("aliases: [first, ")
    b_first = roles_text.index("aliases: [first, second") + len("aliases: [")
    b_second = roles_text.index("second]") + 0
    assert_bad(
        validate(folder),
        f"{place(path, roles_text, a_b)}: role 'a': alias 'b' is already a role id",
        f"{place(path, roles_text, b_first)}: role 'b' lists alias 'first' but it is already an alias of 'a'",
        f"{place(path, roles_text, b_second)}: role 'b' lists alias 'second' twice",
    )


def test_aliases_are_optional_and_distinct_ones_pass(tmp_path: Path) -> None:
    text = tiny_role("a", 1, 2, leads_to="b", extra="    aliases: [aa]\n") + tiny_role("b", 2, 2)
    assert warnings_of(tiny_kb(tmp_path, text)) == []
