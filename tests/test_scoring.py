"""Scoring, hand-computed on the small fixture knowledge base.

Role 'lead' requires (level, weight): writing (3, 2), shipping (4, 3), mentoring (3, 1),
influence (2, 2); so sum(w * r) = 6 + 12 + 3 + 4 = 25.
Role 'chief': writing (4, 1), shipping (4, 2), mentoring (4, 3), influence (5, 3); sum = 4 + 8 + 12 + 15 = 39.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SMALL_KB, run
from pmladder.assessment.gates import Gates
from pmladder.assessment.projects import projects_for
from pmladder.assessment.scoring import Verdict, score
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.load import load_knowledge_base


def test_unrated_is_to_find_out_not_a_gap(small_kb: KnowledgeBase) -> None:
    result = score(small_kb, small_kb.role("lead"), {"writing": 3, "shipping": 2, "mentoring": None})
    # rated: writing (3, w2), shipping (4, w3): earned 2*3 + 3*2 = 12 of 2*3 + 3*4 = 18 -> 66.7
    assert result.readiness == 66.7
    # coverage: 18 of 25 -> 72.0, under 80: too little to judge
    assert result.coverage == 72.0
    assert result.verdict is Verdict.incomplete
    assert [s.skill for s in result.unrated] == ["mentoring", "influence"]
    assert result.by_skill("mentoring").gap is None
    assert result.by_skill("influence").gap is None
    assert result.gaps == ("shipping",)


def test_rating_above_requirement_is_capped_and_is_a_strength(small_kb: KnowledgeBase) -> None:
    result = score(small_kb, small_kb.role("lead"), {"writing": 5, "shipping": 4, "mentoring": 3, "influence": 4})
    assert result.readiness == 100.0
    assert result.verdict is Verdict.ready
    assert result.gaps == ()
    assert [(s.skill, s.above) for s in result.strengths] == [("writing", 2), ("influence", 2)]


def test_nearly_ready_needs_85_and_no_gap_above_one(small_kb: KnowledgeBase) -> None:
    # chief: writing 4, shipping 4, mentoring 3 (gap 1), influence 4 (gap 1)
    # earned: 4 + 8 + 3*3 + 3*4 = 33 of 39 = 84.615... -> 84.6: below 85, so developing
    result = score(small_kb, small_kb.role("chief"), {"writing": 4, "shipping": 4, "mentoring": 3, "influence": 4})
    assert result.readiness == 84.6
    assert result.verdict is Verdict.developing
    # lead with only shipping one short: earned 6 + 9 + 3 + 4 = 22 of 25 = 88.0, gap 1 -> nearly ready
    result = score(small_kb, small_kb.role("lead"), {"writing": 3, "shipping": 3, "mentoring": 3, "influence": 2})
    assert result.readiness == 88.0
    assert result.verdict is Verdict.nearly_ready


def test_high_readiness_with_a_gap_of_two_is_still_developing(small_kb: KnowledgeBase) -> None:
    # lead: writing 3, shipping 4, mentoring 1 (gap 2), influence 2: earned 6 + 12 + 1 + 4 = 23 of 25 = 92.0
    result = score(small_kb, small_kb.role("lead"), {"writing": 3, "shipping": 4, "mentoring": 1, "influence": 2})
    assert result.readiness == 92.0
    assert result.verdict is Verdict.developing
    assert max(s.gap or 0 for s in result.skills) == 2


def test_ties_break_on_larger_gap_then_knowledge_base_order(small_kb: KnowledgeBase) -> None:
    # chief, all rated 3: writing gap 1 (w1 -> 1), shipping gap 1 (w2 -> 2),
    # mentoring gap 1 (w3 -> 3), influence gap 2 (w3 -> 6)
    result = score(
        small_kb, small_kb.role("chief"), dict.fromkeys(["writing", "shipping", "mentoring", "influence"], 3)
    )
    assert result.gaps == ("influence", "mentoring", "shipping", "writing")
    # chief: writing 2 (gap 2, w1 -> 2) ties shipping 3 (gap 1, w2 -> 2): the larger gap first
    result = score(small_kb, small_kb.role("chief"), {"writing": 2, "shipping": 3, "mentoring": 4, "influence": 5})
    assert result.gaps == ("writing", "shipping")
    # lead: writing 2 (gap 1, w2 -> 2) ties influence 1 (gap 1, w2 -> 2): knowledge-base order
    result = score(small_kb, small_kb.role("lead"), {"writing": 2, "shipping": 4, "mentoring": 3, "influence": 1})
    assert result.gaps == ("writing", "influence")


def test_nothing_rated_has_no_readiness(small_kb: KnowledgeBase) -> None:
    empty = score(small_kb, small_kb.role("lead"), {})
    assert (empty.readiness, empty.coverage, empty.verdict, empty.gaps) == (None, 0.0, Verdict.incomplete, ())
    # chief with only writing 3 (4, w1): 3 of 4 -> 75.0; coverage 4 of 39 = 10.256... -> 10.3
    partial = score(small_kb, small_kb.role("chief"), {"writing": 3})
    assert (partial.readiness, partial.coverage) == (75.0, 10.3)


def test_at_most_five_top_gaps(kb: KnowledgeBase) -> None:
    role = kb.role("head-of-product")
    result = score(kb, role, {req.skill: 1 for req in role.requirements})
    assert len(result.gaps) == sum(1 for req in role.requirements if req.level > 1)
    assert len(result.top_gaps) == 5
    assert result.top_gaps == result.gaps[:5]


def test_nearly_ready_allows_at_most_three_gaps(kb: KnowledgeBase) -> None:
    """Four gaps of one level are not 'nearly ready', however high the readiness."""
    role = kb.role("head-of-product")
    lightest = sorted(role.requirements, key=lambda r: (r.weight, -r.level))[:4]  # the cheapest gaps to have
    at_bar = {req.skill: req.level for req in role.requirements}
    three = score(kb, role, at_bar | {r.skill: r.level - 1 for r in lightest[:3]})
    four = score(kb, role, at_bar | {r.skill: r.level - 1 for r in lightest})
    assert three.readiness is not None and three.readiness >= 85 and three.verdict is Verdict.nearly_ready
    assert four.readiness is not None and four.readiness >= 85 and four.verdict is Verdict.developing


def test_score_is_pure_and_works_against_any_role(small_kb: KnowledgeBase) -> None:
    ratings = {"writing": 3, "shipping": 3, "mentoring": 3, "influence": 3}
    # junior: all met -> 100; lead: shipping short by 1 -> (6 + 9 + 3 + 4) / 25 = 88.0
    assert score(small_kb, small_kb.role("junior"), ratings).readiness == 100.0
    assert score(small_kb, small_kb.role("lead"), ratings).readiness == 88.0
    assert score(small_kb, small_kb.role("lead"), ratings) == score(small_kb, small_kb.role("lead"), ratings)


@pytest.mark.parametrize(
    ("gates", "failures"),
    [
        (Gates(fail_under=68.0), []),
        (Gates(fail_under=68.1), ["readiness 68.0 is below 68.1"]),
        (Gates(max_gap=2), []),
        (Gates(max_gap=1), ["gap above 1 in shipping (2), mentoring (2)"]),
        (
            Gates(fail_under=70, max_gap=1),
            ["readiness 68.0 is below 70", "gap above 1 in shipping (2), mentoring (2)"],
        ),
    ],
)
def test_gates(small_kb: KnowledgeBase, gates: Gates, failures: list[str]) -> None:
    result = score(small_kb, small_kb.role("lead"), {"writing": 3, "shipping": 2, "mentoring": 1, "influence": 2})
    # earned 2*3 + 3*2 + 1*1 + 2*2 = 17 of 25 -> 68.0
    assert result.readiness == 68.0
    assert gates.failures(result) == failures


def test_an_incomplete_assessment_fails_fail_under_and_unrated_is_no_gap(small_kb: KnowledgeBase) -> None:
    result = score(small_kb, small_kb.role("lead"), {"writing": 3, "shipping": 4})  # 100.0, coverage 72.0
    assert result.readiness == 100.0
    assert Gates(fail_under=10).failures(result) == ["incomplete: the ratings cover 72.0% of the role, under 80%"]
    assert Gates(max_gap=0).failures(result) == []


def test_projects_aim_at_the_next_level(small_kb: KnowledgeBase) -> None:
    writing = small_kb.skill("writing")  # projects build to 2 (6 h), 3 (12 h), 5 (30 h)
    assert [p.builds_to for p in projects_for(writing, None)] == [2, 3]
    assert [p.builds_to for p in projects_for(writing, 2)] == [3, 5]
    assert [p.builds_to for p in projects_for(writing, 4)] == [5]
    # nothing reaches beyond 5: the most advanced are offered
    assert [p.builds_to for p in projects_for(writing, 5)] == [5, 3]


EDGE_ROLES = """\
version: "test-1"
roles:
  - id: halves
    name: Halves
    track: foundation
    rank: 1
    summary: Totals of 16, so some readiness values end in exactly .x5.
    years: {min: 0, max: 1}
    scope: s
    responsibilities: [r]
    day_to_day: [d]
    challenges: [c]
    requirements:
      - {skill: writing, level: 1, weight: 1}
      - {skill: shipping, level: 5, weight: 3}
  - id: boundary
    name: Boundary
    track: foundation
    rank: 2
    summary: A total of 20, so readiness can be exactly 85.0.
    years: {min: 0, max: 1}
    scope: s
    responsibilities: [r]
    day_to_day: [d]
    challenges: [c]
    requirements:
      - {skill: writing, level: 4, weight: 2}
      - {skill: shipping, level: 3, weight: 2}
      - {skill: mentoring, level: 2, weight: 2}
      - {skill: influence, level: 2, weight: 1}
