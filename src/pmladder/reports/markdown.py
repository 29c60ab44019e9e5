"""GitHub-flavoured Markdown: headings, tables and checklists readable on GitHub and in a wiki."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pmladder.io.sanitize import visible
from pmladder.knowledge.values import Descriptor, Salary
from pmladder.reports.sections import (
    DEFAULTS,
    PEERS_NOTE,
    ask,
    caveat,
    contents,
    dates,
    describe_rater,
    difference_cell,
    gap_text,
    gaps_heading,
    has_profile,
    ladder_line,
    match_heading,
    meaning,
    no_gaps,
    peers_cell,
    percent,
    plan_summary,
    project_line,
    project_place,
    rating_text,
    role_line,
    role_sections,
    standing_sentence,
    suggestion_heading,
    view_cell,
    voice,
    weights_legend,
    years_text,
)

if TYPE_CHECKING:
    from pmladder.assessment.compare import Comparison
    from pmladder.assessment.match import Match
    from pmladder.assessment.plan import Plan
    from pmladder.assessment.report import Assessment
    from pmladder.knowledge.views import (
        InfoView,
        LadderView,
        PathView,
        RoleView,
        SkillsView,
        SkillView,
        ValidationView,
    )

_STRUCTURE = re.compile(r"([\\`\[\]|])")


def escape(text: object) -> str:
    """Make person-supplied or data text safe in any Markdown context, and no more.

    One line; HTML is shown as text (`<` `>` `&` as entities); `[`, `]`, backticks, `|` and
    backslashes are escaped so nothing can become a link, a code span or a table cell.
    Prose keeps its parentheses, pluses and stars as written.
    """
    flat = " ".join(visible(str(text)).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _STRUCTURE.sub(r"\\\1", flat)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> str:
    """A GFM table; `align` is one letter per column: l, r or c (default l)."""
    marks = {"l": "---", "r": "--:", "c": ":-:"}
    out = ["| " + " | ".join(headers) + " |"]
    out.append("| " + " | ".join(marks[(align or "").ljust(len(headers), "l")[i]] for i in range(len(headers))) + " |")
    out.extend("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)
    return "\n".join(out)


def descriptor_cell(descriptor: Descriptor) -> str:
    """A descriptor for a table cell: a paragraph, or criteria as bullets on lines of their own."""
    if isinstance(descriptor, str):
        return escape(descriptor)
    return "<br>".join(f"• {escape(c)}" for c in descriptor)


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {escape(item)}" for item in items)


def roles(view: LadderView) -> str:
    kb = view.kb
    years = any(r.years for r in kb.roles)  # a ladder without years has no Years column
    rows = [
        (r.rank, f"{escape(r.name)} (`{r.id}`)", escape(kb.track_name(r.track)), *([years_text(r)] if years else []))
        for r in kb.roles
    ]
    headers = ["Rank", "Role", "Track", *(["Years"] if years else [])]
    return f"# {escape(kb.name)}\n\n{table(headers, rows, 'rlll')}\n"


def salary_table(figures: Sequence[Salary]) -> str:
    rows = [(escape(f.city), escape(f.country), f"{f.median:,}", f.currency, escape(f.note or "")) for f in figures]
    return table(["City", "Country", "Median", "Currency", "Note"], rows, "llrll")


def role(view: RoleView) -> str:
    kb, role, figures = view.kb, view.role, view.salaries
    parts = [
        f"# {escape(role.name)}",
        "",
        f"`{role.id}` · {escape(role_line(kb, role))}",
        "",
    ]
    if role.summary:
        parts += [escape(role.summary), ""]
    if role.scope:
        parts += [f"**Scope:** {escape(role.scope)}", ""]
    if role.bar:
        parts += [f"**The bar:** {escape(role.bar)}", ""]
    if role.aliases:
        parts += [f"_Also accepted as: {', '.join(f'`{a}`' for a in role.aliases)}_", ""]
    for title, items in role_sections(role):
        parts += [f"## {title}", "", bullets(items), ""]
    if role.related_titles:
        parts += [
            "## Related titles",
            "",
            bullets(f"{kb.role(t.role).name}: {t.relation}" for t in role.related_titles),
            "",
        ]
    rows = [
        (escape(s.name), req.level, kb.label(req.level) + (" (delegated)" if req.delegated else ""), "★" * req.weight)
        for s, req in kb.requirements(role)
    ]
    parts += ["## Skills required", "", table(["Skill", "Level", "", "Weight"], rows, "lrll"), ""]
    parts += [f"_{weights_legend(r.weight for r in role.requirements)} {escape(caveat(kb))}_", ""]
    if role.projects:
        parts += ["## Self-guided projects", ""]
        parts += [f"- [ ] **{escape(p.title)}**: {escape(p.deliverable)}" for p in role.projects]
        parts.append("")
    if role.next_roles:
        parts += ["## Leads to", "", bullets(f"{kb.role(r).name} ({r})" for r in role.next_roles), ""]
    if figures and role.salaries:
        estimates = ", estimates" if role.salaries.estimate else ""
        parts += [f"## Salaries (median{estimates})", "", salary_table(figures), ""]
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
    levels = [
        (level, escape(kb.label(level)), descriptor_cell(text)) for level, text in enumerate(skill.levels, start=1)
    ]
    parts += ["## Levels", "", table(["Level", "", "What it looks like"], levels, "rll"), ""]
    projects = [
        (escape(p.title), escape(p.deliverable), p.builds_to, f"~{p.effort_hours} h", escape(project_place(p)))
        for p in skill.projects
    ]
    if projects:
        parts += [
            "## Self-guided projects",
            "",
            table(["Project", "Deliverable", "Builds to", "Effort", "Where"], projects, "llrrl"),
            "",
        ]
    if skill.learning:
        parts += ["## Learning", "", bullets(f"{item.format.value}: {item.suggestion}" for item in skill.learning), ""]
    needed = [(escape(r.name), req.level, req.weight) for r, req in kb.roles_needing(skill.id)]
    parts += ["## Required by", "", table(["Role", "Level", "Weight"], needed, "lrr"), ""]
    if skill.notes:
        parts += ["## Our inferences (not from a cited source)", "", bullets(skill.notes), ""]
    described = any(level.description for level in kb.scale)  # a scale of labels alone has no third column
    scale = [
        (level.level, escape(level.label), *([escape(level.description or "")] if described else []))
        for level in kb.scale
    ]
    headers = ["Level", "", *(["On any skill"] if described else [])]
    parts += ["## The scale", "", table(headers, scale, "rll"), "", f"_{escape(caveat(kb))}_", ""]
    if skill.sources:
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


def assessment(report: Assessment) -> str:
    """The gap report as GitHub-flavoured Markdown, for a wiki page, a pull request or a coach's email."""
    result, target, speaker = report.score, report.target, voice(report)
    who = escape(speaker.heading("Self-assessment"))
    route = f"{escape(report.current.name)} → {escape(target.name)}" if report.current else escape(target.name)
    parts = [f"# {who}: {route}", ""]
    parts += [f"**Readiness: {percent(result.readiness)}** · verdict: **{result.verdict.value}**", ""]
    parts += [escape(meaning(report)), "", escape(standing_sentence(report)), ""]
    dated = f", assessed on {report.answers.assessed_on.isoformat()}" if report.answers.assessed_on else ""
    ladder = ladder_line(report.ladder, report.kb_version)
    parts += [f"_{escape(ladder[0].upper() + ladder[1:])}{dated}. {escape(speaker.note)}_", ""]
    if report.suggestions:
        parts += [f"## {gaps_heading(report)}", ""]
        for n, suggestion in enumerate(report.suggestions, start=1):
            title, detail = suggestion_heading(report, n, suggestion)
            parts.append(f"{title.split('. ', 1)[0]}. **{escape(title.split('. ', 1)[1])}**: {escape(detail)}")
            if suggestion.on_the_job:
                item = suggestion.on_the_job
                parts.append(f"   - [ ] On the job ({item.format.value}): {escape(item.suggestion)}")
            parts += [f"   - [ ] {escape(project_line(p))}" for p in suggestion.projects]
        parts.append("")
    elif result.readiness is not None:
        parts += ["## No gaps", "", escape(no_gaps(report)), ""]
    if report.to_find_out:
        parts += ["## To find out", "", f"Not rated, so not counted. {escape(ask(report))}", ""]
        parts += [
            f"- **{escape(f.name)}**: the role asks for {f.required} {escape(report.label(f.required))}: {escape(f.descriptor)}"
            for f in report.to_find_out
        ]
        parts.append("")
    if result.strengths:
        parts += [
            "## Strengths",
            "",
            bullets(f"{s.name}: {s.rating}, above the {s.required} required" for s in result.strengths),
            "",
        ]
    parts += ["## Skills", "", f"_{weights_legend(s.weight for s in report.score.skills)} {DEFAULTS}_", ""]
    for category in report.categories:
        rows = [
            (
                escape(s.name),
                escape(rating_text(report, s.rating)),
                f"{s.required} {escape(report.label(s.required))}",
                "★" * s.weight,
                gap_text(s.gap),
                escape(s.evidence) if s.evidence else "",
            )
            for s in category.skills
        ]
        parts += [f"### {escape(category.name)}", ""]
        parts += [table(["Skill", speaker.column, "Required", "Weight", "Gap", "Evidence"], rows, "lllccl"), ""]
    if has_profile(report):
        parts += [f"## What {escape(target.name)} looks like", ""]
    if report.day_to_day:
        parts += ["Day to day:", "", bullets(report.day_to_day), ""]
    if report.challenges:
        parts += ["Challenges:", "", bullets(report.challenges), ""]
    if report.next_roles:
        parts += ["Where it leads:", "", bullets(r.name for r in report.next_roles), ""]
    if report.salary:
        f = report.salary
        note = " ".join(escape(x) for x in (f.note, f.table_note) if x)
        parts += [
            f"**Salary context:** median {f.median:,} {f.currency} in {escape(f.city)}"
            f" ({'an estimate; ' if f.estimate else ''}source: {escape(f.source)}).{' ' + note if note else ''}",
            "",
        ]
    return "\n".join(parts)


