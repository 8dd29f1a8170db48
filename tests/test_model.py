"""Every shape the real plan uses loads and dumps without loss."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from casplan.model import Departments, Leaders, Notice, Part, Task, chinese_date, has_etc, names_of
from casplan.yamlio import load, parse, roundtrip_dump, roundtrip_load

PLAN = Path(__file__).resolve().parents[1] / "plan"
FILES: list[tuple[Path, type[BaseModel]]] = [
    (PLAN / "plan.yaml", Notice),
    (PLAN / "leaders.yaml", Leaders),
    (PLAN / "departments.yaml", Departments),
    *((p, Part) for p in sorted((PLAN / "sections").glob("*.yaml"))),
]


@pytest.mark.parametrize(("path", "model"), FILES, ids=[p.name for p, _ in FILES])
def test_model_dump_reloads_equal(path: Path, model: type[BaseModel]) -> None:
    data = load(path, path.name).data
    obj = model.model_validate(data)
    dumped = obj.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
    assert dumped == data  # nothing dropped, nothing added
    text = roundtrip_dump(dumped)
    assert model.model_validate(parse(text, "x").data) == obj


@pytest.mark.parametrize(("path", "model"), FILES, ids=[p.name for p, _ in FILES])
def test_file_round_trips_byte_for_byte(path: Path, model: type[BaseModel]) -> None:
    text = path.read_text(encoding="utf-8")
    assert roundtrip_dump(roundtrip_load(text)) == text


def _task(task_id: str) -> Task:
    for path in sorted((PLAN / "sections").glob("*.yaml")):
        part = Part.model_validate(load(path, path.name).data)
        for task in part.tasks:
            if task.id == task_id:
                return task
    raise LookupError(task_id)


def test_shapes_of_the_real_plan() -> None:
    assert isinstance(_task("learn-notice").measures, str)  # one paragraph
    items = _task("institute-reform").measures  # numbered items, stored without （1）
    assert isinstance(items, list) and len(items) == 2
    assert items[0].startswith("以国家重点实验室体系重组为重点") and items[1].startswith("制定使命导向")
    assert _task("youth-team-pilot").lead_leaders == ["李树深", "汪克强"]  # several lead leaders
    assert _task("tackle-task-list").assist_leaders is None  # no 配合院领导
    assert _task("tackle-task-list").assist_depts is None  # no 协助部门
    assert _task("funding-reform-rules").deadline is None  # no 时间期限
    conf = _task("basic-research-conf")
    assert (names_of(conf.assist_depts), has_etc(conf.assist_depts)) == (["学部工作局", "发展规划局"], True)
    assert _task("funding-reform-rules").assist_depts == ["院机关各有关部门"]  # a collective unit
    advice = _task("reform-advice")
    assert advice.title is None and advice.lead_depts is None
    assert advice.subitems_intro == "向国家有关部门提出具体建议"
    assert [s.lead_depts for s in advice.subitems or []][1:3] == [["人事局"], ["人事局", "条件保障与财务局"]]


def test_chinese_date() -> None:
    assert chinese_date("2021-09-28") == "2021年9月28日"
    assert chinese_date("2022-12-01") == "2022年12月1日"
