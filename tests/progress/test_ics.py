"""Calendars parsed back with icalendar: events, UIDs stable across runs, reminders, yearly recurrences."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Alarm, Calendar, Event, vText

from casplan.deadline import Kind, Milestone, read_deadline
from casplan.plan import Plan, open_plan
from casplan.progress.ics import build, fold, recurrence, text, uid
from casplan.progress.items import dated, lead_units, plan_rows, title, undated, units_text, where
from casplan.query import Row

from progress_data import REPO

STAMP = datetime(2021, 10, 1, tzinfo=timezone.utc)


def events(data: bytes) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_one_all_day_event_per_dated_milestone() -> None:
    plan = open_plan(REPO / "plan")
    data, count, left = build(plan, plan_rows(plan), 7, STAMP)
    found = events(data)
    assert count == len(found) == 44  # the dated milestones, as `casplan due` lists them
    e = found["learn-notice-1@886fba3aa5.casplan"]
    assert str(e["summary"]) == "learn-notice 以党组文件形式印发通知，对全院传达学习和贯彻落实大会精神提出明确要求"
    assert e.decoded("dtstart") == date(2021, 9, 30)
    assert e.decoded("dtend") == date(2021, 10, 1)
    assert str(e["description"]) == "位置：一、（一）\n时间期限：2021年9月底前完成\n牵头部门：办公厅"
    (alarm,) = e.walk("VALARM")
    assert alarm.decoded("trigger") == timedelta(days=-7)
    # Ongoing, yearly-without-a-day and set-by-others milestones are left out, each listed.
    assert ("role-models", Kind.YEARLY) in {(x.row.id, x.milestone.kind) for x in left}
    assert all(x.milestone.date is None for x in left)


def test_two_milestones_of_one_task_have_two_uids() -> None:
    plan = open_plan(REPO / "plan")
    found = events(build(plan, plan_rows(plan), 7, STAMP)[0])
    spirit = sorted((uid, e.decoded("dtstart")) for uid, e in found.items() if uid.startswith("spirit-bases-"))
    assert spirit == [("spirit-bases-1@886fba3aa5.casplan", date(2021, 12, 31)),
                      ("spirit-bases-2@886fba3aa5.casplan", date(2022, 12, 31))]


def test_uids_are_stable_and_survive_a_moved_deadline(tmp_path: Path) -> None:
    import shutil

    plan_dir = tmp_path / "plan"
    shutil.copytree(REPO / "plan", plan_dir)
    plan = open_plan(plan_dir)
    first = events(build(plan, plan_rows(plan), 7)[0])
    again = events(build(plan, plan_rows(plan), 7)[0])
    assert list(first) == list(again)
    section = plan_dir / "sections" / "01-学习部署.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("2021年9月底前完成。", "2021年10月底前完成。", 1),
                       encoding="utf-8")
    moved = open_plan(plan_dir)
    after = events(build(moved, plan_rows(moved), 7)[0])
    assert set(after) == set(first)
    assert after["learn-notice-1@886fba3aa5.casplan"].decoded("dtstart") == date(2021, 10, 31)


def test_no_reminder() -> None:
    plan = open_plan(REPO / "plan")
    data = build(plan, plan_rows(plan)[:1], 0, STAMP)[0]
    assert b"VALARM" not in data


@pytest.mark.parametrize(("text", "rule"), [
    ("每年6月底前报送", {"freq": "YEARLY", "bymonth": 6, "bymonthday": -1}),  # -1: the month's last day
    ("每年3月15日前召开", {"freq": "YEARLY", "bymonth": 3, "bymonthday": 15}),
    ("每季度末报送进展", {"freq": "MONTHLY", "interval": 3, "bymonthday": -1}),
    ("每月10日前报送", {"freq": "MONTHLY", "bymonthday": 10}),
    ("“十四五”期间每年6月底前报送", {"freq": "YEARLY", "bymonth": 6, "bymonthday": -1, "until": date(2025, 12, 31)}),
    ("每年评选产生中科院年度人物和年度团队", None),  # no day to place it
])
def test_recurrence(text: str, rule: dict[str, object] | None) -> None:
    (m,) = [m for m in read_deadline(text, date(2021, 9, 28)) if m.kind is not Kind.ONGOING]
    assert recurrence(m) == rule


def test_recurring_milestone_in_the_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """A recurring milestone the reader placed recurs from its first occurrence; its UID is marked r."""
    plan = open_plan(REPO / "plan")
    row = next(r for r in plan_rows(plan) if r.id == "role-models")
    (yearly,) = read_deadline("每年6月底前评选", date(2021, 9, 28))
    monkeypatch.setattr(type(row), "milestones", lambda self: [yearly])
    data, count, left = build(plan, [row], 7, STAMP)
    (e,) = events(data).values()
    assert str(e["uid"]) == "role-models-r1@886fba3aa5.casplan"
    assert e.decoded("dtstart") == date(2022, 6, 30)  # the first after the plan's 成文日期 2021-09-28
    assert e["rrule"].to_ical() == b"FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=6"
    assert (count, left) == (1, [])


# ---------------------------------------------------------------- the writer is icalendar's output, byte for byte

SHAPES = [REPO / "plan", *sorted((REPO / "tests" / "data" / "shapes").iterdir()), REPO / "tests" / "data" / "progress" / "city",
          REPO / "tests" / "data" / "minimal"]


def _by_icalendar(plan: Plan, rows: list[Row], remind: int, stamp: datetime) -> bytes:
    """The same calendar built with icalendar's own components (what casplan wrote before its own writer)."""
    cal = Calendar()
    for key, value in (("prodid", "-//casplan//重点工作分工方案//ZH"), ("version", "2.0"), ("calscale", "GREGORIAN"),
                       ("method", "PUBLISH"), ("x-wr-calname", plan.attachment.title.replace("\n", "") + "时间节点"),
                       ("x-wr-timezone", "Asia/Shanghai")):
        cal.add(key, value)

    def event(row: Row, m: Milestone, uid_: str, day: date) -> Event:
        e = Event()
        e.add("uid", uid_)
        e.add("dtstamp", stamp)
        e.add("summary", f"{row.id} {title(row)}")
        e.add("dtstart", day)
        e.add("dtend", day + timedelta(days=1))
        lines = [f"位置：{where(row)}", f"时间期限：{m.clause}", f"牵头部门：{units_text(row) or '未写'}"]
        if units_text(row, assist=True):
            lines.append(f"协助部门：{units_text(row, assist=True)}")
        e.add("description", "\n".join(lines))
        e.add("categories", lead_units(plan, row) or ["未写牵头部门"])
        e.add("transp", "TRANSPARENT")
        if remind > 0:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{remind} 天后到期：{row.id} {title(row)}")
            alarm.add("trigger", timedelta(days=-remind))
            e.add_component(alarm)
        return e

    for row in rows:
        for n, m in enumerate(dated(row), start=1):
            assert m.date is not None
            cal.add_component(event(row, m, uid(plan, row, n), m.date))
        r = 0
        for m in undated(row):
            rule = recurrence(m)
            if rule is not None and m.first is not None:
                r += 1
                e = event(row, m, uid(plan, row, r, recurring=True), m.first)
                e.add("rrule", rule)
                cal.add_component(e)
    return bytes(cal.to_ical())


