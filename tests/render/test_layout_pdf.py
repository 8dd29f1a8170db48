"""The GB/T 9704 layout measured on the PDF that LibreOffice makes of notice.docx.

The embedded plan is rendered once per module (and a copy of it with a 发文字号, see
`numbered`), converted with the stand-in fonts of fonts.conf, and measured two ways:
pdfplumber for the characters (their `top`/`bottom` are font boxes, used only to find
lines and pitches) and a pixel scan at 300 dpi for ink, which is what the mm-level
rules are about. Every target comes from casplan.render.layout; the tolerances are the
standard's own (±1 mm for the 标志 as for the margins) or the brief's (±0.5 mm).

Positions are in mm from the page's top-left corner. The 版心 is 28–184 mm × 37–262 mm.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from casplan.cli import app
from casplan.render.layout import GBT9704, PT_PER_MM

ROOT = Path(__file__).resolve().parents[2]
FONTS_CONF = Path(__file__).with_name("fonts.conf")
P = GBT9704
DPI = 300
PX_PER_MM = DPI / 25.4
LINE_MM = P.line_pt / PT_PER_MM  # 10.21 mm, one line of the grid
ZI_MM = P.page_number_size / PT_PER_MM  # 空一字 of the 4号 page number: 4.94 mm
TOP, BOTTOM = P.top_mm, P.top_mm + P.text_height_mm  # 37, 262
LEFT, RIGHT = P.left_mm, P.left_mm + P.text_width_mm  # 28, 184
CENTRE_X = (LEFT + RIGHT) / 2  # 106
DOC_NUMBER = "科发党字〔2021〕1号"

pytestmark = [
    pytest.mark.skipif(shutil.which("soffice") is None,
                       reason="LibreOffice (soffice) is not installed: no PDF to measure the layout on"),
    pytest.mark.skipif(shutil.which("pdftoppm") is None,
                       reason="poppler-utils (pdftoppm) is not installed: no pixels to measure ink on"),
]


# ---------------------------------------------------------------------------- rendering


@dataclass
class Line:
    """One text line of a PDF page (pdfplumber characters grouped by baseline), in mm."""

    text: str
    chars: list[dict[str, Any]]
    baseline_pt: float
    top: float
    bottom: float
    x0: float
    x1: float


@dataclass
class Ink:
    top: float
    bottom: float
    left: float
    right: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def cx(self) -> float:
        return (self.left + self.right) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


class Rendered:
    """A converted PDF: its text lines (pdfplumber) and, page by page on demand, its ink at 300 dpi."""

    def __init__(self, pdf_path: Path, workdir: Path) -> None:
        import pdfplumber

        self.path = pdf_path
        self.workdir = workdir
        self.lines: list[list[Line]] = []
        self.sizes: list[tuple[float, float]] = []
        with pdfplumber.open(pdf_path) as pdf:
            for page in pdf.pages:
                self.sizes.append((page.width / PT_PER_MM, page.height / PT_PER_MM))
                self.lines.append(_group_lines(page.chars, page.height))
        self._pixels: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.lines)

    def masks(self, page: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(red, dark, any ink) boolean masks of page `page` (1-based) at 300 dpi."""
        if page not in self._pixels:
            from PIL import Image

            stem = self.workdir / f"{self.path.stem}-{page}"
            subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", "-png",
                            str(self.path), str(stem)], check=True, capture_output=True, timeout=60)
            with Image.open(f"{stem}.png") as im:
                rgb = np.asarray(im.convert("RGB")).astype(np.int16)
            r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
            red = (r > 150) & (g < 110) & (b < 110)
            dark = rgb.max(axis=2) < 128
            anything = rgb.min(axis=2) < 200
            self._pixels[page] = (red, dark, anything)
        return self._pixels[page]

    def ink(self, page: int, mask: str, x: tuple[float, float], y: tuple[float, float]) -> Ink | None:
        """Extent of `mask` ink ("red", "dark" or "any") inside the box x × y (mm)."""
        red, dark, anything = self.masks(page)
        m = {"red": red, "dark": dark, "any": anything}[mask]
        x0, x1 = (max(0, round(v * PX_PER_MM)) for v in x)
        y0, y1 = (max(0, round(v * PX_PER_MM)) for v in y)
        box = m[y0:y1, x0:x1]
        rows, cols = np.flatnonzero(box.any(axis=1)), np.flatnonzero(box.any(axis=0))
        if rows.size == 0:
            return None
        return Ink(top=(y0 + rows[0]) / PX_PER_MM, bottom=(y0 + rows[-1] + 1) / PX_PER_MM,
                   left=(x0 + cols[0]) / PX_PER_MM, right=(x0 + cols[-1] + 1) / PX_PER_MM)

    def find(self, text: str) -> tuple[int, Line]:
        """The first line (page 1-based) whose text starts with `text`."""
        for n, lines in enumerate(self.lines, start=1):
            for line in lines:
                if line.text.startswith(text):
                    return n, line
        raise AssertionError(f"no line starts with {text!r}")


