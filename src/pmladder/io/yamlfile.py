"""Safe YAML with places: parse once, point every problem at `file:line:column`.

The data is built straight from libyaml's event stream, never from PyYAML's composed node
tree: the composer recurses once per level of nesting, so a file nested 40,000 levels deep
crashed the interpreter before any check could run. Building from events, one loop with a
stack of our own, the depth is counted as the file is read and a file nested more than
`MAX_DEPTH` levels is refused at the level where it went too deep, without reading the rest.

The same loop refuses what PyYAML would accept silently or expand later, each with its
place: duplicate keys (PyYAML keeps the last), aliases (a tiny "billion laughs" file
explodes later), merge keys, explicit tags (`!!python/object`, `!!binary`, `!foo`,
`!!set`...), keys that are not text (a date, a number, `.nan`, `true`), integers that are
not plain decimal (`010` is 8 in YAML) or too long to be a pmladder value. Alongside the
data it records where every key and value starts, indexed by key, so locating a problem
costs one dictionary look-up a level.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, Union

import yaml
from yaml.nodes import ScalarNode

from pmladder.errors import PmladderError, Problem
from pmladder.io.sanitize import quoted

# libyaml's parser when present (7-15x faster); both are safe loaders, neither subclasses the other
Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # no pmladder file nests beyond a handful of levels; deeper is an attack or a mistake
MAX_DIGITS = 30  # the largest pmladder number is a salary; a longer integer is a mistake or an attack
# A JSON surrogate pair such as "\ud83d\ude80" (what json.dumps writes for an emoji): PyYAML
# refuses each half alone, so pairs are joined before parsing. An escaped backslash is kept.
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_PREFIX = "tag:yaml.org,2002:"
_STR_TAG = _PREFIX + "str"
_INT_TAG = _PREFIX + "int"
_NULL_TAG = _PREFIX + "null"
_BOOL_TAG = _PREFIX + "bool"
_FLOAT_TAG = _PREFIX + "float"
_TIMESTAMP_TAG = _PREFIX + "timestamp"
_MERGE_TAG = _PREFIX + "merge"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _implicit_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """PyYAML's implicit resolvers by first character ('' for the empty scalar), wildcards included."""
    table: dict[str | None, list[tuple[str, re.Pattern[str]]]] = Loader.yaml_implicit_resolvers
    wildcard = table.get(None, [])
    return {first: [*found, *wildcard] for first, found in table.items() if first is not None}


_RESOLVERS = _implicit_resolvers()
_WILDCARD = tuple(Loader.yaml_implicit_resolvers.get(None, []))  # for any other first character (none in YAML 1.1)

Loc = Sequence[str | int]
Place = tuple[int, int]  # 1-based line and column


class _Mark(Protocol):
    """Where libyaml saw something, 0-based; it makes one for every event, so keeping it is free."""

    line: int
    column: int


class _Map:
    """Where a mapping starts, and for each key: where the key is and the index of its value."""

    __slots__ = ("entries", "mark")

    def __init__(self, mark: _Mark) -> None:
        self.mark = mark
        self.entries: dict[str, tuple[_Mark, _Index]] = {}


class _Seq:
    """Where a sequence starts, and the index of each item."""

    __slots__ = ("items", "mark")

    def __init__(self, mark: _Mark) -> None:
        self.mark = mark
        self.items: list[_Index] = []


_Index = Union[_Mark, _Map, _Seq]  # noqa: UP007 - a runtime alias, usable on 3.10


def _place(mark: _Mark) -> Place:
    return mark.line + 1, mark.column + 1


def _place_of(index: _Index) -> Place:
    return _place(index.mark if isinstance(index, (_Map, _Seq)) else index)


