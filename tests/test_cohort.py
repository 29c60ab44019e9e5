"""`pmladder cohort`: many answers files scored together, on real files and the real CLI.

The small fixture knowledge base (tests/fixtures/small), skills in report order writing,
shipping, mentoring, influence; (level, weight) per role:
  junior: writing (2, 3), shipping (2, 2), mentoring (1, 1), influence (1, 1): sum(w*r) = 12
  lead:   writing (3, 2), shipping (4, 3), mentoring (3, 1), influence (2, 2): sum(w*r) = 25
  chief:  writing (4, 1), shipping (4, 2), mentoring (4, 3), influence (5, 3): sum(w*r) = 39

The cohort used throughout (hand-computed):
  ada.yaml  lead:   writing 3, shipping 2, mentoring null, influence left out
            earned 2*3 + 3*2 = 12 of 25 -> 48.0, developing; gaps shipping 2 (w*g 6),
            influence 2 (4), mentoring 3 (3)
  bo.yaml   lead, no name (shown as 'bo'): 3, 4, 2, 2 -> 6 + 12 + 2 + 4 = 24 of 25 -> 96.0,
            nearly ready; one gap: mentoring 1
  cy.json   junior: 2, 1, 1, 1 -> 6 + 2 + 1 + 1 = 10 of 12 = 83.33 -> 83.3, developing
            (below 85); one gap: shipping 1
  mean readiness (48.0 + 96.0 + 83.3) / 3 = 75.77 -> 75.8
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import SMALL_KB, run
from pmladder.assessment.answers_file import read_answers
from pmladder.assessment.gates import Gates
from pmladder.assessment.scoring import score
from pmladder.cohort.aggregate import aggregate
from pmladder.cohort.inputs import expand_paths, read_cohort
from pmladder.errors import PmladderError
from pmladder.knowledge.base import KnowledgeBase

ADA = """\
name: Ada
current_role: junior
target_role: lead
ratings:
  writing: 3
  shipping: 2
  mentoring: null
"""
BO = """\
target_role: lead
ratings: {writing: 3, shipping: 4, mentoring: 2, influence: 2}
"""
CY = json.dumps(
    {
        "name": "Cy | <b>",
        "target_role": "junior",
        "ratings": {"writing": 2, "shipping": 1, "mentoring": 1, "influence": 1},
    }
)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def small(*args: str) -> list[str]:
    return ["--kb", str(SMALL_KB), "cohort", *args]


@pytest.fixture
def cohort_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cohort folder; the working directory is its parent, so names read 'cohort/ada.yaml'."""
    folder = tmp_path / "cohort"
    folder.mkdir()
    (folder / "ada.yaml").write_text(ADA)
    (folder / "bo.yaml").write_text(BO)
    (folder / "cy.json").write_text(CY)
    (folder / "notes.txt").write_text("not an answers file")
    (folder / ".hidden.yaml").write_text("not: read")
    monkeypatch.chdir(tmp_path)
    return folder


def as_json(*args: str) -> dict[str, Any]:
    result = run(small(*args, "--format", "json"))
    assert result.exit_code == 0, result.stderr
    payload: dict[str, Any] = json.loads(result.stdout)
    return payload


# --- inputs -------------------------------------------------------------------------------


def test_folder_glob_and_file_arguments_give_one_sorted_list(cohort_dir: Path) -> None:
    people = as_json("cohort")["people"]
    assert [p["file"] for p in people] == [
        f"cohort{os.sep}ada.yaml",
        f"cohort{os.sep}bo.yaml",
        f"cohort{os.sep}cy.json",
    ]
    # a glob, plus a file named twice (once through the glob): each file is scored once
    people = as_json("cohort/*.yaml", "cohort/cy.json", "cohort/ada.yaml")["people"]
    assert [p["name"] for p in people] == ["Ada", "bo", "Cy | <b>"]
    people = as_json(str(cohort_dir / "bo.yaml"))["people"]
    assert [(p["name"], p["readiness"]) for p in people] == [("bo", 96.0)]