def _group_lines(chars: list[dict[str, Any]], height_pt: float) -> list[Line]:
    rows: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: (height_pt - c["matrix"][5], c["x0"])):
        base = height_pt - c["matrix"][5]
        # Glyphs of one line share a baseline up to ~1 pt (Latin digits sit 0.3 pt higher).
        if rows and abs(base - (height_pt - rows[-1][0]["matrix"][5])) < 3:
            rows[-1].append(c)
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        out.append(Line(text="".join(c["text"] for c in row), chars=row,
                        baseline_pt=height_pt - row[0]["matrix"][5],
                        top=min(c["top"] for c in row) / PT_PER_MM, bottom=max(c["bottom"] for c in row) / PT_PER_MM,
                        x0=row[0]["x0"] / PT_PER_MM, x1=row[-1]["x1"] / PT_PER_MM))
    return out


def _render_docx(out: Path, plan: Path) -> None:
    # The fit (render/fit.py) measures the layout with the fonts the PDF is made with here.
    result = CliRunner().invoke(app, ["render", str(out), "--plan", str(plan)], prog_name="casplan",
                                env={"COLUMNS": "100", "NO_COLOR": "1", "FONTCONFIG_FILE": str(FONTS_CONF)},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Rendered]]:
    """notice.pdf from the embedded plan, and numbered.pdf from a copy that has a 发文字号."""
    tmp = tmp_path_factory.mktemp("layout-pdf")
    _render_docx(tmp / "notice.docx", ROOT / "plan")
    plan = tmp / "plan"
    shutil.copytree(ROOT / "plan", plan)
    yaml = plan / "plan.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "\n党的机关: true\n" in text
    yaml.write_text(text.replace("\n党的机关: true\n", f"\n党的机关: true\n发文字号: {DOC_NUMBER}\n"), encoding="utf-8")
    _render_docx(tmp / "numbered.docx", plan)
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(tmp / "notice.docx"), str(tmp / "numbered.docx")],
                   check=True, capture_output=True, env=env, timeout=180)
    yield {"notice": Rendered(tmp / "notice.pdf", tmp), "numbered": Rendered(tmp / "numbered.pdf", tmp)}


@pytest.fixture(scope="module")
def pdf(pdfs: dict[str, Rendered]) -> Rendered:
    return pdfs["notice"]


def _is_hanzi(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _footer(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.top > BOTTOM]


def _body_lines(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.top <= BOTTOM]


def _rule(pdf: Rendered) -> Ink:
    """The red rule on page 1: the rows where red ink runs for more than 100 mm."""
    red = pdf.masks(1)[0]
    rows = np.flatnonzero(red.sum(axis=1) > 100 * PX_PER_MM)
    assert rows.size, "no red rule on page 1"
    cols = np.flatnonzero(red[rows[0]:rows[-1] + 1].any(axis=0))
    return Ink(top=rows[0] / PX_PER_MM, bottom=(rows[-1] + 1) / PX_PER_MM,
               left=cols[0] / PX_PER_MM, right=(cols[-1] + 1) / PX_PER_MM)


# ---------------------------------------------------------------------------- the page and its grid


def test_fonts_conf_maps_every_licensed_family() -> None:
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig's fc-match is not installed")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    found = {name: subprocess.run(["fc-match", "-f", "%{family[0]}", name], capture_output=True, text=True,
                                  env=env, check=True).stdout
             for name in ("仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体")}
    assert found == {"仿宋_GB2312": "AR PL UMing CN", "楷体_GB2312": "AR PL UKai CN", "黑体": "Noto Sans CJK SC",
                     "方正小标宋简体": "Noto Serif CJK SC", "宋体": "Noto Serif CJK SC"}


