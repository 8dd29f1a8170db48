"""Calendars parsed back with icalendar: events, UIDs stable across runs, reminders, yearly recurrences."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from casplan.deadline import Kind, read_deadline
from casplan.plan import open_plan
from casplan.progress.ics import build, recurrence
from casplan.progress.items import plan_rows

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
