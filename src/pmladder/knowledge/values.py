"""The knowledge base at run time: plain immutable records, built once from validated files.

The files people edit are checked by the Pydantic models in `knowledge.models`, with every
problem placed at its line. What a command then works with is this: immutable named tuples
with the same fields, lists as tuples. They are cheap to build from plain data, so a warm
start-up reads the cached knowledge base as JSON and builds these without importing or
building any Pydantic model (`pmladder roles` would otherwise spend more on validators than
on everything else it does). Named tuples rather than frozen dataclasses: Python 3.11 makes a
frozen dataclass by compiling six methods, 0.4 ms a class against 0.05 ms, and these 14
classes are created by every command. Fields without a default come first, as a named tuple
needs; `requirements` and `figures` have one here, and the models never leave them empty.

`decode` turns plain data (the models' JSON dump, or the cache) into these values, checking
every key and the type of every value on the way; `plain` turns them back. A test holds the
fields here to the models' fields, so the two cannot drift apart.

The annotations are real types (no `from __future__ import annotations`): `decode` reads them.
"""

import dataclasses
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any, NamedTuple, TypeVar, Union, get_args, get_origin

MIN_LEVELS, MAX_LEVELS = 3, 7  # the sizes a scale may have
MAX_WEIGHT = 5

Descriptor = Union[str, tuple[str, ...]]  # noqa: UP007 (a value read by `decode`, not only a hint)
"""One level of a skill: a paragraph, or criteria (shown as bullets)."""


def descriptor_lines(descriptor: str | tuple[str, ...] | list[str]) -> list[str]:
    """A descriptor as lines: a paragraph is one line, a list of criteria one line per criterion."""
    return [descriptor] if isinstance(descriptor, str) else list(descriptor)


def descriptor_text(descriptor: str | tuple[str, ...] | list[str]) -> str:
    """A descriptor on one line: a paragraph as written, criteria joined with '; '."""
    return descriptor if isinstance(descriptor, str) else "; ".join(descriptor)


class Setting(str, Enum):
    """Where a project happens."""

    work = "work"
    outside = "outside"


class LearningFormat(str, Enum):
    """How a person can learn, beyond projects."""

    course = "course"
    reading = "reading"
    practice = "practice"
    community = "community"
    mentoring = "mentoring"


# --- skills.yaml -------------------------------------------------------------------------


class ScaleLevel(NamedTuple):
    """One level of the ladder's proficiency scale, lowest first."""

    level: int
    label: str
    description: str | None = None


class Category(NamedTuple):
    """A group of related skills; the order in the file is the order in reports."""

    id: str
    name: str
    description: str


class Project(NamedTuple):
    """A self-guided project that builds a skill, in the current job or outside it."""

    title: str
    deliverable: str
    builds_to: int
    effort_hours: int
    setting: Setting | None = None
    origin: str | None = None


class Learning(NamedTuple):
    """A learning format with a concrete suggestion for this skill."""

    format: LearningFormat
    suggestion: str


class Skill(NamedTuple):
    """A skill with what each level of the scale looks like in behaviour."""

    id: str
    name: str
    category: str
    definition: str
    levels: tuple[Descriptor, ...]
    projects: tuple[Project, ...] = ()
    learning: tuple[Learning, ...] = ()
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def descriptor(self, level: int) -> Descriptor:
        """The descriptor of a level (1 is the lowest), as written: a paragraph or criteria."""
        return self.levels[level - 1]


# --- roles.yaml --------------------------------------------------------------------------


class Track(NamedTuple):
    """A job family (a track of the ladder) and its name."""

    id: str
    name: str
    description: str | None = None


class About(NamedTuple):
    """What the ladder is and where it comes from; every part optional."""

    name: str | None = None
    version: str | None = None
    source: str | None = None
    licence: str | None = None
    note: str | None = None


class Years(NamedTuple):
    """Typical years of experience; always approximate, careers vary."""

    min: int
    max: int | None = None
    approximate: bool = True

    def label(self) -> str:
        """E.g. '~8-15' or '~15+' (the tilde marks an approximate range)."""
        span = f"{self.min}-{self.max}" if self.max is not None else f"{self.min}+"
        return f"~{span}" if self.approximate else span


class Requirement(NamedTuple):
    """The level a role needs in one skill, and how much that skill weighs."""

    skill: str
    level: int
    weight: int = 1
    delegated: bool = False


class Salary(NamedTuple):
    """A median salary in one city, in local currency."""

    city: str
    country: str
    median: int
    currency: str
    note: str | None = None


class SalaryTable(NamedTuple):
    """Salary figures with where they come from; they are estimates, never promises."""

    source: str
    estimate: bool = True
    note: str | None = None
    figures: tuple[Salary, ...] = ()  # never empty once validated


class RelatedTitle(NamedTuple):
    """How this title relates to another product-leadership title."""

    role: str
    relation: str


class RoleProject(NamedTuple):
    """A self-guided project aimed at a role as a whole rather than one skill."""

    title: str
    deliverable: str
    skills: tuple[str, ...]


class Role(NamedTuple):
    """A rung of the ladder and what it takes; beyond id, name, track, rank and requirements, all optional."""

    id: str
    name: str
    track: str
    rank: int
    aliases: tuple[str, ...] = ()
    summary: str | None = None
    bar: str | None = None
    years: Years | None = None
    scope: str | None = None
    responsibilities: tuple[str, ...] = ()
    day_to_day: tuple[str, ...] = ()
    challenges: tuple[str, ...] = ()
    next_roles: tuple[str, ...] = ()
    requirements: tuple[Requirement, ...] = ()  # never empty once validated
    backgrounds: tuple[str, ...] = ()
    advancement: tuple[str, ...] = ()
    education: tuple[str, ...] = ()
    growth: tuple[str, ...] = ()
    transferable_skills: tuple[str, ...] = ()
    personal_growth: tuple[str, ...] = ()
    traits: tuple[str, ...] = ()
    qualities: tuple[str, ...] = ()
    projects: tuple[RoleProject, ...] = ()
    learning_formats: tuple[str, ...] = ()
    related_titles: tuple[RelatedTitle, ...] = ()
    company_size: tuple[str, ...] = ()
    specialisations: tuple[str, ...] = ()
    salaries: SalaryTable | None = None
    sources: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


