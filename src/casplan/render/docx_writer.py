"""The .docx writer: the same blocks as the text writer, each role a paragraph style with its GB/T 9704 layout.

Every number comes from `casplan.render.layout`; this module only applies them.
Where text goes on the page is left to the layout engine (Word, WPS, LibreOffice):
what must stay together is said with the engine's own means (keep with next,
widow and orphan control, rows that never split, a repeated header), the 版记
is anchored to the bottom of the 版心 in a section that starts on an even page.
No paragraph is ever split for layout. The OOXML python-docx has no API for is in
`casplan.render.ooxml`; widths that decide a layout come from `casplan.render.metrics`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import oxml_parser
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from casplan.blocks import HEADINGS, Block, Role
from casplan.render import metrics
from casplan.render.layout import GBT9704, LEDGER_SIZE, PT_PER_MM, Profile
from casplan.render.numbering import label
from casplan.render.ooxml import (
    STAR_XML,
    THEME_ATTR,
    bottom_border,
    bottom_box,
    cell_borders,
    east_asian_language,
    no_grid,
    normalize,
    page_field,
    set_fonts,
)
from casplan.render.titles import break_title

CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)
CELL_MARGIN_TWIPS = 85  # 1.5 mm each side in the ledger's cells
WORD_MAX = 8  # 字: the longest name a ledger column is made wide enough to hold on one line
PROSE_MIN = 4  # 字: the least width of a ledger column of running text
LIST_CELL = re.compile(r"^[^，。：\s]+(?:[、；][^，。：\s]+)*$")
"""A cell that is a list of names or dates (人事局、发展规划局; 2021-09-30；2021-12-31): one item a line."""
HEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十百千]+、|（[一二三四五六七八九十百千]+）|\d+[.．、])")
"""A part or group row's text (一、提升政务服务效能) is a heading, never a list, whatever its 、."""


@dataclass(frozen=True)
class Adjust:
    """7.3.5.5 “可以采取调整行距、字距的措施解决”: the 行距 the fit (`casplan.render.fit`) chose so that the
    署名's page holds 正文. Nothing is moved or cut: only the spacing of the last 正文 paragraph and of the
    closing's blank lines changes, and the engine lays the lines out again."""

    body_pitch_pt: float | None = None  # the last 正文 paragraph's exact line height (off the grid)
    body_before_pt: float = 0.0  # space before the last 正文 paragraph
    closing_blank_pt: float | None = None  # each blank line of the closing (above 附件说明 and 署名)
    # 7.5: a blank page stands before the 版记's page (the engine's, for the even-page start): neither is numbered.
    no_imprint_number: bool = False


@dataclass(frozen=True)
class Options:
    party_organ: bool = False  # the ★ on the red rule
    landscape: bool = False  # the ledger
    title: str = ""  # document properties: the title, the author (发文机关), the 成文日期
    author: str = ""
    date: dt.date | None = None
    adjust: Adjust = Adjust()


def write_docx(blocks: list[Block], options: Options = Options(), profile: Profile = GBT9704) -> bytes:
    writer = _Writer(profile, options)
    writer.write(blocks)
    writer.finish()
    part = writer.doc.part
    if writer.chunks:
        part.__class__ = _spliced(type(part))
        part.casplan_chunks = writer.chunks
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()


CHUNK = re.compile(rb"<\?casplan-body (\d+)\?>")
"""Where the body's bulk stands in the serialized document: a processing instruction naming its chunk."""


def _spliced(kind: type) -> type:
    """The document part's class, serialized with each placeholder replaced by its chunk of XML text."""
    if kind in _SPLICED:
        return _SPLICED[kind]

    def blob(self: Any) -> bytes:
        pieces = CHUNK.split(serialize_part_xml(self._element))
        chunks: list[bytes] = self.casplan_chunks
        for k in range(1, len(pieces), 2):
            pieces[k] = chunks[int(pieces[k])]
        return b"".join(pieces)

    made = _SPLICED[kind] = type("Spliced" + kind.__name__, (kind,), {"blob": property(blob)})
    return made


_SPLICED: dict[type, type] = {}


@dataclass(frozen=True)
class _Style:
    """A paragraph style: font (East Asian family), size, alignment, indents in 字, keep with next, outline level."""

    font: str
    size: float
    align: Any = JUSTIFY
    first: float = 0.0
    left: float = 0.0
    right: float = 0.0
    keep: bool = False
    outline: int | None = None
    grid: bool = True
    color: str | None = None
    page_break: bool = False
    line_pt: float | None = None  # exact line height when not the grid's (the ledger's cells)


