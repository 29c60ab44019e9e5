"""How a question is laid out on a terminal of a given size: pure functions, no prompt library.

The prompter (`pmladder.cli.questionnaire`) calls these every time it renders, with the
terminal's size at that moment, so a resize re-wraps everything a select question shows.

Text is wrapped at word boundaries and never cut: a word is split only when it is wider than
a whole line, which no text in a knowledge base should be. What is *shown* may be shortened
to fit (a progress label to its last part, an instruction left out, the definition left out,
the heading moved into the question line); what is stored never is.

A line is a tuple of spans, `(style, text)`; styles are plain class names ("heading",
"pointer"...) that the prompter maps to its own styles.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pmladder.cli.questions import Option, Question

Span = tuple[str, str]
Line = tuple[Span, ...]

POINTER = "»"
MIN_WIDTH = 20  # below this, lines overflow rather than become one word each
MARGIN = 1  # the last column is left free: a terminal may wrap or scroll on writing it
SEPARATOR = " · "  # a progress label's parts; when room is short only the last is shown


def cells(text: str) -> int:
    """The terminal columns `text` takes: wide (East Asian) characters 2, combining marks 0."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def plain(line: Line) -> str:
    return "".join(text for _, text in line)


# -- wrapping -----------------------------------------------------------------------------------

_BREAK: list[Span] = []  # a forced line break ("\n" in the text)


def _words(spans: Iterable[Span]) -> list[list[Span]]:
    """The words of styled text, each a list of spans (a word may change style midway: 'Name:')."""
    words: list[list[Span]] = []
    current: list[Span] = []
    for style, text in spans:
        piece = ""
        for char in text:
            if char.isspace():
                if piece:
                    current.append((style, piece))
                    piece = ""
                if current:
                    words.append(current)
                    current = []
                if char == "\n":
                    words.append(_BREAK)
            else:
                piece += char
        if piece:
            current.append((style, piece))
    if current:
        words.append(current)
    return words


def _split(word: list[Span], room: int) -> tuple[list[Span], list[Span]]:
    """A word wider than a whole line: as much as fits in `room` columns, and the rest."""
    head: list[Span] = []
    used = 0
    for n, (style, text) in enumerate(word):
        for i, char in enumerate(text):
            width = cells(char)
            if used + width > room and (head or i):
                head.append((style, text[:i]))
                return [s for s in head if s[1]], [(style, text[i:]), *word[n + 1 :]]
            used += width
        head.append((style, text))
    return head, []


def _merge(line: list[Span]) -> Line:
    merged: list[Span] = []
    for style, text in line:
        if not text:
            continue
        if merged and merged[-1][0] == style:
            merged[-1] = (style, merged[-1][1] + text)
        else:
            merged.append((style, text))
    return tuple(merged)


def wrap_styled(spans: Iterable[Span], width: int, *, lead: Sequence[Span] = (), hang: str = "") -> list[Line]:
    """Styled text wrapped at word boundaries to `width` columns.

    The first line starts with `lead` (a pointer, a '1) '), the others with the plain `hang`
    (a hanging indent); a newline in the text starts a new line.
    """
    width = max(width, MIN_WIDTH)
    lines: list[Line] = []
    current: list[Span] = list(lead)
    used = sum(cells(text) for _, text in lead)
    empty = True  # no word on the current line yet

    def new_line() -> None:
        nonlocal current, used, empty
        lines.append(_merge(current))
        current = [("", hang)] if hang else []
        used = cells(hang)
        empty = True

    for word in _words(spans):
        if word is _BREAK:
            new_line()
            continue
        size = sum(cells(text) for _, text in word)
        if not empty and used + 1 + size > width:
            new_line()
        if not empty:  # styled as the word before it, so a run of words stays one span
            current.append((current[-1][0] if current else "", " "))
            used += 1
        while used + size > width and size > 0:  # wider than a whole line: the only split
            head, word = _split(word, width - used)
            current.extend(head)
            new_line()
            size = sum(cells(text) for _, text in word)
        current.extend(word)
        used += size
        empty = False
    lines.append(_merge(current))
    return lines


def wrap(text: str, width: int, *, hang: str = "") -> list[str]:
    """Plain text wrapped at word boundaries; lines after the first start with `hang`."""
    return [plain(line) for line in wrap_styled([("", text)], width, hang=hang)]


def fit(text: str, width: int) -> list[str]:
    """A line to print: as it is when it fits (columns kept), else wrapped at words under its indentation."""
    if cells(text) <= width:
        return [text]
    body = text.lstrip(" ")
    indent = text[: len(text) - len(body)]
    return [plain(line) for line in wrap_styled([("", body)], width, lead=[("", indent)], hang=indent)]


