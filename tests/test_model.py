"""Every shape the real plan uses loads and dumps without loss."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from casplan.labels import from_plan
from casplan.model import (
    Departments,
    Leaders,
    Notice,
    Part,
    Standalone,
    Task,
    Tasks,
    chinese_date,
    has_etc,
    names_of,
    plan_file_model,
    section_model,
    task_model,
)
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


# ------------------------------------------------------------------ a plan's own labels


GUOWUYUAN = from_plan({"标签": {"牵头单位": "牵头单位", "配合单位": "配合单位", "时间期限": "完成时限"},
                       "其他字段": ["适用范围"], "结构": {"分工写法": "括号"}})


def test_default_labels_give_the_embedded_plans_model() -> None:
    assert section_model() is Part
    assert task_model(Part) is Task


def test_section_model_takes_the_plans_labels_and_other_fields() -> None:
    model = section_model(GUOWUYUAN, False)
    part = model.model_validate({"标题": "部分", "任务": [
        {"编号": "a", "标题": "做某事。", "牵头单位": ["甲"], "配合单位": ["乙", "等"], "适用范围": "全国", "完成时限": "2022年"}]})
    task = part.tasks[0]
    assert isinstance(task, Task)  # a subclass: code reads the same English attributes
    assert (task.lead_depts, task.assist_depts, task.deadline, task.other) == (["甲"], ["乙", "等"], "2022年", {"适用范围": "全国"})
    assert task.lead_leaders is None  # no leaders.yaml: no lead leader required
    assert task_model(model) is not Task and section_model(GUOWUYUAN, False) is model  # built once


def test_a_plans_model_refuses_the_embedded_labels() -> None:
    model = section_model(GUOWUYUAN, False)
    with pytest.raises(ValueError, match="牵头部门"):
        model.model_validate({"标题": "部分", "任务": [{"编号": "a", "标题": "x", "牵头部门": ["甲"]}]})


def test_parenthesis_layout_allows_a_title_only_task_and_labelled_lines_do_not() -> None:
    data = {"标题": "部分", "任务": [{"编号": "a", "标题": "做某事。", "牵头单位": ["甲"]}]}
    assert section_model(GUOWUYUAN, False).model_validate(data).tasks[0].measures is None
    labelled = from_plan({"标签": {"牵头单位": "牵头单位"}})
    with pytest.raises(ValueError, match="任务缺少“具体举措”或“子项”"):
        section_model(labelled, False).model_validate(data)


def test_without_parts_a_section_file_has_no_title() -> None:
    model = section_model(from_plan({"结构": {"部分": "无"}}), True)
    assert issubclass(model, Tasks)
    ok = model.model_validate({"任务": [{"编号": "a", "牵头院领导": ["甲"], "具体举措": "x"}]})
    assert ok.title is None
    with pytest.raises(ValueError, match="标题"):
        model.model_validate({"标题": "x", "任务": [{"编号": "a", "牵头院领导": ["甲"], "具体举措": "x"}]})


def test_a_plan_issued_alone() -> None:
    data = {"标题": "某方案", "部分": ["01.yaml"]}
    assert plan_file_model(data) is Standalone
    assert plan_file_model({"附件": {}}) is Notice and plan_file_model({"发文机关": "x"}) is Notice
    plan = Standalone.model_validate(data)
    assert (plan.attachment.title, plan.attachment.preamble, plan.attachment.sections) == ("某方案", [], ["01.yaml"])


def test_unknown_role_name_in_labels_is_refused() -> None:
    with pytest.raises(ValueError, match="牵头部门"):
        Standalone.model_validate({"标签": {"牵头部门": "牵头部门"}, "标题": "x", "部分": ["a.yaml"]})


NOTICE = {"发文机关": "国务院", "发文机关标志": "国务院文件", "标题": "关于……的意见", "主送机关": ["各部委"],
          "正文": ["现提出如下意见。"], "署名": "国务院", "成文日期": "2022-03-19"}


def test_a_notice_carries_its_plan_as_attachment_or_in_its_body() -> None:
    inline = Notice.model_validate({**NOTICE, "部分": ["01.yaml"]})
    assert inline.attachment is None and (inline.frame.title, inline.frame.sections) == ("关于……的意见", ["01.yaml"])
    with pytest.raises(ValueError, match="通知需要“附件”（方案作为附件）或“部分”"):
        Notice.model_validate(NOTICE)
    with pytest.raises(ValueError, match="“附件”与“部分”只能写一个"):
        Notice.model_validate({**NOTICE, "部分": ["01.yaml"], "附件": {"标题": "x", "部分": ["01.yaml"]}})
