"""The questionnaire on a terminal: questionary (on prompt_toolkit) behind `Prompter.ask`.

This is the only module that prompts, and it knows nothing of the flow: it shows a
`Question` (`pmladder.cli.questions`) and returns the answer. Ctrl-C, Ctrl-D on an empty
field, or a closed terminal become `Interrupted`, carrying the text typed into a text
question so far, so the flow can keep it in the draft.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app_session
from prompt_toolkit.formatted_text import StyleAndTextTuples

from pmladder.cli import layout
from pmladder.cli.layout import fit
from pmladder.cli.questions import Answer, Interrupted, Kind, Note, Question, Tone, Value

STYLE = questionary.Style(
    [
        ("qmark", "fg:#5f87ff bold"),
        ("question", "bold"),
        ("pointer", "fg:#5f87ff bold"),
        ("highlighted", "fg:#5f87ff bold"),
        ("instruction", "fg:#808080 italic"),
        ("heading", "bold"),
        ("progress", "fg:#808080"),
        ("hint", "italic"),
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
    """Asks each question on the terminal (stderr when stdout is redirected).

    Text and yes/no questions are questionary's. Select questions are a small prompt_toolkit
    application of our own, laid out by `pmladder.cli.layout` at every render: questionary
    neither wraps choices nor re-wraps them on a resize, and a cut-off descriptor loses its
    point. Notes are printed before the question, wrapped at the width of that moment.
    """

    def __init__(self) -> None:
        self._idle: list[Callable[[], object]] = []

    def when_idle(self, work: Callable[[], object]) -> None:
        """Do `work` once the next question is on screen, while it waits for a key.

        For what can wait for the person and must not delay the question: an import the
        first answer's save needs, say. A failure there is left for that save to meet.
        """
        self._idle.append(work)

    def _on_screen(self, app: Any) -> None:
        """Hand the idle work to `app`, to do after its first render (its output flushed)."""
        if not self._idle:
            return
        work, self._idle = self._idle, []

        def rendered(_: object) -> None:
            while work:
                with suppress(Exception):  # only a head start: the real use reports any failure
                    work.pop(0)()

        app.after_render += rendered

    def ask(self, question: Question) -> Answer:
        with prompting():
            _print_notes(question.notes, _columns())
            if question.kind is Kind.SELECT:
                return _select(question, self._on_screen)
            prompt = _build(question)
            self._on_screen(prompt.application)
            try:
                answer: Answer = prompt.unsafe_ask()
            except (KeyboardInterrupt, EOFError, OSError):
                # Ctrl-C, Ctrl-D, a hang-up (the signal, or a terminal that fails): the field's
                # text is still in the buffer of the application the question ran
                typed = prompt.application.current_buffer.text if question.kind is Kind.TEXT else None
                _echo(question, typed or "")
                raise Interrupted(typed) from None
            _echo(question, answer)
        return answer


def _print_notes(notes: Sequence[Note], width: int) -> None:
    """A question's notes, wrapped at `width`, in one write: one print each cost about a
    millisecond, and the summary before scoring has a note per skill."""
    if not notes:
        return
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText

    lines = [(TONES[note.tone], "\n".join(fit(line, width)) + "\n") for note in notes for line in note.text.split("\n")]
    print_formatted_text(FormattedText(lines), end="")


def _echo(question: Question, answer: Answer) -> None:
    """The question and its answer as they stay on the terminal, wrapped at words.

    prompt_toolkit would leave the field as it was, soft-wrapped mid-word; it is erased when
    done (`erase_when_done`) and written again here.
    """
    from prompt_toolkit import print_formatted_text
    from prompt_toolkit.formatted_text import FormattedText

    shown = ("Yes" if answer else "No") if isinstance(answer, bool) else str(answer)
    spans: list[layout.Span] = [("qmark", "?"), ("", " "), ("question", question.message)]
    if shown:
        spans += [("", " "), ("answer", shown)]
    lines = layout.wrap_styled(spans, _columns(), hang="  ")
    with suppress(OSError):  # the terminal has gone away
        print_formatted_text(FormattedText(_fragments(lines)), style=_style())


def _style() -> Any:
    from prompt_toolkit.styles import merge_styles
    from questionary.constants import DEFAULT_STYLE

    return merge_styles([DEFAULT_STYLE, STYLE])


def _fragments(lines: Sequence[layout.Line], cursor: int | None = None) -> StyleAndTextTuples:
    """Lines of `(class, text)` spans as prompt_toolkit fragments; `cursor` marks a line to keep in view."""
    out: StyleAndTextTuples = []
    for n, line in enumerate(lines):
        if n:
            out.append(("", "\n"))
        if n == cursor:
            out.append(("[SetCursorPosition]", ""))
        out += [(f"class:{style}" if style else "", text) for style, text in line]
    return out


def _columns() -> int:
    """The width to wrap printed notes to, the last column left free as in `layout`."""
    return get_app_session().output.get_size().columns - layout.MARGIN


def _build(question: Question) -> Any:
    """The questionary question for a text or yes/no `Question`."""
    if question.kind is Kind.TEXT:
        check = question.validate
        return questionary.text(
            question.message,
            default=str(question.default or ""),
            validate=(lambda text: check(text) or True) if check else None,
            instruction=question.instruction,
            style=STYLE,
            erase_when_done=True,
        )
    return questionary.confirm(question.message, default=bool(question.default), style=STYLE, erase_when_done=True)


class _Pointer:
    """Where a select question's pointer is, and whether Enter has answered it."""

    def __init__(self, at: int) -> None:
        self.at = at
        self.answered = False