def test_pages_are_a4_and_numbered_in_order(pdf: Rendered) -> None:
    assert len(pdf) == 29
    assert all(abs(w - 210) < 0.1 and abs(h - 297) < 0.1 for w, h in pdf.sizes)
    numbers = [[line.text for line in _footer(lines)] for lines in pdf.lines]
    assert numbers == [[f"— {n} —"] for n in range(1, len(pdf) + 1)]


def test_full_body_pages_hold_22_lines_at_the_grid_pitch(pdf: Rendered) -> None:
    """5.2.3: 22 lines a page. Pages 4–28 are the attachment's body (page 29 is its end); a page
    ends early only where the engine kept lines together (see `_kept_together`)."""
    full = 0
    for n in range(4, len(pdf)):
        base = [line.baseline_pt for line in _body_lines(pdf.lines[n - 1])]
        if len(base) < 22:
            following = _body_lines(pdf.lines[n])
            assert _kept_together(following, 22 - len(base)), \
                f"page {n} ends {22 - len(base)} lines early before {following[0].text[:12]}"
            continue
        full += 1
        assert len(base) == 22, f"page {n}"
        pitch = (base[-1] - base[0]) / 21
        assert 28.9 <= pitch <= 29.0, f"page {n}: pitch {pitch:.3f} pt"
        # Every line on its own row of the grid (glyphs of 黑体/楷体/digits sit up to ~1.2 pt off).
        rows = [(b - base[0]) / P.line_pt for b in base]
        assert all(abs(r - i) < 0.05 for i, r in enumerate(rows)), f"page {n}: rows {rows}"
    assert full >= 12  # widow and orphan control end about half of the 25 pages a line or two early


def _paragraph_starts(lines: list[Line]) -> list[bool]:
    """Which lines begin a paragraph: every body paragraph and heading is indented 2 字, wrapped lines are not."""
    return [line.x0 > LEFT + P.char_pt / PT_PER_MM for line in lines]


def _kept_together(following: list[Line], free: int) -> bool:
    """Why a page may end `free` lines early, judged on the next page's lines: the next page starts with a
    heading or an introducing label kept with its text; or with a paragraph of L lines that widow and
    orphan control (two lines each) could not split into `free` + the rest; or with the last two lines of
    a paragraph carried over (widow control) from a page that then ends one line early."""
    starts = _paragraph_starts(following)
    first = following[0].text.replace(" ", "")
    if starts[0] and HEADING.match(first):
        return True
    length = next((i for i, s in enumerate(starts[1:], start=1) if s), len(starts))
    if starts[0]:
        return free < length and (free < 2 or length - free < 2)
    return length == 2 and free == 1


HANGING = "，。、；：！？”’）》"
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|具体举措：$|.*建议：$)")


def test_first_body_line_of_a_page_sits_on_the_first_row(pdf: Rendered) -> None:
    """The 版心 starts at 37 mm: the ink of a full page's first line lies in 37–47.2 mm."""
    line = _body_lines(pdf.lines[4 - 1])[0]
    ink = pdf.ink(4, "dark", (LEFT, RIGHT), (line.top - 2, line.bottom + 2))
    assert ink is not None
    assert TOP < ink.top and ink.bottom < TOP + LINE_MM


