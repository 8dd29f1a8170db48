"""The round file's model and the status vocabulary."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from casplan.progress.model import ENTRY_KEYS, STATUSES, Round, status_problem


def test_vocabulary_is_declared_once_in_order() -> None:
    assert STATUSES == ("未启动", "推进中", "已完成", "暂缓", "取消（经批准）")


def test_a_round() -> None:
    r = Round.model_validate({"名称": "2021年第四季度", "报送截止": "2021-12-31",
                              "条目": [{"编号": "x", "状态": "推进中", "佐证材料": ["a"]}]})
    assert (r.name, r.date, r.entries[0].evidence) == ("2021年第四季度", "2021-12-31", ["a"])


def test_entry_keys_are_the_documented_labels() -> None:
    assert ENTRY_KEYS == ("编号", "节点", "状态", "进展", "完成日期", "报送单位", "佐证材料", "下步计划", "问题和困难", "延期原因")


@pytest.mark.parametrize("data", [
    {"名称": "x", "报送截止": "2021-12-32"},
    {"名称": "x", "报送截止": "2021-12-31", "条目": [{"编号": "x"}]},
    {"名称": "x", "报送截止": "2021-12-31", "条目": [{"编号": "x", "状态": "推进中", "逾期": True}]},
    {"名称": "", "报送截止": "2021-12-31"},
])
def test_invalid_rounds(data: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Round.model_validate(data)


def test_status_problem() -> None:
    assert status_problem("推进中") is None
    assert status_problem("进行中") == "未知状态“进行中”（是否为“推进中”？）"
    assert status_problem("未报送") == ("“未报送”由 casplan 根据时间节点算出，不用填写；"
                                      "请填写实际状态（未启动、推进中、已完成、暂缓、取消（经批准））")
