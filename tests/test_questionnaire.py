"""The questionnaire driven by keys through prompt_toolkit's pipe input, inside the CLI runner.

Small fixture: current role 'junior' leads to 'lead', whose questions come in report order:
writing, shipping (Craft), mentoring, influence (People).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import Result

from conftest import SMALL_KB, run

DOWN, ENTER, CTRL_C = "\x1b[B", "\r", "\x03"


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def assess(keyboard: PipeInput, keys: str, *args: str) -> Result:
    keyboard.send_text(keys)
    return run(["--kb", str(SMALL_KB), "assess", *args])


def saved_answers(home: Path) -> dict[str, object]:
    (path,) = (home / "assessments").glob("*.yaml")
    data: dict[str, object] = yaml.safe_load(path.read_text())
    return data


def test_full_run_with_arrows_shortcuts_and_evidence(keyboard: PipeInput, pmladder_home: Path) -> None:
    keys = (
        "Ada"
        + ENTER  # name
        + ENTER  # current role: the first, Junior PM
        + ENTER  # target: defaults to the next role up, Lead PM
        + "3"
        + ENTER
        + "wrote the spec"
        + ENTER  # writing 3, with evidence
        + "2"
        + ENTER  # shipping 2: below 3, no evidence prompt
        + "n"
        + ENTER  # mentoring: not sure yet
        + DOWN
        + DOWN
        + ENTER
        + ENTER  # influence: down twice from 1 -> 3; evidence skipped
        + ENTER  # summary: score
    )
    result = assess(keyboard, keys, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    # lead: mentoring is not rated; the rest weigh 2*3 + 3*4 + 2*2 = 22 and earn 2*3 + 3*2 + 2*min(3, 2) = 16 -> 72.7
    assert report["readiness"] == 72.7
    assert (report["name"], report["current_role"], report["target_role"]) == ("Ada", "junior", "lead")
    assert {s["skill"]: s["rating"] for s in report["skills"]} == {
        "writing": 3,
        "shipping": 2,
        "mentoring": None,
        "influence": 3,
    }
    assert report["skills"][0]["evidence"] == "wrote the spec"
    answers = saved_answers(pmladder_home)
    assert answers["ratings"] == {"writing": 3, "shipping": 2, "mentoring": None, "influence": 3}
    assert answers["evidence"] == {"writing": "wrote the spec"}
    assert "Answers saved to" in result.stderr
    assert not list((pmladder_home / "drafts").rglob("*.yaml"))


def test_back_keeps_the_earlier_answer_and_summary_changes_one(keyboard: PipeInput, pmladder_home: Path) -> None:
    keys = (
        ENTER
        + ENTER
        + ENTER  # no name, Junior PM, Lead PM
        + "2"
        + ENTER  # writing 2
        + "b"
        + ENTER  # back to writing: the pointer starts on the kept answer, 2
        + DOWN
        + ENTER  # 2 -> 3 (--no-evidence: no evidence prompts)
        + "4"
        + ENTER  # shipping 4
        + "3"
        + ENTER  # mentoring 3
        + "1"
        + ENTER  # influence 1
        + DOWN
        + ENTER  # summary: change an answer
        + DOWN
        + DOWN
        + DOWN
        + ENTER  # the fourth, influence
        + "2"
        + ENTER  # influence 2
        + ENTER  # score
    )
    result = assess(keyboard, keys, "--no-evidence", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert {s["skill"]: s["rating"] for s in report["skills"]} == {
        "writing": 3,
        "shipping": 4,
        "mentoring": 3,
        "influence": 2,
    }
    assert report["readiness"] == 100.0
    assert report["verdict"] == "ready"


def test_ctrl_c_keeps_the_draft_and_resume_carries_on(pmladder_home: Path) -> None:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("Ada" + ENTER + ENTER + ENTER + "3" + ENTER + "a spec" + ENTER + CTRL_C)
        first = run(["--kb", str(SMALL_KB), "assess"])
    assert first.exit_code == 130
    assert f"Resume with: pmladder --kb {SMALL_KB.resolve()} assess --resume" in first.stderr
    (path,) = (pmladder_home / "drafts").rglob("*.yaml")
    draft = yaml.safe_load(path.read_text())
    assert draft.pop("draft")["answered"] == ["current_role", "evidence:writing", "name"]
    assert draft == {
        "name": "Ada",
        "current_role": "junior",
        "target_role": "lead",
        "ratings": {"writing": 3},
        "evidence": {"writing": "a spec"},
    }
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("4" + ENTER + ENTER + "3" + ENTER + ENTER + "2" + ENTER + ENTER)
        second = run(["--kb", str(SMALL_KB), "assess", "--resume", "--format", "json"])
    assert second.exit_code == 0, second.stderr
    report = json.loads(second.stdout)
    assert report["name"] == "Ada"
    assert report["readiness"] == 100.0
    assert report["skills"][0]["evidence"] == "a spec"
    assert not list((pmladder_home / "drafts").rglob("*.yaml"))


def test_an_existing_draft_is_offered_without_resume(pmladder_home: Path) -> None:
    drafts = pmladder_home / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "assessment.yaml").write_text("target_role: lead\nratings: {writing: 3, shipping: 4}\n")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        # confirm resume (Enter takes the default, yes), then mentoring 3 and influence 2
        pipe.send_text(ENTER + "3" + ENTER + "2" + ENTER + ENTER)
        result = run(["--kb", str(SMALL_KB), "assess", "--no-evidence", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["readiness"] == 100.0


def test_resume_without_a_draft(keyboard: PipeInput) -> None:
    result = assess(keyboard, "", "--resume")
    assert result.exit_code == 2
    assert result.stderr == "error: no unfinished assessment to resume; start one with 'pmladder assess'\n"


def test_answers_file_scores_the_same_as_the_questionnaire(keyboard: PipeInput, pmladder_home: Path) -> None:
    keys = ENTER + ENTER + ENTER + "3" + ENTER + "4" + ENTER + "1" + ENTER + "n" + ENTER + ENTER
    first = assess(keyboard, keys, "--no-evidence", "--format", "json", "--save", str(pmladder_home / "me.yaml"))
    assert first.exit_code == 0, first.stderr
    again = run(["--kb", str(SMALL_KB), "assess", "--answers", str(pmladder_home / "me.yaml"), "--format", "json"])
    # lead: influence is not rated; the rest weigh 6 + 12 + 3 = 21 and earn 2*3 + 3*4 + 1*1 = 19 -> 90.5
    assert json.loads(first.stdout)["readiness"] == json.loads(again.stdout)["readiness"] == 90.5
