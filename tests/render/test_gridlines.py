import pytest

from casplan.render.gridlines import LineCounter, count_lines, split_at, text_width
from casplan.render.layout import GBT9704


def test_text_width_counts_full_and_half_width() -> None:
    assert text_width("中文") == 2
    assert text_width("2021年9月") == 4.5  # 2021 → 2, 年 1, 9 → ½, 月 1
    assert text_width("（一）、。“”") == 7  # curly quotes are set full width


@pytest.mark.parametrize(
    ("width", "first", "rest", "lines"),
    [(26, 2, 0, 1), (27, 2, 0, 2), (26 + 28, 2, 0, 2), (26 + 29, 2, 0, 3), (10, 0, 0, 1), (0, 2, 0, 1)],
)
def test_count_lines(width: int, first: float, rest: float, lines: int) -> None:
    assert count_lines("字" * width, first=first, rest=rest) == lines


def test_count_lines_adds_each_line_of_a_multi_line_text() -> None:
    assert count_lines("一\n" + "字" * 30, first=0, rest=0) == 3


def test_split_at_a_line_boundary() -> None:
    text = "字" * 30 + "尾"
    assert split_at(text, 26) == 26
    assert split_at("ab中文", 1.5) == 2  # “ab” fits, 中 would pass 1.5
    assert split_at("短", 10) == 1


def test_line_counter_turns_pages() -> None:
    counter = LineCounter(GBT9704)
    counter.add(21)
    assert (counter.page, round(counter.free_pt(), 2)) == (1, round(225 * 72 / 25.4 - 21 * 28.95, 2))
    counter.add(2)
    assert (counter.page, counter.used_pt) == (2, pytest.approx(28.95))
    counter.add_text("字" * 60, first=2, rest=0)  # 26 + 28 + 6: three lines
    assert counter.used_pt == pytest.approx(4 * 28.95)
    counter.new_page()
    assert (counter.page, counter.free_pt()) == (3, pytest.approx(225 * 72 / 25.4))
