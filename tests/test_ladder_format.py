"""Any organisation's ladder as it is (issue 11): the format, messages in our words, state per ladder,
`kb new` and `kb info`.

The four-level fixture is a framework taken as it is: a scale of four labels, descriptors that
are lists of criteria, no projects, learning, sources, years or day-to-day. It must load, be
templated, assessed and scored as a cohort in every format, with what it lacks simply left out.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import Result

from conftest import FIXTURES, SMALL_KB, run
from pmladder import api
from pmladder.assessment.answers_file import read_answers
from pmladder.assessment.drafts import Progress
from pmladder.cli.app import COMMANDS
from pmladder.cli.interview import SCORE, UNSURE, Questionnaire
from pmladder.cli.questions import ENTER, ScriptedPrompter
from pmladder.errors import PmladderError
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.load import load_knowledge_base
from pmladder.knowledge.models import RolesFile

FOUR = FIXTURES / "four-levels"
ABSENT = ("~0+", "Day to day", "Challenges", "Self-guided projects", "Learning", "Sources", "years", "None")


@pytest.fixture
def four() -> KnowledgeBase:
    return load_knowledge_base(FOUR)


def ok(args: list[str], input: str | None = None) -> Result:
    result = run(args, input=input)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


def problems(folder: Path) -> list[str]:
    """The lines `kb validate` prints for a broken folder, without the folder part of each place."""
    result = run(["kb", "validate", str(folder)])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    return [line.replace(f"{folder}/", "") for line in result.stderr.splitlines()]


def copy_of(tmp_path: Path, source: Path = FOUR) -> Path:
    target = tmp_path / "ladder"
    shutil.copytree(source, target)
    return target


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


ANSWERS = """\
name: Ada
target_role: senior-pm
kb_name: Acme product ladder
kb_version: "2024.2"
ratings: {discovery: 2, delivery: 4, alignment: 2, coaching: null}
"""


# --- the format ---------------------------------------------------------------------------------


def test_a_four_level_framework_of_criteria_loads_as_it_is(four: KnowledgeBase) -> None:
    assert four.levels == 4 and [s.label for s in four.scale] == ["Foundational", "Practitioner", "Expert", "Leader"]
    assert (
        four.name == "Acme product ladder" and four.version == "2024.2" and four.title == "Acme product ladder 2024.2"
    )
    assert four.about.licence == "CC BY 4.0" and four.about.source == "https://example.com/acme/product-ladder"
    discovery = four.skill("discovery")
    assert all(isinstance(level, tuple) for level in discovery.levels) and len(discovery.levels) == 4
    assert discovery.projects == () and discovery.learning == () and discovery.sources == ()
    pm = four.role("pm")
    assert pm.years is None and pm.day_to_day == () and pm.summary is None and pm.scope is None
    assert {req.skill: req.weight for req in pm.requirements}["discovery"] == 1  # weight left out: 1
    result = ok(["kb", "validate", str(FOUR)])
    assert result.stderr == "" and "(version 2024.2, 0 warnings)" in result.stdout


def test_todays_files_stay_valid(kb: KnowledgeBase, small_kb: KnowledgeBase) -> None:
    assert kb.levels == 5 and small_kb.levels == 5
    assert small_kb.name == "small" and small_kb.about.name is None  # no about: the folder names it
    assert small_kb.note is None


def test_the_bundled_about_is_a_block_with_the_note_inside(kb: KnowledgeBase) -> None:
    assert kb.name == "pmladder product ladder" and kb.version == "2026.11"
    assert kb.note is not None and "defaults" in kb.note
    assert kb.about.licence and kb.about.source
    assert [(t.id, t.name) for t in kb.tracks] == [("foundation", "Foundation"), ("manager", "Manager"), ("ic", "IC")]


def test_about_as_text_is_still_a_note() -> None:
    roles = RolesFile.model_validate(
        {"version": "1", "about": "Edit these numbers.", "roles": [yaml.safe_load(ROLE_A)]}
    )
    assert roles.about_block.note == "Edit these numbers." and roles.about_block.name is None
    assert roles.ladder_version == "1"


ROLE_A = "{id: a, name: A, track: t, rank: 1, requirements: [{skill: writing, level: 1}]}"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_explore_commands_leave_out_what_the_ladder_lacks(fmt: str) -> None:
    for args in (
        ["roles"],
        ["roles", "show", "pm"],
        ["skills"],
        ["skills", "show", "discovery"],
        ["path", "pm", "lead-pm"],
    ):
        out = ok(["--kb", str(FOUR), *args, "--format", fmt]).stdout
        if fmt != "json":
            for word in ABSENT:
                assert word not in out, (args, word)
    roles = ok(["--kb", str(FOUR), "roles"]).stdout
    assert roles.startswith("Acme product ladder\n")  # the ladder's name, not "The product ladder"
    assert "Product management" in roles  # the track's name from `tracks`


def test_criteria_are_bullets_in_the_skill_view() -> None:
    text = ok(["--kb", str(FOUR), "skills", "show", "discovery"]).stdout
    assert "• Takes part in customer interviews" in text and "• Writes up what was learned" in text
    markdown = ok(["--kb", str(FOUR), "skills", "show", "discovery", "-f", "markdown"]).stdout
    assert "| 1 | Foundational | • Takes part in customer interviews<br>• Writes up what was learned |" in markdown
    payload = json.loads(ok(["--kb", str(FOUR), "skills", "show", "discovery", "-f", "json"]).stdout)
    assert payload["skill"]["levels"][0] == ["Takes part in customer interviews", "Writes up what was learned"]


# --- assessed, templated and scored as a cohort -----------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "html"])
def test_an_answers_file_is_assessed_in_every_format(tmp_path: Path, fmt: str) -> None:
    answers = tmp_path / "ada.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    out = ok(["--kb", str(FOUR), "assess", "--answers", str(answers), "--no-save", "--format", fmt]).stdout
    assert "~0+" not in out and "None" not in out
    if fmt == "json":
        payload = json.loads(out)
        assert payload["kb_name"] == "Acme product ladder" and payload["kb_version"] == "2024.2"
        assert payload["readiness"] == 84.2 and payload["next_steps"][0]["projects"] == []
        return
    assert "Acme product ladder 2024.2" in out  # the ladder at the head of the report
    for word in ("Day to day", "Challenges", "h of projects"):
        assert word not in out, word
    if fmt == "html":
        assert "licence: <bdi>CC BY 4.0</bdi>" in out and "rings are levels 1 to 4." in out
    else:
        assert "licence: CC BY 4.0" in out
        assert "the role asks for 2 Practitioner: Mentors a junior colleague" in out


def test_the_template_of_a_four_level_ladder_reads_back(tmp_path: Path, four: KnowledgeBase) -> None:
    path = tmp_path / "t.yaml"
    result = ok(["--kb", str(FOUR), "template", "--role", "senior-pm", "-o", str(path)])
    text = path.read_text(encoding="utf-8")
    assert "Rate each skill from 1 to 4 by replacing null" in text
    assert "# Scale: 1 Foundational, 2 Practitioner, 3 Expert, 4 Leader." in text
    assert (
        "  # 1 Foundational:\n  #     - Takes part in customer interviews\n  #     - Writes up what was learned\n"
        in text
    )
    assert "  # 4 Leader: Shapes the delivery practices of the organisation\n" in text  # one criterion: inline
    assert f"# Score it:      pmladder --kb {FOUR} assess --answers THIS_FILE" in text
    assert f"pmladder --kb {FOUR} assess --answers {path}" in result.stderr
    answers = read_answers(path, four)
    assert answers.kb_name == "Acme product ladder" and answers.kb_version == "2024.2"
    assert set(answers.ratings) == {"discovery", "delivery", "alignment", "coaching"}


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv", "html"])
def test_a_cohort_is_scored_in_every_format(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "ada.yaml").write_text(ANSWERS, encoding="utf-8")
    (folder / "bo.yaml").write_text(
        ANSWERS.replace("Ada", "Bo").replace("discovery: 2", "discovery: 4").replace("null", "3"), encoding="utf-8"
    )
    out = ok(["--kb", str(FOUR), "cohort", str(folder), "--format", fmt]).stdout
    assert "None" not in out
    if fmt == "json":
        payload = json.loads(out)
        assert payload["kb_name"] == "Acme product ladder"
        discovery = payload["skills"][0]
        assert discovery["distribution"] == {"unrated": 0, "1": 0, "2": 1, "3": 0, "4": 1}
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert rows[0][-4:] == ["gap:discovery", "gap:delivery", "gap:alignment", "gap:coaching"]
        assert [row[0] for row in rows[1:]] == ["Ada", "Bo"]
    elif fmt == "markdown":
        assert "| # | Skill | Required | Mean | Median | With a gap | 1 | 2 | 3 | 4 | Unrated |" in out
        assert "columns 1 to 4 count the people at each rating" in out
    elif fmt == "html":
        assert '<th scope="col" class="num">4</th><th scope="col" class="num">Unrated</th>' in out
        assert f"<code>pmladder --kb {FOUR} assess --answers FILE</code>" in out
    else:
        assert "1-4: people at each rating" in out and "Acme product ladder 2024.2" in out


def test_the_questionnaire_offers_one_choice_per_level_and_criteria_as_lines(four: KnowledgeBase) -> None:
    prompter = ScriptedPrompter(["Ada", "pm", "senior-pm", 3, "", 4, "", 2, UNSURE, SCORE])
    answers = Questionnaire(four, Progress(), prompter, lambda _: None).run()
    assert answers.kb_name == "Acme product ladder" and answers.kb_version == "2024.2"
    assert answers.ratings == {"discovery": 3, "delivery": 4, "alignment": 2, "coaching": None}
    question = next(q for q in prompter.asked if q.name == "rating:discovery")
    assert [o.key for o in question.options] == ["1", "2", "3", "4", "n"]
    assert question.instruction == "(1-4 or ↑↓, Enter)"
    assert (
        question.options[0].title == "Foundational:\n• Takes part in customer interviews\n• Writes up what was learned"
    )
    assert ENTER is not None


# --- two job families with parallel ranks ---------------------------------------------------------

FAMILIES = """\
version: "test-1"
tracks:
  - {id: people-management, name: People management}
  - {id: craft, name: Craft}
