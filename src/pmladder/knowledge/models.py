"""The knowledge base as typed values: the schema of `roles.yaml` and `skills.yaml`.

Every model forbids unknown keys, so a typo in a data file is an error with a place,
not a silently ignored field. Field descriptions become hover text in editors through
the committed JSON Schema.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80),
    Field(description="A kebab-case identifier, e.g. 'head-of-product'."),
]


def _shown_as_written(text: str) -> str:
    """Knowledge-base text is printed to terminals as written, so it may hold no control character."""
    if not text.isprintable():
        bad = next((c for c in text if not c.isprintable() and c != "\n"), None)
        if bad is not None:
            raise ValueError(f"contains a control or invisible character (U+{ord(bad):04X}); remove it")
    return text


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_shown_as_written)]
# strict: a whole number written as one; `true` is not level 1 and "3" or 3.0 is not 3
Level = Annotated[int, Field(strict=True, ge=1, le=5, description="A proficiency level from 1 (Aware) to 5 (Expert).")]
NOTES = (
    "Each claim here that is our inference rather than from a cited source, stated as such; "
    "everything else traces to `sources`."
)
Weight = Annotated[
    int,
    Field(strict=True, ge=1, le=3, description="How central the skill is to the role: 1 useful, 2 important, 3 core."),
]


class Strict(BaseModel):
    """Base for every data-file model: unknown keys are errors and values are immutable."""

    # defer_build: validators are built once, for the file models, not again for every nested class
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- skills.yaml -------------------------------------------------------------------------


class ScaleLevel(Strict):
    """One rung of the shared 1-5 proficiency scale."""

    level: Level
    label: Text = Field(description="A one-word name, e.g. 'Independent'.")
    description: Text = Field(description="What holds at this level for any skill.")


class Category(Strict):
    """A group of related skills; the order in the file is the order in reports."""

    id: Id
    name: Text
    description: Text


class Setting(str, Enum):
    """Where a project happens."""

    work = "work"
    outside = "outside"


class Project(Strict):
    """A self-guided project that builds a skill, in the current job or outside it."""

    title: Text
    deliverable: Text = Field(description="What the person produces and can show as evidence.")
    builds_to: Level = Field(description="The level the project builds toward.")
    effort_hours: int = Field(ge=1, le=400, description="Rough effort in hours.")
    setting: Setting | None = Field(
        default=None,
        description="'work': a stretch assignment in the current job, agreed with a manager; "
        "'outside': a side project, volunteering or public analysis.",
    )
    origin: Text | None = Field(
        default=None, description="Where the idea comes from, e.g. 'seed' for a source document."
    )


class LearningFormat(str, Enum):
    """How a person can learn, beyond projects."""

    course = "course"
    reading = "reading"
    practice = "practice"
    community = "community"
    mentoring = "mentoring"


class Learning(Strict):
    """A learning format with a concrete suggestion for this skill."""

    format: LearningFormat
    suggestion: Text


class Skill(Strict):
    """A product-management skill with what each level looks like in behaviour."""

    id: Id
    name: Text
    category: Id = Field(description="The id of a category in this file.")
    definition: Text = Field(description="One line: what the skill covers.")
    levels: tuple[Text, Text, Text, Text, Text] = Field(
        description="Five behavioural descriptors, level 1 to 5: what a person at that level actually does."
    )
    projects: list[Project] = Field(min_length=2)
    learning: list[Learning] = Field(min_length=1)
    sources: list[Text] = Field(min_length=1, description="Frameworks behind this skill, e.g. 'SFIA 9 (RLMT)'.")
    notes: list[Text] = Field(default_factory=list, description=NOTES)


class SkillsFile(Strict):
    """The whole of `skills.yaml`."""

    version: Text = Field(description="The knowledge base version; must match roles.yaml.")
    scale: tuple[ScaleLevel, ScaleLevel, ScaleLevel, ScaleLevel, ScaleLevel]
    categories: list[Category] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)


# --- roles.yaml --------------------------------------------------------------------------


class Track(str, Enum):
    """Where a role sits: the shared first rungs, or one of the two ladders above them."""

    foundation = "foundation"
    ic = "ic"
    manager = "manager"


class Years(Strict):
    """Typical years of experience; always approximate, careers vary."""

    min: int = Field(ge=0, le=50)
    max: int | None = Field(default=None, ge=0, le=50, description="Absent for an open range such as '15+'.")
    approximate: bool = True

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Years:
        if self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is more than max ({self.max}); write the smaller number as min")
        return self

    def label(self) -> str:
        """E.g. '~8-15' or '~15+' (the tilde marks an approximate range)."""
        span = f"{self.min}-{self.max}" if self.max is not None else f"{self.min}+"
        return f"~{span}" if self.approximate else span


class Requirement(Strict):
    """The level a role needs in one skill, and how much that skill weighs."""

    skill: Id
    level: Level
    weight: Weight
    delegated: bool = Field(
        default=False,
        description="Deliberately below a rung that leads here: leadership delegates this craft. "
        "Silences the ladder's 'level falls' warning.",
    )


class Salary(Strict):
    """A median salary in one city, in local currency."""

    city: Text
    country: Text
    median: int = Field(gt=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. 'GBP'.")
    note: str | None = None


class SalaryTable(Strict):
    """Salary figures with where they come from; they are estimates, never promises."""

    source: Text
    estimate: bool = True
    note: Text | None = None
    figures: list[Salary] = Field(min_length=1)


class RelatedTitle(Strict):
    """How this title relates to another product-leadership title."""

    role: Id
    relation: Text


class RoleProject(Strict):
    """A self-guided project aimed at a role as a whole rather than one skill."""

    title: Text
    deliverable: Text
    skills: list[Id] = Field(min_length=1)


class Role(Strict):
    """A rung of the product ladder and what it takes."""

    id: Id
    name: Text
    aliases: list[Id] = Field(default_factory=list, description="Short ids accepted wherever a role id is, e.g. 'hop'.")
    track: Track
    rank: int = Field(strict=True, ge=1, le=20, description="Seniority; equal ranks are parallel rungs.")
    summary: Text
    bar: Text | None = Field(
        default=None,
        description="One line: the bar the requirements set (to perform in the role, not to be hired into it).",
    )
    years: Years
    scope: Text
    responsibilities: list[Text] = Field(min_length=1)
    day_to_day: list[Text] = Field(min_length=1)
    challenges: list[Text] = Field(min_length=1)
    next_roles: list[Id] = Field(default_factory=list, description="Where the role usually leads.")
    requirements: list[Requirement] = Field(min_length=1)
    # The richer profile; Head of Product carries every fact of the source documents.
    backgrounds: list[Text] = Field(default_factory=list, description="Where people in this role come from.")
    advancement: list[Text] = Field(default_factory=list, description="How people get to this role.")
    education: list[Text] = Field(default_factory=list)
    growth: list[Text] = Field(default_factory=list, description="How the role grows, beyond next_roles.")
    transferable_skills: list[Text] = Field(default_factory=list)
    personal_growth: list[Text] = Field(default_factory=list)
    traits: list[Text] = Field(default_factory=list, description="Kept for older files; use `qualities`.")
    qualities: list[Text] = Field(
        default_factory=list, description="Skills, qualities and traits the sources name for the role (not rated)."
    )
    projects: list[RoleProject] = Field(default_factory=list)
    learning_formats: list[Text] = Field(default_factory=list)
    related_titles: list[RelatedTitle] = Field(default_factory=list)
    company_size: list[Text] = Field(default_factory=list, description="How the role changes with company size.")
    specialisations: list[Text] = Field(default_factory=list)
    salaries: SalaryTable | None = None
    sources: list[Text] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list, description=NOTES)


class RolesFile(Strict):
    """The whole of `roles.yaml`."""

    version: Text = Field(description="The knowledge base version, e.g. '2026.11'.")
    about: Text | None = Field(
        default=None, description="A note for readers of the whole ladder, e.g. how to treat its numbers."
    )
    roles: list[Role] = Field(min_length=1)
