"""The GB/T 9704 profile's derived numbers: the arithmetic behind 22 lines of 28 字."""

from __future__ import annotations

import dataclasses

import pytest

from casplan.render.layout import GBT9704, LEDGER_SIZE, PT_PER_MM, SIZE_2, SIZE_3, SIZE_4, SIZE_XIAOCHU, Profile

P = GBT9704


def test_hao_sizes_in_points() -> None:
    assert (SIZE_XIAOCHU, SIZE_2, SIZE_3, SIZE_4, LEDGER_SIZE) == (36.0, 22.0, 16.0, 14.0, 12.0)


def test_line_pitch_is_579_twips() -> None:
    assert P.line_twips == 579
    assert P.line_pt == 28.95


def test_one_zi_is_a_16_pt_glyph_less_a_quarter_point() -> None:
    assert P.char_pt == 15.75


def test_type_area_is_156_by_225_mm() -> None:
    """5.2.1: A4 less 天头 37 / 订口 28 and the derived 35 / 26."""
    assert (P.page_width_mm, P.page_height_mm) == (210.0, 297.0)
    assert (P.top_mm, P.left_mm, P.bottom_mm, P.right_mm) == (37.0, 28.0, 35.0, 26.0)
    assert (P.text_width_mm, P.text_height_mm) == (156.0, 225.0)


def test_margins_in_twips_match_the_recipe() -> None:
    twips = [round(mm * PT_PER_MM * 20) for mm in (P.top_mm, P.bottom_mm, P.left_mm, P.right_mm)]
    assert twips == [2098, 1984, 1587, 1474]


def test_22_lines_fit_the_type_area_and_580_twips_would_not() -> None:
    """5.2.3: 225 mm = 637.8 pt; 22 × 28.95 = 636.9 pt fits, 22 × 29.0 = 638 pt does not."""
    assert P.lines_per_page == 22
    assert dataclasses.replace(P, line_twips=580).lines_per_page == 21
    assert 22 * P.line_pt <= P.text_height_mm * PT_PER_MM < 23 * P.line_pt


def test_28_zi_fit_a_line_only_with_the_negative_spacing() -> None:
    """5.2.3: 156 mm = 442.2 pt; 28 × 15.75 = 441 pt fits, 28 × 16 = 448 pt does not."""
    width_pt = P.text_width_mm * PT_PER_MM
    assert int(width_pt // P.char_pt) == 28
    assert int(width_pt // P.body_size) == 27


def test_red_rule_border_space_is_the_std_gap_less_the_measured_offset() -> None:
    """7.2.7: 4 mm from the 字号's ink; 2.7 mm of it come from the line box and the border ([measured])."""
    assert (P.rule_gap_mm, P.number_ink_to_rule_mm) == (4.0, 2.7)
    assert P.rule_space_pt == 4  # round(1.3 mm = 3.69 pt)
    assert dataclasses.replace(P, rule_gap_mm=5.0).rule_space_pt == 7  # round(2.3 mm = 6.52 pt)


def test_one_4hao_zi_is_4_94_mm() -> None:
    """7.5 页码 空一字: one 4号 character, 14 pt."""
    assert P.page_number_size / PT_PER_MM == pytest.approx(4.939, abs=0.001)


def test_profile_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        P.line_twips = 580  # type: ignore[misc]
    assert isinstance(P, Profile)


def test_fonts_are_the_licensed_names() -> None:
    f = P.fonts
    assert (f.song, f.fangsong, f.hei, f.kai, f.xiaobiaosong, f.latin) == (
        "宋体", "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "Times New Roman")
