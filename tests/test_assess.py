"""`pmladder assess --answers`: formats, files, stdin, gates and bad input, on real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SMALL_KB, run

ADA = """\
name: Ada | Example
current_role: junior
target_role: lead
city: London
ratings:
  writing: 3
  shipping: 2
  mentoring: null
  influence: 1
evidence:
  writing: "Wrote *the* spec | for <X>"
"""
# lead requires writing (3, w2), shipping (4, w3), mentoring (3, w1), influence (2, w2): sum(w*r) = 25.
# Ada rates all but mentoring: those weigh 2*3 + 3*4 + 2*2 = 22 (coverage 22 of 25 = 88.0);
# she earns 2*3 + 3*2 + 2*1 = 14 of 22 -> 63.6; gaps: shipping 2 (w*g 6), influence 1 (2); mentoring to find out.


@pytest.fixture
def ada(tmp_path: Path) -> Path:
    path = tmp_path / "ada.yaml"
    path.write_text(ADA)
    return path


def kb_args(*args: str) -> list[str]:
    return ["--kb", str(SMALL_KB), "assess", *args]


def test_json_report_contract(ada: Path) -> None:
    result = run(kb_args("--answers", str(ada), "--format", "json"))
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema_version"] == 3
    assert report["kb_version"] == "test-1"
    assert (report["name"], report["current_role"], report["target_role"]) == ("Ada | Example", "junior", "lead")
    assert (report["readiness"], report["coverage"], report["verdict"]) == (63.6, 88.0, "developing")
    assert report["top_gaps"] == ["shipping", "influence"]
    assert report["unrated"] == ["mentoring"]
    assert report["skills"][2]["gap"] is None  # mentoring: not a gap, to find out
    # Junior PM requires writing 2, shipping 2, mentoring 1, influence 1: mentoring is unrated, so not met
    assert report["standing"] == {"meets": None, "steps_to_target": None, "path": []}
    assert report["skills"][0] == {
        "skill": "writing",
        "name": "Writing",
        "category": "craft",
        "rating": 3,
        "required": 3,
        "weight": 2,
        "gap": 0,
        "evidence": "Wrote *the* spec | for <X>",
    }
    # shipping is rated 2, so projects aim at 3 first; influence is rated 1, so at 2 and up
    assert [(p["skill"], p["title"]) for p in report["suggested_projects"]] == [
        ("shipping", "Ship a side project"),
        ("shipping", "Run a launch"),
        ("influence", "Stakeholder map"),
        ("influence", "Exec readout"),
    ]
    # the next step starts with on-the-job learning where the skill has some (shipping's 'practice')
    steps = report["next_steps"]
    assert steps[0]["on_the_job"] == {"format": "practice", "suggestion": "Ship something small."}
    assert (steps[0]["hours"], steps[1]["on_the_job"], steps[1]["hours"]) == (60, None, 18)
    assert report["salary"] is None  # lead has no salary figures


def test_text_report_shows_readiness_gaps_and_projects(ada: Path) -> None:
    result = run(kb_args("--answers", str(ada)))
    assert result.exit_code == 0
    out = result.stdout
    assert "Ada | Example" in out
    assert "Junior PM → Lead PM" in out
    assert "63.6%" in out and "developing" in out
    assert "1. Shipping" in out and "Ship a side project" in out and "Ship something small." in out
    assert "To find out" in out and "Mentoring" in out
    assert "Wrote *the* spec | for <X>" in out  # evidence beside its skill, as written
    assert "One-to-ones" in out  # the target's day to day


def test_markdown_to_a_file_by_suffix_escapes_person_text(ada: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    result = run(kb_args("--answers", str(ada), "--output", str(target)))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "63.6% ready for Lead PM (developing)" in result.stderr
    text = target.read_text()
    assert text.startswith("# Ada \\| Example: Junior PM → Lead PM\n")
    assert "| Writing | 3 Independent | 3 Independent | ★★ | 0 | Wrote *the* spec \\| for &lt;X&gt; |" in text
    assert "   - [ ] Ship a side project: A live app (builds toward 3, ~40 h)" in text
    assert "   - [ ] On the job (practice): Ship something small." in text
    assert "Weight: ★ useful, ★★ important, ★★★ core to the role." in text
    # every table row has the same number of unescaped pipes as its header
    for line in text.splitlines():
        if line.startswith("| Writing"):
            assert line.replace("\\|", "").count("|") == 7
    assert not list(target.parent.glob(".*.tmp"))  # no temp file left behind


def test_answers_from_stdin_and_role_override(ada: Path) -> None:
    result = run(kb_args("--answers", "-", "--role", "junior", "--format", "json"), input=ADA)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    # junior: writing (2, w3), shipping (2, w2), mentoring (1, w1), influence (1, w1): sum = 6 + 4 + 1 + 1 = 12
    # rated writing, shipping, influence weigh 11 (coverage 91.7) and all meet the bar: 11 of 11 -> 100.0;
    # not 'ready' while mentoring is unrated
    assert report["target_role"] == "junior"
    assert (report["readiness"], report["coverage"], report["verdict"]) == (100.0, 91.7, "nearly ready")
    assert report["strengths"] == ["writing"]


def test_city_gives_salary_context(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("target_role: chief\ncity: london\nratings: {writing: 4}\n")
    report = json.loads(run(kb_args("--answers", str(path), "-f", "json")).stdout)
    assert report["salary"] == {
        "city": "London",
        "country": "United Kingdom",
        "median": 100000,
        "currency": "GBP",
        "source": "Test figures",
        "estimate": True,
    }
    result = run(kb_args("--answers", str(path), "--city", "Londn"))
    assert result.exit_code == 2
    assert result.stderr == "error: unknown city 'Londn' (did you mean 'London'?)\n"


@pytest.mark.parametrize(
    ("gate", "code", "message"),
    [
        (["--fail-under", "63.6"], 0, ""),
        (["--fail-under", "63.7"], 1, "below the gate: readiness 63.6 is below 63.7\n"),
        (["--max-gap", "2"], 0, ""),
        (["--max-gap", "1"], 1, "below the gate: gap above 1 in shipping (2)\n"),
    ],
)
def test_gates_exit_codes(ada: Path, gate: list[str], code: int, message: str) -> None:
    result = run(kb_args("--answers", str(ada), "-f", "json", *gate))
    assert result.exit_code == code
    assert result.stderr == message
    assert json.loads(result.stdout)["readiness"] == 63.6  # the report is printed either way


def test_gate_out_of_range_is_a_usage_error(ada: Path) -> None:
    result = run(kb_args("--answers", str(ada), "--fail-under", "120"))
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "target_role: lead\nratings:\n  writing: 6\n",
            "a.yaml:3:12: ratings.writing: expected a whole number from 1 to 5, got the number 6",
        ),
        (
            "target_role: lead\nratings:\n  writing: 2.5\n",
            "a.yaml:3:12: ratings.writing: expected a whole number from 1 to 5, got the number 2.5",
        ),
        (
            "target_role: lead\nratings:\n  writting: 2\n",
            "a.yaml:3:3: ratings: unknown skill 'writting' (did you mean 'writing'?)",
        ),
        ("target_role: leed\n", "a.yaml:1:14: unknown role 'leed' (did you mean 'lead'?)"),
        ("ratings:\n  writing: 2\n", "a.yaml: no target role: set target_role in the answers file, or pass --role ID"),
        ("target_role: lead\ntarget_role: chief\n", "a.yaml:2:1: duplicate key 'target_role' (first at line 1)"),
        (
            "target_role: lead\nratings: {writing: 2}\nnmae: Ada\n",
            "a.yaml:3:1: unknown key 'nmae' (did you mean 'name'?)",
        ),
        ("", "a.yaml:1: file is empty"),
        ("- just\n- a list\n", "a.yaml:1:1: expected a mapping of keys to values at the top of the file"),
    ],
)
def test_bad_answers_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "a.yaml"
    path.write_text(text)
    report = tmp_path / "report.md"
    result = run(kb_args("--answers", "a.yaml", "-o", str(report)))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == message
    assert "Traceback" not in result.stderr
    assert not report.exists()


def test_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "a.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run(kb_args("--answers", str(binary)))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "a.yaml:3: not a text file (binary content)\n"
    )  # PNG header: the first NUL is on line 3
    result = run(kb_args("--answers", str(tmp_path / "missing.yaml")))
    assert result.exit_code == 2
    assert result.stderr.endswith("missing.yaml: no such file\n")


def test_without_a_terminal_it_asks_for_an_answers_file() -> None:
    result = run(kb_args(), input="")
    assert result.exit_code == 2
    assert result.stderr == (  # the hint stays on the ladder in use
        f"error: stdin is not a terminal: pass --answers FILE (see 'pmladder --kb {SMALL_KB} template')\n"
    )


def test_unknown_role_override(ada: Path) -> None:
    result = run(kb_args("--answers", str(ada), "--role", "cheif"))
    assert result.exit_code == 2
    assert result.stderr == "error: unknown role 'cheif' (did you mean 'chief'?)\n"


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text("target_role: leed\nratings:\n  writing: 9\n  shiping: 2\nevidence:\n  mentorng: x\n")
    result = run(kb_args("--answers", "a.yaml"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "a.yaml:1:14: unknown role 'leed' (did you mean 'lead'?)",
        "a.yaml:3:12: ratings.writing: expected a whole number from 1 to 5, got the number 9",
        "a.yaml:4:3: ratings: unknown skill 'shiping' (did you mean 'shipping'?)",
        "a.yaml:6:3: evidence: unknown skill 'mentorng' (did you mean 'mentoring'?)",
    ]


def test_output_never_overwrites_the_answers(ada: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ada.parent)
    before = ada.read_text()
    result = run(kb_args("--answers", "ada.yaml", "--output", "./ada.yaml"))
    assert result.exit_code == 2
    assert result.stderr == "error: --output ./ada.yaml is also an input; write the report elsewhere\n"
    assert ada.read_text() == before


def test_a_bad_value_or_deep_nesting_is_a_placed_error_not_a_traceback(tmp_path: Path) -> None:
    cases = {
        "date.yaml": ("target_role: lead\nassessed_on: 2026-02-29\n", "date.yaml:2:14: invalid value '2026-02-29'"),
        "tag.yaml": ("target_role: lead\nname: !!bool maybe\n", "tag.yaml:2:7: invalid value 'maybe'"),
        "deep.json": ('{"target_role": "lead", "name": ' + "[" * 100 + "]" * 100 + "}", "deep.json:1:"),
    }
    for file_name, (text, start) in cases.items():
        path = tmp_path / file_name
        path.write_text(text)
        result = run(kb_args("--answers", str(path)))
        assert result.exit_code == 2, file_name
        assert result.stderr.startswith(str(path.parent / start)), result.stderr
        assert "Traceback" not in result.stderr


def test_an_unknown_city_in_a_file_is_placed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("target_role: chief\ncity: Atlantis\n")
    result = run(kb_args("--answers", str(path)))
    assert result.exit_code == 2
    assert result.stderr.endswith("a.yaml:2:7: unknown city 'Atlantis' (choose one of: London, New York)\n")


def test_json_surrogate_pairs_are_read(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"target_role": "lead", "name": "Ada 🚀"}))  # written as "\ud83d\ude80"
    assert "\\ud83d" in path.read_text()
    result = run(kb_args("--answers", str(path), "-f", "json"))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "Ada 🚀"
