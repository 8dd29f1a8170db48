"""The .docx writer read back with python-docx: page, grid, fonts, footers, 版头 — no renderer needed.

The numbers come from casplan.render.layout (and from ECMA-376 for the units: twips are
1/20 pt, w:sz half-points, border w:sz eighths of a point, EMU 36000 per mm).
What LibreOffice makes of them is measured in test_layout_pdf.py.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from typer.testing import CliRunner

from casplan.blocks import Block, Role
from casplan.cli import app
from casplan.render.docx_writer import Options, write_docx
from casplan.render.layout import GBT9704, PT_PER_MM

ROOT = Path(__file__).resolve().parents[2]
P = GBT9704
F = P.fonts
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
EMU_PER_MM = 36000
THEME_ATTR = re.compile(r"w:(?:ascii|hAnsi|eastAsia|cs)[Tt]heme=")


def _cli_render(out: Path, plan: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(out), "--plan", str(plan)], prog_name="casplan",
                                env={"COLUMNS": "100", "NO_COLOR": "1"}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The embedded plan as .docx and .txt; the same plan with 党的机关: false; the 版记 test plan."""
    tmp = tmp_path_factory.mktemp("docx")
    _cli_render(tmp / "notice.docx", ROOT / "plan")
    _cli_render(tmp / "notice.txt", ROOT / "plan")
    plan = tmp / "plan"
    shutil.copytree(ROOT / "plan", plan)
    yaml = plan / "plan.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert "\n党的机关: true\n" in text
    yaml.write_text(text.replace("\n党的机关: true\n", "\n党的机关: false\n"), encoding="utf-8")
    _cli_render(tmp / "government.docx", plan)
    _cli_render(tmp / "imprint.docx", ROOT / "tests" / "data" / "imprint")
    return {"notice": tmp / "notice.docx", "text": tmp / "notice.txt", "government": tmp / "government.docx",
            "imprint": tmp / "imprint.docx"}


@pytest.fixture(scope="module")
def notice(rendered: dict[str, Path]) -> Any:
    return docx.Document(str(rendered["notice"]))


def _doc(blocks: list[Block], **options: bool) -> Any:
    return docx.Document(io.BytesIO(write_docx(blocks, Options(**options))))


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def _fonts(run: Any) -> dict[str, str]:
    """The run's own rFonts attributes, by local name."""
    r_pr = run.find(qn("w:rPr"))
    rfonts = None if r_pr is None else r_pr.find(qn("w:rFonts"))
    return {} if rfonts is None else {k.split("}")[1]: v for k, v in rfonts.attrib.items()}


def _para(doc: Any, text: str) -> Any:
    (para,) = [p for p in doc.paragraphs if p.text == text]
    return para


def _style_chain(style: Any) -> list[Any]:
    chain = []
    while style is not None:
        chain.append(style)
        style = style.base_style
    return chain


def _effective(para: Any, run: Any) -> tuple[str, float]:
    """(East Asian font, size in pt) of a run: its own, else its paragraph style's chain (Normal last)."""
    font = _fonts(run._r).get("eastAsia")
    size = run.font.size.pt if run.font.size is not None else None
    for style in _style_chain(para.style):
        r_pr = style.element.find(qn("w:rPr"))
        rfonts = None if r_pr is None else r_pr.find(qn("w:rFonts"))
        if font is None and rfonts is not None:
            font = rfonts.get(qn("w:eastAsia"))
        if size is None and style.font.size is not None:
            size = style.font.size.pt
    assert font is not None and size is not None
    return font, size


def _role(para: Any) -> tuple[set[str], set[float]]:
    """(East Asian fonts, sizes in pt) of a paragraph's text runs, through its style."""
    runs = [r for r in para.runs if r.text]
    found = [_effective(para, r) for r in runs]
    return {f for f, _ in found}, {z for _, z in found}


# ---------------------------------------------------------------------------- page, grid, Normal


