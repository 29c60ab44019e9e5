"""Interruptions against the installed `pmladder assess` in a real pseudo-terminal.

Ctrl-C at each kind of prompt, a closed terminal (SIGHUP) and a plain kill (SIGTERM) keep
the draft, with text typed but not submitted; a declined resume leaves the old draft as it
was, byte for byte; two questionnaires at once under one PMLADDER_HOME each keep their own
draft and both finish. The small knowledge base keeps every run short.
"""

from __future__ import annotations

import re
import signal
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml

from conftest import SMALL_KB
from test_assess_pty import AS_INVOKED, spawn

CTRL_C = "\x03"
KB = ["--kb", str(SMALL_KB)]


def shown(text: str) -> str:
    """A pattern for text echoed at a prompt: the renderer may move the cursor between characters."""
    return "(?:\x1b\\[[0-9;?]*[A-Za-z])*".join(re.escape(c) for c in text)


def drafts(home: Path) -> list[Path]:
    return sorted((home / "drafts").rglob("*.yaml"))


def draft_data(home: Path) -> dict[str, Any]:
    (path,) = drafts(home)
    data: dict[str, Any] = yaml.safe_load(path.read_text())
    return data


def stopped(child: pexpect.spawn, status: int = 130) -> str:
    """Wait for the end; the exit status must be `status`; return what was shown."""
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == status, (child.exitstatus, child.signalstatus, child.before)
    return str(child.before or "")


def start_lead(child: pexpect.spawn, name: str = "") -> None:
    """Answer the preamble: a name, Junior PM, and the default target, Lead PM."""
    child.expect("Your name")
    child.send(f"{name}\r")
    child.expect("current role")
    child.send("\r")
    child.expect("aim for")
    child.send("\r")


def test_ctrl_c_at_a_text_prompt_keeps_the_text_typed(tmp_path: Path) -> None:
    child = spawn([*KB, "assess"], tmp_path)
    child.expect("Your name")
    child.send("Grac")
    child.expect(shown("Grac"))
    child.send(CTRL_C)
    child.expect("Interrupted. Your answers so far are kept in (\\S+\\.yaml)")
    path = child.match.group(1)
    child.expect(f"Resume with: {AS_INVOKED} --kb {re.escape(str(SMALL_KB.resolve()))} assess --resume")
    stopped(child)
    assert [str(p) for p in drafts(tmp_path)] == [path]
    assert draft_data(tmp_path)["draft"]["typed"] == {"name": "Grac"}

    resumed = spawn([*KB, "assess", "--resume"], tmp_path)
    resumed.expect("Your name")
    resumed.expect(shown("Grac"))  # offered again, to finish
    resumed.send("e\r")
    resumed.expect("current role")
    resumed.send(CTRL_C)  # a select prompt
    stopped(resumed)
    data = draft_data(tmp_path)
    assert data["name"] == "Grace"
    assert data["draft"] == {
        "kb": str(SMALL_KB.resolve()),
        "kb_version": "test-1",
        "evidence": True,
        "answered": ["name"],
        "typed": {},
    }


def test_ctrl_c_at_evidence_keeps_the_unsubmitted_text_and_asks_again(tmp_path: Path) -> None:
    child = spawn([*KB, "assess"], tmp_path)
    start_lead(child, "Ada")
    child.expect("Which fits you best")
    child.send("3\r")
    child.expect("What shows this")
    child.send("the spec for sea")
    child.expect(shown("the spec for sea"))
    child.send(CTRL_C)
    stopped(child)
    data = draft_data(tmp_path)
    assert data["ratings"] == {"writing": 3}
    assert data["draft"]["typed"] == {"evidence:writing": "the spec for sea"}

    resumed = spawn([*KB, "assess", "--resume"], tmp_path)
    resumed.expect("Writing: 3 Independent")
    resumed.expect("What shows this")
    resumed.expect(shown("the spec for sea"))
    resumed.send("rch\r")
    for _ in range(3):
        resumed.expect("Which fits you best")
        resumed.send("1\r")
    resumed.expect("Score these answers")
    resumed.send("\r")
    resumed.expect("Answers saved to (\\S+\\.yaml)")
    saved = Path(resumed.match.group(1))
    stopped(resumed, 0)
    assert yaml.safe_load(saved.read_text())["evidence"] == {"writing": "the spec for search"}
    assert drafts(tmp_path) == []


def test_ctrl_c_at_a_confirm_prompt_discards_nothing(tmp_path: Path) -> None:
    child = spawn([*KB, "assess"], tmp_path)
    child.expect("Your name")
    child.send("Ada\r")
    child.expect("current role")
    child.send(CTRL_C)
    stopped(child)
    (draft,) = drafts(tmp_path)
    before = draft.read_bytes()

    discard = spawn([*KB, "assess", "--discard"], tmp_path)
    discard.expect("Discard this unfinished assessment\\? This cannot be undone")
    discard.send(CTRL_C)
    discard.expect("Interrupted. Nothing was discarded.")
    stopped(discard)
    assert draft.read_bytes() == before

    discard = spawn([*KB, "assess", "--discard"], tmp_path)
    discard.expect("Discard this")
    discard.send("y")
    discard.expect("Discarded 1 unfinished assessment.")
    stopped(discard, 0)
    assert drafts(tmp_path) == []


