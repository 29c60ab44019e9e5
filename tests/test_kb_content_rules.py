"""The rules of the knowledge base's second edition, checked on the bundled data.

Descriptors a person can show before the title, a questionnaire short enough to answer,
projects that fit the person, and a ladder whose steps are even and whose numbers are
honest defaults. Each test names the rule it keeps; an edit that breaks one fails here.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from pmladder.io.paths import bundled_kb_dir
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.ladder import rises
from pmladder.knowledge.models import RolesFile
from pmladder.knowledge.values import Role, Setting, Skill, descriptor_text, plain

MAX_DESCRIPTOR_WORDS = 35
MAX_QUESTIONNAIRE_WORDS = 2000
CRAFT = ("specification", "ux-design", "technical-fluency")
LEADERSHIP = ("director-of-product", "head-of-product", "vp-of-product", "chief-product-officer")
# Titles a descriptor must never name: holding a job is not a behaviour one can show before it.
TITLES = ("director", "head of product", "vp", "vice president", "chief", "cpo", "ceo", "cto", "cfo", "principal")
ALIASES = {
    "associate-product-manager": ["apm"],
    "product-manager": ["pm"],
    "senior-product-manager": ["spm"],
    "group-product-manager": ["gpm"],
    "principal-product-manager": ["ppm"],
    "director-of-product": ["director"],
    "head-of-product": ["hop"],
    "vp-of-product": ["vp"],
    "chief-product-officer": ["cpo"],
}
SEED_EMPHASIS = (  # strategy, vision and roadmap, data-driven decisions, market insight, budget, stakeholders, leadership
    "product-strategy",
    "vision-roadmapping",
    "data-analysis",
    "market-research",
    "budget-resources",
    "stakeholder-management",
    "team-leadership",
)


def texts(skill: Skill) -> list[str]:
    """A skill's descriptors as text (the bundled ones are all paragraphs)."""
    return [descriptor_text(d) for d in skill.levels]


def words(text: str) -> int:
    return len(text.split())


def steps(kb: KnowledgeBase) -> list[tuple[Role, Role]]:
    return [(role, kb.role(target)) for role in kb.roles for target in role.next_roles]


# --- descriptors ----------------------------------------------------------------------------


def test_no_descriptor_names_a_role_title(kb: KnowledgeBase) -> None:
    titles = {*TITLES, *(role.name.casefold() for role in kb.roles)}
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(titles)) + r")s?\b", re.IGNORECASE)
    found = [
        (s.id, n, m.group(0)) for s in kb.skills for n, text in enumerate(texts(s), 1) if (m := pattern.search(text))
    ]
    assert found == []


def test_descriptors_are_at_most_35_words(kb: KnowledgeBase) -> None:
    long = [
        (s.id, n, words(t)) for s in kb.skills for n, t in enumerate(texts(s), 1) if words(t) > MAX_DESCRIPTOR_WORDS
    ]
    assert long == []


def test_descriptors_give_at_most_one_example(kb: KnowledgeBase) -> None:
    markers = re.compile(r"\b(such as|for example|e\.g\.)", re.IGNORECASE)
    crowded = [(s.id, n) for s in kb.skills for n, t in enumerate(texts(s), 1) if len(markers.findall(t)) > 1]
    assert crowded == []


def test_descriptors_never_describe_holding_a_job(kb: KnowledgeBase) -> None:
    """The first edition's circular descriptors, as phrases that must not come back."""
    banned = (
        "manages and coaches several",
        "peer to the",
        "holds a product p&l",
        "represents the product to",
        "investors",
    )
    found = [(s.id, b) for s in kb.skills for t in texts(s) for b in banned if b in t.casefold()]
    assert found == []


def test_head_of_product_questionnaire_is_at_most_2000_words(kb: KnowledgeBase) -> None:
    """Definitions plus the five descriptors of every skill the role requires."""
    total = sum(
        words(s.definition) + sum(words(t) for t in texts(s)) for s, _ in kb.requirements(kb.role("head-of-product"))
    )
    assert total <= MAX_QUESTIONNAIRE_WORDS, total


def test_team_rituals_live_in_one_skill_only(kb: KnowledgeBase) -> None:
    owners = {s.id for s in kb.skills for t in (s.definition, *texts(s)) if "ritual" in t.casefold()}
    assert len(owners) <= 1, owners


def test_split_skills_exist_apart(kb: KnowledgeBase) -> None:
    """Technical and domain fluency, pricing and launch, are rated separately."""
    for ident in ("technical-fluency", "domain-fluency", "business-model", "go-to-market"):
        assert kb.has_skill(ident), ident
    assert "domain" not in kb.skill("technical-fluency").name.casefold()
    assert "pric" not in " ".join(texts(kb.skill("go-to-market"))).casefold()
    assert "pric" in kb.skill("business-model").definition.casefold()


def test_the_new_skills_are_there(kb: KnowledgeBase) -> None:
    for ident in (
        "people-management",
        "ai-product-sense",
        "product-sense",
        "business-model",
        "partnerships",
        "executive-communication",
    ):
        skill = kb.skill(ident)
        assert len(set(skill.levels)) == 5 and skill.sources and len(skill.projects) >= 2, ident


# --- projects -------------------------------------------------------------------------------


def test_every_project_has_a_setting(kb: KnowledgeBase) -> None:
    assert [(s.id, p.title) for s in kb.skills for p in s.projects if p.setting is None] == []


def test_every_skill_has_a_work_project_toward_level_4_or_5(kb: KnowledgeBase) -> None:
    missing = [s.id for s in kb.skills if not any(p.setting is Setting.work and p.builds_to >= 4 for p in s.projects)]
    assert missing == []