def info(view: InfoView) -> str:
    """`kb info` as Markdown: the about block, counts, tracks and scale."""
    kb, about = view.kb, view.kb.about
    facts = [("Version", escape(kb.version))]
    facts += [
        (label, escape(value)) for label, value in (("Source", about.source), ("Licence", about.licence)) if value
    ]
    facts.append(("Folder", escape(kb.source)))
    facts.append(("Contents", contents(kb, len(view.tracks()))))
    parts = [f"# {escape(kb.name)}", "", table(["", ""], facts), ""]
    if about.note:
        parts += [f"_{escape(about.note)}_", ""]
    tracks = [(escape(name), f"`{ident}`", count) for ident, name, count in view.tracks()]
    parts += ["## Tracks", "", table(["Track", "Id", "Roles"], tracks, "llr"), ""]
    described = any(level.description for level in kb.scale)
    scale = [
        (level.level, escape(level.label), *([escape(level.description or "")] if described else []))
        for level in kb.scale
    ]
    parts += ["## The scale", "", table(["Level", "", *(["On any skill"] if described else [])], scale, "rll"), ""]
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


def match(view: Match) -> str:
    rows = [
        (escape(r.name), f"`{r.role}`", r.rank, percent(r.readiness), f"{r.coverage:g}%", r.verdict, r.gaps)
        for r in view.roles
    ]
    parts = [f"# {escape(match_heading(view))}", ""]
    parts += [table(["Role", "Id", "Rank", "Readiness", "Coverage", "Verdict", "Gaps"], rows, "llrrrlr"), ""]
    return "\n".join(parts)


