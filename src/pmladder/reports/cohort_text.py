"""The cohort for the terminal (Rich): people, skills, a heatmap of gaps, shared gaps.

Every person-supplied string goes in as `Text`, never as markup, so a name such as
`[red]x` is shown as written. The heatmap shows digits as well as colours: it stays
readable with NO_COLOR, TERM=dumb or in a file.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from pmladder.cohort.aggregate import CohortResult, Person
from pmladder.reports.sections import ladder_line, percent
from pmladder.reports.terminal import VERDICT_STYLE

NOT_REQUIRED = "·"


def heat_style(gap: int) -> str:
    return "green" if gap == 0 else "black on yellow" if gap == 1 else "bold white on red"


def heat_cell(gap: int | None) -> Text:
    """The gap as a digit on a coloured tile; '?' marks a skill left unrated (not a gap: to find out)."""
    if gap is None:
        return Text(" ? ", style="dim")
    return Text(f" {gap} ", style=heat_style(gap))


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False, show_edge=False, collapse_padding=True
    )
    for column in columns:
        table.add_column(column)
    return table


def _biggest(p: Person) -> Text:
    biggest = p.priority_gap
    return Text(f"{biggest.name} ({biggest.gap})") if biggest else Text("none", style="dim")


def people_table(result: CohortResult) -> Table:
    """One row per person; with gates, '✗' after the readiness marks who falls short."""
    gated = result.gates.active
    table = _table("Person", "Target", "Readiness", "Verdict", "Gaps", "Biggest gap")
    table.columns[0].min_width = 6
    table.columns[1].no_wrap = True  # ids are what people type: never cut them
    table.columns[2].justify = "right"
    table.columns[2].no_wrap = True
    table.columns[4].justify = "right"
    table.columns[5].min_width = 12
    for p in result.people:
        verdict = p.score.verdict.value
        readiness = Text(percent(p.score.readiness))
        if gated:
            readiness.append(" ✗" if p.below_gate else " ✓", style="bold red" if p.below_gate else "green")
        table.add_row(
            Text(p.name),
            Text(p.target_role),
            readiness,
            Text(verdict, style=VERDICT_STYLE[verdict]),
            str(len(p.score.gaps)),
            _biggest(p),
        )
    return table


def skills_table(result: CohortResult) -> Table:
    levels = [str(level) for level in range(1, result.levels + 1)]
    table = _table("#", "Skill", "Required", "Mean", "Median", "With a gap", *levels, "?")
    for index in (0, 3, 4, 5, *range(6, 7 + len(levels))):
        table.columns[index].justify = "right"
        table.columns[index].no_wrap = True
    table.columns[1].min_width = 16
    for n, s in enumerate(result.skills, start=1):
        share_style = "red" if s.gap_share >= 50 else "yellow" if s.with_gap else "green"
        table.add_row(
            str(n),
            Text(s.name),
            s.required_text,
            "–" if s.mean is None else f"{s.mean:.1f}",
            "–" if s.median is None else f"{s.median:g}",
            Text(f"{s.with_gap}/{s.people} {s.gap_share:.0f}%", style=share_style),
            *(Text(str(count), style="dim" if count == 0 else "") for count in s.distribution[1:]),
            Text(str(s.distribution[0]), style="dim" if s.distribution[0] == 0 else ""),
        )
    return table


def heatmap(result: CohortResult) -> Table:
    """People by skills; each cell the gap in levels: green 0, yellow 1, red 2 or more."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, padding=(0, 0))
    table.add_column("Person", overflow="fold", max_width=24)
    for n in range(1, len(result.skills) + 1):
        table.add_column(str(n), justify="center", no_wrap=True, min_width=3)
    for p in result.people:
        cells: list[RenderableType] = [
            heat_cell(row.gap) if (row := p.score.find(s.skill)) else Text(NOT_REQUIRED, style="dim")
            for s in result.skills
        ]
        table.add_row(Text(p.name), *cells)
    return table


def cohort(result: CohortResult) -> RenderableType:
    """The whole cohort report for a terminal."""
    people = len(result.people)
    verdicts = Text(" · ").join(
        Text(f"{count} {verdict}", style=VERDICT_STYLE[verdict] if count else "dim")
        for verdict, count in result.verdicts.items()
    )
    lines: list[RenderableType] = [
        Text.assemble(
            (f"Cohort of {people} {'person' if people == 1 else 'people'}", "bold"),
            "  mean readiness ",
            ("–" if result.mean_readiness is None else f"{result.mean_readiness:.1f}%", "bold"),
        ),
        verdicts,
        Text(
            f"target: {', '.join(result.targets)}{' (--role)' if result.role else ''}",
            style="dim",
        ),
        Text(ladder_line(result.ladder, result.kb_version), style="dim"),
    ]
    if result.gates.active:
        short = len(result.below_gate)
        lines.append(
            Text(f"{short} below the gate", style="bold red")
            if short
            else Text("everyone passes the gate", style="green")
        )
    parts: list[RenderableType] = [Panel(Group(*lines), box=box.ROUNDED, expand=False)]
    parts += [Text(""), people_table(result)]
    if result.gates.active:
        parts.append(Text("✓ passes the gate · ✗ below the gate", style="dim"))
    parts += [Text("\nSkills", style="bold underline"), skills_table(result)]
    parts.append(
        Text(
            "Required: a range when target roles differ. Mean and median over those who rated;"
            f" 1-{result.levels}: people at each rating; ?: unrated.",
            style="dim",
        )
    )
    parts += [Text("\nHeatmap: gap by person and skill", style="bold underline"), heatmap(result)]
    parts.append(
        Text.assemble(
            heat_cell(0),
            " no gap ",
            heat_cell(1),
            " one level ",
            heat_cell(2),
            " two or more  ?: not rated, to find out  ",
            (NOT_REQUIRED, "dim"),
            ": not required. Columns: the skills numbered above.",
        )
    )
    parts.append(Text("\nMost common gaps: ideas for group workshops", style="bold underline"))
    if not result.workshops:
        parts.append(Text("Nobody has a gap: no workshop needed."))
    for n, w in enumerate(result.workshops, start=1):
        typical = "mostly unrated" if w.pitch is None else f"typically rated {w.pitch}"
        parts.append(Text.assemble((f"{n}. {w.name}", "bold"), f"  a gap for {w.with_gap} of {w.people}, {typical}"))
        for project in w.projects:
            parts.append(
                Padding(
                    Text.assemble(
                        ("☐ ", "cyan"),
                        (project.title, "bold"),
                        f": {project.deliverable} ",
                        (f"(builds toward {project.builds_to}, ~{project.effort_hours} h)", "dim"),
                    ),
                    (0, 0, 0, 3),
                    expand=False,
                )
            )
    if result.below_gate:
        parts.append(Text("\nBelow the gate", style="bold underline red"))
        for p in result.below_gate:
            parts.append(Text.assemble("  ", (p.name, "bold"), f" ({p.file}): ", "; ".join(p.below_gate)))
    if result.skipped:
        parts.append(Text("\nSkipped files", style="bold underline yellow"))
        for bad in result.skipped:
            parts.append(Text(f"  {bad.first}"))
    return Group(*parts)
