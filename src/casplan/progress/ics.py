"""Calendars: one all-day event per dated milestone, with a stable UID and a reminder.

Built with icalendar (RFC 5545). A UID is the item's 编号 and the milestone's
place among the item's dated milestones, so a re-import after a deadline
moved updates the event instead of adding a second one. Recurring milestones
that the deadline reader could place (每年6月底前, 每季度末) recur from their
first occurrence; ongoing ones, and recurring ones with no day to place them
(每年评选…), have no date to put in a calendar and are returned as left out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from casplan.deadline import Milestone
from casplan.plan import Plan
from casplan.progress.items import dated, lead_units, title, undated, units_text, where
from casplan.query import Row


@dataclass(frozen=True)
class LeftOut:
    row: Row
    milestone: Milestone


_FREQ = {"year": ("YEARLY", 1), "half-year": ("MONTHLY", 6), "quarter": ("MONTHLY", 3), "month": ("MONTHLY", 1)}


def recurrence(m: Milestone) -> dict[str, object] | None:
    """The RRULE of a recurring milestone the reader placed (每年6月底前 → yearly on June 30), else None.

    The day is the month's last (BYMONTHDAY=-1) unless the plan states one; a
    recurrence bounded by a period (每年… within “十四五”期间) ends there (UNTIL).
    """
    every = m.every
    if every is None or m.first is None:
        return None
    freq, interval = _FREQ[every]
    rule: dict[str, object] = {"freq": freq}
    if interval > 1:
        rule["interval"] = interval
    if freq == "YEARLY":
        rule["bymonth"] = m.first.month
    rule["bymonthday"] = m.day if m.day is not None else -1
    if m.until is not None:
        rule["until"] = m.until
    return rule


def plan_key(plan: Plan) -> str:
    """A short, stable tag of the plan (its attachment's title) so two plans' UIDs never meet."""
    return hashlib.sha1(plan.attachment.title.encode("utf-8")).hexdigest()[:10]


def uid(plan: Plan, row: Row, n: int, recurring: bool = False) -> str:
    return f"{row.id}-{'r' if recurring else ''}{n}@{plan_key(plan)}.casplan"


def build(plan: Plan, rows: list[Row], remind_days: int, stamp: datetime | None = None) -> tuple[bytes, int, list[LeftOut]]:
    """The calendar, how many events it holds, and the milestones left out."""
    cal = Calendar()
    cal.add("prodid", "-//casplan//重点工作分工方案//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", plan.attachment.title.replace("\n", "") + "时间节点")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    left: list[LeftOut] = []
    count = 0
    for row in rows:
        for n, m in enumerate(dated(row), start=1):
            assert m.date is not None
            cal.add_component(_event(plan, row, m, uid(plan, row, n), m.date, stamp, remind_days))
            count += 1
        recurring_n = 0
        for m in undated(row):
            rule = recurrence(m)
            if rule is None or m.first is None:
                left.append(LeftOut(row, m))
                continue
            recurring_n += 1
            event = _event(plan, row, m, uid(plan, row, recurring_n, recurring=True), m.first, stamp, remind_days)
            event.add("rrule", rule)
            cal.add_component(event)
            count += 1
    return cal.to_ical(), count, left


def _event(plan: Plan, row: Row, m: Milestone, uid_: str, day: date, stamp: datetime, remind_days: int) -> Event:
    event = Event()
    event.add("uid", uid_)
    event.add("dtstamp", stamp)
    event.add("summary", f"{row.id} {title(row)}")
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    lead = units_text(row)
    assist = units_text(row, assist=True)
    lines = [f"位置：{where(row)}", f"时间期限：{m.clause}", f"牵头部门：{lead or '未写'}"]
    if assist:
        lines.append(f"协助部门：{assist}")
    event.add("description", "\n".join(lines))
    event.add("categories", lead_units(plan, row) or ["未写牵头部门"])
    event.add("transp", "TRANSPARENT")  # an all-day deadline does not make anyone busy
    if remind_days > 0:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{remind_days} 天后到期：{row.id} {title(row)}")
        alarm.add("trigger", timedelta(days=-remind_days))
        event.add_component(alarm)
    return event
