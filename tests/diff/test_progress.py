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


def test_any_layout_a_broken_round_and_milestones(tmp_path: Path) -> None:
    folder = tmp_path / "进展"
    folder.mkdir()
    (folder / "a.yaml").write_text("轮次:\n  条目: [{编号: x, 状态: 未启动}, {编号: y}]\n", encoding="utf-8")
    (folder / "b.yaml").write_text("编号: [unclosed\n", encoding="utf-8")
    (folder / "notes.txt").write_text("编号: x\n状态: 已完成\n", encoding="utf-8")
    (folder / "z-early.yaml").write_text(
        "名称: 早\n报送截止: 2021-01-31\n条目:\n  - {编号: x, 状态: 推进中}\n  - {编号: m, 节点: 2021-12-31, 状态: 已完成}\n",
        encoding="utf-8",
    )
    # z-early's 报送截止 comes first: a.yaml (no date) sorts before it, so a.yaml wins only over nothing
    assert read_statuses(tmp_path) == {"x": Status("推进中", "z-early"), "m（2021-12-31）": Status("已完成", "z-early")}
