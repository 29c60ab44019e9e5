"""The cohort as GitHub-flavoured Markdown: a CI artifact or a wiki page for the cohort lead.

Names and file names come from the people in the cohort, so every one goes through
`escape`: a `|` or `<script>` in a name can neither break a table nor inject markup.
"""

from __future__ import annotations

from pmladder.cohort.aggregate import CohortResult, Person, SkillStats
from pmladder.reports.markdown import escape, table
from pmladder.reports.sections import ladder_line, percent

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


def cohort(result: CohortResult) -> str:
    people, skills = result.people, result.skills
    verdicts = ", ".join(f"{count} {verdict}" for verdict, count in result.verdicts.items())
    parts = ["# Cohort report", ""]
    parts += [
        f"**{len(people)} {'person' if len(people) == 1 else 'people'}** · mean readiness "
        f"**{percent(result.mean_readiness)}** · {verdicts}",
        "",
    ]
    targets = ", ".join(f"`{escape(t)}`" for t in result.targets)
    ladder = ladder_line(result.ladder, result.kb_version)
    overridden = " (set with `--role`)" if result.role else ""
    parts += [
        f"_Target: {targets}{overridden}. {escape(ladder.capitalize() if result.ladder is None else ladder)}."
        " Ratings are self-assessments._",
        "",
    ]
    if result.gates.active:
        short = len(result.below_gate)
        verdict = f"**{short} below the gate**" if short else "everyone passes"
        parts += [f"Gate: {_gates(result)}: {verdict}.", ""]

    parts += ["## People", ""]
    headers = ["Person", "File", "Target", "Readiness", "Verdict", "Gaps", "Biggest gap"]
    align = "lllrlrl"
    if result.gates.active:
        headers.append("Gate")
        align += "l"
    rows = []
    for p in people:
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
        rows.append(row)
    parts += [table(headers, rows, align), ""]

    parts += ["## Skills", ""]
    parts += [
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
    parts += [table(headers, rows, "rllrrl" + "r" * (len(levels) + 1)), ""]

    parts += ["## Heatmap: gap by person and skill", ""]
    parts += [
        "🟩 no gap · 🟨 1 level · 🟥 2 or more · ❔ not rated (to find out, not counted)"
        f" · `{NOT_REQUIRED}` not required by the person's target. Columns are the skills numbered above.",
        "",
    ]
    heat_rows = []
    for p in people:
        cells = [heat_cell(mine.gap) if (mine := p.score.find(s.skill)) else NOT_REQUIRED for s in skills]
        heat_rows.append([escape(p.name), *cells])
    headers = ["Person", *(str(n) for n in range(1, len(skills) + 1))]
    parts += [table(headers, heat_rows, "l" + "c" * len(skills)), ""]

    parts += ["## Most common gaps: ideas for group workshops", ""]
    if not result.workshops:
        parts += ["Nobody has a gap: no workshop needed.", ""]
    for n, w in enumerate(result.workshops, start=1):
        share = f"{w.with_gap} of {w.people} {'person' if w.people == 1 else 'people'}"
        typical = "mostly unrated" if w.pitch is None else f"typically rated {w.pitch}"
        parts.append(f"{n}. **{escape(w.name)}** (`{escape(w.skill)}`): a gap for {share}, {typical}")
        parts += [
            f"   - [ ] **{escape(p.title)}**: {escape(p.deliverable)} (builds toward {p.builds_to}, ~{p.effort_hours} h)"
            for p in w.projects
        ]
    if result.workshops:
        parts.append("")

    if result.below_gate:
        parts += ["## Below the gate", ""]
        parts += [
            f"- **{escape(p.name)}** ({escape(p.file)}): {escape('; '.join(p.below_gate))}" for p in result.below_gate
        ]
        parts.append("")
    if result.skipped:
        parts += ["## Skipped files", ""]
        parts += [f"- {escape(str(bad.first))}" for bad in result.skipped]
        parts.append("")
    return "\n".join(parts)
