"""What every format shows about a role, in one place, so the renderers cannot drift apart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmladder.commands import quoted_command
from pmladder.knowledge.values import Project, Role

if TYPE_CHECKING:
    from pmladder.assessment.answers import Answers
    from pmladder.assessment.compare import SkillViews
    from pmladder.assessment.match import Match
    from pmladder.assessment.plan import Plan, PlanItem
    from pmladder.assessment.report import Assessment, Suggestion
    from pmladder.knowledge.base import KnowledgeBase, LadderInfo


def role_sections(role: Role) -> list[tuple[str, Sequence[str]]]:
    """The titled lists of a role's profile, in display order; empty ones are left out."""
    sections: list[tuple[str, Sequence[str]]] = [
        ("Responsibilities", role.responsibilities),
        ("Day to day", role.day_to_day),
        ("Challenges", role.challenges),
        ("Where people come from", role.backgrounds),
        ("How to get there", role.advancement),
        ("Education", role.education),
        ("Growth", role.growth),
        ("Transferable skills", role.transferable_skills),
        ("Personal growth", role.personal_growth),
        ("Skills and qualities", [*role.qualities, *role.traits]),
        ("Learning formats", role.learning_formats),
        ("Company size", role.company_size),
        ("Specialisations", role.specialisations),
    ]
    sections.append(("Our inferences (not from a cited source)", role.notes))
    return [(title, items) for title, items in sections if items]


# --- who a report speaks to: the person who rated themselves, or a reader of someone else's ratings ---

SOMEONE = "the person rated"  # a report on someone else's ratings that does not name them
_RATERS = {"manager": "their manager", "peer": "a peer"}


@dataclass(frozen=True)
class ReportVoice:
    """The one place that decides how a report speaks: to "you" when the ratings are the person's own,
    else about the person rated, by name (never a guessed pronoun; "they" where one is needed).

    A manager's or peer's report is forwarded and read by others: "Your ratings meet the bar" would
    tell the wrong reader the wrong thing. Names come from files: renderers show them through the
    sanitiser and escaping as any other text.
    """

    rater: str = "self"  # self, manager, peer or other
    rater_name: str | None = None
    subject: str | None = None  # the person rated, by name

    @property
    def is_self(self) -> bool:
        return self.rater == "self"

    @property
    def person(self) -> str:
        """The person rated as the subject of a sentence: 'you', 'Ada Example', 'the person rated'."""
        return "you" if self.is_self else self.subject or SOMEONE

    @property
    def title(self) -> str:
        """The person rated, for a heading: the name, else 'The person rated'."""
        return capital(self.subject or SOMEONE)

    def heading(self, unnamed_self: str) -> str:
        """Whose report this is: the name; `unnamed_self` ('Your assessment') for a self-assessment without one."""
        return (self.subject or unnamed_self) if self.is_self else self.title

    @property
    def ratings(self) -> str:
        """'your ratings', "Ada Example's ratings", 'the ratings of the person rated'."""
        if self.is_self:
            return "your ratings"
        return f"{self.subject}'s ratings" if self.subject else f"the ratings of {SOMEONE}"

    @property
    def by(self) -> str:
        """Who gave someone else's ratings: 'by Bo Manager (manager)', 'by their manager', 'by a peer'."""
        if self.rater_name:
            return f"by {self.rater_name} ({self.rater})"
        return f"by {_RATERS.get(self.rater, 'another rater')}"

    @property
    def rated_by(self) -> str:
        """The ratings with who gave them, for the sentence that judges them:
        'Your ratings' or "Ada Example's ratings, by Bo Manager (manager),"."""
        return "Your ratings" if self.is_self else f"{capital(self.ratings)}, {self.by},"

    @property
    def rater_who(self) -> str:
        """Who rated, as the subject of a sentence: 'you', 'Bo Manager', 'their manager', 'the peer'."""
        if self.is_self:
            return "you"
        return self.rater_name or {"manager": "their manager", "peer": "the peer"}.get(self.rater, "the rater")

    @property
    def note(self) -> str:
        """What the ratings are, under a report's heading."""
        return "Ratings are a self-assessment." if self.is_self else f"Ratings {self.by}."

    @property
    def column(self) -> str:
        """The heading of the ratings column: 'You', or 'Rating' for someone else's ratings."""
        return "You" if self.is_self else "Rating"