def test_a_full_line_holds_28_hanzi_and_fills_the_width(pdf: Rendered) -> None:
    """5.2.3: 28 字 a line, 撑满版心. Lines made only of full-width characters, on the body pages."""
    full = [line for lines in pdf.lines[3:-1] for line in _body_lines(lines) if all(map(_is_hanzi, line.text))]
    counts = [len(line.text.rstrip(HANGING)) for line in full]
    assert max(counts) == 28
    widest = [line for line in full if len(line.text) == 28]
    assert len(widest) >= 90  # about a third of the body lines are full ones
    assert all(abs(line.x0 - LEFT) < 0.1 and abs(line.x1 - RIGHT) < 0.5 for line in widest)


def test_text_stays_inside_the_type_area(pdf: Rendered) -> None:
    """5.2.1: every glyph box (page numbers excepted) inside 28–184 × 37–262 mm, on all 29 pages."""
    outside = []
    for n, lines in enumerate(pdf.lines, start=1):
        for line in _body_lines(lines):
            for c in line.chars:
                x0, x1, top, bottom = (c[k] / PT_PER_MM for k in ("x0", "x1", "top", "bottom"))
                hanging = c is line.chars[-1] and c["text"] in HANGING  # LibreOffice ignores w:overflowPunct
                if x0 < LEFT - 0.1 or (x1 > RIGHT + 0.1 and not hanging) or top < TOP - 0.1 or bottom > BOTTOM + 0.1:
                    outside.append((n, c["text"], round(x0, 2), round(x1, 2), round(top, 2), round(bottom, 2)))
    assert outside == []


def test_ink_stays_inside_the_type_area(pdf: Rendered) -> None:
    """The same for ink (rules and ★ included) on the pages with the 版头, the 署名 and the attachment's start."""
    for n in (1, 2, 3):
        anything = pdf.masks(n)[2]
        number = _footer(pdf.lines[n - 1])[0]
        inside = np.zeros_like(anything)
        inside[round(TOP * PX_PER_MM):round(BOTTOM * PX_PER_MM), round(LEFT * PX_PER_MM):round(RIGHT * PX_PER_MM)] = True
        footer = np.zeros_like(anything)
        footer[round((number.top - 1) * PX_PER_MM):round((number.bottom + 1) * PX_PER_MM),
               round((number.x0 - 1) * PX_PER_MM):round((number.x1 + 1) * PX_PER_MM)] = True
        stray = anything & ~inside & ~footer
        assert int(stray.sum()) == 0, f"page {n}: ink outside the 版心 at rows {np.flatnonzero(stray.any(1))[:5]}"


# ---------------------------------------------------------------------------- the 版头


def test_masthead_ink_starts_35_mm_below_the_type_area(pdf: Rendered) -> None:
    """7.2.4: the 发文机关标志's top edge 35 mm under the 版心's top (72 mm from the page's), red, centred."""
    ink = pdf.ink(1, "red", (0, 210), (TOP, TOP + 60))
    assert ink is not None
    assert abs(ink.top - (TOP + P.masthead_top_mm)) <= 1.0, f"ink top {ink.top:.2f} mm"
    assert abs(ink.cx - CENTRE_X) <= 1.0, f"ink centre {ink.cx:.2f} mm"
    _, line = pdf.find("中共中国科学院党组文件")
    assert [round(c["size"], 1) for c in line.chars] == [P.masthead_size] * len(line.text)


def test_red_rule_is_as_wide_as_the_type_area_and_centred(pdf: Rendered) -> None:
    """7.2.7: 与版心等宽, 居中."""
    rule = _rule(pdf)
    assert abs(rule.width - P.text_width_mm) <= 1.0, f"{rule.left:.2f}–{rule.right:.2f} mm"
    assert abs(rule.cx - CENTRE_X) <= 0.5
    assert 0.2 <= rule.height <= 0.6  # 1 pt ≈ 0.35 mm


