"""JSON Schemas for the files people edit: `roles.yaml`, `skills.yaml` and answers files.

Generated from the models, committed under `schemas/` for editors (the data files name
them in a `yaml-language-server` modeline), and checked against the models by a test.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

NAMES = ("roles", "skills", "answers")


def _model(name: str) -> type[BaseModel]:
    from pmladder.assessment.answers import Answers
    from pmladder.knowledge.models import RolesFile, SkillsFile

    models: dict[str, type[BaseModel]] = {"roles": RolesFile, "skills": SkillsFile, "answers": Answers}
    return models[name]


def schema(name: str) -> dict[str, Any]:
    document = _model(name).model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json", **document}


def schema_text(name: str) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"
