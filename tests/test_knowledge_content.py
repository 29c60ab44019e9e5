"""The bundled knowledge base says what the issue promises: the ladder, the skills, Head of Product in full.

These pin content, not code: an edit to data/ that drops a promised fact fails here.
"""

from __future__ import annotations

import pytest

from pmladder.io.paths import bundled_kb_dir
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.load import load_knowledge_base

ROLE_IDS = (
    "associate-product-manager",
    "product-manager",
    "senior-product-manager",
    "group-product-manager",
    "principal-product-manager",
    "director-of-product",
    "head-of-product",
    "vp-of-product",
    "chief-product-officer",
)

HEAD_OF_PRODUCT_SALARIES = {
    "New York": (446000, "USD"),
    "San Francisco": (396000, "USD"),
    "Seattle": (332000, "USD"),
    "Austin": (300000, "USD"),
    "Toronto": (334000, "CAD"),
    "London": (99000, "GBP"),
    "Paris": (105000, "EUR"),
    "Berlin": (122000, "EUR"),
    "Tel Aviv": (548000, "ILS"),
    "Singapore": (125000, "SGD"),
    "Beijing": (1322000, "CNY"),
    "Shanghai": (657000, "CNY"),
    "Shenzhen": (589000, "CNY"),
    "Bengaluru": (4610000, "INR"),
    "Delhi": (8750000, "INR"),
}


def test_loads_with_no_errors_and_no_warnings() -> None:
    kb = load_knowledge_base(bundled_kb_dir())
    assert kb.warnings == ()
    assert kb.version


def test_twenty_to_twenty_six_skills_in_four_to_six_categories(kb: KnowledgeBase) -> None:
    assert 20 <= len(kb.skills) <= 26
    assert 4 <= len(kb.categories) <= 6
    used = {s.category for s in kb.skills}
    assert used == {c.id for c in kb.categories}, "every category holds at least one skill"


def test_scale_has_five_named_levels(kb: KnowledgeBase) -> None:
    assert [s.level for s in kb.scale] == [1, 2, 3, 4, 5]
    assert len({s.label for s in kb.scale}) == 5


@pytest.mark.parametrize("field", ["levels", "projects", "learning", "sources"])
def test_every_skill_is_complete(kb: KnowledgeBase, field: str) -> None:
    for skill in kb.skills:
        if field == "levels":
            assert len(skill.levels) == 5 and len(set(skill.levels)) == 5, skill.id
        elif field == "projects":
            assert len(skill.projects) >= 2, skill.id
        else:
            assert getattr(skill, field), skill.id


def test_the_nine_roles_with_tracks(kb: KnowledgeBase) -> None:
    assert {r.id for r in kb.roles} >= set(ROLE_IDS)
    tracks = {r.id: r.track for r in kb.roles}
    assert {tracks[r] for r in ROLE_IDS[:3]} == {"foundation"}
    assert tracks["principal-product-manager"] == "ic"
    assert {tracks[r] for r in ROLE_IDS[3:] if r != "principal-product-manager"} == {"manager"}
    assert [(t.id, t.name) for t in kb.tracks] == [("foundation", "Foundation"), ("manager", "Manager"), ("ic", "IC")]


def test_ranks_rise_along_next_roles(kb: KnowledgeBase) -> None:
    for role in kb.roles:
        for following in role.next_roles:
            assert kb.role(following).rank > role.rank, (role.id, following)
    assert kb.role("chief-product-officer").next_roles == ()


def test_head_of_product_salaries_are_exact(kb: KnowledgeBase) -> None:
    head = kb.role("head-of-product")
    assert head.salaries is not None
    figures = {f.city: (f.median, f.currency) for f in head.salaries.figures}
    assert figures == HEAD_OF_PRODUCT_SALARIES
    assert len(head.salaries.figures) == 15
    assert head.salaries.estimate is True
    assert head.salaries.source.strip()


def test_no_other_role_has_salaries(kb: KnowledgeBase) -> None:
    assert [r.id for r in kb.roles if r.salaries is not None] == ["head-of-product"]


def test_head_of_product_has_the_seven_responsibilities_of_its_source(kb: KnowledgeBase) -> None:
    """The career page's seven responsibilities come first, in its order; the second source adds leading the team."""
    seed = [
        ("vision", "roadmap"),
        ("engineering", "design"),
        ("research", "market"),
        ("strateg", "demand"),
        ("budget", "resources"),
        ("measure", "improve"),
        ("data-driven", "optimise"),
    ]
    responsibilities = [text.lower() for text in kb.role("head-of-product").responsibilities]
    for (first, second), text in zip(seed, responsibilities, strict=False):
        assert first in text and second in text, (first, second, text[:80])
    assert "lead the product team" in responsibilities[7]


def test_head_of_product_leads_to_vp_and_cpo(kb: KnowledgeBase) -> None:
    assert kb.role("head-of-product").next_roles == ("vp-of-product", "chief-product-officer")


@pytest.mark.parametrize(
    "field",
    [
        "backgrounds",
        "education",
        "transferable_skills",
        "personal_growth",
        "qualities",
        "learning_formats",
        "related_titles",
        "company_size",
        "specialisations",
        "day_to_day",
        "challenges",
        "advancement",
        "growth",
        "sources",
    ],
)
def test_head_of_product_profile_is_complete(kb: KnowledgeBase, field: str) -> None:
    assert getattr(kb.role("head-of-product"), field), field


def test_traits_and_role_projects_are_empty_in_the_bundled_data(kb: KnowledgeBase) -> None:
    """The seed's skills and qualities live in `qualities`; its four projects are skill projects."""
    for role in kb.roles:
        assert role.traits == (), role.id
        assert role.projects == (), role.id


def test_head_of_product_specialisations(kb: KnowledgeBase) -> None:
    text = " ".join(kb.role("head-of-product").specialisations).casefold()
    for area in ("growth", "data", "platform"):
        assert area in text, area


def test_head_of_product_facts_from_the_sources(kb: KnowledgeBase) -> None:
    """A few facts the source documents state plainly, checked by word so rewording stays free."""
    head = kb.role("head-of-product")
    assert list(head.transferable_skills) == [
        "Product management",
        "Leadership",
        "Strategic thinking",
        "Communication",
        "Data analysis",
    ]
    backgrounds = " ".join(head.backgrounds).casefold()
    assert all(word in backgrounds for word in ("product management", "engineering", "marketing"))
    assert "mba" in " ".join(head.education).casefold()
    related = {t.role for t in head.related_titles}
    assert {"vp-of-product", "chief-product-officer"} <= related
