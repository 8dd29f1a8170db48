from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

from casplan.render.ooxml import THEME_ATTR, bottom_border, insert_before, no_grid, page_field, set_fonts


def _children(el) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.tag.split("}")[1] for c in el]


def test_set_fonts_names_every_script_and_drops_theme_fonts() -> None:
    r_pr = parse_xml(f'<w:rPr {nsdecls("w")}><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="32"/></w:rPr>')
    set_fonts(r_pr, "Times New Roman", "仿宋_GB2312")
    fonts = r_pr.find(qn("w:rFonts"))
    assert {k.split("}")[1]: v for k, v in fonts.attrib.items()} == {
        "ascii": "Times New Roman", "hAnsi": "Times New Roman", "cs": "Times New Roman", "eastAsia": "仿宋_GB2312"}
    assert _children(r_pr) == ["rFonts", "sz"]


def test_border_and_grid_go_where_the_schema_puts_them() -> None:
    para = Document().add_paragraph()
    para.paragraph_format.first_line_indent = 10
    para.alignment = 1
    bottom_border(para, 8, 4, "FF0000")
    no_grid(para)
    assert _children(para._p.pPr) == ["pBdr", "snapToGrid", "ind", "jc"]
    border = para._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert [border.get(qn(f"w:{a}")) for a in ("val", "sz", "space", "color")] == ["single", "8", "4", "FF0000"]


def test_insert_before_appends_when_nothing_follows() -> None:
    parent = OxmlElement("w:rPr")
    insert_before(parent, OxmlElement("w:spacing"), ("sz",))
    insert_before(parent, OxmlElement("w:rFonts"), ("spacing",))
    assert _children(parent) == ["rFonts", "spacing"]


def test_page_field_parts() -> None:
    run = Document().add_paragraph().add_run()
    page_field(run)
    parts = [(c.tag.split("}")[1], c.get(qn("w:fldCharType")) or c.text) for c in run._r]
    assert parts == [("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"), ("t", "1"), ("fldChar", "end")]


def test_theme_attribute_pattern() -> None:
    xml = b'<w:rFonts w:asciiTheme="minorHAnsi" w:ascii="A" w:cstheme="minorBidi"/>'
    assert THEME_ATTR.sub(b"", xml) == b'<w:rFonts w:ascii="A"/>'
