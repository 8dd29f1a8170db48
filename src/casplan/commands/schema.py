"""`casplan schema`: the JSON Schema of a plan file, generated from the models.

The section schema speaks the plan's own keys: with a plan at hand (--plan, else
$CASPLAN_PLAN or ./plan when present) its declared labels and layout are used;
without one, the embedded plan's.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from pydantic import BaseModel

from casplan.labels import DEFAULT, Labels, from_plan
from casplan.load import ENV_VAR, LEADERS_FILE, PLAN_FILE, find_plan
from casplan.model import Departments, Leaders, Notice, plan_file_model, section_model
from casplan.yamlio import YamlProblem, load

KINDS = ("section", "plan", "leaders", "departments")


def models(root: Path | None) -> dict[str, type[BaseModel]]:
    """The model of each kind of file, for the plan at `root` (None: the embedded plan's defaults)."""
    labels: Labels = DEFAULT
    data: object = None
    has_leaders = True
    if root is not None:
        path = root / PLAN_FILE
        if path.is_file():
            try:
                data = load(path, path.as_posix()).data
            except YamlProblem as problem:
                from casplan.errors import UserError

                raise UserError(problem.diagnostics) from None
            labels = from_plan(data)
        has_leaders = (root / LEADERS_FILE).exists()
    return {
        "section": section_model(labels, has_leaders),
        "plan": plan_file_model(data) if data is not None else Notice,
        "leaders": Leaders,
        "departments": Departments,
    }


def schema_for(kind: str, root: Path | None = None) -> dict[str, object]:
    schema = models(root)[kind].model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def plan_root(option: Path | None) -> Path | None:
    """--plan (must exist), else $CASPLAN_PLAN or ./plan if there, else None."""
    if option is not None or os.environ.get(ENV_VAR):
        return find_plan(option)
    return Path("plan") if Path("plan").is_dir() else None


def run(kind: str, plan_option: Path | None = None) -> int:
    sys.stdout.write(json.dumps(schema_for(kind, plan_root(plan_option)), ensure_ascii=False, indent=2) + "\n")
    return 0
