"""Calendars: one all-day event per dated milestone, with a stable UID and a reminder.

Built with icalendar (RFC 5545). A UID is the item's 编号 and the milestone's
place among the item's dated milestones, so a re-import after a deadline
moved updates the event instead of adding a second one. Yearly milestones
recur each year on the plan's stated day (每年6月底前 → June 30); ongoing
ones and yearly ones with no stated day have no date to put in a calendar and
are returned as left out.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from casplan.deadline import Milestone, normalize
from casplan.plan import Plan
from casplan.progress.items import dated, is_yearly, lead_units, title, undated, units_text, where
from casplan.query import Row


@dataclass(frozen=True)
class LeftOut:
    row: Row
    milestone: Milestone


def yearly_day(m: Milestone) -> tuple[int, int] | None:
    """(month, day) of a yearly milestone that states one: 每年6月底前 → (6, 30); 每年3月15日 → (3, 15)."""
    text = normalize(m.clause)
    found = re.search(r"每年(?:的)?(\d{1,2})月(?:(\d{1,2})日|(上旬|中旬|下旬)|底|末)?", text)
    if found is None:
        return None
    month = int(found[1])
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(2001, month)[1]  # a common year: 2月 ends on the 28th
    if found[2]:
        day = int(found[2])
        return (month, day) if 1 <= day <= last else None
    return month, {"上旬": 10, "中旬": 20}.get(found[3] or "", last)


def plan_key(plan: Plan) -> str:
    """A short, stable tag of the plan (its attachment's title) so two plans' UIDs never meet."""
    return hashlib.sha1(plan.notice.attachment.title.encode("utf-8")).hexdigest()[:10]


def uid(plan: Plan, row: Row, n: int, yearly: bool = False) -> str:
    return f"{row.id}-{'y' if yearly else ''}{n}@{plan_key(plan)}.casplan"


def build(plan: Plan, rows: list[Row], remind_days: int, stamp: datetime | None = None) -> tuple[bytes, int, list[LeftOut]]:
    """The calendar, how many events it holds, and the milestones left out."""
    cal = Calendar()
    cal.add("prodid", "-//casplan//重点工作分工方案//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", plan.notice.attachment.title.replace("\n", "") + "时间节点")
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    left: list[LeftOut] = []
    count = 0
    for row in rows:
        for n, m in enumerate(dated(row), start=1):
            assert m.date is not None
            cal.add_component(_event(plan, row, m, uid(plan, row, n), m.date, stamp, remind_days))
            count += 1
        yearly_n = 0
        for m in undated(row):
            day = yearly_day(m) if is_yearly(m) else None
            if day is None:
                left.append(LeftOut(row, m))
                continue
            yearly_n += 1
            first = _first_yearly(plan, *day)
            event = _event(plan, row, m, uid(plan, row, yearly_n, yearly=True), first, stamp, remind_days)
            event.add("rrule", {"freq": "yearly", "bymonth": day[0], "bymonthday": day[1]})
            cal.add_component(event)
            count += 1
    return cal.to_ical(), count, left


def _first_yearly(plan: Plan, month: int, day: int) -> date:
    """The first occurrence on or after the plan's 成文日期."""
    issued = date.fromisoformat(plan.notice.date)
    first = date(issued.year, month, day)
    return first if first >= issued else date(issued.year + 1, month, day)


def _event(plan: Plan, row: Row, m: Milestone, uid_: str, day: date, stamp: datetime, remind_days: int) -> Event:
    event = Event()
    event.add("uid", uid_)
    event.add("dtstamp", stamp)
    event.add("summary", f"{row.id} {title(row)}")
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    lead = units_text(row)
    assist = units_text(row, "协助部门")
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
