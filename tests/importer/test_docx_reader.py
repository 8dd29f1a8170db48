"""Word as offices write it: automatic numbering, heading fonts, tracked changes, fields, breaks, tables."""

from __future__ import annotations

from pathlib import Path

from casplan.importer.docx_reader import format_number, read_docx
from casplan.importer.source import Para, Table
from wordfix import GB_LEVELS, NS, Word

NUMBERING = (
    f'<w:abstractNum w:abstractNumId="0">{GB_LEVELS}</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    # numId 2 shares the definition but restarts level 4 at its first paragraph
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="3"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
)


def _paras(path: Path) -> list[tuple[str, str]]:
    return [(b.number, b.text) for b in read_docx(path).blocks if isinstance(b, Para)]


def test_formats() -> None:
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 23)] == ["一", "十", "十一", "二十三"]
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV" and format_number(12, "decimalFullWidth") == "１２"


def test_automatic_numbering_over_levels_with_restart_and_continuation(tmp_path: Path) -> None:
    w = Word().numbering(NUMBERING)
    w.p("总体要求", num=(1, 0)).p("加强领导", num=(1, 1)).p("建立机制。", num=(1, 3)).p("完善制度。", num=(1, 3))
    w.p("牵头单位：办公室")  # not numbered: the list goes on below it
    w.p("健全考核。", num=(1, 3))  # continues: （3）
    w.p("另起一组。", num=(2, 3))  # numId 2 restarts level 4: （1）
    w.p("强化保障", num=(1, 1)).p("保障经费。", num=(1, 3))  # a higher level advanced: （1）
    w.p("组织实施", num=(1, 0)).p("抓好落实", num=(1, 1))
    assert _paras(w.save(tmp_path / "n.docx")) == [
        ("一、", "总体要求"), ("（一）", "加强领导"), ("（1）", "建立机制。"), ("（2）", "完善制度。"), ("", "牵头单位：办公室"),
        ("（3）", "健全考核。"), ("（1）", "另起一组。"), ("（二）", "强化保障"), ("（1）", "保障经费。"),
        ("二、", "组织实施"), ("（一）", "抓好落实"),
    ]


def test_tracked_changes_are_read_as_accepted_and_named(tmp_path: Path) -> None:
    w = Word()
    w.raw('<w:p><w:r><w:t>牵头部门：</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>人时局</w:delText></w:r></w:del>'
          '<w:ins w:id="2" w:author="a"><w:r><w:t>人事局</w:t></w:r></w:ins></w:p>')
    source = read_docx(w.save(tmp_path / "t.docx"))
    assert [b.text for b in source.blocks if isinstance(b, Para)] == ["牵头部门：人事局"]
    assert source.notes == [(None, "文档含修订，已按“接受全部修订”读取（删去的文字不要、插入的文字保留）：第 1 段")]