roles:
  - {id: pm, name: PM, track: craft, rank: 1, next_roles: [lead, staff],
     requirements: [{skill: writing, level: 2}, {skill: shipping, level: 2}, {skill: mentoring, level: 1},
                    {skill: influence, level: 1}]}
  - {id: staff, name: Staff PM, track: craft, rank: 2,
     requirements: [{skill: writing, level: 4}, {skill: shipping, level: 3}, {skill: mentoring, level: 2},
                    {skill: influence, level: 3}]}
  - {id: lead, name: Lead, track: people-management, rank: 2,
     requirements: [{skill: writing, level: 3}, {skill: shipping, level: 3}, {skill: mentoring, level: 3},
                    {skill: influence, level: 3}]}
"""


def test_two_job_families_in_the_order_tracks_gives(tmp_path: Path) -> None:
    folder = tmp_path / "families"
    folder.mkdir()
    shutil.copy(SMALL_KB / "skills.yaml", folder / "skills.yaml")
    (folder / "roles.yaml").write_text(FAMILIES, encoding="utf-8")
    kb = load_knowledge_base(folder)
    assert [r.id for r in kb.roles] == ["pm", "lead", "staff"]  # rank, then the tracks' order
    info = json.loads(ok(["--kb", str(folder), "kb", "info", "-f", "json"]).stdout)
    assert info["tracks"] == [
        {"id": "people-management", "name": "People management", "roles": 1},
        {"id": "craft", "name": "Craft", "roles": 2},
    ]
    (folder / "roles.yaml").write_text(FAMILIES.replace("track: craft, rank: 2", "track: crafts, rank: 2"))
    [line] = problems(folder)
    assert line.endswith("role 'staff' is on unknown track 'crafts' (did you mean 'craft'?)")


# --- messages in our words ----------------------------------------------------------------------


def test_years_as_text_says_what_shape_is_expected(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    edit(folder / "roles.yaml", "    scope: A product", "    years: 2-4\n    scope: A product")
    [line] = problems(folder)
    assert line.endswith(": senior-pm.years: expected a mapping like {min: 2, max: 4}, got the text '2-4'")


def test_no_role_needs_years_any_more(tmp_path: Path) -> None:
    folder = copy_of(tmp_path, SMALL_KB)
    text = (folder / "roles.yaml").read_text(encoding="utf-8")
    (folder / "roles.yaml").write_text("\n".join(x for x in text.splitlines() if "years:" not in x) + "\n")
    result = ok(["kb", "validate", str(folder)])
    assert "missing required key" not in result.stderr


def test_a_skill_with_one_descriptor_too_few(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    edit(folder / "skills.yaml", "      - [Shapes the delivery practices of the organisation]\n", "")
    [line] = problems(folder)
    assert line.endswith("skill 'delivery' has 3 descriptors; the scale has 4 levels: give one per level, lowest first")


def test_a_four_entry_scale_under_five_descriptors(tmp_path: Path) -> None:
    """Today's skills under a scale cut to four levels: each skill is named once, with the counts."""
    folder = copy_of(tmp_path, SMALL_KB)
    edit(folder / "skills.yaml", "  - {level: 5, label: Expert, description: Sets the standard.}\n", "")
    lines = problems(folder)
    counts = [line.split(": ", 1)[1] for line in lines if "descriptors" in line]
    assert counts == [
        f"skill '{ident}' has 5 descriptors; the scale has 4 levels: give one per level, lowest first"
        for ident in ("writing", "shipping", "mentoring", "influence")
    ]
    assert any(
        line.endswith("role 'chief' requires influence at level 5, but the scale has 4 levels") for line in lines
    )
    assert any("project 'Spec template' builds to level 5, but the scale has 4 levels" in line for line in lines)


