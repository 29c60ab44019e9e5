"""The questionnaire behind `pmladder assess`: its flow, its drafts, and where the answers go.

`Questionnaire` decides which question comes next (preamble, one rating per required skill
with Back, evidence for ratings of 3 or more, a summary where any answer can be changed, and
where to resume) and only produces `Question`s and consumes answers through a `Prompter`, so
tests drive it with `ScriptedPrompter`. `interview` runs it inside a draft of its own
(`pmladder.assessment.drafts`), offers to resume or discard earlier drafts, and writes the
answers file at the end. Ctrl-C, a closed terminal (SIGHUP) or SIGTERM keep everything
answered, and what was being typed, in the draft; the exit code is then 130.

The required level is never shown while rating: seeing it anchors people; the report reveals it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import NoReturn

import typer

from pmladder.assessment.answers import MAX_NAME, Answers, Rater
from pmladder.assessment.drafts import (
    BUNDLED_KEY,
    MAX_TYPED,
    Draft,
    OpenDraft,
    Progress,
    assess_command,
    discard_draft,
    evidence_key,
    is_draft_path,
    kb_key,
    list_drafts,
    new_draft,
    open_draft,
)
from pmladder.cli import questions
from pmladder.cli.questions import (
    ENTER,
    Answer,
    IdlePrompter,
    Interrupted,
    Kind,
    Note,
    Option,
    Prompter,
    Question,
    ScriptedPrompter,
    Step,
    Tone,
    Value,
)
from pmladder.commands import command, quoted_command
from pmladder.errors import ExitCode, PmladderError, Problem
from pmladder.io.files import display_name
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.values import Descriptor, Role, Skill


def not_a_terminal() -> str:
    return f"stdin is not a terminal: pass --answers FILE (see {quoted_command('template')})"


def answers_header() -> str:
    return f"pmladder answers; score again with: {command('assess', '--answers')} <this file>"


# values of the flow's own options, apart from ids and ratings
BACK = "__back__"
UNSURE = "__unsure__"
SKIP = "__skip__"
SCORE = "__score__"
CHANGE = "__change__"
NEW = "__new__"
DISCARD = "__discard__"

READING_WPM = 200
"""Words a minute read while comparing descriptors: the low end of silent reading in English,
238 for non-fiction on average (Brysbaert, 2019), since each one is weighed against the others."""
SECONDS_PER_ANSWER = 5
"""Deciding and pressing the keys, for every question, on top of the reading."""


@dataclass(frozen=True)
class Voice:
    """How the questionnaire is phrased: for rating yourself, or for rating someone else."""

    rater: Rater
    subject: str | None = None

    @property
    def about_self(self) -> bool:
        return self.rater == "self"

    @property
    def them(self) -> str:
        """How a question names the person rated: their first name, else 'them'."""
        if not self.subject:
            return "them"
        first = self.subject.split()[0]
        return self.subject if first.endswith(".") else first

    def intro(self) -> tuple[Note, Note]:
        if self.about_self:
            return (
                Note("pmladder: rate yourself against the role you aim for.", Tone.HEADING),
                Note("Pick the description that fits what you actually do today; 'not sure yet' is fine.", Tone.HINT),
            )
        whom = self.subject or "someone you work with"
        return (
            Note(f"pmladder: rate {whom}, as their {self.rater}, against the role they aim for.", Tone.HEADING),
            Note(
                f"Pick the description that fits what you have seen {self.them} do; 'not observed' is fine.", Tone.HINT
            ),
        )

    @property
    def which(self) -> str:
        return "Which fits you best?" if self.about_self else f"Which fits {self.them} best?"

    @property
    def unsure(self) -> str:
        return "Not sure yet" if self.about_self else "Not observed"

    @property
    def evidence(self) -> str:
        return "What shows this?" if self.about_self else "What have you seen that shows this?"

    @property
    def evidence_hint(self) -> str:
        if self.about_self:
            return "For a rating of 3 or more: what shows it? A link, a metric, an example (optional)."
        return "For a rating of 3 or more: what have you seen? A project, a meeting, a document (optional)."

    @property
    def current_role(self) -> str:
        return "Your current role:" if self.about_self else f"{self.them}'s current role (optional):"

    @property
    def target_role(self) -> str:
        return "The role you aim for:" if self.about_self else f"The role to rate {self.them} against:"

    @property
    def answers(self) -> str:
        return "Your answers" if self.about_self else f"Your ratings of {self.subject or self.them}"

    @property
    def score(self) -> str:
        return "Score my answers" if self.about_self else "Score these ratings"


# -- answers, with their type checked ---------------------------------------------------------


def as_text(question: Question, answer: Answer) -> str:
    if not isinstance(answer, str):
        raise TypeError(f"{question.name}: expected text, got {answer!r}")
    return answer


def as_value(question: Question, answer: Answer) -> Value:
    if isinstance(answer, bool) or answer not in question.values:
        raise TypeError(f"{question.name}: expected one of {question.values!r}, got {answer!r}")
    return answer


def as_bool(question: Question, answer: Answer) -> bool:
    if not isinstance(answer, bool):
        raise TypeError(f"{question.name}: expected yes or no, got {answer!r}")
    return answer


# -- the flow ---------------------------------------------------------------------------------


class Questionnaire:
    """Asks for the preamble, then one question per required skill, then a summary.

    It starts from `progress` (empty, or a draft's) and asks only what is not answered yet;
    after every answer `save` gets the new progress. `progress` is always the latest, so a
    caller that catches an interruption saves it, typed text included.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        progress: Progress,
        prompter: Prompter,
        save: Callable[[Progress], object] = lambda progress: None,
        *,
        role: str | None = None,
        city: str | None = None,
        rater: Rater | None = None,
        subject: str | None = None,
        estimating: bool = False,
    ) -> None:
        self.kb = kb
        self.progress = progress
        self.prompter = prompter
        self.save = save
        self.role = role
        self.city = city
        self.rater = rater
        self.subject = subject
        self.estimating = estimating  # a dry run that only counts: it says nothing of time itself
        self._notes: tuple[Note, ...] = ()  # shown before the next question asked
        self._hinted = False  # whether what evidence means has been said

    @property
    def answers(self) -> Answers:
        return self.progress.answers

    @property
    def voice(self) -> Voice:
        return Voice(self.answers.rated_by, self.answers.subject)

    def run(self) -> Answers:
        """Ask what is left; the finished answers, dated and tied to the knowledge-base version."""
        fresh = self.progress.is_empty
        if fresh and self.rater not in (None, "self"):  # a new questionnaire about someone else
            self._update({"rater": self.rater, "subject": self.subject})
        if self.role is not None and self.answers.target_role != self.role:
            self._update({"target_role": self.role})
        if self.city is not None:
            self._update({"city": self.city}, answered=["city"])
        if fresh:
            heading, hint = self.voice.intro()
            self._notes = (heading, *self._time_notes(), Note(f"{hint.text}\n", hint.tone))
        else:
            left = ""
            if self.answers.target_role is not None and not self.estimating:
                rest = self.estimate(self.target())
                questions_left = "1 question" if rest.questions == 1 else f"{rest.questions} questions"
                left = f" {questions_left} left, about {_minutes(rest.minutes)}."
            self._notes = (Note(f"Resuming where you stopped.{left}", Tone.HINT),)
        self._preamble()
        self._questions()
        self._summary()
        self._update({"assessed_on": dt.date.today(), "kb_name": self.kb.name, "kb_version": self.kb.version})
        return self.answers

    # -- how long it takes --------------------------------------------------------------------

    def estimate(self, target: Role) -> Estimate:
        """The questions this questionnaire asks from here for `target`, and the words it shows.

        A dry run of the flow itself, answered as someone at the role's level would answer
        (each skill at its required level, so evidence is asked where that is 3 or more).
        """
        required = {skill.id: req.level for skill, req in self.kb.requirements(target)}

        def answer(question: Question) -> Step:
            if question.kind is Kind.TEXT:
                return "Someone" if question.name == "subject" else ""
            if question.kind is Kind.CONFIRM:
                return False
            if question.name == "target_role":
                return target.id
            if question.name.startswith("rating:"):
                return required[question.name.split(":", 1)[1]]
            if question.name == "summary":
                return SCORE
            return SKIP if SKIP in question.values else ENTER

        prompter = ScriptedPrompter(answer)
        dry = Questionnaire(
            self.kb,
            self.progress,
            prompter,
            role=self.role,
            city=self.city,
            rater=self.rater,
            subject=self.subject,
            estimating=True,
        )
        dry.run()
        return Estimate(
            questions=sum(1 for q in prompter.asked if q.name != "summary"),
            ratings=sum(1 for q in prompter.asked if q.name.startswith("rating:")),
            evidence=sum(1 for q in prompter.asked if q.name.startswith("evidence:")),
            words=sum(words_shown(q) for q in prompter.asked),
            answers=len(prompter.asked),
        )

    def _time_notes(self) -> tuple[Note, ...]:
        """'N questions, about M minutes' for the first screen: for the target when it is known,
        else the range over the roles one could aim for."""
        if self.estimating:
            return ()
        if self.answers.target_role is not None:
            return (Note(f"{self.target().name}: {self.estimate(self.target()).sentence()}", Tone.PLAIN),)
        estimates = [self.estimate(role) for role in self.kb.roles]
        return (Note(Estimate.span(estimates), Tone.PLAIN),)

    # -- plumbing -----------------------------------------------------------------------------

    def _update(
        self, changes: Mapping[str, object] | None = None, *, answered: Iterable[str] = (), forget: Iterable[str] = ()
    ) -> None:
        answers = self.answers
        if changes and self.estimating:  # a dry run keeps nothing: its own answers need no checking
            answers = answers.model_copy(update=changes)
        elif changes:  # validated, not copied: a draft or answers file must always read back
            answers = Answers.model_validate({**answers.model_dump(), **changes})
        done = (self.progress.answered - set(forget)) | set(answered)
        self.progress = replace(self.progress, answers=answers, answered=frozenset(done))
        self.save(self.progress)

    def _ask(self, question: Question) -> Answer:
        if self._notes:
            question = question.with_notes(*self._notes)
            self._notes = ()
        typed = dict(self.progress.typed)
        try:
            answer = self.prompter.ask(question)
        except Interrupted as exc:
            if exc.typed is not None:  # kept in the draft, offered again on resume
                typed.pop(question.name, None)
                if exc.typed.strip():
                    typed[question.name] = exc.typed[:MAX_TYPED]
                self.progress = replace(self.progress, typed=typed)
            raise
        if question.name in typed:
            del typed[question.name]
            self.progress = replace(self.progress, typed=typed)
        return answer

    def _text(self, question: Question) -> str:
        return as_text(question, self._ask(question))

    def _select(self, question: Question) -> Value:
        return as_value(question, self._ask(question))

    def _default_text(self, name: str, answer: str | None) -> str:
        """What a text question starts with: what was being typed, else the earlier answer."""
        return self.progress.typed.get(name, answer or "")

    # -- the preamble -------------------------------------------------------------------------

    def target(self) -> Role:
        assert self.answers.target_role is not None
        return self.kb.role(self.answers.target_role)

    def _preamble(self) -> None:
        """Name, current role, target role, city: each asked once, resumed where it stopped.

        Rating someone else: whom (unless --subject named them) and the rater's own name,
        never the rater's role; the subject's current role is optional.
        """
        done = self.progress.answered
        voice = self.voice
        if not voice.about_self and not self.answers.subject:
            subject = self._text(
                questions.text(
                    "subject",
                    "Whom are you rating? Their name:",
                    default=self._default_text("subject", None),
                    validate=_check_subject,
                )
            )
            self._update({"subject": subject.strip()}, answered=["subject"])
            voice = self.voice
        if voice.about_self and "name" not in done:
            name = self._text(
                questions.text(
                    "name",
                    "Your name (optional, shown on the report):",
                    default=self._default_text("name", self.answers.name),
                    validate=_check_name,
                )
            )
            self._update({"name": name.strip() or None}, answered=["name"])
        if not voice.about_self and "rater_name" not in done:
            name = self._text(
                questions.text(
                    "rater_name",
                    "Your name (optional, recorded as the rater):",
                    default=self._default_text("rater_name", self.answers.rater_name),
                    validate=_check_name,
                )
            )
            self._update({"rater_name": name.strip() or None}, answered=["rater_name"])
        roles = [Option(r.name, r.id) for r in self.kb.roles]
        if "current_role" not in done:
            current = self._select(
                questions.select(
                    "current_role",
                    voice.current_role,
                    [*roles, Option("None of these / skip", SKIP)],
                    default=self.answers.current_role,
                )
            )
            self._update({"current_role": None if current == SKIP else current}, answered=["current_role"])
        if self.answers.target_role is None:  # --role or an earlier answer chose it
            current_role = self.kb.role(self.answers.current_role) if self.answers.current_role else None
            following = self.kb.next_role(current_role) if current_role else None
            default = (following or current_role or self.kb.roles[0]).id
            target = self._select(questions.select("target_role", voice.target_role, roles, default=default))
            self._update({"target_role": target})
            self._target_chosen()
        role = self.target()
        if role.salaries and self.answers.city is None and "city" not in done:
            cities = [Option(f.city, f.city) for f in role.salaries.figures]
            city = self._select(
                questions.select("city", "A city for salary context (optional):", [Option("Skip", SKIP), *cities])
            )
            self._update({"city": None if city == SKIP else city}, answered=["city"])

    def _target_chosen(self) -> None:
        """Once the target is chosen here, say how long the rest takes (the first screen gave a range)."""
        if self.estimating:
            return
        rest = self.estimate(self.target())
        self._notes = (*self._notes, Note(f"{self.target().name}: {rest.sentence(rest=True)}", Tone.PLAIN))

    # -- the ratings --------------------------------------------------------------------------

    def plan(self) -> list[tuple[Skill, str]]:
        """The required skills in report order, each with its progress label."""
        requirements = self.kb.requirements(self.target())
        total = len(requirements)
        per_category: dict[str, int] = {}
        for skill, _ in requirements:
            per_category[skill.category] = per_category.get(skill.category, 0) + 1
        seen: dict[str, int] = {}
        plan = []
        for n, (skill, _) in enumerate(requirements, start=1):
            seen[skill.category] = seen.get(skill.category, 0) + 1
            category = self.kb.category(skill.category).name
            plan.append((skill, f"{category} {seen[skill.category]}/{per_category[skill.category]} · {n} of {total}"))
        return plan

    def _wants_evidence(self, skill: Skill) -> bool:
        rating = self.answers.ratings.get(skill.id)
        return self.progress.evidence and rating is not None and rating >= 3

    def pending(self, skill: Skill) -> bool:
        """Whether a skill still has a question to answer: its rating, or evidence for it."""
        if skill.id not in self.answers.ratings:
            return True
        return self._wants_evidence(skill) and evidence_key(skill.id) not in self.progress.answered

    def _questions(self) -> None:
        """One question per skill from the first one pending; Back revisits answered ones."""
        plan = self.plan()
        index = next((i for i, (skill, _) in enumerate(plan) if self.pending(skill)), len(plan))
        if 0 < index < len(plan):
            self._notes = (Note(f"Resuming at question {index + 1} of {len(plan)}.", Tone.HINT),)
        furthest = index
        while index < len(plan):
            skill, progress = plan[index]
            if index >= furthest and skill.id in self.answers.ratings:  # rated before an interruption
                if self.pending(skill):
                    rating = self._rating_label(skill)
                    self._evidence(skill, notes=(Note(f"\n{progress}", Tone.MUTED), Note(f"{skill.name}: {rating}")))
                index += 1
            elif self._rate(skill, progress, allow_back=index > 0) == BACK:
                index -= 1
            else:
                index += 1
            furthest = max(furthest, index)

    def _rate(self, skill: Skill, progress: str, *, allow_back: bool) -> Value:
        """One rating (and its evidence); returns BACK when the person asks to go back."""
        voice = self.voice
        options = [
            Option(rating_title(self.kb.label(level), descriptor), level, str(level), f"{level} {self.kb.label(level)}")
            for level, descriptor in enumerate(skill.levels, start=1)
        ]
        options.append(Option(voice.unsure, UNSURE, "n", voice.unsure.lower()))
        if allow_back:
            options.append(Option("Back to the previous question", BACK, "b", "back"))
        default: Value | None = None
        if skill.id in self.answers.ratings:  # back, resume or change: start on the earlier answer
            earlier = self.answers.ratings[skill.id]
            default = UNSURE if earlier is None else earlier
        answer = self._select(
            questions.select(
                f"rating:{skill.id}",
                voice.which,
                options,
                default=default,
                instruction=f"(1-{self.kb.levels} or ↑↓, Enter)",
                heading=skill.name,
                progress=progress,
                detail=skill.definition,
            )
        )
        if answer == BACK:
            return BACK
        rating = None if answer == UNSURE else int(answer)
        # a new rating asks for its evidence again
        self._update({"ratings": {**self.answers.ratings, skill.id: rating}}, forget=[evidence_key(skill.id)])
        if self._wants_evidence(skill):
            self._evidence(skill)
        return answer

    def _evidence(self, skill: Skill, notes: tuple[Note, ...] = ()) -> None:
        key = evidence_key(skill.id)
        default = self._default_text(key, self.answers.evidence.get(skill.id))
        voice = self.voice
        if not self._hinted:  # what evidence means, once a questionnaire
            notes = (*notes, Note(voice.evidence_hint, Tone.HINT))
            self._hinted = True
        question = questions.text(key, voice.evidence, default=default, instruction="(Enter skips)", notes=notes)
        text = self._text(question).strip()
        evidence = {k: v for k, v in self.answers.evidence.items() if k != skill.id}
        if text:
            evidence[skill.id] = text[:500]
        self._update({"evidence": evidence}, answered=[key])

    # -- the summary --------------------------------------------------------------------------

    def _summary(self) -> None:
        plan = self.plan()
        while True:
            column = max((len(skill.name) for skill, _ in plan), default=0)
            table = [Note(f"  {skill.name:<{column}}  {self._rating_label(skill)}") for skill, _ in plan]
            choice = self._select(
                questions.select(
                    "summary",
                    "Score these answers, or change one first?",
                    [Option(self.voice.score, SCORE), Option("Change an answer", CHANGE)],
                    notes=(Note(f"\n{self.voice.answers}", Tone.HEADING), *table),
                )
            )
            if choice == SCORE:
                return
            picked = self._select(
                questions.select(
                    "change", "Which one?", [Option(f"{s.name}: {self._rating_label(s)}", s.id) for s, _ in plan]
                )
            )
            skill, progress = next((s, p) for s, p in plan if s.id == picked)
            self._rate(skill, progress, allow_back=False)

    def _rating_label(self, skill: Skill) -> str:
        rating = self.answers.ratings.get(skill.id)
        return self.voice.unsure.lower() if rating is None else f"{rating} {self.kb.label(rating)}"


