"""libyaml's syntax errors in our words: what is wrong, where, and what to do about it.

libyaml (and PyYAML's pure-Python parser, used when libyaml is missing) describe a broken
file in the grammar's terms: "did not find expected key", "mapping values are not allowed in
this context", "while parsing a flow sequence". People editing an answers file or a ladder
need to hear what they did: a colon in an unquoted value, a tab, an unclosed bracket or
quote, a line indented differently. `explain` is the one place that turns a scanner or
parser error into such a sentence; it reads the broken line itself where libyaml's phrase
alone cannot tell two causes apart (a second ': ' on a line, or a key indented too far).

Anything it does not recognise gets a generic sentence of ours, with libyaml's phrase quoted
after it, so nothing is lost. Imported only when a file is broken.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pmladder.io.sanitize import quoted

if TYPE_CHECKING:
    from yaml import MarkedYAMLError
    from yaml.error import Mark

__all__ = ["explain"]

_SIMPLE_KEY_LIMIT = 1024  # libyaml's longest key written without '?': a longer one is not seen as a key
_EARLIER_COLON = re.compile(r":(?:[ \t]|$)")


class _Text:
    """The lines of the broken file, split as YAML counts them, for a look at the place of a problem."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def char(self, mark: Mark | None) -> str:
        """The character at `mark`: '' at the end of a line or of the file."""
        if mark is None:
            return ""
        line = self.line(mark.line)
        return line[mark.column] if 0 <= mark.column < len(line) else ""

    def before(self, mark: Mark) -> str:
        """What the line holds before `mark`."""
        return self.line(mark.line)[: mark.column]

    def previous(self, number: int) -> int | None:
        """The nearest line above `number` with content (not blank, not only a comment)."""
        for above in range(min(number, len(self.lines)) - 1, -1, -1):
            stripped = self.lines[above].strip()
            if stripped and not stripped.startswith("#"):
                return above
        return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _where(start: Mark, mark: Mark) -> str:
    """`on line 3`, or `at column 4` when it is the line of the problem itself."""
    return f"on line {start.line + 1}" if start.line != mark.line else f"at column {start.column + 1}"


def _line_ref(start: Mark, mark: Mark) -> str:
    return f"line {start.line + 1}" if start.line != mark.line else "this line"


def explain(error: MarkedYAMLError, text: str) -> tuple[str, Mark | None]:
    """A YAML syntax error in plain words, and the place to show it at (libyaml's, where it stopped).

    `error` carries libyaml's problem and what it was doing (its context), each with a 0-based
    place; `text` is the text that was parsed.
    """
    mark = error.problem_mark or error.context_mark
    problem = error.problem or ""
    context = error.context or ""
    start = error.context_mark
    if mark is None:  # libyaml always marks its errors; this is for anything else that might
        return _fallback(problem), None
    message = _translate(problem, context, mark, start, _Text(text))
    return (message if message is not None else _fallback(problem)), mark


def _fallback(problem: str) -> str:
    said = f" (the parser said: {quoted(problem, 80)})" if problem else ""
    return f"this cannot be read as YAML; check the line and the one above it{said}"


def _translate(problem: str, context: str, mark: Mark, start: Mark | None, text: _Text) -> str | None:
    """One table of cases, read top to bottom: the first that fits names the problem; None for none."""
    here = text.char(mark)
    opened = start if start is not None else mark
    if here == "\t" or "tab character" in problem:
        return "a tab character: YAML indents with spaces only; replace the tab with spaces"
    if "cannot start any token" in problem:
        return _cannot_start(here)
    if "quoted scalar" in context:
        if "end of stream" in problem or "document indicator" in problem or "document separator" in problem:
            quotes = "single" if text.char(opened) == "'" else "double"
            ended = "never closed" if "end of stream" in problem else "not closed before this '---' or '...' line"
            return f"a text in {quotes} quotes opened {_where(opened, mark)} is {ended}"
        if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
            return (
                "a backslash between double quotes starts an escape such as \\n, and this one is not valid:"
                " write \\\\ for a backslash, or use single quotes"
            )
    if problem.startswith(("did not find expected ',' or ']'", "expected ',' or ']'")):
        return f"a list opened with '[' {_where(opened, mark)} is not closed, or an item lacks a comma"
    if problem.startswith(("did not find expected ',' or '}'", "expected ',' or '}'")):
        return f"a mapping opened with '{{' {_where(opened, mark)} is not closed, or an entry lacks a comma"
    if problem == "found unexpected ':'":
        return "a colon inside '[...]' or '{...}' needs a space after it: add one, or put the text in quotes"
    if problem.startswith("mapping values are not allowed"):
        return _colon(mark, text)
    if problem == "could not find expected ':'":
        return (
            f"{_line_ref(opened, mark)} is not 'key: value' (it has no colon): add the colon,"
            " or indent the line under the key whose text it continues"
        )
    if "while parsing a block mapping" in context and (
        problem == "did not find expected key" or problem.startswith("expected <block end>")
    ):
        return _in_mapping(mark, opened, text)
    if "while parsing a block collection" in context and (
        problem == "did not find expected '-' indicator" or problem.startswith("expected <block end>")
    ):
        return _in_list(mark, opened, text)
    if problem.startswith(("block sequence entries are not allowed", "sequence entries are not allowed")):
        return (
            "a list item ('- ') cannot start on the line of its key: start it on the next line, indented,"
            " or put text that starts with '-' in quotes"
        )
    if problem.startswith("mapping keys are not allowed"):
        return "'? ' starts a complex key in YAML: put text that starts with '?' in quotes"
    if "node content" in problem:
        if mark.line >= len(text.lines):
            return "the file ends where a value was expected: a '[', '{' or quote above is not closed"
        return _cannot_start(here)
    if "anchor" in context:
        return "'&' starts a YAML anchor, which pmladder files do not use: put text that starts with '&' in quotes"
    if "alias" in context:
        return "'*' starts a YAML alias, which pmladder files do not use: put text that starts with '*' in quotes"
    if "tag" in context or "tag handle" in problem:
        return "'!' starts a YAML tag, which pmladder files do not use: put text that starts with '!' in quotes"
    if "block scalar" in context:
        sign = text.char(opened) if text.char(opened) in ("|", ">") else "|"
        return (
            f"'{sign}' starts a block of text on the lines below, so nothing but a comment may follow it on"
            f" its line: put text that starts with '{sign}' in quotes"
        )
    if "directive" in context or "directive" in problem or "incompatible YAML document" in problem:
        return (
            "a line that starts with '%' is a YAML directive, which pmladder files do not use:"
            " remove it, or put text that starts with '%' in quotes"
        )
    if "<document start>" in problem:
        return _after_the_end(mark, text)
    return None


