"""Turn Pydantic validation errors into `Problem`s in our words, placed at the YAML that caused them.

Pydantic's own messages name Python types, regular expressions and 0-based indexes
("Input should be a valid dictionary or instance of Years", "String should match pattern
'^[a-z0-9]+…'", `roles.2.id`). None of that reaches a person: each error is rewritten from
what the model expects at that place, with a small example of the shape, and what the file
holds there (`years: expected a mapping like {min: 2, max: 4}, got the text '2-4'`). Places
in a path count from 1 and prefer ids (`head-of-product.requirements #3.level`).
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from pmladder.errors import PER_FILE, PmladderError, Problem, did_you_mean
from pmladder.io.sanitize import quoted
from pmladder.io.yamlfile import Document, Loc, kind_of

M = TypeVar("M", bound=BaseModel)

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_KEY = "[key]"  # Pydantic's marker for an error in a mapping's key rather than its value
# The tags of the models' tagged unions (`models.Descriptor`, `models.AboutField`): Pydantic puts
# the member it tried into an error's place, where no key of that name is written.
_TAGS = frozenset({"text", "criteria", "block", "note"})
# The shape of a few values, where the fields alone would give a poor example.
EXAMPLES = {
    "years": "{min: 2, max: 4}",
    "ratings": "{discovery: 3}",
    "evidence": "{discovery: 'Ran the quarterly planning'}",
    "requirements": "[{skill: discovery, level: 3, weight: 2}]",
    "about": "{name: Acme product ladder, version: '2024.2'}",
}
# What the items of a list are called, where the type alone would say "items".
NOUNS = {"levels": "descriptors", "scale": "levels"}


def validate(model: type[M], document: Document, *, levels: int | None = None) -> M:
    """Validate a parsed document against a model; every error becomes a placed problem.

    `levels` is the size of the ladder's scale when it is known: a level or rating out of
    range is then described against it ("from 1 to 4") rather than against the largest scale.
    """
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise PmladderError(model_problems(model, exc, document, levels=levels)) from None


def model_problems(
    model: type[BaseModel], exc: ValidationError, document: Document, *, levels: int | None = None
) -> list[Problem]:
    """The problems `validate` raises, for a caller that validated by itself: one that imports this
    module only when a file is invalid (`assess --answers` does, to start faster)."""
    return problems_from(exc, document, known_keys(model), model, levels=levels)


def problems_from(
    exc: ValidationError,
    document: Document,
    keys: Iterable[str] = (),
    model: type[BaseModel] | None = None,
    *,
    levels: int | None = None,
) -> list[Problem]:
    """One placed problem per validation error, in our words; `model` gives the expected shapes."""
    keys = sorted(set(keys))
    problems: list[Problem] = []
    short: set[Loc] = set()  # fixed-length lists already reported as too short
    suggested = 0
    for error in exc.errors(include_url=False):
        loc: Loc = _in_data(document.data, tuple(error["loc"]))
        kind = error["type"]
        value = error.get("input")
        ctx = error.get("ctx") or {}
        if kind == "missing" and loc and isinstance(loc[-1], int):  # an item missing from a fixed-length list
            if loc[:-1] not in short:
                short.add(loc[:-1])
                items = _value_at(document.data, loc[:-1])
                count = len(items) if isinstance(items, (list, tuple)) else 0
                message = _count_message("too_short", {}, count, _expected_at(model, loc[:-1]))
                problems.append(document.problem(loc[:-1], _join(describe(document.data, loc[:-1]), message)))
        elif kind == "missing":
            where = describe(document.data, loc[:-1])
            problems.append(document.problem(loc[:-1], _join(where, f"missing required key {quoted(str(loc[-1]))}")))
        elif kind == "extra_forbidden":
            where = describe(document.data, loc[:-1])
            name = str(loc[-1])
            # a file shows at most PER_FILE problems: suggestions for the rest would never be read
            hint = did_you_mean(name, keys) if suggested < PER_FILE else ""
            suggested += 1
            message = f"unknown key {quoted(name)}{hint}"
            problems.append(document.problem(loc, _join(where, message), key=True))
        elif loc and loc[-1] == _KEY:  # a mapping's key: point at the key itself
            where = describe(document.data, loc[:-2])
            message = _message(kind, ctx, value, _expected_at(model, loc), "key")
            if not message.startswith("key "):
                message = f"key {quoted(str(value), 40)}: {message}"
            problems.append(document.problem(loc[:-1], _join(where, message), key=True))
        else:
            label = loc[-1] if loc and isinstance(loc[-1], str) else None
            if kind == "string_pattern_mismatch" and label is not None and _is_id(model, loc):
                where = describe(document.data, loc[:-1])
            else:
                where, label = describe(document.data, loc), None
            message = _message(kind, ctx, value, _expected_at(model, loc, levels), label)
            problems.append(document.problem(loc, _join(where, message)))
    return problems


def _in_data(data: Any, loc: tuple[Any, ...]) -> Loc:
    """The error's place in the data: without the tags Pydantic adds for the member of a union it tried
    (a descriptor is text or a list of criteria; `about` a mapping or a note)."""
    found: list[Any] = []
    node = data
    for part in loc:
        if part in _TAGS and not (isinstance(node, dict) and part in node):
            continue  # a union member's tag, not a key
        found.append(part)
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict):
            node = node.get(part)
        else:
            node = None
    return tuple(found)


def _is_id(model: type[BaseModel] | None, loc: Loc) -> bool:
    expected = _expected_at(model, loc)
    return expected is None or expected.pattern == _ID.pattern


def _message(kind: str, ctx: dict[str, Any], value: Any, expected: _Expected | None, label: str | None) -> str:
    """One error in our words; never Pydantic's text, which names Python types and patterns."""
    if kind == "value_error":  # raised by our own validators, in our words already
        error = ctx.get("error")
        return str(error) if error is not None else "this value is not valid here"
    if kind == "string_pattern_mismatch" and (expected is None or expected.pattern == _ID.pattern):
        shown = quoted(value) if isinstance(value, str) else kind_of(value)
        slug = "-".join(re.findall(r"[a-z0-9]+", str(value).lower())) or "head-of-product"
        subject = f"{label} {shown}" if label else shown
        return f"{subject}: use lowercase words joined by hyphens, e.g. {quoted(slug)}"
    if kind == "string_too_long" and isinstance(value, str):
        return f"text of {len(value):,} characters is too long; at most {ctx.get('max_length')} are allowed"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("too_short", "too_long") and isinstance(value, (list, tuple, dict)):
        return _count_message(kind, ctx, len(value), expected)
    what = expected.phrase() if expected is not None else "a different value"
    return f"expected {what}, got {kind_of(value)}"


