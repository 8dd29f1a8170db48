"""The .docx writer: the same blocks as the text writer, each role given its GB/T 9704 layout.

Every number comes from `casplan.render.layout`; this module only applies them.
The OOXML python-docx has no API for is in `casplan.render.ooxml`; the line
arithmetic (what fits on a page) in `casplan.render.gridlines`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

from casplan.blocks import HEADINGS, Block, Role
from casplan.render.gridlines import LineCounter, count_lines, split_at, text_width
from casplan.render.layout import GBT9704, LEDGER_SIZE, PT_PER_MM, Profile
from casplan.render.numbering import label
from casplan.render.ooxml import (
    RPR_AFTER_SPACING,
    STAR_XML,
    THEME_ATTR,
    bottom_border,
    cell_borders,
    exact,
    insert_before,
    no_grid,
    page_field,
    set_fonts,
    table_width,
)

CONTINUED = "正文续段"
"""The style of a paragraph's tail carried to the next page with the 署名 (one paragraph, split for layout)."""
CENTER, LEFT, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)


@dataclass(frozen=True)
class Options:
    party_organ: bool = False  # the ★ on the red rule
    landscape: bool = False  # the ledger


def write_docx(blocks: list[Block], options: Options = Options(), profile: Profile = GBT9704) -> bytes:
    writer = _Writer(profile, options)
    writer.write(blocks)
    out = io.BytesIO()
    writer.doc.save(out)
    return out.getvalue()


