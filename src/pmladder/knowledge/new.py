"""`pmladder kb new`: a minimal ladder to start from, valid as it is, every field explained.

Two files, `roles.yaml` and `skills.yaml`, for a scale of 3 to 7 levels: one category, two
skills (one with paragraph descriptors, one with lists of criteria, the two shapes a
descriptor may take) and two roles on one track, the second leading on from the first.
Comments say what each field is and which are optional; `pmladder kb validate` accepts the
files as written, with no warning.
"""

from __future__ import annotations

from pathlib import Path

from pmladder.errors import PmladderError, Problem
from pmladder.io.files import display_name
from pmladder.knowledge.base import ROLES_FILE, SKILLS_FILE
from pmladder.knowledge.values import MAX_LEVELS, MIN_LEVELS

LABELS: dict[int, tuple[str, ...]] = {
    3: ("Learning", "Independent", "Expert"),
    4: ("Aware", "Guided", "Independent", "Expert"),
    5: ("Aware", "Guided", "Independent", "Advanced", "Expert"),
    6: ("Aware", "Guided", "Independent", "Advanced", "Expert", "Authority"),
    7: ("Aware", "Guided", "Practitioner", "Independent", "Advanced", "Expert", "Authority"),
}
DEFAULT_LEVELS = 5


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skills_text(levels: int) -> str:
    """The text of a new `skills.yaml` with a scale of `levels` levels."""
    labels = LABELS[levels]
    scale = "\n".join(
        f"  - level: {n}\n    label: {label}\n    description: {_quoted(f'Replace with what {label} means for any skill.')}"
        for n, label in enumerate(labels, start=1)
    )
    writing = "\n".join(
        f"      - {_quoted(f'Replace with what a person at {label} level does in writing: one paragraph.')}"
        for label in labels
    )
    discovery = "\n".join(
        f"      - - {_quoted(f'Replace with a first criterion of {label} discovery')}\n"
        f"        - {_quoted(f'Replace with a second criterion of {label} discovery')}"
        for label in labels
    )
    return f"""\
# The skills of this ladder: the proficiency scale, the categories and each skill's levels.
# `pmladder kb validate` checks this file; `pmladder kb schema skills -o skills.schema.json`
# and a first line `# yaml-language-server: $schema=skills.schema.json` give editor help.

# Optional: the version of these skills; when given, it should match roles.yaml's.
version: "0.1"

# The proficiency scale: 3 to 7 levels, lowest first. `level` is the place (1, 2, ...),
# `label` a short name shown in reports and questions, `description` (optional) what holds
# at that level for any skill.
scale:
{scale}

# Groups of skills; reports follow this order. Each has an id (lowercase words joined by
# hyphens), a name and a description.
categories:
  - id: craft
    name: Product craft
    description: "Replace with what the skills of this category have in common."

# Each skill: an id, a name, its category's id, a one-line definition, and `levels`: one
# descriptor per level of the scale, lowest first. A descriptor is a paragraph, or a list of
# criteria (shown as bullets). Optional: `projects` (title, deliverable, builds_to, effort_hours),
# `learning` (format: course, reading, practice, community or mentoring; suggestion),
# `sources` and `notes`.
skills:
  - id: writing
    name: Writing
    category: craft
    definition: "Replace with one line on what the skill covers."
    levels:
{writing}

  - id: discovery
    name: Discovery
    category: craft
    definition: "Replace with one line on what the skill covers."
    levels:
{discovery}
"""


def roles_text(levels: int, name: str) -> str:
    """The text of a new `roles.yaml` whose requirements fit a scale of `levels` levels."""
    first, second = max(1, levels // 2), max(1, levels // 2) + 1
    return f"""\
# The roles of this ladder and the level each needs in each skill of skills.yaml.
# `pmladder kb validate` checks this file; `pmladder kb schema roles -o roles.schema.json`
# and a first line `# yaml-language-server: $schema=roles.schema.json` give editor help.

# What the ladder is: its name and version identify it in answers files, drafts and history
# (an answers file written for another ladder says so); source and licence are shown by
# `pmladder kb info` and at the head of reports; note (optional) is a word to every reader.
about:
  name: {_quoted(name)}
  version: "0.1"
  source: "Replace with where the ladder comes from: a URL or a line of text."
  licence: "Replace with its licence, e.g. internal use only."

# Optional: the job families (tracks) in display order, each with a name. When listed,
# every role's track must be one of them.
tracks:
  - id: product
    name: Product management

# Each role: an id (lowercase words joined by hyphens), a name, its track, a rank (seniority
# from 1; equal ranks are parallel rungs) and requirements: per skill, the level needed
# (1 to {levels}, the scale's levels) and optionally a weight (1 to 5; 1 when left out: how
# central the skill is). `next_roles` says where a role leads; along it, required levels
# should not fall. Optional too: aliases, summary, scope, years ({{min: 2, max: 4}}),
# responsibilities, day_to_day, challenges, and the rest `pmladder kb schema roles` lists.
roles:
  - id: product-manager
    name: Product Manager
    track: product
    rank: 1
    summary: "Replace with what the role is, in a sentence or two."
    next_roles: [senior-product-manager]
    requirements:
      - {{skill: writing, level: {first}}}
      - {{skill: discovery, level: {first}, weight: 2}}

  - id: senior-product-manager
    name: Senior Product Manager
    track: product
    rank: 2
    summary: "Replace with what the role is, in a sentence or two."
    requirements:
      - {{skill: writing, level: {second}}}
      - {{skill: discovery, level: {second}, weight: 3}}
"""


def new_ladder(directory: Path, levels: int = DEFAULT_LEVELS) -> list[Path]:
    """Write a minimal ladder into `directory` (created if needed); refuse one that is not empty."""
    from pmladder.io.files import write_text

    if not MIN_LEVELS <= levels <= MAX_LEVELS:
        raise PmladderError(f"--levels {levels}: a scale has {MIN_LEVELS} to {MAX_LEVELS} levels")
    shown = display_name(directory)
    if directory.exists() and not directory.is_dir():
        raise PmladderError(Problem("exists and is not a folder; choose a new or empty folder", shown))
    if directory.is_dir() and any(directory.iterdir()):
        raise PmladderError(Problem("is not empty; choose a new or empty folder for a new ladder", shown))
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PmladderError(Problem(f"cannot create the folder: {exc.strerror or exc}", shown)) from None
    name = f"{directory.resolve().name or 'our'} ladder"
    written = []
    for file_name, text in ((ROLES_FILE, roles_text(levels, name)), (SKILLS_FILE, skills_text(levels))):
        write_text(directory / file_name, text)
        written.append(directory / file_name)
    return written
