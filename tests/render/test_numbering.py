import pytest

from casplan.blocks import Role
from casplan.render.numbering import chinese_number, label


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (15, "十五"), (20, "二十"), (21, "二十一"),
     (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十"), (123, "一百二十三")],
)
def test_chinese_number(n: int, expected: str) -> None:
    assert chinese_number(n) == expected


@pytest.mark.parametrize(
    ("role", "n", "expected"),
    [(Role.LEVEL1, 3, "三、"), (Role.LEVEL2, 12, "（十二）"), (Role.LEVEL3, 4, "4."), (Role.LEVEL4, 7, "（7）")],
)
def test_label_per_level(role: Role, n: int, expected: str) -> None:
    assert label(role, n) == expected


def test_label_refuses_non_headings_and_zero() -> None:
    with pytest.raises(ValueError, match="正文 is not a heading"):
        label(Role.BODY, 1)
    with pytest.raises(ValueError, match="start at 1"):
        chinese_number(0)


@pytest.mark.parametrize(
    ("n", "text"),
    [(999, "九百九十九"), (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"),
     (9999, "九千九百九十九"), (10000, "一万"), (10001, "一万零一"), (10010, "一万零一十"),
     (12345, "一万二千三百四十五"), (100000, "十万"), (1000000, "一百万")],
)
def test_numbers_past_999(n, text):
    """A part with 1,000 titled tasks numbers them all (was an IndexError)."""
    assert chinese_number(n) == text