def test_a_declined_resume_then_ctrl_c_leaves_the_old_draft_byte_for_byte(tmp_path: Path) -> None:
    child = spawn([*KB, "assess"], tmp_path)
    start_lead(child, "Ada")
    child.expect("Which fits you best")
    child.send("2\r")
    child.expect("Which fits you best")
    child.send(CTRL_C)
    stopped(child)
    (old,) = drafts(tmp_path)
    before = old.read_bytes()

    declined = spawn([*KB, "assess"], tmp_path)
    declined.expect("You have an unfinished assessment: Ada → Lead PM, 1 of 4 rated")
    declined.expect("Resume it\\?")
    declined.send("n\r")
    declined.expect("Your name")
    declined.send(CTRL_C)
    declined.expect("nothing to keep")
    stopped(declined)
    assert drafts(tmp_path) == [old]
    assert old.read_bytes() == before

    declined = spawn([*KB, "assess"], tmp_path)
    declined.expect("Resume it\\?")
    declined.send("n\r")
    declined.expect("Your name")
    declined.send("Bo\r")
    declined.expect("current role")
    declined.send(CTRL_C)
    stopped(declined)
    assert len(drafts(tmp_path)) == 2
    assert old.read_bytes() == before


def test_two_questionnaires_at_once_keep_their_own_drafts_and_both_finish(tmp_path: Path) -> None:
    ann = spawn([*KB, "assess", "--no-evidence"], tmp_path)
    start_lead(ann, "Ann")
    ann.expect("Which fits you best")
    ann.send("2\r")
    ann.expect("2 of 4")

    ben = spawn([*KB, "assess", "--no-evidence"], tmp_path)  # Ann's draft is in use: not offered
    start_lead(ben, "Ben")
    ben.expect("Which fits you best")
    ben.send("4\r")
    ben.expect("2 of 4")

    both = {yaml.safe_load(p.read_text())["name"]: yaml.safe_load(p.read_text())["ratings"] for p in drafts(tmp_path)}
    assert both == {"Ann": {"writing": 2}, "Ben": {"writing": 4}}

    saved = []
    for child, rating in ((ann, "2"), (ben, "4"), (ann, "2"), (ben, "4"), (ann, "2"), (ben, "4")):
        child.expect("Which fits you best")
        child.send(f"{rating}\r")
    for child in (ann, ben):
        child.expect("Score these answers")
        child.send("\r")
        child.expect("Answers saved to (\\S+\\.yaml)")
        saved.append(Path(child.match.group(1)))
        stopped(child, 0)
    assert saved[0] != saved[1]
    names = {
        yaml.safe_load(p.read_text())["name"]: set(yaml.safe_load(p.read_text())["ratings"].values()) for p in saved
    }
    assert names == {"Ann": {2}, "Ben": {4}}
    assert drafts(tmp_path) == []


def test_a_second_resume_says_a_draft_is_open_elsewhere_and_offers_the_others(tmp_path: Path) -> None:
    old = spawn([*KB, "assess"], tmp_path)
    old.expect("Your name")
    old.send("Old\r")
    old.expect("current role")
    old.send(CTRL_C)
    stopped(old)

    first = spawn([*KB, "assess", "--resume"], tmp_path)  # the only draft: resumed without a question
    first.expect("current role")
    second = spawn([*KB, "assess", "--resume"], tmp_path)
    second.expect(
        f"error: your unfinished assessment is open in another pmladder questionnaire \\(process {first.pid}\\)"
    )
    stopped(second, 2)

    first.send(CTRL_C)
    stopped(first)
    holder = spawn([*KB, "assess"], tmp_path)  # declines, and holds a new draft of its own
    holder.expect("Resume it\\?")
    holder.send("n\r")
    holder.expect("Your name")
    holder.send("New\r")
    holder.expect("current role")

    chooser = spawn([*KB, "assess", "--resume"], tmp_path)
    chooser.expect(f"Open in another questionnaire \\(process {holder.pid}\\), so not offered: New")
    chooser.expect("Which unfinished assessment do you want to resume")
    chooser.expect("Old, no target role yet")
    chooser.send("\r")
    chooser.expect("current role")
    for child in (chooser, holder):
        child.send(CTRL_C)
        stopped(child)
    assert sorted(yaml.safe_load(p.read_text())["name"] for p in drafts(tmp_path)) == ["New", "Old"]


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_hang_up_keeps_the_draft_like_ctrl_c(signum: int, tmp_path: Path) -> None:
    child = spawn([*KB, "assess"], tmp_path)
    start_lead(child, "Lin")
    child.expect("Which fits you best")
    child.send("4\r")
    child.expect("What shows this")
    child.send("led the launch")
    child.expect(shown("led the launch"))
    child.kill(signum)
    child.expect("Interrupted. Your answers so far are kept in")
    stopped(child)
    data = draft_data(tmp_path)
    assert (data["name"], data["ratings"]) == ("Lin", {"writing": 4})
    assert data["draft"]["typed"] == {"evidence:writing": "led the launch"}