def rating_title(label: str, descriptor: Descriptor) -> str:
    """A rating choice: 'Label: paragraph', or for a list of criteria 'Label:' and one line per criterion.

    Criteria reach the prompter as lines (joined with newlines) so that it can lay them out compactly.
    """
    if isinstance(descriptor, str):
        return f"{label}: {descriptor}"
    return "\n".join([f"{label}:", *(f"• {criterion}" for criterion in descriptor)])


def _check_name(text: str) -> str | None:
    return None if len(text.strip()) <= MAX_NAME else f"At most {MAX_NAME} characters, please"


def _check_subject(text: str) -> str | None:
    if not text.strip():
        return "Their name, please: the ratings are about them"
    return _check_name(text)


# -- how long it takes ------------------------------------------------------------------------


def words_shown(question: Question) -> int:
    """The words a question puts in front of the person: notes, heading, definition, question, options."""
    texts = [*(note.text for note in question.notes), question.heading or "", question.detail or ""]
    texts += [question.message, *(option.title for option in question.options)]
    return sum(len(text.split()) for text in texts)


@dataclass(frozen=True)
class Estimate:
    """How long a questionnaire takes: its questions (the summary's 'score' aside), how many
    rate a skill and how many ask for evidence, and the words it shows; read at READING_WPM,
    plus SECONDS_PER_ANSWER for each of its `answers` (the summary's included)."""

    questions: int
    ratings: int
    evidence: int
    words: int
    answers: int

    @property
    def seconds(self) -> float:
        return self.words * 60 / READING_WPM + self.answers * SECONDS_PER_ANSWER

    @property
    def minutes(self) -> int:
        return max(1, int(self.seconds / 60 + 0.5))

    def sentence(self, *, rest: bool = False) -> str:
        """'53 questions, about 19 minutes: 25 skills to rate and about 25 optional ones on evidence.'"""
        more = " from here" if rest else ""
        what = _skills(self.ratings)
        if self.evidence:
            what += f" and about {self.evidence} optional ones on evidence"
        return f"{self.questions} questions, about {_minutes(self.minutes)}{more}: {what}."

    @staticmethod
    def span(estimates: list[Estimate]) -> str:
        """The same over several possible targets, as ranges where they differ."""

        def span(values: list[int]) -> str:
            low, high = min(values), max(values)
            return str(low) if low == high else f"{low} to {high}"

        return (
            f"{span([e.ratings for e in estimates])} skills to rate: {span([e.questions for e in estimates])} questions,"
            f" about {span([e.minutes for e in estimates])} minute{'' if max(e.minutes for e in estimates) == 1 else 's'},"
            " depending on the role you aim for."
        )


