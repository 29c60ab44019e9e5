"""The schema of `roles.yaml` and `skills.yaml`: what a file may hold, checked with places.

Every model forbids unknown keys, so a typo in a data file is an error with a place,
not a silently ignored field. Field descriptions become hover text in editors through
the committed JSON Schema.

The format takes a real framework as it is: a scale of 3 to 7 levels with its own labels;
per skill one descriptor per level, each a paragraph or a list of criteria; any kebab-case
job family as a role's `track`; and everything beyond ids, names, ranks and requirements
optional, so that every output simply leaves out what a ladder does not say. What the models
cannot check alone (one descriptor per scale level, levels within the scale, references) is
checked by `pmladder.knowledge.checks` once both files are read.

These models check files; commands work with the plain values of `knowledge.values` that a
valid file becomes (same fields, same order), so a warm start-up builds no model.
"""

from __future__ import annotations

from typing import Annotated, Any, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from pmladder.knowledge.fields import SCALE_BOUND, Id, Text
from pmladder.knowledge.values import MAX_LEVELS, MAX_WEIGHT, MIN_LEVELS, LearningFormat, Setting

# strict: a whole number written as one; `true` is not level 1 and "3" or 3.0 is not 3.
# The scale in use may have fewer levels than MAX_LEVELS: `checks` holds every level to it.
Level = Annotated[
    int,
    Field(
        strict=True,
        ge=1,
        le=MAX_LEVELS,
        description="A level of the ladder's scale: 1 is its lowest, and its highest is the number of levels"
        " the scale has (3 to 7).",
    ),
    SCALE_BOUND,
]
NOTES = (
    "Each claim here that is our inference rather than from a cited source, stated as such; "
    "everything else traces to `sources`."
)
Weight = Annotated[
    int,
    Field(
        strict=True,
        ge=1,
        le=MAX_WEIGHT,
        description="How central the skill is to the role, from 1 (useful) to 5; 1 when left out.",
    ),
]
Criteria = Annotated[list[Text], Field(min_length=1)]


def _descriptor_kind(value: Any) -> str:
    return "criteria" if isinstance(value, list) else "text"


Descriptor = Annotated[
    Union[Annotated[Text, Tag("text")], Annotated[Criteria, Tag("criteria")]],  # noqa: UP007 (tagged members)
    Discriminator(_descriptor_kind),
    Field(
        description="What a person at this level actually does: a paragraph, or a list of criteria (shown as bullets)."
    ),
]
"""One level of a skill: a paragraph (`str`) or a list of criteria (`list[str]`, never empty)."""


class Strict(BaseModel):
    """Base for every data-file model: unknown keys are errors and values are immutable."""

    # defer_build: validators are built once, for the file models, not again for every nested class
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- skills.yaml -------------------------------------------------------------------------


class ScaleLevel(Strict):
    """One level of the ladder's proficiency scale (3 to 7 levels, lowest first)."""

    level: Level = Field(description="Its place on the scale: 1 for the first entry, 2 for the second, and so on.")
    label: Text = Field(description="A short name, e.g. 'Independent'.")
    description: Text | None = Field(default=None, description="What holds at this level for any skill.")


class Category(Strict):
    """A group of related skills; the order in the file is the order in reports."""

    id: Id
    name: Text
    description: Text


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


class Learning(Strict):
    """A learning format with a concrete suggestion for this skill."""

    format: LearningFormat
    suggestion: Text


class Skill(Strict):
    """A skill with what each level of the scale looks like in behaviour."""

    id: Id
    name: Text
    category: Id = Field(description="The id of a category in this file.")
    definition: Text = Field(description="One line: what the skill covers.")
    levels: list[Descriptor] = Field(
        min_length=1,
        description="One descriptor per level of the scale, lowest first: what a person at that level actually"
        " does, as a paragraph or a list of criteria.",
    )
    projects: list[Project] = Field(default_factory=list, description="Self-guided projects that build the skill.")
    learning: list[Learning] = Field(default_factory=list, description="Ways to learn it beyond projects.")
    sources: list[Text] = Field(default_factory=list, description="Frameworks behind this skill, e.g. 'SFIA 9 (RLMT)'.")
    notes: list[Text] = Field(default_factory=list, description=NOTES)


