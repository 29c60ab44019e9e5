"""Every fact of the two source documents has a place in the data, so none can silently disappear.

The sources are `/work/shared/seeds/000_...` (a career page on the Head of Product role) and
`001_...` (an article comparing Head of Product with Director, VP and CPO). Each row below is
one fact: where it lives (role and field, or the seed projects in skills.yaml) and a phrase,
in our own words, that must be found there (case-insensitive). Rewording is free as long as
the phrase, or a new phrase in this table, still pins the fact.
"""

from __future__ import annotations

import pytest

from pmladder.knowledge.base import KnowledgeBase

HOP = "head-of-product"

# (topic, role id or "skills", field, phrase)
FACTS: list[tuple[str, str, str, str]] = [
    # --- the career page (000) --------------------------------------------------------------
    ("definition", HOP, "summary", "leader of product management"),
    ("definition", HOP, "summary", "driver of its product innovation"),
    ("lifecycle", HOP, "scope", "from inception and development through launch to ongoing maintenance and improvement"),
    ("responsibilities", HOP, "responsibilities", "define the product vision and roadmap, and articulate them"),
    ("responsibilities", HOP, "responsibilities", "work closely with engineering, design and other teams to execute"),
    ("responsibilities", HOP, "responsibilities", "market research to identify customer needs and competitive trends"),
    ("responsibilities", HOP, "responsibilities", "product strategies that meet market demand"),
    ("responsibilities", HOP, "responsibilities", "manage the product budget and resources"),
    ("responsibilities", HOP, "responsibilities", "measure and analyse product performance to find areas to improve"),
    ("responsibilities", HOP, "responsibilities", "data-driven decisions to optimise product performance"),
    ("path", HOP, "backgrounds", "product management, engineering or marketing"),
    ("path", HOP, "backgrounds", "without ranking them"),
    (
        "path",
        HOP,
        "education",
        "computer science, engineering, or an mba with a focus on product management or technology",
    ),
    ("path", HOP, "advancement", "experience in product management or a related field"),
    ("path", HOP, "advancement", "develop strong leadership skills"),
    ("path", HOP, "advancement", "strong understanding of the product lifecycle"),
    ("path", HOP, "advancement", "online courses or degree programmes"),
    ("skills", HOP, "qualities", "technical expertise, business acumen and leadership skills"),
    ("qualities", HOP, "qualities", "strong product-management skills"),
    ("qualities", HOP, "qualities", "excellent communication and interpersonal skills"),
    ("qualities", HOP, "qualities", "strategic thinking and decision-making abilities"),
    ("qualities", HOP, "qualities", "manage multiple projects and stakeholders"),
    ("qualities", HOP, "qualities", "agile methods and project-management techniques"),
    ("qualities", HOP, "qualities", "data analysis and interpretation skills"),
    ("qualities", HOP, "qualities", "passion for product development"),
    ("qualities", HOP, "qualities", "analytical, data-driven mindset"),
    ("growth", HOP, "growth", "typically responsible for a product or product line"),
    ("growth", HOP, "growth", "can grow as the company grows"),
    ("growth", HOP, "growth", "chief product officer (cpo) and vice president of product"),
    (
        "transferable skills",
        HOP,
        "growth",
        "highly transferable to other roles in product management, engineering and marketing",
    ),
    ("day-to-day", HOP, "day_to_day", "discuss product development progress"),
    ("day-to-day", HOP, "day_to_day", "reviewing product analytics and market research"),
    ("day-to-day", HOP, "day_to_day", "cross-functional teams to develop and carry out product strategies"),
    ("day-to-day", HOP, "day_to_day", "customers and stakeholders to gather feedback"),
    ("day-to-day", HOP, "day_to_day", "presentations on the product vision and roadmap"),
    ("day-to-day", HOP, "company_size", "varies with the size and structure of the organisation"),
    ("challenges", HOP, "challenges", "managing expectations from multiple stakeholders"),
    ("challenges", HOP, "challenges", "in the absence of complete information"),
    ("challenges", HOP, "challenges", "balancing short-term and long-term goals"),
    ("challenges", HOP, "challenges", "complexities of organisational politics"),
    ("personal growth", HOP, "personal_growth", "developing strong leadership skills"),
    ("personal growth", HOP, "personal_growth", "deep understanding of the product lifecycle"),
    ("personal growth", HOP, "personal_growth", "improving strategic thinking and decision-making"),
    ("personal growth", HOP, "personal_growth", "expanding knowledge of agile methods"),
    ("personal growth", HOP, "personal_growth", "network of relationships with key stakeholders"),
    ("projects", "skills", "seed projects", "research and analyse a product's market"),
    ("projects", "skills", "seed projects", "develop a product roadmap"),
    ("projects", "skills", "seed projects", "build a prototype of a new product"),
    ("projects", "skills", "seed projects", "run a project with agile methods"),
    ("learning formats", HOP, "learning_formats", "flexible, affordable"),
    ("learning formats", HOP, "learning_formats", "lecture videos"),
    ("learning formats", HOP, "learning_formats", "projects and assignments"),
    ("learning formats", HOP, "learning_formats", "quizzes and exams"),
    ("learning formats", HOP, "learning_formats", "discussions and interactive labs"),
    ("learning formats", HOP, "learning_formats", "alone may not be enough"),
    ("salaries", HOP, "salary note", "estimates"),
    ("salaries", HOP, "salary note", "delhi (₹8,750,000) is about 1.9 times bengaluru (₹4,610,000)"),
    ("salaries", HOP, "salary note", "beijing (¥1,322,000) about twice shanghai (¥657,000)"),
    ("salaries", HOP, "salary note", "canadian dollars"),
    ("salaries", HOP, "salary figure notes", "bengalaru"),
    # --- the article (001) ------------------------------------------------------------------
    ("director", "director-of-product", "responsibilities", "data-driven decisions to tune the roadmap"),
    ("director", "director-of-product", "responsibilities", "features that deliver most value first"),
    ("director", "director-of-product", "responsibilities", "customer satisfaction"),
    ("director", "director-of-product", "responsibilities", "anticipate market shifts"),
    ("director", "director-of-product", "responsibilities", "ahead of the competition"),
    ("director", "director-of-product", "summary", "fosters innovation, streamlines how products get built"),
    ("director", "director-of-product", "summary", "business growth and long-term success"),
    (
        "director",
        "director-of-product",
        "responsibilities",
        "through visionary leadership, help the business scale, globally",
    ),
    ("director", "director-of-product", "responsibilities", "needs of different markets"),
    ("oversight", HOP, "responsibilities", "meets users' needs and adheres to the technical specifications"),
    (
        "oversight",
        HOP,
        "responsibilities",
        "regular reviews that adapt the product to feedback from users and stakeholders",
    ),
    ("oversight", HOP, "responsibilities", "culture of continuous improvement"),
    ("oversight", HOP, "responsibilities", "from the initial concept to launch"),
    ("oversight", HOP, "responsibilities", "aligns with business goals"),
    ("years", HOP, "advancement", "years of experience for each role are approximate"),
    ("years", HOP, "advancement", "some people progress faster than others"),
    ("specialisations", HOP, "specialisations", "growth products"),
    ("specialisations", HOP, "specialisations", "data products"),
    ("specialisations", HOP, "specialisations", "platform products"),
    ("specialisations", HOP, "growth", "specialise in one area of product management"),
    ("product development", HOP, "scope", "also called new product management"),
    ("product development", HOP, "scope", "new or rebranded"),
    ("company size", HOP, "company_size", "overlap with those of a vp of product or a cpo"),
    ("role", HOP, "summary", "oversees the entire product team, several product managers included"),
    ("role", HOP, "summary", "less involved in day-to-day feature development"),
    ("role", HOP, "summary", "long-term strategic vision"),
    ("role", HOP, "qualities", "user-centric approach"),
    ("role", HOP, "qualities", "customer loyalty that is vital in a competitive marketplace"),
    ("distinctions", HOP, "related_titles", "vp of product often holds a slightly higher position"),
    ("distinctions", HOP, "related_titles", "often used interchangeably"),
    ("distinctions", HOP, "company_size", "regardless of the title, head of product is an executive-level position"),
    ("challenges", HOP, "challenges", "thinking long-term while managing immediate priorities"),
    ("revenue", HOP, "summary", "revenue streams a company needs to grow"),
    ("revenue", HOP, "summary", "brand-new offering or an improvement to an existing product or service"),
    ("education", HOP, "education", "at least a bachelor's degree"),
    ("path", HOP, "backgrounds", "career aspiration for many product managers and product owners"),
    ("leading the team", HOP, "responsibilities", "digital collaboration tools"),
    ("leading the team", HOP, "responsibilities", "culture of transparency and trust"),
    (
        "leading the team",
        HOP,
        "responsibilities",
        "supported, empowered and aligned with every level of the organisation",
    ),
    ("leading the team", HOP, "challenges", "navigating multiple teams without direct authority"),
    ("leading the team", HOP, "personal_growth", "honing problem-solving"),
    ("day-to-day", HOP, "day_to_day", "removing roadblocks"),
    ("day-to-day", HOP, "day_to_day", "stakeholder meetings"),
    ("word cloud", HOP, "notes", "coding"),
    ("distinctions", HOP, "company_size", "both director of product and head of product"),
    ("distinctions", HOP, "company_size", "oversees the director of product and focuses on the larger operations"),
    ("distinctions", "director-of-product", "related_titles", "oversees the director of product"),
    ("industry", HOP, "advancement", "know your industry"),
    ("industry", HOP, "advancement", "eases the move into higher-ranking positions"),
    ("industry", "skills", "domain-fluency notes", "employers want a candidate who knows their industry"),
    ("qualities", HOP, "qualities", "strategic decision-making an essential aspect"),
    ("role", HOP, "summary", "vital to a company's success"),
    ("coordination", HOP, "responsibilities", "work and communication flow seamlessly"),
    ("strategy", HOP, "qualities", "unite diverse perspectives into a cohesive product strategy"),
    ("distinctions", HOP, "related_titles", "c-level executive responsible for ensuring that product strategy aligns"),
    ("distinctions", "chief-product-officer", "summary", "overall business goals"),
    ("data", HOP, "responsibilities", "evidence from data analytics"),
    ("data", HOP, "responsibilities", "customer pain points and market gaps, then innovate or iterate"),
    ("company size", HOP, "company_size", "consolidate these roles"),
    ("company size", HOP, "company_size", "multiple layers of product leadership"),
    ("education", HOP, "education", "business, information technology or computer science"),
    ("education", HOP, "education", "counts for more than the degree"),
]