def comparison(view: Comparison) -> str:
    """Self beside manager and peers, for a 1:1."""
    who = escape(view.subject) if view.subject else "Calibration"
    parts = [f"# {who}: self and others against {escape(view.target_name)}", ""]
    raters = ", ".join(escape(describe_rater(r.rater, r.rater_name)) for r in view.raters)
    parts += [f"_Raters: {raters}. {escape(PEERS_NOTE)}_", ""]
    rows = [
        (
            escape(s.name),
            s.required,
            view_cell(s.self_rating),
            view_cell(s.manager),
            peers_cell(s),
            view_cell(s.others),
            difference_cell(s.difference),
        )
        for s in view.skills
    ]
    headers = ["Skill", "Required", "Self", "Manager", "Peers", "Others", "Self − others"]
    parts += [table(headers, rows, "lrrrrrr"), ""]
    parts += [f"**Agreement:** {percent(view.agreement)} of the skills rated by both are within one level.", ""]
    names = {s.skill: s.name for s in view.skills}
    parts += [
        "## Blind spots (self at least 2 above others)",
        "",
        bullets(names[i] for i in view.blind_spots) or "None.",
        "",
    ]
    parts += [
        "## Hidden strengths (self at least 2 below others)",
        "",
        bullets(names[i] for i in view.hidden_strengths) or "None.",
        "",
    ]
    views = [
        (label, percent(result.readiness), f"{result.coverage:g}%", result.verdict.value)
        for label, result in (
            ("Self", view.self_score),
            ("Others", view.others_score),
            ("Combined", view.combined_score),
        )
    ]
    parts += [
        "## Readiness under each view",
        "",
        table(["View", "Readiness", "Coverage", "Verdict"], views, "lrrl"),
        "",
    ]
    return "\n".join(parts)


def plan(view: Plan) -> str:
    """A dated checklist to paste into a doc or an issue."""
    who = f"{escape(view.name)}: " if view.name else ""
    parts = [f"# {who}a plan toward {escape(view.target_name)}", ""]
    parts += [escape(plan_summary(view)), ""]
    if view.items:
        parts += ["## Scheduled", ""]
        for item in view.items:
            parts.append(
                f"- [ ] **{escape(dates(item))}** · {escape(item.skill_name)}: {escape(project_line(item.project))}"
            )
            if item.on_the_job:
                parts.append(f"  - Alongside, on the job: {escape(item.on_the_job.suggestion)}")
        parts.append("")
    parts += ["## Check-ins", "", *(f"- [ ] **{c.date.isoformat()}**: {escape(c.what)}" for c in view.checkins), ""]
    if view.later:
        parts += ["## Later (beyond this budget)", ""]
        parts += [f"- {escape(i.skill_name)}: {escape(project_line(i.project))}" for i in view.later]
        parts.append("")
    return "\n".join(parts)