def _select(question: Question, on_screen: Callable[[Any], None] = lambda app: None) -> Answer:
    """A select question: arrows (or Ctrl-N, Ctrl-P) move, an option's key points at it, Enter answers.

    Everything shown is computed at render time from the terminal's size, so a resize
    re-wraps it. The heading and question stay put; the options scroll only when the
    terminal is too small for them (`layout.select_screen`).
    """
    from prompt_toolkit.application import Application
    from prompt_toolkit.application.current import get_app
    from prompt_toolkit.filters import Condition
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
    from prompt_toolkit.layout.controls import FormattedTextControl
    from prompt_toolkit.layout.dimension import Dimension

    options = question.options
    values = question.values
    state = _Pointer(values.index(question.default) if question.default in values else 0)

    def size() -> tuple[int, int]:
        rows, columns = get_app().output.get_size()
        return columns, rows

    def screen() -> layout.Screen:
        columns, rows = size()
        return layout.select_screen(question, state.at, columns, rows)

    def header() -> StyleAndTextTuples:
        if get_app().is_done:
            chosen = options[state.at] if state.answered else None
            return _fragments(tuple(layout.answered_lines(question, chosen, size()[0])))
        return _fragments(screen().header)

    def header_height() -> Dimension:
        if get_app().is_done:
            chosen = options[state.at] if state.answered else None
            return Dimension.exact(len(layout.answered_lines(question, chosen, size()[0])))
        return Dimension.exact(len(screen().header))

    def choices() -> StyleAndTextTuples:
        shown = screen()
        return _fragments(shown.choices, shown.cursor)

    bindings = KeyBindings()

    def move(step: int) -> None:
        state.at = (state.at + step) % len(options)

    @bindings.add(Keys.Down, eager=True)
    @bindings.add(Keys.ControlN, eager=True)
    def _down(event: KeyPressEvent) -> None:
        move(1)

    @bindings.add(Keys.Up, eager=True)
    @bindings.add(Keys.ControlP, eager=True)
    def _up(event: KeyPressEvent) -> None:
        move(-1)

    if layout.shortcuts(question):
        for n, option in enumerate(options):
            assert option.key is not None

            def point(event: KeyPressEvent, n: int = n) -> None:
                state.at = n

            bindings.add(option.key, eager=True)(point)

    @bindings.add(Keys.ControlM, eager=True)
    def _enter(event: KeyPressEvent) -> None:
        state.answered = True
        event.app.exit(result=values[state.at])

    @bindings.add(Keys.ControlC, eager=True)
    @bindings.add(Keys.ControlQ, eager=True)
    def _stop(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @bindings.add(Keys.Any)
    def _other(event: KeyPressEvent) -> None:
        """Typing anything else does nothing."""

    container = HSplit(
        [
            Window(FormattedTextControl(header, show_cursor=False), height=header_height, wrap_lines=False),
            ConditionalContainer(
                Window(FormattedTextControl(choices, show_cursor=False), wrap_lines=False, always_hide_cursor=True),
                filter=~Condition(lambda: get_app().is_done),
            ),
        ]
    )
    app: Application[Value] = Application(
        layout=Layout(container),
        key_bindings=bindings,
        style=_style(),
        full_screen=False,
        mouse_support=False,
    )
    on_screen(app)
    try:
        return app.run()
    except (KeyboardInterrupt, EOFError, OSError):
        raise Interrupted() from None