def test_red_rule_is_4_mm_below_the_doc_number(pdfs: dict[str, Rendered]) -> None:
    """7.2.7: 发文字号之下 4 mm. The embedded plan has no 字号, so the copy with one shows where its ink ends;
    the embedded plan's rule must sit where the copy's does (an empty 字号 line is as tall as a full one)."""
    numbered = pdfs["numbered"]
    rule = _rule(numbered)
    _, line = numbered.find(DOC_NUMBER)
    number = numbered.ink(1, "dark", (LEFT, RIGHT), (line.top - 2, rule.top - 0.1))
    assert number is not None
    assert abs(number.cx - CENTRE_X) <= 1.0  # 7.2.5 居中
    gap = rule.cy - number.bottom
    assert abs(gap - P.rule_gap_mm) <= 0.5, f"rule centre {gap:.2f} mm under the 字号's ink"
    assert abs(_rule(pdfs["notice"]).cy - rule.cy) <= 0.1


def test_doc_number_is_two_lines_below_the_masthead(pdfs: dict[str, Rendered]) -> None:
    """7.2.5 标志下空二行: the 字号's ink starts between two and three lines below the 标志's ink."""
    numbered = pdfs["numbered"]
    masthead = numbered.ink(1, "red", (0, 210), (TOP, TOP + 60))
    _, line = numbered.find(DOC_NUMBER)
    number = numbered.ink(1, "dark", (LEFT, RIGHT), (line.top - 2, line.bottom + 1))
    assert masthead is not None and number is not None
    assert 2 <= (number.top - masthead.bottom) / LINE_MM < 3


def _star(pdf: Rendered) -> Ink:
    """The ★'s red ink: red pixels near the page's centre above or below the rule's own rows."""
    rule = _rule(pdf)
    red = pdf.masks(1)[0].copy()
    red[round(rule.top * PX_PER_MM):round(rule.bottom * PX_PER_MM)] = False
    y0, y1 = round((rule.cy - 8) * PX_PER_MM), round((rule.cy + 8) * PX_PER_MM)
    x0, x1 = round((CENTRE_X - 10) * PX_PER_MM), round((CENTRE_X + 10) * PX_PER_MM)
    box = red[y0:y1, x0:x1]
    rows, cols = np.flatnonzero(box.any(axis=1)), np.flatnonzero(box.any(axis=0))
    assert rows.size, "no ★ on the rule"
    return Ink(top=(y0 + rows[0]) / PX_PER_MM, bottom=(y0 + rows[-1] + 1) / PX_PER_MM,
               left=(x0 + cols[0]) / PX_PER_MM, right=(x0 + cols[-1] + 1) / PX_PER_MM)


def test_star_is_centred_on_the_rule_and_clearly_visible(pdf: Rendered) -> None:
    """党的机关: a red ★ in the middle of the rule (practice, not in the 2012 text)."""
    rule, star = _rule(pdf), _star(pdf)
    assert abs(star.cx - CENTRE_X) <= 0.5, f"★ centre x {star.cx:.2f} mm"
    assert abs(star.cy - rule.cy) <= 0.5, f"★ centre y {star.cy:.2f} mm, rule {rule.cy:.2f} mm"
    assert star.width >= 3.0 and star.height >= 3.0, f"★ ink {star.width:.2f} × {star.height:.2f} mm"
    assert star.width <= 8.0 and star.height <= 8.0


def test_title_starts_two_empty_lines_below_the_rule(pdf: Rendered) -> None:
    """7.3.1 红色分隔线下空二行: between the rule and the title's first line, two empty lines; its ink starts
    in the third line below the rule."""
    rule = _rule(pdf)
    page, line = pdf.find("中共中国科学院党组关于印发")
    assert page == 1
    assert [round(c["size"], 1) for c in line.chars] == [P.title_size] * len(line.text)
    ink = pdf.ink(1, "dark", (LEFT, RIGHT), (rule.bottom + 0.1, line.bottom + 2))
    assert ink is not None
    assert 2 <= (ink.top - rule.cy) / LINE_MM < 3, f"title ink {ink.top - rule.cy:.2f} mm under the rule"


def test_first_page_shows_body_text(pdf: Rendered) -> None:
    """7.3.3 首页必须显示正文."""
    body = [line.text for line in _body_lines(pdf.lines[0]) if line.text.startswith("为认真传达学习")]
    assert len(body) == 1


