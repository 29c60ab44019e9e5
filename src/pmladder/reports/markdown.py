"""GitHub-flavoured Markdown: headings, tables and checklists readable on GitHub and in a wiki."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pmladder.knowledge.models import Salary
from pmladder.reports.sections import role_sections

if TYPE_CHECKING:
    from pmladder.assessment.report import Assessment
    from pmladder.knowledge.views import LadderView, PathView, RoleView, SkillsView, SkillView, ValidationView

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: object) -> str:
    """Make person-supplied or data text inert: no markup, no broken table, one line."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> str:
    """A GFM table; `align` is one letter per column: l, r or c (default l)."""
    marks = {"l": "---", "r": "--:", "c": ":-:"}
    out = ["| " + " | ".join(headers) + " |"]
    out.append("| " + " | ".join(marks[(align or "").ljust(len(headers), "l")[i]] for i in range(len(headers))) + " |")
    out.extend("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)
    return "\n".join(out)


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {escape(item)}" for item in items)


def roles(view: LadderView) -> str:
    kb = view.kb
    rows = [(r.rank, f"{escape(r.name)} (`{r.id}`)", r.track.value, r.years.label()) for r in kb.roles]
    return f"# The product ladder\n\n{table(['Rank', 'Role', 'Track', 'Years'], rows, 'rlll')}\n"


def salary_table(figures: Sequence[Salary]) -> str:
    rows = [(escape(f.city), escape(f.country), f"{f.median:,}", f.currency) for f in figures]
    return table(["City", "Country", "Median", "Currency"], rows, "llrl")


def role(view: RoleView) -> str:
    kb, role, figures = view.kb, view.role, view.salaries
    parts = [
        f"# {escape(role.name)}",
        "",
        f"`{role.id}` · {role.track.value} track · rank {role.rank} · {role.years.label()} years",
        "",
    ]
    parts += [escape(role.summary), "", f"**Scope:** {escape(role.scope)}", ""]
    for title, items in role_sections(role):
        parts += [f"## {title}", "", bullets(items), ""]
    if role.related_titles:
        parts += [
            "## Related titles",
            "",
            bullets(f"{kb.role(t.role).name}: {t.relation}" for t in role.related_titles),
            "",
        ]
    rows = [(escape(s.name), req.level, kb.label(req.level), req.weight) for s, req in kb.requirements(role)]
    parts += ["## Skills required", "", table(["Skill", "Level", "", "Weight"], rows, "lrlr"), ""]
    if role.projects:
        parts += ["## Self-guided projects", ""]
        parts += [f"- [ ] **{escape(p.title)}**: {escape(p.deliverable)}" for p in role.projects]
        parts.append("")
    if role.next_roles:
        parts += ["## Leads to", "", bullets(f"{kb.role(r).name} ({r})" for r in role.next_roles), ""]
    if figures and role.salaries:
        parts += ["## Salaries (median, estimates)", "", salary_table(figures), ""]
        parts += [
            f"Source: {escape(role.salaries.source)}."
            + (f" {escape(role.salaries.note)}" if role.salaries.note else ""),
            "",
        ]
    if role.sources:
        parts += ["## Sources", "", bullets(role.sources), ""]
    return "\n".join(parts)


def skills(view: SkillsView) -> str:
    kb = view.kb
    parts = ["# Skills", ""]
    for category in kb.categories:
        parts += [f"## {escape(category.name)}", "", escape(category.description), ""]
        rows = [(f"{escape(s.name)} (`{s.id}`)", escape(s.definition)) for s in kb.skills if s.category == category.id]
        parts += [table(["Skill", "What it covers"], rows), ""]
    return "\n".join(parts)


def skill(view: SkillView) -> str:
    kb, skill = view.kb, view.skill
    category = kb.category(skill.category)
    parts = [f"# {escape(skill.name)}", "", f"`{skill.id}` · {escape(category.name)}", "", escape(skill.definition), ""]
    levels = [(level, kb.label(level), escape(text)) for level, text in enumerate(skill.levels, start=1)]
    parts += ["## Levels", "", table(["Level", "", "What it looks like"], levels, "rll"), ""]
    projects = [(escape(p.title), escape(p.deliverable), p.builds_to, f"~{p.effort_hours} h") for p in skill.projects]
    parts += [
        "## Self-guided projects",
        "",
        table(["Project", "Deliverable", "Builds to", "Effort"], projects, "llrr"),
        "",
    ]
    parts += ["## Learning", "", bullets(f"{item.format.value}: {item.suggestion}" for item in skill.learning), ""]
    needed = [(escape(r.name), req.level, req.weight) for r, req in kb.roles_needing(skill.id)]
    parts += ["## Required by", "", table(["Role", "Level", "Weight"], needed, "lrr"), ""]
    parts += ["## Sources", "", bullets(skill.sources), ""]
    return "\n".join(parts)


def path(view: PathView) -> str:
    kb, start, end, steps = view.kb, view.start, view.end, view.steps
    parts = [f"# From {escape(start.name)} to {escape(end.name)}", ""]
    if not steps:
        parts += ["Already there: no steps.", ""]
    for n, step in enumerate(steps, start=1):
        parts += [f"## {n}. {escape(step.source.name)} → {escape(step.target.name)}", ""]
        if step.rises:
            rows = [(escape(kb.skill(r.skill).name), r.before, r.after, f"+{r.by}") for r in step.rises]
            parts += [table(["Skill", "From", "To", "Rise"], rows, "lrrr"), ""]
        else:
            parts += ["No skill must rise; the step is about scope.", ""]
    return "\n".join(parts)


def gap_cell(gap: int) -> str:
    return "✓" if gap == 0 else "▼" * gap


def rating_text(report: Assessment, rating: int | None) -> str:
    return "not sure yet" if rating is None else f"{rating} {report.label(rating)}"


def assessment(report: Assessment) -> str:
    """The gap report as GitHub-flavoured Markdown, for a wiki page or a coach's email."""
    result, target = report.score, report.target
    who = escape(report.name) if report.name else "Self-assessment"
    route = f"{escape(report.current.name)} → {escape(target.name)}" if report.current else escape(target.name)
    parts = [f"# {who}: {route}", ""]
    parts += [
        f"**Readiness: {result.readiness:.1f}%** · verdict: **{result.verdict.value}**"
        f" · {len(result.gaps)} of {len(result.skills)} skills below what the role requires",
        "",
    ]
    dated = f", assessed on {report.answers.assessed_on.isoformat()}" if report.answers.assessed_on else ""
    parts += [f"_Knowledge base {escape(report.kb_version)}{dated}. Ratings are a self-assessment._", ""]
    parts += ["## Skills", ""]
    for category in report.categories:
        rows = [
            (
                escape(s.name),
                rating_text(report, s.rating),
                f"{s.required} {report.label(s.required)}",
                "★" * s.weight,
                gap_cell(s.gap),
                escape(s.evidence) if s.evidence else "",
            )
            for s in category.skills
        ]
        if rows:
            parts += [f"### {escape(category.name)}", ""]
            parts += [table(["Skill", "You", "Required", "Weight", "Gap", "Evidence"], rows, "lllccl"), ""]
    if result.top_gaps:
        parts += ["## Top gaps and what to do about them", ""]
        for n, suggestion in enumerate(report.suggestions, start=1):
            s = result.by_skill(suggestion.skill)
            parts.append(
                f"{n}. **{escape(s.name)}**: you {rating_text(report, s.rating)}, the role needs {s.required}"
                f" (gap {s.gap}, weight {s.weight})"
            )
            parts += [
                f"   - [ ] **{escape(p.title)}**: {escape(p.deliverable)} (builds toward {p.builds_to}, ~{p.effort_hours} h)"
                for p in suggestion.projects
            ]
        parts.append("")
    else:
        parts += ["## No gaps", "", f"Every skill meets what {escape(target.name)} requires.", ""]
    if result.strengths:
        parts += [
            "## Strengths",
            "",
            bullets(f"{s.name}: {s.rating}, above the {s.required} required" for s in result.strengths),
            "",
        ]
    if result.unrated:
        parts += ["## Not rated yet", "", bullets(s.name for s in result.unrated), ""]
        parts += ["Unrated skills count as 0; rate them when you can to get a truer picture.", ""]
    parts += [f"## What {escape(target.name)} looks like", "", "Day to day:", "", bullets(report.day_to_day), ""]
    parts += ["Challenges:", "", bullets(report.challenges), ""]
    if report.next_roles:
        parts += ["Where it leads:", "", bullets(r.name for r in report.next_roles), ""]
    if report.salary:
        f = report.salary
        parts += [
            f"**Salary context:** median {f.median:,} {f.currency} in {escape(f.city)}"
            f" (estimate; source: {escape(f.source)}).",
            "",
        ]
    return "\n".join(parts)


def validation(view: ValidationView) -> str:
    kb = view.kb
    parts = [f"# Knowledge base {escape(view.source)}", ""]
    if kb is None:
        parts += [f"Not valid: {len(view.problems)} problems.", ""]
    else:
        parts += [
            f"Valid: {len(kb.roles)} roles, {len(kb.skills)} skills in {len(kb.categories)} categories"
            f" (version {escape(kb.version)}).",
            "",
        ]
    if view.problems:
        parts += ["## Problems", "", bullets(str(p) for p in view.problems), ""]
    return "\n".join(parts)
