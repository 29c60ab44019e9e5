"""Rich renderables for the terminal. Colour follows the terminal, NO_COLOR and TERM=dumb."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pmladder.commands import command
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
    role_line,
    role_sections,
    standing_sentence,
    suggestion_heading,
    summary_lines,
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

FULL, EMPTY = "█", "·"


def blocks(value: int, total: int = 5) -> str:
    """A level as blocks on a scale of `total` levels: 3 of 5 -> '███··'."""
    value = max(0, min(value, total))
    return FULL * value + EMPTY * (total - value)


def descriptor_cell(descriptor: Descriptor) -> RenderableType:
    """A descriptor for a table cell: a paragraph as written, criteria as bullets with a hanging indent."""
    if isinstance(descriptor, str):
        return descriptor
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for criterion in descriptor:
        grid.add_row("•", criterion)
    return grid


def heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def bullet_list(items: Iterable[str]) -> RenderableType:
    """Bullets with a hanging indent, so wrapped lines stay under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row("•", item)
    return Padding(grid, (0, 0, 0, 2), expand=False)


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False, show_edge=False)
    for column in columns:
        table.add_column(column)
    return table


def roles(view: LadderView) -> RenderableType:
    kb = view.kb
    years = any(r.years for r in kb.roles)  # a ladder without years has no Years column
    table = _table("Rank", "Role", "Id", "Track", *(["Years"] if years else []))
    table.columns[0].justify = "right"
    table.columns[2].no_wrap = True  # ids are what people type: never cut them
    for r in kb.roles:
        cells: list[RenderableType] = [str(r.rank), r.name, Text(r.id, style="dim"), kb.track_name(r.track)]
        table.add_row(*cells, *([years_text(r)] if years else []))
    # hints are never wrapped: a command cut over two lines cannot be copied
    hint = Text(
        f"{command('roles', 'show', 'ID')} · {command('path', 'FROM', 'TO')}",
        style="dim",
        no_wrap=True,
        overflow="ignore",
    )
    return Group(Text(kb.name, style="bold"), table, hint)


def salary_table(figures: Sequence[Salary]) -> Table:
    noted = any(f.note for f in figures)
    table = _table("City", "Country", "Median", "", *(["Note"] if noted else []))
    table.columns[2].justify = "right"
    for f in figures:
        table.add_row(
            f.city, f.country, f"{f.median:,}", f.currency, *([Text(f.note or "", style="dim")] if noted else [])
        )
    return table


def role(view: RoleView) -> RenderableType:
    kb, role, figures = view.kb, view.role, view.salaries
    parts: list[RenderableType] = [
        Text.assemble((role.name, "bold"), "  ", (role.id, "dim")),
        Text(role_line(kb, role)),
    ]
    if role.summary:
        parts += [Text(""), Text(role.summary)]
    if role.scope:
        parts.append(Text.assemble(("Scope: ", "bold"), role.scope))
    if role.bar:
        parts.append(Text.assemble(("The bar: ", "bold"), role.bar))
    if role.aliases:
        parts.append(Text(f"Also accepted as: {', '.join(role.aliases)}", style="dim"))
    for title, items in role_sections(role):
        parts += [heading(title), bullet_list(items)]
    if role.related_titles:
        parts += [
            heading("Related titles"),
            bullet_list(f"{kb.role(t.role).name}: {t.relation}" for t in role.related_titles),
        ]
    table = _table("Skill", "Level", "", "Weight")
    category = None
    for skill, req in kb.requirements(role):
        if skill.category != category:
            category = skill.category
            table.add_row(Text(kb.category(category).name, style="bold"), "", "", "")
        label = kb.label(req.level) + (" (delegated)" if req.delegated else "")
        table.add_row(f"  {skill.name}", f"{blocks(req.level, kb.levels)} {req.level}", label, "★" * req.weight)
    parts += [
        heading("Skills required"),
        table,
        Text(f"{weights_legend(r.weight for r in role.requirements)} {caveat(kb)}", style="dim"),
    ]
    if role.projects:
        parts += [heading("Self-guided projects"), bullet_list(f"{p.title}: {p.deliverable}" for p in role.projects)]
    if role.next_roles:
        parts += [heading("Leads to"), bullet_list(f"{kb.role(r).name} ({r})" for r in role.next_roles)]
    if figures and role.salaries:
        estimates = ", estimates" if role.salaries.estimate else ""
        parts += [heading(f"Salaries (median{estimates})"), salary_table(figures)]
        note = f"Source: {role.salaries.source}." + (f" {role.salaries.note}" if role.salaries.note else "")
        parts.append(Text(note, style="dim"))
    if role.sources:
        parts += [heading("Sources"), bullet_list(role.sources)]
    return Group(*parts)


