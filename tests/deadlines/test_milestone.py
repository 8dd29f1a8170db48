"""casplan.deadlines.milestone: kinds, occurrences of recurrences, records."""

from __future__ import annotations

from datetime import date

from casplan.deadlines.milestone import Kind, Milestone


def test_every() -> None:
    assert [k.every for k in (Kind.YEARLY, Kind.HALF_YEARLY, Kind.QUARTERLY, Kind.MONTHLY, Kind.BY_DATE)] == [
        "year", "half-year", "quarter", "month", None
    ]


def test_yearly_at_a_month_end_follows_leap_years() -> None:
    m = Milestone(None, Kind.YEARLY, "每年2月底前", first=date(2020, 2, 29))
    assert list(m.occurrences(date(2020, 1, 1), date(2024, 12, 31))) == [
        date(2020, 2, 29), date(2021, 2, 28), date(2022, 2, 28), date(2023, 2, 28), date(2024, 2, 29)
    ]


def test_quarterly_ends_are_each_quarters_last_day() -> None:
    m = Milestone(None, Kind.QUARTERLY, "每季度末", first=date(2021, 9, 30))
    assert list(m.occurrences(date(2021, 10, 1), date(2022, 6, 30))) == [
        date(2021, 12, 31), date(2022, 3, 31), date(2022, 6, 30)
    ]


def test_monthly_day_is_kept_or_the_month_end() -> None:
    m = Milestone(None, Kind.MONTHLY, "每月31日前", first=date(2022, 1, 31), day=31)
    assert list(m.occurrences(None, date(2022, 4, 30))) == [
        date(2022, 1, 31), date(2022, 2, 28), date(2022, 3, 31), date(2022, 4, 30)
    ]
    m10 = Milestone(None, Kind.MONTHLY, "每月10日前", first=date(2021, 10, 10), day=10)
    assert list(m10.occurrences(date(2021, 11, 1), date(2022, 1, 31))) == [
        date(2021, 11, 10), date(2021, 12, 10), date(2022, 1, 10)
    ]


def test_without_an_end_only_the_next_occurrence() -> None:
    m = Milestone(None, Kind.HALF_YEARLY, "每半年末", first=date(2021, 12, 31))
    assert list(m.occurrences(date(2022, 1, 1))) == [date(2022, 6, 30)]
    assert list(m.occurrences()) == [date(2021, 12, 31)]


def test_until_ends_a_recurrence() -> None:
    m = Milestone(None, Kind.YEARLY, "“十四五”期间每年12月底前", first=date(2021, 12, 31), until=date(2025, 12, 31))
    assert list(m.occurrences(None, date(2030, 1, 1))) == [date(y, 12, 31) for y in range(2021, 2026)]
    assert list(m.occurrences()) == [date(y, 12, 31) for y in range(2021, 2026)]


def test_no_occurrences_without_a_first_one() -> None:
    assert list(Milestone(None, Kind.YEARLY, "每年").occurrences(None, date(2030, 1, 1))) == []
    assert list(Milestone(date(2021, 1, 1), Kind.BY_DATE, "x").occurrences(None, date(2030, 1, 1))) == []


def test_record() -> None:
    m = Milestone(date(2025, 12, 31), Kind.PERIOD, "“十四五”期间", start=date(2021, 1, 1))
    assert m.record() == {
        "kind": "period", "label": "期间", "date": "2025-12-31", "start": "2021-01-01", "every": None,
        "first": None, "event": None, "approximate": False, "contextual": False, "note": None, "clause": "“十四五”期间",
    }
