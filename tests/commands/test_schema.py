from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from casplan.yamlio import load

PLAN = Path(__file__).resolve().parents[2] / "plan"


def _schema(run_cli, kind: str) -> dict:
    result = run_cli("schema", "--kind", kind)
    assert result.exit_code == 0
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("kind", "files"),
    [("section", sorted((PLAN / "sections").glob("*.yaml"))), ("plan", [PLAN / "plan.yaml"]),
     ("leaders", [PLAN / "leaders.yaml"]), ("departments", [PLAN / "departments.yaml"])],
)
def test_embedded_plan_conforms_to_generated_schema(run_cli, kind: str, files: list[Path]) -> None:
    schema = _schema(run_cli, kind)
    for path in files:
        jsonschema.validate(load(path, path.name).data, schema)


def test_schema_rejects_unknown_key_and_uses_labels(run_cli) -> None:
    schema = _schema(run_cli, "section")
    assert schema["required"] == ["标题", "任务"]
    bad = {"标题": "x", "任务": [{"编号": "a", "牵头院领导": ["甲"], "具体举措": "y", "牵头部": ["乙"]}]}
    with pytest.raises(jsonschema.ValidationError, match="Additional properties are not allowed"):
        jsonschema.validate(bad, schema)


def test_default_kind_is_section(run_cli) -> None:
    assert _schema(run_cli, "section") == json.loads(run_cli("schema").stdout)
