"""Text from files and people, made safe to show on a terminal or in a spreadsheet.

Names, evidence, ids, keys and file names come from people and files we do not control.
Written raw to a terminal, an escape sequence in them can clear the screen, retitle the
window, plant a hyperlink or hide text, and a bidirectional override can make one id look
like another. `visible` is the one place that decides what is shown as written and what is
shown escaped; every output of text that came from a file or a person goes through it.
"""

from __future__ import annotations

import functools
import re

__all__ = ["quoted", "visible"]

# C0 controls and DEL, C1 controls, lone surrogates (they cannot even be encoded), the line
# and paragraph separators, the bidirectional controls (U+061C, U+200E/F, U+202A-U+202E,
# U+2066-U+2069), and the invisible characters that make two different ids look the same
# (soft hyphen, Mongolian vowel separator, zero-width space, word joiner and invisible
# operators, the byte-order mark). Zero-width joiner and non-joiner are kept: emoji sequences
# and several scripts need them.
_HIDDEN = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ud800-\udfff"
)


@functools.cache
def _pattern(newlines: bool) -> re.Pattern[str]:
    """Compiled on first use: nearly all text is printable and never needs it."""
    return re.compile(f"[{_HIDDEN}\t]" if newlines else f"[{_HIDDEN}\t\n]")


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\t":
        return " "
    if char == "\n":
        return "\\n"
    if char == "\r":
        return "\\r"
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = False) -> str:
    """`text` with every control and invisible formatting character shown escaped.

    The contract, for every caller:

    - Ordinary Unicode is kept as written: letters of any script, accents, emoji (with their
      zero-width joiners), CJK, punctuation, spaces, backslashes.
    - A tab becomes one space.
    - A newline becomes the two characters `\\n` (a message stays on one line), unless
      `newlines=True`, which keeps `\\n` for multi-line text; a carriage return is escaped
      either way (`\\r`), so `\\r\\n` shows as `\\r` and a line break.
    - Everything else that is invisible or moves the cursor is shown as its escape, in the
      form Python would write it: a carriage return as `\\r`, other C0 controls, DEL and C1
      controls as `\\x1b`, `\\x7f`, `\\x9b`;
      the others as `\\u202e`: bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
      U+2066-U+2069), U+2028, U+2029, zero-width space, word joiner and invisible operators
      (U+2060-U+2064), soft hyphen, U+180E, the byte-order mark and lone surrogates.
    - A backslash already in the text is kept as it is (file names on Windows have them), so
      `\\x1b` typed literally and an escaped ESC look the same; neither does anything.

    The result holds no character that a terminal acts on and is safe to print; it is not
    quoted. Cheap for ordinary text: one `isprintable` check.
    """
    if text.isprintable():
        return text
    return _pattern(newlines).sub(_escaped, text)


def quoted(text: str, limit: int = 60) -> str:
    """`'text'` for a one-line message: cut to `limit` characters with an ellipsis, then `visible`."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{visible(text)}'"
