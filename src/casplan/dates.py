"""Dates as people type them on the command line: a day, or a period and which end of it.

`--before 本季度` means up to the quarter's last day, `--after 本季度` from its first:
a period (a month, a quarter, a year) is a range, and each option takes the end
that makes sense for it. Relative words count from `today`, which the caller
passes (`--today DATE`, default the real today), so answers are reproducible.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from casplan.deadline import parse_date

FORMS = "2021-12-31、2021年12月31日、2021-12、2021Q4、今天、本月、本季度、本年、下月、下季度、明年、+30d"


def _quarter(year: int, q: int) -> tuple[date, date]:
    first = date(year, 3 * q - 2, 1)
    last_month = 3 * q
    return first, date(year, last_month, calendar.monthrange(year, last_month)[1])


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + by
    return n // 12, n % 12 + 1


def period(text: str, today: date) -> tuple[date, date] | None:
    """The first and last day `text` names, or None if it names none."""
    text = text.strip()
    day = parse_date(text)
    if day is not None:
        return day, day
    words = {"今天": 0, "今日": 0, "明天": 1, "昨天": -1}
    if text in words:
        d = today + timedelta(days=words[text])
        return d, d
    q = (today.month - 1) // 3 + 1
    if text in ("本月", "这个月"):
        return _month(today.year, today.month)
    if text in ("下月", "下个月"):
        return _month(*_shift_month(today.year, today.month, 1))
    if text in ("上月", "上个月"):
        return _month(*_shift_month(today.year, today.month, -1))
    if text in ("本季度", "本季"):
        return _quarter(today.year, q)
    if text in ("下季度", "下季"):
        return _quarter(today.year + q // 4, q % 4 + 1)
    if text in ("上季度", "上季"):
        return _quarter(today.year - (q == 1), (q - 2) % 4 + 1)
    if text in ("本年", "今年"):
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if text in ("明年", "下一年"):
        return date(today.year + 1, 1, 1), date(today.year + 1, 12, 31)
    if text in ("去年", "上一年"):
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if m := re.fullmatch(r"([+-])(\d{1,5})([dwmy天周月年])", text):
        n = int(m[2]) * (1 if m[1] == "+" else -1)
        unit = m[3]
        if unit in "d天":
            d = today + timedelta(days=n)
        elif unit in "w周":
            d = today + timedelta(weeks=n)
        else:
            months = n if unit in "m月" else 12 * n
            y, mo = _shift_month(today.year, today.month, months)
            d = date(y, mo, min(today.day, calendar.monthrange(y, mo)[1]))
        return d, d
    if m := re.fullmatch(r"(\d{4})\s*[Qq]([1-4])|(\d{4})年第?([一二三四1-4])季度", text):
        year = int(m[1] or m[3])
        quarter = int(m[2]) if m[2] else "一二三四1234".index(m[4]) % 4 + 1
        return _quarter(year, quarter)
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})|(\d{4})年(\d{1,2})月", text):
        year, month = int(m[1] or m[3]), int(m[2] or m[4])
        return _month(year, month) if 1 <= month <= 12 else None
    if m := re.fullmatch(r"(\d{4})年?", text):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    return None


def first_day(text: str, today: date) -> date | None:
    """For --after: where the period `text` begins."""
    found = period(text, today)
    return found[0] if found else None


def last_day(text: str, today: date) -> date | None:
    """For --before: where the period `text` ends."""
    found = period(text, today)
    return found[1] if found else None