def skills(view: SkillsView) -> RenderableType:
    kb = view.kb
    table = _table("Skill", "Id", "What it covers")
    for category in kb.categories:
        table.add_row(Text(category.name, style="bold"), "", "")
        for s in kb.skills:
            if s.category == category.id:
                table.add_row(f"  {s.name}", Text(s.id, style="dim"), s.definition)
    return Group(table, Text(command("skills", "show", "ID"), style="dim", no_wrap=True, overflow="ignore"))


def skill(view: SkillView) -> RenderableType:
    kb, skill = view.kb, view.skill
    levels = _table("Level", "", "What it looks like")
    for level, text in enumerate(skill.levels, start=1):
        levels.add_row(f"{blocks(level, kb.levels)} {level}", kb.label(level), descriptor_cell(text))
    described = any(rung.description for rung in kb.scale)  # a scale of labels alone has no third column
    scale = _table("Level", "", *(["On any skill"] if described else []))
    for rung in kb.scale:
        scale.add_row(str(rung.level), rung.label, *([rung.description or ""] if described else []))
    needed = _table("Role", "Level", "Weight")
    for r, req in kb.roles_needing(skill.id):
        needed.add_row(r.name, f"{blocks(req.level, kb.levels)} {req.level}", "★" * req.weight)
    parts: list[RenderableType] = [
        Text.assemble((skill.name, "bold"), "  ", (skill.id, "dim"), "  ", kb.category(skill.category).name),
        Text(skill.definition),
        heading("Levels"),
        levels,
    ]
    if skill.projects:
        projects = sorted(skill.projects, key=lambda p: p.builds_to)
        parts += [heading("Self-guided projects"), bullet_list(project_line(p) for p in projects)]
    if skill.learning:
        learning = bullet_list(f"{item.format.value}: {item.suggestion}" for item in skill.learning)
        parts += [heading("Learning"), learning]
    parts += [heading("Required by"), needed]
    if skill.notes:
        parts += [heading("Our inferences (not from a cited source)"), bullet_list(skill.notes)]
    parts += [heading("The scale"), scale, Text(caveat(kb), style="dim")]
    if skill.sources:
        parts.append(Text("Sources: " + "; ".join(skill.sources), style="dim"))
    return Group(*parts)


def path(view: PathView) -> RenderableType:
    kb, start, end, steps = view.kb, view.start, view.end, view.steps
    parts: list[RenderableType] = [Text(f"From {start.name} to {end.name}", style="bold")]
    if not steps:
        parts.append(Text("Already there: no steps."))
    for n, step in enumerate(steps, start=1):
        parts.append(heading(f"{n}. {step.source.name} → {step.target.name}"))
        if not step.rises:
            parts.append(Text("  No skill must rise; the step is about scope."))
            continue
        table = _table("Skill", "From", "To", "Rise")
        for r in step.rises:
            table.add_row(kb.skill(r.skill).name, str(r.before), str(r.after), f"+{r.by}")
        parts.append(table)
    return Group(*parts)


def readiness_bar(readiness: float | None, width: int = 30) -> Text:
    value = readiness or 0.0
    filled = round(value / 100 * width)
    style = "green" if value >= 85 else "yellow" if value >= 60 else "red"
    return Text.assemble((FULL * filled, style), (EMPTY * (width - filled), "dim"))


VERDICT_STYLE = {"ready": "bold green", "nearly ready": "bold yellow", "developing": "bold red", "incomplete": "bold"}


def _gap_text(gap: int | None) -> Text:
    if gap is None:
        return Text("?", style="dim")
    if gap == 0:
        return Text("✓", style="green")
    return Text("▼" * gap + f" {gap}", style="yellow" if gap == 1 else "red")


