"""What one time token names: its first and last day, a recurrence's place in its period, a count of time.

Pure functions of a token (and a year): the reader decides which year and what the span means.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casplan.deadlines import dates
from casplan.deadlines.lexer import Token
from casplan.deadlines.milestone import Kind
from casplan.deadlines.numerals import number

Day = date  # a field named `date` would hide the type inside a class body


@dataclass
class Span:
    start: Day
    end: Day
    explicit: bool  # the words give the year (or a five-year plan)
    contextual: bool  # the year came from the context date
    approximate: bool = False
    note: str | None = None


def year_only(t: Token) -> bool:
    """A token that names a year and nothing in it: 2022年."""
    return t.kind == "point" and set(t.groups) <= {"y", "ry"}


QUARTERS = {"1": 1, "2": 2, "3": 3, "4": 4, "一": 1, "二": 2, "三": 3, "四": 4}
STEP = {Kind.YEARLY: 12, Kind.HALF_YEARLY: 6, Kind.QUARTERLY: 3, Kind.MONTHLY: 1}


def count(t: Token) -> tuple[int, str] | None:
    """(n, unit) of a duration token, in months for 年/月, days for 周, the latest end of a range (3至5年 → 5)."""
    unit = t.groups["unit"]
    values: list[int] = []
    for name in ("n1", "n2"):
        raw = t.get(name)
        if raw is None:
            continue
        if raw == "半":
            if unit not in ("年", "月"):
                return None
            values.append(6 if unit == "年" else 15)
            unit = "月" if unit == "年" else "日"
            continue
        n = number(raw)
        if n is None or n <= 0 or n > 1000:
            return None
        values.append(n * 12 if unit == "年" else n * 7 if unit in ("周", "星期") else n)
    if not values:
        return None
    if unit == "年":
        return max(values), "年"
    if unit in ("周", "星期", "天", "日", "自然日"):
        return max(values), "日"
    return max(values), unit


def body(t: Token, y: int) -> Span | None:
    """The start and end a point token names in year y."""
    g = t.groups
    approximate, note = False, None
    if "q" in g:
        q = QUARTERS[g["q"]]
        start, end = dates.make(y, 3 * q - 2, 1), dates.make(y, 3 * q)
        if g.get("qp") == "初":
            end, approximate, note = dates.make(y, 3 * q - 2), True, "季初按该季第一个月底"
    elif "season" in g:
        # 春季 3—5月, 夏季 6—8月, 秋季 9—11月, 冬季 12月—次年2月: by the season's last month.
        first = {"春": 3, "夏": 6, "秋": 9, "冬": 12}[g["season"]]
        start, end = dates.make(y, first, 1), dates.make(y + (1 if first == 12 else 0), (first + 2 - 1) % 12 + 1)
        approximate, note = True, f"{g['season']}季按其最后一个月底"
    elif "h" in g:
        start, end = (dates.make(y, 1, 1), dates.make(y, 6)) if g["h"] == "上" else (dates.make(y, 7, 1), dates.make(y, 12))
    elif "m" in g:
        month = number(g["m"])
        if month is None:
            return None
        start, end = dates.make(y, month, 1), dates.make(y, month)
        if "d" in g:
            day = number(g["d"])
            start = end = None if day is None else dates.make(y, month, day)
        elif "x" in g:
            first, last = {"上": (1, 10), "中": (11, 20), "下": (21, None)}[g["x"]]
            start, end = dates.make(y, month, first), dates.make(y, month, last)
        elif g.get("mp") in ("初", "中"):
            end = dates.make(y, month, 10 if g["mp"] == "初" else 15)
            approximate, note = True, "月初按10日" if g["mp"] == "初" else "月中按15日"
    else:
        start, end = dates.make(y, 1, 1), dates.make(y, 12)
        if g.get("yp") == "初":
            end, approximate, note = dates.make(y, 3), True, "年初按一季度末"
        elif g.get("yp") == "中":
            end, approximate, note = dates.make(y, 6), True, "年中按6月30日"
    if start is None or end is None:
        return None
    return Span(start, end, False, False, approximate, note)


def position_in_year(t: Token) -> tuple[tuple[int, int | None] | None, bool, str | None]:
    """(month, day) in the year that a recurrence's position names, approximate, note.

    每年2月底 → (2, None): None is the month's last day, so 2月底 is the 29th in a leap year.
    """
    span = body(t, 2000)  # a leap year: 每年2月29日 keeps its day
    if span is None:
        return None, False, None
    g = t.groups
    at_month_end = "d" not in g and g.get("x") in (None, "下") and g.get("mp") not in ("初", "中") \
        and g.get("yp") not in ("初", "中")
    return (span.end.month, None if at_month_end else span.end.day), span.approximate, span.note


def first_occurrence(kind: Kind, position: tuple[int, int | None], anchor: date) -> date | None:
    """The first occurrence on or after `anchor` of a recurrence at `position` (month within its period, day)."""
    step = STEP[kind]
    month_in, day = position
    for year in (anchor.year, anchor.year + 1):
        for month in range((month_in - 1) % step + 1, 13, step):
            last = dates.make(year, month)
            if last is None:
                return None
            candidate = last if day is None else last.replace(day=min(day, last.day))
            if candidate >= anchor:
                return candidate
    return None
