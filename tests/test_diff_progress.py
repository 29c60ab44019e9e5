"""`pmladder diff` and `pmladder progress` on the small ladder, with every figure computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SMALL_KB, run
from pmladder import api
from pmladder.assessment.answers import Answers
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.load import load_knowledge_base
from test_history import FEBRUARY, MARCH, kb_args, write

# lead: writing (3, w2), shipping (4, w3), mentoring (3, w1), influence (2, w2); sum(w * r) = 25.
# February 54.5 (coverage 88.0), March 76.0 (coverage 100.0): see test_history.py.
APRIL = """\
name: Ada
current_role: junior
target_role: lead
assessed_on: 2026-04-12
ratings:
  writing: 2
  shipping: 4
  mentoring: 3
  influence: 2
evidence:
  writing: Wrote the search spec
  shipping: Launched search
"""
# earns 2*2 + 3*4 + 1*3 + 2*2 = 23 of 25 -> 92.0; writing falls below its bar again (gap 1)


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.chdir(tmp_path)  # files are named in reports as given, relative here
    return {
        "feb": write(tmp_path, "feb.yaml", FEBRUARY),
        "mar": write(tmp_path, "mar.yaml", MARCH),
        "apr": write(tmp_path, "apr.yaml", APRIL),
    }


def diff(*args: str) -> str:
    result = run(kb_args("diff", *args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def save_all(files: dict[str, Path], *keys: str) -> None:
    for key in keys:
        result = run(kb_args("assess", "--answers", str(files[key]), "-f", "json"))
        assert result.exit_code == 0, result.stderr


def test_diff_json_of_two_files(files: dict[str, Path]) -> None:
    data = json.loads(diff(str(files["feb"]), str(files["mar"]), "--format", "json"))
    assert data["readiness"] == {"before": 54.5, "after": 76.0, "change": 21.5}
    assert data["coverage"] == {"before": 88.0, "after": 100.0, "change": 12.0}
    assert data["skills"] == [
        {"skill": "writing", "required": 3, "before": 2, "after": 3, "change": 1},
        {"skill": "shipping", "required": 4, "before": 2, "after": 2, "change": 0},
        {"skill": "mentoring", "required": 3, "before": None, "after": 3, "change": None},
        {"skill": "influence", "required": 2, "before": 1, "after": 2, "change": 1},
    ]
    assert data["closed_gaps"] == ["writing", "influence"]
    assert data["new_gaps"] == []
    # February meets no bar (mentoring unrated); March meets Junior PM's (2, 2, 1, 1)
    assert data["standing"] == {"before": None, "after": "junior"}
    assert data["verdict"] == {"before": "developing", "after": "developing"}
    assert data["evidence_added"] == [{"skill": "writing", "evidence": "Wrote the search spec"}]
    assert data["target_role"] == "lead"
    assert data["before"] == {"source": "feb.yaml", "name": "Ada", "assessed_on": "2026-02-10"}


def test_diff_of_a_gap_that_opens(files: dict[str, Path]) -> None:
    data = json.loads(diff(str(files["mar"]), str(files["apr"]), "-f", "json"))
    assert data["readiness"] == {"before": 76.0, "after": 92.0, "change": 16.0}
    assert (data["closed_gaps"], data["new_gaps"]) == (["shipping"], ["writing"])
    assert data["evidence_added"] == [{"skill": "shipping", "evidence": "Launched search"}]  # writing's is unchanged
    # April: 92.0, one gap of 1 (writing), everything rated -> nearly ready
    assert data["verdict"] == {"before": "developing", "after": "nearly ready"}
    backwards = json.loads(diff(str(files["apr"]), str(files["mar"]), "-f", "json"))
    assert (backwards["closed_gaps"], backwards["new_gaps"]) == (["writing"], ["shipping"])
    assert backwards["readiness"]["change"] == -16.0


def test_diff_text_and_markdown(files: dict[str, Path]) -> None:
    text = diff(str(files["feb"]), str(files["mar"]))
    flat = " ".join(text.split())
    assert "Both assessments are scored against Lead PM (the second assessment's target role)" in flat
    assert "Readiness 54.5% 76.0% +21.5" in flat
    assert "Coverage 88.0% 100.0% +12.0" in flat
    assert "Writing 2 3 +1 3 1 → 0" in flat
    assert "Gaps closed • Writing • Influence" in flat
    assert "Evidence added • Writing: Wrote the search spec" in flat
    markdown = diff(str(files["feb"]), str(files["mar"]), "--format", "markdown")
    assert markdown.startswith("# What changed: Ada\n\n`feb.yaml` → `mar.yaml`\n")
    assert "| Readiness | 54.5% | 76.0% | +21.5 |" in markdown
    assert "| **Writing** | 2 | 3 | +1 | 3 | 1 → 0 |" in markdown
    assert "| Shipping | 2 | 2 | ±0 | 4 | 2 → 2 |" in markdown
    assert "| Meets the bar of | – | Junior PM |  |" in markdown
    assert "## Gaps closed\n\n- Writing\n- Influence\n" in markdown


def test_diff_of_the_same_file_has_no_change(files: dict[str, Path]) -> None:
    text = diff(str(files["mar"]), str(files["mar"]))
    assert "No change: both assessments give the same ratings, figures and evidence." in " ".join(text.split())


def test_diff_with_history_ids(files: dict[str, Path]) -> None:
    save_all(files, "feb", "mar")
    from_history = json.loads(diff("1", "2", "-f", "json"))
    from_files = json.loads(diff(str(files["feb"]), str(files["mar"]), "-f", "json"))
    assert (from_history["before"]["source"], from_history["after"]["source"]) == ("history #1", "history #2")
    for key in ("readiness", "coverage", "skills", "closed_gaps", "new_gaps", "standing", "evidence_added"):
        assert from_history[key] == from_files[key], key
    mixed = json.loads(diff("#1", str(files["apr"]), "-f", "json"))
    assert mixed["readiness"] == {"before": 54.5, "after": 92.0, "change": 37.5}
    missing = run(kb_args("diff", "9", str(files["apr"])))
    assert missing.exit_code == 2
    assert missing.stderr == f"error: no assessment #9 in your history (see 'pmladder --kb {SMALL_KB} history')\n"


def test_diff_against_another_role(files: dict[str, Path]) -> None:
    # junior: writing (2, w3), shipping (2, w2), mentoring (1, w1), influence (1, w1); sum(w * r) = 12
    # February rates 11 of it and meets all: 100.0 (coverage 91.7); March meets all of it: 100.0 (coverage 100.0)
    data = json.loads(diff(str(files["feb"]), str(files["mar"]), "--role", "junior", "-f", "json"))
    assert data["target_role"] == "junior"
    assert data["readiness"] == {"before": 100.0, "after": 100.0, "change": 0.0}
    assert data["coverage"] == {"before": 91.7, "after": 100.0, "change": 8.3}
    assert "(chosen with --role)" in " ".join(diff(str(files["feb"]), str(files["mar"]), "-r", "junior").split())


def test_diff_bad_input(files: dict[str, Path]) -> None:
    both = run(kb_args("diff", "-", "-"))
    assert (both.exit_code, both.stderr) == (2, "error: only one of A and B can be '-' (stdin)\n")
    nothing = run(kb_args("diff", "nope.yaml", str(files["mar"])))
    assert (nothing.exit_code, nothing.stderr) == (2, "nope.yaml: no such file\n")
    role = run(kb_args("diff", str(files["feb"]), str(files["mar"]), "--role", "leed"))
    assert role.exit_code == 2 and "did you mean 'lead'" in role.stderr


def test_progress_sparkline_and_the_bar_held(files: dict[str, Path]) -> None:
    save_all(files, "apr", "feb", "mar")
    result = run(kb_args("progress"))
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    # 54.5, 76.0, 92.0 on a fixed 0-100 scale of eight blocks: int(v * 7 / 100 + 0.5) -> 4, 5, 6
    assert "Ada toward Lead PM 3 assessments, 2026-02-10 to 2026-04-12" in flat
    assert "Readiness ▅▆▇ 54.5% → 76.0% → 92.0%" in flat
    assert "Writing ▃▄▃ 2 3 2 3 below the bar (1 level to go)" in flat
    assert "Shipping ▃▃▆ 2 2 4 4 at the bar for 1 assessment, since April 2026" in flat
    assert "Mentoring ·▄▄ ? 3 3 3 at the bar for 2 assessments, since March 2026" in flat
    assert "Influence ▁▃▃ 1 2 2 2 at the bar for 2 assessments, since March 2026" in flat
    assert "Promotion readiness is sustained performance" in flat
    data = json.loads(run(kb_args("progress", "--format", "json")).stdout)
    assert [(a["taken_at"], a["readiness"]) for a in data["assessments"]] == [
        ("2026-02-10", 54.5),
        ("2026-03-10", 76.0),
        ("2026-04-12", 92.0),
    ]
    assert data["skills"][2] == {
        "skill": "mentoring",
        "required": 3,
        "ratings": [None, 3, 3],
        "at_the_bar_for": 2,
        "since": "2026-03-10",
    }
    markdown = run(kb_args("progress", "-f", "markdown")).stdout
    assert "| Mentoring | `·▄▄` ? 3 3 | 3 | at the bar for 2 assessments, since March 2026 |" in markdown


def test_progress_when_every_requirement_holds(tmp_path: Path) -> None:
    for month, day in (("01", 5), ("02", 6), ("03", 7)):
        write(
            tmp_path,
            f"{month}.yaml",
            MARCH.replace("2026-03-10", f"2026-{month}-0{day % 10}").replace("shipping: 2", "shipping: 4"),
        )
        assert run(kb_args("assess", "--answers", str(tmp_path / f"{month}.yaml"), "-f", "json")).exit_code == 0
    text = " ".join(run(kb_args("progress")).stdout.split())
    assert "Readiness ███ 100.0% → 100.0% → 100.0% ready" in text
    assert "Every requirement has been met in the latest 3 assessments in a row." in text
    assert "at the bar for 3 assessments, since January 2026" in text


def test_progress_asks_which_person_or_target(files: dict[str, Path], tmp_path: Path) -> None:
    save_all(files, "feb", "mar")
    write(tmp_path, "ben.yaml", MARCH.replace("Ada", "Ben"))
    save_all({"ben": tmp_path / "ben.yaml"}, "ben")
    result = run(kb_args("progress"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "error: your history has assessments of several people, targets or raters; choose one with:\n"
        "  --name Ada --role lead  (2 assessments, latest 2026-03-10)\n"
        "  --name Ben --role lead  (1 assessment, latest 2026-03-10)\n"
    )
    chosen = json.loads(run(kb_args("progress", "--name", "ada", "-f", "json")).stdout)
    assert (chosen["name"], len(chosen["assessments"])) == ("Ada", 2)
    none = run(kb_args("progress", "--name", "Cy"))
    assert (none.exit_code, none.stderr) == (
        2,
        f"error: no assessment in your history matches --name Cy (see 'pmladder --kb {SMALL_KB} history')\n",
    )


def test_progress_follows_one_rater(files: dict[str, Path], tmp_path: Path) -> None:
    save_all(files, "feb", "mar")
    by_bo = MARCH.replace("name: Ada\n", "subject: Ada\nrater: manager\nrater_name: Bo\n")
    save_all({"bo": write(tmp_path, "bo.yaml", by_bo)}, "bo")
    result = run(kb_args("progress", "--name", "Ada"))
    assert result.exit_code == 2
    assert "  --name Ada --role lead --rater Bo  (1 assessment, latest 2026-03-10)" in result.stderr
    own = json.loads(run(kb_args("progress", "--rater", "self", "-f", "json")).stdout)
    assert (own["rater"], len(own["assessments"])) == ("self", 2)
    bo = run(kb_args("progress", "--rater", "manager"))
    assert bo.exit_code == 0 and "rated by manager (Bo)" in bo.stdout


def test_progress_with_an_empty_history() -> None:
    result = run(kb_args("progress"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: no assessment in your history for this ladder yet: 'pmladder --kb {SMALL_KB} assess' adds one\n"
    )


def test_progress_scores_with_the_ladder_in_use(files: dict[str, Path], tmp_path: Path) -> None:
    """An edited ladder keeps its history (its folder is its identity) and every point is scored against today's bar."""
    ladder = tmp_path / "ladder"
    ladder.mkdir()
    for name in ("roles.yaml", "skills.yaml"):
        (ladder / name).write_text((SMALL_KB / name).read_text())
    for key in ("feb", "mar"):
        assert run(["--kb", str(ladder), "assess", "--answers", str(files[key]), "-f", "json"]).exit_code == 0
    roles = ladder / "roles.yaml"
    roles.write_text(
        roles.read_text().replace("{skill: influence, level: 2, weight: 2}", "{skill: influence, level: 3, weight: 2}")
    )
    data = json.loads(run(["--kb", str(ladder), "progress", "-f", "json"]).stdout)
    influence = next(s for s in data["skills"] if s["skill"] == "influence")
    assert (influence["required"], influence["at_the_bar_for"]) == (3, 0)
    # March against the raised bar: 2*3 + 3*2 + 1*3 + 2*2 = 19 of 2*3 + 3*4 + 1*3 + 2*3 = 27 -> 70.4
    assert data["assessments"][1]["readiness"] == 70.4


