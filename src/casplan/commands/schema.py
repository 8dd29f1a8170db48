"""`casplan schema`: the JSON Schema of a plan file, generated from the models."""

from __future__ import annotations

import json
import sys

from pydantic import BaseModel

from casplan.model import Departments, Leaders, Notice, Part

MODELS: dict[str, type[BaseModel]] = {
    "section": Part,
    "plan": Notice,
    "leaders": Leaders,
    "departments": Departments,
}


def schema_for(kind: str) -> dict[str, object]:
    schema = MODELS[kind].model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def run(kind: str) -> int:
    sys.stdout.write(json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n")
    return 0
