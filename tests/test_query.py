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