def _cannot_start(here: str) -> str:
    if not here:
        return "a value was expected here, but the line ends"
    if here in "@`":
        return f"a value cannot start with {quoted(here)} (YAML reserves it): put the text in quotes"
    return f"a value cannot start with {quoted(here)} here: put the text in quotes"


def _colon(mark: Mark, text: _Text) -> str:
    """'mapping values are not allowed': a colon libyaml will not read as the end of a key."""
    before = text.before(mark)
    if _EARLIER_COLON.search(before.lstrip(" -")):
        return "a colon here starts a second value on this line: put quotes around text that holds ': '"
    if len(before) - _indent(before) > _SIMPLE_KEY_LIMIT:
        return f"a key longer than {_SIMPLE_KEY_LIMIT:,} characters: shorten it"
    above = text.previous(mark.line)
    if above is not None:
        line = text.line(above)
        if not _EARLIER_COLON.search(line) and not line.lstrip().startswith(("-", "[", "{")):
            return (
                f"line {above + 1} has no colon, so YAML reads it and this line as one key:"
                f" add the colon on line {above + 1}, or remove that line"
            )
        if _indent(text.line(mark.line)) > _indent(line):
            return (
                f"indentation: this line is indented more than line {above + 1}, which has its value already;"
                " line the keys up in one column"
            )
    return "a colon here starts a value, but this line is not a key: put quotes around text that holds ': '"


def _after_value(mark: Mark, text: _Text) -> str | None:
    """Text after a finished value on the same line (after a closing quote or bracket), or None."""
    before = text.before(mark).rstrip()
    if not before.strip(" -"):
        return None
    if before.endswith(("'", '"')):
        return (
            "text after the closing quote: put the whole value in quotes"
            " (inside '...' write '' for an apostrophe: 'Ada''s plan')"
        )
    if before.endswith(("]", "}")):
        return f"text after the closing '{before[-1]}' on this line: put the whole value in quotes"
    return "this cannot follow what comes before it on the line: put the whole value in quotes"


def _in_mapping(mark: Mark, start: Mark, text: _Text) -> str:
    """A block mapping expected its next key here."""
    after = _after_value(mark, text)
    if after is not None:
        return after
    here = text.char(mark)
    rest = text.line(mark.line)[mark.column :]
    if here == "-" and rest[1:2] in ("", " "):
        return "a list item ('- ') where a key was expected: indent it under the key it belongs to"
    if here == ":":
        return "a colon with no key before it: write the key first ('key: value')"
    return _indentation(start, mark, "keys")


def _in_list(mark: Mark, start: Mark, text: _Text) -> str:
    """A block sequence expected its next '- ' here."""
    after = _after_value(mark, text)
    if after is not None:
        return after
    if mark.column == start.column:
        return (
            f"this line is in the list started on line {start.line + 1} but is not an item of it:"
            " start it with '- ', or indent it to match the keys it belongs with"
        )
    return _indentation(start, mark, "list items")


def _indentation(start: Mark, mark: Mark, what: str) -> str:
    where = f" (the {what} here start in column {start.column + 1}, as on line {start.line + 1})"
    return "indentation: this line is indented differently from the ones above" + (
        where if start.line != mark.line else ""
    )


def _after_the_end(mark: Mark, text: _Text) -> str:
    """libyaml finished the file's one value and found more: a `...` line, or a line indented less."""
    for above in range(mark.line - 1, -1, -1):
        if text.line(above).rstrip() == "...":
            return f"'...' on line {above + 1} ends the YAML document, and this text follows it: remove that line"
    here = text.char(mark)
    if here in ("]", "}"):
        return f"an extra '{here}' that closes nothing: remove it"
    if text.before(mark).strip():
        return "text after the end of the file's contents: remove it, or check the brackets before it"
    first = text.previous(mark.line)
    top = 0
    while first is not None:
        top, first = first, text.previous(first)
    indent = _indent(text.line(top))
    if indent > mark.column:
        return (
            f"indentation: this line is indented less than line {top + 1}, where the file starts in column"
            f" {indent + 1}; start the top-level keys in column 1"
        )
    return "this line does not belong to anything above it: check its indentation and the line above"
