"""casplan.deadlines.numerals: numbers as plans write them, or None."""

from __future__ import annotations

import pytest

from casplan.deadlines.numerals import number


@pytest.mark.parametrize(
    ("text", "value"),
    [("2021", 2021), ("二〇二一", 2021), ("二○二一", 2021), ("二零二一", 2021), ("三", 3), ("两", 2), ("十", 10),
     ("十二", 12), ("二十", 20), ("二十八", 28), ("三十一", 31), ("一百零五", 105), ("一百二十", 120),
     ("两千零二十一", 2021), ("〇", 0)],
)
def test_number(text: str, value: int) -> None:
    assert number(text) == value


@pytest.mark.parametrize("text", ["", "十十", "九五十", "二〇十一", "十百", "二三十", "一二三四五六七八九", "12a", "年", "十五五"])
def test_not_a_number(text: str) -> None:
    assert number(text) is None
