"""casplan.fmt: one canonical form — key order, list style, quoting — with every comment kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casplan.fmt import format_text, subitem_order, task_order
from casplan.labels import DEFAULT, from_plan
from casplan.yamlio import parse

ROOT = Path(__file__).resolve().parents[1]
PLANS = [ROOT / "plan", ROOT / "tests" / "data" / "minimal", *sorted((ROOT / "tests" / "data" / "shapes").iterdir())]

ODD = """\
# 头注释
任务:
  # 任务前注释
  - 时间期限: '2021年底前'   # 行尾注释
    编号: "a-b"
    牵头部门:
      - 办公厅
      - 人事局
    协助部门:
      - 学部工作局
      - 等  # 原文如此
    具体举措: >-
      很长的文字
      第二行
    牵头院领导: ["侯建国"]
    截止日期: "2021-12-31"
标题: "部分"
"""

CANONICAL = """\
# 头注释
标题: 部分
任务:
  # 任务前注释
  - 编号: a-b
    牵头院领导: [侯建国]
    牵头部门: [办公厅, 人事局]
    协助部门:
      - 学部工作局
      - 等  # 原文如此
    具体举措: 很长的文字 第二行
    时间期限: 2021年底前     # 行尾注释
    截止日期: '2021-12-31'
"""


def comments(text: str) -> list[str]:
    return sorted(m.group(0).strip() for m in re.finditer(r"#.*$", text, re.M))


def test_odd_file_comes_out_canonical_with_its_comments() -> None:
    out = format_text(ODD, "section")
    assert out == CANONICAL
    assert comments(out) == comments(ODD)
    assert parse(out, "x").data == parse(ODD, "x").data  # the values are untouched


def test_idempotent() -> None:
    once = format_text(ODD, "section")
    assert format_text(once, "section") == once


@pytest.mark.parametrize("root", PLANS, ids=[p.name for p in PLANS])
def test_our_plans_are_canonical(root: Path) -> None:
    labels = from_plan(parse((root / "plan.yaml").read_text(encoding="utf-8"), "plan.yaml").data)
    for path in [root / "plan.yaml", root / "leaders.yaml", root / "departments.yaml", *(root / "sections").glob("*.yaml")]:
        if path.exists():
            kind = path.stem if path.parent == root else "section"
            text = path.read_text(encoding="utf-8")
            assert format_text(text, kind, labels) == text, path


def test_long_text_is_not_folded() -> None:
    text = "标题: 部分\n任务:\n  - 编号: a\n    牵头院领导: [甲]\n    具体举措: " + "很长" * 300 + "\n"
    assert format_text(text, "section") == text


def test_text_with_line_breaks_is_a_literal_block() -> None:
    text = '标题: "上行\\n下行"\n部分: [a.yaml]\n'
    assert format_text(text, "plan") == "标题: |-\n  上行\n  下行\n部分:\n  - a.yaml\n"  # files: one a line


def test_plan_yaml_declarations_come_first_in_the_models_order() -> None:
    text = "标题: 方案\n部分: [a.yaml]\n结构:\n  分工写法: 括号\n  部分: 有\n标签:\n  时间期限: 完成时限\n  牵头单位: 牵头单位\n"
    assert format_text(text, "plan") == (
        "标签:\n  牵头单位: 牵头单位\n  时间期限: 完成时限\n结构:\n  部分: 有\n  分工写法: 括号\n标题: 方案\n部分:\n  - a.yaml\n")


def test_registries() -> None:
    assert format_text("部门:\n  - 别名:\n      - 财务局\n    名称: 条件保障与财务局\n", "departments") == (
        "部门:\n  - 名称: 条件保障与财务局\n    别名: [财务局]\n")
    assert format_text("院领导:\n  - 别名: [侯]\n    姓名: 侯建国\n", "leaders") == "院领导:\n  - 姓名: 侯建国\n    别名: [侯]\n"


def test_key_order_follows_the_plans_labels() -> None:
    labels = from_plan({"标签": {"牵头单位": "牵头单位", "配合单位": "配合单位", "时间期限": "完成时限"},
                        "其他字段": ["适用范围"]})
    assert task_order(labels) == ["编号", "标题", "牵头领导", "配合领导", "牵头单位", "配合单位", "负责单位", "适用范围",
                                  "具体举措", "子项导语", "子项", "完成时限", "截止日期", "分工句式"]
    assert subitem_order(DEFAULT)[:2] == ["编号", "内容"]
    text = "任务:\n  - 完成时限: 2022年\n    适用范围: 全国\n    编号: a\n    牵头单位: [甲]\n"
    assert format_text(text, "section", labels) == "任务:\n  - 编号: a\n    牵头单位: [甲]\n    适用范围: 全国\n    完成时限: 2022年\n"


def test_grouped_section_order() -> None:
    text = "分组:\n  - 任务:\n      - 标题: 做\n        编号: a\n    标题: 组\n标题: 部分\n"
    assert format_text(text, "section") == "标题: 部分\n分组:\n  - 标题: 组\n    任务:\n      - 编号: a\n        标题: 做\n"


def test_own_line_comments_stay_above_their_key_when_keys_move() -> None:
    text = (
        "任务:\n  - 编号: a\n    子项:\n      - 编号: b\n        内容: c\n    # 关于举措\n    具体举措: x\n"
        "    协助部门:\n      - 甲\n      - 乙  # 乙注\n    # 关于标题\n    标题: t\n    牵头院领导: [甲]\n    # 末尾\n"
        "标题: 部分  # 部分注释\n"
    )
    assert format_text(text, "section") == (
        "标题: 部分  # 部分注释\n任务:\n  - 编号: a\n    # 关于标题\n    标题: t\n    牵头院领导: [甲]\n"
        "    协助部门:\n      - 甲\n      - 乙  # 乙注\n    # 关于举措\n    具体举措: x\n"
        "    子项:\n      - 编号: b\n        内容: c\n    # 末尾\n"
    )