def test_page_is_a4_with_the_type_area_margins(notice: Any) -> None:
    """5.1 A4; 5.2.1 天头 37, 订口 28, 版心 156 × 225 → bottom 35, right 26 (twips in the XML)."""
    (section,) = notice.sections
    sect = section._sectPr
    pg_sz, pg_mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    assert (pg_sz.get(qn("w:w")), pg_sz.get(qn("w:h"))) == ("11906", "16838")
    margins = {side: pg_mar.get(qn(f"w:{side}")) for side in ("top", "bottom", "left", "right")}
    assert margins == {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}
    assert [round(m.mm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)] == [37.0, 35.0, 28.0, 26.0]
    assert abs(section.footer_distance.mm - P.footer_distance_mm) < 0.02


def test_grid_is_lines_of_579_twips(notice: Any) -> None:
    grid = notice.sections[0]._sectPr.find(qn("w:docGrid"))
    assert (grid.get(qn("w:type")), grid.get(qn("w:linePitch"))) == ("lines", "579")


def test_normal_is_exact_579_twips_in_3hao_fangsong(notice: Any) -> None:
    normal = notice.styles["Normal"].element
    spacing = normal.find(qn("w:pPr")).find(qn("w:spacing"))
    assert {k.split("}")[1]: v for k, v in spacing.attrib.items()} == {
        "before": "0", "after": "0", "line": "579", "lineRule": "exact"}
    assert _fonts(normal) == {"ascii": F.latin, "hAnsi": F.latin, "cs": F.latin, "eastAsia": F.fangsong}
    assert normal.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "32"
    defaults = notice.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert _fonts(defaults) == {"ascii": F.latin, "hAnsi": F.latin, "cs": F.latin, "eastAsia": F.fangsong}


# ---------------------------------------------------------------------------- fonts on every run


def _all_runs(doc: Any) -> list[Any]:
    """Every w:r of the body (tables included) and of every footer."""
    runs = list(doc.element.body.iter(qn("w:r")))
    section = doc.sections[0]
    for footer in (section.footer, section.even_page_footer):
        runs += list(footer._element.iter(qn("w:r")))
    return runs






@pytest.mark.parametrize("name", ["notice", "imprint"])
def test_no_theme_fonts_in_styles_document_or_footers(rendered: dict[str, Path], name: str) -> None:
    """Theme font attributes override the explicit names in Word and WPS."""
    for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        assert THEME_ATTR.findall(_part(rendered[name], part)) == [], part




# ---------------------------------------------------------------------------- page numbers


def _footer_parts(para: Any) -> list[tuple[str, str]]:
    parts = []
    for run in para._p.iter(qn("w:r")):
        for child in run:
            tag = child.tag.split("}")[1]
            if tag == "t":
                parts.append(("t", child.text))
            elif tag == "fldChar":
                parts.append(("fldChar", child.get(qn("w:fldCharType"))))
            elif tag == "instrText":
                parts.append(("instrText", child.text))
    return parts


