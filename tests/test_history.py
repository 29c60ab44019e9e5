"""`pmladder history` and the history kept by `assess`: real files, a real SQLite database, the real CLI."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest

from conftest import SMALL_KB, run
from pmladder import api

# The small ladder's lead requires writing (3, w2), shipping (4, w3), mentoring (3, w1), influence (2, w2):
# sum(w * r) = 6 + 12 + 3 + 4 = 25.
FEBRUARY = """\
name: Ada
current_role: junior
target_role: lead
assessed_on: 2026-02-10
ratings:
  writing: 2
  shipping: 2
  mentoring: null
  influence: 1
"""
# rated weigh 6 + 12 + 4 = 22 (coverage 88.0) and earn 2*2 + 3*2 + 2*1 = 12 -> 54.5
MARCH = """\
name: Ada
current_role: junior
target_role: lead
assessed_on: 2026-03-10
ratings:
  writing: 3
  shipping: 2
  mentoring: 3
  influence: 2
evidence:
  writing: Wrote the search spec
"""
# all rated (coverage 100.0), earn 2*3 + 3*2 + 1*3 + 2*2 = 19 of 25 -> 76.0


def kb_args(*args: str) -> list[str]:
    return ["--kb", str(SMALL_KB), *args]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def assess(path: Path, *args: str) -> None:
    result = run(kb_args("assess", "--answers", str(path), "--format", "json", *args))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # saving is silent when it works and nobody is watching


def listed() -> list[dict[str, object]]:
    result = run(kb_args("history", "--format", "json"))
    assert result.exit_code == 0, result.stderr
    rows: list[dict[str, object]] = json.loads(result.stdout)["assessments"]
    return rows


def test_two_assessments_a_month_apart_are_two_rows_oldest_first(tmp_path: Path, pmladder_home: Path) -> None:
    assess(write(tmp_path, "march.yaml", MARCH))  # saved first, taken later
    assess(write(tmp_path, "february.yaml", FEBRUARY))
    rows = listed()
    assert [(r["taken_at"], r["readiness"], r["coverage"], r["verdict"]) for r in rows] == [
        ("2026-02-10", 54.5, 88.0, "developing"),
        ("2026-03-10", 76.0, 100.0, "developing"),
    ]
    assert [r["id"] for r in rows] == [2, 1]
    assert {"id", "taken_at", "name", "target_role", "readiness", "coverage", "verdict"} <= set(rows[0])
    assert (rows[0]["name"], rows[0]["target_role"], rows[0]["rater"]) == ("Ada", "lead", "self")
    assert (rows[0]["change"], rows[1]["change"]) == (None, 21.5)
    assert (pmladder_home / "history.sqlite3").is_file()

    text = run(kb_args("history")).stdout
    assert "2026-02-10" in text and "2026-03-10" in text and "+21.5" in text and "Lead PM" in text
    markdown = run(kb_args("history", "--format", "markdown")).stdout
    assert "| 1 | 2026-03-10 | Ada | Lead PM | 76.0% | +21.5 | developing |" in markdown


def test_the_same_file_twice_is_one_row(tmp_path: Path) -> None:
    path = write(tmp_path, "ada.yaml", FEBRUARY)
    assess(path)
    assess(path)
    assert len(listed()) == 1
    # the same ratings under another target role are another assessment
    assess(path, "--role", "junior")
    assert [r["target_role"] for r in listed()] == ["lead", "junior"]


def test_an_undated_file_is_dated_when_it_was_saved(tmp_path: Path) -> None:
    path = write(tmp_path, "ada.yaml", FEBRUARY.replace("assessed_on: 2026-02-10\n", ""))
    assess(path)
    assess(path)  # still the same content: one row, however much later
    (row,) = listed()
    taken = str(row["taken_at"])
    assert len(taken) == 20 and taken.endswith("Z") and taken[10] == "T"


def test_no_save_keeps_nothing(tmp_path: Path, pmladder_home: Path) -> None:
    assess(write(tmp_path, "ada.yaml", FEBRUARY), "--no-save")
    assert not (pmladder_home / "history.sqlite3").exists()
    assert listed() == []
    assert not (pmladder_home / "history.sqlite3").exists()  # listing an empty history creates nothing


def test_the_rater_and_the_person_rated_are_stored(tmp_path: Path) -> None:
    assess(write(tmp_path, "ada.yaml", FEBRUARY))
    # Grace, Ada's manager, rates Ada with the same ratings: another assessment, of the same person
    by_grace = FEBRUARY.replace("name: Ada\n", "name: Grace\nsubject: Ada\nrater: manager\nrater_name: Grace\n")
    assess(write(tmp_path, "from-grace.yaml", by_grace))
    rows = listed()
    assert [(r["name"], r["rater"], r["rater_name"]) for r in rows] == [
        ("Ada", "self", None),
        ("Ada", "manager", "Grace"),
    ]
    assert rows[1]["change"] is None  # a manager's view is not a change in Ada's own
    text = run(kb_args("history")).stdout
    assert "manager (Grace)" in text


def test_the_folder_and_file_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "new-home"
    monkeypatch.setenv("PMLADDER_HOME", str(home))
    monkeypatch.setenv("PMLADDER_NO_CACHE", "1")  # so the history is what creates the folder
    assess(write(tmp_path, "ada.yaml", FEBRUARY))
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for path in home.glob("history.sqlite3*"):  # the database, and its WAL files while they exist
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_history_lists_the_ladder_in_use_unless_all(tmp_path: Path) -> None:
    assess(write(tmp_path, "ada.yaml", FEBRUARY))
    bundled = run(["history", "--format", "json"])
    assert bundled.exit_code == 0
    assert json.loads(bundled.stdout)["assessments"] == []
    assert "No assessments in your history for this ladder yet" in run(["history"]).stdout
    every = json.loads(run(["history", "--all", "--format", "json"]).stdout)
    assert every["ladder"] is None
    assert [r["ladder"] for r in every["assessments"]] == [str(SMALL_KB.resolve())]


def test_show_json_is_the_stored_contract(tmp_path: Path, pmladder_home: Path) -> None:
    path = write(tmp_path, "ada.yaml", MARCH)
    scored = run(kb_args("assess", "--answers", str(path), "--format", "json"))
    shown = run(kb_args("history", "show", "1", "--format", "json"))
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout) == json.loads(scored.stdout)
    with sqlite3.connect(pmladder_home / "history.sqlite3") as conn:
        (stored,) = conn.execute("SELECT report FROM assessments WHERE id = 1").fetchone()
    assert json.loads(stored) == json.loads(scored.stdout)
    text = run(kb_args("history", "show", "#1"))
    assert text.exit_code == 0 and "76.0%" in text.stdout and "Wrote the search spec" in text.stdout
    markdown = run(kb_args("history", "show", "1", "--format", "markdown"))
    assert markdown.stdout.startswith("# Ada: Junior PM → Lead PM\n")


def test_show_after_the_ladder_changed_gives_the_report_as_stored(tmp_path: Path) -> None:
    ladder = tmp_path / "ladder"
    ladder.mkdir()
    for name in ("roles.yaml", "skills.yaml"):
        (ladder / name).write_text((SMALL_KB / name).read_text())
    path = write(tmp_path, "ada.yaml", MARCH)
    first = run(["--kb", str(ladder), "assess", "--answers", str(path), "--format", "json"])
    assert first.exit_code == 0, first.stderr
    roles = ladder / "roles.yaml"
    roles.write_text(
        roles.read_text().replace("{skill: writing, level: 3, weight: 2}", "{skill: writing, level: 4, weight: 2}")
    )
    shown = run(["--kb", str(ladder), "history", "show", "1", "--format", "json"])
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout) == json.loads(first.stdout)  # not re-scored against the raised bar
    text = run(["--kb", str(ladder), "history", "show", "1"]).stdout
    assert "As stored: scored with knowledge base test-1" in " ".join(text.split())
    assert "76.0%" in text
    markdown = run(["--kb", str(ladder), "history", "show", "1", "--format", "markdown"]).stdout
    assert "| Writing | 3 | 3 | ★★ | 0 | Wrote the search spec |" in markdown
    # the ladder is its folder: the edited one keeps its history, re-scored now by diff and progress
    assert len(json.loads(run(["--kb", str(ladder), "history", "--format", "json"]).stdout)["assessments"]) == 1


def test_export_round_trip(tmp_path: Path) -> None:
    path = write(tmp_path, "ada.yaml", MARCH)
    assess(path)
    target = tmp_path / "out" / "exported.yaml"
    result = run(["history", "export", "1", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    kb = api.load_knowledge_base(SMALL_KB)
    exported, original = api.read_answers(target, kb), api.read_answers(path, kb)
    assert exported.model_copy(update={"schema_version": None}) == original
    assert target.read_text().startswith("# pmladder answers, from your history (#1)")
    again = run(["history", "export", "1", "-o", str(target)])
    assert again.exit_code == 2
    assert "already exists; pass --force to overwrite it" in again.stderr
    assert run(["history", "export", "1", "-o", str(target), "--force"]).exit_code == 0
    to_stdout = run(["history", "export", "1"])
    assert to_stdout.exit_code == 0
    assert "writing: 3" in to_stdout.stdout
    # an exported file scores again to the same row: nothing new is added
    assess(target)
    assert len(listed()) == 1


def test_the_same_assessment_again_writes_nothing(tmp_path: Path) -> None:
    """Kept once, and found by a read: no write transaction (an ignored INSERT would still move the
    AUTOINCREMENT counter), so the next new assessment takes the next id."""
    kb = api.load_knowledge_base(SMALL_KB)
    database = tmp_path / "h.sqlite3"
    february = api.assess(api.read_answers(write(tmp_path, "feb.yaml", FEBRUARY), kb), kb)
    assert api.save_assessment(february, kb, database=database).added
    with sqlite3.connect(database) as conn:
        before = conn.execute("SELECT * FROM sqlite_sequence").fetchall()
        changes = conn.execute("PRAGMA data_version").fetchone()
        for _ in range(3):
            again = api.save_assessment(february, kb, database=database)
            assert (again.id, again.added) == (1, False)
        assert conn.execute("SELECT * FROM sqlite_sequence").fetchall() == before
        assert conn.execute("PRAGMA data_version").fetchone() == changes, "another connection wrote"
    conn.close()
    march = api.assess(api.read_answers(write(tmp_path, "mar.yaml", MARCH), kb), kb)
    saved = api.save_assessment(march, kb, database=database)
    assert (saved.id, saved.added) == (2, True)


def test_delete_with_yes_and_refusal_without_a_terminal(tmp_path: Path) -> None:
    assess(write(tmp_path, "feb.yaml", FEBRUARY))
    assess(write(tmp_path, "mar.yaml", MARCH))
    refused = run(["history", "delete", "1"])
    assert refused.exit_code == 2
    assert refused.stderr == "error: 'history delete' asks first: pass --yes to delete without a terminal\n"
    assert len(listed()) == 2
    done = run(["history", "delete", "1", "--yes"])
    assert done.exit_code == 0, done.stderr
    assert "Deleted history #1: Ada, lead, 2026-02-10, 54.5%." in done.stderr
    assert [r["id"] for r in listed()] == [2]
    assert listed()[0]["change"] is None  # its predecessor is gone
    gone = run(["history", "delete", "1", "--yes"])
    assert gone.exit_code == 2
    assert gone.stderr == "error: no assessment #1 in your history (see 'pmladder history')\n"


@pytest.mark.parametrize("command", [["show", "x"], ["export", "3.5"], ["delete", "one", "--yes"]])
def test_a_bad_id_is_a_usage_error(command: list[str]) -> None:
    result = run(["history", *command])
    assert result.exit_code == 2
    assert "is not a history id" in result.stderr or "no assessment" in result.stderr


def test_unknown_id_in_an_empty_history() -> None:
    result = run(["history", "show", "7"])
    assert result.exit_code == 2
    assert result.stderr == "error: no assessment #7 in your history (see 'pmladder history')\n"


def test_the_python_api(tmp_path: Path) -> None:
    kb = api.load_knowledge_base(SMALL_KB)
    database = tmp_path / "elsewhere" / "h.sqlite3"
    for text in (FEBRUARY, MARCH):
        report = api.assess(api.read_answers(write(tmp_path, "a.yaml", text), kb), kb)
        saved = api.save_assessment(report, kb, database=database)
        assert saved.added
    assert api.save_assessment(report, kb, database=database).added is False
    listing = api.list_history(kb, database=database)
    assert [r.readiness for r in listing.rows] == [54.5, 76.0]
    assert listing.to_dict()["assessments"][1]["change"] == 21.5
    shown = api.history_report(2, kb, database=database)
    assert isinstance(shown, api.Assessment) and shown.to_dict() == report.to_dict()
    assert api.history_answers(1, database=database).ratings["writing"] == 2
    api.delete_assessment(1, database=database)
    assert [r.id for r in api.list_history(kb, database=database).rows] == [2]
    with pytest.raises(api.PmladderError, match="no assessment #1"):
        api.delete_assessment(1, database=database)


def test_help_names_the_options() -> None:
    assert "--no-save" in run(["assess", "--help"]).stdout
    assert "pmladder history delete 3 --yes" in run(["history", "delete", "--help"]).stdout
