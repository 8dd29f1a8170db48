"""`render X.docx --check`: the GB/T 9704 rules measured on the PDF the layout engine made.

What is measured, and how: glyph boxes and vector paths (rules, the ★, the 版记's
lines) come from pdfplumber; ink (the 标志's top edge, the 字号's and the title's
ink) from the page rendered at 150 dpi (pypdfium2, which pdfplumber brings) and
scanned with Pillow. Every target comes from `casplan.render.layout`; tolerances
are the standard's (±1 mm) or ±0.5 mm where the brief of the layout tests says so.

The PDF is read inside one `with` block: pages and their images never outlive the file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casplan.blocks import HEADINGS, Block, Role
from casplan.diagnostics import Diagnostic
from casplan.render.layout import GBT9704, PT_PER_MM, Profile
from casplan.render.numbering import label as heading_number

DPI = 150
PX_PER_MM = DPI / 25.4


@dataclass(frozen=True)
class Violation:
    page: int
    message: str

    def diagnostic(self, pdf_name: str) -> Diagnostic:
        return Diagnostic.make(f"{pdf_name}!第{self.page}页", (0, 0), "layout", self.message)


@dataclass(frozen=True)
class Expect:
    """What the document holds, from its blocks: what the check looks for."""

    masthead: str = ""
    doc_number: str = ""
    party_organ: bool = False
    title: str = ""  # the notice's title, all its lines run together (as `opening` holds it)
    body: tuple[str, ...] = ()  # the notice's 正文 paragraphs
    signature: str = ""
    attachment_label: str = ""
    attachment_title: str = ""  # all its lines run together: where the lines break is the engine's business
    imprint: bool = False
    landscape: bool = False
    opening: tuple[tuple[Role, str], ...] = ()  # the notice up to its 成文日期: (role, text), in order

    @classmethod
    def from_blocks(cls, blocks: list[Block], party_organ: bool) -> Expect:
        first = {b.role: b for b in reversed(blocks)}
        end = next((i for i, b in enumerate(blocks) if b.role is Role.SIGNATURE), len(blocks))

        def text(role: Role) -> str:
            return first[role].text.split("\n")[0] if role in first else ""

        def whole(role: Role) -> str:
            return _squeeze(first[role].text) if role in first else ""

        return cls(masthead=text(Role.MASTHEAD), doc_number=text(Role.DOC_NUMBER), party_organ=party_organ,
                   title=whole(Role.TITLE), body=tuple(b.text for b in blocks[:end] if b.role is Role.BODY),
                   signature=text(Role.SIGNATURE), attachment_label=whole(Role.ATTACHMENT_LABEL),
                   attachment_title=whole(Role.ATTACHMENT_TITLE),
                   imprint=any(b.role in (Role.COPY_TO, Role.IMPRINT) for b in blocks),
                   landscape=any(b.role is Role.LAYOUT and b.text == "横向" for b in blocks),
                   opening=opening(blocks))


# What counts as 正文 on a page (7.3.3, 7.3.5.5): the notice's paragraphs and, where the plan runs on inside
# the notice (no 附件), its headings, tasks and field lines. Not the 附件说明, the 署名, the title.
BODY_ROLES = (Role.BODY, *HEADINGS, Role.FIELD)


def opening(blocks: list[Block]) -> tuple[tuple[Role, str], ...]:
    """The notice's paragraphs up to its 成文日期, as the PDF shows them (a title's lines run together)."""
    end = next((i for i, b in enumerate(blocks) if b.role is Role.DATE), -1)
    keep = (Role.MASTHEAD, Role.DOC_NUMBER, Role.TITLE, Role.RECIPIENTS, *BODY_ROLES, Role.ATTACHMENT_NOTE,
            Role.SIGNATURE, Role.DATE)
    return tuple((b.role, _squeeze(_shown(b))) for b in blocks[:end + 1] if b.role in keep and _squeeze(_shown(b)))


def _shown(block: Block) -> str:
    """A block's text as the page shows it: a numbered heading with its number (一、（一）1.（1））."""
    return (heading_number(block.role, block.number) if block.number is not None else "") + block.text


def _squeeze(text: str) -> str:
    return "".join(text.split())