@pytest.mark.parametrize("folder", SHAPES, ids=lambda p: p.name)
@pytest.mark.parametrize("remind", [7, 0, 30])
def test_same_bytes_as_icalendar(folder: Path, remind: int) -> None:
    plan = open_plan(folder)
    rows = plan_rows(plan)
    ours, count, _ = build(plan, rows, remind, STAMP)
    assert ours == _by_icalendar(plan, rows, remind, STAMP)
    assert ours.count(b"BEGIN:VEVENT") == count


def test_same_bytes_for_recurrences_and_escapes() -> None:
    """Recurrence rules (with UNTIL and INTERVAL), text with , ; \\ and line breaks, long lines folded at backslashes."""
    plan = open_plan(REPO / "plan")
    texts = ["每年6月底前报送", "每季度末报送进展", "“十四五”期间每年6月底前报送", "每月10日前报送", "2021年底前完成", "“十四五”期间每季度末报送"]
    rows = [replace(row, deadline=t, due=None) for row, t in zip(plan_rows(plan), texts)]
    odd = "甲,乙;丙\\丁\n戊" + "\\" * 40 + "a;b,c" * 20 + "；".join(["汉字"] * 30)
    rows[0] = replace(rows[0], text=odd)
    ours, count, _ = build(plan, rows, 7, STAMP)
    assert count == 6
    assert b"RRULE:FREQ=YEARLY;UNTIL=20251231;BYMONTHDAY=-1;BYMONTH=6" in ours
    assert b"RRULE:FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1\r\n" in ours
    assert b"RRULE:FREQ=MONTHLY;UNTIL=20251231;INTERVAL=3;BYMONTHDAY=-1" in ours
    assert ours == _by_icalendar(plan, rows, 7, STAMP)


@pytest.mark.parametrize("line", [
    "", "a" * 74, "a" * 75, "a" * 200, "汉" * 24, "汉" * 25, "汉" * 100, "a" + "汉" * 40, "ab" + "汉" * 40,
    "\\" * 150, "a" * 73 + "\\n" + "b" * 80, "汉" * 24 + "\\," + "字" * 30, "a^" * 60, "😀" * 40, "é" * 80,
])
def test_fold_as_icalendar_folds(line: str) -> None:
    e = Event()
    e.add("x-line", vText(line))
    expected = e.to_ical().decode("utf-8").split("\r\n")[1:-2]
    assert fold("X-LINE:" + text(line)).split("\r\n") == expected
