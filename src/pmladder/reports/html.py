"""Self-contained HTML reports: one file to open, print or forward, with its charts inline.

Each view is a Jinja2 template in `templates/` (package data) extending `base.html.j2`,
which holds the page: the Content-Security-Policy that forbids scripts, the styles (inline,
print CSS included), the header and the footer. Autoescaping is on for every template, so
text from people and knowledge bases is escaped by the engine, never by hand; before that,
`finalize` shows control, bidirectional and invisible characters as escapes (the same rule
as the SVG charts). The charts, from `svg.py`, are the only markup handed to a template.

No clock, no random ids: the same view gives the same bytes.

A new view is a template `VIEW.html.j2` that extends `base.html.j2`, a function
`VIEW(view) -> str` here that builds its context with `_page(...)` (charts from `svg.py`),
and one entry in `formats.REGISTRY`. The views: `assessment`, `cohort`, `diff`, `progress`
and `stored` (`history show` when the ladder has changed since).
Jinja2 is imported here only, and this module only when HTML is asked for.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from pmladder import __version__
from pmladder.commands import command
from pmladder.reports import sections, svg

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pmladder.assessment.report import Assessment
    from pmladder.cohort.aggregate import CohortResult
    from pmladder.history.diff import Diff, SkillChange
    from pmladder.history.progress import Progress
    from pmladder.history.views import StoredReport

__all__ = ["assessment", "cohort", "diff", "progress", "stored"]

HOTTEST = 3  # gaps of 3 levels or more share the darkest colour; the number tells them apart


def _finalize(value: object) -> object:
    """Every `{{ ... }}`: markup from our charts as it is; anything else made visible, then autoescaped."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    return svg.visible(value)


def gap_class(gap: int | None) -> str:
    """The CSS class of a gap cell: its colour band, or 'unknown' for a skill not rated."""
    return "unknown" if gap is None else f"gap-{min(gap, HOTTEST)}"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("pmladder.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.update(
        version=__version__,
        percent=sections.percent,
        gap_class=gap_class,
        gap_text=sections.gap_text,
        signed=sections.signed,
        who=sections.who,
        weights_legend=sections.weights_legend,
        cohort_ratings_note=sections.cohort_ratings_note,
        DEFAULTS=sections.DEFAULTS,
    )
    return env


def _page(template: str, **context: Any) -> str:
    """Render one of the templates; the output always ends with exactly one newline."""
    return _environment().get_template(template).render(**context).rstrip("\n") + "\n"


def _chart(markup: str) -> Markup:
    """SVG from `svg.py` (whose every text went through `svg.text`) as markup a template may insert."""
    return Markup(markup)  # built by svg.py, which escapes all its text itself


def whose(report: Assessment) -> str:
    """The report's heading: the person's name; 'Self-assessment' or 'The person rated' when it has none."""
    return sections.voice(report).heading("Self-assessment")


def page_title(report: Assessment) -> str:
    route = f"{report.current.name} → {report.target.name}" if report.current else report.target.name
    return f"{whose(report)}: {route} · pmladder"


def series_name(report: Assessment) -> str:
    """Someone else's ratings in the radar's legend: "Ada Example's ratings, by Bo Manager (manager)"."""
    speaker = sections.voice(report)
    return f"{sections.capital(speaker.ratings)}, {speaker.by}"


def radar_for(report: Assessment) -> str:
    """The person's ratings against the target's requirements, one axis per required skill, table order."""
    rows = [s for category in report.categories for s in category.skills]
    required = tuple(float(s.required) for s in rows)
    mine = tuple(None if s.rating is None else float(s.rating) for s in rows)
    speaker = sections.voice(report)
    who = f"{report.name}'s ratings" if speaker.is_self and report.name else sections.capital(speaker.ratings)
    unrated = sum(1 for s in rows if s.rating is None)
    gaps = sum(1 for s in rows if s.gap)
    desc = (
        f"{who} on {len(rows)} skills against what {report.target.name} requires:"
        f" {len(rows) - unrated - gaps} met, {gaps} with a gap, {unrated} not rated (to find out)."
        " The table below gives every figure."
    )
    return svg.radar(
        [s.name for s in rows],
        [
            svg.Series(f"{report.target.name} requires", required, svg.ORANGE, dashed=True, filled=False),
            svg.Series(report.name or ("You" if speaker.is_self else speaker.title), mine, svg.BLUE),
        ],
        title=f"Ratings against {report.target.name}",
        desc=desc,
        unknown_at=required,
        value_names=report.scale,
        levels=len(report.scale),
        id="radar",
    )