def test_a_path_that_gives_no_file_is_an_error(cohort_dir: Path) -> None:
    (cohort_dir.parent / "empty").mkdir()
    result = run(small("cohort/nope.yaml", "cohort/*.yml", "empty", "-o", "out.json"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "cohort/nope.yaml: no such file or folder",
        "error: 'cohort/*.yml' matches no *.yaml, *.yml or *.json files",
        "empty: folder has no *.yaml, *.yml or *.json files",
    ]
    assert not (cohort_dir.parent / "out.json").exists()


def test_stdin_is_not_a_cohort(cohort_dir: Path) -> None:
    result = run(small("-"), input=BO)
    assert result.exit_code == 2
    assert result.stderr == "error: '-' (stdin) holds one file; a cohort is read from files, folders or globs\n"


def test_expand_paths_is_a_library_function(cohort_dir: Path) -> None:
    files = expand_paths(["cohort", "cohort/*.json"])
    assert [f.name for f in files] == ["ada.yaml", "bo.yaml", "cy.json"]
    with pytest.raises(PmladderError, match="no such file or folder"):
        expand_paths(["missing"])


# --- scores and statistics ----------------------------------------------------------------


def test_people_match_assess_and_score(cohort_dir: Path, small_kb: KnowledgeBase) -> None:
    report = as_json("cohort")
    by_name = {p["name"]: p for p in report["people"]}
    assert {name: (p["target_role"], p["readiness"], p["verdict"]) for name, p in by_name.items()} == {
        "Ada": ("lead", 66.7, "incomplete"),
        "bo": ("lead", 96.0, "nearly ready"),
        "Cy | <b>": ("junior", 83.3, "developing"),
    }
    ada = by_name["Ada"]
    assert [g["skill"] for g in ada["gaps"]] == ["shipping"]  # mentoring and influence are not rated: no gap
    assert ada["gaps"][0] == {"skill": "shipping", "rating": 2, "required": 4, "weight": 3, "gap": 2}
    assert (ada["biggest_gap"], ada["max_gap"], ada["unrated"]) == ("shipping", 2, ["mentoring", "influence"])
    assert ada["coverage"] == 72.0  # 18 of 25
    for person in report["people"]:
        answers = read_answers(person["file"], small_kb)
        assert answers.target_role is not None
        expected = score(small_kb, small_kb.role(answers.target_role), answers.ratings, answers.evidence)
        assert person["readiness"] == expected.readiness
        assessed = run(["--kb", str(SMALL_KB), "assess", "--answers", person["file"], "--format", "json"])
        assert json.loads(assessed.stdout)["readiness"] == person["readiness"]
    assert report["summary"] == {
        "people": 3,
        "skipped": 0,
        "mean_readiness": 82.0,  # (66.7 + 96.0 + 83.3) / 3
        "verdicts": {"ready": 0, "nearly ready": 1, "developing": 1, "incomplete": 1},
        "below_gate": [],
    }


def test_per_skill_statistics_over_people_whose_target_requires_the_skill(cohort_dir: Path) -> None:
    skills = {s["skill"]: s for s in as_json("cohort")["skills"]}
    assert list(skills) == ["writing", "shipping", "mentoring", "influence"]
    # writing: junior needs 2, lead 3; ratings 3, 3, 2 -> mean 2.67 -> 2.7, median 3; nobody short
    assert skills["writing"] == {
        "skill": "writing",
        "name": "Writing",
        "category": "craft",
        "required": {"junior": 2, "lead": 3},
        "people": 3,
        "rated": 3,
        "mean": 2.7,
        "median": 3.0,
        "with_gap": 0,
        "gap_share": 0.0,
        "distribution": {"unrated": 0, "1": 0, "2": 1, "3": 2, "4": 0, "5": 0},
    }
    # shipping: 2, 4, 1 -> mean 2.3, median 2; Ada (2 < 4) and Cy (1 < 2) short: 2 of 3 = 66.7%
    assert (skills["shipping"]["mean"], skills["shipping"]["median"], skills["shipping"]["gap_share"]) == (
        2.3,
        2.0,
        66.7,
    )
    # mentoring: Ada unrated, 2, 1 -> over the two who rated: mean 1.5, median 1.5; only bo (2 < 3) is short
    mentoring = skills["mentoring"]
    assert (mentoring["rated"], mentoring["mean"], mentoring["median"], mentoring["with_gap"]) == (2, 1.5, 1.5, 1)
    assert mentoring["distribution"]["unrated"] == 1


def test_workshops_pick_the_most_shared_gaps_pitched_at_the_group(cohort_dir: Path) -> None:
    workshops = as_json("cohort")["workshops"]
    # shipping: 2 people (weighted 3*2 + 2*1 = 8); mentoring: bo only; influence: nobody rated short
    assert [(w["skill"], w["with_gap"], w["people"]) for w in workshops] == [
        ("shipping", 2, 3),
        ("mentoring", 1, 3),
    ]
    # shipping's gapped ratings are 1 and 2: low median 1, so projects toward 2 and up
    assert workshops[0]["pitch"] == 1
    assert [p["title"] for p in workshops[0]["projects"]] == ["Ship a side project", "Run a launch"]
    assert workshops[1]["pitch"] == 2  # bo's rating


def test_role_override_scores_everyone_against_one_role(cohort_dir: Path) -> None:
    report = as_json("cohort", "--role", "chief")
    # chief (sum 39): Ada rated writing and shipping only: 3*1 + 2*2 = 7 of 4 + 8 = 12 -> 58.3;
    # bo 3 + 8 + 6 + 6 = 23 of 39 -> 59.0; Cy 2 + 2 + 3 + 3 = 10 of 39 -> 25.6
    assert [(p["target_role"], p["readiness"]) for p in report["people"]] == [
        ("chief", 58.3),
        ("chief", 59.0),
        ("chief", 25.6),
    ]
    assert report["role"] == "chief"
    assert report["skills"][0]["required"] == {"chief": 4}


def test_unknown_role_override_is_one_error_with_a_suggestion(cohort_dir: Path) -> None:
    result = run(small("cohort", "--role", "chef"))
    assert result.exit_code == 2
    assert result.stderr == "error: unknown role 'chef' (did you mean 'chief'?)\n"


def test_aggregate_is_a_pure_library_function(small_kb: KnowledgeBase, cohort_dir: Path) -> None:
    reading = read_cohort(expand_paths(["cohort"]), small_kb)
    entries = [(e.file, e.answers) for e in reading.entries]
    first = aggregate(entries, small_kb, gates=Gates(fail_under=50))
    assert first == aggregate(entries, small_kb, gates=Gates(fail_under=50))
    assert [p.name for p in first.below_gate] == ["Ada"]
    assert [s.required_text for s in first.skills] == ["2-3", "2-4", "1-3", "1-2"]
    assert first.targets == ("lead", "junior")


# --- gates --------------------------------------------------------------------------------


def test_fail_under_exits_1_after_writing_the_report_and_names_who_fell_short(cohort_dir: Path) -> None:
    result = run(small("cohort", "--fail-under", "50", "-o", "report.md"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        "below the gate: 1 of 3",
        f"  Ada (cohort{os.sep}ada.yaml): incomplete: the ratings cover 72.0% of the role, under 80%",
    ]
    text = Path("report.md").read_text()
    assert "Gate: readiness at least 50%: **1 below the gate**." in text
    assert (
        "## Below the gate\n\n- **Ada** (cohort/ada.yaml): incomplete: the ratings cover 72.0% of the role, under 80%\n"
        in text.replace(os.sep, "/")
    )


def test_max_gap_applies_per_person(cohort_dir: Path) -> None:
    result = run(small("cohort", "--max-gap", "1", "--format", "json"))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["below_gate"] == ["Ada"]
    assert report["people"][0]["below_gate"] == ["gap above 1 in shipping (2)"]
    assert "ada.yaml" in result.stderr and "bo.yaml" not in result.stderr
    # everyone passes a gap of 3: exit 0
    assert run(small("cohort", "--max-gap", "3")).exit_code == 0


# --- strict reading -----------------------------------------------------------------------

BAD_FILES = {
    "unknown-skill.yaml": (
        "target_role: lead\nratings:\n  writng: 3\n",
        ":3:3: ratings: unknown skill 'writng' (did you mean 'writing'?)",
    ),
    "unknown-role.yaml": ("target_role: leed\n", ":1:14: unknown role 'leed' (did you mean 'lead'?)"),
    "too-high.yaml": (
        "target_role: lead\nratings:\n  writing: 6\n",
        ":3:12: ratings.writing: expected a whole number from 1 to 5, got the number 6",
    ),
    "too-low.yaml": (
        "target_role: lead\nratings:\n  writing: 0\n",
        ":3:12: ratings.writing: expected a whole number from 1 to 5, got the number 0",
    ),
    "fraction.yaml": (
        "target_role: lead\nratings:\n  writing: 2.5\n",
        ":3:12: ratings.writing: expected a whole number from 1 to 5, got the number 2.5",
    ),
    "text.json": (
        '{"target_role": "lead", "ratings": {"writing": "3"}}',
        ":1:48: ratings.writing: expected a whole number from 1 to 5, got the text '3'",
    ),
    "duplicate.yaml": (
        "target_role: lead\nratings:\n  writing: 3\n  writing: 4\n",
        ":4:3: duplicate key 'writing' (first at line 3)",
    ),
    "no-target.yaml": (
        "name: Zed\nratings:\n  writing: 3\n",
        ": no target role: set target_role in the answers file, or pass --role ID",
    ),
    "alias.yaml": (
        "target_role: lead\nratings:\n  writing: &w 3\n  shipping: *w\n",
        ":4:13: YAML aliases (*name) are not allowed",
    ),
    "empty.yaml": ("  \n\n", ":1: file is empty"),
    "binary.yaml": ("target_role: lead\n\x00\x01", ":2: not a text file (binary content)"),
    "huge.yaml": ("target_role: lead\n" + "# padding\n" * 110_000, ":1: file is larger than 1024 KiB"),
}


@pytest.mark.parametrize("file_name", sorted(BAD_FILES))
def test_each_bad_file_is_an_error_with_its_place_and_nothing_is_written(file_name: str, cohort_dir: Path) -> None:
    text, expected = BAD_FILES[file_name]
    (cohort_dir / file_name).write_text(text)
    result = run(small("cohort", "--output", "report.md"))
    assert result.exit_code == 2
    name = f"cohort{os.sep}{file_name}"
    line = next(line for line in result.stderr.splitlines() if line.startswith(name + ":"))
    assert line.startswith(name + expected), line
    assert not Path("report.md").exists()
    assert list(Path().iterdir()) == [Path("cohort")]  # no temp file either


def test_every_problem_in_every_file_is_listed_at_once_sorted_by_file(cohort_dir: Path) -> None:
    (cohort_dir / "b-bad.yaml").write_text("target_role: lead\nratings:\n  writing: 9\n  shipping: 2.5\n")
    (cohort_dir / "a-bad.yaml").write_text("target_role: leed\n")
    result = run(small("cohort", "-f", "json"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert [line.split(": ", 1)[0] for line in result.stderr.splitlines()] == [
        f"cohort{os.sep}a-bad.yaml:1:14",
        f"cohort{os.sep}b-bad.yaml:3:12",
        f"cohort{os.sep}b-bad.yaml:4:13",
    ]


def test_skip_invalid_scores_the_rest_and_lists_what_it_skipped(cohort_dir: Path) -> None:
    (cohort_dir / "broken.yaml").write_text("target_role: lead\nratings:\n  writing: 9\n  shipping: 2.5\n")
    result = run(small("cohort", "--skip-invalid", "-f", "json"))
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert [p["name"] for p in report["people"]] == ["Ada", "bo", "Cy | <b>"]
    assert report["summary"]["skipped"] == 1
    assert report["skipped"] == [
        {
            "file": f"cohort{os.sep}broken.yaml",
            "problems": [
                f"cohort{os.sep}broken.yaml:3:12: ratings.writing: expected a whole number from 1 to 5, got the number 9",
                f"cohort{os.sep}broken.yaml:4:13: ratings.shipping: expected a whole number from 1 to 5, got the number 2.5",
            ],
        }
    ]
    assert (
        result.stderr
        == f"skipped: cohort{os.sep}broken.yaml:3:12: ratings.writing: expected a whole number from 1 to 5, got the number 9\n"
    )
    markdown = run(small("cohort", "--skip-invalid", "-f", "markdown")).stdout
    assert "## Skipped files\n\n- cohort/broken.yaml:3:12: ratings.writing:" in markdown.replace(os.sep, "/")
    text = run(small("cohort", "--skip-invalid")).stdout
    assert "Skipped files" in text and "broken.yaml:3:12" in text


def test_skip_invalid_with_nothing_valid_is_still_an_error(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("target_role: nobody\n")
    result = run(small(str(tmp_path), "--skip-invalid"))
    assert result.exit_code == 2
    assert result.stderr.endswith("error: no valid answers file to score\n")


# --- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_the_same_inputs_give_byte_identical_output(fmt: str, cohort_dir: Path) -> None:
    first = run(small("cohort", "--format", fmt, "--output", f"one.{fmt}"))
    second = run(small("cohort/*", "--format", fmt, "--output", f"two.{fmt}"))
    assert first.exit_code == second.exit_code == 0
    assert Path(f"one.{fmt}").read_bytes() == Path(f"two.{fmt}").read_bytes()
    assert run(small("cohort", "--format", fmt)).stdout == run(small("cohort", "--format", fmt)).stdout


def test_format_follows_the_output_suffix(cohort_dir: Path) -> None:
    for name, start in [("r.md", "# Cohort report\n"), ("r.json", "{\n"), ("r.csv", "name,file,"), ("r.txt", "╭")]:
        result = run(small("cohort", "-o", name))
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        assert Path(name).read_text().startswith(start)
        assert "3 people, mean readiness 82.0%" in result.stderr


def test_json_contract(cohort_dir: Path) -> None:
    report = as_json("cohort")
    assert list(report) == [
        "schema_version",
        "kb_name",
        "kb_version",
        "kb_digest",
        "role",
        "gates",
        "summary",
        "people",
        "skills",
        "workshops",
        "skipped",
    ]
    assert report["schema_version"] == 2
    assert report["kb_version"] == "test-1"
    assert list(report["people"][0]) == [
        "name",
        "file",
        "current_role",
        "target_role",
        "readiness",
        "coverage",
        "verdict",
        "gaps",
        "biggest_gap",
        "biggest_gap_size",
        "max_gap",
        "unrated",
        "below_gate",
        "raters",
    ]


def test_csv_has_a_header_and_one_row_per_person(cohort_dir: Path) -> None:
    (cohort_dir / "dee.yaml").write_text("name: =HYPERLINK(1)\ntarget_role: junior\nratings: {writing: 2}\n")
    result = run(small("cohort", "--format", "csv"))
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == [
        "name",
        "file",
        "target_role",
        "readiness",
        "coverage",
        "verdict",
        "gaps",
        "biggest_gap",
        "biggest_gap_size",
        "max_gap",
        "unrated",
        "below_gate",
        "gap:writing",
        "gap:shipping",
        "gap:mentoring",
        "gap:influence",
    ]
    assert rows[1] == [
        "Ada",
        f"cohort{os.sep}ada.yaml",
        "lead",
        "66.7",
        "72.0",
        "incomplete",
        "1",
        "shipping",
        "2",
        "2",
        "2",
        "",
        "0",
        "2",
        "?",
        "?",
    ]
    assert rows[3][:6] == ["Cy | <b>", f"cohort{os.sep}cy.json", "junior", "83.3", "100.0", "developing"]
    # junior: writing 2 of 2 (6 of 6) -> 100.0; shipping, mentoring, influence unrated: coverage 6 of 12
    assert rows[4][:6] == ["'=HYPERLINK(1)", f"cohort{os.sep}dee.yaml", "junior", "100.0", "50.0", "incomplete"]
    assert len(rows) == 5


def test_markdown_has_tables_a_heatmap_and_escapes_names(cohort_dir: Path) -> None:
    text = run(small("cohort", "--format", "markdown", "--fail-under", "50")).stdout.replace(os.sep, "/")
    assert text.startswith(
        "# Cohort report\n\n**3 people** · mean readiness **82.0%**"
        " · 0 ready, 1 nearly ready, 1 developing, 1 incomplete\n"
    )
    assert "| Ada | cohort/ada.yaml | `lead` | 66.7% | incomplete | 1 | Shipping (2) | ❌ below |" in text
    assert "| Cy \\| &lt;b&gt; | cohort/cy.json | `junior` | 83.3% | developing | 1 | Shipping (1) | ✅ pass |" in text
    heatmap = text.split("## Heatmap: gap by person and skill\n", 1)[1].split("\n\n## ", 1)[0]
    rows = [line for line in heatmap.splitlines() if line.startswith("|")]
    assert rows == [
        "| Person | 1 | 2 | 3 | 4 |",
        "| --- | :-: | :-: | :-: | :-: |",
        "| Ada | 🟩 0 | 🟥 2 | ❔ | ❔ |",
        "| bo | 🟩 0 | 🟩 0 | 🟨 1 | 🟩 0 |",
        "| Cy \\| &lt;b&gt; | 🟩 0 | 🟨 1 | 🟩 0 | 🟩 0 |",
    ]
    for line in text.splitlines():  # every table row has as many unescaped pipes as its header
        if line.startswith("| Cy"):
            assert line.replace("\\|", "").count("|") in (6, 9)
    assert (
        "| 1 | Writing (`writing`) | 2-3 (junior 2, lead 3) | 2.7 | 3 | 0 of 3 (0.0%) | 0 | 1 | 2 | 0 | 0 | 0 |" in text
    )
    assert "1. **Shipping** (`shipping`): a gap for 2 of 3 people, typically rated 1" in text
    assert "   - [ ] **Ship a side project**: A live app (builds toward 3, ~40 h)" in text


def test_terminal_heatmap_reads_without_colour_and_names_are_not_markup(cohort_dir: Path) -> None:
    (cohort_dir / "cy.json").write_text(CY.replace("Cy | <b>", "[red]Cy[/red]"))
    out = run(small("cohort")).stdout
    assert "[red]Cy[/red]" in out
    heat = out.split("Heatmap: gap by person and skill\n", 1)[1]
    lines = heat.splitlines()
    assert lines[0].split() == ["Person", "1", "2", "3", "4"]
    assert lines[2].split() == ["Ada", "0", "2", "?", "?"]
    assert lines[3].split() == ["bo", "0", "0", "1", "0"]
    assert "Cohort of 3 people" in out and "82.0%" in out
    assert "1. Shipping  a gap for 2 of 3, typically rated 1" in out


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    for n in range(60):
        (tmp_path / f"p{n:02d}.yaml").write_text(BO)
    result = run(small(str(tmp_path), "-f", "csv"))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 61


# --- the bundled knowledge base and the examples -------------------------------------------


def test_the_example_cohort_scores_against_the_bundled_knowledge_base(kb: KnowledgeBase) -> None:
    folder = EXAMPLES / "cohort"
    result = run(["cohort", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["kb_version"] == kb.version
    assert len(report["people"]) == len(list(folder.iterdir())) >= 3
    for person in report["people"]:
        answers = read_answers(person["file"], kb)
        assert answers.target_role is not None
        expected = score(kb, kb.role(answers.target_role), answers.ratings, answers.evidence)
        assert (person["readiness"], person["verdict"]) == (expected.readiness, expected.verdict.value)
    assert {s["skill"] for s in report["skills"]} == {s.id for s in kb.skills}
    markdown = run(["cohort", str(folder), "--format", "markdown"]).stdout
    assert markdown.count("\n| Amara Okafor |") == 2  # the people table and the heatmap


def test_the_example_workflow_runs_the_documented_command() -> None:
    workflow = (EXAMPLES / "github-actions-cohort.yml").read_text()
    assert "pmladder cohort cohort/ --fail-under 70 --format markdown -o cohort-report.md" in workflow
    assert "if: always()" in workflow
    assert "actions/upload-artifact" in workflow


def test_cli_modules_import_no_heavy_libraries() -> None:
    code = (
        "import sys, pmladder.cli.cohort, pmladder.cli.template\n"
        "heavy = {'rich', 'pydantic', 'yaml', 'questionary'} & {m.split('.')[0] for m in sys.modules}\n"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_progress_bar_on_a_terminal_for_many_files(tmp_path: Path) -> None:
    """In a real pseudo-terminal the bar is drawn on stderr, then cleared; the report is intact."""
    import pexpect

    folder = tmp_path / "cohort"
    folder.mkdir()
    for n in range(80):
        (folder / f"p{n:02d}.yaml").write_text(BO)
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PMLADDER_HOME": str(tmp_path / "home")}
    env.pop("PMLADDER_KB", None)
    out = tmp_path / "report.json"
    args = ["-m", "pmladder", "--kb", str(SMALL_KB), "cohort", str(folder), "-o", str(out)]
    child = pexpect.spawn(sys.executable, args, env=env, encoding="utf-8", timeout=30, dimensions=(30, 100))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "reading answers" in (child.before or "")
    assert len(json.loads(out.read_text())["people"]) == 80