def align(pages: list[Page], paragraphs: tuple[tuple[Role, str], ...],
          bottom: float) -> list[tuple[Role, int, int, Line]]:
    """Each text line of the 版心, in reading order, with the paragraph it belongs to: (role, paragraph
    index, page number, line). Lines are matched to the paragraphs in order, by their text; a line that matches none
    (a header, a stray mark) is passed over. Ends with the last paragraph's last line."""
    out: list[tuple[Role, int, int, Line]] = []
    i, acc = 0, ""
    for pg in pages:
        for ln in pg.lines:
            if i >= len(paragraphs):
                return out
            if ln.top > bottom:
                continue
            text = _squeeze(ln.text)
            role, whole = paragraphs[i]
            if not whole.startswith(acc + text):
                later = next((j for j in range(i + 1, len(paragraphs)) if paragraphs[j][1].startswith(text)), None)
                if later is None:
                    continue
                i, acc = later, ""
                role, whole = paragraphs[i]
            acc += text
            out.append((role, i, pg.number, ln))
            if acc == whole:
                i, acc = i + 1, ""
    return out


@dataclass
class Line:
    text: str
    chars: list[dict[str, Any]]
    baseline: float  # pt from the page's top
    top: float  # mm
    bottom: float
    x0: float
    x1: float
    size: float


class Page:
    """One page: its text lines, strokes (lines and rects, in mm: top, bottom, x0, x1, color) and curves,
    read from the PDF when first asked for (the fit reads a few pages of long documents)."""

    def __init__(self, number: int, width: float, height: float, lines: list[Line] | None = None,
                 strokes: list[dict[str, Any]] | None = None, curves: list[dict[str, Any]] | None = None,
                 plumber: Any = None) -> None:
        self.number, self.width, self.height, self.plumber = number, width, height, plumber
        self._lines, self._strokes, self._curves = lines, strokes, curves

    @property
    def lines(self) -> list[Line]:
        if self._lines is None:
            self._lines = _group(self.plumber.chars, self.plumber.height)
        return self._lines

    @property
    def strokes(self) -> list[dict[str, Any]]:
        if self._strokes is None:
            self._strokes = [_mm(o) for o in self.plumber.lines + self.plumber.rects]
        return self._strokes

    @property
    def curves(self) -> list[dict[str, Any]]:
        if self._curves is None:
            self._curves = [_mm(o) for o in self.plumber.curves]
        return self._curves


def _group(chars: list[dict[str, Any]], height: float) -> list[Line]:
    rows: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: (height - c["matrix"][5], c["x0"])):
        if c["text"].isspace():
            continue
        base = height - c["matrix"][5]
        if rows and abs(base - (height - rows[-1][0]["matrix"][5])) < 3:
            rows[-1].append(c)
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        out.append(Line("".join(c["text"] for c in row), row, height - row[0]["matrix"][5],
                        min(c["top"] for c in row) / PT_PER_MM, max(c["bottom"] for c in row) / PT_PER_MM,
                        row[0]["x0"] / PT_PER_MM, row[-1]["x1"] / PT_PER_MM, max(c["size"] for c in row)))
    return out


def _mm(obj: dict[str, Any]) -> dict[str, Any]:
    return {"top": obj["top"] / PT_PER_MM, "bottom": obj["bottom"] / PT_PER_MM, "x0": obj["x0"] / PT_PER_MM,
            "x1": obj["x1"] / PT_PER_MM, "stroke": obj.get("stroking_color"), "fill": obj.get("non_stroking_color"),
            "filled": obj.get("fill", False)}


def _is_red(color: Any) -> bool:
    return isinstance(color, (tuple, list)) and len(color) == 3 and color[0] > 0.6 and max(color[1:]) < 0.45


