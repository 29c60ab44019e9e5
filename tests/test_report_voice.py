"""A report on a manager's or peer's ratings speaks about the person rated, never to "you".

Such a report is forwarded: "Your ratings meet the bar" would tell its reader the wrong thing.
Every format is run through the CLI on real answers files written here, against the small
fixture (Junior PM -> Lead PM; writing, shipping, mentoring, influence), and the sentences
are the ones a reader sees, written out by hand. A self-assessment reads as it always has.
"""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest
import yaml

from conftest import SMALL_KB, run

# at Junior PM's bar, two levels short of Lead PM's on shipping
JUNIOR_BAR = {"writing": 2, "shipping": 2, "mentoring": 1, "influence": 2}
MANAGER = {"rater": "manager", "rater_name": "Bo Manager", "subject": "Ada Example"}
PEER = {"rater": "peer"}  # no names at all: "the person rated", "a peer"
SELF = {"name": "Ada Example"}
FORMATS = ("text", "markdown", "html")
NEVER = ("Your ratings", "your ratings", "you rated", "Ratings are a self-assessment", "you were not sure")


def write(tmp_path: Path, name: str, fields: Mapping[str, str], ratings: Mapping[str, int | None]) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump({**fields, "target_role": "lead", "ratings": ratings}), encoding="utf-8")
    return path


def report(path: Path, fmt: str, *extra: str) -> str:
    """The report as its reader reads it: terminal box edges and wrapping, HTML entities undone."""
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(path), "--format", fmt, "--no-save", *extra])
    assert result.exit_code == 0, result.stderr
    text = html.unescape(result.stdout.replace("<bdi>", "").replace("</bdi>", "")) if fmt == "html" else result.stdout
    return " ".join(text.replace("│", " ").split())


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_managers_report_names_the_person_and_the_rater(tmp_path: Path, fmt: str) -> None:
    text = report(write(tmp_path, "from-bo.yaml", MANAGER, JUNIOR_BAR), fmt)
    assert (
        "Ada Example's ratings, by Bo Manager (manager), meet the bar of Junior PM. Lead PM is 1 step up:"
        " Junior PM → Lead PM." in text
    )
    assert "that Ada Example's ratings reach, weighted by how central each skill is" in text
    assert "Shipping" in text and "rated 2 Guided, the role needs 4 Advanced (gap 2, weight 3)" in text
    for phrase in NEVER:
        assert phrase not in text
    assert "you 2 Guided" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_peers_report_without_names_speaks_of_the_person_rated(tmp_path: Path, fmt: str) -> None:
    ratings = {"writing": 3, "shipping": None, "mentoring": 3, "influence": 2}
    text = report(write(tmp_path, "from-peer.yaml", PEER, ratings), fmt)
    assert (
        "The ratings of the person rated, by a peer, do not yet meet the whole bar of any role on the way to"
        " Lead PM (a skill not rated counts as not met)." in text
    )
    assert "1 skill the peer did not rate is left out" in text
    assert "ask the person rated or others who have seen their work." in text
    for phrase in (*NEVER, "ask your manager", "Your assessment", "Self-assessment"):
        assert phrase not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_gaps_in_someone_elses_ratings_says_whose_ratings(tmp_path: Path, fmt: str) -> None:
    fields = {"rater": "other", "rater_name": "Cy Coach", "subject": "Ada Example"}
    at_lead = {"writing": 3, "shipping": 4, "mentoring": 3, "influence": 2}
    text = report(write(tmp_path, "from-cy.yaml", fields, at_lead), fmt)
    assert "Ada Example's ratings, by Cy Coach (other), meet the bar of Lead PM." in text
    assert "Every skill Cy Coach rated meets what Lead PM requires." in text
    assert "you rated" not in text


