"""Calendars: one all-day event per dated milestone, with a stable UID and a reminder.

Written to RFC 5545 by the small writer below, line for line what icalendar
would write for the same events (its property order, escaping and folding:
the tests build each calendar with icalendar too and compare the bytes).
Why not icalendar itself: it costs about 1 ms an event (a 10,000-task plan has
over 10,000 events), and a calendar of all-day events needs five kinds of
values. A UID is the item's 编号 and the milestone's place among the item's
dated milestones, so a re-import after a deadline moved updates the event
instead of adding a second one. Recurring milestones that the deadline reader
could place (每年6月底前, 每季度末) recur from their first occurrence; ongoing
ones, and recurring ones with no day to place them (每年评选…), have no date to
put in a calendar and are returned as left out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

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
    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    key = plan_key(plan)
    ical = _Ical(stamp, remind_days)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + text("-//casplan//重点工作分工方案//ZH"),
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             "X-WR-CALNAME:" + text(plan.attachment.title.replace("\n", "") + "时间节点"),
             "X-WR-TIMEZONE:" + text("Asia/Shanghai")]
    left: list[LeftOut] = []
    count = 0
    for row in rows:
        ms = dated(row)
        others = undated(row)
        if not ms and not others:
            continue
        facts = _Facts(row, plan)
        for n, m in enumerate(ms, start=1):
            assert m.date is not None
            ical.event(lines, facts, m, f"{row.id}-{n}@{key}.casplan", m.date, None)
            count += 1
        recurring_n = 0
        for m in others:
            rule = recurrence(m)
            if rule is None or m.first is None:
                left.append(LeftOut(row, m))
                continue
            recurring_n += 1
            ical.event(lines, facts, m, f"{row.id}-r{recurring_n}@{key}.casplan", m.first, rule)
            count += 1
    lines.append("END:VCALENDAR")
    return ("\r\n".join(map(fold, lines)) + "\r\n").encode("utf-8"), count, left


class _Facts:
    """What every event of one item says alike: its summary, lead and assisting units, place."""

    def __init__(self, row: Row, plan: Plan) -> None:
        self.id = row.id
        self.title = title(row)
        self.where = where(row)
        self.lead = units_text(row)
        self.assist = units_text(row, assist=True)
        self.categories = ",".join(text(c) for c in (lead_units(plan, row) or ["未写牵头部门"]))


class _Ical:
    """The VEVENT lines, in icalendar's order: SUMMARY, DTSTART, DTEND, DTSTAMP, UID, RRULE, then by name."""

    def __init__(self, stamp: datetime, remind_days: int) -> None:
        utc = stamp.astimezone(timezone.utc) if stamp.tzinfo is not None else stamp
        self.stamp = "DTSTAMP:" + utc.strftime("%Y%m%dT%H%M%S") + ("Z" if stamp.tzinfo is not None else "")
        self.remind = remind_days
        self.trigger = f"TRIGGER:-P{remind_days}D"

    def event(self, lines: list[str], f: _Facts, m: Milestone, uid_: str, day: date,
              rule: dict[str, object] | None) -> None:
        desc = [f"位置：{f.where}", f"时间期限：{m.clause}", f"牵头部门：{f.lead or '未写'}"]
        if f.assist:
            desc.append(f"协助部门：{f.assist}")
        lines += ["BEGIN:VEVENT", "SUMMARY:" + text(f"{f.id} {f.title}"),
                  "DTSTART;VALUE=DATE:" + _day(day), "DTEND;VALUE=DATE:" + _day(day + timedelta(days=1)),
                  self.stamp, "UID:" + text(uid_)]
        if rule is not None:
            lines.append("RRULE:" + _recur(rule))
        lines += ["CATEGORIES:" + f.categories, "DESCRIPTION:" + text("\n".join(desc)), "TRANSP:TRANSPARENT"]
        if self.remind > 0:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY",
                      "DESCRIPTION:" + text(f"{self.remind} 天后到期：{f.id} {f.title}"), self.trigger, "END:VALARM"]
        lines.append("END:VEVENT")


def _day(d: date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


_RECUR_ORDER = ("freq", "until", "interval", "bymonthday", "bymonth")  # RFC 5545's (and icalendar's) order


def _recur(rule: dict[str, object]) -> str:
    parts = []
    for key in _RECUR_ORDER:
        if key in rule:
            value = rule[key]
            parts.append(f"{key.upper()}={_day(value) if isinstance(value, date) else value}")
    assert len(parts) == len(rule), rule
    return ";".join(parts)


def text(value: str) -> str:
    """An RFC 5545 TEXT value escaped (backslash, semicolon, comma, line breaks as \\n)."""
    return (value.replace(r"\N", "\n").replace("\\", "\\\\").replace(";", r"\;").replace(",", r"\,")
            .replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n"))


LIMIT = 75  # octets


def fold(line: str) -> str:
    """A content line folded before it reaches 75 octets (RFC 5545 3.1), never inside a character.

    As icalendar folds: a new line starts when the next character would bring
    the line to 75 octets or more, and an escape's backslash moves with it.
    """
    if len(line) * 4 < LIMIT or len(line.encode("utf-8")) < LIMIT:
        return line
    out: list[str] = []
    start = 0
    count = 0
    for i, ch in enumerate(line):
        o = ord(ch)
        size = 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
        if i > start and count + size >= LIMIT:
            if i - start > 1 and line[i - 1] in "\\^":
                out.append(line[start:i - 1])
                start = i - 1
                count = len(line[start].encode("utf-8"))
            else:
                out.append(line[start:i])
                start = i
                count = 0
        count += size
    out.append(line[start:])
    return "\r\n ".join(out)
