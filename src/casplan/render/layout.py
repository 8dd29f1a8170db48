"""The GB/T 9704-2012 layout in numbers: every number the .docx writer uses, with its clause.

[std] the standard's wording; [derived] arithmetic from it; [practice] common
usage, not in the standard; [measured] set so that the LibreOffice render
measures right (see tests/render/test_layout_pdf.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PT_PER_MM = 72 / 25.4

# 号 → points (Word/WPS convention)
SIZE_2 = 22.0  # 二号
SIZE_3 = 16.0  # 三号
SIZE_4 = 14.0  # 四号
SIZE_XIAOCHU = 36.0  # 小初


@dataclass(frozen=True)
class Fonts:
    """Family names as they appear on every run (East Asian and Latin). [std 5.2.2, 7.3.1, 7.3.3]"""

    song: str = "宋体"
    fangsong: str = "仿宋_GB2312"
    hei: str = "黑体"
    kai: str = "楷体_GB2312"
    xiaobiaosong: str = "方正小标宋简体"
    latin: str = "Times New Roman"


@dataclass(frozen=True)
class Profile:
    # 5.1 paper: A4
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    # 5.2.1 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm → bottom 35, right 26 [derived]
    top_mm: float = 37.0
    left_mm: float = 28.0
    bottom_mm: float = 35.0
    right_mm: float = 26.0
    # 5.2.3 22 lines of 28 characters: pitch 225 mm / 22 ≈ 28.99 pt; 579 twips (28.95 pt) gives
    # 22 lines in LibreOffice, 580 only 21 [practice, measured].
    line_twips: int = 579
    # 28 characters of 16 pt in 156 mm need a pitch of 15.79 pt: −0.25 pt per character [practice, measured].
    char_spacing_pt: float = -0.25
    body_size: float = SIZE_3  # 5.2.2 3号仿宋
    # 7.2.4 发文机关标志: top edge 35 mm below the 版心's top; red; 小标宋; size "醒目、美观、庄重".
    masthead_top_mm: float = 35.0
    masthead_size: float = SIZE_XIAOCHU  # [practice] ≤ 小初, must fit 156 mm
    masthead_line_em: float = 1.2  # its exact line height, in ems
    masthead_ink_em: float = 0.12  # [measured] ink starts this far below the top of that line
    # 7.2.7 the red rule 4 mm under the 发文字号, as wide as the 版心.
    rule_gap_mm: float = 4.0
    # [measured] The rule is the 字号 paragraph's bottom border. In LibreOffice its centre lies this far plus
    # the border's space below the 字号's ink: the 3号 line box ends 2.4 mm under the ink (the 〔〕 included),
    # the border adds 0.3 mm. Converting all 4 mm into border space put the rule 6.4 mm under the ink.
    number_ink_to_rule_mm: float = 2.7
    rule_eighths_pt: int = 8  # 1 pt; the weight is not specified [practice]
    red: str = "FF0000"
    # The ★ of a Party organ, centred on the rule (not in the 2012 text) [practice, unconfirmed size].
    # [measured] The white outline eats into the ★'s points (a stroke of w insets each tip by w/2 ÷ sin 18°):
    # 5 mm with a 0.8 mm outline left 2.5 mm of red ink, a speck at reading distance. 6 mm with 0.5 mm gives
    # 4.2 × 4.3 mm of ink (about a 3号 character) and a 0.9 mm gap in the rule either side.
    star_mm: float = 6.0
    star_shift_mm: float = 0.0  # [measured] the ★'s ink centre lies 0.04 mm above the rule's: no correction
    star_gap_mm: float = 0.5  # white outline: the gaps in the rule either side of the ★ [practice, measured above]
    title_size: float = SIZE_2  # 7.3.1 2号小标宋
    # 7.3.5.1 成文日期 右空四字; 署名 centred over it [std]; blank lines before 署名 [practice].
    date_right_chars: float = 4.0
    signature_blank_lines: int = 2
    # 7.4.1 版记 rules: first and last 0.35 mm, the middle 0.25 mm ("推荐").
    imprint_outer_eighths_pt: int = 8
    imprint_inner_eighths_pt: int = 6
    imprint_size: float = SIZE_4
    # [measured] the 版记's last rule lies this far above the bottom of the box that holds it (the border's
    # half width and the empty paragraph a table needs after it).
    imprint_shift_mm: float = 0.49  # 7.4.2–7.4.3 4号仿宋
    # 7.5 page numbers: 4号半角宋体, "— N —", the dash 7 mm below the 版心; 空一字 from the outer edge.
    page_number_size: float = SIZE_4
    # [measured] 25.3 mm put the dashes' ink centre 7.45 mm below the 版心 once the page number is 14 pt
    # throughout (its digit had been set at 16 pt); 25.75 mm puts it at 7.0 mm in LibreOffice.
    footer_distance_mm: float = 25.75
    fonts: Fonts = field(default_factory=Fonts)

    @property
    def line_pt(self) -> float:
        return self.line_twips / 20

    @property
    def char_pt(self) -> float:
        """One 字 of body text: a 16 pt glyph plus its −0.25 pt spacing."""
        return self.body_size + self.char_spacing_pt

    @property
    def rule_space_pt(self) -> int:
        """The red rule's border space below the 字号's line, in whole points (w:space)."""
        return round((self.rule_gap_mm - self.number_ink_to_rule_mm) * PT_PER_MM)

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.left_mm - self.right_mm

    @property
    def text_height_mm(self) -> float:
        return self.page_height_mm - self.top_mm - self.bottom_mm

    @property
    def lines_per_page(self) -> int:
        return int(self.text_height_mm * PT_PER_MM // self.line_pt)


GBT9704 = Profile()

# The 督办台账 (ledger): A4 landscape, same margins turned, smaller type so a row fits. [practice]
LEDGER_SIZE = SIZE_4 - 2  # 小四 12 pt
