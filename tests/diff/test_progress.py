"""casplan.diff.progress: the latest status of each item, when the plan keeps progress records."""

from __future__ import annotations

from pathlib import Path

from casplan.diff.progress import Status, read_statuses
from diff_helpers import NEW, OLD


def test_no_progress_folder_is_none(tmp_path: Path) -> None:
    assert read_statuses(tmp_path) is None


def test_the_later_round_wins() -> None:
    assert read_statuses(OLD) == {"lab-plan": Status("推进中", "2022-06"), "finance-loans": Status("已完成", "2022-06")}
    assert read_statuses(NEW) == {
        "lab-plan": Status("已完成", "2022-09"),
        "finance-loans": Status("已完成", "2022-06"),
        "finance-fund": Status("推进中", "2022-09"),
    }


def test_any_layout_and_a_broken_round(tmp_path: Path) -> None:
    folder = tmp_path / "progress"
    folder.mkdir()
    (folder / "a.yaml").write_text("轮次:\n  条目: [{编号: x, 状态: 未启动}, {编号: y}]\n", encoding="utf-8")
    (folder / "b.yaml").write_text("编号: [unclosed\n", encoding="utf-8")
    (folder / "notes.txt").write_text("编号: x\n状态: 已完成\n", encoding="utf-8")
    assert read_statuses(tmp_path) == {"x": Status("未启动", "a")}
