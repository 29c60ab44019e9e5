"""A cohort read in several processes gives exactly the bytes of one process, in every format.

The parallel path normally starts at `PARALLEL_FROM` files; `--jobs 2` forces it on a few
hundred, so the test stays quick and deterministic (no timing anywhere). The generated
cohort mixes what can differ per file: names in several scripts, evidence, unrated skills,
a --role override, gates, and invalid files set aside with --skip-invalid.
"""

from __future__ import annotations

import json
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from conftest import SMALL_KB, run
from pmladder.assessment.gates import Gates
from pmladder.cohort import pipeline
from pmladder.cohort.aggregate import aggregate
from pmladder.cohort.inputs import expand_paths
from pmladder.knowledge.base import KnowledgeBase
from pmladder.reports import cohort_json

SKILLS = ["writing", "shipping", "mentoring", "influence"]
ROLES = ["junior", "lead", "chief"]
NAMES = ["Ada", "Bo", "Zoë", "Łukasz", "美咲", "Ana | <b>", "=cmd", "Ngozi", 'Jo "JJ" \\ Smith', "Tab\there", "🚀 Kai"]
FORMATS = ["text", "json", "markdown", "csv", "html"]


def generate(folder: Path, count: int, *, seed: int = 7, invalid_every: int = 0, raters: bool = False) -> None:
    rng = random.Random(seed)
    folder.mkdir()
    for n in range(count):
        lines = [f"name: {json.dumps(rng.choice(NAMES) + f' {n}', ensure_ascii=False)}"]
        lines.append(f"target_role: {rng.choice(ROLES)}")
        if rng.random() < 0.5:
            lines.append(f"current_role: {rng.choice(ROLES)}")
        if raters:  # three files a person: their own, a peer's and their manager's
            lines += [f"subject: Person {n // 3}", ["rater: self", "rater: peer", "rater: manager"][n % 3]]
        lines.append("ratings:")
        lines += [
            f"  {skill}: {rng.choice(['1', '2', '3', '4', '5', 'null'])}" for skill in SKILLS if rng.random() < 0.9
        ]
        if rng.random() < 0.3:
            lines += ["evidence:", f'  writing: "Wrote the plan for launch {n}"']
        if invalid_every and n % invalid_every == 0:
            lines.append("favourite_colour: blue")  # an unknown key: one problem in the file
        (folder / f"p{n:04d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def cohort(folder: Path, *args: str) -> tuple[int, bytes, str]:
    result = run(["--kb", str(SMALL_KB), "cohort", str(folder), *args])
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of workers of every pool started, so a test knows the parallel path ran."""
    started: list[int] = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, max_workers: int, **kwargs: Any) -> None:
            started.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", Pool)
    return started


@pytest.mark.parametrize("fmt", FORMATS)
def test_parallel_output_is_byte_identical_to_one_process(fmt: str, tmp_path: Path, spy: list[int]) -> None:
    folder = tmp_path / "cohort"
    generate(folder, 300, invalid_every=37)
    args = ["--format", fmt, "--skip-invalid", "--fail-under", "60", "--max-gap", "2"]
    serial = cohort(folder, *args, "--jobs", "1")
    assert spy == []
    parallel = cohort(folder, *args, "--jobs", "2")
    assert spy == [1], "--jobs 2 must take the parallel path, even below the automatic threshold"
    assert serial[0] == 1 and serial[1], serial[2]  # somebody is below the gate: exit 1, report written
    assert parallel == serial


@pytest.mark.parametrize("jobs", ["2", "3", "7"])
def test_any_number_of_workers_and_a_role_override_give_the_same_bytes(
    jobs: str, tmp_path: Path, spy: list[int]
) -> None:
    folder = tmp_path / "cohort"
    generate(folder, 120, seed=11)
    serial = cohort(folder, "--format", "json", "--role", "lead", "--jobs", "1")
    assert cohort(folder, "--format", "json", "--role", "lead", "--jobs", jobs) == serial
    assert spy == [int(jobs) - 1]


def test_files_written_with_output_are_identical(tmp_path: Path, spy: list[int]) -> None:
    folder = tmp_path / "cohort"
    generate(folder, 150, seed=3)
    for fmt in ("json", "markdown", "csv"):
        one, two = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
        assert cohort(folder, "-o", str(one), "--jobs", "1")[0] == 0
        assert cohort(folder, "-o", str(two), "--jobs", "2")[0] == 0
        assert one.read_bytes() == two.read_bytes()
    assert spy == [1, 1, 1]


def test_managers_and_peers_are_grouped_the_same_way(tmp_path: Path, spy: list[int]) -> None:
    folder = tmp_path / "cohort"
    generate(folder, 90, seed=5, raters=True)
    serial = cohort(folder, "--format", "json", "--jobs", "1")
    assert serial[0] == 0, serial[2]
    assert '"raters": 3' in serial[1].decode()
    assert cohort(folder, "--format", "json", "--jobs", "2") == serial
    assert spy == [1]


def test_invalid_files_are_reported_the_same_way(tmp_path: Path, spy: list[int]) -> None:
    folder = tmp_path / "cohort"
    generate(folder, 80, invalid_every=9)
    serial = cohort(folder, "--jobs", "1")
    assert serial[0] == 2 and serial[1] == b""
    assert serial[2].count("\n") == 9  # p0000, p0009, ... p0072: one problem each
    assert cohort(folder, "--jobs", "2") == serial
    assert spy == [1]


def test_jobs_must_be_at_least_one(tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    generate(folder, 3)
    code, out, err = cohort(folder, "--jobs", "0")
    assert code == 2 and out == b""
    assert "--jobs" in err


def test_the_automatic_choice_reads_small_cohorts_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "_cores", lambda: 2)
    assert pipeline.auto_jobs(pipeline.PARALLEL_FROM - 1) == 1
    assert pipeline.auto_jobs(pipeline.PARALLEL_FROM) == 2
    monkeypatch.setattr(pipeline, "_cores", lambda: 64)
    assert pipeline.auto_jobs(100_000) == pipeline.MAX_JOBS
    monkeypatch.setattr(pipeline, "_cores", lambda: 1)
    assert pipeline.auto_jobs(100_000) == 1


def test_score_files_is_the_same_value_in_any_number_of_processes(small_kb: KnowledgeBase, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    generate(folder, 60, invalid_every=13)
    files = expand_paths([str(folder)])
    serial = pipeline.score_files(files, small_kb, jobs=1)
    parallel = pipeline.score_files(files, small_kb, jobs=2)
    assert parallel == serial
    assert len(serial.people) + len(serial.invalid) == 60 and serial.invalid
    ticks: list[tuple[int, int]] = []
    pipeline.score_files(files, small_kb, jobs=2, on_file=lambda done, total: ticks.append((done, total)))
    assert ticks[-1] == (60, 60) and ticks == sorted(ticks)


def test_the_fast_json_line_of_a_person_is_json_dumps_of_to_dict(small_kb: KnowledgeBase, tmp_path: Path) -> None:
    """`cohort_json` encodes people without building their dicts; it must write exactly what json.dumps would."""
    folder = tmp_path / "cohort"
    generate(folder, 200, seed=13)
    raters = tmp_path / "raters"
    generate(raters, 60, seed=17, raters=True)
    gates = Gates(fail_under=70, max_gap=1)
    scored = pipeline.score_files(expand_paths([str(folder)]), small_kb, gates=gates)
    grouped = aggregate([(p.file, p.answers) for p in scored.people], small_kb, role="lead", gates=gates)
    combined = pipeline.score_files(expand_paths([str(raters)]), small_kb).people
    people = [*scored.people, *grouped.people, *aggregate([(p.file, p.answers) for p in combined], small_kb).people]
    assert any(p.below_gate for p in people) and any(p.raters > 1 for p in people)
    assert any(p.answers.current_role for p in people) and any(p.unrated for p in people)
    line = cohort_json.person_line(cohort_json._Gaps())
    for person in people:
        assert line(person) == json.dumps(person.to_dict(), ensure_ascii=False)


def test_the_progress_bar_is_drawn_when_processes_share_the_reading(tmp_path: Path) -> None:
    """Batches tick the bar in steps, never at one file: it must start at the first tick whatever it says."""
    import os
    import sys

    import pexpect

    folder = tmp_path / "cohort"
    generate(folder, 120)
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "PMLADDER_HOME": str(tmp_path / "home")}
    env.pop("PMLADDER_KB", None)
    out = tmp_path / "report.json"
    args = ["-m", "pmladder", "--kb", str(SMALL_KB), "cohort", str(folder), "--jobs", "2", "-o", str(out)]
    child = pexpect.spawn(sys.executable, args, env=env, encoding="utf-8", timeout=30, dimensions=(30, 100))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "reading answers" in (child.before or "")
    assert len(json.loads(out.read_text())["people"]) == 120