def place(kb: KnowledgeBase, owner: str, field: str) -> str:
    """The text of one place in the data, lower-cased, list items joined."""
    if owner == "skills":
        if field == "seed projects":
            return " ".join(p.title for s in kb.skills for p in s.projects if p.origin == "seed").casefold()
        skill_id, _, attribute = field.partition(" ")
        return " ".join(getattr(kb.skill(skill_id), attribute)).casefold()
    role = kb.role(owner)
    if field == "salary note":
        assert role.salaries is not None and role.salaries.note
        return role.salaries.note.casefold()
    if field == "salary figure notes":
        assert role.salaries is not None
        return " ".join(f.note or "" for f in role.salaries.figures).casefold()
    if field == "related_titles":
        return " ".join(t.relation for t in role.related_titles).casefold()
    value = getattr(role, field)
    return (value if isinstance(value, str) else " ".join(value)).casefold()


@pytest.mark.parametrize(("topic", "owner", "field", "phrase"), FACTS, ids=[f"{t}: {p[:40]}" for t, _, _, p in FACTS])
def test_seed_fact_has_its_place(kb: KnowledgeBase, topic: str, owner: str, field: str, phrase: str) -> None:
    assert phrase in place(kb, owner, field), f"{topic}: '{phrase}' not in {owner}.{field}"


def test_every_topic_of_the_sources_is_covered() -> None:
    topics = {t for t, _, _, _ in FACTS}
    for topic in (
        "responsibilities",
        "path",
        "skills",
        "growth",
        "transferable skills",
        "day-to-day",
        "challenges",
        "personal growth",
        "qualities",
        "projects",
        "learning formats",
        "salaries",
        "distinctions",
        "specialisations",
        "education",
        "director",
    ):
        assert topic in topics, topic


def test_transferable_skills_and_next_steps_exactly(kb: KnowledgeBase) -> None:
    head = kb.role(HOP)
    assert head.transferable_skills == [
        "Product management",
        "Leadership",
        "Strategic thinking",
        "Communication",
        "Data analysis",
    ]
    assert set(head.next_roles) == {"vp-of-product", "chief-product-officer"}


def test_toronto_is_read_as_canadian_dollars_and_says_so(kb: KnowledgeBase) -> None:
    head = kb.role(HOP)
    assert head.salaries is not None
    toronto = next(f for f in head.salaries.figures if f.city == "Toronto")
    assert toronto.currency == "CAD" and toronto.note and "$" in toronto.note
