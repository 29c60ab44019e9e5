"""Self-contained HTML reports: one file to open, print or forward, with its charts inline.

Each view is a Jinja2 template in `templates/` (package data) extending `base.html.j2`,
which holds the page: the Content-Security-Policy that forbids scripts, the styles (inline,
print CSS included), the header and the footer. Autoescaping is on for every template, so
text from people and knowledge bases is escaped by the engine, never by hand; before that,
`finalize` shows control, bidirectional and invisible characters as escapes (the same rule
as the SVG charts). The charts, from `svg.py`, are the only markup handed to a template.

No clock, no random ids: the same view gives the same bytes.

A new view (diff, progress, history show) is a template `VIEW.html.j2` that extends
`base.html.j2`, a function `VIEW(view) -> str` here that builds its context with
`_page(...)` (charts from `svg.line_chart`), and one entry in `formats.REGISTRY`.
Jinja2 is imported here only, and this module only when HTML is asked for.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from pmladder import __version__
from pmladder.reports import sections, svg

if TYPE_CHECKING:
    from pmladder.assessment.report import Assessment
    from pmladder.cohort.aggregate import CohortResult

__all__ = ["assessment", "cohort"]

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
        WEIGHTS=sections.WEIGHTS,
        DEFAULTS=sections.DEFAULTS,
        ASK=sections.ASK,
    )
    return env


def _page(template: str, **context: Any) -> str:
    """Render one of the templates; the output always ends with exactly one newline."""
    return _environment().get_template(template).render(**context).rstrip("\n") + "\n"


def _chart(markup: str) -> Markup:
    """SVG from `svg.py` (whose every text went through `svg.text`) as markup a template may insert."""
    return Markup(markup)  # built by svg.py, which escapes all its text itself


def page_title(report: Assessment) -> str:
    route = f"{report.current.name} → {report.target.name}" if report.current else report.target.name
    return f"{report.name or 'Self-assessment'}: {route} · pmladder"


def radar_for(report: Assessment) -> str:
    """The person's ratings against the target's requirements, one axis per required skill, table order."""
    rows = [s for category in report.categories for s in category.skills]
    required = tuple(float(s.required) for s in rows)
    mine = tuple(None if s.rating is None else float(s.rating) for s in rows)
    who = f"{report.name}'s" if report.name else "Your"
    unrated = sum(1 for s in rows if s.rating is None)
    gaps = sum(1 for s in rows if s.gap)
    desc = (
        f"{who} ratings on {len(rows)} skills against what {report.target.name} requires:"
        f" {len(rows) - unrated - gaps} met, {gaps} with a gap, {unrated} not rated (to find out)."
        " The table below gives every figure."
    )
    return svg.radar(
        [s.name for s in rows],
        [
            svg.Series(f"{report.target.name} requires", required, svg.ORANGE, dashed=True, filled=False),
            svg.Series("You" if not report.name else report.name, mine, svg.BLUE),
        ],
        title=f"Ratings against {report.target.name}",
        desc=desc,
        unknown_at=required,
        value_names=report.scale,
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
        headings=[sections.suggestion_heading(report, n, s) for n, s in enumerate(report.suggestions, start=1)],
        project_line=sections.project_line,
        rating_text=lambda rating: sections.rating_text(report, rating),
        hours=sections.total_hours(report),
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
    )