class SkillsFile(Strict):
    """The whole of `skills.yaml`."""

    version: Text | None = Field(
        default=None, description="The knowledge base version; when given, it should match the ladder's."
    )
    scale: list[ScaleLevel] = Field(
        min_length=MIN_LEVELS,
        max_length=MAX_LEVELS,
        description="The proficiency scale, 3 to 7 levels, lowest first; every skill has one descriptor per level.",
    )
    categories: list[Category] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)


# --- roles.yaml --------------------------------------------------------------------------


class Track(Strict):
    """A job family (a track of the ladder) and its name, for `tracks` in roles.yaml."""

    id: Id = Field(description="The id roles give as their `track`, e.g. 'ic' or 'people-management'.")
    name: Text = Field(description="How reports name it, e.g. 'Individual contributor'.")
    description: Text | None = None


class About(Strict):
    """What the ladder is and where it comes from: shown by `pmladder kb info` and at the head of reports.

    Every key is optional. `name` and `version` identify the ladder in answers files (`kb_name`,
    `kb_version`), so a file scored against another ladder says so.
    """

    name: Text | None = Field(
        default=None, max_length=120, description="The ladder's name, e.g. 'Acme product ladder'."
    )
    version: Text | None = Field(
        default=None,
        max_length=80,
        description="The ladder's version, e.g. '2024.2'; the same as `version` at the top when both are given.",
    )
    source: Text | None = Field(default=None, description="Where the ladder comes from: a URL or a line of text.")
    licence: Text | None = Field(default=None, description="Its licence, e.g. 'CC BY 4.0' or 'internal use only'.")
    note: Text | None = Field(
        default=None, description="A note for readers of the whole ladder, e.g. how to treat its numbers."
    )


def _about_kind(value: Any) -> str:
    return "block" if isinstance(value, dict) else "note"


AboutField = Annotated[
    Union[Annotated[About, Tag("block")], Annotated[Text, Tag("note")]],  # noqa: UP007 (tagged members)
    Discriminator(_about_kind),
]


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


class Requirement(Strict):
    """The level a role needs in one skill, and how much that skill weighs."""

    skill: Id
    level: Level
    weight: Weight = 1
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
    """A rung of the ladder and what it takes; beyond id, name, track, rank and requirements, all optional."""

    id: Id
    name: Text
    aliases: list[Id] = Field(default_factory=list, description="Short ids accepted wherever a role id is, e.g. 'hop'.")
    track: Id = Field(description="The job family, any kebab-case id, e.g. 'ic'; `tracks` may give it a name.")
    rank: int = Field(strict=True, ge=1, le=20, description="Seniority; equal ranks are parallel rungs.")
    summary: Text | None = None
    bar: Text | None = Field(
        default=None,
        description="One line: the bar the requirements set (to perform in the role, not to be hired into it).",
    )
    years: Years | None = Field(default=None, description="Typical years of experience, e.g. {min: 2, max: 4}.")
    scope: Text | None = None
    responsibilities: list[Text] = Field(default_factory=list)
    day_to_day: list[Text] = Field(default_factory=list)
    challenges: list[Text] = Field(default_factory=list)
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

    version: Text | None = Field(
        default=None,
        description="The ladder's version, e.g. '2026.11'; required unless `about` gives it.",
    )
    about: AboutField | None = Field(
        default=None,
        description="The ladder's name, version, source, licence and note, e.g. {name: Acme product ladder,"
        " version: '2024.2'}; text alone is a note for readers of the whole ladder.",
    )
    tracks: list[Track] = Field(
        default_factory=list,
        description="The job families in display order, each with a name; when given, every role's track is one.",
    )
    roles: list[Role] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_version(self) -> RolesFile:
        block = self.about_block
        if block.version is not None and self.version is not None and block.version != self.version:
            raise ValueError(
                f"version '{self.version}' and about.version '{block.version}' differ; give the version once"
            )
        if block.version is None and self.version is None:
            raise ValueError("missing the ladder's version: add a line like version: '1.0' at the top")
        return self

    @property
    def about_block(self) -> About:
        """`about` as a block: a text `about` is the block's note; none is an empty block."""
        if isinstance(self.about, About):
            return self.about
        return About(note=self.about) if self.about is not None else About()

    @property
    def ladder_version(self) -> str:
        """The ladder's version: `about.version`, else `version` (the validator makes sure one is given)."""
        return self.about_block.version or self.version or ""
