"""The interactive questionnaire behind `pmladder assess` (questionary on prompt_toolkit).

It is the only module that prompts. Each answer is saved to the draft at once, so Ctrl-C
or a closed terminal loses nothing, and `pmladder assess --resume` carries on. The
required level is never shown while rating: seeing it anchors people; the report reveals it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app_session
from questionary import Choice

from pmladder.assessment.answers import MAX_NAME, Answers
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.models import Role, Skill

BACK = "__back__"
UNSURE = "__unsure__"
SKIP = "__skip__"
SCORE = "__score__"
CHANGE = "__change__"

STYLE = questionary.Style(
    [
        ("qmark", "fg:#5f87ff bold"),
        ("question", "bold"),
        ("pointer", "fg:#5f87ff bold"),
        ("highlighted", "fg:#5f87ff bold"),
        ("instruction", "fg:#808080 italic"),
    ]
)


def can_prompt() -> bool:
    """True on a real terminal, or when prompt_toolkit was handed an input (tests, embedding).

    prompt_toolkit has no public way to ask whether an input was given; `_input` is it.
    """
    return sys.stdin.isatty() or get_app_session()._input is not None


@contextmanager
def prompting() -> Iterator[None]:
    """Prompts go to the terminal even when stdout is redirected: stdout carries the report."""
    session = get_app_session()
    if session._output is not None or sys.stdout.isatty():
        yield
        return
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.output import create_output

    with create_app_session(input=session._input, output=create_output(stdout=sys.stderr)):
        yield


class Questionnaire:
    """Asks for the preamble, then one question per required skill, then a summary."""

    def __init__(
        self,
        kb: KnowledgeBase,
        answers: Answers,
        save: Callable[[Answers], object],
        *,
        evidence: bool = True,
        role: str | None = None,
        city: str | None = None,
    ) -> None:
        self.kb = kb
        self.answers = answers
        self.save = save
        self.evidence = evidence
        self.role = role
        self.city = city

    # -- plumbing ---------------------------------------------------------------------

    def _update(self, **changes: Any) -> None:
        # validated, not copied: a draft or answers file must always read back
        self.answers = Answers.model_validate({**self.answers.model_dump(), **changes})
        self.save(self.answers)

    @staticmethod
    def _ask(question: questionary.Question) -> Any:
        """Ask; Ctrl-C raises KeyboardInterrupt (the draft is already saved)."""
        return question.unsafe_ask()

    # -- the flow ---------------------------------------------------------------------

    def run(self) -> Answers:
        previous = signal.getsignal(signal.SIGHUP) if hasattr(signal, "SIGHUP") else None
        if previous is not None:
            signal.signal(signal.SIGHUP, _hang_up)
        try:
            fresh = self.answers.target_role is None  # a resumed draft has been through the preamble
            if self.role:
                self._update(target_role=self.role)
            if self.city:
                self._update(city=self.city)
            if fresh:
                self._preamble()
            self._questions()
            self._summary()
            self._update(assessed_on=dt.date.today(), kb_version=self.kb.version)
            return self.answers
        finally:
            if previous is not None:
                signal.signal(signal.SIGHUP, previous)

    def target(self) -> Role:
        assert self.answers.target_role is not None
        return self.kb.role(self.answers.target_role)

    def _preamble(self) -> None:
        questionary.print("pmladder: rate yourself against the role you aim for.", style="bold")
        questionary.print(
            "Pick the description that fits what you actually do today; 'not sure yet' is fine.\n", style="italic"
        )
        name = self._ask(
            questionary.text(
                "Your name (optional, shown on the report):",
                validate=lambda text: len(text.strip()) <= MAX_NAME or f"At most {MAX_NAME} characters, please",
                style=STYLE,
            )
        )
        self._update(name=name.strip() or None)
        roles = [Choice(f"{r.name}", r.id) for r in self.kb.roles]
        current = self._ask(
            questionary.select(
                "Your current role:",
                choices=[*roles, Choice("None of these / skip", SKIP)],
                style=STYLE,
            )
        )
        current_role = None if current == SKIP else self.kb.role(current)
        self._update(current_role=current_role.id if current_role else None)
        if self.role is None:  # --role already chose the target
            following = self.kb.next_role(current_role) if current_role else None
            default = (following or current_role or self.kb.roles[0]).id
            target = self._ask(questionary.select("The role you aim for:", choices=roles, default=default, style=STYLE))
            self._update(target_role=target)
        role = self.target()
        if role.salaries and not self.answers.city:
            cities = [Choice(f.city, f.city) for f in role.salaries.figures]
            city = self._ask(
                questionary.select(
                    "A city for salary context (optional):",
                    choices=[Choice("Skip", SKIP), *cities],
                    style=STYLE,
                )
            )
            self._update(city=None if city == SKIP else city)

    def _plan(self) -> list[tuple[Skill, str]]:
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

    def _questions(self) -> None:
        plan = self._plan()
        index = next((i for i, (skill, _) in enumerate(plan) if skill.id not in self.answers.ratings), len(plan))
        if 0 < index < len(plan):
            questionary.print(f"Resuming at question {index + 1} of {len(plan)}.", style="italic")
        while index < len(plan):
            skill, progress = plan[index]
            if self._rate(skill, progress, allow_back=index > 0) == BACK:
                index -= 1
            else:
                index += 1

    def _rate(self, skill: Skill, progress: str, *, allow_back: bool) -> object:
        """One question; returns BACK when the person asks to go back."""
        questionary.print(f"\n{progress}", style="fg:#808080")
        questionary.print(skill.name, style="bold")
        questionary.print(skill.definition, style="italic")
        choices: list[Choice] = [
            Choice(_wrap(f"{self.kb.label(level)}: {text}"), level, shortcut_key=str(level))
            for level, text in enumerate(skill.levels, start=1)
        ]
        choices.append(Choice("Not sure yet", UNSURE, shortcut_key="n"))
        if allow_back:
            choices.append(Choice("Back to the previous question", BACK, shortcut_key="b"))
        default = None
        if skill.id in self.answers.ratings:  # back, resume or change: start on the earlier answer
            earlier = self.answers.ratings[skill.id]
            default = next(c for c in choices if c.value == (UNSURE if earlier is None else earlier))
        answer = self._ask(
            questionary.select(
                "Which fits you best?",
                choices=choices,
                default=default,
                use_shortcuts=True,
                instruction="(arrows or 1-5, Enter)",
                style=STYLE,
            )
        )
        if answer == BACK:
            return BACK
        rating = None if answer == UNSURE else int(answer)
        self._update(ratings={**self.answers.ratings, skill.id: rating})
        if self.evidence and rating is not None and rating >= 3:
            text = self._ask(
                questionary.text(
                    "What shows this? A link, a metric, an example (optional, Enter to skip):",
                    default=self.answers.evidence.get(skill.id, ""),
                    style=STYLE,
                )
            ).strip()
            evidence = {k: v for k, v in self.answers.evidence.items() if k != skill.id}
            if text:
                evidence[skill.id] = text[:500]
            self._update(evidence=evidence)
        return rating

    def _summary(self) -> None:
        plan = self._plan()
        while True:
            questionary.print("\nYour answers", style="bold")
            for skill, _ in plan:
                questionary.print(f"  {skill.name:<32} {self._rating_label(skill)}")
            choice = self._ask(
                questionary.select(
                    "Score these answers, or change one first?",
                    choices=[Choice("Score my answers", SCORE), Choice("Change an answer", CHANGE)],
                    style=STYLE,
                )
            )
            if choice == SCORE:
                return
            picked = self._ask(
                questionary.select(
                    "Which one?",
                    choices=[Choice(f"{s.name}: {self._rating_label(s)}", s.id) for s, _ in plan],
                    style=STYLE,
                )
            )
            skill, progress = next((s, p) for s, p in plan if s.id == picked)
            self._rate(skill, progress, allow_back=False)

    def _rating_label(self, skill: Skill) -> str:
        rating = self.answers.ratings.get(skill.id)
        return "not sure yet" if rating is None else f"{rating} {self.kb.label(rating)}"


def _wrap(text: str) -> str:
    """A descriptor wrapped to the terminal, continuation lines under the text after '1) '.

    questionary does not wrap choices; cut off, a behavioural descriptor loses its point.
    """
    width = max(40, min(shutil.get_terminal_size().columns, 110) - 8)
    return textwrap.fill(text, width=width, subsequent_indent=" " * 6)


def _hang_up(signum: int, frame: FrameType | None) -> None:
    """A closed terminal ends the questionnaire like Ctrl-C: the draft is already saved."""
    raise KeyboardInterrupt
