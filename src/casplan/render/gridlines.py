"""Where text reaches on the fixed grid: 28 字 a line, 22 lines a page, exact pitch.

Exact line pitch and a fixed number of characters a line make page layout
arithmetic, which the .docx writer needs in two places: keeping the 署名 with
body text (7.3.5.5) and putting the 版记 at the foot of an even page (7.4).
Chinese line-breaking rules (避头尾) can push a character to the next line, so
these counts are close, not exact; the PDF tests check the result.
"""

from __future__ import annotations

import math
import unicodedata

from casplan.render.layout import PT_PER_MM, Profile


def text_width(text: str) -> float:
    """Width in 字: a CJK character is 1, a Latin letter or digit ½ (Times New Roman digits).

    Ambiguous-width characters (“ ” — …) are set full width in Chinese text, so they count 1.
    """
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


class LineCounter:
    """Where the text has reached, in lines of the fixed grid: what the 版记 placement needs.

    Exact line pitch and a fixed number of characters a line make this arithmetic,
    up to the rare line that Chinese line-breaking rules push one character on.
    """

    def __init__(self, profile: Profile) -> None:
        self.p = profile
        self.page = 1
        self.used_pt = 0.0

    @property
    def height_pt(self) -> float:
        return self.p.text_height_mm * PT_PER_MM

    def add_pt(self, pt: float) -> None:
        """Space off the grid (the 标志, the rule's border): always at the head of page 1."""
        self.used_pt += pt

    def add(self, lines: int) -> None:
        for _ in range(lines):
            if self.used_pt + self.p.line_pt > self.height_pt + 0.01:
                self.new_page()
            self.used_pt += self.p.line_pt

    def add_text(self, text: str, first: float, rest: float) -> None:
        self.add(count_lines(text, first, rest))

    def new_page(self) -> None:
        self.page += 1
        self.used_pt = 0.0

    def free_pt(self) -> float:
        return self.height_pt - self.used_pt

    def free_lines(self) -> int:
        return int(self.free_pt() / self.p.line_pt + 0.01)


def count_lines(text: str, first: float, rest: float, per_line: int = 28) -> int:
    """Lines a paragraph takes on the 28-字 grid: `first` 字 taken from its first line, `rest` from the others."""
    total = 0
    for line in text.split("\n"):
        width, room = text_width(line), per_line - first
        total += 1 if width <= room else 1 + math.ceil((width - room) / (per_line - rest))
    return total


def split_at(text: str, width: float) -> int:
    """The index in `text` where `width` 字 have been used (a line boundary on the grid)."""
    used = 0.0
    for i, ch in enumerate(text):
        used += text_width(ch)
        if used > width + 1e-9:
            return i
    return len(text)
