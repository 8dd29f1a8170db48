"""casplan.deadlines.dates: calendar arithmetic that returns None instead of raising."""

from __future__ import annotations

from datetime import date

import pytest

from casplan.deadlines import dates


def test_make() -> None:
    assert dates.make(2024, 2) == date(2024, 2, 29)
    assert dates.make(2023, 2) == date(2023, 2, 28)
    assert dates.make(2021, 4, 30) == date(2021, 4, 30)
    assert [dates.make(2021, 4, 31), dates.make(2021, 13), dates.make(2021, 0, 1), dates.make(1899, 1, 1),
            dates.make(2200, 1, 1), dates.make(2021, 1, 0)] == [None] * 6


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [(date(2022, 1, 31), 1, date(2022, 2, 28)), (date(2024, 1, 31), 1, date(2024, 2, 29)),
     (date(2021, 9, 28), 3, date(2021, 12, 28)), (date(2021, 11, 30), 3, date(2022, 2, 28)),
     (date(2021, 9, 28), 12, date(2022, 9, 28)), (date(2024, 2, 29), 12, date(2025, 2, 28))],
)
def test_add_months(start: date, months: int, end: date) -> None:
    assert dates.add_months(start, months) == end


def test_add_days_and_workdays() -> None:
    assert dates.add_days(date(2021, 12, 28), 7) == date(2022, 1, 4)
    assert dates.add_days(date(2199, 12, 31), 1) is None
    assert dates.add_days(date(2021, 1, 1), 10**9) is None
    assert dates.add_workdays(date(2021, 9, 28), 15) == date(2021, 10, 19)  # a Tuesday; weekends skipped
    assert dates.add_workdays(date(2021, 10, 1), 1) == date(2021, 10, 4)  # Friday → Monday
    assert dates.add_workdays(date(2021, 10, 1), 10**6) is None


def test_five_year_plans() -> None:
    assert dates.five_year_plan(14) == (date(2021, 1, 1), date(2025, 12, 31))
    assert dates.five_year_plan(6) == (date(1981, 1, 1), date(1985, 12, 31))
    assert dates.five_year_plan(15) == (date(2026, 1, 1), date(2030, 12, 31))
    assert dates.five_year_plan(3) == (date(1966, 1, 1), date(1970, 12, 31))
    assert dates.five_year_plan(1) == (date(1953, 1, 1), date(1957, 12, 31))
    assert dates.five_year_plan(2) == (date(1958, 1, 1), date(1962, 12, 31))
    assert dates.five_year_plan(0) is None and dates.five_year_plan(41) is None


def test_holidays() -> None:
    assert dates.holiday("春节", 2022) == date(2022, 2, 1)
    assert dates.holiday("春节", 2021) == date(2021, 2, 12)
    assert dates.holiday("春节", 2023) == date(2023, 1, 22)
    assert dates.holiday("春节", 2100) is None
    assert dates.holiday("国庆", 2021) == date(2021, 10, 1)
    assert dates.holiday("元旦", 2022) == date(2022, 1, 1)
    assert dates.holiday("劳动节", 2022) == date(2022, 5, 1)
