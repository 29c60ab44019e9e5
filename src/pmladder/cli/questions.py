"""The questionnaire's questions as data, and the one seam between the flow and a prompt library.

A `Question` says what to ask: its kind (text, select, confirm), message, options with their
shortcut keys, default and validator, and the lines shown before it. A `Prompter` asks it and
returns the answer, nothing else. The flow (`pmladder.cli.interview`) only produces questions
and consumes answers, so `ScriptedPrompter` drives it in tests without a terminal or
keystrokes, and `pmladder.cli.questionnaire.TerminalPrompter` puts questionary behind the same
single method. Nothing here imports a prompt library.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

Value = str | int
"""What a select option stands for: an id, a rating, or one of the flow's markers."""

Answer = str | int | bool
"""Text for a text question, an option's value for a select, True or False for a confirm."""

Validator = Callable[[str], "str | None"]
"""None when text is acceptable, else what to tell the person."""


class Kind(enum.Enum):
    TEXT = "text"
    SELECT = "select"
    CONFIRM = "confirm"


class Tone(enum.Enum):
    """How a line shown before a question looks; the prompter maps tones to styles."""

    PLAIN = "plain"
    HEADING = "heading"
    HINT = "hint"
    MUTED = "muted"


@dataclass(frozen=True)
class Note:
    """A line shown before a question (a heading, a definition, progress)."""

    text: str
    tone: Tone = Tone.PLAIN


@dataclass(frozen=True)
class Option:
    """One choice of a select question; `key` is its shortcut (1 up to the scale's size for ratings, n, b...).

    `short` is what is shown once it is chosen ('3 Independent' for a whole descriptor).
    """

    title: str
    value: Value
    key: str | None = None
    short: str | None = None


@dataclass(frozen=True)
class Question:
    """One question. `name` is stable (`name`, `rating:writing`, `evidence:writing`...): drafts
    record answered questions by it and scripts can answer by it.

    `notes` are printed before the question. A select question may also have a `heading`
    (what it is about, e.g. the skill; always kept in view), a `progress` label and a
    `detail` (e.g. the skill's definition), laid out with the question at the terminal's
    size (`pmladder.cli.layout`).
    """

    kind: Kind
    name: str
    message: str
    options: tuple[Option, ...] = ()
    default: Answer | None = None
    validate: Validator | None = field(default=None, compare=False)
    instruction: str | None = None
    notes: tuple[Note, ...] = ()
    heading: str | None = None
    progress: str | None = None
    detail: str | None = None

    def __post_init__(self) -> None:
        if self.kind is Kind.SELECT:
            if not self.options:
                raise ValueError(f"{self.name}: a select question needs options")
            keys = [o.key for o in self.options if o.key]
            if len(keys) != len(set(keys)):
                raise ValueError(f"{self.name}: two options share a shortcut key")
            if self.default is not None and self.default not in self.values:
                raise ValueError(f"{self.name}: default {self.default!r} is not an option")
        elif self.options:
            raise ValueError(f"{self.name}: only a select question has options")
        elif self.heading or self.progress or self.detail:
            raise ValueError(f"{self.name}: only a select question has a heading, progress or detail")

    @property
    def values(self) -> list[Value]:
        return [o.value for o in self.options]

    @property
    def initial(self) -> Answer:
        """What Enter alone answers: the default, else the first option, an empty text or no."""
        if self.default is not None:
            return self.default
        if self.kind is Kind.SELECT:
            return self.options[0].value
        return "" if self.kind is Kind.TEXT else False

    def with_notes(self, *notes: Note) -> Question:
        """The same question with more lines shown before it."""
        return replace(self, notes=(*notes, *self.notes))


def text(
    name: str,
    message: str,
    *,
    default: str = "",
    validate: Validator | None = None,
    instruction: str | None = None,
    notes: Iterable[Note] = (),
) -> Question:
    return Question(Kind.TEXT, name, message, (), default, validate, instruction, tuple(notes))


def select(
    name: str,
    message: str,
    options: Iterable[Option],
    *,
    default: Value | None = None,
    instruction: str | None = None,
    notes: Iterable[Note] = (),
    heading: str | None = None,
    progress: str | None = None,
    detail: str | None = None,
) -> Question:
    return Question(
        Kind.SELECT,
        name,
        message,
        tuple(options),
        default,
        None,
        instruction,
        tuple(notes),
        heading,
        progress,
        detail,
    )


def confirm(name: str, message: str, *, default: bool = False, notes: Iterable[Note] = ()) -> Question:
    return Question(Kind.CONFIRM, name, message, (), default, None, None, tuple(notes))


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (or a closed terminal) at a prompt. `typed` is the text in a text question's
    field at that moment, submitted or not; None for other kinds."""

    def __init__(self, typed: str | None = None) -> None:
        super().__init__()
        self.typed = typed


class Prompter(Protocol):
    """Asks one question and returns its answer; raises `Interrupted` when the person stops."""

    def ask(self, question: Question) -> Answer: ...


@runtime_checkable
class IdlePrompter(Protocol):
    """A prompter that can do work while a question on screen waits for a key (`TerminalPrompter`)."""

    def when_idle(self, work: Callable[[], object]) -> None: ...


class _Enter:
    def __repr__(self) -> str:
        return "ENTER"


ENTER = _Enter()
"""In a script: take the question's default, as pressing Enter does."""

Step = Answer | _Enter | BaseException
Script = Iterable[Step] | Callable[[Question], Step]


class ScriptedPrompter:
    """A prompter that answers from a script: a list of answers, or a function of the question.

    Each step is an answer, `ENTER` (the default), or an exception to raise there (usually
    `Interrupted("text typed so far")`). Answers are checked like a terminal would: a select
    answer must be an option's value, and text the validator refuses is recorded in `refused`
    and the next step answers the same question again. Every question asked is kept in `asked`.
    """

    def __init__(self, script: Script) -> None:
        self._function: Callable[[Question], Step] | None = None
        self._steps: Iterator[Step] | None = None
        if callable(script):
            self._function = script
        else:
            self._steps = iter(script)
        self.asked: list[Question] = []
        self.refused: list[tuple[str, str]] = []

    def ask(self, question: Question) -> Answer:
        self.asked.append(question)
        while True:
            step = self._next(question)
            if isinstance(step, BaseException):
                raise step
            answer = question.initial if isinstance(step, _Enter) else step
            problem = self._check(question, answer)
            if problem is None:
                return answer
            self.refused.append((question.name, problem))

    def _next(self, question: Question) -> Step:
        if self._function is not None:
            return self._function(question)
        assert self._steps is not None
        try:
            return next(self._steps)
        except StopIteration:
            raise LookupError(f"the script ran out at {question.name!r}: {question.message}") from None

    @staticmethod
    def _check(question: Question, answer: Answer) -> str | None:
        if question.kind is Kind.TEXT:
            if not isinstance(answer, str):
                raise TypeError(f"{question.name}: a text question takes a str, not {answer!r}")
            return question.validate(answer) if question.validate else None
        if question.kind is Kind.CONFIRM:
            if not isinstance(answer, bool):
                raise TypeError(f"{question.name}: a confirm question takes True or False, not {answer!r}")
            return None
        if isinstance(answer, bool) or answer not in question.values:
            raise ValueError(f"{question.name}: {answer!r} is not one of {question.values!r}")
        return None
