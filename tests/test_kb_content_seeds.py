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
    (
        "lifecycle",
        HOP,
        "scope",
        "from the first idea through development and launch to maintaining and improving the product",
    ),
    ("responsibilities", HOP, "responsibilities", "set the product vision and roadmap, and explain them"),
    (
        "responsibilities",
        HOP,
        "responsibilities",
        "hand in hand with engineering, design and the other functions to turn the vision into product",
    ),
    (
        "responsibilities",
        HOP,
        "responsibilities",
        "research the market to learn what customers need and where competitors are heading",
    ),
    ("responsibilities", HOP, "responsibilities", "product strategies that answer market demand and carry them out"),
    (
        "responsibilities",
        HOP,
        "responsibilities",
        "manage the product budget and decide where the product's resources go",
    ),
    (
        "responsibilities",
        HOP,
        "responsibilities",
        "measure and analyse how the product performs to find what to improve",
    ),
    ("responsibilities", HOP, "responsibilities", "data-driven decisions that optimise product performance"),
    ("path", HOP, "backgrounds", "product management, engineering or marketing"),
    ("path", HOP, "backgrounds", "without ranking them"),
    (
        "path",
        HOP,
        "education",
        "computer science, engineering, or an mba focused on product management or technology",
    ),
    ("path", HOP, "advancement", "experience in product management or an adjacent field"),
    ("path", HOP, "advancement", "grow strong leadership skills"),
    ("path", HOP, "advancement", "learn the product lifecycle thoroughly"),
    ("path", HOP, "advancement", "through online courses or a degree programme"),
    (
        "skills",
        HOP,
        "qualities",
        "technical know-how, commercial judgement (business acumen) and leadership, in combination",
    ),
    ("qualities", HOP, "qualities", "strong product-management skills"),
    ("qualities", HOP, "qualities", "excellent communication and people skills"),
    ("qualities", HOP, "qualities", "strategic thinking and sound decision-making"),
    ("qualities", HOP, "qualities", "juggling several projects and many stakeholders at once"),
    ("qualities", HOP, "qualities", "agile methods and project-management techniques"),
    ("qualities", HOP, "qualities", "skill in analysing and interpreting data"),
    ("qualities", HOP, "qualities", "a passion for building products"),
    ("qualities", HOP, "qualities", "analytical, data-driven mindset"),
    ("growth", HOP, "growth", "usually answers for one product or a product line"),
    ("growth", HOP, "growth", "can widen as the company grows"),
    ("growth", HOP, "growth", "chief product officer (cpo) and vice president (vp) of product"),
    (
        "transferable skills",
        HOP,
        "growth",
        "carry over well to other jobs in product management, engineering and marketing",
    ),
    ("day-to-day", HOP, "day_to_day", "check progress on product development"),
    ("day-to-day", HOP, "day_to_day", "going through product analytics and market research"),
    ("day-to-day", HOP, "day_to_day", "cross-functional teams to shape product strategies and put them into practice"),
    ("day-to-day", HOP, "day_to_day", "customers and stakeholders to hear their feedback"),
    ("day-to-day", HOP, "day_to_day", "presenting the product vision and roadmap"),
    ("day-to-day", HOP, "company_size", "depends on how big the organisation is and how it is structured"),
    ("challenges", HOP, "challenges", "many stakeholders' expectations in hand at once"),
    ("challenges", HOP, "challenges", "data-driven decisions when the information is incomplete"),
    ("challenges", HOP, "challenges", "weighing short-term goals against long-term ones"),
    ("challenges", HOP, "challenges", "complexities of organisational politics"),
    ("personal growth", HOP, "personal_growth", "growing into a strong leader"),
    ("personal growth", HOP, "personal_growth", "understanding the product lifecycle in depth"),
    ("personal growth", HOP, "personal_growth", "sharper strategic thinking and decision-making"),
    ("personal growth", HOP, "personal_growth", "wider knowledge of agile methods and project-management techniques"),
    ("personal growth", HOP, "personal_growth", "wider network among the stakeholders who matter most"),
    ("projects", "skills", "seed projects", "research and analyse a product's market"),
    ("projects", "skills", "seed projects", "develop a product roadmap"),
    ("projects", "skills", "seed projects", "build a prototype of a new product"),
    ("projects", "skills", "seed projects", "run a project with agile methods"),
    ("learning formats", HOP, "learning_formats", "flexible, affordable"),
    ("learning formats", HOP, "learning_formats", "video lectures covering many product-management topics"),
    ("learning formats", HOP, "learning_formats", "projects and assignments"),
    ("learning formats", HOP, "learning_formats", "quizzes and exams"),
    ("learning formats", HOP, "learning_formats", "discussions and interactive labs"),
    ("learning formats", HOP, "learning_formats", "on their own they are unlikely to prepare you fully"),
    ("salaries", HOP, "salary note", "estimates"),
    ("salaries", HOP, "salary note", "delhi (₹8,750,000) is about 1.9 times bengaluru (₹4,610,000)"),
    ("salaries", HOP, "salary note", "beijing (¥1,322,000) about twice shanghai (¥657,000)"),
    ("salaries", HOP, "salary note", "canadian dollars"),
    ("salaries", HOP, "salary figure notes", "bengalaru"),
    # --- the article (001) ------------------------------------------------------------------
    ("director", "director-of-product", "responsibilities", "tuning the roadmap with data"),
    ("director", "director-of-product", "responsibilities", "features worth most come first"),
    ("director", "director-of-product", "responsibilities", "customer satisfaction"),
    ("director", "director-of-product", "responsibilities", "read market shifts early"),
    ("director", "director-of-product", "responsibilities", "stays ahead of them"),
    ("director", "director-of-product", "summary", "keeps innovation going, makes development run smoother"),
    ("director", "director-of-product", "summary", "business growth that lasts"),
    (
        "director",
        "director-of-product",
        "responsibilities",
        "help the business grow, abroad too, through far-sighted leadership",
    ),
    ("director", "director-of-product", "responsibilities", "what different markets need"),
    ("oversight", HOP, "responsibilities", "meets users' needs and the technical specification"),
    (
        "oversight",
        HOP,
        "responsibilities",
        "regular reviews that adapt the product to what users and stakeholders report",
    ),
    ("oversight", HOP, "responsibilities", "habit of continuous improvement"),
    ("oversight", HOP, "responsibilities", "from first concept to launch"),
    ("oversight", HOP, "responsibilities", "in line with customer needs and business goals"),
    ("years", HOP, "advancement", "treat years of experience as approximate"),
    ("years", HOP, "advancement", "some people move up faster than others"),
    ("specialisations", HOP, "specialisations", "growth products"),
    ("specialisations", HOP, "specialisations", "data products"),
    ("specialisations", HOP, "specialisations", "platform products"),
    ("specialisations", HOP, "growth", "specialise in one area of product management"),
    ("product development", HOP, "scope", "also called new product management"),
    ("product development", HOP, "scope", "relaunched under a new brand"),
    ("company size", HOP, "company_size", "overlaps with a vp of product's or a cpo's"),
    ("role", HOP, "summary", "leads the whole product team, product managers among them"),
    ("role", HOP, "summary", "less time on day-to-day feature work"),
    ("role", HOP, "summary", "where the product should go in the long run"),
    ("role", HOP, "qualities", "user-centred approach"),
    ("role", HOP, "qualities", "customer loyalty that counts in a competitive market"),
    ("distinctions", HOP, "related_titles", "the vp often sits slightly higher"),
    ("distinctions", HOP, "related_titles", "often used interchangeably"),
    ("distinctions", HOP, "company_size", "calls head of product an executive-level position whatever the title"),
    ("challenges", HOP, "challenges", "keeping the long view while handling immediate priorities"),
    ("revenue", HOP, "summary", "revenue streams a company needs to grow"),
    ("revenue", HOP, "summary", "brand-new offering or an improvement to an existing product or service"),
    ("education", HOP, "education", "at least a bachelor's degree"),
    (
        "path",
        HOP,
        "backgrounds",
        "many product managers and product owners set their sights on becoming a head of product",
    ),
    ("leading the team", HOP, "responsibilities", "digital collaboration tools"),
    ("leading the team", HOP, "responsibilities", "build trust and openness into the team's culture"),
    (
        "leading the team",
        HOP,
        "responsibilities",
        "supported, empowered and aligned with every level of the organisation",
    ),
    ("leading the team", HOP, "challenges", "steering several teams you have no direct authority over"),
    (
        "leading the team",
        HOP,
        "personal_growth",
        "problem-solving sharpened by leading teams you have no direct authority over",
    ),
    ("day-to-day", HOP, "day_to_day", "clear whatever blocks them"),
    ("day-to-day", HOP, "day_to_day", "stakeholder meetings"),
    ("word cloud", HOP, "notes", "coding"),
    ("distinctions", HOP, "company_size", "hold the director and head-of-product jobs together"),
    (
        "distinctions",
        HOP,
        "company_size",
        "oversees the directors of product and runs the product organisation as a whole",
    ),
    ("distinctions", "director-of-product", "related_titles", "oversees the directors of product"),
    ("industry", HOP, "advancement", "know your industry"),
    ("industry", HOP, "advancement", "step up to higher-ranking positions easier"),
    ("industry", "skills", "domain-fluency notes", "employers want a candidate who knows their industry"),
    ("qualities", HOP, "qualities", "counts strategic decision-making as a core part of the role"),
    ("role", HOP, "summary", "matter so much to a company's success"),
    ("coordination", HOP, "responsibilities", "work and communication flow without friction"),
    ("strategy", HOP, "qualities", "pulling differing viewpoints together into one coherent product strategy"),
    (
        "distinctions",
        HOP,
        "related_titles",
        "c-level executive who makes sure product strategy serves the company's overall business goals",
    ),
    ("distinctions", "chief-product-officer", "summary", "overall business goals"),
    ("data", HOP, "responsibilities", "back every strategic move with evidence from analytics"),
    ("data", HOP, "responsibilities", "customer pain points and gaps in the market, then innovate or iterate"),
    ("company size", HOP, "company_size", "fold these leadership roles into one"),
    ("company size", HOP, "company_size", "several layers of product leadership"),
    ("education", HOP, "education", "business, information technology or computer science"),
    ("education", HOP, "education", "counts for more than which degree you hold"),
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
    assert list(head.transferable_skills) == [
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
