"""The committed JSON Schemas match the models, so editors validate against the truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run
from pmladder.knowledge.schemas import NAMES, schema_text

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "schemas"


@pytest.mark.parametrize("name", NAMES)
def test_committed_schema_matches_the_models(name: str) -> None:
    """A model change without `pmladder schema NAME -o schemas/NAME.schema.json` fails here."""
    committed = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name)


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_json_with_an_id(name: str) -> None:
    document = json.loads(schema_text(name))
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"] == f"{name}.schema.json"
    assert document["type"] == "object"
    assert document["additionalProperties"] is False


@pytest.mark.parametrize("name", NAMES)
def test_schema_command_prints_the_schema(name: str) -> None:
    result = run(["schema", name])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == schema_text(name)


@pytest.mark.parametrize("name", ["roles", "skills"])
def test_kb_schema_prints_the_same(name: str) -> None:
    result = run(["kb", "schema", name])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")


def test_kb_schema_defaults_to_roles() -> None:
    assert run(["kb", "schema"]).stdout == schema_text("roles")


def test_schema_output_file_equals_stdout(tmp_path: Path) -> None:
    target = tmp_path / "out" / "answers.schema.json"
    result = run(["schema", "answers", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == schema_text("answers")


def test_unknown_schema_name_is_a_usage_error() -> None:
    result = run(["schema", "rolez"])
    assert result.exit_code == 2
    assert "rolez" in result.stderr


@pytest.mark.parametrize("name", ["roles", "skills"])
def test_data_file_names_its_schema_on_the_first_line(name: str) -> None:
    """The modeline lets YAML editors validate and complete the file while it is edited."""
    first = (REPO / "data" / f"{name}.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{name}.schema.json"
    assert (REPO / "data" / "../schemas" / f"{name}.schema.json").resolve().is_file()


def test_field_descriptions_reach_the_schema() -> None:
    """Descriptions are the hover text editors show; losing them silently would be a regression."""
    roles = json.loads(schema_text("roles"))
    role = roles["$defs"]["Role"]
    assert role["properties"]["rank"]["description"].startswith("Seniority")
    assert role["properties"]["next_roles"]["items"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"
