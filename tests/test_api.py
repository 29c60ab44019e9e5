"""`pmladder.api`, used as a Python program would: only the API, real files, hand-computed scores."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import SMALL_KB, run
from pmladder import api

# lead requires writing (3, w2), shipping (4, w3), mentoring (3, w1), influence (2, w2): sum(w*r) = 25.
ADA = "name: Ada\ncurrent_role: junior\ntarget_role: lead\nratings:\n  writing: 3\n  shipping: 2\n"
BO = "target_role: lead\nratings: {writing: 3, shipping: 4, mentoring: 2, influence: 2}\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "ada.yaml").write_text(ADA)
    (tmp_path / "bo.yaml").write_text(BO)
    return tmp_path


def test_score_a_file_from_python(folder: Path) -> None:
    kb = api.load_knowledge_base(SMALL_KB)
    report = api.assess(api.read_answers(folder / "ada.yaml", kb), kb)
    # Ada rates writing (3, w2) and shipping (4, w3): earns 2*3 + 3*2 = 12 of 18 -> 66.7; coverage 18 of 25
    assert (report.score.readiness, report.score.coverage, report.score.verdict.value) == (66.7, 72.0, "incomplete")
    assert report.target.id == "lead" and report.current is not None and report.current.name == "Junior PM"
    assert report.to_dict()["top_gaps"] == ["shipping"]


def test_read_answers_from_a_stream_and_override_the_role() -> None:
    kb = api.load_knowledge_base(SMALL_KB)
    answers = api.read_answers(io.StringIO(ADA), kb, name="ada.yaml")
    report = api.assess(answers, kb, role="junior")
    # junior requires writing 2 (w3), shipping 2 (w2), mentoring 1 (w1), influence 1 (w1):
    # Ada's writing 3 and shipping 2 weigh 6 + 4 = 10 of 12 (coverage 83.3) and both meet the bar -> 100.0
    assert (report.target.id, report.score.readiness, report.score.coverage) == ("junior", 100.0, 83.3)
    assert report.answers.target_role == "junior"


def test_errors_are_placed_problems() -> None:
    kb = api.load_knowledge_base(SMALL_KB)
    with pytest.raises(api.PmladderError) as caught:
        api.read_answers(io.StringIO("target_role: lead\nratings:\n  writting: 2\n"), kb, name="a.yaml")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("a.yaml", 3, 3)
    assert "did you mean 'writing'" in problem.message


def test_score_a_folder_from_python(folder: Path) -> None:
    kb = api.load_knowledge_base(SMALL_KB)
    cohort = api.score_cohort([folder], kb, gates=api.Gates(fail_under=50))
    # Bo: 2*3 + 3*4 + 1*2 (mentoring 2 of 3) + 2*2 = 24 of 25 -> 96.0
    assert [(p.name, p.score.readiness) for p in cohort.people] == [("Ada", 66.7), ("bo", 96.0)]
    assert [p.name for p in cohort.below_gate] == ["Ada"]


def test_skip_invalid_keeps_the_rest(folder: Path) -> None:
    kb = api.load_knowledge_base(SMALL_KB)
    (folder / "bad.yaml").write_text("target_role: nobody\n")
    with pytest.raises(api.PmladderError):
        api.score_cohort([folder], kb)
    cohort = api.score_cohort([folder], kb, skip_invalid=True)
    assert len(cohort.people) == 2 and [s.file.endswith("bad.yaml") for s in cohort.skipped] == [True]


def test_to_dict_is_exactly_the_cli_json(folder: Path) -> None:
    kb = api.load_knowledge_base(SMALL_KB)
    report = api.assess(api.read_answers(folder / "ada.yaml", kb), kb)
    cli = run(["--kb", str(SMALL_KB), "assess", "--answers", str(folder / "ada.yaml"), "--format", "json"])
    assert json.loads(cli.stdout) == report.to_dict()

    cohort = api.score_cohort([folder], kb)
    cli = run(["--kb", str(SMALL_KB), "cohort", str(folder), "--format", "json"])
    assert json.loads(cli.stdout) == cohort.to_dict()