@dataclass(frozen=True)
class Document:
    """Parsed data plus where each part of it was written, for locating problems later."""

    name: str
    data: Any
    index: _Index

    def locate(self, loc: Loc) -> Place:
        """The (line, column) of the value at `loc`, or of the deepest part of it that exists."""
        node = self.index
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return _place_of(node)

    def locate_key(self, loc: Loc) -> Place:
        """The (line, column) of the key that ends `loc` (for unknown or duplicate keys)."""
        if not loc:
            return self.locate(loc)
        parent = self.index
        for part in loc[:-1]:
            child = _child(parent, part)
            if child is None:
                return self.locate(loc)
            parent = child
        if isinstance(parent, _Map):
            entry = parent.entries.get(str(loc[-1]))
            if entry is not None:
                return _place(entry[0])
        return self.locate(loc)

    def problem(self, loc: Loc, message: str, *, key: bool = False, warning: bool = False) -> Problem:
        line, column = self.locate_key(loc) if key else self.locate(loc)
        return Problem(message, self.name, line, column, warning)


def _child(node: _Index, part: str | int) -> _Index | None:
    if isinstance(node, _Map):
        entry = node.entries.get(part) if isinstance(part, str) else None
        return entry[1] if entry is not None else None
    if isinstance(node, _Seq) and isinstance(part, int) and 0 <= part < len(node.items):
        return node.items[part]
    return None


def parse(text: str, name: str) -> Document:
    """Parse one YAML (or JSON) document; refuse what `_Builder` refuses, each problem with its place."""
    if "\\u" in text:
        text = _SURROGATE_PAIR.sub(_join_pair, text)
    return _Builder(name).run(text)