def test_fields_bookmarks_breaks_and_padding(tmp_path: Path) -> None:
    w = Word()
    w.raw('<w:p><w:bookmarkStart w:id="0" w:name="_Hlk1"/><w:r><w:t xml:space="preserve">\u3000\u3000关于印发</w:t></w:r>'
          '<w:r><w:br/></w:r><w:r><w:t>某方案的通知\u00a0</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>')
    w.raw('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>第3页</w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    w.raw('<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r></w:p>')
    w.doc.sections[0].header.paragraphs[0].text = "页眉文字"
    source = read_docx(w.save(tmp_path / "f.docx"))
    assert [b.text for b in source.blocks if isinstance(b, Para)] == ["关于印发\n某方案的通知", "第3页", "可见"]
    assert source.notes == [(None, "略去了隐藏文字（不打印的内容）：第 3 段")]


def test_heading_levels_from_outline_style_and_font(tmp_path: Path) -> None:
    w = Word()
    w.raw('<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>大纲一级</w:t></w:r></w:p>')
    w.p("样式二级", style="Heading2").p("黑体一级", font="黑体").p("楷体二级", font="楷体").p("正文", font="仿宋_GB2312")
    levels = [b.level for b in read_docx(w.save(tmp_path / "h.docx")).blocks if isinstance(b, Para)]
    assert levels == [1, 2, 1, 2, None]


def test_tables_with_spans_and_vertical_merges(tmp_path: Path) -> None:
    w = Word().table([
        ["序号", "任务", "牵头单位"],
        [("一、总体要求", {"span": "3"})],
        ["1", "建立机制", ("办公室", {"vmerge": "restart"})],
        ["2", "完善制度", ("", {"vmerge": "continue"})],
    ])
    table = next(b for b in read_docx(w.save(tmp_path / "t.docx")).blocks if isinstance(b, Table))
    assert table.header_rows == 1
    assert [[(c.text, c.span, c.continued) for c in row] for row in table.rows] == [
        [("序号", 1, False), ("任务", 1, False), ("牵头单位", 1, False)],
        [("一、总体要求", 3, False)],
        [("1", 1, False), ("建立机制", 1, False), ("办公室", 1, False)],
        [("2", 1, False), ("完善制度", 1, False), ("办公室", 1, True)],
    ]
    assert str(table.rows[3][2].loc) == "表 1 第 4 行第 3 列"


def test_numbering_that_comes_with_the_heading_styles(tmp_path: Path) -> None:
    """Offices often number through the styles: 标题 1 carries level 一、 and 标题 2 level （一）."""
    from docx.oxml import parse_xml

    from wordfix import NS

    w = Word().numbering(NUMBERING)
    styles = w.doc.styles.element
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for style_id, ilvl in (("Heading1", 0), ("Heading2", 1)):
        style = next(s for s in styles if s.get(f"{ns}styleId") == style_id)
        ppr = style.find(f"{ns}pPr")
        ppr.append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>'))
    w.p("总体要求", style="Heading1").p("加强领导", style="Heading2").p("强化保障", style="Heading2")
    w.p("组织实施", style="Heading1").p("抓好落实", style="Heading2")
    source = read_docx(w.save(tmp_path / "s.docx"))
    assert [(b.number, b.text, b.level) for b in source.blocks if isinstance(b, Para)] == [
        ("一、", "总体要求", 1), ("（一）", "加强领导", 2), ("（二）", "强化保障", 2), ("二、", "组织实施", 1), ("（一）", "抓好落实", 2)]


def test_footnotes_are_named_and_text_boxes_read_once(tmp_path: Path) -> None:
    from casplan.importer.pipeline import import_plan

    w = Word()
    w.raw('<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
          '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>某某局文件</w:t></w:r></w:p>'
          '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>某某局文件</w:t>'
          '</w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    w.p("某方案")
    path = w.save(tmp_path / "fn.docx")
    import zipfile

    notes = ('<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>列第一位者为牵头单位。</w:t></w:r></w:p></w:footnote></w:footnotes>')
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/footnotes.xml", notes)
    source = read_docx(path)
    assert [b.text for b in source.blocks if isinstance(b, Para)] == ["某某局文件", "某方案"]
    assert import_plan(source).report.lines()[-1] == (
        "fn.docx：脚注 1：未放入：“列第一位者为牵头单位。”——方案模型没有脚注和尾注，请按需写入正文或字段")


def test_comments_are_not_text_but_are_mentioned(tmp_path: Path) -> None:
    import zipfile

    path = Word().p("某方案").save(tmp_path / "c.docx")
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/comments.xml", '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                   '<w:comment w:id="0"><w:p><w:r><w:t>请核实</w:t></w:r></w:p></w:comment></w:comments>')
    source = read_docx(path)
    assert [b.text for b in source.blocks if isinstance(b, Para)] == ["某方案"]
    assert source.notes == [(None, "文档含 1 条批注，批注不是正文，未读入")]


def test_body_read_in_order_one_block_at_a_time(tmp_path: Path) -> None:
    """The body is streamed: paragraphs, tables and content controls (nested too) come out in document order."""
    w = Word()
    w.p("一、总体要求")
    w.raw(f'<w:sdt {NS}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p>'
          '<w:sdt><w:sdtContent><w:p><w:r><w:t>嵌套控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>'
          '</w:sdtContent></w:sdt>')
    w.table([["任务", "牵头部门"], ["加强领导", "办公室"]])
    for n in range(1, 201):
        w.p(f"第{n}段。")
    source = read_docx(w.save(tmp_path / "s.docx"))
    kinds = [type(b).__name__ for b in source.blocks]
    assert kinds == ["Para", "Para", "Para", "Table", *["Para"] * 200]
    texts = [b.text for b in source.blocks if isinstance(b, Para)]
    assert texts[:3] == ["一、总体要求", "控件中的段落", "嵌套控件中的段落"]
    assert texts[-1] == "第200段。" and len(texts) == 203
    (table,) = [b for b in source.blocks if isinstance(b, Table)]
    assert [[c.text for c in row] for row in table.rows] == [["任务", "牵头部门"], ["加强领导", "办公室"]]
    assert str(source.blocks[-1].loc) == "第 203 段"  # the controls' paragraphs are counted, the table's are not
