"""`pmladder template`: an answers file to fill in with an editor, and back through `cohort`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SMALL_KB, run
from pmladder.assessment.answers_file import parse_answers, read_answers
from pmladder.assessment.template import WIDTH, answers_template
from pmladder.knowledge.base import KnowledgeBase


def small(*args: str) -> list[str]:
    return ["--kb", str(SMALL_KB), "template", *args]


def test_template_lists_every_required_skill_with_its_five_levels(small_kb: KnowledgeBase) -> None:
    result = run(small("--role", "lead"))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# pmladder answers file: a self-assessment against Lead PM (lead).\n")
    assert "\ntarget_role: lead\n" in text
    assert '\nkb_version: "test-1"\n' in text
    assert re.findall(r"^  ([a-z-]+): null$", text, flags=re.MULTILINE) == [
        "writing",
        "shipping",
        "mentoring",
        "influence",
    ]
    # each skill is preceded by its name, definition and five levels, in order
    block = text.split("  writing: null")[0].rsplit("\n\n", 1)[1]
    assert block.splitlines() == [
        "  # Writing: Writes clear specs.",
        "  # 1 Aware: w1 reads specs",
        "  # 2 Guided: w2 drafts with a template",
        "  # 3 Independent: w3 writes alone",
        "  # 4 Advanced: w4 sets structure for a team",
        "  # 5 Expert: w5 defines the org standard",
    ]
    assert "# evidence:" in text  # optional guidance, commented out
    assert "needs" not in text and "required" not in text.lower()  # never anchors the rating


def test_template_reads_back_with_every_rating_unset(small_kb: KnowledgeBase, kb: KnowledgeBase) -> None:
    answers = parse_answers(answers_template(small_kb, small_kb.role("chief")), "t.yaml", small_kb)
    assert answers.target_role == "chief"
    assert (answers.name, answers.current_role, answers.evidence) == (None, None, {})
    assert answers.ratings == {"writing": None, "shipping": None, "mentoring": None, "influence": None}
    for role in kb.roles:  # the bundled knowledge base too: long descriptors wrap, still valid
        text = answers_template(kb, role)
        answers = parse_answers(text, f"{role.id}.yaml", kb)
        assert answers.ratings == {req.skill: None for req in role.requirements}
        assert max(len(line) for line in text.splitlines()) <= WIDTH


def test_output_file_is_written_and_not_overwritten_without_force(tmp_path: Path, small_kb: KnowledgeBase) -> None:
    target = tmp_path / "cohort" / "ada.yaml"
    result = run(small("--role", "junior", "--output", str(target)))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    assert read_answers(target, small_kb).target_role == "junior"
    target.write_text("target_role: junior\nratings: {writing: 2}\n")
    result = run(small("--role", "junior", "--output", str(target)))
    assert result.exit_code == 2
    assert result.stderr.endswith("ada.yaml: already exists; pass --force to overwrite it\n")
    assert "writing: 2" in target.read_text()
    assert run(small("--role", "junior", "--output", str(target), "--force")).exit_code == 0
    assert "writing: null" in target.read_text()


def test_output_dash_is_stdout() -> None:
    assert run(small("--role", "lead", "-o", "-")).stdout == run(small("--role", "lead")).stdout


def test_unknown_role_is_an_error_with_a_suggestion() -> None:
    result = run(small("--role", "leed"))
    assert result.exit_code == 2
    assert result.stderr == "error: unknown role 'leed' (did you mean 'lead'?)\n"
    assert run(small()).exit_code == 2  # --role is required


@pytest.mark.parametrize("role", ["lead", "junior"])
def test_fill_in_the_template_and_score_it_with_cohort(role: str, tmp_path: Path) -> None:
    folder = tmp_path / "cohort"
    for person, ratings in {"ada": {"writing": 3, "shipping": 2}, "bo": {"writing": 2}}.items():
        path = folder / f"{person}.yaml"
        assert run(small("--role", role, "-o", str(path))).exit_code == 0
        text = path.read_text().replace("name:   ", f"name: {person.title()}")
        for skill, rating in ratings.items():
            text = text.replace(f"  {skill}: null", f"  {skill}: {rating}")
        path.write_text(text)
    result = run(["--kb", str(SMALL_KB), "cohort", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    people = json.loads(result.stdout)["people"]
    assert [p["name"] for p in people] == ["Ada", "Bo"]
    if role == "lead":
        # lead: Ada rates writing (3, w2) and shipping (4, w3): 2*3 + 3*2 = 12 of 18 -> 66.7;
        # Bo writing 2 of 3: 2*2 = 4 of 6 -> 66.7 (only what is rated counts; coverage says how much that is)
        assert [(p["readiness"], p["coverage"]) for p in people] == [(66.7, 72.0), (66.7, 24.0)]
    else:
        # junior (sum 12): Ada writing 3 capped at 2 -> 6, shipping 2 -> 4: 10 of 10; Bo 2*3 = 6 of 6
        assert [(p["readiness"], p["coverage"]) for p in people] == [(100.0, 83.3), (100.0, 50.0)]
    assert people[1]["unrated"] == ["shipping", "mentoring", "influence"]


def test_the_template_explains_the_scale(kb: KnowledgeBase) -> None:
    text = answers_template(kb, kb.role("head-of-product"))
    flat = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
    for level in kb.scale:
        assert f"{level.level} {level.label}: {' '.join((level.description or '').split())}" in flat