def _count_message(kind: str, ctx: dict[str, Any], actual: int, expected: _Expected | None) -> str:
    low, high = (expected.min_items, expected.max_items) if expected is not None else (None, None)
    if low is not None and low == high:
        need = f"exactly {low}"
    elif low is not None and high is not None:
        need = f"{low} to {high}"
    elif kind == "too_short":
        need = f"at least {ctx.get('min_length', low)}"
    else:
        need = f"at most {ctx.get('max_length', high)}"
    noun = expected.item_noun() if expected is not None else "items"
    if need.endswith(" 1"):
        noun = _SINGULAR.get(noun, noun.replace("mappings", "mapping", 1))
    return f"expected {need} {noun}, got {actual:,}" if actual else f"expected {need} {noun}, got none"


class _Expected:
    """What a model wants at one place: a type plus the constraints gathered on the way there."""

    def __init__(self, annotation: Any, field: str | None, metadata: list[Any], levels: int | None = None) -> None:
        self.annotation = annotation
        self.field = field
        self.constraints: dict[str, Any] = {}
        self.description: str | None = None
        for item in _flatten(metadata):
            if getattr(item, "scale_bound", False) and levels is not None:
                self.constraints["le"] = levels  # the scale in use, not the largest a scale may have
            for name in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
                found = getattr(item, name, None)
                if found is not None:
                    self.constraints.setdefault(name, found)
            if isinstance(item, FieldInfo) and item.description and self.description is None:
                self.description = item.description

    @property
    def pattern(self) -> str | None:
        pattern = self.constraints.get("pattern")
        return pattern if isinstance(pattern, str) else None

    @property
    def min_items(self) -> int | None:
        if get_origin(self.annotation) is tuple and Ellipsis not in get_args(self.annotation):
            return len(get_args(self.annotation))
        return self.constraints.get("min_length")

    @property
    def max_items(self) -> int | None:
        if get_origin(self.annotation) is tuple and Ellipsis not in get_args(self.annotation):
            return len(get_args(self.annotation))
        return self.constraints.get("max_length")

    def item_noun(self) -> str:
        if self.field in NOUNS:
            return NOUNS[self.field]
        lists = [m for m in _members(self.annotation) if get_origin(_unwrap(m)[0]) in (list, tuple)]
        if lists:  # a descriptor written as a list of criteria
            inner, metadata = _unwrap(lists[0])
            return _Expected(inner, None, metadata).item_noun()
        args = get_args(self.annotation)
        if get_origin(self.annotation) in (list, tuple) and args:
            inner, metadata = _unwrap(args[0])
            return _noun(_Expected(inner, None, metadata))
        return "entries" if get_origin(self.annotation) is dict else "items"

    def phrase(self) -> str:
        """`a whole number from 1 to 5`, `a mapping like {min: 2, max: 4}`, `one of course, reading or practice`."""
        annotation, c = self.annotation, self.constraints
        members = _members(annotation)
        if self.field in EXAMPLES:
            kind = "a list" if get_origin(annotation) in (list, tuple) else "a mapping"
            text = "text, or " if str in [_unwrap(m)[0] for m in members] else ""
            return f"{text}{kind} like {EXAMPLES[self.field]}"
        if len(members) > 1:  # a paragraph or a list of criteria
            phrases = []
            for member in members:
                inner, metadata = _unwrap(member)
                phrases.append(_Expected(inner, None, metadata).phrase())
            return _or(phrases)
        if annotation is bool:
            return "true or false"
        if annotation is int:
            low = c["ge"] if "ge" in c else (c["gt"] + 1 if "gt" in c else None)
            high = c["le"] if "le" in c else (c["lt"] - 1 if "lt" in c else None)
            if low is not None and high is not None:
                return f"a whole number from {low} to {high}"
            if low is not None:
                return f"a whole number of at least {low}"
            return "a whole number"
        if annotation is str:
            if self.pattern == _ID.pattern:
                return "an id of lowercase words joined by hyphens, like 'head-of-product'"
            if self.pattern and self.description:
                return self.description.rstrip(".")
            if "max_length" in c:
                return f"text of at most {c['max_length']} characters"
            return "text"
        if annotation is dt.date:
            return "a date like 2026-11-21"
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return "one of " + _or([str(member.value) for member in annotation])
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            required = [name for name, field in annotation.model_fields.items() if field.is_required()]
            return f"a mapping with the keys {_and(required)}" if required else "a mapping"
        origin = get_origin(annotation)
        if origin is dict:
            return "a mapping of keys to values"
        if origin in (list, tuple):
            low, high = self.min_items, self.max_items
            count = f"exactly {low} " if low is not None and low == high else ""
            return f"a list of {count}{self.item_noun()}"
        return "a different value"