def capital(text: str) -> str:
    """The first letter upper case, the rest as written (a name keeps its own spelling)."""
    return text[:1].upper() + text[1:]


def voice_of(answers: Answers) -> ReportVoice:
    """The voice of a report on these answers: their rater, the rater's name and the person rated."""
    return ReportVoice(answers.rated_by, answers.rater_name, answers.whose)


def voice(view: Assessment) -> ReportVoice:
    return voice_of(view.answers)


def cohort_ratings_note(combined: bool) -> str:
    """What a cohort's ratings are: self-assessments, or combined with managers' and peers' views."""
    if not combined:
        return "Ratings are self-assessments."
    return (
        "Ratings are self-assessments, combined per skill with managers' and peers' ratings where"
        " they rated someone too (the mean of every view, half up)."
    )


# --- the assessment report: the sentences every format shows, worded once ------------------


def weights_legend(weights: Iterable[int | None]) -> str:
    """The legend under a table of weights: the bundled ladder's 1 to 3 by name, a ladder that
    weighs up to 5 by its range (its stars carry no names)."""
    top = max((w for w in weights if w is not None), default=1)
    if top <= 3:
        return "Weight: ★ useful, ★★ important, ★★★ core to the role."
    return f"Weight: ★ (1) to {'★' * top} ({top}): the more stars, the more central to the role."


DEFAULTS = "Levels and weights are the knowledge base's defaults, meant to be edited for your organisation."
ASK = "Compare with the description below, and ask your manager or a peer who has seen your work."


def ask(view: Assessment) -> str:
    """Where to find out about a skill not rated: the self-assessor asks others; a rater asks the person too."""
    v = voice(view)
    if v.is_self:
        return ASK
    return f"Compare with the description below, and ask {v.person} or others who have seen their work."


def caveat(kb: KnowledgeBase) -> str:
    """What the ladder's numbers are: the knowledge base's own note (`about.note`), else the standard sentence."""
    return kb.note or DEFAULTS


def ladder_line(ladder: LadderInfo | None, version: str) -> str:
    """The head of a report: 'Acme product ladder 2024.2 · source: … · licence: …', else 'knowledge base 2024.2'."""
    return ladder.line() if ladder is not None else f"knowledge base {version}"


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 role', '3 categories'."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def contents(kb: KnowledgeBase, tracks: int) -> str:
    """'9 roles, 25 skills in 5 categories, 3 tracks, a scale of 5 levels'."""
    return (
        f"{counted(len(kb.roles), 'role')}, {counted(len(kb.skills), 'skill')} in"
        f" {counted(len(kb.categories), 'category', 'categories')}, {counted(tracks, 'track')},"
        f" a scale of {kb.levels} levels"
    )


def role_line(kb: KnowledgeBase, role: Role) -> str:
    """'manager track · rank 5 · ~8-15 years': what the ladder says of a role's place, absent parts left out."""
    parts = [f"{kb.track_name(role.track)} track", f"rank {role.rank}"]
    if role.years is not None:
        parts.append(f"{role.years.label()} years")
    return " · ".join(parts)


def years_text(role: Role) -> str:
    """'~8-15', or nothing when the ladder gives no years."""
    return role.years.label() if role.years is not None else ""


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def meaning(view: Assessment) -> str:
    """What the readiness figure means, with what was left out."""
    result, v = view.score, voice(view)
    if result.readiness is None:
        return f"Nothing is rated yet, so there is no readiness for {view.target.name}."
    unrated = len(result.unrated)
    unsure = "you were not sure about" if v.is_self else f"{v.rater_who} did not rate"
    left_out = (
        f"{unrated} skill{'s' if unrated != 1 else ''} {unsure} {'are' if unrated != 1 else 'is'} left out"
        if unrated
        else "every required skill is rated"
    )
    return (
        f"Readiness is the share of what {view.target.name} requires that {v.ratings} reach, weighted by how"
        f" central each skill is; {left_out} (coverage {result.coverage:g}%)."
    )


def standing_sentence(view: Assessment) -> str:
    """Where the ratings stand on the way to the target."""
    place, names, ratings = view.standing, [r.name for r in view.standing_path], voice(view).rated_by
    if place.meets is None:
        return (
            f"{ratings} do not yet meet the whole bar of any role on the way to {view.target.name}"
            " (a skill not rated counts as not met)."
        )
    if place.steps_to_target == 0:
        return f"{ratings} meet the bar of {view.target.name}."
    steps = place.steps_to_target
    return (
        f"{ratings} meet the bar of {names[0]}. {view.target.name} is {steps} step{'s' if steps != 1 else ''} up:"
        f" {' → '.join(names)}."
    )


