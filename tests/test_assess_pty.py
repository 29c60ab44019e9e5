"""End to end: the installed `pmladder assess` in a real pseudo-terminal, answering every question."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from pmladder.knowledge.base import KnowledgeBase

PMLADDER = str(Path(sys.executable).with_name("pmladder"))
DOWN = "\x1b[B"
# hints name pmladder as it was invoked: by its path unless that is the `pmladder` on PATH
AS_INVOKED = f"(?:pmladder|{re.escape(PMLADDER)})"


def spawn(args: list[str], home: Path) -> pexpect.spawn:
    env = {**os.environ, "PMLADDER_HOME": str(home), "NO_COLOR": "1", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("PMLADDER_KB", None)
    return pexpect.spawn(PMLADDER, args, env=env, encoding="utf-8", timeout=20, dimensions=(50, 120))


def the_draft(home: Path) -> Path:
    """The one draft under a PMLADDER_HOME."""
    (path,) = (home / "drafts").rglob("*.yaml")
    return path


def test_every_question_in_a_real_terminal(kb: KnowledgeBase, tmp_path: Path) -> None:
    role_ids = [r.id for r in kb.roles]
    director = role_ids.index("director-of-product")
    target = kb.role("head-of-product")
    assert kb.role("director-of-product").next_roles[0] == target.id  # so it is the default target
    cities = [f.city for f in target.salaries.figures] if target.salaries else []
    requirements = kb.requirements(target)
    ratings = {skill.id: 1 + i % 5 for i, (skill, _) in enumerate(requirements)}

    child = spawn(["assess", "--no-evidence"], tmp_path)
    child.expect("Your name")
    child.sendline("Grace Example")
    child.expect("current role")
    child.send(DOWN * director + "\r")
    child.expect("aim for")
    child.send("\r")  # the default: Head of Product
    child.expect("salary context")
    child.send(DOWN * (1 + cities.index("London")) + "\r")  # past "Skip"
    for n, (skill, _) in enumerate(requirements, start=1):
        child.expect(f"{n} of {len(requirements)}")
        child.expect("Which fits you best")
        child.send(f"{ratings[skill.id]}\r")
    child.expect("Score these answers")
    child.send("\r")
    child.expect("Answers saved to (.+?\\.yaml)")
    saved = Path(child.match.group(1).strip())
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    screen = child.before or ""

    # Hand-computed readiness: 100 * sum(w * min(a, r)) / sum(w * r), one decimal, half up.
    earned = sum(req.weight * min(ratings[skill.id], req.level) for skill, req in requirements)
    possible = sum(req.weight * req.level for _, req in requirements)
    expected = int(1000 * earned / possible + 0.5) / 10
    assert f"{expected:.1f}%" in screen
    assert "Director of Product → Head of Product" in screen
    assert "London" in screen and "99,000 GBP" in screen
    assert "Top gaps" in screen

    answers = saved.read_text()
    assert "target_role: head-of-product" in answers
    rescored = spawn(["assess", "--answers", str(saved), "--format", "json"], tmp_path)
    rescored.expect(f"Already in your history as #1 \\({AS_INVOKED} history\\)")  # the questionnaire kept it
    printed = rescored.before or ""
    rescored.expect(pexpect.EOF)
    rescored.close()
    assert rescored.exitstatus == 0
    report = json.loads(printed.replace("\r\n", "\n"))
    assert report["readiness"] == expected
    assert report["name"] == "Grace Example"
    assert report["salary"]["city"] == "London"


def test_ctrl_c_in_a_real_terminal_then_resume(kb: KnowledgeBase, tmp_path: Path) -> None:
    child = spawn(["assess", "--role", "product-manager", "--no-evidence"], tmp_path)
    child.expect("Your name")
    child.sendline("")
    child.expect("current role")
    child.send("\r")
    child.expect("Which fits you best")
    child.send("2\r")
    child.expect("Which fits you best")
    child.send("\x03")
    child.expect(f"Resume with: {AS_INVOKED} assess --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    draft = the_draft(tmp_path).read_text()
    first_skill = kb.requirements(kb.role("product-manager"))[0][0].id
    assert f"{first_skill}: 2" in draft

    resumed = spawn(["assess", "--resume", "--no-evidence"], tmp_path)
    resumed.expect("Resuming at question 2")
    for _ in range(len(kb.role("product-manager").requirements) - 1):
        resumed.expect("Which fits you best")
        resumed.send("3\r")
    resumed.expect("Score these answers")
    resumed.send("\r")
    resumed.expect("Readiness")
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 0
    assert not list((tmp_path / "drafts").rglob("*.yaml"))


def test_closing_the_terminal_keeps_the_answers(kb: KnowledgeBase, tmp_path: Path) -> None:
    child = spawn(["assess", "--role", "product-manager", "--no-evidence"], tmp_path)
    child.expect("Your name")
    child.sendline("Lin")
    child.expect("current role")
    child.send("\r")
    for rating in (4, 2):
        child.expect("Which fits you best")
        child.send(f"{rating}\r")
    child.expect("3 of")
    child.close(force=True)  # the terminal goes away: SIGHUP
    draft = the_draft(tmp_path).read_text()
    first, second = (skill.id for skill, _ in kb.requirements(kb.role("product-manager"))[:2])
    assert "name: Lin" in draft
    assert f"{first}: 4" in draft and f"{second}: 2" in draft


@pytest.mark.parametrize("stdin", ["devnull", "pipe"])
def test_no_terminal_means_a_hint_not_a_hang(stdin: str, tmp_path: Path) -> None:
    env = {**os.environ, "PMLADDER_HOME": str(tmp_path)}
    result = subprocess.run(
        [PMLADDER, "assess"],
        stdin=subprocess.DEVNULL if stdin == "devnull" else None,
        input=None if stdin == "devnull" else b"3\n3\n",
        capture_output=True,
        env=env,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (  # runnable as printed: pmladder as it was invoked
        f"error: stdin is not a terminal: pass --answers FILE (see '{PMLADDER} template')\n"
    )
    assert result.stdout == b""


def test_redirected_stdout_gets_only_the_report(kb: KnowledgeBase, tmp_path: Path) -> None:
    """Prompts go to the terminal (stderr) so `assess -f json > out.json` gives clean JSON."""
    out = tmp_path / "out.json"
    env = {**os.environ, "PMLADDER_HOME": str(tmp_path), "NO_COLOR": "1", "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    command = f"{PMLADDER} assess --role product-manager --no-evidence -f json > {out}"
    child = pexpect.spawn("/bin/sh", ["-c", command], env=env, encoding="utf-8", timeout=20, dimensions=(50, 120))
    child.expect("Your name")
    child.sendline("Kim")
    child.expect("current role")
    child.send("\r")
    for _ in kb.role("product-manager").requirements:
        child.expect("Which fits you best")
        child.send("3\r")
    child.expect("Score these answers")
    child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    report = json.loads(out.read_text())
    assert report["name"] == "Kim"
    assert {s["rating"] for s in report["skills"]} == {3}


def test_a_name_too_long_is_refused_at_the_prompt(tmp_path: Path) -> None:
    child = spawn(["assess", "--role", "product-manager"], tmp_path)
    child.expect("Your name")
    child.sendline("x" * 130)
    child.expect("At most 120 characters")
    child.send("\x15" + "Short Name\r")  # Ctrl-U clears the line
    child.expect("current role")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "name: Short Name" in the_draft(tmp_path).read_text()


def test_an_answers_file_scored_in_a_terminal_says_it_is_kept(tmp_path: Path) -> None:
    """A person at a terminal is told the assessment went into the history; a pipe or a CI log is not."""
    answers = Path(__file__).resolve().parents[1] / "examples" / "calibration" / "ada.yaml"
    child = spawn(["assess", "--answers", str(answers), "--format", "json"], tmp_path)
    child.expect(f"Saved to your history as #1 \\({AS_INVOKED} history\\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    again = subprocess.run(
        [PMLADDER, "assess", "--answers", str(answers), "--format", "json"],
        env={**os.environ, "PMLADDER_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert again.stderr == "" and json.loads(again.stdout)["target_role"] == "head-of-product"