def assessment(report: Assessment) -> str:
    """The gap report as one self-contained HTML page: judgement, radar, gap table, next steps, the role."""
    numbers: dict[str, int] = {}
    for category in report.categories:
        for s in category.skills:
            numbers[s.skill] = len(numbers) + 1
    return _page(
        "assessment.html.j2",
        report=report,
        title=page_title(report),
        kb_version=report.kb_version,
        kb_digest=report.kb_digest,
        numbers=numbers,
        radar=_chart(radar_for(report)) if len(numbers) >= 3 else None,
        meaning=sections.meaning(report),
        standing=sections.standing_sentence(report),
        whose=whose(report),
        voice=sections.voice(report),
        series_name=series_name(report),
        ask=sections.ask(report),
        headings=[sections.suggestion_heading(report, n, s) for n, s in enumerate(report.suggestions, start=1)],
        project_line=sections.project_line,
        ladder=report.ladder,
        rating_text=lambda rating: sections.rating_text(report, rating),
        hours=sections.total_hours(report),
        gaps_heading=sections.gaps_heading(report),
        has_profile=sections.has_profile(report),
    )


def cohort(result: CohortResult) -> str:
    """The cohort as one HTML page: summary, people, a heatmap of gaps by person and skill, skills, workshops."""
    from pmladder.assessment.scoring import Verdict

    gates = []
    if result.gates.fail_under is not None:
        gates.append(f"readiness at least {result.gates.fail_under:g}%")
    if result.gates.max_gap is not None:
        gates.append(f"no gap above {result.gates.max_gap}")
    heat = [[person.score.find(s.skill) for s in result.skills] for person in result.people]
    return _page(
        "cohort.html.j2",
        result=result,
        title=f"Cohort report: {len(result.people)} {'person' if len(result.people) == 1 else 'people'} · pmladder",
        kb_version=result.kb_version,
        kb_digest=result.kb_digest,
        gates=" and ".join(gates),
        heat=heat,
        verdict_names=[v.value for v in Verdict],
        ladder=result.ladder,
        assess_command=command("assess", "--answers", "FILE"),
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _categories(skills: Sequence[SkillChange]) -> list[tuple[str, list[SkillChange]]]:
    """The skills in their order, grouped by category where neighbours share one."""
    groups: list[tuple[str, list[SkillChange]]] = []
    for s in skills:
        if groups and groups[-1][0] == s.category_name:
            groups[-1][1].append(s)
        else:
            groups.append((s.category_name, [s]))
    return groups


def diff_radar(view: Diff) -> str:
    """Ratings before (grey outline) and after (blue area) against the role's requirements, one axis per skill."""
    rows = view.skills
    required = tuple(float(s.required) for s in rows)
    changed = sum(1 for s in rows if s.changed)
    desc = (
        f"Ratings on {len(rows)} skills before ({view.before.source}) and after ({view.after.source}) against"
        f" what {view.target.name} requires: {_plural(changed, 'skill')} changed,"
        f" {_plural(len(view.closed_gaps), 'gap')} closed, {_plural(len(view.new_gaps), 'new gap')}."
        " The table below gives every figure."
    )
    return svg.radar(
        [s.name for s in rows],
        [
            svg.Series(f"{view.target.name} requires", required, svg.ORANGE, dashed=True, filled=False),
            svg.Series(
                "Before", tuple(None if s.before is None else float(s.before) for s in rows), svg.GREY, filled=False
            ),
            svg.Series("After", tuple(None if s.after is None else float(s.after) for s in rows), svg.BLUE),
        ],
        title=f"Ratings before and after, against {view.target.name}",
        desc=desc,
        unknown_at=required,
        levels=view.levels,
        id="radar",
    )


def diff(view: Diff) -> str:
    """What changed between two assessments: the figures before and after, a radar, every skill, gaps, evidence."""
    person = view.after.name or view.before.name
    route = f"{view.before.source} → {view.after.source}"
    status = dict.fromkeys(view.closed_gaps, "closed") | dict.fromkeys(view.new_gaps, "new")
    return _page(
        "diff.html.j2",
        view=view,
        title=f"What changed{' for ' + person if person else ''}: {route} · pmladder",
        person=person,
        kb_version=view.kb_version,
        kb_digest=None,
        basis=sections.diff_basis(view.target.name, view.role_chosen),
        radar=_chart(diff_radar(view)) if view.changed and len(view.skills) >= 3 else None,
        levels=view.levels,
        groups=_categories(view.skills),
        numbers={s.skill: n for n, s in enumerate(view.skills, start=1)},
        names={s.skill: s.name for s in view.skills},
        status=status,
        no_change=sections.NO_CHANGE,
    )


def progress_chart(view: Progress) -> str:
    """Readiness per assessment, oldest first, on a fixed 0-100% scale."""
    points = view.points
    first, last = points[0], points[-1]
    known = [p for p in points if p.readiness is not None]
    span = (
        f"from {sections.percent(known[0].readiness)} on {known[0].date} to {sections.percent(known[-1].readiness)}"
        f" on {known[-1].date}"
        if len(known) > 1
        else f"{sections.percent(known[0].readiness)} on {known[0].date}"
        if known
        else "none of them with a readiness (nothing rated)"
    )
    return svg.line_chart(
        [p.date for p in points],
        [svg.Series("Readiness", tuple(p.readiness for p in points), svg.BLUE)],
        title=f"Readiness for {view.target.name}, {first.date} to {last.date}",
        desc=f"Readiness in {_plural(len(points), 'assessment')}, {span}. The table below the chart gives every figure.",
        id="readiness",
    )


def progress(view: Progress) -> str:
    """The trend toward one target: readiness as a line chart, each skill's ratings over time, the bar held."""
    from pmladder.history.views import change

    points = view.points
    changes = [None, *(change(a.readiness, b.readiness) for a, b in pairwise(points))]
    # each skill's rating in each assessment, with its gap (0 at or above the bar) and whether it is in the run held
    cells = [
        [
            (rating, None if rating is None else max(0, s.required - rating), i >= len(points) - s.held)
            for i, rating in enumerate(s.ratings)
        ]
        for s in view.skills
    ]
    rater = "" if view.rater == "self" else sections.describe_rater(view.rater, view.rater_name)
    return _page(
        "progress.html.j2",
        view=view,
        title=f"{sections.who(view.name)} toward {view.target.name}: progress · pmladder",
        kb_version=view.kb_version,
        kb_digest=None,
        chart=_chart(progress_chart(view)),
        changes=changes,
        overall=change(points[0].readiness, points[-1].readiness) if len(points) > 1 else None,
        cells=cells,
        at_the_bar=sum(1 for s in view.skills if s.held),
        rater=rater,
        held_text=sections.held_text,
        HELD=sections.HELD,
    )


def stored_radar(view: StoredReport) -> str:
    """The stored ratings against the requirements stored with them."""
    rows = view.skills
    required = tuple(None if s.required is None else float(s.required) for s in rows)
    gaps = sum(1 for s in rows if s.gap)
    unrated = sum(1 for s in rows if s.rating is None)
    desc = (
        f"Ratings on {len(rows)} skills as stored, against what {view.target_role} required then:"
        f" {len(rows) - unrated - gaps} met, {gaps} with a gap, {unrated} not rated. The table below gives every figure."
    )
    return svg.radar(
        [s.name for s in rows],
        [
            svg.Series("Required then", required, svg.ORANGE, dashed=True, filled=False),
            svg.Series(view.name or "Ratings", tuple(None if s.rating is None else float(s.rating) for s in rows)),
        ],
        title=f"Ratings against {view.target_role}, as stored",
        desc=desc,
        unknown_at=required,
        levels=view.levels,
        id="radar",
    )


def stored(view: StoredReport) -> str:
    """`history show ID` when the ladder has changed since: the report exactly as it was stored, and why."""
    route = f"{view.current_role or '?'} → {view.target_role}"
    return _page(
        "stored.html.j2",
        view=view,
        title=f"{view.name or 'Assessment'}: {route} (as stored, history #{view.id}) · pmladder",
        kb_version=view.kb_version,
        kb_digest=view.kb_digest,
        note=sections.stored_note(view.kb_version, view.kb_digest, view.kb_version_in_use, view.kb_digest_in_use),
        radar=_chart(stored_radar(view)) if len(view.skills) >= 3 else None,
        levels=view.levels,
        column=sections.ReportVoice(view.rater, view.rater_name, view.name).column,
        rows={s.skill: s for s in view.skills},
    )
