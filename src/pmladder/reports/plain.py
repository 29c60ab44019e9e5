"""The explore views as plain aligned text, for a pipe or a file: what `terminal` shows, without Rich.

When stdout is not a terminal, `pmladder roles | grep`, `pmladder skills > skills.txt` and
`-o skills.txt` get this, as `git` and `gh` print plain text to a pipe; a terminal gets
Rich. The content is the same (a test compares the words of both, cell by cell): the same
titles, tables, bullets and notes in the same order, but columns are aligned with two
spaces, a row is one line however long (no wrapping, so `grep` sees a whole row), there is
no colour and no rule under a header. Importing Rich costs more than the rest of such a
command, and none of it is needed here.

Every piece of text from the knowledge base is shown through `io.sanitize.visible`, as
Rich output is (`reports.shown`): nothing in it can act on a terminal the text reaches later.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pmladder.commands import command
from pmladder.io.sanitize import visible
from pmladder.reports.sections import caveat, project_line, role_line, role_sections, weights_legend, years_text

if TYPE_CHECKING:
    from pmladder.knowledge.values import Descriptor, Salary
    from pmladder.knowledge.views import LadderView, PathView, RoleView, SkillsView, SkillView

FULL, EMPTY = "█", "·"
GAP = "  "  # between columns
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def blocks(value: int, total: int = 5) -> str:
    """A level as blocks on a scale of `total` levels: 3 of 5 -> '███··'."""
    value = max(0, min(value, total))
    return FULL * value + EMPTY * (total - value)


def descriptor_cell(descriptor: Descriptor) -> str:
    """A descriptor for a table cell: a paragraph as written, criteria one after another, each after a bullet."""
    if isinstance(descriptor, str):
        return descriptor
    return " ".join(f"• {criterion}" for criterion in descriptor)


def width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    if text.isascii():
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char) or char in _ZERO_WIDTH:
            continue
        total += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return total


class Table:
    """Rows of cells, aligned on output; 'r' in `justify` right-aligns a column (numbers)."""

    def __init__(self, *headers: str, justify: str = "") -> None:
        self.rows: list[list[str]] = [list(headers)]
        self.justify = justify.ljust(len(headers), "l")

    def add_row(self, *cells: str) -> None:
        self.rows.append([visible(cell) for cell in cells])

    def lines(self) -> list[str]:
        widths = [max(width(row[i]) for row in self.rows) for i in range(len(self.justify))]
        out = []
        for row in self.rows:
            cells = []
            for cell, size, side in zip(row, widths, self.justify, strict=True):
                pad = " " * (size - width(cell))
                cells.append(pad + cell if side == "r" else cell + pad)
            out.append(GAP.join(cells).rstrip())
        return out


class Document:
    """Lines of text, built in order; `text()` is the document with a final line break."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def line(self, text: str = "") -> None:
        self.out.append(visible(text))

    def heading(self, text: str) -> None:
        self.out += ["", visible(text)]

    def bullets(self, items: Iterable[str]) -> None:
        self.out += [f"  • {visible(item)}" for item in items]

    def table(self, table: Table) -> None:
        self.out += table.lines()

    def text(self) -> str:
        return "\n".join(self.out) + "\n"


def roles(view: LadderView) -> str:
    kb = view.kb
    doc = Document()
    doc.line(kb.name)
    years = any(r.years for r in kb.roles)  # a ladder without years has no Years column
    table = Table("Rank", "Role", "Id", "Track", *(["Years"] if years else []), justify="r")
    for r in kb.roles:
        table.add_row(str(r.rank), r.name, r.id, kb.track_name(r.track), *([years_text(r)] if years else []))
    doc.table(table)
    doc.line(f"{command('roles', 'show', 'ID')} · {command('path', 'FROM', 'TO')}")
    return doc.text()


def salary_table(figures: Sequence[Salary]) -> Table:
    noted = any(f.note for f in figures)
    table = Table("City", "Country", "Median", "", *(["Note"] if noted else []), justify="llr")
    for f in figures:
        table.add_row(f.city, f.country, f"{f.median:,}", f.currency, *([f.note or ""] if noted else []))
    return table


