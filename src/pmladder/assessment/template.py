"""An answers file to fill in with an editor: every skill a role requires, with each level of the scale.

A cohort lead hands this file out; each person replaces `null` with a rating and sends it
back for `pmladder cohort`. Like the questionnaire, it never shows the level the role
requires: seeing it anchors people, and the report reveals it. The text reads back with
`read_answers` as a valid answers file with every rating unset.
"""

from __future__ import annotations

import json
import textwrap

from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.values import Role, descriptor_lines

WIDTH = 100
EXAMPLE_EVIDENCE = "Ran the quarterly planning with sales and support"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _comment(text: str, indent: str = "", hang: str = "", lead: str = "") -> list[str]:
    """`text` as comment lines no wider than WIDTH; continuation lines get `hang` extra indent, every line `lead`."""
    prefix = f"{indent}# {lead}"
    wrapped = textwrap.wrap(
        _flat(text),
        width=WIDTH,
        initial_indent=prefix,
        subsequent_indent=prefix + hang,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return wrapped or [prefix.rstrip()]


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML), safe for any version text."""
    return json.dumps(text, ensure_ascii=False)


def answers_template(
    kb: KnowledgeBase, role: Role, *, rater: str = "self", subject: str | None = None, command: str = "pmladder"
) -> str:
    """The YAML text of an answers file for `role`: one `skill-id: null` per required skill.

    For a rater other than the person rated (a manager, a peer), the file is phrased for
    rating someone else and names the subject; `command` is how the hints run pmladder.
    """
    scale = ", ".join(f"{level.level} {level.label}" for level in kb.scale)
    if rater == "self":
        intro = [
            *_comment(f"pmladder answers file: a self-assessment against {role.name} ({role.id})."),
            "#",
            *_comment(
                f'Rate each skill from 1 to {kb.levels} by replacing null; leave null for "not sure yet": it is left out of'
                ' the score and listed under "to find out" (with too many left out, the verdict is "incomplete").'
                " Pick the highest level you can back with an example from your own work."
            ),
        ]
        people = [
            "name:           # your name as it should appear in a cohort report (optional)",
            f"current_role:   # the role id you hold today, e.g. one from '{command} roles' (optional)",
        ]
        score_it = f"# Score it:      {command} assess --answers THIS_FILE"
    else:
        whom = subject or "the person"
        intro = [
            *_comment(
                f"pmladder answers file: your ratings of {whom}, as their {rater}, against {role.name} ({role.id})."
            ),
            "#",
            *_comment(
                f"Rate each skill from 1 to {kb.levels} by replacing null, for what you have seen {whom} do;"
                ' leave null for "not observed". Peers are only ever shown as a mean of at least 3 peers, never one by one.'
            ),
        ]
        people = [
            f"rater: {rater}",
            "rater_name:     # your name (optional)",
            f"subject: {_quoted(subject) if subject else '   # the name of the person you rate'}",
        ]
        score_it = f"# Compare:       {command} compare THEIR_FILE THIS_FILE [OTHER_FILES...]"
    lines = [
        *intro,
        *_comment(f"Scale: {scale}."),
        *(
            line
            for level in kb.scale
            if level.description
            for line in _comment(f"  {level.level} {level.label}: {level.description}", hang="    ")
        ),
        "#",
        score_it,
        f"# Editor help:   {command} schema answers -o answers.schema.json, then make this the first line:",
        "#                # yaml-language-server: $schema=answers.schema.json",
        "",
        *people,
        f"target_role: {role.id}",
        f"kb_name: {_quoted(kb.name)}",
        f"kb_version: {_quoted(kb.version)}",
        "",
        "ratings:",
    ]
    requirements = kb.requirements(role)
    category = None
    for skill, _ in requirements:
        if skill.category != category:
            category = skill.category
            lines += ["", f"  # ==== {_flat(kb.category(category).name)} ===="]
        lines += ["", *_comment(f"{skill.name}: {skill.definition}", "  ")]
        for level, descriptor in enumerate(skill.levels, start=1):
            first, *more = descriptor_lines(descriptor)
            if more:  # a list of criteria: one bullet each, under the level's name
                lines += _comment(f"{level} {kb.label(level)}:", "  ")
                for criterion in (first, *more):
                    lines += _comment(f"- {criterion}", "  ", hang="  ", lead="    ")
            else:
                lines += _comment(f"  {level} {kb.label(level)}: {first}", "  ", hang="    ")
        lines.append(f"  {skill.id}: null")
    example = requirements[0][0].id if requirements else "skill-id"
    lines += [
        "",
        "# Optional: for ratings of 3 or more, what shows it (a project, a result, a document).",
        "# Uncomment the two lines below and add one line per skill.",
        "# evidence:",
        f"#   {example}: {_quoted(EXAMPLE_EVIDENCE)}",
        "",
    ]
    return "\n".join(lines)
