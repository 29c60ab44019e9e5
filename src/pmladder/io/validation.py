"""Turn Pydantic validation errors into `Problem`s that point at the YAML that caused them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from pmladder.errors import PmladderError, Problem, did_you_mean
from pmladder.io.yamlfile import Document, Loc

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], document: Document) -> M:
    """Validate a parsed document against a model; every error becomes a placed problem."""
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise PmladderError(problems_from(exc, document, known_keys(model))) from None


def problems_from(exc: ValidationError, document: Document, keys: Iterable[str] = ()) -> list[Problem]:
    keys = sorted(set(keys))
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(error["loc"])
        kind = error["type"]
        if kind == "missing":
            where = describe(document.data, loc[:-1])
            message = f"missing required key '{loc[-1]}'"
            problems.append(document.problem(loc[:-1], _join(where, message)))
        elif kind == "extra_forbidden":
            where = describe(document.data, loc[:-1])
            name = str(loc[-1])
            message = f"unknown key '{name}'{did_you_mean(name, keys)}"
            problems.append(document.problem(loc, _join(where, message), key=True))
        else:
            where = describe(document.data, loc)
            message = _humane(error["msg"])
            value = error.get("input")
            if isinstance(value, (str, int, float, bool)) and not kind.endswith(("too_long", "too_short")):
                shown = repr(value)
                message += f" (got {shown if len(shown) <= 60 else shown[:57] + '...'})"
            problems.append(document.problem(loc, _join(where, message)))
    return problems


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
    """A readable path such as `head-of-product.requirements[2].level`; list items go by id when they have one."""
    parts: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            if isinstance(ident, str) and ident:
                parts = [ident]  # an id says more than the path that led to it
            else:
                parts.append(f"[{part}]")
            node = item
        else:
            parts.append(("." if parts else "") + str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return "".join(parts)


def _join(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


def _humane(message: str) -> str:
    text = message.replace("Input should be", "should be").replace("Value error, ", "")
    return text[:1].lower() + text[1:]
