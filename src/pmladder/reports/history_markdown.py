"""History, diff and progress as GitHub-flavoured Markdown; a diff reads well in a pull request.

Names, file names and evidence come from people: every one goes through `escape`.
"""

from __future__ import annotations

from pmladder.history.diff import Diff
from pmladder.history.progress import Progress
from pmladder.history.views import HistoryView, StoredReport
from pmladder.reports.markdown import bullets, escape, table
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


def _rating(value: int | None) -> str:
    return "?" if value is None else str(value)


def history(view: HistoryView) -> str:
    parts = ["# Assessment history", "", f"_{escape(ladder_name(view.ladder))}; database {escape(view.database)}_", ""]
    if not view.rows:
        return "\n".join([*parts, escape(empty_history()) + ".", ""])
    raters = any(r.rater != "self" for r in view.rows)
    headers = ["Id", "Date", "Who", *(["Rater"] if raters else []), "Target", "Readiness", "Change", "Verdict"]
    rows = []
    for r in view.rows:
        row = [
            str(r.id),
            r.date,
            escape(who(r.name)),
            *([escape(describe_rater(r.rater, r.rater_name))] if raters else []),
        ]
        row += [escape(r.target_name), percent(r.readiness), signed(r.change), r.verdict]
        if view.ladder is None:
            row.append(escape(r.ladder))
        rows.append(row)
    if view.ladder is None:
        headers.append("Ladder")
    align = "rll" + ("l" if raters else "") + "lrrl" + ("l" if view.ladder is None else "")
    return "\n".join([*parts, table(headers, rows, align), ""])


def stored(view: StoredReport) -> str:
    route = f"{escape(view.current_role or '?')} → {escape(view.target_role)}"
    parts = [f"# {escape(view.name or 'Assessment')}: {route}", "", f"_History #{view.id}, {view.taken_at[:10]}._", ""]
    note = stored_note(view.kb_version, view.kb_digest, view.kb_version_in_use, view.kb_digest_in_use)
    parts += [f"_{escape(note)}_", ""]
    parts += [
        f"**Readiness: {percent(view.readiness)}** · verdict: **{escape(view.verdict)}** · coverage {view.coverage:g}%",
        "",
        f"Meets the whole bar of: {escape(view.standing or 'no role on the way yet')}",
        "",
    ]
    rows = [
        (
            escape(s.name),
            _rating(s.rating),
            _rating(s.required),
            "★" * (s.weight or 0),
            "to find out" if s.gap is None else s.gap,
            escape(s.evidence or ""),
        )
        for s in view.skills
    ]
    column = ReportVoice(view.rater, view.rater_name, view.name).column
    parts += [table(["Skill", column, "Required", "Weight", "Gap", "Evidence"], rows, "lrrcrl"), ""]
    if view.top_gaps:
        parts += ["## Top gaps", "", bullets(view.top_gaps), ""]
    return "\n".join(parts)


def diff(view: Diff) -> str:
    """What changed between two assessments, for a pull request that updates an answers file."""
    names = {s.skill: s.name for s in view.skills}
    before, after = view.before, view.after
    person = after.name or before.name
    title = f"# What changed{': ' + escape(person) if person else ''}"
    parts = [title, "", f"`{escape(before.source)}` → `{escape(after.source)}`", ""]
    parts += [f"_{escape(diff_basis(view.target.name, view.role_chosen))}_", ""]
    figures = [
        ("Readiness", percent(view.readiness.before), percent(view.readiness.after), signed(view.readiness.change)),
        ("Coverage", percent(view.coverage.before), percent(view.coverage.after), signed(view.coverage.change)),
        ("Verdict", before.verdict, after.verdict, ""),
        (
            "Meets the bar of",
            escape(before.standing.name) if before.standing else "–",
            escape(after.standing.name) if after.standing else "–",
            "",
        ),
    ]
    parts += [table(["", "Before", "After", "Change"], figures, "lrrr"), ""]
    if not view.changed:
        return "\n".join([*parts, NO_CHANGE, ""])
    rows = [
        (
            f"**{escape(s.name)}**" if s.changed else escape(s.name),
            _rating(s.before),
            _rating(s.after),
            signed(s.change),
            s.required,
            f"{_rating(s.gap_before)} → {_rating(s.gap_after)}",
        )
        for s in view.skills
    ]
    parts += ["## Skills", "", table(["Skill", "Before", "After", "Change", "Required", "Gap"], rows, "lrrrrc"), ""]
    if view.closed_gaps:
        parts += ["## Gaps closed", "", bullets(names[s] for s in view.closed_gaps), ""]
    if view.new_gaps:
        parts += ["## New gaps", "", bullets(names[s] for s in view.new_gaps), ""]
    if view.evidence_added:
        parts += ["## Evidence added", "", bullets(f"{e.name}: {e.evidence}" for e in view.evidence_added), ""]
    return "\n".join(parts)


def progress(view: Progress) -> str:
    points = view.points
    rater = "" if view.rater == "self" else f", rated by {escape(describe_rater(view.rater, view.rater_name))}"
    parts = [f"# {escape(who(view.name))} toward {escape(view.target.name)}", ""]
    parts += [
        f"{len(points)} assessment{'s' if len(points) != 1 else ''}, {points[0].date} to {points[-1].date}{rater}.",
        "",
    ]
    trail = " → ".join(percent(p.readiness) for p in points)
    parts += [f"**Readiness** `{sparkline([p.readiness for p in points])}` {trail} · {points[-1].verdict}", ""]
    rows = [
        (
            escape(s.name),
            f"`{level_sparkline(s.ratings, view.levels)}` {' '.join(_rating(r) for r in s.ratings)}",
            s.required,
            held_text(s.required, s.latest, s.held, s.since),
        )
        for s in view.skills
    ]
    parts += [table(["Skill", "Ratings", "Bar", "Held"], rows, "llrl"), "", f"_{HELD}_", ""]
    if view.held_by_all:
        n = view.held_by_all
        parts += [
            f"**Every requirement has been met in the latest {n} assessment{'s' if n != 1 else ''} in a row.**",
            "",
        ]
    return "\n".join(parts)
