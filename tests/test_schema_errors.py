"""casplan.schema_errors: each Pydantic error becomes one Chinese line at the right YAML place."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from casplan.model import Departments, Leaders, Notice, Part
from casplan.report import text_line
from casplan.schema_errors import allowed_keys, to_diagnostics
from casplan.yamlio import parse

TASK_KEYS = ["牵头院领导", "配合院领导", "牵头部门", "协助部门", "负责单位", "编号", "标题", "具体举措", "子项导语", "子项",
             "时间期限", "截止日期", "分工句式"]
SUBITEM_KEYS = ["牵头院领导", "配合院领导", "牵头部门", "协助部门", "负责单位", "编号", "内容", "时间期限", "截止日期", "分工句式"]


def diagnose(model: type[BaseModel], text: str) -> list[str]:
    doc = parse(text, "f.yaml")
    with pytest.raises(ValidationError) as info:
        model.model_validate(doc.data)
    # validate sorts; Pydantic's own order is by field, which is not worth pinning
    return [text_line(d) for d in sorted(to_diagnostics(info.value, doc, model), key=lambda d: d.sort_key())]


def section(task: str) -> str:
    """A section file whose only task is `task` (indented as a list item's mapping)."""
    return "标题: 部分\n任务:\n" + "".join(("  - " if i == 0 else "    ") + line + "\n" for i, line in enumerate(task.splitlines()))


# ------------------------------------------------------------------ allowed_keys


@pytest.mark.parametrize(
    ("model", "loc", "keys"),
    [
        (Part, (), ["标题", "任务"]),
        (Part, ("任务", 0), TASK_KEYS),
        (Part, ("任务", 3, "子项", 1), SUBITEM_KEYS),
        (Notice, ("附件",), ["标题", "前言", "部分"]),
        (Leaders, ("院领导", 0), ["姓名", "别名"]),
        (Departments, ("部门", 2), ["名称", "类别", "别名"]),
        (Part, ("标题",), []),  # text, not a mapping
        (Part, ("任务", 0, "牵头部门"), []),
        (Part, ("任务", 0, "无此键"), []),
    ],
)
def test_allowed_keys(model, loc, keys):
    assert allowed_keys(model, loc) == keys


# ------------------------------------------------------------------ one line per error

BASE = "编号: a\n牵头院领导: [侯建国]\n具体举措: 做事。\n"


@pytest.mark.parametrize(
    ("task", "lines"),
    [
        pytest.param(
            "编号: a\n具体举措: 做事。",
            ["f.yaml:3:5: error[missing-key] 缺少必填键“牵头院领导”"],
            id="missing-key",
        ),
        pytest.param(
            BASE + "牵头部: [办公厅]",
            ["f.yaml:6:5: error[unknown-key] 未知键“牵头部”（是否为“牵头部门”或“牵头院领导”？）"],
            id="unknown-key-with-hint",
        ),
        pytest.param(
            BASE + "备注: 无",
            ["f.yaml:6:5: error[unknown-key] 未知键“备注”"],
            id="unknown-key-without-hint",
        ),
        pytest.param(
            BASE + '标题: ""',
            ["f.yaml:6:9: error[empty-value] “标题”的值为空"],
            id="empty-string",
        ),
        pytest.param(
            BASE + '时间期限: "  "',
            ["f.yaml:6:11: error[empty-value] “时间期限”的值为空"],
            id="blank-string",
        ),
        pytest.param(
            BASE + '牵头部门: [办公厅, ""]',
            ["f.yaml:6:17: error[empty-value] “牵头部门”的第 2 项为空"],
            id="empty-list-item",
        ),
        pytest.param(
            "编号: a\n牵头院领导:\n具体举措: 做事。",
            ["f.yaml:4:11: error[empty-value] “牵头院领导”的值为空"],
            id="null-required",
        ),
        pytest.param(
            BASE + "时间期限:",
            ["f.yaml:6:10: error[empty-value] “时间期限”的值为空"],
            id="null-optional",
        ),
        pytest.param(
            BASE + "牵头部门: []",
            ["f.yaml:6:11: error[empty-value] “牵头部门”列表为空"],
            id="empty-list",
        ),
        pytest.param(
            "编号: a\n牵头院领导: [侯建国]\n具体举措: []",
            ["f.yaml:5:11: error[empty-value] “具体举措”列表为空"],
            id="empty-measures",
        ),
        pytest.param(
            "编号: a\n牵头院领导: [侯建国]\n具体举措: [做事。, '']",
            ["f.yaml:5:17: error[empty-value] “具体举措”的第 2 项为空"],
            id="empty-measure-item",
        ),
        pytest.param(
            "编号: a\n牵头院领导: 侯建国\n具体举措: 做事。",
            ["f.yaml:4:12: error[wrong-type] 类型错误：应为列表，实为文字"],
            id="text-for-list",
        ),
        pytest.param(
            BASE + "标题: [一, 二]",
            ["f.yaml:6:9: error[wrong-type] 类型错误：应为文字，实为列表"],
            id="list-for-text",
        ),
        pytest.param(
            BASE + "牵头部门: [办公厅, 2021]",
            ["f.yaml:6:17: error[wrong-type] 类型错误：应为文字，实为数字"],
            id="number-in-list",
        ),
        pytest.param(
            BASE + "标题: true",
            ["f.yaml:6:9: error[wrong-type] 类型错误：应为文字，实为布尔值"],
            id="bool-for-text",
        ),
        pytest.param(
            "编号: a\n牵头院领导: [侯建国]\n具体举措: {措施: 做事}",
            ["f.yaml:5:11: error[wrong-type] 类型错误：应为一段文字或由多段文字组成的列表，实为映射"],
            id="measures-mapping",
        ),
        pytest.param(
            "编号: a\n牵头院领导: [侯建国]\n具体举措: 3",
            ["f.yaml:5:11: error[wrong-type] 类型错误：应为一段文字或由多段文字组成的列表，实为数字"],
            id="measures-number",
        ),
        pytest.param(
            BASE + "截止日期: 2021-9-30",
            ["f.yaml:6:11: error[bad-date] 日期“2021-9-30”无效，应为 YYYY-MM-DD 形式的真实日期"],
            id="bad-date-form",
        ),
        pytest.param(
            BASE + "截止日期: 2021-02-29",
            ["f.yaml:6:11: error[bad-date] 日期“2021-02-29”无效，应为 YYYY-MM-DD 形式的真实日期"],
            id="bad-date-day",
        ),
        pytest.param(
            "编号: 学习通知\n牵头院领导: [侯建国]\n具体举措: 做事。",
            ["f.yaml:3:9: error[bad-id] 编号“学习通知”无效，只能用小写字母、数字和连字符（如 learn-notice）"],
            id="bad-id",
        ),
        pytest.param(
            "编号: a\n牵头院领导: [侯建国]",
            ["f.yaml:3:5: error[missing-key] 任务缺少“具体举措”或“子项”"],
            id="no-work",
        ),
        pytest.param(
            BASE + "子项导语: 提出建议",
            ["f.yaml:3:5: error[missing-key] 有“子项导语”却没有“子项”"],
            id="intro-without-subitems",
        ),
        pytest.param(
            "编号: a\n牵头院领导: [侯建国]\n子项:\n  - 编号: b\n    牵头部门: [人事局]",
            ["f.yaml:6:9: error[missing-key] 缺少必填键“内容”"],
            id="subitem-missing-key",
        ),
        pytest.param(
            "编号: a\n牵头院领导: [侯建国]\n子项:\n  - 编号: b\n    内容: 做事。\n    牵头部: [人事局]",
            ["f.yaml:8:9: error[unknown-key] 未知键“牵头部”（是否为“牵头部门”或“牵头院领导”？）"],
            id="subitem-unknown-key",
        ),
    ],
)
def test_task_errors(task, lines):
    assert diagnose(Part, section(task)) == lines


def test_every_error_of_a_file_is_reported():
    task = "编号: A\n牵头院领导: 侯建国\n具体举措: 做事。\n牵头部: [办公厅]\n截止日期: 2021-13-01"
    assert diagnose(Part, section(task)) == [
        "f.yaml:3:9: error[bad-id] 编号“A”无效，只能用小写字母、数字和连字符（如 learn-notice）",
        "f.yaml:4:12: error[wrong-type] 类型错误：应为列表，实为文字",
        "f.yaml:6:5: error[unknown-key] 未知键“牵头部”（是否为“牵头部门”或“牵头院领导”？）",
        "f.yaml:7:11: error[bad-date] 日期“2021-13-01”无效，应为 YYYY-MM-DD 形式的真实日期",
    ]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        pytest.param(
            "院领导:\n  - 姓名: 侯建国\n    别名: 侯院长",
            ["f.yaml:3:9: error[wrong-type] 类型错误：应为列表，实为文字"],
            id="leaders-aliases",
        ),
        pytest.param(
            "院领导: []",
            ["f.yaml:1:6: error[empty-value] “院领导”列表为空"],
            id="leaders-empty",
        ),
    ],
)
def test_leaders_errors(text, lines):
    assert diagnose(Leaders, text) == lines


