from datetime import date

import pytest

from casplan.dates import first_day, last_day, period

TODAY = date(2021, 11, 15)


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2021-12-31", "2021-12-31", "2021-12-31"),
    ("2021年12月31日", "2021-12-31", "2021-12-31"),
    ("今天", "2021-11-15", "2021-11-15"),
    ("本月", "2021-11-01", "2021-11-30"),
    ("下月", "2021-12-01", "2021-12-31"),
    ("本季度", "2021-10-01", "2021-12-31"),
    ("下季度", "2022-01-01", "2022-03-31"),
    ("上季度", "2021-07-01", "2021-09-30"),
    ("本年", "2021-01-01", "2021-12-31"),
    ("明年", "2022-01-01", "2022-12-31"),
    ("2021Q4", "2021-10-01", "2021-12-31"),
    ("2022q1", "2022-01-01", "2022-03-31"),
    ("2021年第三季度", "2021-07-01", "2021-09-30"),
    ("2021-12", "2021-12-01", "2021-12-31"),
    ("2022-02", "2022-02-01", "2022-02-28"),
    ("2021年6月", "2021-06-01", "2021-06-30"),
    ("2022", "2022-01-01", "2022-12-31"),
    ("+30d", "2021-12-15", "2021-12-15"),
    ("-15d", "2021-10-31", "2021-10-31"),
    ("+2w", "2021-11-29", "2021-11-29"),
    ("+3m", "2022-02-15", "2022-02-15"),
    ("+1y", "2022-11-15", "2022-11-15"),
])
def test_periods_relative_to_today(text: str, first: str, last: str) -> None:
    assert period(text, TODAY) == (date.fromisoformat(first), date.fromisoformat(last))
    assert first_day(text, TODAY) == date.fromisoformat(first)
    assert last_day(text, TODAY) == date.fromisoformat(last)


def test_the_quarter_after_the_last_is_next_year() -> None:
    assert period("下季度", date(2021, 12, 31)) == (date(2022, 1, 1), date(2022, 3, 31))
    assert period("上季度", date(2021, 2, 1)) == (date(2020, 10, 1), date(2020, 12, 31))
    assert period("+1m", date(2021, 1, 31)) == (date(2021, 2, 28), date(2021, 2, 28))


@pytest.mark.parametrize("text", ["后年", "2021-13", "2021Q5", "30d", "本周末", ""])
def test_what_names_no_day_is_none(text: str) -> None:
    assert period(text, TODAY) is None