# --- plain data in and out ---------------------------------------------------------------

T = TypeVar("T")
Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}


class Unfit(ValueError):
    """Plain data that does not have the shape of the values (a stale or damaged cache, say)."""


def decode(kind: type[T], data: Any) -> T:
    """`kind` (a record of this module or a dataclass, or a tuple of them) from plain data, every key and type checked.

    Keys may be left out where the field has a default; any other missing, extra or
    mistyped value raises `Unfit`.
    """
    value: T = _decoder(kind)(data)
    return value


def _decoder(kind: Any) -> Decoder:
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = _build(kind)
    return found


def _build(kind: Any) -> Decoder:
    """A decoder for one annotation, built once per process."""
    if kind in (str, int, bool):
        return _exact(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum(kind)
    if _is_record(kind):
        return _record(kind)
    origin = get_origin(kind)
    if origin is tuple:
        item, _ellipsis = get_args(kind)
        return _sequence(_decoder(item))
    if origin in (Union, types.UnionType):
        return _union([_decoder(member) for member in get_args(kind)], none=type(None) in get_args(kind))
    if kind is type(None):
        return _exact(type(None))
    raise TypeError(f"no plain-data decoder for {kind!r}")  # a new field type: add it here


def _exact(kind: type) -> Decoder:
    def read(value: Any) -> Any:
        if type(value) is not kind:  # exact: True is not 1, and 1 is not True
            raise Unfit(f"expected {kind.__name__}, found {type(value).__name__}")
        return value

    return read


def _enum(kind: type[Enum]) -> Decoder:
    def read(value: Any) -> Any:
        try:
            return kind(value)
        except ValueError:
            raise Unfit(f"{value!r} is not a {kind.__name__}") from None

    return read


def _sequence(item: Decoder) -> Decoder:
    def read(value: Any) -> Any:
        if not isinstance(value, (list, tuple)):
            raise Unfit(f"expected a list, found {type(value).__name__}")
        return tuple([item(v) for v in value])

    return read


def _union(members: list[Decoder], *, none: bool) -> Decoder:
    def read(value: Any) -> Any:
        if value is None and none:
            return None
        for member in members:
            try:
                return member(value)
            except Unfit:
                continue
        raise Unfit(f"{type(value).__name__} fits none of the choices")

    return read


def _fields(kind: type) -> list[tuple[str, Any, bool]]:
    """(name, type, required) of a record's fields: a named tuple's or a dataclass's."""
    if issubclass(kind, tuple):
        defaults = kind._field_defaults  # type: ignore[attr-defined]
        hints = kind.__annotations__
        return [(name, hints[name], name not in defaults) for name in kind._fields]  # type: ignore[attr-defined]
    known = dataclasses.fields(kind)  # type: ignore[arg-type]
    hints = typing.get_type_hints(kind) if any(isinstance(f.type, str) for f in known) else {}
    return [
        (
            f.name,
            hints.get(f.name, f.type),
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in known
    ]


def _is_record(kind: Any) -> bool:
    return isinstance(kind, type) and (
        dataclasses.is_dataclass(kind) or (issubclass(kind, tuple) and hasattr(kind, "_fields"))
    )


def _record(kind: type) -> Decoder:
    """A record's decoder: each field read in order, str, int and bool checked inline (most values are)."""
    named = issubclass(kind, tuple)
    defaults: dict[str, Any] = kind._field_defaults if named else {}  # type: ignore[attr-defined]
    spec = [
        (name, hint if hint in (str, int, bool) else None, _decoder(hint), needed, defaults.get(name))
        for name, hint, needed in _fields(kind)
    ]

    def read(value: Any) -> Any:
        if type(value) is not dict:
            raise Unfit(f"expected a mapping for {kind.__name__}, found {type(value).__name__}")
        out: list[Any] = []
        present: dict[str, Any] = {}
        for name, exact, reader, needed, default in spec:
            if name in value:
                item = value[name]
                if exact is None:
                    item = reader(item)
                elif type(item) is not exact:  # exact: True is not 1, and 1 is not True
                    raise Unfit(f"{kind.__name__}.{name}: expected {exact.__name__}, found {type(item).__name__}")
                present[name] = item
                out.append(item)
            elif needed:
                raise Unfit(f"{kind.__name__} lacks {name!r}")
            else:
                out.append(default)
        if len(present) != len(value):
            raise Unfit(f"{kind.__name__} has other keys: {sorted(set(value) - set(present))}")
        return tuple.__new__(kind, out) if named else kind(**present)

    return read


def plain(value: Any, *, omit_none: bool = False) -> Any:
    """A value as plain JSON-ready data: records as dicts in field order, tuples as lists, enums as values.

    `omit_none` leaves out fields that are None, as a report leaves out what a ladder does not say.
    """
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        items: Any = zip(value._fields, value, strict=True)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        items = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
    elif isinstance(value, (tuple, list)):
        return [plain(item, omit_none=omit_none) for item in value]
    elif isinstance(value, Enum):
        return value.value
    else:
        return value
    return {name: plain(item, omit_none=omit_none) for name, item in items if item is not None or not omit_none}
