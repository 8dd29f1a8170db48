from pathlib import Path

import pytest

from casplan.errors import UsageError
from casplan.plan import open_plan
from casplan.query import Role, collectives, heading, resolve, role_of, rows

PLAN = Path(__file__).resolve().parents[1] / "plan"


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return open_plan(PLAN)


@pytest.fixture(scope="module")
def by_id(plan):  # type: ignore[no-untyped-def]
    return {r.id: r for r in rows(plan)}


def test_one_row_per_task_and_sub_item_in_order(plan, by_id) -> None:  # type: ignore[no-untyped-def]
    all_rows = rows(plan)
    assert (len(all_rows), sum(r.is_task for r in all_rows)) == (47, 40)
    assert [r.id for r in all_rows][:3] == ["learn-notice", "plan-draft", "party-history"]
    assert [r.id for r in all_rows if not r.is_task][0] == "advise-basic-funding"


def test_sub_item_inherits_what_it_does_not_write(by_id) -> None:  # type: ignore[no-untyped-def]
    sub = by_id["advise-staffing"]
    assert sub.names == {"牵头院领导": ["周琪"], "配合院领导": ["汪克强"], "牵头部门": ["人事局", "条件保障与财务局"],
                         "协助部门": ["发展规划局"]}
    assert sub.inherited == {"牵头院领导", "配合院领导", "协助部门"}
    assert (sub.task_id, sub.number, sub.deadline, sub.deadline_inherited) == ("reform-advice", 3, "2022年年底前完成。", False)


def test_untitled_task_takes_the_part_title(by_id) -> None:  # type: ignore[no-untyped-def]
    task = by_id["reform-advice"]
    assert task.text == "通过深入调研，积极向国家有关部门提出科技管理改革的意见建议"
    assert (heading(task), heading(by_id["advise-staffing"]), heading(by_id["young-cadres"])) == (
        "十五、", "十五、reform-advice（3）", "九、（五）")


def test_roles(plan, by_id) -> None:  # type: ignore[no-untyped-def]
    d, l = plan.departments, plan.leaders
    assert role_of(by_id["plan-draft"], "人事局", d, "牵头部门", "协助部门", Role.ANY) == "协助"
    assert role_of(by_id["plan-draft"], "人事局", d, "牵头部门", "协助部门", Role.LEAD) is None
    assert role_of(by_id["branch-cleanup"], "人事局", d, "牵头部门", "协助部门", Role.LEAD) == "牵头"
    assert role_of(by_id["advise-staffing"], "周琪", l, "牵头院领导", "配合院领导", Role.ANY) == "牵头（随任务）"
    assert role_of(by_id["advise-staffing"], "汪克强", l, "牵头院领导", "配合院领导", Role.ASSIST) == "配合（随任务）"
    assert role_of(by_id["basic-research-conf"], "发展规划局", d, "牵头部门", "协助部门", Role.ANY) == "协助"
    assert role_of(by_id["basic-research-conf"], "等", d, "牵头部门", "协助部门", Role.ANY) is None


def test_resolve_suggests(plan) -> None:  # type: ignore[no-untyped-def]
    assert resolve(plan.departments, " 人事局 ") == "人事局"
    with pytest.raises(UsageError) as info:
        resolve(plan.departments, "人时局")
    assert info.value.message == "未知部门“人时局”（是否为“人事局”？）"
    with pytest.raises(UsageError) as info:
        resolve(plan.leaders, "张三丰")
    assert info.value.message == "未知院领导“张三丰”，可用 casplan stats 查看全部名称"


def test_collectives_are_counted_not_expanded(plan) -> None:  # type: ignore[no-untyped-def]
    assert collectives(rows(plan), plan.departments) == {
        "院促进科技成果转移转化联席会议成员单位": 2,
        "院机关各有关部门": 1,
        "院国家重点实验室体系重组专项工作组成员部门": 1,
        "各分院分党组": 2,
    }


def test_explicit_due_date_overrides_the_reader(by_id) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace
    from datetime import date

    row = replace(by_id["learn-notice"], due="2021-10-15")
    assert [(x.date, x.clause) for x in row.milestones()] == [(date(2021, 10, 15), "2021年9月底前完成。")]
    assert row.record()["截止日期"] == "2021-10-15"


def test_record_uses_the_yaml_keys(by_id) -> None:  # type: ignore[no-untyped-def]
    assert list(by_id["advise-staffing"].record()) == [
        "编号", "类型", "部分", "部分标题", "任务编号", "任务", "内容", "牵头院领导", "配合院领导", "牵头部门", "协助部门", "沿用任务",
        "时间期限"]
    assert by_id["basic-research-conf"].record()["协助部门"] == ["学部工作局", "发展规划局", "等"]


# ------------------------------------------------------------------ plans in other words

SHAPES = Path(__file__).parent / "data" / "shapes"


def _rows(name: str):  # type: ignore[no-untyped-def]
    return {r.id: r for r in rows(open_plan(SHAPES / name))}


def test_units_listed_first_lead_and_the_rest_assist() -> None:
    by = _rows("guowuyuan")
    assert by["small-business"].names == {
        "牵头领导": [], "配合领导": [], "牵头单位": ["人力资源社会保障部"], "配合单位": ["财政部", "人民银行"]}
    assert by["skills-training"].names["牵头单位"] == ["各省级人民政府"] and by["skills-training"].names["配合单位"] == []
    record = by["technical-schools"].record()
    assert (record["牵头单位"], record["配合单位"], record["完成时限"]) == (["人力资源社会保障部"], ["教育部"], "2025年底前")


def test_numbering_runs_through_the_plan_or_restarts_per_part() -> None:
    continuous = _rows("continuous")
    assert [continuous[i].number for i in ("gov-cloud", "data-sharing", "one-network", "evaluation")] == [1, 2, 3, 4]
    assert heading(continuous["one-network"]) == "二、3."
    per_part = _rows("guowuyuan")
    assert heading(per_part["vocational-schools"]) == "二、（二）"
    top = _rows("toplevel")
    assert [heading(top[i]) for i in ("industry", "investment", "environment")] == ["一、", "二、", "三、"]
    assert top["industry"].part_title == ""


def test_fields_with_no_role_are_kept_on_the_row() -> None:
    by = _rows("continuous")
    assert by["gov-cloud"].fields == {"适用范围": "中央和国家机关"}
    assert by["gov-cloud"].record()["适用范围"] == "中央和国家机关"


def test_role_of_by_the_plans_labels() -> None:
    plan = open_plan(SHAPES / "guowuyuan")
    by = {r.id: r for r in rows(plan)}
    assert role_of(by["impact-assessment"], "人力资源社会保障部", plan.departments, "牵头单位", "配合单位", Role.ANY) == "配合"
    assert role_of(by["small-business"], "人力资源社会保障部", plan.departments, "牵头单位", "配合单位", Role.LEAD) == "牵头"


def test_groups_between_parts_and_tasks() -> None:
    by = _rows("grouped")
    assert [(by[i].group_no, by[i].number) for i in ("macro-policy", "cross-cycle", "fiscal-policy", "basic-research")] == [
        (1, 1), (1, 2), (2, 3), (1, 4)]  # 1.–5. straight through parts and groups
    assert by["fiscal-policy"].group_title == "实施积极的财政政策"
    assert heading(by["basic-research"]) == "二、（一）4."
    assert by["macro-policy"].names["牵头单位"] == ["国家发展改革委"]
    assert by["macro-policy"].names["配合单位"] == ["财政部", "人民银行", "等"]
