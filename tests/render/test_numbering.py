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
