"""The questionnaire on a terminal: questionary (on prompt_toolkit) behind `Prompter.ask`.

This is the only module that prompts, and it knows nothing of the flow: it shows a
`Question` (`pmladder.cli.questions`) and returns the answer. Ctrl-C, Ctrl-D on an empty
field, or a closed terminal become `Interrupted`, carrying the text typed into a text
question so far, so the flow can keep it in the draft.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app_session

from pmladder.cli.questions import Answer, Interrupted, Kind, Question, Tone

STYLE = questionary.Style(
    [
        ("qmark", "fg:#5f87ff bold"),
        ("question", "bold"),
        ("pointer", "fg:#5f87ff bold"),
        ("highlighted", "fg:#5f87ff bold"),
        ("instruction", "fg:#808080 italic"),
    ]
)
TONES = {Tone.PLAIN: "", Tone.HEADING: "bold", Tone.HINT: "italic", Tone.MUTED: "fg:#808080"}


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


class TerminalPrompter:
    """Asks each question with questionary, on the terminal (stderr when stdout is redirected)."""

    def ask(self, question: Question) -> Answer:
        with prompting():
            for note in question.notes:
                questionary.print(note.text, style=TONES[note.tone])
            prompt = _build(question)
            try:
                answer: Answer = prompt.unsafe_ask()
            except (KeyboardInterrupt, EOFError, OSError):
                # Ctrl-C, Ctrl-D, a hang-up (the signal, or a terminal that fails): the field's
                # text is still in the buffer of the application the question ran
                typed = prompt.application.current_buffer.text if question.kind is Kind.TEXT else None
                raise Interrupted(typed) from None
        return answer


def _build(question: Question) -> Any:
    """The questionary question for a `Question`."""
    if question.kind is Kind.TEXT:
        check = question.validate
        return questionary.text(
            question.message,
            default=str(question.default or ""),
            validate=(lambda text: check(text) or True) if check else None,
            instruction=question.instruction,
            style=STYLE,
        )
    if question.kind is Kind.CONFIRM:
        return questionary.confirm(question.message, default=bool(question.default), style=STYLE)
    shortcuts = all(option.key for option in question.options)
    choices = [
        questionary.Choice(_wrap(option.title), option.value, shortcut_key=option.key or True)
        for option in question.options
    ]
    default = next((c for c in choices if c.value == question.default), None) if question.default is not None else None
    return questionary.select(
        question.message,
        choices=choices,
        default=default,
        use_shortcuts=shortcuts,
        instruction=question.instruction,
        style=STYLE,
    )


def _wrap(text: str) -> str:
    """A choice wrapped to the terminal, continuation lines under the text after '1) '.

    questionary does not wrap choices; cut off, a behavioural descriptor loses its point.
    """
    width = max(40, min(shutil.get_terminal_size().columns, 110) - 8)
    return textwrap.fill(text, width=width, subsequent_indent=" " * 6)