# --- diff(A, A) has no changes, whatever A is --------------------------------------------------

SMALL: KnowledgeBase = load_knowledge_base(SMALL_KB)
ratings = st.dictionaries(
    st.sampled_from([s.id for s in SMALL.skills]), st.one_of(st.none(), st.integers(min_value=1, max_value=5))
)


@settings(max_examples=150, deadline=None)
@given(
    ratings=ratings,
    evidence=st.dictionaries(
        st.sampled_from([s.id for s in SMALL.skills]), st.text(min_size=1, max_size=20).map(str.strip).filter(bool)
    ),
    role=st.sampled_from([r.id for r in SMALL.roles]),
)
def test_diff_of_an_assessment_with_itself_has_no_change(
    ratings: dict[str, int | None], evidence: dict[str, str], role: str
) -> None:
    answers = Answers(target_role=role, ratings=ratings, evidence=evidence)
    same = api.diff(answers, answers, SMALL)
    assert not same.changed
    assert same.closed_gaps == () and same.new_gaps == () and same.evidence_added == ()
    assert all(s.change in (0, None) and s.before == s.after for s in same.skills)
    assert same.readiness.change in (0, None) and same.coverage.change == 0
    data = same.to_dict()
    assert data["verdict"]["before"] == data["verdict"]["after"]
    assert data["standing"]["before"] == data["standing"]["after"]
