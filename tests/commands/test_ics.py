"""`casplan ics`: filters, what it prints, what it leaves out, usage errors."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from progress_data import REPO

PLAN = str(REPO / "plan")


def test_department_calendar(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "人事局.ics"
    result = run_cli("ics", "--plan", PLAN, "--dept", "人事局", "--remind", "3", str(out))
    assert result.exit_code == 0
    assert result.stdout == f"已生成 {out}：15 个日程；4 个没有具体日期的节点未列入（已逐条列出）\n"
    assert result.stderr.splitlines()[0] == "未列入日历（没有具体日期）：flexible-pay  持续  并长期坚持完善"
    cal = Calendar.from_ical(out.read_bytes())
    assert len(cal.walk("VEVENT")) == 15
    assert {str(a["trigger"].to_ical(), "ascii") for a in cal.walk("VALARM")} == {"-P3D"}


def test_leader_calendar(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "x.ics"
    result = run_cli("ics", "--plan", PLAN, "--leader", "侯建国", str(out))
    assert result.stdout == f"已生成 {out}：8 个日程\n"
    assert result.stderr == ""


def test_usage_errors(tmp_path: Path, run_cli) -> None:
    assert run_cli("ics", "--plan", PLAN, str(tmp_path / "x.txt")).stderr == "用法错误：日历文件须为 .ics，而不是“x.txt”\n"
    assert run_cli("ics", "--plan", PLAN, "--remind", "-1", str(tmp_path / "x.ics")).stderr == \
        "用法错误：--remind 不能为负数（0 表示不提醒）\n"