def test_the_markdown_and_html_reports_say_who_rated(tmp_path: Path) -> None:
    path = write(tmp_path, "from-bo.yaml", MANAGER, JUNIOR_BAR)
    markdown = report(path, "markdown")
    assert markdown.startswith("# Ada Example: Lead PM")
    assert "Ratings by Bo Manager (manager)._" in markdown
    assert "| Skill | Rating | Required | Weight | Gap | Evidence |" in markdown
    page = report(path, "html")
    assert "<title>Ada Example: Lead PM · pmladder</title>" in page
    assert '<p class="meta">Ratings by Bo Manager (manager).</p>' in page
    assert "<span>Ada Example's ratings, by Bo Manager (manager)</span>" in page  # the radar's legend
    assert '<th scope="col">Rating</th>' in page and '<td data-label="Rating">' in page
    assert 'td[data-label="Rating"]' in page  # the narrow-screen layout places the column as it did "You"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_self_report_still_speaks_to_you(tmp_path: Path, fmt: str) -> None:
    text = report(write(tmp_path, "ada.yaml", SELF, JUNIOR_BAR), fmt)
    assert "Your ratings meet the bar of Junior PM. Lead PM is 1 step up: Junior PM → Lead PM." in text
    assert "that your ratings reach" in text and "you 2 Guided, the role needs 4 Advanced" in text
    assert "by Bo Manager" not in text and "the person rated" not in text
    if fmt != "text":
        assert "Ratings are a self-assessment." in text


def test_the_json_says_who_rated_and_whom_and_nothing_else_differs(tmp_path: Path) -> None:
    mine = json.loads(report(write(tmp_path, "ada.yaml", {}, JUNIOR_BAR), "json"))
    theirs = json.loads(report(write(tmp_path, "from-bo.yaml", MANAGER, JUNIOR_BAR), "json"))
    assert (mine["rater"], mine["rater_name"], mine["subject"]) == ("self", None, None)
    assert (theirs["rater"], theirs["rater_name"], theirs["subject"]) == ("manager", "Bo Manager", "Ada Example")
    who = ("rater", "rater_name", "subject")
    assert {k: v for k, v in mine.items() if k not in who} == {k: v for k, v in theirs.items() if k not in who}


def test_the_hints_under_someone_elses_report_are_for_the_rater(tmp_path: Path) -> None:
    path = write(tmp_path, "from-bo.yaml", MANAGER, JUNIOR_BAR)
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(path), "--no-save"])
    assert result.exit_code == 0, result.stderr
    kb = f"--kb {SMALL_KB}"
    assert result.stdout.endswith(
        f"Answers file: {path}\n"
        f"A Markdown report for Ada Example: pmladder {kb} assess --answers {path} -o report.md\n"
        "To compare these ratings with Ada Example's own assessment:\n"
        f"  pmladder {kb} compare THEIR_SELF_FILE {path}\n"
    )
    assert "for a coach" not in result.stdout


def test_the_hints_under_a_self_report_are_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path, "ada.yaml", SELF, JUNIOR_BAR)
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(path), "--no-save"])
    assert result.stdout.endswith(
        f"Answers file: {path}\nA Markdown report for a coach: pmladder --kb {SMALL_KB} assess --answers {path}"
        " -o report.md\n"
    )
    assert "To compare" not in result.stdout


def test_the_line_after_a_report_file_names_the_person_rated(tmp_path: Path) -> None:
    unnamed = write(tmp_path, "from-peer.yaml", PEER, JUNIOR_BAR)
    out = tmp_path / "report.md"
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(unnamed), "-o", str(out), "--no-save"])
    assert result.exit_code == 0, result.stderr
    assert "\nThe person rated: 60.0% ready for Lead PM (developing)\n" in result.stderr


def test_match_and_plan_name_whose_ratings_they_use(tmp_path: Path) -> None:
    path = write(tmp_path, "from-bo.yaml", MANAGER, JUNIOR_BAR)
    match = run(["--kb", str(SMALL_KB), "match", "--answers", str(path), "--format", "markdown"]).stdout
    assert match.startswith("# Ada Example, rated by Bo Manager (manager): the same ratings against every role\n")
    plan = run(
        ["--kb", str(SMALL_KB), "plan", "--answers", str(path), "--format", "markdown", "--start", "2027-01-04"]
    ).stdout
    assert "top gaps first, from Ada Example's ratings, by Bo Manager (manager). Hours are rough estimates." in plan
    assert "Check-in for Ada Example with their manager: progress on the plan" in plan
    assert "your ratings" not in plan and "your manager" not in plan
    mine = write(tmp_path, "ada.yaml", SELF, JUNIOR_BAR)
    own = run(["--kb", str(SMALL_KB), "plan", "--answers", str(mine), "-f", "markdown"]).stdout
    assert "from your ratings." in own and "Check-in with your manager:" in own


