"""The knowledge base's plain values: the same fields as the files' models, and a decoder that trusts nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from pmladder.io import yamlfile
from pmladder.io.paths import bundled_kb_dir
from pmladder.knowledge import models, values
from pmladder.knowledge.base import KnowledgeBase
from pmladder.knowledge.cache import _from_json, _to_json
from pmladder.knowledge.load import load_knowledge_base
from pmladder.knowledge.values import Unfit, decode, plain

PAIRS = [
    "ScaleLevel",
    "Category",
    "Project",
    "Learning",
    "Skill",
    "Track",
    "About",
    "Years",
    "Requirement",
    "Salary",
    "SalaryTable",
    "RelatedTitle",
    "RoleProject",
    "Role",
]
# Required by the models, defaulted here only because a named tuple's defaults must come last.
DEFAULTED_HERE = {("Role", "requirements"), ("SalaryTable", "figures")}


@pytest.mark.parametrize("name", PAIRS)
def test_the_values_have_the_models_fields_and_defaults(name: str) -> None:
    value: Any = getattr(values, name)
    model: type[BaseModel] = getattr(models, name)
    assert set(value._fields) == set(model.model_fields)
    for field, info in model.model_fields.items():
        if info.is_required():
            assert field not in value._field_defaults or (name, field) in DEFAULTED_HERE, field
            continue
        default = info.get_default(call_default_factory=True)
        assert value._field_defaults[field] == (tuple(default) if isinstance(default, list) else default), field


def test_every_model_has_its_value() -> None:
    """A model added for the files without a value here would never reach a command."""
    file_models = {"RolesFile", "SkillsFile", "Strict"}
    defined = {
        name
        for name, obj in vars(models).items()
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == models.__name__
    }
    assert defined - file_models == set(PAIRS)


def test_the_bundled_ladder_survives_plain_and_decode(kb: KnowledgeBase) -> None:
    for role in kb.roles:
        assert decode(values.Role, json.loads(json.dumps(plain(role)))) == role
    for skill in kb.skills:
        assert decode(values.Skill, json.loads(json.dumps(plain(skill)))) == skill
    assert all(isinstance(level, (str, tuple)) for skill in kb.skills for level in skill.levels)


def test_plain_is_the_models_own_json_dump() -> None:
    """What reports print from the values is what the models would have printed."""
    text = (bundled_kb_dir() / "roles.yaml").read_text(encoding="utf-8")
    roles = models.RolesFile.model_validate(yamlfile.read(text, "roles.yaml").data)
    for role in roles.roles:
        dumped = role.model_dump(mode="json")
        assert plain(decode(values.Role, dumped)) == dumped


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (values.Requirement, {"skill": "x", "level": True}),  # True is not 1
        (values.Requirement, {"skill": "x", "level": 1.0}),
        (values.Requirement, {"skill": "x", "level": 1, "delegated": 1}),  # 1 is not True
        (values.Requirement, {"skill": "x"}),  # level is required
        (values.Requirement, {"skill": "x", "level": 1, "evil": "!!python/object"}),
        (values.Requirement, ["x", 1]),
        (values.Category, {"id": "a", "name": ["x"], "description": "d"}),
        (values.Learning, {"format": "telepathy", "suggestion": "s"}),
        (values.Years, {"min": 1, "max": "2"}),
        (values.Skill, {"id": "s", "name": "S", "category": "c", "definition": "d", "levels": [1, 2, 3]}),
    ],
)
def test_decode_refuses_what_the_models_would(kind: type[Any], data: Any) -> None:
    with pytest.raises(Unfit):
        decode(kind, data)


def test_decode_takes_a_descriptor_as_text_or_criteria() -> None:
    skill = decode(
        values.Skill,
        {"id": "s", "name": "S", "category": "c", "definition": "d", "levels": ["one", ["a", "b"], "three"]},
    )
    assert skill.levels == ("one", ("a", "b"), "three")
    assert skill.descriptor(2) == ("a", "b")
    assert values.descriptor_text(skill.descriptor(2)) == "a; b"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12,
)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, item in node.items() for p in _leaves(item, (*path, key))] or [path]
    if isinstance(node, list):
        return [p for i, item in enumerate(node) for p in _leaves(item, (*path, i))] or [path]
    return [path]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), replacement=JSON)
def test_a_damaged_cache_is_a_miss_never_a_crash(kb: KnowledgeBase, data: st.DataObject, replacement: Any) -> None:
    """Any one value of a real cache file replaced by any JSON: the reader gives a knowledge base or None."""
    document = json.loads(_to_json(kb, "k"))
    leaves = [p for p in _leaves(document) if p]
    path = data.draw(st.sampled_from(leaves))
    node = document
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = replacement
    found = _from_json(json.dumps(document).encode(), "k", "here")
    assert found is None or isinstance(found, KnowledgeBase)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=200) | JSON.map(lambda v: json.dumps(v).encode()))
def test_any_bytes_in_the_cache_are_a_miss(data: bytes) -> None:
    assert _from_json(data, "k", "here") is None


def test_an_intact_cache_file_gives_the_same_knowledge_base() -> None:
    kb = load_knowledge_base(bundled_kb_dir())
    again = _from_json(_to_json(kb, "k"), "k", kb.source)
    assert again == kb
