"""While questions are asked, start-up's objects are frozen and full collections wait (no timing here).

`benchmarks/bench_questionnaire.py` measures the pauses; this checks, deterministically, that
the questionnaire runs in that state and leaves the collector as it found it.
"""

from __future__ import annotations

import gc

import pytest

from conftest import SMALL_KB, run
from pmladder.cli import interview
from pmladder.cli.interview import SCORE
from pmladder.cli.questions import ENTER, Answer, Question, ScriptedPrompter, Step

FINISH_LEAD: list[Step] = ["", "junior", ENTER, 1, 1, 1, 1, SCORE]  # small KB: Lead PM, four ratings


def test_questions_are_asked_with_start_up_frozen_and_full_collections_waiting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, int]] = []
    scripted = ScriptedPrompter(FINISH_LEAD)

    class Probe:
        def ask(self, question: Question) -> Answer:
            seen.append((gc.get_freeze_count(), gc.get_threshold()[2]))
            return scripted.ask(question)

    monkeypatch.setattr(interview, "terminal_prompter", Probe)
    before = (gc.get_freeze_count(), gc.get_threshold())
    result = run(["--kb", str(SMALL_KB), "assess", "--no-evidence", "--no-save"])
    assert result.exit_code == 0, result.stderr
    assert len(seen) == len(FINISH_LEAD)
    assert all(frozen > 0 and threshold >= 1000 for frozen, threshold in seen)
    assert (gc.get_freeze_count(), gc.get_threshold()) == before