_SINGULAR = {
    "ids": "id",
    "texts": "text",
    "whole numbers": "whole number",
    "items": "item",
    "entries": "entry",
    "descriptors": "descriptor",
    "levels": "level",
}


def _members(annotation: Any) -> list[Any]:
    """The members of a union (without None), or none for any other type."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [a for a in get_args(annotation) if a is not type(None)]
    return []


def _noun(expected: _Expected) -> str:
    """The plural for items of a list: `texts`, `ids`, `mappings with the keys skill, level and weight`."""
    annotation = expected.annotation
    if annotation is str:
        return "ids" if expected.pattern == _ID.pattern else "texts"
    if annotation is int:
        return "whole numbers"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "mappings" + expected.phrase().removeprefix("a mapping")
    return "items"


def _flatten(metadata: Iterable[Any]) -> Iterator[Any]:
    for item in metadata:
        yield item
        if isinstance(item, FieldInfo):
            yield from _flatten(item.metadata)


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """(type, metadata): `Annotated[...]` opened and `X | None` narrowed to X."""
    metadata: list[Any] = []
    while True:
        if get_origin(annotation) is Annotated:
            annotation, *extra = get_args(annotation)
            metadata.extend(extra)
            continue
        if get_origin(annotation) in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation, metadata


def _expected_at(model: type[BaseModel] | None, loc: Loc, levels: int | None = None) -> _Expected | None:
    """What `model` expects at `loc`, or None when the path cannot be followed."""
    if model is None:
        return None
    annotation: Any = model
    field: str | None = None
    metadata: list[Any] = []
    for part in loc:
        annotation, more = _unwrap(annotation)
        metadata = [*more, *metadata]
        members = _members(annotation)
        if members:  # the union member that fits the path: a model for a key, a list for a position
            wanted = [m for m in members if _fits(_unwrap(m)[0], part)]
            if len(wanted) != 1:
                return None
            annotation, more = _unwrap(wanted[0])
            metadata = [*more, *metadata]
        origin = get_origin(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            info = annotation.model_fields.get(part) if isinstance(part, str) else None
            if info is None:
                return None
            annotation, field, metadata = info.annotation, str(part), [info, *info.metadata]
            continue
        args = get_args(annotation)
        if origin is dict and len(args) == 2:
            annotation, field = (args[0] if part == _KEY else args[1]), None
        elif origin is list and args and isinstance(part, int):
            annotation, field = args[0], None
        elif origin is tuple and args and isinstance(part, int):
            annotation, field = (args[0] if args[-1] is Ellipsis else args[min(part, len(args) - 1)]), None
        else:
            return None
        metadata = []
    annotation, more = _unwrap(annotation)
    return _Expected(annotation, field, [*more, *metadata], levels)


def _fits(annotation: Any, part: str | int) -> bool:
    if isinstance(part, int):
        return get_origin(annotation) in (list, tuple)
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def known_keys(model: type[BaseModel]) -> set[str]:
    """Every field name reachable from a model, for 'did you mean' on unknown keys."""
    names: set[str] = set()
    pending: list[type[BaseModel]] = [model]
    seen: set[type[BaseModel]] = set()
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, field in current.model_fields.items():
            names.add(name)
            pending.extend(_models_in(field.annotation))
    return names


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(arg))
    return found


def describe(data: Any, loc: Loc) -> str:
    """A readable path such as `head-of-product.requirements #3.level`: items count from 1, and go by id when they have one."""
    parts: list[str] = []
    node = data
    for part in loc:
        if part == _KEY:
            break
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str) and _ID.match(ident) and len(ident) <= 80:
                parts = [ident]  # an id says more than the path that led to it
            else:
                parts.append(f" #{part + 1}")
            node = item
        else:
            text = str(part)
            parts.append(("." if parts else "") + (text if len(text) <= 40 else text[:39] + "…"))
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(parts)


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _join(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
