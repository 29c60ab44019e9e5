"""The judgement reads right for the people it is for (issue: an honest judgement).

Ratings are made from the bundled ladder itself, so the cases hold as the content is edited:
a Senior PM rated exactly at the Senior bar, a Group PM at theirs, and 'not sure' answers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import run
from pmladder import api
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.ladder import career_path


def at_bar(kb: KnowledgeBase, role_id: str) -> dict[str, int]:
    """Every skill of the ladder rated exactly at the role's requirement (1 where it requires nothing)."""
    required = {req.skill: req.level for req in kb.role(role_id).requirements}
    return {skill.id: required.get(skill.id, 1) for skill in kb.skills}


def assess(kb: KnowledgeBase, ratings: dict[str, int | None], target: str) -> api.Assessment:
    answers = api.Answers(target_role=target, ratings=ratings)
    return api.assess(answers, kb)


def test_a_senior_pm_at_the_senior_bar_meets_senior_and_sees_the_steps(kb: KnowledgeBase) -> None:
    report = assess(kb, dict(at_bar(kb, "senior-product-manager")), "head-of-product")
    steps = career_path(kb, "senior-product-manager", "head-of-product")
    assert report.standing.meets == "senior-product-manager"
    assert report.standing.steps_to_target == len(steps) == 3
    assert report.standing.path == ("senior-product-manager", *(s.target.id for s in steps))
    assert report.score.verdict.value == "developing"
    text = run(
        ["assess", "--answers", "-", "--format", "markdown"],
        input=yaml.safe_dump(report.answers.model_dump(mode="json")),
    ).stdout
    assert "Your ratings meet the bar of Senior Product Manager. Head of Product is 3 steps up:" in text


def test_a_group_pm_at_their_bar_is_not_nearly_ready_for_head_of_product(kb: KnowledgeBase) -> None:
    report = assess(kb, dict(at_bar(kb, "group-product-manager")), "head-of-product")
    assert report.score.verdict.value == "developing"
    assert report.standing.meets == "group-product-manager"
    assert report.standing.steps_to_target == 2


def test_at_the_bar_is_ready_and_one_not_sure_is_never_a_gap_or_a_project(kb: KnowledgeBase) -> None:
    ratings: dict[str, int | None] = dict(at_bar(kb, "head-of-product"))
    ready = assess(kb, ratings, "head-of-product")
    assert (ready.score.readiness, ready.score.coverage, ready.score.verdict.value) == (100.0, 100.0, "ready")
    assert ready.standing.meets == "head-of-product" and ready.standing.steps_to_target == 0
    unsure = next(iter(ratings))
    ratings[unsure] = None
    report = assess(kb, ratings, "head-of-product")
    assert report.score.readiness == 100.0
    assert report.score.verdict.value == "nearly ready"  # not 'ready' until every skill is rated
    assert unsure not in report.score.gaps
    assert all(s.skill != unsure for s in report.suggestions)
    assert [f.skill for f in report.to_find_out] == [unsure]


def test_what_the_percentage_means_is_said_under_it(kb: KnowledgeBase, tmp_path: Path) -> None:
    ratings: dict[str, int | None] = dict(at_bar(kb, "senior-product-manager"))
    first, second = list(ratings)[:2]
    ratings[first] = ratings[second] = None
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump({"target_role": "head-of-product", "ratings": ratings}))
    text = run(["assess", "--answers", str(path), "--format", "markdown"]).stdout
    report = json.loads(run(["assess", "--answers", str(path), "--format", "json"]).stdout)
    assert (
        "Readiness is the share of what Head of Product requires that your ratings reach, weighted by how central"
        f" each skill is; 2 skills you were not sure about are left out (coverage {report['coverage']:g}%)."
    ) in text


def test_the_terminal_report_ends_with_the_essentials(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump({"target_role": "head-of-product", "ratings": at_bar(kb, "senior-product-manager")}))
    lines = run(["assess", "--answers", str(path)]).stdout.rstrip().splitlines()
    tail = "\n".join(lines[-10:])
    assert "Summary" in tail and "Readiness" in tail and "Top gaps:" in tail
    assert "Your ratings meet the bar of Senior Product Manager." in tail
    assert lines[-2] == f"Answers file: {path}"
    assert lines[-1] == f"A Markdown report for a coach: pmladder assess --answers {path} -o report.md"


def test_every_hint_runs_as_printed(kb: KnowledgeBase, tmp_path: Path) -> None:
    """The installed command, invoked by path as after the Quick start: its hints name it the same way."""
    program = Path(sys.executable).with_name("pmladder")
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump({"target_role": "hop", "ratings": at_bar(kb, "senior-product-manager")}))
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "60"}
    done = subprocess.run(
        [str(program), "assess", "--answers", "me.yaml"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    hint = done.stdout.rstrip().splitlines()[-1].split(": ", 1)[1]
    assert hint.startswith(str(program))
    again = subprocess.run(hint, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "report.md").read_text().startswith("# Self-assessment: Head of Product")


def test_match_orders_every_role_by_readiness(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump({"target_role": "head-of-product", "ratings": at_bar(kb, "senior-product-manager")}))
    roles = json.loads(run(["match", "--answers", str(path), "--format", "json"]).stdout)["roles"]
    assert {r["role"] for r in roles} == {r.id for r in kb.roles}
    assert list(roles[0]) == ["role", "name", "rank", "readiness", "coverage", "verdict", "gaps"]
    keys = [(-r["readiness"], -r["rank"]) for r in roles]
    assert keys == sorted(keys)
    senior = next(r for r in roles if r["role"] == "senior-product-manager")
    assert (senior["readiness"], senior["verdict"], senior["gaps"]) == (100.0, "ready", 0)


def test_a_typo_of_an_alias_suggests_the_alias(kb: KnowledgeBase, tmp_path: Path) -> None:
    """'hopp' is nearer 'hop' than any id: the suggestion names what was probably meant."""
    shown = run(["roles", "show", "hopp"])
    assert shown.exit_code == 2
    assert shown.stderr == "error: unknown role 'hopp' (did you mean 'hop'?)\n"
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump({"target_role": "hopp", "ratings": at_bar(kb, "senior-product-manager")}))
    line = path.read_text().splitlines().index("target_role: hopp") + 1
    read = run(["assess", "--answers", str(path)])
    assert read.exit_code == 2
    assert f"{path}:{line}:14: unknown role 'hopp' (did you mean 'hop'?)" in read.stderr
    far = run(["roles", "show", "xyz"])
    assert "choose one of: associate-product-manager" in far.stderr and "hop," not in far.stderr  # ids only
