"""OOXML that python-docx has no API for: East Asian fonts, borders, grid, fields, the ★ shape.

Element names and child order follow ECMA-376 Part 1 (WordprocessingML).
"""

from __future__ import annotations

import re
from typing import Any

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

THEME_ATTR = re.compile(rb' w:(?:asciiTheme|eastAsiaTheme|hAnsiTheme|cstheme)="[^"]*"')
"""Theme font attributes: they override explicit font names in Word and WPS."""


def set_fonts(r_pr: Any, latin: str, east_asian: str) -> None:
    rfonts = r_pr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        r_pr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


def no_grid(para: Paragraph) -> None:
    """Leave the document grid: big type, tables and spacers keep their own line height."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    insert_before(para._p.get_or_add_pPr(), snap, PPR_AFTER_SNAP)


# ECMA-376 fixes the order of a pPr's and an rPr's children; Word refuses files that break it.
PPR_AFTER_SNAP = ("spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
                   "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
RPR_AFTER_SPACING = ("w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
                      "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")

# The sequences of ECMA-376 Part 1 (transitional schema, wml.xsd) for the containers this writer fills.
SEQUENCES: dict[str, tuple[str, ...]] = {
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
            "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
            *PPR_AFTER_SNAP),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
            "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
            *RPR_AFTER_SPACING),
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
              "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
              "tblCaption", "tblDescription"),
    "trPr": ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
             "tblHeader", "tblCellSpacing", "jc", "hidden"),
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
             "textDirection", "tcFitText", "vAlign", "hideMark"),
    "tblBorders": ("top", "left", "start", "bottom", "right", "end", "insideH", "insideV"),
    "tcBorders": ("top", "left", "start", "bottom", "right", "end", "insideH", "insideV", "tl2br", "tr2bl"),
    "pBdr": ("top", "left", "bottom", "right", "between", "bar"),
    "sectPr": ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
               "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
               "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"),
    "style": ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
              "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
              "rPr", "tblPr", "trPr", "tcPr", "tblStylePr"),
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def normalize(root: Any) -> None:
    """Put the children of every container in `root` in schema order; a later duplicate replaces an earlier one.

    Builders (python-docx and ours) append properties as they go; this pass makes the
    result what ECMA-376 says, whatever the order they were set in. Only the containers
    SEQUENCES names are visited (lxml finds them by tag), so a large body costs little.
    """
    for parent in list(root.iter(*_RANKS)):
        if len(parent) < 2:
            continue
        rank = _RANKS[parent.tag]
        last = len(rank)
        seen: dict[str, Any] = {}
        for child in list(parent):
            tag = child.tag
            if isinstance(tag, str) and tag in rank and tag not in _REPEATABLE:
                if tag in seen:
                    parent.remove(seen[tag])
                seen[tag] = child
        keyed = [(rank.get(c.tag, last) if isinstance(c.tag, str) else last, i, c) for i, c in enumerate(parent)]
        if all(keyed[k][0] <= keyed[k + 1][0] for k in range(len(keyed) - 1)):
            continue  # already in order
        for _, _, child in sorted(keyed, key=lambda k: (k[0], k[1])):
            parent.append(child)


_RANKS = {_W + tag: {_W + name: i for i, name in enumerate(order)} for tag, order in SEQUENCES.items()}
_REPEATABLE = {_W + "headerReference", _W + "footerReference"}


def insert_before(parent: Any, element: Any, later: tuple[str, ...]) -> None:
    """Put `element` before the first child of `parent` that the schema orders after it."""
    tags = {qn("w:" + name) for name in later}
    following = next((child for child in parent if child.tag in tags), None)
    if following is not None:
        following.addprevious(element)
    else:
        parent.append(element)


def exact(para: Paragraph, line_pt: float) -> None:
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line_pt)
    fmt.first_line_indent = Pt(0)


def bottom_border(para: Paragraph, size: int, space_pt: int, color: str) -> None:
    p_pr = para._p.get_or_add_pPr()
    borders = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="{size}" w:space="{space_pt}" w:color="{color}"/></w:pBdr>'
    )
    # pBdr must precede spacing, ind and jc in pPr (ECMA-376 sequence).
    anchor = next((c for c in p_pr if c.tag in {qn("w:shd"), qn("w:tabs"), qn("w:spacing"), qn("w:ind"), qn("w:jc")}), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        p_pr.append(borders)


def cell_borders(cell: Any, top: int | None, bottom: int | None) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    parts = []
    for side, size in (("top", top), ("bottom", bottom)):
        if size:
            parts.append(f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>')
    parts += ['<w:left w:val="nil"/>', '<w:right w:val="nil"/>']
    tc_pr.append(parse_xml(f'<w:tcBorders {nsdecls("w")}>{"".join(parts)}</w:tcBorders>'))


def table_width(table: Table, width_mm: float) -> None:
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(width_mm / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    tbl_pr.append(width)
    for cell in table.columns[0].cells:
        cell.width = Mm(width_mm)


def page_field(run: Any) -> None:
    """A PAGE field: begin, instruction, separator, a placeholder digit, end."""
    r = run._r
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        r.append(el)


STAR_XML = (
    '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251659264" '
    'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>{offset}</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{size}" cy="{size}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:wrapNone/><wp:docPr id="{id}" name="五角星"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr/><wps:spPr>'
    '<a:xfrm><a:off x="0" y="0"/><a:ext cx="{size}" cy="{size}"/></a:xfrm>'
    '<a:prstGeom prst="star5"><a:avLst/></a:prstGeom>'
    '<a:solidFill><a:srgbClr val="{red}"/></a:solidFill>'
    '<a:ln w="{outline}"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln>'
    '</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
)


BOX_XML = (
    '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="251660288" '
    'behindDoc="0" locked="1" layoutInCell="1" allowOverlap="0">'
    '<wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
    '<wp:positionV relativeFrom="page"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:wrapNone/><wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
    '<a:xfrm><a:off x="0" y="0"/><a:ext cx="{width}" cy="{height}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
    '<wps:txbx><w:txbxContent/></wps:txbx>'
    '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="b" anchorCtr="0">'
    '<a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
)
"""A text box whose bottom edge is the 版心's, its content set at its own bottom (bodyPr anchor="b"):
where the 版记 goes, whatever the text above it. The box is placed from the page's top edge: LibreOffice
7.4 puts a box "aligned to the bottom of the margin" 2.1 mm below the 版心 [measured], an absolute offset
from the page is read alike by every engine."""


def bottom_box(width_mm: float, height_mm: float, bottom_mm: float, shape_id: int, name: str) -> tuple[Any, Any]:
    """(the w:drawing element, its w:txbxContent to fill): a box `height_mm` tall ending `bottom_mm` below the
    page's top edge."""
    emu = 36000
    drawing = parse_xml(BOX_XML.format(width=round(width_mm * emu), height=round(height_mm * emu), id=shape_id,
                                       name=name, top=round((bottom_mm - height_mm) * emu)))
    content = next(drawing.iter(qn("w:txbxContent")))
    return drawing, content


def east_asian_language(r_pr: Any, lang: str = "zh-CN") -> None:
    """w:lang: the East Asian language decides punctuation width (“ ” full width) and line breaking rules."""
    el = r_pr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        r_pr.append(el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), "ar-SA")