def no_gaps(view: Assessment) -> str:
    """The 'No gaps' section, for a target whose every rated skill meets the bar."""
    return f"Every skill {voice(view).rater_who} rated meets what {view.target.name} requires."


def gap_text(gap: int | None) -> str:
    return "to find out" if gap is None else str(gap)


def rating_text(view: Assessment, rating: int | None) -> str:
    return "not sure yet" if rating is None else f"{rating} {view.label(rating)}"


def suggestion_heading(view: Assessment, n: int, suggestion: Suggestion) -> tuple[str, str]:
    """('1. Skill', 'you 2 Guided, the role needs 4 Advanced (gap 2, weight 3)'); 'rated 2 Guided, …'
    for someone else's ratings."""
    s = view.score.by_skill(suggestion.skill)
    detail = (
        f"{'you' if voice(view).is_self else 'rated'} {rating_text(view, s.rating)}, the role needs {s.required} {view.label(s.required)}"
        f" (gap {s.gap}, weight {s.weight})"
    )
    return f"{n}. {s.name}", detail


def project_place(project: Project) -> str:
    """Where a project happens, and where the idea comes from: 'at work', 'outside work · from the source documents'."""
    parts = {"work": ["at work"], "outside": ["outside work"]}.get(project.setting.value if project.setting else "", [])
    if project.origin == "seed":
        parts.append("from the source documents")
    elif project.origin:
        parts.append(f"from {project.origin}")
    return " · ".join(parts)


def project_line(project: Project) -> str:
    place = project_place(project)
    return (
        f"{project.title}: {project.deliverable} (builds toward {project.builds_to}, ~{project.effort_hours} h"
        f"{' · ' + place if place else ''})"
    )


def total_hours(view: Assessment) -> int:
    return sum(s.hours for s in view.suggestions)


def gaps_heading(view: Assessment) -> str:
    """The top gaps' heading; a ladder without projects or learning has gaps but no steps to list."""
    hours = total_hours(view)
    if hours:
        return f"Top gaps and the next step for each (about {hours} h of projects in all)"
    if any(s.on_the_job for s in view.suggestions):
        return "Top gaps and the next step for each"
    return "Top gaps"


def has_profile(view: Assessment) -> bool:
    """Whether the report has anything to say of what the target role looks like."""
    return bool(view.day_to_day or view.challenges or view.next_roles or view.salary)


def summary_lines(view: Assessment) -> list[str]:
    """The essentials, for the last screen of a long terminal report (the hints follow, unboxed)."""
    result = view.score
    gaps = ", ".join(f"{result.by_skill(g).name} ({result.by_skill(g).gap})" for g in result.top_gaps[:3]) or "none"
    lines = [
        f"Readiness {percent(result.readiness)} for {view.target.name} · {result.verdict.value}"
        f" · coverage {result.coverage:g}%",
        standing_sentence(view),
        f"Top gaps: {gaps}",
    ]
    return lines


def match_heading(view: Match) -> str:
    """'Ada: the same ratings against every role'; someone else's: 'Ada Example, rated by Bo Manager (manager): …'."""
    v = ReportVoice(view.rater, view.rater_name, view.name)
    title = "the same ratings against every role"
    if not v.is_self:
        return f"{v.title}, rated {v.by}: {title}"
    return f"{view.name}: {title}" if view.name else title


# --- calibration ------------------------------------------------------------------------------

PEERS_NOTE = "Peers are shown only as a mean, and only where at least 3 peers rated a skill."


def describe_rater(rater: str, name: str | None) -> str:
    return f"{rater} ({name})" if name else rater


def view_cell(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g}" if isinstance(value, int) or value != int(value) else f"{int(value)}"


def peers_cell(skill: SkillViews) -> str:
    if skill.peers is not None:
        return f"{skill.peers:g} ({skill.peer_count})"
    return "fewer than 3" if skill.peer_count else "–"


def difference_cell(value: float | None) -> str:
    return "–" if value is None else "0" if value == 0 else f"{value:+g}"


# --- the plan -----------------------------------------------------------------------------------