def _minutes(n: int) -> str:
    return "1 minute" if n == 1 else f"{n} minutes"


def _skills(n: int) -> str:
    return "1 skill to rate" if n == 1 else f"{n} skills to rate"


# -- the session: drafts, resume, the answers file --------------------------------------------


def terminal_prompter() -> Prompter:
    """The questionary prompter, when there is a terminal to ask on."""
    from pmladder.cli.questionnaire import TerminalPrompter, can_prompt

    if not can_prompt():
        raise PmladderError(not_a_terminal())
    return TerminalPrompter()


def _ready_to_save() -> None:
    """What the first answer's save needs and the first question does not: the YAML emitter.

    Imported while the first question waits for its answer, so that neither waits for it.
    """
    import yaml  # noqa: F401


def interview(
    kb: KnowledgeBase,
    kb_dir: str | Path,
    *,
    role: str | None = None,
    city: str | None = None,
    resume: bool = False,
    evidence: bool | None = None,
    save: Path | None = None,
    force: bool = False,
    rater: Rater | None = None,
    subject: str | None = None,
    prompter: Prompter | None = None,
) -> tuple[Answers, Path]:
    """Run the questionnaire in a draft of its own and write the answers file; return the answers
    and where they were written.

    `evidence` None keeps a resumed draft's choice (else yes); `save` must have passed
    `check_save`. `rater` (with `subject`, whom they rate) phrases a new questionnaire for
    rating someone else; when given, only drafts by the same rater about the same subject are
    offered, else a resumed draft keeps its own. An interruption keeps the draft and exits 130.
    """
    prompter = prompter or terminal_prompter()
    if isinstance(prompter, IdlePrompter):
        prompter.when_idle(_ready_to_save)
    if role is not None:
        kb.role(role)  # an unknown role fails before the first question
    wanted = None if rater is None else (rater, subject)
    with signals_interrupt(), start_up_frozen():
        try:
            draft = _choose_draft(kb, kb_dir, prompter, resume=resume, wanted=wanted)
        except KeyboardInterrupt:
            _tell("\nInterrupted. Nothing was changed.\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        with draft:
            progress = draft.progress if evidence is None else replace(draft.progress, evidence=evidence)
            questionnaire = Questionnaire(
                kb, progress, prompter, draft.save, role=role, city=city, rater=rater, subject=subject
            )
            try:
                answers = questionnaire.run()
                path = _write(answers, save, force=force, kb_dir=kb_dir)
            except KeyboardInterrupt:
                _interrupted(draft, questionnaire.progress, kb_dir)
            except PmladderError as exc:  # the answers file could not be written
                exc.problems.append(
                    Problem(f"your answers are kept in {draft.path}; resume with: {_command(kb_dir, '--resume')}")
                )
                raise
            draft.discard()
    if answers.rated_by == "self":
        _tell(f"Answers saved to {path}\nScore them again with: {_hint(kb_dir, 'assess', '--answers', str(path))}\n")
    else:
        _tell(f"Answers saved to {path}\n")
    return answers, path


def compare_hint(answers: Answers, path: Path, kb_dir: str | Path) -> str:
    """For ratings of someone else, the last lines after the report: how to set them beside theirs."""
    from pmladder.cli.common import compare_suggestion

    return compare_suggestion(answers.subject, _hint(kb_dir, "compare", "THEIR_SELF_FILE", str(path)))


def _hint(kb_dir: str | Path, *args: str) -> str:
    """A pmladder command for this knowledge base, runnable as printed (as pmladder was invoked)."""
    from pmladder.cli.common import invoked_as

    kb = [] if kb_key(kb_dir) == BUNDLED_KEY else ["--kb", str(Path(kb_dir).resolve())]
    return " ".join([invoked_as(), *(shlex.quote(a) for a in [*kb, *args])])


def _interrupted(draft: OpenDraft, progress: Progress, kb_dir: str | Path) -> NoReturn:
    """Keep what was answered and typed (nothing at all: no draft), say where, exit 130."""
    try:
        if progress.is_empty:
            draft.discard()
            _tell("\nInterrupted before the first answer; there was nothing to keep.\n")
        else:
            draft.save(progress)
            resume = _command(kb_dir, "--resume")
            _tell(f"\nInterrupted. Your answers so far are kept in {draft.path}\nResume with: {resume}\n")
    except (KeyboardInterrupt, PmladderError):  # the last save stands: each one replaces the draft whole
        _tell(f"\nInterrupted. Your answers are kept in {draft.path}\nResume with: {_command(kb_dir, '--resume')}\n")
    raise typer.Exit(ExitCode.INTERRUPTED)


def _command(kb_dir: str | Path, flag: str) -> str:
    """`pmladder assess FLAG` for this knowledge base, runnable as printed (as pmladder was invoked)."""
    from pmladder.cli.common import invoked_as

    return assess_command(kb_dir, flag, program=invoked_as())


def describe(draft: Draft, kb: KnowledgeBase) -> str:
    """One line for a draft: who, which role and how far, when last saved."""
    when = f"{draft.saved:%Y-%m-%d %H:%M}"
    if draft.progress is None:
        return f"{draft.path.name} (saved {when}): {draft.problem or 'cannot be read'}"
    answers = draft.progress.answers
    who = answers.name or "no name yet"
    if answers.rated_by != "self":
        by = f" by {answers.rater_name}" if answers.rater_name else ""
        who = f"{answers.subject or 'no one named yet'}, rated as {answers.rated_by}{by}"
    if answers.target_role and kb.has_role(answers.target_role):
        role = kb.role(answers.target_role)
        required = [skill.id for skill, _ in kb.requirements(role)]
        rated = sum(1 for skill_id in required if skill_id in answers.ratings)
        return f"{who} → {role.name}, {rated} of {len(required)} rated (saved {when})"
    return f"{who}, no target role yet (saved {when})"


def _owner(draft: Draft) -> str:
    return f"process {draft.holder}" if draft.holder else "another process"


def _choose_draft(
    kb: KnowledgeBase,
    kb_dir: str | Path,
    prompter: Prompter,
    *,
    resume: bool,
    wanted: tuple[Rater, str | None] | None = None,
) -> OpenDraft:
    """The draft this questionnaire works in: a resumed one, or a new one (never another's).

    With `wanted` (a rater and maybe a subject) only drafts by that rater about that subject count.
    """
    drafts = [d for d in list_drafts(kb, kb_dir) if wanted is None or _matches(d, *wanted)]
    usable = [d for d in drafts if d.progress is not None and not d.in_use]
    busy = [d for d in drafts if d.in_use]
    for d in drafts:
        if d.problem:
            _tell(
                f"warning: an unfinished assessment cannot be resumed: {d.problem}\n"
                f"  ('{_command(kb_dir, '--discard')}' removes it)\n"
            )
    notes = tuple(
        Note(f"Open in another questionnaire ({_owner(d)}), so not offered: {describe(d, kb)}", Tone.HINT) for d in busy
    )
    if resume and not usable:
        if busy:
            raise PmladderError(
                f"your unfinished assessment is open in another pmladder questionnaire ({_owner(busy[0])}); "
                f"finish it there, or start a new one with {quoted_command('assess')}"
            )
        raise PmladderError(f"no unfinished assessment to resume; start one with {quoted_command('assess')}")
    if not usable:
        return new_draft(kb, kb_dir)
    if resume and len(usable) == 1 and not busy:
        return open_draft(usable[0], kb, kb_dir)
    offer = _offer(usable, kb, kb_dir, resume=resume, notes=notes)
    choice = as_value(offer, prompter.ask(offer))
    if choice == NEW:
        return new_draft(kb, kb_dir)
    if choice == DISCARD:
        if not discard_draft(usable[0]):
            _tell(f"{usable[0].path} was opened by another questionnaire meanwhile; it is kept.\n")
        return new_draft(kb, kb_dir)
    assert isinstance(choice, int)
    return open_draft(usable[choice], kb, kb_dir)


def _matches(draft: Draft, rater: Rater, subject: str | None) -> bool:
    """Whether a draft is by `rater` about `subject` (any subject when None); unreadable ones stay listed."""
    if draft.progress is None:
        return True
    answers = draft.progress.answers
    if answers.rated_by != rater:
        return False
    return subject is None or (answers.subject or "").casefold() == subject.strip().casefold()


def _offer(
    usable: list[Draft], kb: KnowledgeBase, kb_dir: str | Path, *, resume: bool, notes: tuple[Note, ...]
) -> Question:
    """Resume (which one), start a new one, or discard the one there is."""
    if len(usable) == 1 and not resume:
        return questions.select(
            "resume",
            "Resume it?",
            [
                Option("Yes, resume it", 0, "y"),
                Option("No, start a new one and keep it for later", NEW, "n"),
                Option("Discard it and start a new one", DISCARD, "d"),
            ],
            notes=(*notes, Note(f"You have an unfinished assessment: {describe(usable[0], kb)}")),
        )
    options = [Option(describe(d, kb), i, str(i + 1) if i < 9 else None) for i, d in enumerate(usable)]
    later = "it" if len(usable) == 1 else "them"
    options.append(Option(f"None: start a new one and keep {later} for later", NEW, "n"))
    return questions.select(
        "resume",
        "Which unfinished assessment do you want to resume?",
        options,
        notes=(*notes, Note(f"{quoted_command('assess', '--discard')} removes unfinished assessments.", Tone.HINT)),
    )


def discard_drafts(kb: KnowledgeBase, kb_dir: str | Path, *, yes: bool, prompter: Prompter | None = None) -> int:
    """`pmladder assess --discard`: this knowledge base's drafts, after a confirmation unless `yes`.

    Drafts open in a live questionnaire are left alone. Returns how many were discarded.
    """
    if not yes and prompter is None:
        try:
            prompter = terminal_prompter()
        except PmladderError:
            raise PmladderError("--discard asks first: pass --yes to discard without a terminal") from None
    drafts = list_drafts(kb, kb_dir)
    busy = [d for d in drafts if d.in_use]
    free = [d for d in drafts if not d.in_use]
    for d in busy:
        _tell(f"Kept, open in another questionnaire ({_owner(d)}): {describe(d, kb)}\n")
    if not free:
        if not busy:
            _tell("No unfinished assessments to discard.\n")
        return 0
    if prompter is not None and not yes:
        what = "this unfinished assessment" if len(free) == 1 else f"these {len(free)} unfinished assessments"
        question = questions.confirm(
            "discard",
            f"Discard {what}? This cannot be undone.",
            default=False,
            notes=tuple(Note(f"  {describe(d, kb)}") for d in free),
        )
        try:
            with signals_interrupt():
                sure = as_bool(question, prompter.ask(question))
        except KeyboardInterrupt:
            _tell("\nInterrupted. Nothing was discarded.\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        if not sure:
            _tell("Nothing was discarded.\n")
            return 0
    gone = 0
    for d in free:
        if discard_draft(d):
            gone += 1
        else:
            _tell(f"Kept, opened by another questionnaire meanwhile: {describe(d, kb)}\n")
    _tell(f"Discarded {gone} unfinished assessment{'' if gone == 1 else 's'}.\n")
    return gone


# -- the answers file -------------------------------------------------------------------------


def check_save(save: str | None, *, force: bool = False) -> Path | None:
    """Refuse a --save that could not or should not be written, before the first question."""
    if save is None:
        return None
    if save == "-":
        raise PmladderError("--save needs a file: stdout carries the report")
    path = Path(save)
    name = display_name(path)
    if is_draft_path(path):
        raise PmladderError(Problem("is in pmladder's drafts folder; --save needs a file of your own", name))
    if path.is_dir():
        raise PmladderError(Problem("is a folder; give a file name", name))
    if path.exists() and not force:
        raise PmladderError(Problem("already exists; pass --force to overwrite it", name))
    folder = path.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise PmladderError(Problem(f"cannot be created: {display_name(folder)} is a file, not a folder", name))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PmladderError(Problem(f"cannot be created: {display_name(folder)} is not writable", name))
    return path


def _write(answers: Answers, save: Path | None, *, force: bool, kb_dir: str | Path) -> Path:
    """Write the answers file: --save (never replacing a file that appeared meanwhile unless
    --force), else a new file under the pmladder folder: `assessments/` for the bundled ladder,
    `assessments/<kb-key>/` for another (the key of its drafts), so each ladder keeps its own."""
    if save is not None:
        if force:
            from pmladder.assessment.answers_file import write_answers

            write_answers(save, answers, answers_header())
            return save
        if _reserve(save):
            return _fill(save, answers)
        _tell(f"{display_name(save)} appeared while you answered; it is left as it is.\n")
    from pmladder.io.paths import assessments_dir

    stem = f"{answers.assessed_on or 'undated'}-{answers.target_role}"
    if answers.rated_by != "self":  # a manager rates several people: whom, and as whom, in the name
        whom = re.sub(r"[^a-z0-9]+", "-", (answers.subject or "").casefold()).strip("-")[:40]
        stem += f"-{whom}-by-{answers.rated_by}" if whom else f"-by-{answers.rated_by}"
    key = kb_key(kb_dir)
    folder = assessments_dir() if key == BUNDLED_KEY else assessments_dir() / key
    n = 1
    while True:
        path = folder / (f"{stem}.yaml" if n == 1 else f"{stem}-{n}.yaml")
        if _reserve(path):
            return _fill(path, answers)
        n += 1


def _reserve(path: Path) -> bool:
    """Create an empty file at `path` unless something is there: names are never shared."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except FileExistsError:
        return False
    except OSError as exc:
        raise PmladderError(Problem(f"cannot write: {exc.strerror or exc}", display_name(path))) from None
    return True


def _fill(path: Path, answers: Answers) -> Path:
    from pmladder.assessment.answers_file import write_answers  # at the end: YAML is not needed to ask

    try:
        write_answers(path, answers, answers_header())
    except BaseException:
        path.unlink(missing_ok=True)  # the empty file reserved for it
        raise
    return path


# -- signals and messages ---------------------------------------------------------------------


@contextmanager
def start_up_frozen() -> Iterator[None]:
    """Keep the garbage collector from pausing between questions.

    A full collection walked everything start-up built (the knowledge base, prompt_toolkit):
    a repeatable pause of 30-50 ms. Frozen, that is never walked again; and the full
    collections that would still walk what the questions make wait until the questionnaire
    is over (the younger generations, a millisecond each, carry on). Both undone afterwards.
    For `assess`, start-up ends here: the collector, paused by the console script all the
    way through (the knowledge base, prompt_toolkit), runs again from now on.
    """
    import gc

    from pmladder.cli.entry import resume_collector

    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(thresholds[0], thresholds[1], max(thresholds[2], 1000))
    resume_collector()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@contextmanager
def signals_interrupt() -> Iterator[None]:
    """A closed terminal (SIGHUP) or a plain `kill` (SIGTERM) stops the questionnaire as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for name in ("SIGHUP", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, _raise_interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _tell(text: str) -> None:
    """A message on stderr; a terminal that has gone away is no reason to fail."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
