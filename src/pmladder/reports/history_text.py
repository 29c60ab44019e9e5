"""History, diff and progress for the terminal (Rich). Names and evidence go in as `Text`, never markup."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from pmladder.commands import command, quoted_command
from pmladder.history.diff import Diff
from pmladder.history.progress import Progress
from pmladder.history.views import HistoryView, StoredReport
from pmladder.reports.sections import (
    HELD,
    NO_CHANGE,
    ReportVoice,
    describe_rater,
    diff_basis,
    empty_history,
    held_text,
    ladder_name,
    level_sparkline,
    percent,
    signed,
    sparkline,
    stored_note,
    who,
)
from pmladder.reports.terminal import VERDICT_STYLE, _table, blocks, bullet_list, heading


def _verdict(value: str) -> Text:
    return Text(value, style=VERDICT_STYLE.get(value, ""))


def history(view: HistoryView) -> RenderableType:
    """`pmladder history`: one row per stored assessment, oldest first."""
    title = Text.assemble(("Your history", "bold"), (f" · {ladder_name(view.ladder)} · {view.database}", "dim"))
    if not view.rows:
        more = "." if view.ladder is None else f" ({quoted_command('history', '--all')} lists every ladder's)."
        return Group(title, Text(empty_history() + more))
    raters = any(r.rater != "self" for r in view.rows)
    columns = ["Id", "Date", "Who", *(["Rater"] if raters else []), "Target", "Readiness", "Change", "Verdict"]
    if view.ladder is None:
        columns.append("Ladder")
    table = _table(*columns)
    table.columns[-1].overflow = "fold"  # a ladder's folder is shown whole
    for column in table.columns:
        if column.header in ("Id", "Readiness", "Change"):
            column.justify = "right"
    for r in view.rows:
        cells: list[Any] = [
            str(r.id),
            r.date,
            Text(who(r.name)),
            *([Text(describe_rater(r.rater, r.rater_name))] if raters else []),
        ]
        cells += [Text(r.target_name), percent(r.readiness), signed(r.change), _verdict(r.verdict)]
        if view.ladder is None:
            cells.append(Text(r.ladder, style="dim"))
        table.add_row(*cells)
    hint = Text(
        " · ".join([command("history", "show", "ID"), command("diff", "ID", "ID"), command("progress")]),
        style="dim",
        no_wrap=True,
        overflow="ignore",
    )
    return Group(title, table, hint)


def stored(view: StoredReport) -> RenderableType:
    """`history show ID` when the ladder has changed: the report as stored, plainly."""
    head = Text.assemble(
        (view.name or "Assessment", "bold"),
        "  ",
        (f"{view.current_role or '?'} → {view.target_role}", "bold cyan"),
        (f"  history #{view.id}, {view.taken_at[:10]}", "dim"),
    )
    note = stored_note(view.kb_version, view.kb_digest, view.kb_version_in_use, view.kb_digest_in_use)
    parts: list[RenderableType] = [
        head,
        Text(note, style="dim"),
        Text.assemble(
            ("Readiness ", "bold"),
            f"{percent(view.readiness)}  ",
            _verdict(view.verdict),
            f"  coverage {view.coverage:g}%",
        ),
        Text(f"Meets the whole bar of: {view.standing or 'no role on the way yet'}"),
    ]
    table = _table(
        "Skill", ReportVoice(view.rater, view.rater_name, view.name).column, "Required", "Weight", "Gap", "Evidence"
    )
    for s in view.skills:
        you = (
            Text("not sure yet", style="dim italic")
            if s.rating is None
            else Text(f"{blocks(s.rating, view.levels)} {s.rating}")
        )
        table.add_row(
            Text(s.name),
            you,
            "?" if s.required is None else f"{blocks(s.required, view.levels)} {s.required}",
            "★" * (s.weight or 0),
            "?" if s.gap is None else str(s.gap),
            Text(s.evidence or "", style="italic"),
        )
    parts += [Text(""), table]
    if view.top_gaps:
        parts += [heading("Top gaps"), bullet_list(view.top_gaps)]
    return Group(*parts)


def diff(view: Diff) -> RenderableType:
    """`pmladder diff`: figures, then every skill, then gaps closed and opened, then evidence added."""
    names = {s.skill: s.name for s in view.skills}
    before, after = view.before, view.after
    person = who(after.name or before.name)
    parts: list[RenderableType] = [
        Text.assemble(("What changed", "bold"), f"  {before.source} → {after.source}", ("  " + person, "dim")),
        Text(diff_basis(view.target.name, view.role_chosen), style="dim"),
    ]
    figures = _table("", "Before", "After", "Change")
    for index in (1, 2, 3):
        figures.columns[index].justify = "right"
    figures.add_row(
        "Readiness", percent(view.readiness.before), percent(view.readiness.after), signed(view.readiness.change)
    )
    figures.add_row(
        "Coverage", percent(view.coverage.before), percent(view.coverage.after), signed(view.coverage.change)
    )
    figures.add_row("Verdict", _verdict(before.verdict), _verdict(after.verdict), "")
    figures.add_row(
        "Meets the bar of",
        before.standing.name if before.standing else "–",
        after.standing.name if after.standing else "–",
        "",
    )
    parts += [Text(""), figures]
    if not view.changed:
        return Group(*parts, Text(""), Text(NO_CHANGE))
    table = _table("Skill", "Before", "After", "Change", "Required", "Gap")
    for index in (1, 2, 3, 4):
        table.columns[index].justify = "right"
    for s in view.skills:
        style = "bold" if s.changed else ""
        gap = f"{'?' if s.gap_before is None else s.gap_before} → {'?' if s.gap_after is None else s.gap_after}"
        table.add_row(
            Text(s.name, style=style),
            "?" if s.before is None else str(s.before),
            "?" if s.after is None else str(s.after),
            Text(signed(s.change), style=style),
            str(s.required),
            gap,
        )
    parts += [Text(""), table]
    if view.closed_gaps:
        parts += [heading("Gaps closed"), bullet_list(names[s] for s in view.closed_gaps)]
    if view.new_gaps:
        parts += [heading("New gaps"), bullet_list(names[s] for s in view.new_gaps)]
    if view.evidence_added:
        parts += [heading("Evidence added"), bullet_list(f"{e.name}: {e.evidence}" for e in view.evidence_added)]
    return Group(*parts)


def progress(view: Progress) -> RenderableType:
    """`pmladder progress`: a readiness sparkline, each skill's ratings over time, and what held the bar."""
    points = view.points
    span = points[0].date if len(points) == 1 else f"{points[0].date} to {points[-1].date}"
    count = f"{len(points)} assessment{'s' if len(points) != 1 else ''}"
    rater = "" if view.rater == "self" else f", rated by {describe_rater(view.rater, view.rater_name)}"
    parts: list[RenderableType] = [
        Text.assemble((f"{who(view.name)} toward {view.target.name}", "bold"), (f"  {count}, {span}{rater}", "dim")),
        Text.assemble(
            ("Readiness ", "bold"),
            (sparkline([p.readiness for p in points]), "cyan"),
            "  " + " → ".join(percent(p.readiness) for p in points) + "  ",
            _verdict(points[-1].verdict),
        ),
    ]
    table = _table("Skill", "Ratings", "", "Bar", "Held")
    table.columns[3].justify = "right"
    for s in view.skills:
        style = "green" if s.held else ""
        table.add_row(
            Text(s.name),
            Text(level_sparkline(s.ratings, view.levels), style="cyan"),
            " ".join("?" if r is None else str(r) for r in s.ratings),
            str(s.required),
            Text(held_text(s.required, s.latest, s.held, s.since), style=style),
        )
    parts += [Text(""), table, Text(HELD, style="dim")]
    if view.held_by_all:
        n = view.held_by_all
        parts.append(
            Text(
                f"Every requirement has been met in the latest {n} assessment{'s' if n != 1 else ''} in a row.",
                style="bold green",
            )
        )
    return Group(*parts)