def test_a_scale_of_two_levels(tmp_path: Path) -> None:
    """Too small a scale is one problem: the descriptors and levels are not counted against it."""
    folder = copy_of(tmp_path, SMALL_KB)
    skills = folder / "skills.yaml"
    text = skills.read_text(encoding="utf-8")
    skills.write_text("\n".join(x for x in text.splitlines() if not any(f"{{level: {n}" in x for n in (3, 4, 5))))
    assert problems(folder) == ["skills.yaml:4:3: scale: expected 3 to 7 levels, got 2"]


def test_an_id_gets_an_example_of_its_own(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    edit(folder / "skills.yaml", "  - id: coaching\n", "  - id: Product Roadmap\n")
    lines = problems(folder)
    assert any(
        line.endswith("skills #4: id 'Product Roadmap': use lowercase words joined by hyphens, e.g. 'product-roadmap'")
        for line in lines
    ), lines


def test_a_descriptor_of_the_wrong_shape(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    edit(folder / "skills.yaml", "      - [Keeps stakeholders informed]", "      - 42")
    [line] = problems(folder)
    assert line.endswith("alignment.levels #1: expected text or a list of texts, got the number 42")


def test_about_and_weight_are_checked_in_our_words(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    edit(folder / "roles.yaml", "  licence: CC BY 4.0", "  licens: CC BY 4.0")
    edit(folder / "roles.yaml", "{skill: delivery, level: 2, weight: 2}", "{skill: delivery, level: 2, weight: 6}")
    lines = problems(folder)
    assert lines[0].endswith("about: unknown key 'licens' (did you mean 'licence'?)")
    assert lines[1].endswith("pm.requirements #2.weight: expected a whole number from 1 to 5, got the number 6")


def test_two_versions_that_differ(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    edit(folder / "roles.yaml", "about:\n", 'version: "2024.1"\nabout:\n')
    [line] = problems(folder)
    assert line.endswith("version '2024.1' and about.version '2024.2' differ; give the version once")


def test_schema_and_reference_problems_come_together_sorted_by_file_and_line(tmp_path: Path) -> None:
    """A role that breaks the schema does not hide an unknown skill in another role, nor echo as unknown."""
    folder = copy_of(tmp_path)
    edit(folder / "roles.yaml", "    rank: 2\n", "    rank: second\n")  # senior-pm breaks the schema
    edit(folder / "roles.yaml", "{skill: coaching, level: 3, weight: 3}", "{skill: coachng, level: 3, weight: 3}")
    edit(
        folder / "skills.yaml",
        "    category: leadership\n    definition: Helps",
        "    category: leadershp\n    definition: Helps",
    )
    lines = problems(folder)
    assert [line.split(": ", 1)[1] for line in lines] == [
        "senior-pm.rank: expected a whole number from 1 to 20, got the text 'second'",
        "role 'lead-pm' requires unknown skill 'coachng' (did you mean 'coaching'?)",
        "skill 'coaching' is in unknown category 'leadershp' (did you mean 'leadership'?)",
    ]
    assert [line.split(":")[0] for line in lines] == ["roles.yaml", "roles.yaml", "skills.yaml"]
    assert all("leads to unknown role 'senior-pm'" not in line for line in lines)  # pm still leads to it


def test_a_skill_no_role_requires_is_a_warning(tmp_path: Path) -> None:
    folder = copy_of(tmp_path)
    text = (folder / "roles.yaml").read_text(encoding="utf-8")
    (folder / "roles.yaml").write_text("\n".join(x for x in text.splitlines() if "skill: coaching" not in x) + "\n")
    result = ok(["kb", "validate", str(folder)])
    assert result.stderr.endswith("warning: skill 'coaching' is not required by any role, so no report shows it\n")


def test_a_rating_above_the_scale(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS.replace("coaching: null", "coaching: 5").replace("kb_name: Acme product ladder\n", ""))
    result = run(["--kb", str(FOUR), "assess", "--answers", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"{path}:4:62: ratings.coaching: expected a whole number from 1 to 4, got the number 5\n"
    path.write_text(ANSWERS.replace("coaching: null", "coaching: 9"))
    result = run(["--kb", str(FOUR), "assess", "--answers", str(path)])
    assert result.stderr.endswith("ratings.coaching: expected a whole number from 1 to 4, got the number 9\n")


# --- state per ladder -----------------------------------------------------------------------------


def test_a_file_written_for_another_ladder_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "ada.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    result = run(["assess", "--answers", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"{path}:3:10: this file was written for 'Acme product ladder 2024.2'; you are using"
        " 'pmladder product ladder 2026.11': pass --kb with the folder of the ladder it was written for\n"
    )
    cohort = run(["cohort", str(path)])
    assert cohort.exit_code == 2 and len(cohort.stderr.splitlines()) == 1 and "written for" in cohort.stderr


def test_another_version_of_the_same_ladder_with_strangers_is_one_line(tmp_path: Path, four: KnowledgeBase) -> None:
    text = ANSWERS.replace('"2024.2"', '"2023.1"').replace("coaching: null", "mentoring: 2")
    with pytest.raises(PmladderError) as caught:
        api.read_answers(io.StringIO(text), four, name="old.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "old.yaml:4:13: this file was written for 'Acme product ladder 2023.1'; you are using"
        " 'Acme product ladder 2024.2': pass --kb with the folder of the ladder it was written for"
    ]


def test_role_that_leaves_ratings_unused_warns_per_file(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "ada.yaml").write_text(ANSWERS.replace("coaching: null", "coaching: 2"), encoding="utf-8")
    (folder / "bo.yaml").write_text(ANSWERS.replace("Ada", "Bo"), encoding="utf-8")  # coaching not rated
    assess = ok(["--kb", str(FOUR), "assess", "--answers", str(folder / "ada.yaml"), "--role", "pm", "--no-save"])
    assert assess.stderr == (
        f"warning: {folder / 'ada.yaml'}: 1 rating is not used: --role pm does not require coaching\n"
    )
    cohort = ok(["--kb", str(FOUR), "cohort", str(folder), "--role", "pm", "-f", "json"])
    assert (
        cohort.stderr == f"warning: {folder / 'ada.yaml'}: 1 rating is not used: --role pm does not require coaching\n"
    )
    assert ok(["--kb", str(FOUR), "cohort", str(folder)]).stderr == ""  # no --role: nothing left out


def commands_without_kb(text: str) -> list[str]:
    """Command lines in a text that would run pmladder on another ladder: `pmladder COMMAND` without --kb."""
    flat = " ".join(text.split())  # a sentence may be wrapped inside a command
    return [f"pmladder {name}" for name in COMMANDS if f"pmladder {name} " in flat or f"pmladder {name}'" in flat]


def test_every_hint_carries_the_kb_in_use(tmp_path: Path) -> None:
    """Following any hint printed while using --kb stays on that ladder."""
    kb = ["--kb", str(FOUR)]
    answers = tmp_path / "ada.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    printed = [
        ok([*kb, "roles"]).stdout,
        ok([*kb, "skills"]).stdout,
        ok([*kb, "template", "--role", "pm", "-o", str(tmp_path / "t.yaml")]).stderr,
        (tmp_path / "t.yaml").read_text(encoding="utf-8"),
        run([*kb, "assess"], input="").stderr,
        run([*kb, "assess", "--resume"]).stderr,
        ok([*kb, "history"]).stdout,
        run([*kb, "progress"]).stderr,
        run([*kb, "history", "show", "7"]).stderr,
    ]
    for text in printed:
        assert f"pmladder --kb {FOUR} " in " ".join(text.split()), text
        assert commands_without_kb(text) == [], text


def test_hints_without_kb_stay_plain() -> None:
    assert "pmladder roles show ID · pmladder path FROM TO" in ok(["roles"]).stdout


def test_the_environment_variable_is_carried_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMLADDER_KB", str(FOUR))
    assert f"pmladder --kb {FOUR} roles show ID" in ok(["roles"]).stdout


# --- kb new and kb info ---------------------------------------------------------------------------


@pytest.mark.parametrize("levels", [3, 5, 7])
def test_kb_new_is_valid_as_it_is(tmp_path: Path, levels: int) -> None:
    folder = tmp_path / "our-ladder"
    args = ["kb", "new", str(folder)] + (["--levels", str(levels)] if levels != 5 else [])
    result = ok(args)
    assert result.stderr.startswith(f"wrote {folder / 'roles.yaml'}\nwrote {folder / 'skills.yaml'}\n")
    assert f"pmladder --kb {folder} kb info" in result.stderr
    validated = ok(["kb", "validate", str(folder)])
    assert validated.stderr == "" and "0 warnings" in " ".join(validated.stdout.split())
    kb = load_knowledge_base(folder)
    assert kb.levels == levels and kb.name == "our-ladder ladder"
    assert isinstance(kb.skill("discovery").levels[0], tuple) and isinstance(kb.skill("writing").levels[0], str)
    roles = (folder / "roles.yaml").read_text(encoding="utf-8")
    assert "# What the ladder is" in roles and "# Each role:" in roles  # every field explained


def test_kb_new_refuses_a_folder_that_is_not_empty_and_a_scale_out_of_range(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    result = run(["kb", "new", str(tmp_path / "full")])
    assert (result.exit_code, result.stderr) == (
        2,
        f"{tmp_path / 'full'}: is not empty; choose a new or empty folder for a new ladder\n",
    )
    assert (tmp_path / "full" / "notes.txt").read_text() == "mine"
    for levels in ("2", "8"):
        result = run(["kb", "new", str(tmp_path / "new"), "--levels", levels])
        assert result.exit_code == 2 and result.stderr == f"error: --levels {levels}: a scale has 3 to 7 levels\n"
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_kb_info(fmt: str) -> None:
    out = ok(["--kb", str(FOUR), "kb", "info", "--format", fmt]).stdout
    if fmt == "json":
        payload = json.loads(out)
        assert {k: payload[k] for k in ("name", "version", "source", "licence", "note")} == {
            "name": "Acme product ladder",
            "version": "2024.2",
            "source": "https://example.com/acme/product-ladder",
            "licence": "CC BY 4.0",
            "note": None,
        }
        assert payload["counts"] == {"roles": 3, "skills": 4, "categories": 2, "tracks": 1, "levels": 4}
        assert payload["scale"][3] == {"level": 4, "label": "Leader", "description": None}
    else:
        assert "Acme product ladder" in out and "CC BY 4.0" in out and "Leader" in out
        assert "3 roles, 4 skills in 2 categories, 1 track, a scale of 4 levels" in out
        assert "None" not in out and "On any skill" not in out  # no scale descriptions: no column
    bundled = ok(["kb", "info", "--format", fmt]).stdout
    assert "pmladder product ladder" in bundled and "2026.11" in bundled


def test_schema_hover_text_names_no_bundled_label() -> None:
    for name in ("roles", "skills", "answers"):
        text = ok(["schema", name]).stdout
        assert "Aware" not in text and "Expert" not in text, name


def test_the_readme_minimal_ladder_is_valid_as_written(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The knowledge base\n") :]
    blocks = re.findall(r"```yaml\n(# (roles|skills)\.yaml\n.*?)```", section, flags=re.S)
    assert sorted(name for _, name in blocks) == ["roles", "skills"]
    for text, name in blocks:
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    result = ok(["kb", "validate", str(tmp_path)])
    assert result.stderr == "" and "0 warnings" in " ".join(result.stdout.split())
    kb = load_knowledge_base(tmp_path)
    assert kb.title == "Acme product ladder 2024.2" and kb.levels == 3


def test_a_ladder_that_weighs_up_to_5_gets_a_legend_for_its_range(tmp_path: Path) -> None:
    """The names 'useful', 'important', 'core' fit weights 1 to 3; a ladder using 4 and 5 gets its range."""
    ladder = copy_of(tmp_path)
    edit(
        ladder / "roles.yaml", "- {skill: alignment, level: 4, weight: 3}", "- {skill: alignment, level: 4, weight: 5}"
    )
    legend = "Weight: ★ (1) to ★★★★★ (5): the more stars, the more central to the role."
    for fmt in ("text", "markdown"):
        assert legend in ok(["--kb", str(ladder), "roles", "show", "lead-pm", "--format", fmt]).stdout
    answers = tmp_path / "me.yaml"
    answers.write_text("target_role: lead-pm\nratings: {discovery: 3, delivery: 3, alignment: 2, coaching: 3}\n")
    for fmt in ("text", "markdown", "html"):
        out = ok(["--kb", str(ladder), "assess", "--answers", str(answers), "--format", fmt, "--no-save"]).stdout
        assert legend in out, fmt
    three = ok(["--kb", str(FOUR), "roles", "show", "lead-pm"]).stdout
    assert "Weight: ★ useful, ★★ important, ★★★ core to the role." in three