def test_bad_value_lists_the_choices_in_chinese():
    assert diagnose(Departments, "部门:\n  - 名称: 人事局\n    类别: 部委\n") == [
        "f.yaml:3:9: error[bad-value] 取值“部委”无效，应为“部门”、“单位”、“集体”之一"
    ]


def test_notice_errors():
    text = "发文机关: x\n发文机关标志: x\n党的机关: 是\n发文号: 1\n标题: x\n主送机关: [x]\n正文: [x]\n署名: x\n成文日期: 2025-15-12\n附件:\n  标题: x\n  部分: [a.yaml]\n"
    assert diagnose(Notice, text) == [
        "f.yaml:3:7: error[wrong-type] 类型错误：应为布尔值（true 或 false），实为文字",
        "f.yaml:4:1: error[unknown-key] 未知键“发文号”（是否为“发文字号”或“发文机关”？）",
        "f.yaml:9:7: error[bad-date] 日期“2025-15-12”无效，应为 YYYY-MM-DD 形式的真实日期",
    ]


class _Other(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    n: int = Field(alias="数量", gt=0)


def test_an_unmapped_error_keeps_pydantics_words_on_one_line():
    assert diagnose(_Other, "数量: 0\n") == ["f.yaml:1:5: error[wrong-type] Input should be greater than 0"]


def test_an_int_type_error():
    assert diagnose(_Other, "数量: 多\n") == ["f.yaml:1:5: error[wrong-type] 类型错误：应为整数，实为文字"]
