"""casplan.deadlines.spans: what one token names, in a given year."""

from __future__ import annotations

from datetime import date

import pytest

from casplan.deadlines.lexer import Token, normalize, tokenize
from casplan.deadlines.milestone import Kind
from casplan.deadlines.spans import body, count, first_occurrence, position_in_year, year_only


def token(text: str) -> Token:
    [only] = tokenize(normalize(text))
    return only


@pytest.mark.parametrize(
    ("text", "start", "end", "approximate"),
    [("3月", "2022-03-01", "2022-03-31", False), ("2月底", "2022-02-01", "2022-02-28", False),
     ("5月12日", "2022-05-12", "2022-05-12", False), ("5月中旬", "2022-05-11", "2022-05-20", False),
     ("5月下旬", "2022-05-21", "2022-05-31", False), ("5月初", "2022-05-01", "2022-05-10", True),
     ("第三季度", "2022-07-01", "2022-09-30", False), ("一季度初", "2022-01-01", "2022-01-31", True),
     ("下半年", "2022-07-01", "2022-12-31", False), ("冬季", "2022-12-01", "2023-02-28", True),
     ("2022年初", "2022-01-01", "2022-03-31", True), ("2022年", "2022-01-01", "2022-12-31", False)],
)
def test_body(text: str, start: str, end: str, approximate: bool) -> None:
    span = body(token(text), 2022)
    assert span is not None
    assert (span.start, span.end, span.approximate) == (date.fromisoformat(start), date.fromisoformat(end), approximate)
    assert not span.approximate or span.note


@pytest.mark.parametrize("text", ["13月", "2月30日", "十十月"])
def test_body_of_no_such_day(text: str) -> None:
    assert body(token(text), 2022) is None


@pytest.mark.parametrize(
    ("text", "position"),
    [("2月底", (2, None)), ("2月29日", (2, 29)), ("11月中旬", (11, 20)), ("第一季度", (3, None)),
     ("上半年", (6, None))],
)
def test_position_in_year(text: str, position: tuple[int, int | None]) -> None:
    assert position_in_year(token(text))[0] == position


def test_first_occurrence() -> None:
    assert first_occurrence(Kind.YEARLY, (2, None), date(2020, 1, 1)) == date(2020, 2, 29)
    assert first_occurrence(Kind.YEARLY, (2, None), date(2021, 3, 1)) == date(2022, 2, 28)
    assert first_occurrence(Kind.QUARTERLY, (3, None), date(2021, 9, 28)) == date(2021, 9, 30)
    assert first_occurrence(Kind.HALF_YEARLY, (6, None), date(2021, 7, 1)) == date(2021, 12, 31)
    assert first_occurrence(Kind.MONTHLY, (1, 31), date(2021, 2, 1)) == date(2021, 2, 28)
    assert first_occurrence(Kind.MONTHLY, (1, 10), date(2021, 12, 11)) == date(2022, 1, 10)
    assert first_occurrence(Kind.YEARLY, (12, None), date(2199, 12, 31)) == date(2199, 12, 31)
    assert first_occurrence(Kind.YEARLY, (6, None), date(2199, 7, 1)) is None  # past the last year


@pytest.mark.parametrize(
    ("text", "amount"),
    [("3年内", (36, "年")), ("用3至5年时间", (60, "年")), ("3个月内", (3, "月")), ("半年内", (6, "月")),
     ("两周内", (14, "日")), ("30日内", (30, "日")), ("15个工作日内", (15, "工作日")), ("半个月内", (15, "日"))],
)
def test_count(text: str, amount: tuple[int, str]) -> None:
    assert count(token(text)) == amount


def test_year_only() -> None:
    assert year_only(token("2022年")) and year_only(token("明年"))
    assert not year_only(token("2022年底")) and not year_only(token("3月"))
