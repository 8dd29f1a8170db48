"""`casplan names`: the registries with aliases and citations, counted from the source document."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

import test_list as source  # tests/commands is on pythonpath (pyproject.toml)

PLAN = source.PLAN


def names_json(run_cli, *args: str) -> list[dict[str, object]]:
    result = run_cli("names", "--plan", str(PLAN), *args, "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    return json.loads(result.stdout)


def test_every_registered_name_once_with_its_kind(run_cli) -> None:
    registered = yaml.safe_load((PLAN / "departments.yaml").read_text(encoding="utf-8"))["部门"]
    leaders = yaml.safe_load((PLAN / "leaders.yaml").read_text(encoding="utf-8"))["院领导"]
    records = names_json(run_cli)
    assert [r["名称"] for r in records] == [d["名称"] for d in registered] + [n["姓名"] for n in leaders]
    assert [r["类别"] for r in records[: len(registered)]] == [d.get("类别", "部门") for d in registered]
    assert names_json(run_cli, "--kind", "leader") == records[len(registered):]
    assert names_json(run_cli, "--kind", "dept") == records[: len(registered)]


def test_citations_are_the_source_lines(run_cli) -> None:
    """牵头/协助 count the source's own label lines naming each (a sub-item without its own line is its task's)."""
    items = source.read_source()
    for record in names_json(run_cli):
        name = record["名称"]
        lead, assist = ("牵头部门", "协助部门") if record["名录"] == "部门" else ("牵头院领导", "配合院领导")
        assert record["牵头"] == sum(name in (i.own_names(lead) or []) for i in items), name
        assert record["协助"] == sum(name in (i.own_names(assist) or []) for i in items), name


def test_aliases_are_listed(run_cli, tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    import shutil

    shutil.copytree(PLAN, plan)
    path = plan / "departments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- 名称: 人事局\n", "- 名称: 人事局\n    别名: [人教局]\n", 1),
                    encoding="utf-8")
    result = run_cli("names", "--plan", str(plan), "--kind", "dept", "--format", "json")
    (record,) = [r for r in json.loads(result.stdout) if r["名称"] == "人事局"]
    assert record["别名"] == ["人教局"]
    table = run_cli("names", "--plan", str(plan), "--kind", "dept").stdout
    assert any(line.split()[:3] == ["部门", "人事局", "人教局"] for line in table.splitlines())
    assert table.splitlines()[-1].startswith("共 ")