@contextmanager
def open_pdf(path: Path) -> Iterator[list[Page]]:
    """The pages of the PDF at `path`; the file is closed when the block ends (ink is read inside it)."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        yield [Page(n, page.width / PT_PER_MM, page.height / PT_PER_MM, plumber=page)
               for n, page in enumerate(pdf.pages, start=1)]


class _Ink:
    """Ink boxes of one page rendered at DPI, with Pillow only."""

    def __init__(self, page: Page) -> None:
        image = page.plumber.to_image(resolution=DPI).original.convert("RGB")
        self.r, self.g, self.b = image.split()

    def box(self, kind: str, x: tuple[float, float], y: tuple[float, float]) -> tuple[float, float, float, float] | None:
        from PIL import ImageChops

        crop = tuple(round(v * PX_PER_MM) for v in (x[0], y[0], x[1], y[1]))
        r, g, b = (ch.crop(crop) for ch in (self.r, self.g, self.b))
        if kind == "red":
            mask = ImageChops.multiply(ImageChops.multiply(r.point(lambda v: 255 if v > 150 else 0),
                                                           g.point(lambda v: 255 if v < 110 else 0)),
                                       b.point(lambda v: 255 if v < 110 else 0))
        else:  # dark: every channel under 128
            mask = ImageChops.lighter(ImageChops.lighter(r, g), b).point(lambda v: 255 if v < 128 else 0)
        found = mask.getbbox()
        if found is None:
            return None
        left, top, right, bottom = found
        return ((crop[0] + left) / PX_PER_MM, (crop[1] + top) / PX_PER_MM, (crop[0] + right) / PX_PER_MM,
                (crop[1] + bottom) / PX_PER_MM)


def _hanzi(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


HANGING = "，。、；：！？”’）》"
PAGE_NUMBER = re.compile(r"^—(\d+)—$")


def check(path: Path, expect: Expect, profile: Profile = GBT9704) -> list[Violation]:
    """Every violation of the measured rules, page by page."""
    with open_pdf(path) as pages:
        return _check(pages, expect, profile)


def _check(pages: list[Page], expect: Expect, p: Profile) -> list[Violation]:
    out: list[Violation] = []
    if expect.landscape:
        top, left = p.left_mm, p.top_mm
        bottom, right = p.page_width_mm - p.right_mm, p.page_height_mm - p.bottom_mm
        size = (p.page_height_mm, p.page_width_mm)
    else:
        top, left = p.top_mm, p.left_mm
        bottom, right = p.page_height_mm - p.bottom_mm, p.page_width_mm - p.right_mm
        size = (p.page_width_mm, p.page_height_mm)
    zi = p.page_number_size / PT_PER_MM
    line_mm = p.line_pt / PT_PER_MM

    def body(page: Page) -> list[Line]:
        return [ln for ln in page.lines if ln.top <= bottom]

    blank = [pg.number for pg in pages if not body(pg) and not pg.strokes and not pg.curves]
    for pg in pages:
        if abs(pg.width - size[0]) > 0.5 or abs(pg.height - size[1]) > 0.5:
            out.append(Violation(pg.number, f"页面 {pg.width:.1f}×{pg.height:.1f} mm，应为 {size[0]:.0f}×{size[1]:.0f} mm"))
        # 5.2.1 the 版心
        for ln in body(pg):
            x1 = ln.x1
            if x1 > right + 0.3 and ln.chars[-1]["text"] in HANGING and len(ln.chars) > 1:
                # LibreOffice 7.4 hangs a line-end mark into the margin in Chinese text (it ignores
                # w:overflowPunct, which Word and WPS honour): tolerated, the rest of the line must fit.
                x1 = ln.chars[-2]["x1"] / PT_PER_MM
            if ln.x0 < left - 0.3 or x1 > right + 0.3 or ln.top < top - 0.3:
                out.append(Violation(pg.number, f"“{ln.text[:12]}”超出版心（{ln.x0:.1f}–{ln.x1:.1f} mm，"
                                                f"上沿 {ln.top:.1f} mm）"))
        # 5.2.3 22 lines of 28 字
        grid = [ln for ln in body(pg) if abs(ln.size - p.body_size) < 0.1]
        if len(grid) > p.lines_per_page:
            out.append(Violation(pg.number, f"一页 {len(grid)} 行，多于 {p.lines_per_page} 行"))
        for ln in grid:
            if len(ln.text.rstrip(HANGING)) > 28 and all(map(_hanzi, ln.text)):
                out.append(Violation(pg.number, f"一行 {len(ln.text)} 字，多于 28 字：“{ln.text[:12]}…”"))
        # 7.5 page numbers
        feet = [ln for ln in pg.lines if ln.top > bottom]
        if pg.number in blank:
            continue
        after_blank = expect.imprint and pg.number == len(pages) and pg.number - 1 in blank
        if not feet:
            if not after_blank:
                out.append(Violation(pg.number, "没有页码"))
            continue
        if after_blank:
            out.append(Violation(pg.number, "版记页前有空白页，版记页不应编排页码（7.5）"))
            continue
        number = feet[0]
        m = PAGE_NUMBER.match(number.text)
        if m is None or int(m[1]) != pg.number:
            out.append(Violation(pg.number, f"页码为“{number.text}”，应为“— {pg.number} —”"))
            continue
        if pg.number <= 2 or pg.number >= len(pages) - 1:  # ink is dear: the first and the last two pages
            dash = number.chars[0]
            found = _Ink(pg).box("dark", (dash["x0"] / PT_PER_MM, dash["x1"] / PT_PER_MM), (bottom + 1, pg.height - 5))
            dash_y = (found[1] + found[3]) / 2 if found else 0.0
            if abs(dash_y - bottom - 7.0) > 0.5:
                out.append(Violation(pg.number, f"页码一字线在版心下 {dash_y - bottom:.1f} mm，应为 7 mm"))
        if pg.number % 2 and abs(right - number.x1 - zi) > 0.7:
            out.append(Violation(pg.number, f"单页码距版心右缘 {right - number.x1:.1f} mm，应空一字（{zi:.1f} mm）"))
        if not pg.number % 2 and abs(number.x0 - left - zi) > 0.7:
            out.append(Violation(pg.number, f"双页码距版心左缘 {number.x0 - left:.1f} mm，应空一字（{zi:.1f} mm）"))
    for n in blank:
        if not (expect.imprint and n == len(pages) - 1):
            out.append(Violation(n, "空白页（只允许版记页前的一页）"))
    if pages and expect.masthead:
        out += _first_page(pages[0], expect, p, top, left, right, bottom, line_mm)
    out += _closing(pages, expect, bottom)
    out += _attachment(pages, expect, body, top, left, line_mm)
    if expect.imprint:
        out += _imprint(pages, left, right, bottom, body)
    return out


def _first_page(pg: Page, expect: Expect, p: Profile, top: float, left: float, right: float, bottom: float,
                line_mm: float) -> list[Violation]:
    out: list[Violation] = []
    ink = _Ink(pg)
    centre = (left + right) / 2
    mast = ink.box("red", (0, p.page_width_mm), (top, top + 60))
    if mast is None:
        return [Violation(1, "没有红色的发文机关标志")]
    if abs(mast[1] - top - p.masthead_top_mm) > 1.0:
        out.append(Violation(1, f"发文机关标志上边缘在版心下 {mast[1] - top:.1f} mm，应为 {p.masthead_top_mm:.0f} mm"))
    if abs((mast[0] + mast[2]) / 2 - centre) > 1.0:
        out.append(Violation(1, "发文机关标志未居中"))
    rules = [s for s in pg.strokes if _is_red(s["stroke"]) or (_is_red(s["fill"]) and s["filled"])]
    rules = [s for s in rules if s["x1"] - s["x0"] > 100]
    if not rules:
        return out + [Violation(1, "没有红色分隔线")]
    rule = rules[0]
    rule_y = (rule["top"] + rule["bottom"]) / 2
    if abs(rule["x1"] - rule["x0"] - p.text_width_mm) > 1.0 or abs((rule["x0"] + rule["x1"]) / 2 - centre) > 0.5:
        out.append(Violation(1, f"红色分隔线 {rule['x0']:.1f}–{rule['x1']:.1f} mm，应与版心等宽、居中"))
    if expect.doc_number:
        number = ink.box("dark", (left, right), (mast[3] + 2, rule_y - 0.3))
        if number is None:
            out.append(Violation(1, "找不到发文字号"))
        elif abs(rule_y - number[3] - p.rule_gap_mm) > 0.5:
            out.append(Violation(1, f"红色分隔线在发文字号下 {rule_y - number[3]:.1f} mm，应为 {p.rule_gap_mm:.0f} mm"))
    if expect.party_organ:
        stars = [c for c in pg.curves if _is_red(c["fill"]) and c["filled"]]
        if not stars:
            out.append(Violation(1, "党的机关的红色分隔线上没有五角星"))
        else:
            star = stars[0]
            if abs((star["x0"] + star["x1"]) / 2 - centre) > 0.5 or abs((star["top"] + star["bottom"]) / 2 - rule_y) > 0.5:
                out.append(Violation(1, "五角星不在红色分隔线正中"))
    # The title and the 正文 are found where the engine put them: page 1's lines matched in order to the
    # notice's paragraphs (`align`), however the title's lines break and whatever their number and length.
    placed = align([pg], expect.opening, bottom)
    title = next((ln for role, _, _, ln in placed if role is Role.TITLE), None)
    if expect.title and title is None:
        out.append(Violation(1, "首页没有标题"))
    elif title is not None:
        t_ink = ink.box("dark", (left, right), (rule["bottom"] + 0.2, title.bottom + 1))
        if t_ink is None or not 2 <= (t_ink[1] - rule_y) / line_mm < 3:
            where = "" if t_ink is None else f"（{(t_ink[1] - rule_y) / line_mm:.1f} 行）"
            out.append(Violation(1, f"标题应在红色分隔线下空二行{where}"))
    if expect.body and not any(role in BODY_ROLES for role, _, _, _ in placed):
        out.append(Violation(1, "首页没有正文（7.3.3 首页必须显示正文）"))
    return out


def _closing(pages: list[Page], expect: Expect, bottom: float) -> list[Violation]:
    """7.3.5.5: the 署名's page holds 正文 (a line of a 正文 paragraph, not a title quoted in the 附件说明)."""
    if not expect.signature or not expect.body or not expect.opening:
        return []
    found = signature_page(pages, expect.opening, bottom)
    if found is None:
        return [Violation(len(pages), f"找不到署名“{expect.signature}”")]
    page, body_lines = found
    return [] if body_lines else [Violation(page, "署名所在页没有正文（7.3.5.5）")]