"""


@pytest.fixture
def edge_kb(tmp_path: Path) -> Path:
    shutil.copy(SMALL_KB / "skills.yaml", tmp_path / "skills.yaml")
    (tmp_path / "roles.yaml").write_text(EDGE_ROLES)
    return tmp_path


def test_half_up_where_round_would_go_down(edge_kb: Path) -> None:
    kb = load_knowledge_base(edge_kb)
    # halves: writing (1, w1), shipping (5, w3); sum(w * r) = 16
    # writing 1 and shipping 4 earn 1 + 12 = 13 of 16 = 81.25 -> 81.3 (round() gives 81.2)
    assert score(kb, kb.role("halves"), {"writing": 1, "shipping": 4}).readiness == 81.3
    # writing alone: coverage 1 of 16 = 6.25 -> 6.3; shipping alone: 15 of 16 = 93.75 -> 93.8
    assert score(kb, kb.role("halves"), {"writing": 1}).coverage == 6.3
    only_shipping = score(kb, kb.role("halves"), {"shipping": 1})
    assert (only_shipping.coverage, only_shipping.readiness) == (93.8, 20.0)  # 3 of 15


def test_exactly_85_with_gaps_of_one_is_nearly_ready(edge_kb: Path) -> None:
    kb = load_knowledge_base(edge_kb)
    # boundary: sum(w * r) = 2*4 + 2*3 + 2*2 + 1*2 = 20
    # writing 4 (8), shipping 2 (4), mentoring 2 (4), influence 1 (1): 17 of 20 = 85.0, two gaps of 1
    result = score(kb, kb.role("boundary"), {"writing": 4, "shipping": 2, "mentoring": 2, "influence": 1})
    assert result.readiness == 85.0
    assert result.verdict is Verdict.nearly_ready
    # writing 3 (6), shipping 2 (4), mentoring 2 (4), influence 2 (2): 16 of 20 = 80.0, below the line
    result = score(kb, kb.role("boundary"), {"writing": 3, "shipping": 2, "mentoring": 2, "influence": 2})
    assert result.readiness == 80.0
    assert result.verdict is Verdict.developing


def test_cohort_mean_rounds_half_up(edge_kb: Path, tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    # halves: shipping 1 alone earns 3 of 15 -> 20.0; writing 1 + shipping 3 earn 10 of 16 -> 62.5
    (cohort / "a.yaml").write_text("target_role: halves\nratings: {shipping: 1}\n")
    (cohort / "b.yaml").write_text("target_role: halves\nratings: {writing: 1, shipping: 3}\n")
    result = run(["--kb", str(edge_kb), "cohort", str(cohort), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert [p["readiness"] for p in report["people"]] == [20.0, 62.5]
    assert report["summary"]["mean_readiness"] == 41.3  # 41.25, half up (half-even would give 41.2)
