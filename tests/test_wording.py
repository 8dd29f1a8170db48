"""casplan.wording: labelled lines or a parenthesis, rendered back as the source wrote them."""

from __future__ import annotations

from typing import Any

import pytest

from casplan.labels import from_plan
from casplan.wording import deadline_line, field_lines, names_text, parenthesis

GUOWUYUAN = {"标签": {"牵头单位": "牵头单位", "配合单位": "配合单位", "时间期限": "完成时限"}}


def labels(units: str, deadline: str = "标签行", other: list[str] | None = None) -> Any:
    return from_plan({**GUOWUYUAN, "其他字段": other or [], "结构": {"分工写法": units, "时限写法": deadline}})


def test_names_text() -> None:
    assert names_text(["学部工作局", "发展规划局", "等"]) == "学部工作局、发展规划局等"
    assert names_text(None) == "" and names_text("全国") == "全国"


@pytest.mark.parametrize(
    ("work", "expected"),
    [
        ({"牵头单位": ["科技部"], "配合单位": ["财政部", "教育部"]}, "（科技部牵头，财政部、教育部配合）"),
        ({"牵头单位": ["科技部"]}, "（科技部牵头）"),
        ({"负责单位": ["人力资源社会保障部", "财政部"]}, "（人力资源社会保障部、财政部负责）"),
        ({"牵头单位": ["科技部"], "分工句式": "{牵头单位}会同有关部门负责"}, "（科技部会同有关部门负责）"),
        ({"负责单位": ["各省级人民政府"], "分工句式": "{负责单位}按职责分工负责"}, "（各省级人民政府按职责分工负责）"),
        ({"牵头单位": ["科技部", "国家发展改革委"], "配合单位": ["教育部", "中科院", "等"],
          "分工句式": "{牵头单位}牵头，{配合单位}按职责分工负责"},
         "（科技部、国家发展改革委牵头，教育部、中科院等按职责分工负责）"),
        ({}, ""),
    ],
)
def test_parenthesis(work: dict[str, Any], expected: str) -> None:
    assert parenthesis(work, labels("括号")) == expected


def test_deadline_inside_the_parenthesis() -> None:
    work = {"牵头单位": ["科技部"], "完成时限": "2022年底前完成"}
    assert parenthesis(work, labels("括号", "括号")) == "（科技部牵头，2022年底前完成）"
    assert parenthesis(work, labels("括号")) == "（科技部牵头）"
    assert deadline_line(labels("括号")) and not deadline_line(labels("括号", "括号"))
    assert deadline_line(labels("标签行", "括号"))  # the labelled layout prints every field on its line


def test_labelled_parenthesis_carries_fields_with_no_role() -> None:
    work = {"牵头单位": ["发展改革委"], "适用范围": "东部地区", "完成时限": "2023年"}
    lab = labels("括号标签", "括号", other=["适用范围"])
    assert parenthesis(work, lab) == "（牵头单位：发展改革委；适用范围：东部地区；完成时限：2023年）"
    assert field_lines(work, lab) == []


def test_field_lines_by_layout() -> None:
    work = {"牵头领导": ["张三"], "牵头单位": ["科技部"], "适用范围": "全国"}
    assert field_lines(work, labels("标签行", other=["适用范围"])) == [
        ("牵头领导", "张三"), ("牵头单位", "科技部"), ("适用范围", "全国")]
    assert field_lines(work, labels("括号", other=["适用范围"])) == [("牵头领导", "张三"), ("适用范围", "全国")]
    assert parenthesis(work, labels("标签行")) == ""


def test_tables_per_part_with_only_the_columns_the_plan_uses() -> None:
    from casplan.wording import tables

    lab = from_plan({**GUOWUYUAN, "结构": {"表格": "分部分", "任务列": "重点任务"}})
    parts = [
        {"标题": "甲", "分组": None, "任务": [{"标题": "做一", "牵头单位": ["科技部"], "完成时限": "2023年", "子项": None}]},
        {"标题": "乙", "分组": None, "任务": [{"标题": "做二", "牵头单位": ["教育部"], "配合单位": ["财政部", "等"],
                                             "子项": [{"内容": "细项", "牵头单位": ["财政部"]}]}]},
    ]
    assert tables(parts, lab, "重点任务") == [
        {"序号": 1, "标题": "甲", "表头": ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
         "行": [["1", "做一", "科技部", "", "2023年"]]},
        {"序号": 2, "标题": "乙", "表头": ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
         "行": [["1", "做二", "教育部", "财政部等", ""], ["", "（1）细项", "财政部", "", ""]]},
    ]
    whole = from_plan({**GUOWUYUAN, "结构": {"表格": "全文", "任务编号": "连续"}})
    (table,) = tables(parts, whole)
    assert table["标题"] is None and [row[0] for row in table["行"]] == ["一、甲", "1", "二、乙", "2", ""]