def test_page_numbers_odd_right_even_left_one_zi_in(notice: Any) -> None:
    """7.5: 4号半角宋体 “— N —”; 单页码居右空一字, 双页码居左空一字; different odd and even footers."""
    assert notice.settings.odd_and_even_pages_header_footer is True
    assert notice.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    section = notice.sections[0]
    expected = [("t", "— "), ("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"), ("t", "1"),
                ("fldChar", "end"), ("t", " —")]
    for footer, align, indent in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                  (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        (para,) = footer.paragraphs
        assert (para.alignment if para.alignment is not None else para.style.paragraph_format.alignment) == align
        ind = para._p.pPr.find(qn("w:ind"))
        assert {k.split("}")[1]: v for k, v in ind.attrib.items()} == {indent: "280"}  # 14 pt = 空一字
        assert _footer_parts(para) == expected
        assert para.style.name == "Footer"  # 4号宋体, digits too, in the Footer style
        rfonts = para.style.element.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert (rfonts.get(qn("w:eastAsia")), rfonts.get(qn("w:ascii"))) == (F.song, F.song)
        assert para.style.font.size.pt == P.page_number_size
        assert all(r.find(qn("w:rPr")) is None for r in para._p.iter(qn("w:r")))  # no run overrides it


def test_page_number_field_result_has_a_run_of_its_own(notice: Any) -> None:
    """LibreOffice sets a field's result at the paragraph's size unless it has its own run [measured: 16 pt]."""
    (para,) = notice.sections[0].footer.paragraphs
    per_run = [[c.tag.split("}")[1] for c in r if c.tag != qn("w:rPr")] for r in para._p.iter(qn("w:r"))]
    assert per_run == [["t"], ["fldChar"], ["instrText"], ["fldChar"], ["t"], ["fldChar"], ["t"]]


# ---------------------------------------------------------------------------- the 版头


def _rule_paragraphs(doc: Any) -> list[Any]:
    return [p for p in doc.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None]


def test_red_rule_is_the_bottom_border_of_the_doc_number(notice: Any) -> None:
    """7.2.7: a red rule under the 字号 (here empty: the plan has none), two blank lines under the 标志."""
    (rule,) = _rule_paragraphs(notice)
    paras = notice.paragraphs
    i = next(n for n, p in enumerate(paras) if p._p is rule._p)
    assert [p.text for p in paras[i - 3:i + 1]] == ["中共中国科学院党组文件", "", "", ""]
    assert (rule.alignment or rule.style.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.CENTER
    (bottom,) = rule._p.pPr.find(qn("w:pBdr"))
    assert bottom.tag == qn("w:bottom")
    assert {k.split("}")[1]: v for k, v in bottom.attrib.items()} == {
        "val": "single", "sz": str(P.rule_eighths_pt), "space": str(P.rule_space_pt), "color": "FF0000"}
    assert P.rule_eighths_pt == 8  # 1 pt ≈ 0.35 mm
    tags = [c.tag.split("}")[1] for c in rule._p.pPr]
    assert tags[0] == "pStyle"  # spacing and alignment come from the 发文字号 style
    # ECMA-376 CT_PPrBase order: pBdr before spacing, ind and jc, or Word rejects the file.
    assert all(tags.index("pBdr") < tags.index(t) for t in ("spacing", "ind", "jc") if t in tags)


def test_doc_number_is_centred_3hao_fangsong_over_the_rule() -> None:
    doc = _doc([Block(Role.MASTHEAD, "某某文件"), Block(Role.DOC_NUMBER, "科发党字〔2021〕1号"),
                Block(Role.TITLE, "关于某事的通知")])
    (rule,) = _rule_paragraphs(doc)
    assert rule.text == "科发党字〔2021〕1号"
    assert (rule.alignment or rule.style.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.CENTER
    assert _role(rule) == ({F.fangsong}, {P.body_size})
    assert [p.text for p in doc.paragraphs[:4]] == ["某某文件", "", "", "科发党字〔2021〕1号"]


def _anchors(doc: Any) -> list[Any]:
    return doc.element.body.findall(".//wp:anchor", NS)


def test_star_sits_on_the_rule_of_a_party_organ(notice: Any) -> None:
    (anchor,) = _anchors(notice)
    (rule,) = _rule_paragraphs(notice)
    assert anchor in list(rule._p.iter(qn("wp:anchor")))
    geometry = anchor.find(".//a:prstGeom", NS)
    assert geometry.get("prst") == "star5"
    sp_pr = anchor.find(".//wps:spPr", NS)
    assert sp_pr.find("a:solidFill/a:srgbClr", NS).get("val") == "FF0000"
    extent = anchor.find("wp:extent", NS)
    size = round(P.star_mm * EMU_PER_MM)
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (size, size)
    assert anchor.find("wp:wrapNone", NS) is not None
    h, v = anchor.find("wp:positionH", NS), anchor.find("wp:positionV", NS)
    assert (h.get("relativeFrom"), h.find("wp:align", NS).text) == ("margin", "center")
    assert v.get("relativeFrom") == "paragraph"
    # Its centre at the rule's depth in the paragraph: one line plus the border's space.
    centre_mm = (int(v.find("wp:posOffset", NS).text) + size / 2) / EMU_PER_MM
    assert abs(centre_mm - ((P.line_pt + P.rule_space_pt) / PT_PER_MM + P.star_shift_mm)) < 0.01


def test_no_star_for_a_government_organ(rendered: dict[str, Path]) -> None:
    doc = docx.Document(str(rendered["government"]))
    assert _anchors(doc) == []
    assert "star5" not in _part(rendered["government"], "word/document.xml")
    assert len(_rule_paragraphs(doc)) == 1  # the rule itself stays


def test_star_follows_the_option() -> None:
    blocks = [Block(Role.MASTHEAD, "某某文件"), Block(Role.TITLE, "关于某事的通知")]
    assert len(_anchors(_doc(blocks, party_organ=True))) == 1
    assert _anchors(_doc(blocks, party_organ=False)) == []


# ---------------------------------------------------------------------------- fonts per role


def test_masthead_is_red_xiaobiaosong_centred(notice: Any) -> None:
    para = _para(notice, "中共中国科学院党组文件")
    assert (para.alignment if para.alignment is not None else para.style.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.CENTER
    assert _role(para) == ({F.xiaobiaosong}, {P.masthead_size})
    assert str(para.style.font.color.rgb) == "FF0000"  # the 发文机关标志 style is red


def test_title_is_2hao_xiaobiaosong_one_paragraph_with_line_breaks(notice: Any) -> None:
    title = "中共中国科学院党组关于印发\n《中共中国科学院党组贯彻落实习近平总书记\n在两院院士大会上重要讲话和大会精神\n重点工作分工方案》的通知"
    para = _para(notice, title)
    assert (para.alignment if para.alignment is not None else para.style.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.CENTER
    assert _role(para) == ({F.xiaobiaosong}, {P.title_size})
    attachment = _para(notice, "中共中国科学院党组贯彻落实习近平总书记\n在两院院士大会上重要讲话和大会精神\n重点工作分工方案")
    assert _role(attachment) == ({F.xiaobiaosong}, {P.title_size})


@pytest.mark.parametrize(("text", "font"), [
    ("一、组织部署全院学习贯彻大会精神的相关工作", F.hei),  # 一级 黑体
    ("（一）以党组文件形式印发通知，对全院传达学习和贯彻落实大会精神提出明确要求", F.kai),  # 二级 楷体
    ("牵头院领导：侯建国", F.fangsong),  # fields 仿宋
    ("院属各单位、院机关各部门：", F.fangsong),
    ("中共中国科学院党组", F.fangsong),  # 署名
    ("2021年9月28日", F.fangsong),
])
def test_headings_and_fields_use_their_fonts(notice: Any, text: str, font: str) -> None:
    """7.3.3: 一级黑体, 二级楷体, 三级和四级仿宋; all 3号."""
    paras = [p for p in notice.paragraphs if p.text == text]
    assert paras
    assert [_role(p) for p in paras] == [({font}, {P.body_size})] * len(paras)


def test_level4_items_are_fangsong(notice: Any) -> None:
    items = [p for p in notice.paragraphs if re.match(r"^（[1-9]）", p.text)]
    assert len(items) > 20
    assert {frozenset(_role(p)[0]) for p in items} == {frozenset({F.fangsong})}


def test_attachment_label_is_heiti_on_a_new_page(notice: Any) -> None:
    """7.3.7: 另面编排; “附件” 3号黑体 顶格."""
    para = _para(notice, "附件")
    assert para.style.paragraph_format.page_break_before is True  # 附件标签's style
    assert _role(para) == ({F.hei}, {P.body_size})
    assert (para.alignment if para.alignment is not None else para.style.paragraph_format.alignment) == WD_ALIGN_PARAGRAPH.LEFT
    assert para.paragraph_format.first_line_indent in (None, Pt(0))


# ---------------------------------------------------------------------------- the text itself


def test_docx_paragraphs_carry_the_text_render_line_for_line(notice: Any, rendered: dict[str, Path]) -> None:
    """THE KEY TEST: the .docx holds the same text as the .txt, in order, one paragraph per text line
    (a multi-line title is one paragraph with line breaks, compared line by line)."""
    text_lines = [line for line in rendered["text"].read_text(encoding="utf-8").splitlines() if line]
    paragraphs = [p.text for p in notice.paragraphs if p.text.strip()]  # never a paragraph split for layout
    docx_lines = [line for text in paragraphs for line in text.split("\n")]
    assert len(text_lines) > 300
    assert docx_lines == text_lines




# ECMA-376 child order of the properties the writer emits (CT_PPrBase, CT_RPr), abridged to what occurs.
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "pBdr",
              "shd", "tabs", "snapToGrid", "spacing", "ind", "jc", "rPr", "sectPr")
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "vertAlign", "lang")


def _out_of_order(root: Any, tag: str, order: tuple[str, ...]) -> set[tuple[str, ...]]:
    found = set()
    for props in root.iter(qn(f"w:{tag}")):
        children = tuple(c.tag.split("}")[1] for c in props)
        known = [order.index(c) for c in children if c in order]
        if known != sorted(known):
            found.add(children)
    return found


def test_run_and_paragraph_properties_are_in_schema_order(notice: Any) -> None:
    body = notice.element.body
    assert _out_of_order(body, "pPr", _PPR_ORDER) == set()
    assert _out_of_order(body, "rPr", _RPR_ORDER) == set()




# ---------------------------------------------------------------- the body's bulk as XML text

RUN_TEXTS = ["", "正文", " 前有空格", "后有空格 ", "甲\t乙", "\t", "一\r二", "a & b < c > d \"e\" 'f'", "  ", "末尾\t"]


@pytest.mark.parametrize("text", RUN_TEXTS)
@pytest.mark.parametrize("br", [False, True])
def test_a_run_as_text_is_what_lxml_writes_for_the_run_element(text: str, br: bool) -> None:
    """The bulk of the body is spliced into document.xml as text: it must be byte for byte lxml's own."""
    from docx.oxml import OxmlElement
    from lxml import etree

    from casplan.render import docx_writer as w

    p = OxmlElement("w:p")
    r = w._run(p, text)
    if br:
        w._element(r, "br")
    expected = etree.tostring(p, encoding="unicode")
    inner = expected[expected.index(">") + 1:expected.rindex("<")]
    assert w._run_xml(text, br=br) == inner


def test_a_plain_paragraph_is_the_paragraph_python_docx_would_write() -> None:
    from casplan.render import docx_writer as w

    blocks = [Block(Role.LEVEL1, "部分 & 标题", 1), Block(Role.BODY, "第一行\n第二行"), Block(Role.FIELD, "具体举措："),
              Block(Role.LEVEL4, " 条目 ", 2), Block(Role.BODY, "最后")]
    fast = _xml(w.write_docx(blocks))
    slow_plain = w._Writer._plain

    def slow(self: Any, style: str | None, text: str, *, keep: bool = False) -> None:
        self._para(style, text, keep=keep)

    try:
        w._Writer._plain = slow  # type: ignore[method-assign]
        assert _xml(w.write_docx(blocks)) == fast
    finally:
        w._Writer._plain = slow_plain  # type: ignore[method-assign]
    assert "部分 &amp; 标题" in fast and "<?casplan" not in fast


def _xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


def test_text_that_xml_cannot_hold_is_refused_as_lxml_refuses_it() -> None:
    from casplan.render import docx_writer as w

    with pytest.raises(ValueError, match="XML compatible"):
        w.write_docx([Block(Role.BODY, "控制符\x07在此")])


def test_ten_thousand_rows_keep_their_order_and_text() -> None:
    from casplan.render import docx_writer as w

    rows = [Block(Role.TABLE_HEAD, "序号\t任务")] + [Block(Role.TABLE_ROW, f"{n}\t任务{n}") for n in range(1, 10_001)]
    doc = docx.Document(io.BytesIO(w.write_docx([Block(Role.LAYOUT, "横向"), *rows])))
    (table,) = doc.tables
    cells = [tc for tc in table._tbl.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tc")]
    texts = ["".join(t.text for t in tc.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
             for tc in cells]
    assert texts[:4] == ["序号", "任务", "1", "任务1"]
    assert texts[-2:] == ["10000", "任务10000"]
    assert len(texts) == 2 * 10_001
