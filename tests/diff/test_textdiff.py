"""casplan.diff.textdiff: character-level diffs for text without spaces."""

from __future__ import annotations

from casplan.diff.textdiff import char_diff, plain, trimmed, visible


def test_changed_characters_not_whole_lines() -> None:
    ops = char_diff("2021年年底前启动首批试点。", "2022年3月底前启动首批试点。")
    assert ops == (("-", "2021年年"), ("+", "2022年3月"), ("=", "底前启动首批试点。"))
    assert plain(ops) == "[-2021年年-]{+2022年3月+}底前启动首批试点。"


def test_insertion_and_deletion() -> None:
    assert char_diff("建立人才服务专员制度", "建立人才服务专员和绿色通道制度") == (
        ("=", "建立人才服务专员"), ("+", "和绿色通道"), ("=", "制度"),
    )
    assert char_diff("请结合实际认真落实", "请认真落实") == (("=", "请"), ("-", "结合实际"), ("=", "认真落实"))
    assert char_diff("", "新") == (("+", "新"),)
    assert char_diff("旧", "") == (("-", "旧"),)


def test_a_short_common_run_between_changes_is_folded() -> None:
    """的 shared by two different phrases does not split the replacement in two."""
    ops = char_diff("加强党的领导", "完善制度的建设")
    assert [tag for tag, _ in ops].count("=") <= 1
    assert "".join(t for tag, t in ops if tag != "+") == "加强党的领导"
    assert "".join(t for tag, t in ops if tag != "-") == "完善制度的建设"


def test_trimmed_keeps_context_around_changes() -> None:
    old = "甲" * 30 + "乙" + "丙" * 30 + "丁" + "戊" * 30
    new = "甲" * 30 + "己" + "丙" * 30 + "庚" + "戊" * 30
    assert plain(trimmed(char_diff(old, new), context=3)) == (
        "…甲甲甲[-乙-]{+己+}丙丙丙…丙丙丙[-丁-]{+庚+}戊戊戊…"
    )
    assert trimmed(char_diff("同", "同")) == ()


def test_visible_line_breaks() -> None:
    assert visible("关于印发\n《方案》的通知") == "关于印发↵《方案》的通知"