def test_most_projects_are_done_at_work(kb: KnowledgeBase) -> None:
    settings = Counter(p.setting for s in kb.skills for p in s.projects)
    assert settings[Setting.work] > settings[Setting.outside], settings


def test_effort_never_falls_as_the_level_rises(kb: KnowledgeBase) -> None:
    """Within a skill, a project toward a higher level never takes fewer hours than one toward a lower level."""
    for skill in kb.skills:
        for low in skill.projects:
            for high in skill.projects:
                if low.builds_to < high.builds_to:
                    assert low.effort_hours <= high.effort_hours, (skill.id, low.title, high.title)


def test_no_two_projects_share_a_title(kb: KnowledgeBase) -> None:
    titles = Counter(p.title.casefold() for s in kb.skills for p in s.projects)
    assert [t for t, n in titles.items() if n > 1] == []


def test_the_seed_projects_are_skill_projects_with_level_and_effort(kb: KnowledgeBase) -> None:
    seeded = {p.title: s.id for s in kb.skills for p in s.projects if p.origin == "seed"}
    assert seeded == {
        "Research and analyse a product's market": "market-research",
        "Develop a product roadmap": "vision-roadmapping",
        "Build a prototype of a new product": "product-sense",
        "Run a project with Agile methods": "delivery",
    }


# --- the ladder -----------------------------------------------------------------------------


def test_no_step_raises_more_than_half_the_skills(kb: KnowledgeBase) -> None:
    half = len(kb.skills) // 2
    lumpy = [(a.id, b.id, len(rises(kb, a, b))) for a, b in steps(kb) if len(rises(kb, a, b)) > half]
    assert lumpy == []


def test_every_role_requires_every_skill(kb: KnowledgeBase) -> None:
    """So a step's rises are real rises, never a skill appearing from nowhere."""
    for role in kb.roles:
        assert {r.skill for r in role.requirements} == {s.id for s in kb.skills}, role.id


def test_no_level_5_with_weight_1(kb: KnowledgeBase) -> None:
    odd = [(r.id, q.skill) for r in kb.roles for q in r.requirements if q.level == 5 and q.weight == 1]
    assert odd == []


def test_head_of_product_weights_follow_the_seeds(kb: KnowledgeBase) -> None:
    weights = {q.skill: q.weight for q in kb.role("head-of-product").requirements}
    assert {skill: weights[skill] for skill in SEED_EMPHASIS} == dict.fromkeys(SEED_EMPHASIS, 3)
    levels = {q.skill: q.level for q in kb.role("head-of-product").requirements}
    assert levels["product-strategy"] >= levels["vision-roadmapping"]


def test_craft_skills_do_not_rise_for_leadership_roles(kb: KnowledgeBase) -> None:
    """Specification and technical fluency stay put from Director up (UX may rise where a CPO owns design)."""
    for source, target in steps(kb):
        if target.id in LEADERSHIP:
            for rise in rises(kb, source, target):
                assert rise.skill not in ("specification", "technical-fluency"), (source.id, target.id, rise)


def test_delegated_only_marks_a_real_fall_in_a_craft_skill(kb: KnowledgeBase) -> None:
    leads_here = {r.id: [p for p in kb.roles if r.id in p.next_roles] for r in kb.roles}
    marked = 0
    for role in kb.roles:
        for req in role.requirements:
            if req.delegated:
                marked += 1
                assert req.skill in CRAFT and role.track == "manager", (role.id, req.skill)
                before = [q.level for p in leads_here[role.id] for q in p.requirements if q.skill == req.skill]
                assert max(before) > req.level, (role.id, req.skill)
    assert marked >= 1


def test_team_leadership_weighs_no_less_for_a_cpo_than_for_a_vp(kb: KnowledgeBase) -> None:
    def weight(role: str) -> int:
        return next(q.weight for q in kb.role(role).requirements if q.skill == "team-leadership")

    assert weight("chief-product-officer") >= weight("vp-of-product")


# --- roles ----------------------------------------------------------------------------------


def test_aliases_are_the_short_names_and_resolve_uniquely(kb: KnowledgeBase) -> None:
    assert {r.id: list(r.aliases) for r in kb.roles} == ALIASES
    every = [a for r in kb.roles for a in r.aliases]
    assert len(every) == len(set(every))
    assert not set(every) & {r.id for r in kb.roles}


@pytest.mark.parametrize("role_id", list(ALIASES))
def test_every_role_has_a_bar_and_notes(kb: KnowledgeBase, role_id: str) -> None:
    role = kb.role(role_id)
    assert role.bar and "\n" not in role.bar
    assert role.notes


def test_every_skill_marks_its_inferences(kb: KnowledgeBase) -> None:
    assert [s.id for s in kb.skills if not any("inference" in n.casefold() for n in s.notes)] == []


def test_the_roles_file_says_its_numbers_are_editable_defaults() -> None:
    roles = RolesFile.model_validate(yaml.safe_load((bundled_kb_dir() / "roles.yaml").read_text(encoding="utf-8")))
    note = roles.about_block.note
    assert note is not None
    assert "default" in note.casefold() and "edit" in note.casefold()


def test_the_first_editions_distortions_are_gone(kb: KnowledgeBase) -> None:
    """Claims the sources do not make, or make differently (issue 10)."""
    text = " ".join(
        str(value) for role in kb.roles for key, value in plain(role).items() if key not in ("requirements", "salaries")
    ).casefold()
    for claim in (
        "most common",
        "whatever the company's size",
        "usually reports to",
        "vps of product usually report",
        "few companies have rungs above principal",
        "group pms and senior pms",
    ):
        assert claim not in text, claim