class _Writer:
    def __init__(self, profile: Profile, options: Options) -> None:
        self.p = profile
        self.options = options
        self.doc: Any = Document()
        self.fonts = profile.fonts
        self._setup_page()
        self._setup_styles()
        self._page_numbers()
        self.lines = LineCounter(profile)
        self._blocks: list[Block] = []
        self._index = 0
        self._squeeze = 0  # blank lines to drop so the 署名 stays with body text

    # ------------------------------------------------------------------ document setup

    def _setup_page(self) -> None:
        p, section = self.p, self.doc.sections[0]
        width, height = Mm(p.page_width_mm), Mm(p.page_height_mm)
        if self.options.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        section.page_width, section.page_height = width, height
        section.top_margin, section.bottom_margin = Mm(p.top_mm), Mm(p.bottom_mm)
        section.left_margin, section.right_margin = Mm(p.left_mm), Mm(p.right_mm)
        if self.options.landscape:  # the 版心 turned: 天头 28, 订口 37 [practice]
            section.top_margin, section.bottom_margin = Mm(p.left_mm), Mm(p.right_mm)
            section.left_margin, section.right_margin = Mm(p.top_mm), Mm(p.bottom_mm)
        section.footer_distance = Mm(p.footer_distance_mm)
        section.header_distance = Mm(15)
        grid = section._sectPr.find(qn("w:docGrid"))
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(p.line_twips))
        self.doc.settings.odd_and_even_pages_header_footer = True

    def _setup_styles(self) -> None:
        # Theme fonts override explicit names in Word and WPS: remove every theme attribute.
        styles = self.doc.styles.element
        for rfonts in styles.iter(qn("w:rFonts")):
            for attr in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
                rfonts.attrib.pop(qn(attr), None)
        for part in self.doc.part.package.iter_parts():  # Word 2010's copy of the styles
            if str(part.partname).endswith("/stylesWithEffects.xml"):
                part._blob = THEME_ATTR.sub(b"", part.blob)
        defaults = styles.find(qn("w:docDefaults"))
        set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), self.fonts.latin, self.fonts.fangsong)
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(self.p.body_size)
        set_fonts(normal.element.get_or_add_rPr(), self.fonts.latin, self.fonts.fangsong)
        pf = normal.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Twips(self.p.line_twips)
        pf.widow_control = False

    def _page_numbers(self) -> None:
        """“— N —” in 4号半角宋体 (digits too), 空一字 from the outer edge: odd right, even left. [std 7.5]"""
        section = self.doc.sections[0]
        one_zi = Pt(self.p.page_number_size)
        for footer, align in ((section.footer, RIGHT), (section.even_page_footer, LEFT)):
            para = footer.paragraphs[0]
            para.alignment = align
            fmt = para.paragraph_format
            fmt.right_indent = one_zi if align is RIGHT else None
            fmt.left_indent = one_zi if align is LEFT else None
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
            self._run(para, "— ", self.fonts.song, self.p.page_number_size, spacing=False, latin=self.fonts.song)
            # One run per field part: LibreOffice sets a field's result in the paragraph's default size
            # (16 pt) unless the result has a run of its own [measured].
            field = self._run(para, "", self.fonts.song, self.p.page_number_size, spacing=False, latin=self.fonts.song)
            page_field(field)
            r_pr = field._r.find(qn("w:rPr"))
            for part in [c for c in field._r if c is not r_pr][1:]:
                run = self._run(para, "", self.fonts.song, self.p.page_number_size, spacing=False, latin=self.fonts.song)
                run._r.append(part)
            self._run(para, " —", self.fonts.song, self.p.page_number_size, spacing=False, latin=self.fonts.song)

    # ------------------------------------------------------------------ blocks

    def write(self, blocks: list[Block]) -> None:
        rows: list[list[str]] = []
        self._blocks = blocks
        for i, block in enumerate(blocks):
            self._index = i
            if block.role in (Role.TABLE_HEAD, Role.TABLE_ROW):
                rows.append(block.text.split("\t"))
                if i + 1 == len(blocks) or blocks[i + 1].role is not Role.TABLE_ROW:
                    self._table(rows)
                    rows = []
                continue
            getattr(self, "_" + _METHOD[block.role])(block, blocks[i + 1] if i + 1 < len(blocks) else None)
        self._imprint([b for b in blocks if b.role in (Role.COPY_TO, Role.IMPRINT)])

    def _masthead(self, block: Block, nxt: Block | None) -> None:
        """7.2.4: red, centred, its top edge 35 mm below the 版心's top."""
        size, line = self.p.masthead_size, self.p.masthead_size * self.p.masthead_line_em
        before = self.p.masthead_top_mm * PT_PER_MM - self.p.masthead_ink_em * size
        para = self._para(CENTER, line_pt=line, before_pt=before, grid=False)
        self._run(para, block.text, self.fonts.xiaobiaosong, size, color=self.p.red, spacing=False)
        self.lines.add_pt(before + line)
        if nxt is None or nxt.role is not Role.DOC_NUMBER:
            self._doc_number(Block(Role.DOC_NUMBER, ""), nxt)

    def _doc_number(self, block: Block, nxt: Block | None) -> None:
        """7.2.5 标志下空二行, centred; 7.2.7 the red rule 4 mm under it; the ★ of a Party organ."""
        self._blank(2)
        para = self._para(CENTER)
        if block.text:
            self._run(para, block.text, self.fonts.fangsong, self.p.body_size)
        bottom_border(para, self.p.rule_eighths_pt, self.p.rule_space_pt, self.p.red)
        if self.options.party_organ:
            self._star(para)
        self.lines.add(1)
        self.lines.add_pt(self.p.rule_space_pt + self.p.rule_eighths_pt / 8)  # the border adds its space

    def _title(self, block: Block, nxt: Block | None) -> None:
        """7.3.1 红线下空二行, 2号小标宋, centred, the plan's own line breaks."""
        if self.lines.page > 1 or self.lines.used_pt > 0:  # after the red rule; not atop a document
            self._blank(2)
        self._centred_lines(block.text, self.fonts.xiaobiaosong, self.p.title_size)

    def _recipients(self, block: Block, nxt: Block | None) -> None:
        """7.3.2 标题下空一行, 居左顶格."""
        self._blank(1)
        self._text(block.text, indent_chars=0)

    def _body(self, block: Block, nxt: Block | None) -> None:
        if nxt is None or nxt.role not in (Role.ATTACHMENT_NOTE, Role.SIGNATURE):
            self._text(block.text)
            return
        # 7.3.5.5: the 署名 never stands on a page without body text. If what follows (附件说明,
        # 署名, 成文日期) would start a page alone, first drop blank lines, else carry the last
        # lines of this paragraph over with it.
        free = int(self.lines.free_pt() / self.p.line_pt + 0.01)
        n = count_lines(block.text, first=2, rest=0)
        chain = self._closing_lines()
        if not n <= free < n + chain:
            self._text(block.text)
            return
        shortfall = n + chain - free
        if shortfall <= self.p.signature_blank_lines + 1:
            self._squeeze = shortfall
            self._text(block.text)
            return
        carry = min(n, 2)
        head = split_at(block.text, 26 + 28 * (n - carry - 1)) if n > carry else 0
        if head:
            self._text(block.text[:head])
        self._text(block.text[head:], indent_chars=2 if not head else 0, keep=True, continued=bool(head))

    def _closing_lines(self) -> int:
        """Lines from the blank before the 附件说明 down to the 成文日期."""
        n = 0
        for b in self._blocks[self._index + 1:]:
            if b.role is Role.ATTACHMENT_NOTE:
                hang = text_width(b.text.partition("：")[0]) + 1
                n += 1 + count_lines(b.text, first=2, rest=2 + hang)
            elif b.role is Role.SIGNATURE:
                n += self.p.signature_blank_lines + 1
            elif b.role is Role.DATE:
                return n + 1
            else:
                break
        return n

    def _squeezed_last(self, blanks: int) -> int:
        """The blank before the 附件说明 goes only when the 署名's blanks are not enough."""
        return blanks - 1 if self._squeeze > self.p.signature_blank_lines else blanks

    def _squeezed(self, blanks: int) -> int:
        """Blank lines left after taking what the closing needs to stay on the body's page."""
        taken = min(blanks, self._squeeze)
        self._squeeze -= taken
        return blanks - taken

    def _attachment_note(self, block: Block, nxt: Block | None) -> None:
        """7.3.4 正文下空一行, 左空二字 “附件：名称”, wrapped lines aligned under the name."""
        self._blank(self._squeezed_last(1), keep=True)
        head, _, _ = block.text.partition("：")
        hang = text_width(head) + 1
        self._text(block.text, indent_chars=-hang, left_chars=2 + hang, keep=True)

    def _signature(self, block: Block, nxt: Block | None) -> None:
        """7.3.5: 成文日期 右空四字, 署名 centred over it; kept on the page of the last body text."""
        self._blank(self._squeezed(self.p.signature_blank_lines), keep=True)
        date_width = text_width(nxt.text) if nxt is not None and nxt.role is Role.DATE else 0
        right = self.p.date_right_chars + (date_width - text_width(block.text)) / 2
        self._text(block.text, indent_chars=0, right_chars=max(right, 0), align=RIGHT, keep=True)

    def _date(self, block: Block, nxt: Block | None) -> None:
        self._text(block.text, indent_chars=0, right_chars=self.p.date_right_chars, align=RIGHT)

    def _attachment_label(self, block: Block, nxt: Block | None) -> None:
        """7.3.7 另面编排; “附件” in 3号黑体 on the 版心's first line."""
        para = self._para(LEFT, page_break=True)
        self._run(para, block.text, self.fonts.hei, self.p.body_size)
        self.lines.new_page()
        self.lines.add(1)

    def _attachment_title(self, block: Block, nxt: Block | None) -> None:
        """7.3.7 the attachment's title on the 版心's third line, then a blank line."""
        self._blank(1)
        self._centred_lines(block.text, self.fonts.xiaobiaosong, self.p.title_size)
        self._blank(1)

    def _heading(self, block: Block, nxt: Block | None) -> None:
        """7.3.3 一、黑体; （一）楷体; 1.（1）仿宋."""
        font = {Role.LEVEL1: self.fonts.hei, Role.LEVEL2: self.fonts.kai}.get(block.role, self.fonts.fangsong)
        text = (label(block.role, block.number) if block.number is not None else "") + block.text
        self._text(text, font=font, keep=block.role is not Role.LEVEL4 and nxt is not None)

    def _field(self, block: Block, nxt: Block | None) -> None:
        # A label that introduces what follows (“具体举措：”) stays with it, as headings do.
        self._text(block.text, keep=block.text.endswith("：") and nxt is not None)

    def _skip(self, block: Block, nxt: Block | None) -> None:
        """抄送 and 印发 are laid out together at the end (the 版记); 版式 was read before writing."""

    # ------------------------------------------------------------------ the 版记

    def _imprint(self, blocks: list[Block]) -> None:
        """7.4: the 版记 at the foot of the last page, which is even; its last rule on the 版心's bottom edge."""
        if not blocks:
            return
        size, one_zi = self.p.imprint_size, self.p.imprint_size
        rows = len(blocks)
        height = rows * self.p.line_pt
        free = self.lines.free_pt()
        # Move to an even page with room: from an odd page the next one; from a full even page the
        # even page after a blank one. (7.5 leaves that blank page unnumbered; we still number it.)
        if self.lines.page % 2 == 1:
            breaks = 1
        else:
            breaks = 0 if free >= height else 2
        for i in range(breaks):
            self.lines.new_page()
            if i < breaks - 1:  # a page with nothing on it but its number
                self._para(LEFT, page_break=True, grid=False)
        # Borders and rounding, and the 1 pt paragraph Word needs after a table: stay just inside the page.
        spacer = self.lines.free_pt() - height - 3
        para = self._para(LEFT, line_pt=max(spacer, 1), grid=False, page_break=breaks > 0)
        para.paragraph_format.line_spacing = Pt(max(spacer, 1))
        table = self.doc.add_table(rows=rows, cols=1)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table_width(table, self.p.text_width_mm)
        for i, block in enumerate(blocks):
            tr_pr = table.rows[i]._tr.get_or_add_trPr()
            tr_pr.append(parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{self.p.line_twips}" w:hRule="exact"/>'))
            tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
            cell = table.rows[i].cells[0]
            para = cell.paragraphs[0]
            exact(para, self.p.line_pt)
            no_grid(para)
            para.paragraph_format.keep_with_next = i < rows - 1
            if block.role is Role.IMPRINT:
                printer, _, date = block.text.partition("\t")
                para.paragraph_format.left_indent = Pt(one_zi)
                tab = Mm(self.p.text_width_mm) - Pt(one_zi)
                para.paragraph_format.tab_stops.add_tab_stop(tab, alignment=WD_TAB_ALIGNMENT.RIGHT)
                self._run(para, f"{printer}\t{date}", self.fonts.fangsong, size, spacing=False)
            else:
                para.paragraph_format.left_indent = Pt(one_zi)
                para.paragraph_format.right_indent = Pt(one_zi)
                para.paragraph_format.first_line_indent = Pt(0)
                self._run(para, block.text, self.fonts.fangsong, size, spacing=False)
            cell_borders(cell, top=self.p.imprint_outer_eighths_pt if i == 0 else self.p.imprint_inner_eighths_pt,
                          bottom=self.p.imprint_outer_eighths_pt if i == rows - 1 else None)
        # Word requires a paragraph after a table; make it take (almost) no room.
        tail = self._para(LEFT, line_pt=1, grid=False)
        tail.paragraph_format.line_spacing = Pt(1)
        mark = tail._p.get_or_add_pPr()
        mark.append(parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/></w:rPr>'))

    def _image(self, block: Block, nxt: Block | None) -> None:
        """A picture (the 督办报告's chart), centred, as wide as the 版心, off the grid; the lines it takes are counted."""
        para = self._para(CENTER, grid=False)
        para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        para.paragraph_format.keep_with_next = True  # with its caption
        shape = para.add_run().add_picture(block.text, width=Mm(self.p.text_width_mm))
        self.lines.add(int(shape.height.pt / self.p.line_pt) + 1)

    # ------------------------------------------------------------------ tables (the ledger)

    def _table(self, rows: list[list[str]]) -> None:
        """A table whose first row is a header repeated on every page (the 督办台账)."""
        cols = max(len(r) for r in rows)
        table: Table = self.doc.add_table(rows=len(rows), cols=cols)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        # Column widths follow how much each column holds: at least its header, at most 24 字.
        weights = [
            min(max(sum(text_width(r[c]) for r in rows if c < len(r)) / len(rows), text_width(rows[0][c]) + 2), 24.0)
            for c in range(cols)
        ]
        section = self.doc.sections[-1]
        usable = section.page_width - section.left_margin - section.right_margin
        grid_cols = table._tbl.tblGrid.findall(qn("w:gridCol"))
        for c, weight in enumerate(weights):
            width = int(usable * weight / sum(weights))
            grid_cols[c].set(qn("w:w"), str(round(width / 635)))  # EMU → twips: LibreOffice reads the grid
            for cell in table.columns[c].cells:
                cell.width = width
        for r, cells in enumerate(rows):
            row = table.rows[r]
            if r == 0:
                tr_pr = row._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                tr_pr.append(header)
            for c in range(cols):
                para = row.cells[c].paragraphs[0]
                para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # not 579 inside tables
                para.paragraph_format.first_line_indent = Pt(0)
                no_grid(para)
                text = cells[c] if c < len(cells) else ""
                font = self.fonts.hei if r == 0 else self.fonts.fangsong
                self._run(para, text, font, LEDGER_SIZE, spacing=False)

    # ------------------------------------------------------------------ primitives

    def _para(self, align: Any, *, line_pt: float | None = None, before_pt: float = 0, grid: bool = True,
              page_break: bool = False, keep: bool = False) -> Paragraph:
        para: Paragraph = self.doc.add_paragraph()
        fmt = para.paragraph_format
        fmt.alignment = align
        if line_pt is not None:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(line_pt)
        if before_pt:
            fmt.space_before = Pt(before_pt)
        if page_break:
            fmt.page_break_before = True
        if keep:
            fmt.keep_with_next = True
        if not grid:
            no_grid(para)
        return para

    def _text(self, text: str, *, font: str | None = None, indent_chars: float = 2, left_chars: float = 0,
              right_chars: float = 0, align: Any = JUSTIFY, keep: bool = False,
              continued: bool = False) -> None:
        zi = self.p.char_pt
        lines = count_lines(text, first=indent_chars + left_chars, rest=left_chars + right_chars)
        if keep and not continued and self.lines.free_lines() < lines + 1:
            self.lines.new_page()  # a heading kept with the next line moves to the next page (keep_with_next)
        para = self._para(align, keep=keep)
        if continued:  # the rest of the paragraph above, carried to the next page: one paragraph to a reader
            para.style = self._continued_style()
        fmt = para.paragraph_format
        fmt.first_line_indent = Pt(indent_chars * zi)
        if left_chars:
            fmt.left_indent = Pt(left_chars * zi)
        if right_chars:
            fmt.right_indent = Pt(right_chars * zi)
        for i, line in enumerate(text.split("\n")):
            if i:
                para.runs[-1].add_break()
            self._run(para, line, font or self.fonts.fangsong, self.p.body_size)
        self.lines.add(lines)

    def _continued_style(self) -> Any:
        from docx.enum.style import WD_STYLE_TYPE

        if CONTINUED not in [s.name for s in self.doc.styles]:
            style = self.doc.styles.add_style(CONTINUED, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.doc.styles["Normal"]
        return self.doc.styles[CONTINUED]

    def _centred_lines(self, text: str, font: str, size: float) -> None:
        # Off the grid with the grid's own pitch: a 22 pt line would otherwise snap to two grid lines.
        para = self._para(CENTER, line_pt=self.p.line_pt, grid=False)
        for i, line in enumerate(text.split("\n")):
            run = self._run(para, line, font, size, spacing=False)
            if i < len(text.split("\n")) - 1:
                run.add_break()
        self.lines.add(len(text.split("\n")))

    def _blank(self, n: int, keep: bool = False) -> None:
        for _ in range(n):
            self._para(LEFT, keep=keep)
        self.lines.add(n)

    def _run(self, para: Paragraph, text: str, font: str, size: float, *, color: str | None = None,
             spacing: bool = True, latin: str | None = None) -> Any:
        run = para.add_run(text)
        run.font.size = Pt(size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        r_pr = run._r.get_or_add_rPr()
        set_fonts(r_pr, latin or self.fonts.latin, font)
        if spacing and size == self.p.body_size:
            sp = OxmlElement("w:spacing")
            sp.set(qn("w:val"), str(round(self.p.char_spacing_pt * 20)))
            insert_before(r_pr, sp, RPR_AFTER_SPACING)
        return run

    def _star(self, para: Paragraph) -> None:
        """A red ★ (preset shape star5) centred on the rule, a white outline leaving gaps in it."""
        emu = 36000  # per mm
        size = round(self.p.star_mm * emu)
        # The rule sits the border's space below the line; centre the star on it.
        rule_mm = (self.p.line_pt + self.p.rule_space_pt) / PT_PER_MM + self.p.star_shift_mm
        offset = round((rule_mm - self.p.star_mm / 2) * emu)
        xml = STAR_XML.format(size=size, offset=offset, red=self.p.red, outline=round(self.p.star_gap_mm * emu))
        # Its run names its fonts like every other run (a run without rFonts falls back to the theme's).
        self._run(para, "", self.fonts.fangsong, self.p.body_size, spacing=False)._r.append(parse_xml(xml))


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