def assessment(report: Assessment) -> RenderableType:
    """The gap report: the judgement, top gaps with next steps, what to find out, the skills, the role.

    It ends with a short summary, so the essentials are on the last screen after scrolling.
    """
    result, target, speaker = report.score, report.target, voice(report)
    route = f"{report.current.name} → {target.name}" if report.current else target.name
    header = Group(
        Text.assemble((speaker.heading("Your assessment"), "bold"), "  ", (route, "bold cyan")),
        Text.assemble(
            ("Readiness ", "bold"),
            readiness_bar(result.readiness),
            (f" {percent(result.readiness)}  ", "bold"),
            (result.verdict.value, VERDICT_STYLE[result.verdict.value]),
        ),
        Text(meaning(report), style="dim"),
        Text(standing_sentence(report)),
        Text(ladder_line(report.ladder, report.kb_version), style="dim"),
    )
    parts: list[RenderableType] = [Panel(header, box=box.ROUNDED, expand=False)]
    if report.suggestions:
        parts.append(heading(gaps_heading(report)))
        for n, suggestion in enumerate(report.suggestions, start=1):
            title, detail = suggestion_heading(report, n, suggestion)
            parts.append(Text.assemble((title, "bold"), f"  {detail}"))
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column()
            if suggestion.on_the_job:
                item = suggestion.on_the_job
                grid.add_row(
                    Text("▸", style="cyan"),
                    Text.assemble((f"On the job ({item.format.value}): ", "bold"), item.suggestion),
                )
            for p in suggestion.projects:
                grid.add_row(Text("☐", style="cyan"), Text(project_line(p)))
            parts.append(Padding(grid, (0, 0, 0, 3), expand=False))
    elif result.readiness is not None:
        parts += [heading("No gaps"), Text(no_gaps(report))]
    if report.to_find_out:
        parts += [heading("To find out (not rated, so not counted)"), Text(ask(report), style="dim")]
        parts.append(
            bullet_list(
                f"{f.name}: the role asks for {f.required} {report.label(f.required)}: {f.descriptor}"
                for f in report.to_find_out
            )
        )
    if result.strengths:
        parts += [
            heading("Strengths"),
            bullet_list(f"{s.name}: {s.rating}, above the {s.required} required" for s in result.strengths),
        ]
    top = len(report.scale)
    for category in report.categories:
        table = _table("Skill", speaker.column, "Required", "Weight", "Gap", "Evidence", title=category.name)
        table.columns[5].overflow = "fold"
        for s in category.skills:
            you = (
                Text("not sure yet", style="dim italic")
                if s.rating is None
                else Text(f"{blocks(s.rating, top)} {s.rating}")
            )
            evidence = Text(s.evidence or "", style="italic")
            table.add_row(
                s.name, you, f"{blocks(s.required, top)} {s.required}", "★" * s.weight, _gap_text(s.gap), evidence
            )
        parts += [Text(""), table]
    parts.append(Text(f"{weights_legend(s.weight for s in report.score.skills)} {DEFAULTS}", style="dim"))
    if has_profile(report):
        parts.append(heading(f"What {target.name} looks like"))
    if report.day_to_day:
        parts += [Text("Day to day", style="italic"), bullet_list(report.day_to_day)]
    if report.challenges:
        parts += [Text("Challenges", style="italic"), bullet_list(report.challenges)]
    if report.next_roles:
        parts += [Text("Where it leads", style="italic"), bullet_list(r.name for r in report.next_roles)]
    if report.salary:
        f = report.salary
        note = " ".join(x for x in (f.note, f.table_note) if x)
        parts += [
            Text(""),
            Text.assemble(
                ("Salary context: ", "bold"),
                f"median {f.median:,} {f.currency} in {f.city} ",
                (f"({'an estimate; ' if f.estimate else ''}source: {f.source}){' ' + note if note else ''}", "dim"),
            ),
        ]
    summary = Group(*(Text(line) for line in summary_lines(report)))
    parts += [Text(""), Panel(summary, title="Summary", title_align="left", box=box.ROUNDED, expand=False)]
    return Group(*parts)


def validation(view: ValidationView) -> RenderableType:
    """`kb validate`: one line of what loaded; problems go to stderr (the CLI prints them)."""
    kb = view.kb
    if kb is None:
        return Text(f"{view.source}: {len(view.problems)} problems")
    return Text(
        f"{kb.source}: ok: {len(kb.roles)} roles, {len(kb.skills)} skills in {len(kb.categories)} categories"
        f" (version {kb.version}, {len(view.problems)} warnings)"
    )


