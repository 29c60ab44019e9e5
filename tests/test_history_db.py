"""The history database under stress: damaged, unwritable, locked, newer, and two processes at once.

A database that cannot be used never costs an assessment: the report is printed, the answers
file written, the exit code unchanged, and one warning line goes to stderr.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput

from conftest import SMALL_KB, run
from pmladder import api
from pmladder.assessment.drafts import kb_key
from pmladder.history.store import SCHEMA_VERSION, opened, reason
from pmladder.history.views import StoredReport

PMLADDER = str(Path(sys.executable).with_name("pmladder"))
ANSWERS = "name: Ada\ntarget_role: lead\nassessed_on: 2026-02-10\nratings: {writing: 3, shipping: 2, influence: 1}\n"
WARNING = "warning: not saved to your history: history database "


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "ada.yaml"
    path.write_text(ANSWERS)
    return path


def assess_still_works(answers: Path, *extra: str) -> str:
    """Score a file with the database broken: the report, exit 0, and exactly one warning line."""
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "--format", "json", *extra])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["readiness"] == 63.6
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(WARNING), lines[0]
    assert "Traceback" not in result.stderr
    return lines[0]


def test_a_corrupt_database(answers: Path, pmladder_home: Path) -> None:
    database = pmladder_home / "history.sqlite3"
    database.write_bytes(os.urandom(8192))
    warning = assess_still_works(answers)
    assert warning.endswith("is damaged (not a database); move it aside and pmladder starts a new one")
    listing = run(["history"])
    assert listing.exit_code == 2
    assert listing.stderr.startswith("error: history database ") and "is damaged" in listing.stderr
    assert listing.stderr.count("\n") == 1


def test_a_database_path_that_is_a_folder(answers: Path, pmladder_home: Path) -> None:
    """Tests run as root, which can write to any read-only file: a folder in the way cannot be written by anyone."""
    (pmladder_home / "history.sqlite3").mkdir()
    warning = assess_still_works(answers)
    assert "cannot be opened" in warning


def test_a_home_under_a_regular_file(answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("PMLADDER_HOME", str(blocker / "home"))
    warning = assess_still_works(answers)
    assert warning.endswith("cannot be created: a folder on its path is a file")


def test_a_read_only_database_and_folder(answers: Path, pmladder_home: Path) -> None:
    """chmod 0444 on file and folder: root may still write, so either it is saved or it is one warning."""
    assert run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "--no-save"]).exit_code == 0
    database = pmladder_home / "history.sqlite3"
    with opened(database):
        pass
    database.chmod(0o444)
    pmladder_home.chmod(0o555)
    try:
        result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "--format", "json"])
        assert result.exit_code == 0
        assert json.loads(result.stdout)["readiness"] == 63.6
        assert result.stderr == "" or (result.stderr.startswith(WARNING) and result.stderr.count("\n") == 1)
    finally:
        pmladder_home.chmod(0o700)
        database.chmod(0o600)


def test_a_locked_database(answers: Path, pmladder_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = pmladder_home / "history.sqlite3"
    with opened(database):
        pass
    monkeypatch.setenv("PMLADDER_DB_TIMEOUT", "0.2")
    holder = sqlite3.connect(database, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        warning = assess_still_works(answers)
        assert warning.endswith("is locked by another program")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "--format", "json"])
    assert result.stderr == ""
    assert len(json.loads(run(["--kb", str(SMALL_KB), "history", "--format", "json"]).stdout)["assessments"]) == 1


def test_a_database_from_a_newer_pmladder(answers: Path, pmladder_home: Path) -> None:
    database = pmladder_home / "history.sqlite3"
    with sqlite3.connect(database) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    warning = assess_still_works(answers)
    assert warning.endswith(
        f"was written by a newer pmladder (schema {SCHEMA_VERSION + 7}); upgrade pmladder to use it"
    )


def test_a_full_disk_is_named() -> None:
    """SQLite's own wording of a full disk, as it reaches us; no disk is filled to test it."""
    assert reason(sqlite3.OperationalError("database or disk is full")) == "cannot grow: the disk is full"
    assert reason(sqlite3.OperationalError("attempt to write a readonly database")) == "is read-only"


