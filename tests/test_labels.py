"""casplan.labels: a plan's words for the roles and its layout, read from plan.yaml."""

from __future__ import annotations

import pytest

from casplan.labels import DEFAULT, PRESETS, ROLES, Structure, from_plan, problems


def test_no_declaration_is_the_embedded_plan() -> None:
    labels = from_plan({"发文机关": "x"})
    assert labels == DEFAULT
    assert labels.label("lead_units") == "牵头部门" and labels.label("assist_leaders") == "配合院领导"
    assert labels.structure == Structure()
    assert labels.keys() == ("牵头院领导", "配合院领导", "牵头部门", "协助部门", "负责单位", "具体举措", "时间期限")


def test_declared_roles_take_their_label_and_the_rest_their_role_name() -> None:
    labels = from_plan({"标签": {"时间期限": "完成时限", "配合单位": "参与单位"}, "其他字段": ["适用范围"]})
    assert labels.by_role == {
        "lead_leaders": "牵头领导", "assist_leaders": "配合领导", "lead_units": "牵头单位",
        "assist_units": "参与单位", "units_first_leads": "负责单位", "measures": "具体举措", "deadline": "完成时限",
    }
    assert labels.other == ("适用范围",)
    assert labels.role("完成时限") == "deadline" and labels.role("适用范围") is None
    assert labels.assist_word("assist_units") == "参与"


@pytest.mark.parametrize(
    ("structure", "expected"),
    [
        ({}, Structure("有", "分部分", "（一）", "标签行", "标签行")),
        ({"分组": "有", "任务编号": "分组"}, Structure("有", "分组", "1.", "标签行", "标签行", "有")),
        ({"部分": "无"}, Structure("无", "分部分", "一、", "标签行", "标签行")),
        ({"任务编号": "连续"}, Structure("有", "连续", "1.", "标签行", "标签行")),
        ({"任务编号": "连续", "任务序号": "（一）", "分工写法": "括号", "时限写法": "括号"},
         Structure("有", "连续", "（一）", "括号", "括号")),
        ({"部分": "也许"}, Structure()),  # malformed: the schema reports it, the defaults stand in
    ],
)
def test_structure(structure: dict[str, str], expected: Structure) -> None:
    assert from_plan({"结构": structure}).structure == expected


def test_task_level_follows_the_style() -> None:
    assert [Structure(style=s).task_level for s in ("一、", "（一）", "1.")] == [1, 2, 3]


def test_every_preset_names_every_role_distinctly() -> None:
    for name, preset in PRESETS.items():
        assert set(preset) == set(ROLES), name
        assert len(set(preset.values())) == len(ROLES), name


def test_clashing_labels_are_problems() -> None:
    data = {"标签": {"牵头单位": "编号", "配合单位": "负责单位"}, "其他字段": ["配合领导", "范围", "范围"]}
    assert problems(data) == [
        (("标签", "牵头单位"), "标签“编号”与固定键重名，请换一个"),
        (("标签", "负责单位"), "标签“负责单位”已用于“配合单位”"),
        (("其他字段", 0), "其他字段“配合领导”与固定键或标签重名"),
        (("其他字段", 2), "其他字段“范围”重复"),
    ]
    assert problems({"标签": {"时间期限": "完成时限"}}) == []


def test_groups_need_parts_and_tasks_numbered_1() -> None:
    assert from_plan({"结构": {"分组": "有"}}).structure.style == "1."
    assert problems({"结构": {"分组": "有", "部分": "无"}}) == [
        (("结构", "分组"), "“分组: 有”需要“部分: 有”：分组（（一））在部分（一、）之下")]
    assert problems({"结构": {"分组": "有", "任务序号": "（一）"}}) == [
        (("结构", "任务序号"), "有分组时任务序号应为“1.”：“（一）”已是分组的序号")]
    assert problems({"结构": {"任务编号": "分组"}}) == [(("结构", "任务编号"), "“任务编号: 分组”需要“分组: 有”")]


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ({}, True),
        ({"标签": {"时间期限": "完成时限"}, "结构": {"分工写法": "括号"}, "其他字段": ["适用范围"]}, True),
        ({"结构": {"分工写法": "圆括号"}}, False),
        ({"标签": {"时间期限": ["完成时限"]}}, False),
        ({"标签": {"牵头部门": "牵头部门"}}, False),  # not a role name
        ({"其他字段": "适用范围"}, False),
        ({"标签": {"牵头单位": "编号"}}, False),  # a clash
    ],
)
def test_declarations_ok(data: dict[str, object], ok: bool) -> None:
    from casplan.labels import declarations_ok

    assert declarations_ok(data) is ok