def plan_summary(view: Plan) -> str:
    v = ReportVoice(view.rater, view.rater_name, view.name)
    if view.calibrated:  # only a self-assessment is combined with others' (compare's rule)
        basis = "the combined view of you and the people who rated you"
    else:
        basis = v.ratings if v.is_self else f"{v.ratings}, {v.by}"
    return (
        f"{view.hours_per_week} h a week for {view.weeks} weeks, {view.start.isoformat()} to {view.end.isoformat()}:"
        f" {view.scheduled_hours} of {view.budget} h scheduled, top gaps first, from {basis}."
        " Hours are rough estimates."
    )


def dates(item: PlanItem) -> str:
    if item.start is None or item.end is None:
        return "later"
    return f"{item.start.isoformat()} → {item.end.isoformat()}"


# --- history, diff and progress: the wording every format shares -------------------------

SPARKS = "▁▂▃▄▅▆▇█"
LEVEL_SPARKS = "▁▃▄▆█"  # ratings 1-5 on a five-level scale; other scales spread over SPARKS
UNRATED_SPARK = "·"
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
HELD = (
    "Promotion readiness is sustained performance, not one snapshot: a skill holds the bar when"
    " it is rated at or above the required level in every assessment in a row up to the latest."
)


def sparkline(values: Sequence[float | None]) -> str:
    """Readiness per assessment on a fixed 0-100 scale, so heights compare across people: ▁ 0 .. █ 100."""
    return "".join(UNRATED_SPARK if v is None else SPARKS[int(v * 7 / 100 + 0.5)] for v in values)


def level_sparkline(ratings: Sequence[int | None], levels: int = 5) -> str:
    """Ratings 1 to `levels` (the scale's size) as blocks, '·' for not sure yet."""
    if levels == len(LEVEL_SPARKS):
        return "".join(UNRATED_SPARK if r is None else LEVEL_SPARKS[min(max(r, 1), levels) - 1] for r in ratings)
    top = len(SPARKS) - 1
    return "".join(
        UNRATED_SPARK if r is None else SPARKS[round((min(max(r, 1), levels) - 1) * top / max(levels - 1, 1))]
        for r in ratings
    )


def signed(change: float | int | None) -> str:
    """+13.6 (figures keep their one decimal), −2 (levels), ±0; '–' when there is no change to tell."""
    if change is None:
        return "–"
    if change == 0:
        return "±0"
    text = f"{abs(change):.1f}" if isinstance(change, float) else str(abs(change))
    return f"+{text}" if change > 0 else f"−{text}"


def who(name: str | None) -> str:
    return name or "–"


def month(date: str) -> str:
    """'2026-03-10' -> 'March 2026'."""
    return f"{MONTHS[int(date[5:7]) - 1]} {date[:4]}"


def held_text(required: int, latest: int | None, held: int, since: str | None) -> str:
    """'at the bar for 3 assessments, since March 2026', or how far the latest rating is from it."""
    if held and since:
        return f"at the bar for {held} assessment{'s' if held != 1 else ''}, since {month(since)}"
    if latest is None:
        return "not rated in the latest assessment"
    below = required - latest
    return f"below the bar ({below} level{'s' if below != 1 else ''} to go)"


def diff_basis(target_name: str, role_chosen: bool) -> str:
    """Which role both sides of a diff were scored against, and why."""
    why = "chosen with --role" if role_chosen else "the second assessment's target role"
    return f"Both assessments are scored against {target_name} ({why}) with the ladder in use."


def ladder_name(ladder: str | None) -> str:
    """'the bundled ladder', or the knowledge-base folder; 'every ladder' for None."""
    if ladder is None:
        return "every ladder"
    return "the bundled ladder" if ladder == "bundled" else f"the ladder in {ladder}"


def stored_note(kb_version: str, kb_digest: str, version_in_use: str, digest_in_use: str) -> str:
    """Why `history show` prints a report as stored rather than scoring it again."""
    return (
        f"As stored: scored with knowledge base {kb_version} (digest {kb_digest}); the ladder in use is"
        f" {version_in_use} (digest {digest_in_use}), so this is the report as it was then, not scored again."
    )


def empty_history() -> str:
    return f"No assessments in your history for this ladder yet: every {quoted_command('assess')} adds one"


NO_CHANGE = "No change: both assessments give the same ratings, figures and evidence."