@pytest.fixture
def keyboard() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def test_the_questionnaire_keeps_its_answers_file_when_the_database_is_damaged(
    keyboard: PipeInput, pmladder_home: Path
) -> None:
    (pmladder_home / "history.sqlite3").write_bytes(b"\x00not a database" * 100)
    # no name, Junior PM, Lead PM; writing 3, shipping 2, mentoring 3, influence 2; score
    keyboard.send_text("\r\r\r" + "3\r2\r3\r2\r" + "\r")
    result = run(["--kb", str(SMALL_KB), "assess", "--no-evidence", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["readiness"] == 76.0
    (saved,) = (pmladder_home / "assessments" / kb_key(SMALL_KB)).glob("*.yaml")
    assert "writing: 3" in saved.read_text()
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and warnings[0].startswith(WARNING)


def test_two_processes_saving_at_once_both_succeed(tmp_path: Path, pmladder_home: Path) -> None:
    """Several installed `pmladder assess` at once, on a database that does not exist yet: every one is kept."""
    env = {**os.environ, "PMLADDER_HOME": str(pmladder_home), "NO_COLOR": "1"}
    env.pop("PMLADDER_KB", None)
    files = []
    for n in range(4):
        path = tmp_path / f"p{n}.yaml"
        path.write_text(ANSWERS.replace("Ada", f"Person {n}"))
        files.append(path)
    processes = [
        subprocess.Popen(
            [PMLADDER, "--kb", str(SMALL_KB), "assess", "--answers", str(path), "--format", "json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        assert err == ""
        assert json.loads(out)["readiness"] == 63.6
    with sqlite3.connect(pmladder_home / "history.sqlite3") as conn:
        names = sorted(name for (name,) in conn.execute("SELECT name FROM assessments"))
        (version,) = conn.execute("PRAGMA user_version").fetchone()
    assert names == [f"Person {n}" for n in range(4)]
    assert version == SCHEMA_VERSION


# --- migrations: databases written by older pmladder versions ---------------------------------

VERSION_1 = """
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    taken_at TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    name TEXT,
    rater TEXT NOT NULL DEFAULT 'self',
    current_role TEXT,
    target_role TEXT NOT NULL,
    readiness REAL,
    coverage REAL NOT NULL,
    verdict TEXT NOT NULL,
    standing TEXT,
    ladder TEXT NOT NULL,
    kb_version TEXT NOT NULL,
    kb_digest TEXT NOT NULL,
    answers TEXT NOT NULL,
    report TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE
);
CREATE INDEX assessments_by_ladder ON assessments (ladder, taken_at, id);
PRAGMA user_version = 1;
"""


def old_database(path: Path, report: dict[str, object]) -> None:
    """A version-1 database written by hand, as pmladder 1 left it: no ratings table."""
    answers = {"name": "Ada", "target_role": "lead", "assessed_on": "2026-01-05", "ratings": {"writing": 3}}
    with sqlite3.connect(path) as conn:
        conn.executescript(VERSION_1)
        conn.execute(
            "INSERT INTO assessments (taken_at, saved_at, name, rater, current_role, target_role, readiness,"
            " coverage, verdict, standing, ladder, kb_version, kb_digest, answers, report, content_hash)"
            " VALUES ('2026-01-05', '2026-01-05T09:00:00Z', 'Ada', 'self', NULL, 'lead', 100.0, 24.0,"
            " 'incomplete', NULL, ?, 'test-1', 'old', ?, ?, 'abc')",
            (str(SMALL_KB.resolve()), json.dumps(answers), json.dumps(report)),
        )
    conn.close()


def test_a_version_1_database_is_migrated(answers: Path, pmladder_home: Path) -> None:
    database = pmladder_home / "history.sqlite3"
    skills = [
        {"skill": "writing", "rating": 3, "required": 3, "weight": 2, "gap": 0, "evidence": "a spec"},
        {"skill": "shipping", "rating": None, "required": 4, "weight": 3, "gap": None, "evidence": None},
    ]
    old_database(database, {"schema_version": 2, "readiness": 100.0, "skills": skills})
    listing = run(["--kb", str(SMALL_KB), "history", "--format", "json"])
    assert listing.exit_code == 0, listing.stderr
    (row,) = json.loads(listing.stdout)["assessments"]
    assert (row["id"], row["taken_at"], row["readiness"]) == (1, "2026-01-05", 100.0)
    with sqlite3.connect(database) as conn:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        ratings = conn.execute(
            "SELECT skill, rating, required, weight, gap, evidence FROM ratings ORDER BY skill"
        ).fetchall()
    conn.close()
    assert version == SCHEMA_VERSION == 3
    assert ratings == [("shipping", None, 4, 3, None, None), ("writing", 3, 3, 2, 0, "a spec")]
    exported = run(["history", "export", "1"])
    assert exported.exit_code == 0 and "writing: 3" in exported.stdout
    for fmt in ("text", "markdown", "json"):  # stored by an older pmladder, with fewer keys: shown as stored
        shown = run(["--kb", str(SMALL_KB), "history", "show", "1", "--format", fmt])
        assert shown.exit_code == 0, shown.stderr
        assert "a spec" in shown.stdout
    # the migrated database takes new assessments, with their ratings, and deletes cascade to them
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "-f", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert run(["history", "delete", "1", "--yes"]).exit_code == 0
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT DISTINCT assessment_id FROM ratings").fetchall() == [(2,)]
        assert conn.execute("SELECT count(*) FROM ratings").fetchone() == (4,)
        # its scale is recorded from version 3 on; the migrated one's was never known
        assert conn.execute("SELECT id, levels FROM assessments").fetchall() == [(2, 5)]
    conn.close()


def test_a_seven_level_ladder_is_kept_with_its_top_ratings(tmp_path: Path, pmladder_home: Path) -> None:
    """Version 2 allowed ratings of 1 to 5 only: a 6 or a 7 on a 7-level ladder was not kept."""
    ladder = tmp_path / "seven"
    assert run(["kb", "new", str(ladder), "--levels", "7"]).exit_code == 0
    kb = api.load_knowledge_base(ladder)
    role = kb.roles[-1]
    ratings = {skill.id: 7 - i % 2 for i, (skill, _) in enumerate(kb.requirements(role))}  # 7, 6, 7, ...
    path = tmp_path / "top.yaml"
    path.write_text(json.dumps({"name": "Ada", "target_role": role.id, "ratings": ratings}))
    result = run(["--kb", str(ladder), "assess", "--answers", str(path), "--format", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    with sqlite3.connect(pmladder_home / "history.sqlite3") as conn:
        assert conn.execute("SELECT levels FROM assessments").fetchall() == [(7,)]
        assert sorted({r for (r,) in conn.execute("SELECT rating FROM ratings")}) == [6, 7]
    conn.close()
    # the ladder then changes: the stored report is drawn on the scale it was scored on, not five
    (ladder / "roles.yaml").write_text((ladder / "roles.yaml").read_text() + "\n# edited\n")
    shown = run(["--kb", str(ladder), "history", "show", "1"])
    assert shown.exit_code == 0, shown.stderr
    assert "███████ 7" in shown.stdout and "██████· 6" in shown.stdout
    stored = api.history_report(1, api.load_knowledge_base(ladder))
    assert isinstance(stored, StoredReport) and stored.levels == 7  # the HTML radar's rings, too


def test_an_empty_file_is_a_new_database(answers: Path, pmladder_home: Path) -> None:
    """Version 0: a file SQLite created but nothing wrote to (a crash at the first open)."""
    (pmladder_home / "history.sqlite3").write_bytes(b"")
    result = run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "-f", "json"])
    assert (result.exit_code, result.stderr) == (0, "")
    assert len(json.loads(run(["--kb", str(SMALL_KB), "history", "-f", "json"]).stdout)["assessments"]) == 1


def test_delete_asks_in_a_real_terminal(answers: Path, pmladder_home: Path) -> None:
    import pexpect

    assert run(["--kb", str(SMALL_KB), "assess", "--answers", str(answers), "-f", "json"]).exit_code == 0
    env = {**os.environ, "PMLADDER_HOME": str(pmladder_home), "NO_COLOR": "1", "TERM": "xterm"}

    def delete(reply: str) -> str:
        child = pexpect.spawn(PMLADDER, ["history", "delete", "1"], env=env, encoding="utf-8", timeout=20)
        child.expect(r"Delete history #1: Ada, lead, 2026-02-10, 63.6%\? This cannot be undone. \[y/N\]")
        child.sendline(reply)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        return child.before or ""

    assert "Nothing was deleted." in delete("n")
    assert run(["history", "show", "1", "-f", "json"]).exit_code == 0
    assert "Deleted history #1" in delete("y")
    assert run(["history", "show", "1", "-f", "json"]).exit_code == 2
