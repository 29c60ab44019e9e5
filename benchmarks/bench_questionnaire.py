"""How long the questionnaire takes: its questions and words, and the program's own share (run by hand).

    python benchmarks/bench_questionnaire.py                 # every role of the bundled ladder
    python benchmarks/bench_questionnaire.py --role head-of-product --run

The first table is what the first screen states: a dry run of the questionnaire's own flow
counts the questions it asks (a skill's evidence asked when it is rated at the required level
and that is 3 or more) and the words it shows; minutes are those words at READING_WPM plus
SECONDS_PER_ANSWER per answer. Those two rates are assumptions about people, not measured here.

`--run` answers the whole questionnaire in a pseudo-terminal of 80x24, each answer sent as soon
as its question is on the screen: the time that takes is the program's share (start-up,
rendering, saving the draft after every answer), to set beside the minutes a person needs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from pmladder.api import load_knowledge_base
from pmladder.assessment.drafts import Progress
from pmladder.cli.interview import READING_WPM, SECONDS_PER_ANSWER, Questionnaire
from pmladder.cli.questions import ScriptedPrompter
from pmladder.io.paths import bundled_kb_dir


def estimates(role_ids: list[str]) -> None:
    kb = load_knowledge_base(bundled_kb_dir())
    print(f"reading {READING_WPM} words a minute, {SECONDS_PER_ANSWER} s per answer; with --role, with evidence")
    print(f"{'role':<28} {'skills':>6} {'evidence':>8} {'questions':>9} {'words':>6} {'minutes':>7}")
    for role_id in role_ids:
        role = kb.role(role_id)
        estimate = Questionnaire(kb, Progress(), ScriptedPrompter([]), role=role.id).estimate(role)
        print(
            f"{role.id:<28} {estimate.ratings:>6} {estimate.evidence:>8} {estimate.questions:>9}"
            f" {estimate.words:>6,} {estimate.seconds / 60:>7.1f}"
        )


def scripted_run(role_id: str) -> None:
    import pexpect

    program = str(Path(sys.executable).with_name("pmladder"))
    kb = load_knowledge_base(bundled_kb_dir())
    levels = [req.level for _, req in kb.requirements(kb.role(role_id))]
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PMLADDER_HOME": home, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
        started = time.perf_counter()
        child = pexpect.spawn(program, ["assess", "--role", role_id], env=env, encoding="utf-8", dimensions=(24, 80))
        child.expect("Your name")
        child.sendline("Bench")
        child.expect("current role")
        child.send("\r")
        waits: list[float] = []  # one per answer in the loop
        while True:
            asked = time.perf_counter()
            which = child.expect([r"(\d+) of \d+", "What shows this", "salary context", "Score these"], timeout=20)
            if which == 0:  # a rating: at the role's level, as the estimate assumes
                number = int(child.match.group(1))
                child.expect("Which fits")
                waits.append(time.perf_counter() - asked)
                child.send(f"{levels[number - 1]}\r")
            else:
                waits.append(time.perf_counter() - asked)
                child.send("\r")
                if which == 3:
                    break
        child.expect(pexpect.EOF, timeout=30)
        total = time.perf_counter() - started
    answers = len(waits) + 2  # the name and the current role before the loop
    print(f"scripted run of {role_id} at 80x24: {total:.1f} s for {answers} answers, start-up included")
    print(f"  ({total / answers * 1000:.0f} ms an answer on average: the program's share of the time)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--role", help="one role id (default: every role)")
    parser.add_argument("--run", action="store_true", help="also time a scripted run in a pseudo-terminal")
    args = parser.parse_args()
    kb = load_knowledge_base(bundled_kb_dir())
    role_ids = [args.role] if args.role else [r.id for r in kb.roles]
    estimates(role_ids)
    if args.run:
        scripted_run(role_ids[0] if args.role else "head-of-product")


if __name__ == "__main__":
    main()
