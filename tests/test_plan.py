"""pmladder plan: a dated quarter, hand-scheduled on the small fixture ladder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from conftest import SMALL_KB, run

# lead: writing (3, w2), shipping (4, w3), mentoring (3, w1), influence (2, w2).
# Gaps: shipping 2 (w*g 6), mentoring 2 (2), influence 1 (2): the tie goes to the larger gap.
ADA = "name: Ada\ntarget_role: lead\nratings: {writing: 3, shipping: 2, mentoring: 1, influence: 1}\n"


@pytest.fixture
def ada(tmp_path: Path) -> Path:
    path = tmp_path / "ada.yaml"
    path.write_text(ADA)
    return path


def plan(*args: str) -> Any:
    result = run(["--kb", str(SMALL_KB), "plan", *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_top_gaps_are_scheduled_week_by_week_within_the_budget(ada: Path) -> None:
    report = plan("--answers", str(ada), "--start", "2027-01-04")
    # 4 h x 12 weeks = 48 h. Shipping (rated 2): 'Ship a side project' (to 3, 40 h): weeks 1-10,
    # 2027-01-04 to Friday 2027-03-12. Mentoring (rated 1): 'Mentor one PM' (24 h) does not fit the
    # 8 h left: later. Influence (rated 1): 'Stakeholder map' (8 h): weeks 11-12, to 2027-03-26.
    assert [(i["skill"], i["title"], i["hours"], i["start"], i["end"]) for i in report["items"]] == [
        ("shipping", "Ship a side project", 40, "2027-01-04", "2027-03-12"),
        ("influence", "Stakeholder map", 8, "2027-03-15", "2027-03-26"),
    ]
    assert [(i["skill"], i["title"]) for i in report["later"]] == [("mentoring", "Mentor one PM")]
    assert report["scheduled_hours"] == 48 <= report["hours_per_week"] * report["weeks"]
    assert report["checkins"] == [
        {"what": "Check-in with your manager: progress on the plan, and what to change", "date": "2027-02-18"},
        {"what": "Re-assess against Lead PM and compare with this plan's starting point", "date": "2027-03-26"},
    ]
    assert report["items"][0]["on_the_job"] == "Ship something small."


def test_a_smaller_budget_and_a_mid_week_start(ada: Path) -> None:
    # 2 h x 10 weeks = 20 h: shipping's 40 h does not fit; influence's 8 h does. A Wednesday start
    # moves back to its Monday.
    report = plan("--answers", str(ada), "--start", "2027-01-06", "--hours-per-week", "2", "--weeks", "10")
    assert report["start"] == "2027-01-04"
    assert [(i["skill"], i["start"], i["end"]) for i in report["items"]] == [("influence", "2027-01-04", "2027-01-29")]
    assert [i["skill"] for i in report["later"]] == ["shipping", "mentoring"]


def test_the_calendar_parses_and_matches_the_plan(ada: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    result = run(["--kb", str(SMALL_KB), "plan", "--answers", str(ada), "--start", "2027-01-04", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    events = Calendar.from_ical(data).walk("VEVENT")
    found = [(str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend")) for e in events]
    assert found == [
        ("Shipping: Ship a side project", dt.date(2027, 1, 4), dt.date(2027, 3, 13)),
        ("Influence: Stakeholder map", dt.date(2027, 3, 15), dt.date(2027, 3, 27)),
        (
            "Check-in with your manager: progress on the plan, and what to change",
            dt.date(2027, 2, 18),
            dt.date(2027, 2, 19),
        ),
        (
            "Re-assess against Lead PM and compare with this plan's starting point",
            dt.date(2027, 3, 26),
            dt.date(2027, 3, 27),
        ),
    ]
    assert len({e["uid"] for e in events}) == 4
    again = tmp_path / "again.ics"
    run(["--kb", str(SMALL_KB), "plan", "--answers", str(ada), "--start", "2027-01-04", "-o", str(again)])
    assert again.read_bytes() == data  # no clock in it: the same plan, the same bytes


def test_markdown_is_a_dated_checklist(ada: Path) -> None:
    out = run(["--kb", str(SMALL_KB), "plan", "--answers", str(ada), "--start", "2027-01-04", "-f", "markdown"]).stdout
    assert (
        "- [ ] **2027-01-04 → 2027-03-12** · Shipping: Ship a side project: A live app (builds toward 3, ~40 h)" in out
    )
    assert "- [ ] **2027-02-18**: Check-in with your manager" in out
    assert "## Later (beyond this budget)" in out


def test_plan_from_the_combined_view(ada: Path, tmp_path: Path) -> None:
    manager = tmp_path / "max.yaml"
    manager.write_text(
        "rater: manager\nsubject: Ada\ntarget_role: lead\nratings: {writing: 3, shipping: 4, mentoring: 3, influence: 1}\n"
    )
    # combined, half up: writing 3, shipping (2+4)/2 = 3, mentoring (1+3)/2 = 2, influence 1
    # gaps: shipping 1 (w3 -> 3), influence 1 (w2 -> 2), mentoring 1 (w1 -> 1)
    report = plan("--answers", str(ada), "--compare", str(manager), "--start", "2027-01-04")
    assert report["calibrated"] is True
    assert [i["skill"] for i in report["items"] + report["later"]] == ["shipping", "influence", "mentoring"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "next week"], "error: --start 'next week': expected a date like 2027-01-04\n"),
        (["--weeks", "0"], "error: --weeks must be between 1 and 52 (got 0)\n"),
        (["--hours-per-week", "100"], "error: --hours-per-week must be between 1 and 60 (got 100)\n"),
    ],
)
def test_bad_plan_options(ada: Path, args: list[str], message: str) -> None:
    result = run(["--kb", str(SMALL_KB), "plan", "--answers", str(ada), *args])
    assert result.exit_code == 2
    assert result.stderr == message
