"""The cohort as GitHub-flavoured Markdown: a CI artifact or a wiki page for the cohort lead.

Names and file names come from the people in the cohort, so every one goes through
`escape`: a `|` or `<script>` in a name can neither break a table nor inject markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pmladder.cohort.aggregate import CohortResult, Person, SkillStats
from pmladder.reports.markdown import escape, table
from pmladder.reports.sections import cohort_ratings_note, ladder_line, percent

SQUARES = {0: "🟩", 1: "🟨"}
RED = "🟥"
NOT_REQUIRED = "·"


def heat_cell(gap: int | None) -> str:
    """A coloured square and the gap in levels; '?' marks a skill left unrated (to find out, not a gap)."""
    return "❔" if gap is None else f"{SQUARES.get(gap, RED)} {gap}"


def required_text(stats: SkillStats) -> str:
    """One level, or a range with each target role's level when the cohort's targets differ."""
    if len(stats.levels) == 1:
        return stats.required_text
    return f"{stats.required_text} ({', '.join(f'{escape(role)} {level}' for role, level in stats.required)})"


def _gates(result: CohortResult) -> str:
    parts = []
    if result.gates.fail_under is not None:
        parts.append(f"readiness at least {result.gates.fail_under:g}%")
    if result.gates.max_gap is not None:
        parts.append(f"no gap above {result.gates.max_gap}")
    return " and ".join(parts)


def _biggest(p: Person) -> str:
    biggest = p.priority_gap
    return f"{escape(biggest.name)} ({biggest.gap})" if biggest else "none"


def table_lines(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> Iterator[str]:
    """The lines of `reports.markdown.table`, a row at a time: a table of 50,000 people is never one string."""
    yield from table(headers, [], align).split("\n")
    for row in rows:
        yield "| " + " | ".join(str(cell) for cell in row) + " |"


def _people_rows(result: CohortResult) -> Iterator[list[str]]:
    for p in result.people:
        row = [
            escape(p.name),
            escape(p.file),
            f"`{escape(p.target_role)}`",
            percent(p.score.readiness),
            p.score.verdict.value,
            str(len(p.score.gaps)),
            _biggest(p),
        ]
        if result.gates.active:
            row.append("❌ below" if p.below_gate else "✅ pass")
        yield row


def _heat_rows(result: CohortResult) -> Iterator[list[str]]:
    skill_ids = [s.skill for s in result.skills]
    for p in result.people:
        rows = {s.skill: s for s in p.score.skills}  # not `find`: its cache would stay on every person
        cells = [heat_cell(mine.gap) if (mine := rows.get(skill_id)) else NOT_REQUIRED for skill_id in skill_ids]
        yield [escape(p.name), *cells]


def _parts(result: CohortResult) -> Iterator[str]:
    """The document's lines, tables a row at a time, for `cohort_lines` to join."""
    people, skills = result.people, result.skills
    verdicts = ", ".join(f"{count} {verdict}" for verdict, count in result.verdicts.items())
    yield from ["# Cohort report", ""]
    yield from [
        f"**{len(people)} {'person' if len(people) == 1 else 'people'}** · mean readiness "
        f"**{percent(result.mean_readiness)}** · {verdicts}",
        "",
    ]
    targets = ", ".join(f"`{escape(t)}`" for t in result.targets)
    ladder = ladder_line(result.ladder, result.kb_version)
    overridden = " (set with `--role`)" if result.role else ""
    yield from [
        f"_Target: {targets}{overridden}. {escape(ladder.capitalize() if result.ladder is None else ladder)}."
        f" {cohort_ratings_note(result.combines_raters)}_",
        "",
    ]
    if result.gates.active:
        short = len(result.below_gate)
        verdict = f"**{short} below the gate**" if short else "everyone passes"
        yield from [f"Gate: {_gates(result)}: {verdict}.", ""]

    yield from ["## People", ""]
    headers = ["Person", "File", "Target", "Readiness", "Verdict", "Gaps", "Biggest gap"]
    align = "lllrlrl"
    if result.gates.active:
        headers.append("Gate")
        align += "l"
    yield from table_lines(headers, _people_rows(result), align)
    yield ""

    yield from ["## Skills", ""]
    yield from [
        (
            "Over the people whose target role requires each skill; mean and median over those who rated it;"
            f" columns 1 to {result.levels} count the people at each rating."
        ),
        "",
    ]
    rows = [
        [
            str(n),
            f"{escape(s.name)} (`{escape(s.skill)}`)",
            required_text(s),
            "–" if s.mean is None else f"{s.mean:.1f}",
            "–" if s.median is None else f"{s.median:g}",
            f"{s.with_gap} of {s.people} ({s.gap_share:.1f}%)",
            *(str(count) for count in s.distribution[1:]),
            str(s.distribution[0]),
        ]
        for n, s in enumerate(skills, start=1)
    ]
    levels = [str(level) for level in range(1, result.levels + 1)]
    headers = ["#", "Skill", "Required", "Mean", "Median", "With a gap", *levels, "Unrated"]
    yield from table_lines(headers, rows, "rllrrl" + "r" * (len(levels) + 1))
    yield ""

    yield from ["## Heatmap: gap by person and skill", ""]
    yield from [
        "🟩 no gap · 🟨 1 level · 🟥 2 or more · ❔ not rated (to find out, not counted)"
        f" · `{NOT_REQUIRED}` not required by the person's target. Columns are the skills numbered above.",
        "",
    ]
    headers = ["Person", *(str(n) for n in range(1, len(skills) + 1))]
    yield from table_lines(headers, _heat_rows(result), "l" + "c" * len(skills))
    yield ""

    yield from ["## Most common gaps: ideas for group workshops", ""]
    if not result.workshops:
        yield from ["Nobody has a gap: no workshop needed.", ""]
    for n, w in enumerate(result.workshops, start=1):
        share = f"{w.with_gap} of {w.people} {'person' if w.people == 1 else 'people'}"
        typical = "mostly unrated" if w.pitch is None else f"typically rated {w.pitch}"
        yield f"{n}. **{escape(w.name)}** (`{escape(w.skill)}`): a gap for {share}, {typical}"
        for project in w.projects:
            yield (
                f"   - [ ] **{escape(project.title)}**: {escape(project.deliverable)}"
                f" (builds toward {project.builds_to}, ~{project.effort_hours} h)"
            )
    if result.workshops:
        yield ""

    below = result.below_gate
    if below:
        yield from ["## Below the gate", ""]
        for p in below:
            yield f"- **{escape(p.name)}** ({escape(p.file)}): {escape('; '.join(p.below_gate))}"
        yield ""
    if result.skipped:
        yield from ["## Skipped files", ""]
        for bad in result.skipped:
            yield f"- {escape(str(bad.first))}"
        yield ""


def cohort_lines(result: CohortResult) -> Iterator[str]:
    """The document in pieces: its lines joined by line breaks, exactly `cohort`."""
    for n, part in enumerate(_parts(result)):
        yield f"\n{part}" if n else part


def cohort(result: CohortResult) -> str:
    return "".join(cohort_lines(result))