# -- a select question ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Screen:
    """What a select question shows: `header` stays put; `choices` scroll when they must.

    `cursor` is the line of `choices` where the pointed option starts, kept in view. Once
    answered, all of it gives way to one line (`answered_lines`), so answers above stay compact.
    `full` says whether everything fits the height, so nothing scrolls.
    """

    header: tuple[Line, ...]
    choices: tuple[Line, ...]
    cursor: int
    full: bool

    @property
    def lines(self) -> tuple[Line, ...]:
        return (*self.header, *self.choices)


def default_instruction(question: Question) -> str:
    if shortcuts(question):
        keys = [o.key for o in question.options if o.key]
        digits = [k for k in keys if k.isdigit()]
        named = f"{digits[0]}-{digits[-1]}" if len(digits) > 1 else "/".join(keys)
        return f"({named} or ↑↓, Enter)"
    return "(↑↓, Enter)"


def shortcuts(question: Question) -> bool:
    """Options are picked by key only when every option has one (as questionary does)."""
    return all(option.key for option in question.options)


def _heading_line(question: Question, width: int) -> list[Line]:
    """The heading with the progress label at the right; the label shortened, or under it, when narrow."""
    heading = question.heading or ""
    progress = question.progress or ""
    for label in (progress, progress.rsplit(SEPARATOR, 1)[-1]):
        gap = width - cells(heading) - cells(label)
        if gap >= 2 or not label:
            spans: list[Span] = [("heading", heading)]
            if label:
                spans += [("", " " * gap), ("progress", label)]
            return [_merge(spans)]
    lines = wrap_styled([("heading", heading)], width)
    return [*lines, *wrap_styled([("progress", progress)], width)]


def _question_line(question: Question, width: int, *, with_heading: bool) -> list[Line]:
    """'? message (instruction)', the instruction left out when it would need a line of its own."""
    spans: list[Span] = [("qmark", "?"), ("", " ")]
    if with_heading and question.heading:
        spans += [("heading", question.heading)]
        if question.progress:
            spans += [("progress", f"{SEPARATOR}{question.progress.rsplit(SEPARATOR, 1)[-1]}")]
        spans += [("", SEPARATOR.rstrip() + " ")]
    spans.append(("question", question.message))
    bare = wrap_styled(spans, width, hang="  ")
    instruction = question.instruction or default_instruction(question)
    full = wrap_styled([*spans, ("", " "), ("instruction", instruction)], width, hang="  ")
    return full if len(full) == len(bare) else bare


def _choices(question: Question, pointed: int, width: int) -> tuple[list[Line], int]:
    keyed = shortcuts(question)
    lines: list[Line] = []
    cursor = 0
    for n, option in enumerate(question.options):
        here = n == pointed
        style = "highlighted" if here else "text"
        lead: list[Span] = [("pointer", f" {POINTER} ") if here else ("", "   ")]
        if keyed:
            lead.append((style, f"{option.key}) "))
        hang = " " * sum(cells(text) for _, text in lead)
        if here:
            cursor = len(lines)
        lines += wrap_styled([(style, option.title)], width, lead=lead, hang=hang)
    return lines, cursor


def select_screen(question: Question, pointed: int, width: int, height: int) -> Screen:
    """The richest layout that fits `width` x `height`.

    In order: a blank line, heading and progress on one line, the detail (a definition), the
    question and every option; then the same without the blank line; then without the detail;
    then with the heading inside the question line.
    When even that does not fit, the options scroll under the question line, which keeps the
    heading in view.
    """
    width = max(width - MARGIN, MIN_WIDTH)
    choices, cursor = _choices(question, pointed, width)
    layouts: list[list[Line]] = []
    if question.heading:
        top = _heading_line(question, width)
        if question.detail:
            detail = wrap_styled([("hint", question.detail)], width)
            full = [*top, *detail, *_question_line(question, width, with_heading=False)]
            layouts += [[(), *full], full]  # a blank line first sets it apart from the answers above
        layouts.append([*top, *_question_line(question, width, with_heading=False)])
        layouts.append(_question_line(question, width, with_heading=True))
    else:
        layouts.append(_question_line(question, width, with_heading=False))
    for header in layouts:
        if len(header) + len(choices) <= height:
            return Screen(tuple(header), tuple(choices), cursor, True)
    return Screen(tuple(layouts[-1]), tuple(choices), cursor, False)


def answered_lines(question: Question, option: Option | None, width: int) -> list[Line]:
    """What stays on the terminal once a select question is answered (or stopped: no option).

    The heading stands in for the question ('? Product strategy: 3 Independent'); the
    option's short form, else its title, is the answer. Wrapped, never cut.
    """
    spans: list[Span] = [("qmark", "?"), ("", " ")]
    if question.heading:
        spans.append(("question", f"{question.heading}:"))
    else:
        spans.append(("question", question.message))
    if option is not None:
        spans += [("", " "), ("answer", option.short or option.title)]
    return wrap_styled(spans, width - MARGIN, hang="  ")