def test_names_from_the_file_are_escaped_in_every_sentence(tmp_path: Path) -> None:
    fields = {"rater": "manager", "rater_name": "Bo <b>Boss</b>", "subject": "Ada [link](x) | y\x1b[31m"}
    path = write(tmp_path, "hostile.yaml", fields, JUNIOR_BAR)
    markdown = run(["--kb", str(SMALL_KB), "assess", "--answers", str(path), "-f", "markdown", "--no-save"]).stdout
    assert (
        r"Ada \[link\](x) \| y\\x1b\[31m's ratings, by Bo &lt;b&gt;Boss&lt;/b&gt; (manager), meet the bar" in markdown
    )
    assert "<b>" not in markdown and "[link](x)" not in markdown and "\x1b" not in markdown
    page = run(["--kb", str(SMALL_KB), "assess", "--answers", str(path), "-f", "html", "--no-save"]).stdout
    assert "<b>Boss</b>" not in page and "Bo &lt;b&gt;Boss&lt;/b&gt; (manager)" in page and "\x1b" not in page
    terminal = run(["--kb", str(SMALL_KB), "assess", "--answers", str(path), "--no-save"]).stdout
    assert "\x1b" not in terminal and r"y\x1b[31m's ratings" in terminal


def test_a_stored_report_on_someone_else_heads_its_column_rating(tmp_path: Path) -> None:
    """`history show` of a manager's assessment on a ladder that has changed since: 'Rating', not 'You'."""
    ladder = tmp_path / "ladder"
    shutil.copytree(SMALL_KB, ladder)
    path = write(tmp_path, "from-bo.yaml", MANAGER, JUNIOR_BAR)
    assert run(["--kb", str(ladder), "assess", "--answers", str(path), "-f", "json"]).exit_code == 0
    own = write(tmp_path, "ada.yaml", SELF, {**JUNIOR_BAR, "writing": 3})
    assert run(["--kb", str(ladder), "assess", "--answers", str(own), "-f", "json"]).exit_code == 0
    (ladder / "roles.yaml").write_text((ladder / "roles.yaml").read_text(encoding="utf-8") + "\n# edited\n")
    for fmt, theirs, mine in (
        ("text", "Skill Rating Required", "Skill You Required"),
        ("markdown", "| Skill | Rating |", "| Skill | You |"),
        ("html", '<th scope="col" class="num">Rating</th>', '<th scope="col" class="num">You</th>'),
    ):
        shown, own_shown = (
            run(["--kb", str(ladder), "history", "show", n, "--format", fmt]).stdout for n in ("1", "2")
        )
        if fmt == "text":  # the table's header, its columns' spacing folded
            shown, own_shown = (" ".join(text.split()) for text in (shown, own_shown))
        assert theirs in shown and mine not in shown, fmt
        assert mine in own_shown, fmt


def test_a_cohort_says_when_managers_ratings_are_combined(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    folder.mkdir()
    write(folder, "ada.yaml", SELF, JUNIOR_BAR)
    selves = run(["--kb", str(SMALL_KB), "cohort", str(folder), "--format", "markdown"]).stdout
    assert "Ratings are self-assessments._" in selves
    write(folder, "from-bo.yaml", MANAGER, JUNIOR_BAR)
    combined = {
        fmt: run(["--kb", str(SMALL_KB), "cohort", str(folder), "--format", fmt]).stdout for fmt in ("markdown", "html")
    }
    note = "Ratings are self-assessments, combined per skill with managers' and peers' ratings where they rated"
    assert note in " ".join(combined["markdown"].split())
    assert note in html.unescape(combined["html"])