def role(view: RoleView) -> str:
    kb, role, figures = view.kb, view.role, view.salaries
    doc = Document()
    doc.line(f"{role.name}  {role.id}")
    doc.line(role_line(kb, role))
    if role.summary:
        doc.line()
        doc.line(role.summary)
    if role.scope:
        doc.line(f"Scope: {role.scope}")
    if role.bar:
        doc.line(f"The bar: {role.bar}")
    if role.aliases:
        doc.line(f"Also accepted as: {', '.join(role.aliases)}")
    for title, items in role_sections(role):
        doc.heading(title)
        doc.bullets(items)
    if role.related_titles:
        doc.heading("Related titles")
        doc.bullets(f"{kb.role(t.role).name}: {t.relation}" for t in role.related_titles)
    table = Table("Skill", "Level", "", "Weight")
    category = None
    for skill, req in kb.requirements(role):
        if skill.category != category:
            category = skill.category
            table.add_row(kb.category(category).name, "", "", "")
        label = kb.label(req.level) + (" (delegated)" if req.delegated else "")
        table.add_row(f"  {skill.name}", f"{blocks(req.level, kb.levels)} {req.level}", label, "★" * req.weight)
    doc.heading("Skills required")
    doc.table(table)
    doc.line(f"{weights_legend(r.weight for r in role.requirements)} {caveat(kb)}")
    if role.projects:
        doc.heading("Self-guided projects")
        doc.bullets(f"{p.title}: {p.deliverable}" for p in role.projects)
    if role.next_roles:
        doc.heading("Leads to")
        doc.bullets(f"{kb.role(r).name} ({r})" for r in role.next_roles)
    if figures and role.salaries:
        estimates = ", estimates" if role.salaries.estimate else ""
        doc.heading(f"Salaries (median{estimates})")
        doc.table(salary_table(figures))
        doc.line(f"Source: {role.salaries.source}." + (f" {role.salaries.note}" if role.salaries.note else ""))
    if role.sources:
        doc.heading("Sources")
        doc.bullets(role.sources)
    return doc.text()


def skills(view: SkillsView) -> str:
    kb = view.kb
    doc = Document()
    table = Table("Skill", "Id", "What it covers")
    for category in kb.categories:
        table.add_row(category.name, "", "")
        for s in kb.skills:
            if s.category == category.id:
                table.add_row(f"  {s.name}", s.id, s.definition)
    doc.table(table)
    doc.line(command("skills", "show", "ID"))
    return doc.text()


def skill(view: SkillView) -> str:
    kb, skill = view.kb, view.skill
    doc = Document()
    doc.line(f"{skill.name}  {skill.id}  {kb.category(skill.category).name}")
    doc.line(skill.definition)
    levels = Table("Level", "", "What it looks like")
    for level, text in enumerate(skill.levels, start=1):
        levels.add_row(f"{blocks(level, kb.levels)} {level}", kb.label(level), descriptor_cell(text))
    doc.heading("Levels")
    doc.table(levels)
    if skill.projects:
        doc.heading("Self-guided projects")
        doc.bullets(project_line(p) for p in sorted(skill.projects, key=lambda p: p.builds_to))
    if skill.learning:
        doc.heading("Learning")
        doc.bullets(f"{item.format.value}: {item.suggestion}" for item in skill.learning)
    needed = Table("Role", "Level", "Weight")
    for r, req in kb.roles_needing(skill.id):
        needed.add_row(r.name, f"{blocks(req.level, kb.levels)} {req.level}", "★" * req.weight)
    doc.heading("Required by")
    doc.table(needed)
    if skill.notes:
        doc.heading("Our inferences (not from a cited source)")
        doc.bullets(skill.notes)
    described = any(rung.description for rung in kb.scale)  # a scale of labels alone has no third column
    scale = Table("Level", "", *(["On any skill"] if described else []))
    for rung in kb.scale:
        scale.add_row(str(rung.level), rung.label, *([rung.description or ""] if described else []))
    doc.heading("The scale")
    doc.table(scale)
    doc.line(caveat(kb))
    if skill.sources:
        doc.line("Sources: " + "; ".join(skill.sources))
    return doc.text()


def path(view: PathView) -> str:
    kb, start, end, steps = view.kb, view.start, view.end, view.steps
    doc = Document()
    doc.line(f"From {start.name} to {end.name}")
    if not steps:
        doc.line("Already there: no steps.")
    for n, step in enumerate(steps, start=1):
        doc.heading(f"{n}. {step.source.name} → {step.target.name}")
        if not step.rises:
            doc.line("  No skill must rise; the step is about scope.")
            continue
        table = Table("Skill", "From", "To", "Rise")
        for r in step.rises:
            table.add_row(kb.skill(r.skill).name, str(r.before), str(r.after), f"+{r.by}")
        doc.table(table)
    return doc.text()