# ---------------------------------------------------------------------------- 署名, 附件


def test_signature_page_holds_body_text(pdf: Rendered) -> None:
    """7.3.5.5: the 署名 never stands on a page without 正文; the 附件说明 alone does not count. The embedded
    plan's one 正文 paragraph fills page 1 exactly: the fit loosens its lines until two go over."""
    hits = [(n, line) for n, lines in enumerate(pdf.lines, start=1) for line in lines
            if line.text == "中共中国科学院党组"]
    assert len(hits) == 1
    page, signature = hits[0]
    above = [line.text for line in _body_lines(pdf.lines[page - 1]) if line.baseline_pt < signature.baseline_pt]
    note = next(i for i, text in enumerate(above) if text.startswith("附件："))
    body = [text for text in above[:note] if len(text) >= 2 and text in _notice_body()]
    assert body, f"page {page} holds no 正文 above the 附件说明: {above}"
    assert body == above[note - len(body):note]


def _notice_body() -> str:
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load((ROOT / "plan" / "plan.yaml").read_text(encoding="utf-8"))
    return "".join(data["正文"])


def test_attachment_starts_a_page_with_its_label_on_the_first_line(pdf: Rendered) -> None:
    """7.3.7: 附件 另面编排; “附件” 3号黑体 顶格 on the 版心's first line; its title on the third line."""
    hits = [(n, line) for n, lines in enumerate(pdf.lines, start=1) for line in lines if line.text == "附件"]
    assert len(hits) == 1
    page, label = hits[0]
    assert _body_lines(pdf.lines[page - 1])[0] is label
    assert "NotoSansCJK" in label.chars[0]["fontname"]  # 黑体's stand-in
    assert abs(label.x0 - LEFT) < 0.1  # 顶格
    ink = pdf.ink(page, "dark", (LEFT, RIGHT), (TOP - 1, label.bottom + 1))
    assert ink is not None
    assert TOP < ink.top and ink.bottom < TOP + LINE_MM, f"label ink {ink.top:.2f}–{ink.bottom:.2f} mm"
    previous = _body_lines(pdf.lines[page - 2])[-1]
    assert previous.text == "2021年9月28日"
    title = _body_lines(pdf.lines[page - 1])[1]
    assert title.text == "中共中国科学院党组贯彻落实习近平总书记"
    ink = pdf.ink(page, "dark", (LEFT, RIGHT), (label.bottom + 1, title.bottom + 1))
    assert ink is not None
    assert TOP + 2 * LINE_MM <= ink.top < TOP + 3 * LINE_MM, f"title ink starts at {ink.top:.2f} mm"


# ---------------------------------------------------------------------------- page numbers


@pytest.mark.parametrize("page", [1, 2, 3, 4])
def test_page_number_dashes_7_mm_below_the_type_area_one_zi_from_the_outer_edge(pdf: Rendered, page: int) -> None:
    """7.5: 4号 “— N —”; 一字线上距版心下边缘 7 mm; 单页码居右空一字, 双页码居左空一字."""
    (number,) = _footer(pdf.lines[page - 1])
    assert [round(c["size"], 1) for c in number.chars if c["text"] != " "] == [P.page_number_size] * 3
    first, last = number.chars[0], number.chars[-1]
    assert first["text"] == last["text"] == "—"
    dashes = [pdf.ink(page, "dark", (c["x0"] / PT_PER_MM, c["x1"] / PT_PER_MM), (BOTTOM, 290)) for c in (first, last)]
    assert dashes[0] is not None and dashes[1] is not None
    for dash in dashes:
        assert abs(dash.cy - BOTTOM - 7.0) <= 0.5, f"dash {dash.cy - BOTTOM:.2f} mm below the 版心"
        assert dash.height < 1.0
    if page % 2:
        assert abs(RIGHT - dashes[1].right - ZI_MM) <= 0.5, f"{RIGHT - dashes[1].right:.2f} mm in from the right"
    else:
        assert abs(dashes[0].left - LEFT - ZI_MM) <= 0.5, f"{dashes[0].left - LEFT:.2f} mm in from the left"
