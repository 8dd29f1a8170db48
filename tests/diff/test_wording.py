"""casplan.diff.wording: the phrases shared by the text and markdown reports."""

from __future__ import annotations

from datetime import date

from casplan.deadline import Kind, Milestone
from casplan.diff.compare import DeadlineChange, NameChange, Shift
from casplan.diff.wording import deadline_lines, milestone, names_line, shift_line, short

DEC, MAR = Milestone(date(2021, 12, 31), Kind.BY_DATE, "2021年底"), Milestone(date(2022, 3, 31), Kind.BY_DATE, "2022年3月底")
ONGOING = Milestone(None, Kind.ONGOING, "持续推进")


def test_names_line() -> None:
    c = NameChange("牵头部门", ("条件保障与财务局",), ("人事局",), ("人事局",), ("条件保障与财务局",), False)
    assert names_line(c) == "牵头部门：条件保障与财务局 → 人事局（增加 人事局；去掉 条件保障与财务局）"
    assert names_line(NameChange("配合院领导", (), ("张明",), ("张明",), (), False)) == "配合院领导：（无） → 张明（增加 张明）"
    assert names_line(NameChange("牵头部门", ("甲", "乙"), ("乙", "甲"), (), (), True)) == "牵头部门：甲、乙 → 乙、甲（顺序调整）"


def test_milestones_and_shifts() -> None:
    assert (milestone(DEC), milestone(ONGOING), milestone(None)) == ("2021-12-31", "持续", "无")
    assert shift_line(Shift(DEC, MAR)) == "2021-12-31 → 2022-03-31，推迟 90 天"
    assert shift_line(Shift(MAR, DEC)) == "2022-03-31 → 2021-12-31，提前 90 天"
    assert shift_line(Shift(ONGOING, DEC)) == "持续 → 2021-12-31"


def test_deadline_lines() -> None:
    one = DeadlineChange("2021年底", "2022年3月底", (), (DEC,), (MAR,), (Shift(DEC, MAR),))
    assert deadline_lines(one) == ["节点：2021-12-31 → 2022-03-31，推迟 90 天"]
    two = DeadlineChange("a", "b", (), (DEC, ONGOING), (MAR,), (Shift(DEC, MAR),))
    assert deadline_lines(two) == ["节点：2021-12-31、持续 → 2022-03-31（推迟）", "  2021-12-31 → 2022-03-31，推迟 90 天"]


def test_short() -> None:
    assert short("一二三四五", 4) == "一二三…" and short("一二\n三", 4) == "一二三"