class _Writer:
    def __init__(self, profile: Profile, options: Options) -> None:
        self.p = profile
        self.options = options
        self.doc: Any = Document()
        self.fonts = profile.fonts
        self._shape_id = 1
        self._widths: dict[tuple[str, str, float], float] = {}  # a ledger measures each character of every cell
        self._pending: list[str] = []  # body paragraphs as XML text, not yet placed (`_plain`)
        self.chunks: list[bytes] = []  # the body's bulk as XML text, each for a placeholder (`_chunk`)
        self._style_ids: dict[str, str] = {}  # our styles' ids: a lookup by name costs a scan of every style
        self._end = self.doc.element.body.sectPr  # body paragraphs go before the document's last sectPr
        self._setup_page()
        self._setup_styles()
        self._page_numbers()
        self._started = False  # a paragraph has been written
        self._bodies = 0
        self._body_seen = 0

    # ------------------------------------------------------------------ document setup

    def _setup_page(self) -> None:
        p, section = self.p, self.doc.sections[0]
        width, height = Mm(p.page_width_mm), Mm(p.page_height_mm)
        top, bottom, left, right = p.top_mm, p.bottom_mm, p.left_mm, p.right_mm
        if self.options.landscape:  # the 版心 turned: 天头 28, 订口 37 [practice]
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
            top, bottom, left, right = p.left_mm, p.right_mm, p.top_mm, p.bottom_mm
        section.page_width, section.page_height = width, height
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        # 7.5: the dash 7 mm below the 版心, whatever the bottom margin (the landscape ledger's is 26 mm).
        section.footer_distance = Mm(p.footer_distance_mm - (p.bottom_mm - bottom))
        section.header_distance = Mm(15)
        grid = section._sectPr.find(qn("w:docGrid"))
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(p.line_twips))
        self.doc.settings.odd_and_even_pages_header_footer = True
        lang = self.doc.settings.element.find(qn("w:themeFontLang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")

    def _setup_styles(self) -> None:
        # Theme fonts override explicit names in Word and WPS: remove every theme attribute. Word 2010's
        # copy of the styles (stylesWithEffects) is dropped: it would disagree with ours.
        styles = self.doc.styles.element
        for rfonts in styles.iter(qn("w:rFonts")):
            for attr in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)
        defaults = styles.find(qn("w:docDefaults"))
        r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(r_pr, self.fonts.latin, self.fonts.fangsong)
        east_asian_language(r_pr)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(self.p.body_size)
        n_rpr = normal.element.get_or_add_rPr()
        set_fonts(n_rpr, self.fonts.latin, self.fonts.fangsong)
        self._char_spacing(n_rpr)
        pf = normal.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Twips(self.p.line_twips)
        pf.widow_control = True  # no line of a paragraph alone at a page's head or foot
        pf.alignment = JUSTIFY
        pf.first_line_indent = Pt(2 * self.p.char_pt)  # Normal is 正文: 左空二字
        # No punctuation hanging past the 版心's edge (LibreOffice hangs it in Chinese text by default).
        hang = OxmlElement("w:overflowPunct")
        hang.set(qn("w:val"), "0")
        normal.element.get_or_add_pPr().append(hang)
        f = self.fonts
        self.styles: dict[str, _Style] = {
            Role.MASTHEAD.value: _Style(f.xiaobiaosong, self.p.masthead_size, CENTER, color=self.p.red, grid=False),
            Role.DOC_NUMBER.value: _Style(f.fangsong, self.p.body_size, CENTER),
            "文件标题": _Style(f.xiaobiaosong, self.p.title_size, CENTER, grid=False),
            Role.RECIPIENTS.value: _Style(f.fangsong, self.p.body_size),
            Role.ATTACHMENT_NOTE.value: _Style(f.fangsong, self.p.body_size, first=-3, left=5, keep=True),
            Role.SIGNATURE.value: _Style(f.fangsong, self.p.body_size, RIGHT, right=self.p.date_right_chars,
                                         keep=True),
            Role.DATE.value: _Style(f.fangsong, self.p.body_size, RIGHT, right=self.p.date_right_chars),
            Role.ATTACHMENT_LABEL.value: _Style(f.hei, self.p.body_size, LEFT, page_break=True),
            Role.ATTACHMENT_TITLE.value: _Style(f.xiaobiaosong, self.p.title_size, CENTER, grid=False),
            Role.LEVEL1.value: _Style(f.hei, self.p.body_size, first=2, keep=True, outline=0),
            Role.LEVEL2.value: _Style(f.kai, self.p.body_size, first=2, keep=True, outline=1),
            Role.LEVEL3.value: _Style(f.fangsong, self.p.body_size, first=2, keep=True, outline=2),
            Role.LEVEL4.value: _Style(f.fangsong, self.p.body_size, first=2, outline=3),
            Role.FIELD.value: _Style(f.fangsong, self.p.body_size, first=2),
            Role.COPY_TO.value: _Style(f.fangsong, self.p.imprint_size, LEFT, grid=False),
            Role.IMPRINT.value: _Style(f.fangsong, self.p.imprint_size, LEFT, grid=False),
            # The grid's 28.95 pt lines are not for tables: rows would blow up [gbt9704.md §2.3].
            "表头": _Style(f.hei, LEDGER_SIZE, CENTER, line_pt=LEDGER_SIZE * 1.3, grid=False),
            "表格文字": _Style(f.fangsong, LEDGER_SIZE, LEFT, line_pt=LEDGER_SIZE * 1.3, grid=False),
        }
        for name, style in self.styles.items():
            self._add_style(name, style)
        for part in list(self.doc.part.package.iter_parts()):
            if str(part.partname).endswith("/stylesWithEffects.xml"):
                part._blob = THEME_ATTR.sub(b"", part.blob)
                for rel in list(self.doc.part.rels.values()):
                    if rel.target_part is part:
                        self.doc.part.drop_rel(rel.rId)

    def _add_style(self, name: str, s: _Style) -> None:
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        self._style_ids[name] = style.style_id
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = True
        style.font.size = Pt(s.size)
        if s.color:
            style.font.color.rgb = RGBColor.from_string(s.color)
        r_pr = style.element.get_or_add_rPr()
        set_fonts(r_pr, self.fonts.latin, s.font)
        if s.size != self.p.body_size:  # the −0.25 pt that makes 28 字 a line is for 3号 text only
            sp = OxmlElement("w:spacing")
            sp.set(qn("w:val"), "0")
            r_pr.append(sp)
        pf = style.paragraph_format
        pf.alignment = s.align
        zi = self.p.char_pt
        pf.first_line_indent = Pt(s.first * zi)
        if s.left:
            pf.left_indent = Pt(s.left * zi)
        if s.right:
            pf.right_indent = Pt(s.right * zi)
        if s.keep:
            pf.keep_with_next = True
        if s.line_pt is not None:
            pf.line_spacing = Pt(s.line_pt)
        if s.page_break:
            pf.page_break_before = True
        p_pr = style.element.get_or_add_pPr()
        if not s.grid:
            # Off the grid with the grid's own pitch: a 22 pt line would otherwise snap to two grid lines.
            snap = OxmlElement("w:snapToGrid")
            snap.set(qn("w:val"), "0")
            p_pr.append(snap)
        if s.outline is not None:
            lvl = OxmlElement("w:outlineLvl")
            lvl.set(qn("w:val"), str(s.outline))
            p_pr.append(lvl)

    def _char_spacing(self, r_pr: Any) -> None:
        sp = OxmlElement("w:spacing")
        sp.set(qn("w:val"), str(round(self.p.char_spacing_pt * 20)))
        r_pr.append(sp)

    def _page_numbers(self) -> None:
        """“— N —” in 4号半角宋体 (digits too), 空一字 from the outer edge: odd right, even left. [std 7.5]"""
        section = self.doc.sections[0]
        one_zi = Pt(self.p.page_number_size)
        footer_style = self.doc.styles["Footer"]
        footer_style.font.size = Pt(self.p.page_number_size)
        f_rpr = footer_style.element.get_or_add_rPr()
        set_fonts(f_rpr, self.fonts.song, self.fonts.song)
        sp = OxmlElement("w:spacing")
        sp.set(qn("w:val"), "0")
        f_rpr.append(sp)
        ff = footer_style.paragraph_format
        ff.first_line_indent = Pt(0)
        ff.line_spacing_rule = WD_LINE_SPACING.SINGLE
        for footer, align in ((section.footer, RIGHT), (section.even_page_footer, LEFT)):
            para = footer.paragraphs[0]
            para.style = footer_style
            para.alignment = align
            fmt = para.paragraph_format
            fmt.right_indent = one_zi if align is RIGHT else None
            fmt.left_indent = one_zi if align is LEFT else None
            para.add_run("— ")
            # One run per field part: LibreOffice sets a field's result in the paragraph's default size
            # unless the result has a run of its own [measured].
            field = para.add_run("")
            page_field(field)
            for part in list(field._r)[1:]:
                para.add_run("")._r.append(part)
            para.add_run(" —")

    # ------------------------------------------------------------------ blocks

    def write(self, blocks: list[Block]) -> None:
        rows: list[list[str]] = []
        ends = [i for i, b in enumerate(blocks) if b.role is Role.SIGNATURE]
        self._bodies = sum(1 for b in blocks[:ends[0] if ends else 0] if b.role is Role.BODY)  # the notice's 正文
        for i, block in enumerate(blocks):
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if block.role in (Role.TABLE_HEAD, Role.TABLE_ROW):
                rows.append(block.text.split("\t"))
                if nxt is None or nxt.role is not Role.TABLE_ROW:
                    self._table(rows)
                    rows = []
                continue
            getattr(self, "_" + _METHOD[block.role])(block, nxt)
        self._flush()
        self._imprint([b for b in blocks if b.role in (Role.COPY_TO, Role.IMPRINT)])

    def _masthead(self, block: Block, nxt: Block | None) -> None:
        """7.2.4: red, centred, its top edge 35 mm below the 版心's top."""
        size, line = self.p.masthead_size, self.p.masthead_size * self.p.masthead_line_em
        before = self.p.masthead_top_mm * PT_PER_MM - self.p.masthead_ink_em * size
        para = self._para(Role.MASTHEAD.value, block.text)
        para.paragraph_format.space_before = Pt(before)
        para.paragraph_format.line_spacing = Pt(line)
        if nxt is None or nxt.role is not Role.DOC_NUMBER:
            self._doc_number(Block(Role.DOC_NUMBER, ""), nxt)

    def _doc_number(self, block: Block, nxt: Block | None) -> None:
        """7.2.5 标志下空二行, centred; 7.2.7 the red rule 4 mm under it; the ★ of a Party organ."""
        self._blank(2)
        para = self._para(Role.DOC_NUMBER.value, block.text)
        bottom_border(para, self.p.rule_eighths_pt, self.p.rule_space_pt, self.p.red)
        if self.options.party_organ:
            self._star(para)

    def _title(self, block: Block, nxt: Block | None) -> None:
        """7.3.1 红线下空二行, 2号小标宋, centred, the plan's own line breaks (or breaks between words)."""
        if self._started:  # after the red rule; not atop a document
            self._blank(2)
        self._centred_lines("文件标题", block.text)
        if nxt is not None and nxt.role is not Role.RECIPIENTS:  # plan, dept: a blank line under the title
            self._blank(1)

    def _recipients(self, block: Block, nxt: Block | None) -> None:
        """7.3.2 标题下空一行, 居左顶格."""
        self._blank(1)
        self._para(Role.RECIPIENTS.value, block.text)

    def _body(self, block: Block, nxt: Block | None) -> None:
        # 7.3.5.5: the 署名 never stands on a page without body text. The last body paragraph is kept with
        # the closing (附件说明, 署名, 成文日期); with widow control the engine carries at least its last
        # two lines over with them, never a cut of the text.
        # LibreOffice moves a kept paragraph whole (Word carries its last lines, as ECMA-376 keepNext says:
        # "at least partly"), so a body of one paragraph is not kept: it would leave page 1 without 正文
        # (7.3.3); it then runs on to the 署名's page when it is long enough, and `--check` says when not.
        closing = nxt is not None and nxt.role in (Role.ATTACHMENT_NOTE, Role.SIGNATURE)
        self._body_seen += 1
        adjust = self.options.adjust
        if self._body_seen != self._bodies or adjust.body_pitch_pt is None and not adjust.body_before_pt:
            self._plain(None, block.text, keep=closing and self._bodies > 1)
        else:
            para = self._para(None, block.text, keep=closing and self._bodies > 1)
            fmt = para.paragraph_format
            if adjust.body_pitch_pt is not None:
                fmt.line_spacing = Pt(adjust.body_pitch_pt)
            if adjust.body_before_pt:
                fmt.space_before = Pt(adjust.body_before_pt)
            _off_grid(para)

    def _attachment_note(self, block: Block, nxt: Block | None) -> None:
        """7.3.4 正文下空一行, 左空二字 “附件：名称”, wrapped lines aligned under the name."""
        self._blank(1, keep=True, height=self.options.adjust.closing_blank_pt)
        head, _, _ = block.text.partition("：")
        para = self._para(Role.ATTACHMENT_NOTE.value, block.text)
        hang = self._width(head + "：", self.fonts.fangsong, self.p.body_size)
        fmt = para.paragraph_format
        fmt.left_indent = Pt(2 * self.p.char_pt + hang)
        fmt.first_line_indent = Pt(-hang)

    def _signature(self, block: Block, nxt: Block | None) -> None:
        """7.3.5: 成文日期 右空四字, 署名 centred over it (measured widths); kept with the date."""
        self._blank(self.p.signature_blank_lines, keep=True, height=self.options.adjust.closing_blank_pt)
        para = self._para(Role.SIGNATURE.value, block.text)
        if nxt is not None and nxt.role is Role.DATE:
            date = self._width(nxt.text, self.fonts.fangsong, self.p.body_size)
            name = self._width(block.text, self.fonts.fangsong, self.p.body_size)
            right = self.p.date_right_chars * self.p.char_pt + (date - name) / 2
            para.paragraph_format.right_indent = Pt(max(right, 0))

    def _date(self, block: Block, nxt: Block | None) -> None:
        self._para(Role.DATE.value, block.text)

    def _attachment_label(self, block: Block, nxt: Block | None) -> None:
        """7.3.7 另面编排; “附件” in 3号黑体 on the 版心's first line."""
        self._para(Role.ATTACHMENT_LABEL.value, block.text)

    def _attachment_title(self, block: Block, nxt: Block | None) -> None:
        """7.3.7 the attachment's title on the 版心's third line, then a blank line."""
        self._blank(1)
        self._centred_lines(Role.ATTACHMENT_TITLE.value, block.text)
        self._blank(1)

    def _heading(self, block: Block, nxt: Block | None) -> None:
        """7.3.3 一、黑体; （一）楷体; 1.（1）仿宋; styles with outline levels 1–4."""
        text = (label(block.role, block.number) if block.number is not None else "") + block.text
        if nxt is not None:
            self._plain(block.role.value, text)
        else:
            self._para(block.role.value, text).paragraph_format.keep_with_next = False

    def _field(self, block: Block, nxt: Block | None) -> None:
        # A label that introduces what follows (“具体举措：”) stays with it, as headings do.
        self._plain(Role.FIELD.value, block.text, keep=block.text.endswith("：") and nxt is not None)

    def _skip(self, block: Block, nxt: Block | None) -> None:
        """抄送 and 印发 are laid out together at the end (the 版记); 版式 was read before writing."""

    # ------------------------------------------------------------------ the 版记

    def _imprint(self, blocks: list[Block]) -> None:
        """7.4: the 版记 on an even last page, its last rule on the 版心's bottom edge.

        A section that starts on the next even page (the engine adds a blank page when the text ends on
        an even one; LibreOffice leaves it unnumbered) holds one empty paragraph anchoring a text box
        whose bottom edge is the 版心's; the 版记 table sits at the box's bottom.
        """
        if not blocks:
            return
        section = self.doc.add_section(WD_SECTION.EVEN_PAGE)
        if self.options.adjust.no_imprint_number:
            for footer in (section.footer, section.even_page_footer):
                footer.is_linked_to_previous = False  # an empty footer of its own: no page number
        width_mm = self.p.text_width_mm
        bottom = self.p.top_mm + self.p.text_height_mm + self.p.imprint_shift_mm
        drawing, content = bottom_box(width_mm, self.p.text_height_mm / 2, bottom, self._next_shape_id(), "版记")
        anchor = self._para(None, "")
        run = anchor.add_run()
        run._r.append(drawing)
        one_zi = self.p.imprint_size
        table = self.doc.add_table(rows=len(blocks), cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        twips = round(width_mm / 25.4 * 1440)
        tbl_pr = table._tbl.tblPr
        tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{twips}" w:type="dxa"/>'))
        tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
        tbl_pr.append(parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/>'
                                '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'))
        table._tbl.tblGrid.findall(qn("w:gridCol"))[0].set(qn("w:w"), str(twips))
        rows = len(blocks)
        for i, block in enumerate(blocks):
            row = table.rows[i]
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
            tr_pr.append(parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{self.p.line_twips}" w:hRule="atLeast"/>'))
            cell = row.cells[0]
            cell.width = Mm(width_mm)
            para = cell.paragraphs[0]
            self._style_cell(para, block.role.value)
            para.paragraph_format.line_spacing = Pt(self.p.line_pt)
            fmt = para.paragraph_format
            fmt.left_indent = Pt(one_zi)  # 7.4.2 左右各空一字; 7.4.3 印发机关左空一字
            if block.role is Role.IMPRINT:
                printer, _, date = block.text.partition("\t")
                # Tab stops count from the cell's edge (no cell margins): 印发日期右空一字.
                fmt.tab_stops.add_tab_stop(Mm(width_mm) - Pt(one_zi), alignment=WD_TAB_ALIGNMENT.RIGHT)
                _run(para._p, f"{printer}\t{date}")
            else:
                fmt.right_indent = Pt(one_zi)
                # 回行时与冒号后的首字对齐 (7.4.2): the wrapped lines hang under the first name.
                hang = self._width(block.text.partition("：")[0] + "：", self.fonts.fangsong, self.p.imprint_size)
                fmt.left_indent = Pt(one_zi + hang)
                fmt.first_line_indent = Pt(-hang)
                _run(para._p, block.text)
            cell_borders(cell, top=self.p.imprint_outer_eighths_pt if i == 0 else self.p.imprint_inner_eighths_pt,
                         bottom=self.p.imprint_outer_eighths_pt if i == rows - 1 else None)
        content.append(table._tbl)
        # A table is followed by a paragraph in every story; this one takes no room under the last rule.
        tail = OxmlElement("w:p")
        tail.append(parse_xml(f'<w:pPr {nsdecls("w")}><w:snapToGrid w:val="0"/><w:spacing w:line="20" '
                              'w:lineRule="exact"/><w:ind w:firstLine="0"/><w:rPr><w:sz w:val="2"/></w:rPr>'
                              '</w:pPr>'))
        content.append(tail)

    def _image(self, block: Block, nxt: Block | None) -> None:
        """A picture (the 督办报告's chart), centred, as wide as the 版心, off the grid: the engine places it."""
        para = self._para(None, "", keep=True)  # kept with its caption
        fmt = para.paragraph_format
        fmt.alignment = CENTER
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        para._p.get_or_add_pPr().append(parse_xml(f'<w:snapToGrid {nsdecls("w")} w:val="0"/>'))
        para.add_run().add_picture(block.text, width=Mm(self.p.text_width_mm))

    # ------------------------------------------------------------------ tables (the ledger)

    def _table(self, rows: list[list[str]]) -> None:
        """The 督办台账: the header repeated on every page, rows never split, columns from measured widths."""
        self._flush()
        cols = max(len(r) for r in rows)
        rows = [r + [""] * (cols - len(r)) for r in rows]
        table = self.doc.add_table(rows=0, cols=cols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        section = self.doc.sections[-1]
        usable = (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU → pt
        widths = self._column_widths(rows, usable)
        tbl_pr = table._tbl.tblPr
        tbl_pr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{round(sum(widths) * 20)}" w:type="dxa"/>'))
        tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
        tbl_pr.append(parse_xml(f'<w:tblCellMar {nsdecls("w")}><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
                                f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>'))
        grid_cols = table._tbl.tblGrid.findall(qn("w:gridCol"))
        twips = [str(Pt(width).twips) for width in widths]
        for c, width in enumerate(widths):
            grid_cols[c].set(qn("w:w"), str(round(width * 20)))
        lists = [c for c in range(cols) if self._is_list_column(rows, c)]
        styles = (escape(self._style_ids["表头"], _QUOTE), escape(self._style_ids["表格文字"], _QUOTE))
        # The rows as one XML text, parsed by lxml at once: python-docx's row.cells scans the whole table
        # (quadratic in the rows) and building elements one by one from Python costs ~5 µs each.
        xml = []
        for r, cells in enumerate(rows):
            row = ["<w:tr><w:trPr><w:cantSplit/>"]  # a row never splits across pages
            row.append("<w:tblHeader/></w:trPr>" if r == 0 else "</w:trPr>")  # the header atop every page
            for c, text in enumerate(cells):
                row.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips[c]}"/></w:tcPr>'
                           f'<w:p><w:pPr><w:pStyle w:val="{styles[r > 0]}"/></w:pPr>')
                if r > 0 and c in lists and not HEADING_NUMBER.match(text):
                    # One name (or date) a line: a name is never broken inside.
                    parts = _LIST_SPLIT.split(text)
                    row.extend(_run_xml(part, br=k < len(parts) - 1) for k, part in enumerate(parts))
                else:
                    row.append(_run_xml(text))
                row.append("</w:p></w:tc>")
            row.append("</w:tr>")
            xml.append("".join(row))
        table._tbl.append(self._chunk(xml))
        self._started = True

    def _is_list_column(self, rows: list[list[str]], c: int) -> bool:
        cells = [r[c] for r in rows[1:] if r[c] and not HEADING_NUMBER.match(r[c])]
        return bool(cells) and all(LIST_CELL.match(t) for t in cells) and any(re.search("[、；]", t) for t in cells)

    def _column_widths(self, rows: list[list[str]], usable: float) -> list[float]:
        """Each column at least as wide as its widest word (a header, a name, a date), the rest shared by need.

        Widths are measured in the cells' fonts; a column never gets more than its widest cell needs.
        """
        pad = 2 * CELL_MARGIN_TWIPS / 20 + 1
        cols = len(rows[0])

        def w(text: str, header: bool) -> float:
            return self._width(text, self.fonts.hei if header else self.fonts.fangsong, LEDGER_SIZE)

        widths, prose, need = [], [], []
        for c in range(cols):
            cells = [r[c] for r in rows[1:]]
            if self._is_list_column(rows, c):
                # The widest name (up to WORD_MAX 字: a collective unit longer than that may wrap).
                tokens = {t for text in cells for t in _LIST_SPLIT.split(text) if t}
                widest = max((w(t, False) for t in tokens), default=0.0)
                widths.append(min(widest, (WORD_MAX + 1) * LEDGER_SIZE) + pad)  # the name and its 、
                continue
            full = [w(text, False) for text in cells]
            words = [w(t, False) for t in {t for text in cells for t in _WORD.findall(text)}]
            if max(full, default=0.0) <= max(max(words, default=0.0), 2 * LEDGER_SIZE):  # numbers, dates
                widths.append(max(max(full, default=0.0), w(rows[0][c], True) if len(rows[0][c]) <= 2 else 0.0,
                                  2 * LEDGER_SIZE) + pad)
                continue
            widths.append(min(max(full), PROSE_MIN * LEDGER_SIZE) + pad)
            prose.append(c)
            need.append(sum(full) / len(full))
        # Running text shares what is left by how much it holds, never more than its longest cell.
        spare = usable - sum(widths)
        while spare > 0.5 and prose:
            total = sum(need)
            grown = [c for c in prose]
            for c, n in zip(grown, need):
                widths[c] += spare * n / total
            spare = usable - sum(widths)
        if sum(widths) > usable:  # no room even for the words: shrink all alike
            widths = [x * usable / sum(widths) for x in widths]
        return widths

    # ------------------------------------------------------------------ finishing

    def finish(self) -> None:
        """Document properties from the plan; no thumbnail; every container in schema order."""
        props = self.doc.core_properties
        props.title = self.options.title
        props.author = self.options.author
        props.last_modified_by = self.options.author
        props.comments = ""
        props.subject = ""
        props.keywords = ""
        props.category = ""
        props.revision = 1
        when = dt.datetime.combine(self.options.date or dt.date.today(), dt.time(9, 0))
        props.created = when
        props.modified = when
        props.last_printed = when
        package = self.doc.part.package
        for rel in list(package.rels.values()):
            if rel.reltype.endswith("/thumbnail"):
                del package.rels[rel.rId]
        normalize(self.doc.element)
        normalize(self.doc.styles.element)
        for section in self.doc.sections:
            for footer in (section.footer, section.even_page_footer):
                normalize(footer._element)

    # ------------------------------------------------------------------ primitives

    def _para(self, style: str | None, text: str, *, keep: bool = False) -> Paragraph:
        """A body paragraph in `style` (None: Normal, the 正文), its lines joined by line breaks.

        Built with lxml directly (python-docx's paragraph API costs ~0.7 ms a paragraph, its style lookup
        a scan of every style): the same XML python-docx writes, in linear time.
        """
        self._flush()
        p = _element(None, "p")
        if style is not None or keep:
            p_pr = _element(p, "pPr")
            if style is not None:
                _element(p_pr, "pStyle").set(_VAL, self._style_ids[style])
            if keep:
                _element(p_pr, "keepNext")
        lines = text.split("\n")
        for i, line in enumerate(lines):
            r = _run(p, line)
            if i < len(lines) - 1:
                _element(r, "br")
        self._end.addprevious(p)
        self._started = True
        return Paragraph(p, self.doc._body)

    def _plain(self, style: str | None, text: str, *, keep: bool = False) -> None:
        """`_para` for a paragraph nothing changes afterwards (the bulk: headings, 正文, fields): its XML text
        waits in `_pending`, and goes in as one chunk of text before anything else is added (`_flush`)."""
        xml = ["<w:p>"]
        if style is not None or keep:
            xml.append("<w:pPr>")
            if style is not None:
                xml.append(f'<w:pStyle w:val="{escape(self._style_ids[style], _QUOTE)}"/>')
            xml.append("<w:keepNext/></w:pPr>" if keep else "</w:pPr>")
        lines = text.split("\n")
        last = len(lines) - 1
        xml.extend(_run_xml(line, br=i < last) for i, line in enumerate(lines))
        xml.append("</w:p>")
        self._pending.append("".join(xml))
        self._started = True

    def _flush(self) -> None:
        """The paragraphs `_plain` keeps back, into the body in their order, before whatever comes next."""
        if self._pending:
            self._end.addprevious(self._chunk(self._pending))
            self._pending = []

    def _chunk(self, xml: list[str]) -> Any:
        """A placeholder for `xml` (WordprocessingML text, in schema order, as lxml would write it): the
        document is serialized around it and the text put in its place (`write_docx`). Ten thousand tasks
        are a million elements: as text they cost a tenth of the memory and no parsing at all."""
        text = "".join(xml)
        bad = _NOT_XML.search(text)
        if bad is not None:  # what lxml says of a string it cannot hold
            raise ValueError(f"All strings must be XML compatible: {bad.group()!r}")
        self.chunks.append(text.encode("utf-8"))
        return etree.ProcessingInstruction("casplan-body", str(len(self.chunks) - 1))

    def _style_cell(self, para: Paragraph, style: str) -> None:
        _style(para._p, self._style_ids[style])

    def _centred_lines(self, style: str, text: str) -> None:
        s = self.styles[style]
        room = self.p.text_width_mm * PT_PER_MM
        if self.options.landscape:
            room = (self.p.page_height_mm - self.p.top_mm - self.p.bottom_mm) * PT_PER_MM
        lines = [part for line in text.split("\n")
                 for part in break_title(line, lambda t: self._width(t, s.font, s.size), room)]
        para = self._para(style, "\n".join(lines))
        para.paragraph_format.line_spacing = Pt(self.p.line_pt)

    def _blank(self, n: int, keep: bool = False, height: float | None = None) -> None:
        for _ in range(n):
            para = self._para(None, "", keep=keep)
            if height is not None:
                para.paragraph_format.line_spacing = Pt(height)
                _off_grid(para)

    def _width(self, text: str, font: str, size: float) -> float:
        key = (text, font, size)
        found = self._widths.get(key)
        if found is None:
            spacing = self.p.char_spacing_pt if size == self.p.body_size else 0.0
            found = self._widths[key] = metrics.width_pt(text, font, self.fonts.latin, size, spacing)
        return found

    def _next_shape_id(self) -> int:
        self._shape_id += 1
        return self._shape_id

    def _star(self, para: Paragraph) -> None:
        """A red ★ (preset shape star5) centred on the rule, a white outline leaving gaps in it."""
        emu = 36000  # per mm
        size = round(self.p.star_mm * emu)
        # The rule sits the border's space below the line; centre the star on it.
        rule_mm = (self.p.line_pt + self.p.rule_space_pt) / PT_PER_MM + self.p.star_shift_mm
        offset = round((rule_mm - self.p.star_mm / 2) * emu)
        xml = STAR_XML.format(size=size, offset=offset, red=self.p.red, outline=round(self.p.star_gap_mm * emu),
                              id=self._next_shape_id())
        para.add_run()._r.append(parse_xml(xml))


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


_NSMAP = {"w": _W[1:-1]}


def _element(parent: Any, name: str) -> Any:
    """A new w:`name` (of python-docx's element classes, as OxmlElement makes it), appended to `parent` if any."""
    if parent is None:
        return oxml_parser.makeelement(_W + name, nsmap=_NSMAP)
    return etree.SubElement(parent, _W + name)


def _style(p: Any, style_id: str) -> None:
    """Paragraph `p` in the style `style_id` (its pPr is new: `p` has no properties yet)."""
    p_pr = _element(None, "pPr")
    p.insert(0, p_pr)
    _element(p_pr, "pStyle").set(_VAL, style_id)


def _run(p: Any, text: str) -> Any:
    """A run of `text` appended to `p`, as python-docx's add_run writes it: a tab is a w:tab, a line end a w:br."""
    r = _element(p, "r")
    if not text:
        return r
    if "\t" not in text and "\n" not in text and "\r" not in text:
        t = _element(r, "t")
        t.text = text
        if text[0].isspace() or text[-1].isspace():
            t.set(_SPACE, "preserve")
        return r
    for k, piece in enumerate(_BREAKS.split(text)):
        if k % 2:
            _element(r, "tab" if piece == "\t" else "br")
        elif piece:
            t = _element(r, "t")
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_SPACE, "preserve")
    return r


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile(r"(\t|\r|\n)")  # what python-docx writes as w:tab and w:br
_LIST_SPLIT = re.compile(r"(?<=[、；])")
_WORD = re.compile(r"[0-9A-Za-z.\-]+|.")
_QUOTE = {"\"": "&quot;"}


def _run_xml(text: str, br: bool = False) -> str:
    """`_run` as XML text (and a line break at its end with `br`)."""
    if not text:
        return "<w:r><w:br/></w:r>" if br else "<w:r/>"
    if "\t" not in text and "\n" not in text and "\r" not in text:
        space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
        return f"<w:r><w:t{space}>{escape(text)}</w:t>{'<w:br/>' if br else ''}</w:r>"
    out = ["<w:r>"]
    for k, piece in enumerate(_BREAKS.split(text)):
        if k % 2:
            out.append("<w:tab/>" if piece == "\t" else "<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if piece[0].isspace() or piece[-1].isspace() else ""
            out.append(f"<w:t{space}>{escape(piece)}</w:t>")
    out.append("<w:br/></w:r>" if br else "</w:r>")
    return "".join(out)


def _off_grid(para: Paragraph) -> None:
    """Lines of their own height: on the grid LibreOffice would round a taller line up to two grid lines."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    para._p.get_or_add_pPr().append(snap)


_METHOD = {
    Role.MASTHEAD: "masthead",
    Role.DOC_NUMBER: "doc_number",
    Role.TITLE: "title",
    Role.RECIPIENTS: "recipients",
    Role.BODY: "body",
    Role.ATTACHMENT_NOTE: "attachment_note",
    Role.SIGNATURE: "signature",
    Role.DATE: "date",
    Role.ATTACHMENT_LABEL: "attachment_label",
    Role.ATTACHMENT_TITLE: "attachment_title",
    **{role: "heading" for role in HEADINGS},
    Role.FIELD: "field",
    Role.COPY_TO: "skip",
    Role.IMPRINT: "skip",
    Role.LAYOUT: "skip",
    Role.IMAGE: "image",
}
