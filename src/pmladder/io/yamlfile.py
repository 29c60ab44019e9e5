"""Safe YAML with places: parse once, keep the node tree, point errors at `file:line:column`.

PyYAML keeps the last of two duplicate keys and expands aliases lazily (a tiny "billion
laughs" file explodes later). Building the data ourselves from the composed node tree
catches both on the same walk, and the tree is kept to locate validation errors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pmladder.errors import PmladderError, Problem

# libyaml's parser when present (7-15x faster); both are safe loaders, neither subclasses the other
Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # no pmladder file nests beyond a handful of levels; deeper is an attack or a mistake
# A JSON surrogate pair such as "\ud83d\ude80" (what json.dumps writes for an emoji): PyYAML
# refuses each half alone, so pairs are joined before parsing. An escaped backslash is kept.
_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_INT_TAG = "tag:yaml.org,2002:int"

Loc = Sequence[str | int]


@dataclass(frozen=True)
class Document:
    """Parsed data plus the node tree it came from, for locating problems later."""

    name: str
    data: Any
    root: Node

    def locate(self, loc: Loc) -> tuple[int, int]:
        """The (line, column) of the value at `loc`, or of the deepest part of it that exists."""
        node = self.root
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    def locate_key(self, loc: Loc) -> tuple[int, int]:
        """The (line, column) of the key that ends `loc` (for unknown or duplicate keys)."""
        parent = self.root
        for part in loc[:-1]:
            child = _child(parent, part)
            if child is None:
                return self.locate(loc)
            parent = child
        if isinstance(parent, MappingNode):
            for key, _ in parent.value:
                if isinstance(key, ScalarNode) and key.value == str(loc[-1]):
                    return key.start_mark.line + 1, key.start_mark.column + 1
        return self.locate(loc)

    def problem(self, loc: Loc, message: str, *, key: bool = False, warning: bool = False) -> Problem:
        line, column = self.locate_key(loc) if key else self.locate(loc)
        return Problem(message, self.name, line, column, warning)


def _child(node: Node, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == str(part):
                found: Node = value
                return found
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        child: Node = node.value[part]
        return child
    return None


def parse(text: str, name: str) -> Document:
    """Parse one YAML (or JSON) document; refuse aliases, merge keys and duplicate keys."""
    if "\\u" in text:
        text = _SURROGATE_PAIR.sub(_join_pair, text)
    loader = Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        start = exc.context_mark
        if exc.context and start is not None and mark is not None and start.line != mark.line:
            # where the parser gave up can be far below the real cause: name where it began
            reason += f" ({exc.context} at line {start.line + 1}, column {start.column + 1})"
        if mark is None:
            raise PmladderError(Problem(f"invalid YAML: {reason}", name)) from None
        raise PmladderError(Problem(f"invalid YAML: {reason}", name, mark.line + 1, mark.column + 1)) from None
    except yaml.YAMLError as exc:
        raise PmladderError(Problem(f"invalid YAML: {exc}", name)) from None
    if root is None:
        raise PmladderError(Problem("file has no content", name))
    builder = _Builder(name, loader, may_alias="*" in text)
    data = builder.build(root)
    loader.dispose()
    problems = builder.problems
    if builder.aliased:
        problems = sorted(problems + _alias_problems(text, name), key=lambda p: p.sort_key)
    if problems:
        raise PmladderError(problems)
    return Document(name, data, root)


def _alias_problems(text: str, name: str) -> list[Problem]:
    """One problem per `*name`, at the alias itself: composed nodes only remember the anchor."""
    problems = []
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
            problems.append(Problem("YAML aliases (*name) are not allowed; write the value out", name, line, column))
    return problems


def _join_pair(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    return match.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def read(text: str, name: str, *, expect_mapping: bool = True) -> Document:
    """Parse and insist on a mapping at the top, the shape of every pmladder file."""
    document = parse(text, name)
    if expect_mapping and not isinstance(document.data, dict):
        mark = document.root.start_mark
        raise PmladderError(
            Problem("expected a mapping of keys to values at the top of the file", name, mark.line + 1, mark.column + 1)
        )
    return document


class _Builder:
    """Turns composed nodes into plain Python values, collecting problems as it goes.

    It runs once per file of a cohort, so the common cases (strings, small integers, keys)
    take short paths; everything else goes through PyYAML's own safe constructors.
    """

    def __init__(self, name: str, loader: yaml.CSafeLoader | yaml.SafeLoader, *, may_alias: bool = True) -> None:
        self.name = name
        self.loader = loader
        self.may_alias = may_alias  # without a '*' in the text there can be no alias to catch
        self.seen: set[int] = set()
        self.problems: list[Problem] = []
        self.aliased = False  # located afterwards by `_alias_problems`

    def _problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(message, self.name, node.start_mark.line + 1, node.start_mark.column + 1))

    def build(self, node: Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            self._problem(node, f"nested more than {MAX_DEPTH} levels deep")
            return None
        if self.may_alias:
            if id(node) in self.seen:  # a second visit is an alias: never expand it
                self.aliased = True
                return None
            self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            return self._mapping(node, depth)
        self._problem(node, "unsupported YAML node")
        return None

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR_TAG:
            return value
        if tag == _INT_TAG and value.isdigit() and (len(value) == 1 or value[0] != "0"):
            return int(value)  # plain decimal; octal, hex, '1_000' and the rest go to PyYAML
        try:
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, KeyError, AttributeError, TypeError, OverflowError) as exc:
            # PyYAML's constructors raise plain Python errors too (a 29 February that is not, !!bool maybe)
            reason = getattr(exc, "problem", None) or exc
            self._problem(node, f"invalid value '{value}': {reason}")
            return None

    def _mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "a key must be a plain value, not a list or mapping")
                continue
            if key_node.tag == _MERGE_TAG:
                self._problem(key_node, "YAML merge keys (<<) are not allowed; write the keys out")
                continue
            key = self.build(key_node)
            if key in result:
                first = next(k for k, _ in node.value if isinstance(k, ScalarNode) and self._scalar(k) == key)
                self._problem(key_node, f"duplicate key '{key}' (first at line {first.start_mark.line + 1})")
                continue
            result[key] = self.build(value_node, depth + 1)
        return result
