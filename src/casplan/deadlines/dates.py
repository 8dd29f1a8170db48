"""Calendar arithmetic the reader needs; every function returns None rather than raise."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

FIRST_YEAR, LAST_YEAR = 1900, 2199  # a year outside is not one a plan means


def make(year: int, month: int, day: int | None = None) -> date | None:
    """date(year, month, day), the month's last day when day is None; None for no such day."""
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return date(year, month, last)
    return date(year, month, day) if 1 <= day <= last else None


def month_end(year: int, month: int) -> date | None:
    return make(year, month)


def add_months(d: date, months: int) -> date | None:
    """The same day `months` later, or the month's last day when it has no such day (1月31日 + 1个月 → 2月末)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    end = make(year, month + 1)
    return None if end is None else end.replace(day=min(d.day, end.day))


def add_days(d: date, days: int) -> date | None:
    try:
        out = d + timedelta(days=days)
    except OverflowError:
        return None
    return out if FIRST_YEAR <= out.year <= LAST_YEAR else None


def add_workdays(d: date, days: int) -> date | None:
    """`days` working days after d, Monday to Friday (holidays and swapped days are not known)."""
    if days > 10_000:
        return None
    out: date | None = d
    left = days
    while left > 0 and out is not None:
        out = add_days(out, 1)
        if out is not None and out.weekday() < 5:
            left -= 1
    return out


def five_year_plan(n: int) -> tuple[date, date] | None:
    """The years of the Nth five-year plan: 十四五 → 2021-01-01 … 2025-12-31 (from the 三五 of 1966–1970)."""
    if n == 1:
        first, last = 1953, 1957
    elif n == 2:
        first, last = 1958, 1962
    elif 3 <= n <= 40:
        first, last = 1951 + 5 * n, 1955 + 5 * n
    else:
        return None
    return date(first, 1, 1), date(last, 12, 31)


def spring_festival(year: int) -> date | None:
    """正月初一 of `year` (lunardate's tables: 1900–2099)."""
    if not 1900 <= year <= 2099:
        return None
    from lunardate import LunarDate  # type: ignore[import-untyped]

    try:
        solar = LunarDate(year, 1, 1).to_solar_date()
    except ValueError:
        return None
    return date(solar.year, solar.month, solar.day)


def holiday(name: str, year: int) -> date | None:
    """The first day of a holiday in `year`: 元旦 1-1, 劳动节 5-1, 国庆 10-1, 春节 by the lunar calendar."""
    if name == "春节":
        return spring_festival(year)
    month = {"元旦": 1, "劳动节": 5, "国庆": 10}[name]
    return make(year, month, 1)