def _join_pair(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    return match.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def read(text: str, name: str, *, expect_mapping: bool = True) -> Document:
    """Parse and insist on a mapping at the top, the shape of every pmladder file."""
    document = parse(text, name)
    if expect_mapping and not isinstance(document.data, dict):
        line, column = _place_of(document.index)
        message = "expected a mapping of keys to values at the top of the file"
        raise PmladderError(Problem(message, name, line, column))
    return document


def kind_of(value: Any) -> str:
    """A value from a file described in our words: `the date 2001-01-01`, `the text 'x'`, `a list`."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the value {'true' if value else 'false'}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        if math.isnan(value):
            return "not-a-number (.nan)"
        if math.isinf(value):
            return "infinity (.inf)" if value > 0 else "minus infinity (-.inf)"
        return f"the number {value!r}"
    if isinstance(value, str):
        return "empty text" if not value else f"the text {quoted(value, 40)}"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat(sep=' ')}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    return "a value of another kind"


class _Invalid:
    """Stands in for a value that was refused with a problem: never seen by validation."""

    def __repr__(self) -> str:
        return "<refused>"


_INVALID = _Invalid()
_NO_KEY = object()


class _Frame:
    """One open mapping or sequence: its value, its index, and (in a mapping) the key awaiting a value."""

    __slots__ = ("index", "key", "key_mark", "key_ok", "refused", "value")

    def __init__(self, value: dict[str, Any] | list[Any], index: _Map | _Seq, refused: bool) -> None:
        self.value = value
        self.index = index
        self.refused = refused  # an explicit tag on the collection itself: its value is refused
        self.key: Any = _NO_KEY
        self.key_mark: Any = None
        self.key_ok = False


class _Builder:
    """Turns libyaml's events into plain Python values and an index of places, collecting problems.

    It runs once per file of a cohort, so the common cases (plain strings, small integers,
    new text keys) take short paths inline; the index keeps libyaml's own marks, made for
    every event anyway, and turns them into places only when a problem is located.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def _problem(self, mark: _Mark, message: str) -> None:
        self.problems.append(Problem(message, self.name, mark.line + 1, mark.column + 1))

    def _fail(self, message: str, mark: Any = None) -> PmladderError:
        place = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        return PmladderError([*self.problems, Problem(message, self.name, *place)])

    def run(self, text: str) -> Document:
        try:
            loader = Loader(text)
        except UnicodeEncodeError:
            raise PmladderError(Problem("not UTF-8 text (a lone surrogate character)", self.name, 1)) from None
        except yaml.reader.ReaderError as exc:  # PyYAML's own reader (no libyaml) checks the text at once
            raise self._reader(exc, text, in_characters=True) from None
        try:
            root = self._events(loader)
        except yaml.MarkedYAMLError as exc:
            raise self._syntax(exc, text) from None
        except yaml.reader.ReaderError as exc:
            raise self._reader(exc, text) from None
        except yaml.YAMLError:
            raise self._fail("invalid YAML: the file cannot be read as YAML") from None
        finally:
            loader.dispose()
        if root is None:
            raise PmladderError(Problem("file has no content", self.name))
        if self.problems:
            raise PmladderError(self.problems)
        return Document(self.name, root[0], root[1])

    def _events(self, loader: Any) -> tuple[Any, _Index] | None:
        get_event = loader.get_event
        resolvers = _RESOLVERS
        stack: list[_Frame] = []
        root: tuple[Any, _Index] | None = None
        documents = 0
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        while True:
            event = get_event()
            kind = type(event)
            index: _Index
            mark: _Mark
            if kind is scalar_event:
                index = mark = event.start_mark
                if event.tag is not None:
                    self._tag(mark, event.tag, event.value)
                    value: Any = _INVALID
                elif event.implicit[0]:  # plain: its type comes from its form, as PyYAML's resolver does
                    raw = event.value
                    tag = _STR_TAG
                    for candidate, pattern in resolvers.get(raw[:1], _WILDCARD):
                        if pattern.match(raw):
                            tag = candidate
                            break
                    if tag == _STR_TAG:
                        value = raw
                    elif tag == _INT_TAG and len(raw) <= MAX_DIGITS and _DECIMAL.match(raw):
                        value = int(raw)
                    else:
                        value = self._scalar(tag, raw, mark)
                else:  # quoted: always text
                    value = event.value
            elif kind is mapping_start or kind is sequence_start:
                mark = event.start_mark
                if len(stack) >= MAX_DEPTH:
                    self._problem(mark, f"nested more than {MAX_DEPTH} levels deep; pmladder files need a handful")
                    raise PmladderError(self.problems)  # the rest of the file is not read
                refused = event.tag is not None
                if refused:
                    self._tag(mark, event.tag)
                if kind is mapping_start:
                    stack.append(_Frame({}, _Map(mark), refused))
                else:
                    stack.append(_Frame([], _Seq(mark), refused))
                continue
            elif kind is mapping_end or kind is sequence_end:
                frame = stack.pop()
                value = _INVALID if frame.refused else frame.value
                index = frame.index
            elif kind is alias_event:
                index = mark = event.start_mark
                self._problem(mark, "YAML aliases (*name) are not allowed; write the value out")
                value = _INVALID
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    message = "invalid YAML: a pmladder file holds one document, and a second one starts here"
                    raise self._fail(message, event.start_mark)
                continue
            elif kind is yaml.StreamEndEvent:
                return root
            else:
                continue
            # a finished value: the file's root, an item of a sequence, or a key or value of a mapping
            if not stack:
                root = (value, index)
                continue
            frame = stack[-1]
            container = frame.value
            if type(container) is list:
                container.append(value)
                frame.index.items.append(index)  # type: ignore[union-attr]
            elif frame.key is _NO_KEY:
                frame.key = value
                if type(value) is str and kind is scalar_event and value not in container:
                    frame.key_mark = index  # the common case, inline: a new text key
                    frame.key_ok = True
                else:
                    frame.key_mark = index.mark if isinstance(index, (_Map, _Seq)) else index
                    frame.key_ok = self._key_ok(value, index, frame)
            else:
                if frame.key_ok:
                    key = frame.key
                    container[key] = value
                    frame.index.entries[key] = (frame.key_mark, index)  # type: ignore[union-attr]
                frame.key = _NO_KEY

    def _key_ok(self, key: Any, index: _Index, frame: _Frame) -> bool:
        """Whether a key can be used: text, and not a repeat; a problem says why not."""
        mark = index.mark if isinstance(index, (_Map, _Seq)) else index
        if type(key) is str:
            first = frame.index.entries.get(key)  # type: ignore[union-attr]
            if first is None:
                return True
            self._problem(mark, f"duplicate key {quoted(key)} (first at line {first[0].line + 1})")
            return False
        if key is _INVALID:
            return False  # already reported: an alias, a tag, a merge key, a bad value
        if isinstance(index, (_Map, _Seq)):
            self._problem(mark, "a key must be plain text, not a list or mapping")
        else:
            self._problem(mark, f"a key must be text, got {kind_of(key)}; put it in quotes to use it as text")
        return False

    def _tag(self, mark: _Mark, tag: str, raw: str | None = None) -> None:
        shown = "!!" + tag[len(_PREFIX) :] if tag.startswith(_PREFIX) else tag
        message = f"YAML tags such as {quoted(shown)} are not allowed; write the value plainly"
        self._problem(mark, message if raw is None else f"invalid value {quoted(raw, 40)}: {message}")

    def _scalar(self, tag: str, raw: str, place: _Mark) -> Any:
        """A plain scalar that is not text or a small decimal integer."""
        if tag == _NULL_TAG:
            return None
        if tag == _BOOL_TAG:
            return _CONSTRUCTOR.construct_yaml_bool(ScalarNode(tag, raw))
        if tag == _INT_TAG:
            if _DECIMAL.match(raw):
                digits = len(raw.lstrip("+-"))
                reason = f"a number with {digits:,} digits is far too long for any pmladder value"
            else:
                reason = (
                    "not a plain decimal number (YAML reads a leading 0 as octal, and 0x, 0o, 0b, '_' and ':'"
                    " change a number too); write it like 12, or quote it to use it as text"
                )
            self._problem(place, f"invalid value {quoted(raw, 20)}: {reason}")
            return _INVALID
        if tag == _FLOAT_TAG:
            return _CONSTRUCTOR.construct_yaml_float(ScalarNode(tag, raw))
        if tag == _TIMESTAMP_TAG:
            try:
                return _CONSTRUCTOR.construct_yaml_timestamp(ScalarNode(tag, raw))
            except (ValueError, OverflowError):
                self._problem(place, f"invalid value {quoted(raw, 40)}: not a real date; write a date like 2026-11-21")
                return _INVALID
        if tag == _MERGE_TAG:
            self._problem(place, "YAML merge keys (<<) are not allowed; write the keys out")
            return _INVALID
        return raw  # `=` and anything else a resolver may name: the text as written

    def _syntax(self, exc: yaml.MarkedYAMLError, text: str) -> PmladderError:
        """A scanner or parser error in our words (see `yamlsyntax`), at the place libyaml gave up."""
        from pmladder.io.yamlsyntax import explain  # only for a broken file

        message, mark = explain(exc, text)
        return self._fail(f"invalid YAML: {message}", mark)

    def _reader(self, exc: yaml.reader.ReaderError, text: str, *, in_characters: bool = False) -> PmladderError:
        """A character YAML does not allow (most control characters); libyaml counts bytes, PyYAML characters."""
        position = exc.position if isinstance(exc.position, int) else 0
        if in_characters:
            before = text[:position]
        else:
            before = text.encode("utf-8", "surrogatepass")[:position].decode("utf-8", "replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        character = exc.character if isinstance(exc.character, int) else None
        what = f"the character U+{character:04X}" if character is not None else "a character"
        message = f"invalid YAML: {what} is not allowed in a YAML file (a control character?)"
        return PmladderError([*self.problems, Problem(message, self.name, line, column)])
