"""casplan.diff.report_text: the golden text report, colour on a terminal only."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from casplan.diff.compare import compare
from casplan.diff.report_text import GREEN, RED, RESET, render, use_colour
from casplan.diff.snapshot import snapshot
from casplan.diff.sources import Side
from diff_helpers import NEW, OLD

GOLDEN = Path(__file__).parent / "golden"


def result():  # type: ignore[no-untyped-def]
    return compare(snapshot(Side("旧版", "目录“old”", OLD)), snapshot(Side("新版", "目录“new”", NEW)))


def test_golden_text(golden: Callable[[Path, str], None]) -> None:
    golden(GOLDEN / "old-new.txt", render(result()))


def test_no_change() -> None:
    same = compare(snapshot(Side("旧版", "HEAD", OLD)), snapshot(Side("新版", "工作区", OLD)))
    assert render(same) == "casplan diff：旧版 HEAD → 新版 工作区\n\n没有改动\n"


def test_colour_marks_deleted_and_inserted_characters() -> None:
    text = render(result(), colour=True)
    assert f"2022年{RED}[-6-]{RESET}{GREEN}{{+9+}}{RESET}月底前完成。" in text
    assert f"{GREEN}新增{RESET} 任务 lab-open" in text
    assert "\x1b[" not in render(result())


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_use_colour_only_on_a_terminal_without_no_color() -> None:
    assert use_colour(_Tty(), env={}) is True
    assert use_colour(_Tty(), env={"NO_COLOR": "1"}) is False
    assert use_colour(_Tty(), env={"NO_COLOR": ""}) is True  # https://no-color.org: set and not empty
    assert use_colour(io.StringIO(), env={}) is False