def info(view: InfoView) -> RenderableType:
    """`kb info`: what the ladder is, how big, its tracks and its scale; absent parts left out."""
    kb, about = view.kb, view.kb.about
    facts = _table("", "")
    facts.show_header = False
    facts.add_row("Version", kb.version)
    for label, value in (("Source", about.source), ("Licence", about.licence)):
        if value:
            facts.add_row(label, value)
    facts.add_row("Folder", kb.source)
    facts.add_row("Contents", contents(kb, len(view.tracks())))
    parts: list[RenderableType] = [Text(kb.name, style="bold"), facts]
    if about.note:
        parts.append(Text(about.note, style="dim"))
    tracks = _table("Track", "Id", "Roles")
    tracks.columns[2].justify = "right"
    for ident, name, count in view.tracks():
        tracks.add_row(name, Text(ident, style="dim"), str(count))
    parts += [heading("Tracks"), tracks]
    described = any(rung.description for rung in kb.scale)
    scale = _table("Level", "", *(["On any skill"] if described else []))
    for rung in kb.scale:
        scale.add_row(str(rung.level), rung.label, *([rung.description or ""] if described else []))
    parts += [heading("The scale"), scale]
    return Group(*parts)


def match(view: Match) -> RenderableType:
    table = _table("Role", "Id", "Rank", "Readiness", "Coverage", "Verdict", "Gaps")
    for index in (2, 3, 4, 6):
        table.columns[index].justify = "right"
    table.columns[1].no_wrap = True
    for r in view.roles:
        table.add_row(
            r.name,
            Text(r.role, style="dim"),
            str(r.rank),
            percent(r.readiness),
            f"{r.coverage:g}%",
            Text(r.verdict, style=VERDICT_STYLE[r.verdict]),
            str(r.gaps),
        )
    return Group(Text(match_heading(view), style="bold"), table)


def comparison(view: Comparison) -> RenderableType:
    """Self beside manager and peers: where the views differ is the conversation to have."""
    table = _table("Skill", "Req", "Self", "Manager", "Peers", "Others", "Self − others")
    for index in range(1, 7):
        table.columns[index].justify = "right"
    for s in view.skills:
        diff = difference_cell(s.difference)
        style = "bold red" if s.skill in view.blind_spots else "bold green" if s.skill in view.hidden_strengths else ""
        table.add_row(
            s.name,
            str(s.required),
            view_cell(s.self_rating),
            view_cell(s.manager),
            peers_cell(s),
            view_cell(s.others),
            Text(diff, style=style),
        )
    names = {s.skill: s.name for s in view.skills}
    scores = _table("View", "Readiness", "Coverage", "Verdict")
    for label, result in (("Self", view.self_score), ("Others", view.others_score), ("Combined", view.combined_score)):
        scores.add_row(
            label,
            percent(result.readiness),
            f"{result.coverage:g}%",
            Text(result.verdict.value, style=VERDICT_STYLE[result.verdict.value]),
        )
    raters = ", ".join(describe_rater(r.rater, r.rater_name) for r in view.raters)
    return Group(
        Text.assemble(
            (view.subject or "Calibration", "bold"), "  ", (f"self and others against {view.target_name}", "bold cyan")
        ),
        Text(f"Raters: {raters}. {PEERS_NOTE}", style="dim"),
        table,
        Text(f"Agreement: {percent(view.agreement)} of the skills rated by both are within one level."),
        heading("Blind spots (self at least 2 above others)"),
        bullet_list(names[i] for i in view.blind_spots) if view.blind_spots else Text("None."),
        heading("Hidden strengths (self at least 2 below others)"),
        bullet_list(names[i] for i in view.hidden_strengths) if view.hidden_strengths else Text("None."),
        heading("Readiness under each view"),
        scores,
    )


def plan(view: Plan) -> RenderableType:
    """The plan as a dated list: what, when, and what waits for later."""
    who = f"{view.name}: " if view.name else ""
    parts: list[RenderableType] = [
        Text(f"{who}a plan toward {view.target_name}", style="bold"),
        Text(plan_summary(view), style="dim"),
    ]
    if view.items:
        table = _table("When", "Skill", "Step")
        table.columns[0].no_wrap = True
        for item in view.items:
            step = Text(project_line(item.project))
            if item.on_the_job:
                step.append(f"\nAlongside, on the job: {item.on_the_job.suggestion}", style="dim")
            table.add_row(dates(item), item.skill_name, step)
        parts += [heading("Scheduled"), table]
    parts += [heading("Check-ins"), bullet_list(f"{c.date.isoformat()}: {c.what}" for c in view.checkins)]
    if view.later:
        parts += [
            heading("Later (beyond this budget)"),
            bullet_list(f"{i.skill_name}: {project_line(i.project)}" for i in view.later),
        ]
    return Group(*parts)