def signature_page(pages: list[Page], paragraphs: tuple[tuple[Role, str], ...],
                   bottom: float) -> tuple[int, int] | None:
    """The page the 署名 stands on and how many 正文 lines stand on it, or None if it is not found."""
    placed = align(pages, paragraphs, bottom)
    page = next((n for role, _, n, _ in placed if role is Role.SIGNATURE), None)
    if page is None:
        return None
    return page, sum(1 for role, _, n, _ in placed if role in BODY_ROLES and n == page)


def _attachment(pages: list[Page], expect: Expect, body: Any, top: float, left: float,
                line_mm: float) -> list[Violation]:
    if not expect.attachment_label:
        return []
    for pg in pages:
        lines = body(pg)
        if lines and _squeeze(lines[0].text) == expect.attachment_label:
            out = []
            label = lines[0]
            if abs(label.x0 - left) > 0.3 or not top <= label.top < top + line_mm:
                out.append(Violation(pg.number, "“附件”应在版心左上角第一行顶格"))
            if expect.attachment_title:
                # its first line: the line under the label that the title begins with, however it breaks
                title = lines[1] if len(lines) > 1 else None
                shown = _squeeze(title.text) if title is not None else ""
                if title is None or not shown or not expect.attachment_title.startswith(shown) or \
                        not top + 2 * line_mm <= title.top < top + 3 * line_mm + 1:
                    out.append(Violation(pg.number, "附件标题应在版心第三行"))
            return out
    return [Violation(len(pages), "附件没有另面编排（找不到首行的“附件”）")]


def _imprint(pages: list[Page], left: float, right: float, bottom: float, body: Any) -> list[Violation]:
    last = pages[-1]
    out = []
    if last.number % 2:
        out.append(Violation(last.number, "版记应在偶数页"))
    rules = sorted((s for s in last.strokes if s["x1"] - s["x0"] > 150 and not _is_red(s["stroke"])),
                   key=lambda s: s["top"])
    if not rules:
        return out + [Violation(last.number, "末页没有版记")]
    low = (rules[-1]["top"] + rules[-1]["bottom"]) / 2
    if abs(low - bottom) > 1.0:
        out.append(Violation(last.number, f"版记末条分隔线在 {low:.1f} mm，应与版心下边缘（{bottom:.0f} mm）重合"))
    if abs(rules[-1]["x0"] - left) > 1.0 or abs(rules[-1]["x1"] - right) > 1.0:
        out.append(Violation(last.number, "版记分隔线应与版心等宽"))
    return out
