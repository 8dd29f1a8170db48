"""Word (.docx) as offices write it: paragraphs, Word's own numbering, heading levels, tables.

Read straight from the OOXML parts with lxml (python-docx's own parser), because
what matters here has no python-docx API: the numbers Word prints from
numbering.xml (not in the text), tracked changes, merged cells.

- Numbering (ECMA-376 §17.9): a paragraph's w:numPr (or its style's) names a
  num and a level; the level's w:numFmt, w:lvlText ("（%1）") and w:start give
  the printed number. Counters belong to the abstract numbering, so lists that
  share it continue each other; a num with w:startOverride restarts at its
  first paragraph; a level's counter resets when a higher level advances.
- Heading level: w:outlineLvl (paragraph, then style chain), a style named
  heading N / 标题 N, or — weakest — every run's East Asian font 黑体 (1) / 楷体 (2).
- Tracked changes are read as accepted: w:del and w:moveFrom dropped, w:ins
  and w:moveTo kept; the paragraphs that had any are named in a note.
- w:br and w:cr are line breaks within the paragraph; page breaks are not;
  fields keep their shown result (w:instrText is not text); bookmarks, proofing
  marks and hidden text are not text; text boxes become paragraphs of their own.
- Page headers and footers are separate parts and are not read.
- Tables: w:gridSpan widens a cell, w:vMerge continues the cell above (its text
  is repeated, the cell marked `continued`); w:tblHeader rows repeat on each page.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from casplan.importer.ir import Loc
from casplan.importer.source import Cell, Para, Source, Table
from casplan.importer.text_reader import PADDING, SourceProblem
from casplan.render.numbering import chinese_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"


def _q(tag: str) -> str:
    return _W + tag


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    if el is None:
        return None
    value = el.get(_q(attr))
    return str(value) if value is not None else None


# ---------------------------------------------------------------- numbering formats

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_LEGAL = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """The counter `n` as numFmt `fmt` prints it."""
    if fmt in ("none", "bullet"):
        return ""
    if n <= 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return chinese_number(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return chinese_number(n).translate(_LEGAL)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if n <= len(_CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return chr(64 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1)
    if fmt == "lowerLetter":
        return chr(96 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)  # decimal and anything unknown


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: reset only when this level (1-based) advances


@dataclass
class Numbering:
    """numbering.xml: abstract definitions, nums, and the running counters."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    level_overrides: dict[str, dict[int, Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → ilvl → value
    started: set[tuple[str, int]] = field(default_factory=set)  # (numId, ilvl) whose override was applied

    @classmethod
    def parse(cls, root: etree._Element | None) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for absnum in root.iter(_q("abstractNum")):
            levels = {int(_val(lvl, "ilvl") or 0): _level(lvl) for lvl in absnum.iter(_q("lvl"))}
            numbering.abstract[_val(absnum, "abstractNumId") or ""] = levels
        for num in root.iter(_q("num")):
            num_id = _val(num, "numId") or ""
            numbering.nums[num_id] = _val(num.find(_q("abstractNumId"))) or ""
            for override in num.iter(_q("lvlOverride")):
                ilvl = int(_val(override, "ilvl") or 0)
                start = _val(override.find(_q("startOverride")))
                if start is not None:
                    numbering.overrides.setdefault(num_id, {})[ilvl] = int(start)
                lvl = override.find(_q("lvl"))
                if lvl is not None:
                    numbering.level_overrides.setdefault(num_id, {})[ilvl] = _level(lvl)
        return numbering

    def level(self, num_id: str, ilvl: int) -> Level | None:
        if ilvl in self.level_overrides.get(num_id, {}):
            return self.level_overrides[num_id][ilvl]
        return self.abstract.get(self.nums.get(num_id, ""), {}).get(ilvl)

    def next(self, num_id: str, ilvl: int) -> str:
        """The number Word prints for the next paragraph of list `num_id` at level `ilvl`."""
        abstract = self.nums.get(num_id)
        level = self.level(num_id, ilvl)
        if abstract is None or level is None:
            return ""
        counters = self.counters.setdefault(abstract, {})
        override = self.overrides.get(num_id, {}).get(ilvl)
        if override is not None and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = override - 1
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            deeper_level = self.level(num_id, deeper)
            if deeper_level is None or deeper_level.restart is None or deeper_level.restart > ilvl:
                del counters[deeper]
        out = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in out:
                lvl_k = self.level(num_id, k) or Level()
                value = counters.get(k, lvl_k.start)
                out = out.replace(token, format_number(value, lvl_k.fmt))
        return out.strip()


def _level(lvl: etree._Element) -> Level:
    restart = _val(lvl.find(_q("lvlRestart")))
    return Level(
        start=int(_val(lvl.find(_q("start"))) or 1),
        fmt=_val(lvl.find(_q("numFmt"))) or "decimal",
        text=_val(lvl.find(_q("lvlText"))) or "",
        restart=int(restart) if restart is not None else None,
    )


# ---------------------------------------------------------------- styles


@dataclass
class Style:
    name: str = ""
    based_on: str | None = None
    num: tuple[str, int] | None = None
    outline: int | None = None
    font: str = ""


def _styles(root: etree._Element | None) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    if root is None:
        return styles
    for el in root.iter(_q("style")):
        style = Style(name=(_val(el.find(_q("name"))) or "").lower(), based_on=_val(el.find(_q("basedOn"))))
        ppr = el.find(_q("pPr"))
        if ppr is not None:
            num_pr = ppr.find(_q("numPr"))
            if num_pr is not None and _val(num_pr.find(_q("numId"))) is not None:
                style.num = (_val(num_pr.find(_q("numId"))) or "0", int(_val(num_pr.find(_q("ilvl"))) or 0))
            outline = _val(ppr.find(_q("outlineLvl")))
            style.outline = int(outline) if outline is not None else None
        fonts = el.find(f"{_q('rPr')}/{_q('rFonts')}")
        style.font = (_val(fonts, "eastAsia") or "") if fonts is not None else ""
        styles[_val(el, "styleId") or ""] = style
    return styles


def _style_chain(styles: dict[str, Style], style_id: str | None) -> list[Style]:
    chain: list[Style] = []
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        chain.append(styles[style_id])
        style_id = styles[style_id].based_on
    return chain


CONTINUED = "正文续段"  # casplan.render.docx_writer.CONTINUED
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$")


# ---------------------------------------------------------------- the document


@dataclass
class _Reader:
    numbering: Numbering
    styles: dict[str, Style]
    source: Source
    para_no: int = 0
    table_no: int = 0
    revised: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)

    def body(self, container: etree._Element) -> None:
        for child in container:
            self.block(child)

    def block(self, child: etree._Element) -> None:
        """One child of the body (or of a content control in it): a paragraph, a table, a content control."""
        if child.tag == _q("p"):
            self.para_no += 1
            paras = self.paragraph(child, Loc("para", self.para_no))
            last = self.source.blocks[-1] if self.source.blocks else None
            if paras and isinstance(last, Para) and self.continues(child):
                # casplan's own writer splits a paragraph at a page end (style 正文续段): one paragraph again
                self.source.blocks[-1] = Para(last.loc, last.text + paras[0].text, last.number, last.level)
                paras = paras[1:]
            self.source.blocks.extend(paras)
        elif child.tag == _q("tbl"):
            self.table_no += 1
            self.source.blocks.append(self.table(child, self.table_no))
        elif child.tag == _q("sdt"):
            content = child.find(_q("sdtContent"))
            if content is not None:
                self.body(content)

    def continues(self, p: etree._Element) -> bool:
        ppr = p.find(_q("pPr"))
        style_id = _val(ppr.find(_q("pStyle"))) if ppr is not None else None
        return any(s.name == CONTINUED for s in _style_chain(self.styles, style_id))

    def paragraph(self, p: etree._Element, loc: Loc) -> list[Para]:
        """The paragraph (and, before it, any text boxes anchored in it); [] when it has no text."""
        out: list[Para] = []
        for box in p.iter(_q("txbxContent")):
            if _inside(box, p, (_MC_FALLBACK,)):
                continue  # Word writes a text box twice: as a shape (mc:Choice) and as VML for old readers
            for inner in box.iter(_q("p")):
                out.extend(self.paragraph_text(inner, loc))
        out.extend(self.paragraph_text(p, loc))
        return out

    def paragraph_text(self, p: etree._Element, loc: Loc) -> list[Para]:
        pieces: list[str] = []
        hidden = False
        revised = next(p.iter(*_REVISIONS), None) is not None
        fonts: set[str] = set()
        for el in p.iter(*_TEXT):
            tag = el.tag
            if _inside(el, p, _SKIPPED):
                continue
            run = el.getparent()
            rpr = run.find(_q("rPr")) if run is not None else None
            if rpr is not None and rpr.find(_q("vanish")) is not None and _val(rpr.find(_q("vanish"))) != "0":
                hidden = True
                continue
            if tag == _q("t"):
                pieces.append(el.text or "")
                if (el.text or "").strip() and rpr is not None and (f := rpr.find(_q("rFonts"))) is not None:
                    fonts.add(_val(f, "eastAsia") or "")
                elif (el.text or "").strip():
                    fonts.add("")
            elif tag == _q("tab"):
                pieces.append("\t")
            elif tag == _q("noBreakHyphen"):
                pieces.append("-")
            elif tag == _q("br") and _val(el, "type") not in ("page", "column"):
                pieces.append("\n")
            elif tag == _q("cr"):
                pieces.append("\n")
        if revised:
            self.revised.append(str(loc))
        if hidden:
            self.hidden.append(str(loc))
        lines = [line.strip(PADDING) for line in "".join(pieces).split("\n")]
        text = "\n".join(line for line in lines if line)
        number, level = self.form(p, fonts)
        if not text:
            if number:
                self.source.notes.append((loc, f"只有自动编号“{number}”没有文字的段落，已略去"))
            return []
        return [Para(loc, text, number, level)]

    def form(self, p: etree._Element, fonts: set[str]) -> tuple[str, int | None]:
        """The paragraph's printed number (from numbering.xml) and heading level, if any."""
        ppr = p.find(_q("pPr"))
        style_id = _val(ppr.find(_q("pStyle"))) if ppr is not None else None
        chain = _style_chain(self.styles, style_id)
        num: tuple[str, int] | None = None
        outline: int | None = None
        if ppr is not None:
            num_pr = ppr.find(_q("numPr"))
            if num_pr is not None:
                num_id = _val(num_pr.find(_q("numId")))
                ilvl = _val(num_pr.find(_q("ilvl")))
                style_num = next((s.num for s in chain if s.num), None)
                if num_id is not None:
                    num = (num_id, int(ilvl) if ilvl is not None else (style_num[1] if style_num else 0))
                elif style_num is not None:
                    num = (style_num[0], int(ilvl or 0))
            value = _val(ppr.find(_q("outlineLvl")))
            outline = int(value) if value is not None else None
        if num is None:
            num = next((s.num for s in chain if s.num), None)
        if outline is None:
            outline = next((s.outline for s in chain if s.outline is not None), None)
        number = self.numbering.next(*num) if num is not None and num[0] != "0" else ""
        level: int | None = None
        if outline is not None and outline < 9:
            level = outline + 1
        else:
            named = next((m for s in chain if (m := _HEADING_NAME.match(s.name))), None)
            if named:
                level = int(named.group(1))
            else:
                style_font = next((s.font for s in chain if s.font), "")
                used = {f or style_font for f in fonts}
                if used and all("黑体" in f for f in used):
                    level = 1
                elif used and all("楷体" in f for f in used):
                    level = 2
        return number, level

    def table(self, tbl: etree._Element, index: int) -> Table:
        table = Table(index)
        above: dict[int, str] = {}  # grid column → text of the cell that started the merge there
        for r, tr in enumerate(tbl.findall(_q("tr")), start=1):
            row: list[Cell] = []
            trpr = tr.find(_q("trPr"))
            if trpr is not None and trpr.find(_q("tblHeader")) is not None and r == table.header_rows + 1:
                table.header_rows += 1
            grid = 0
            for c, tc in enumerate(tr.findall(_q("tc")), start=1):
                tcpr = tc.find(_q("tcPr"))
                span = int(_val(tcpr.find(_q("gridSpan"))) or 1) if tcpr is not None else 1
                merge = tcpr.find(_q("vMerge")) if tcpr is not None else None
                loc = Loc("cell", index, r, c)
                texts: list[str] = []
                for p in tc.iter(_q("p")):
                    for para in self.paragraph_text(p, loc):
                        texts.append(para.number + para.text if para.number else para.text)
                text = "\n".join(texts)
                if merge is not None and _val(merge) != "restart":
                    row.append(Cell(loc, above.get(grid, ""), span, continued=True))
                else:
                    above[grid] = text
                    row.append(Cell(loc, text, span))
                grid += span
            table.rows.append(row)
        return table


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT = (_q("t"), _q("tab"), _q("br"), _q("cr"), _q("noBreakHyphen"))
_REVISIONS = (_q("del"), _q("moveFrom"), _q("ins"), _q("moveTo"))
_SKIPPED = (_q("del"), _q("moveFrom"), _q("txbxContent"), _MC_FALLBACK)


def _inside(el: etree._Element, stop: etree._Element, tags: tuple[str, ...]) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in tags:
            return True
        node = node.getparent()
    return False


def _member(archive: zipfile.ZipFile, name: str, source: str, required: bool = True) -> bytes | None:
    try:
        return archive.read(name)
    except KeyError:
        if required:
            raise SourceProblem(f"“{source}”不是 Word 文档（压缩包中没有 {name}）") from None
        return None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise SourceProblem(f"“{source}”已损坏：{name} 无法解压（{exc}）") from None


def _xml(archive: zipfile.ZipFile, name: str, required: bool, source: str) -> etree._Element | None:
    data = _member(archive, name, source, required)
    if data is None:
        return None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SourceProblem(f"“{source}”已损坏：{name} 不是有效的 XML（{exc}）") from None


_BODY = _q("body")


def _stream_body(data: bytes | None, reader: _Reader, source: str) -> None:
    """Each child of document.xml's body read as soon as it is parsed, then dropped.

    Why: the whole tree of a 10,000-task plan's document.xml (14 MB) takes about
    140 MiB; one paragraph or table at a time takes next to nothing. What is read,
    and in which order, is what `_Reader.body` reads on the whole tree.
    """
    assert data is not None
    name = "word/document.xml"
    depth = 0
    body: etree._Element | None = None
    try:
        for event, el in etree.iterparse(io.BytesIO(data), events=("start", "end"), resolve_entities=False,
                                         no_network=True, huge_tree=True):
            if event == "start":
                depth += 1
                if depth == 2 and body is None and el.tag == _BODY:  # the root's first w:body, as find() gave
                    body = el
                continue
            depth -= 1
            if depth == 2 and body is not None and el.getparent() is body:
                reader.block(el)
                el.clear()
                while el.getprevious() is not None:
                    del body[0]
    except etree.XMLSyntaxError as exc:
        raise SourceProblem(f"“{source}”已损坏：{name} 不是有效的 XML（{exc}）") from None


def _notes(root: etree._Element | None, kind: str) -> list[str]:
    if root is None:
        return []
    out = []
    for note in root.iter(_q(kind)):
        if _val(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(t.text or "" for t in note.iter(_q("t")) if not _inside(t, note, (_q("del"),))).strip(PADDING)
        if text:
            out.append(text)
    return out


def read_docx(path: Path) -> Source:
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceProblem(f"“{name}”已损坏：不是完整的 .docx（{exc}）") from None
    with archive:
        if "EncryptedPackage" in archive.namelist():
            raise SourceProblem(f"“{name}”已加密（设置了打开密码）；请在 Word 中取消密码、另存为 .docx 后再导入")
        document = _member(archive, "word/document.xml", name)
        notes = [(kind, _xml(archive, f"word/{kind}s.xml", False, name)) for kind in ("footnote", "endnote")]
        comments = _xml(archive, "word/comments.xml", False, name)
        numbering = Numbering.parse(_xml(archive, "word/numbering.xml", False, name))
        styles = _styles(_xml(archive, "word/styles.xml", False, name))
    source = Source(name)
    reader = _Reader(numbering, styles, source)
    _stream_body(document, reader, name)
    del document
    for kind, root in notes:
        for k, note in enumerate(_notes(root, kind), start=1):
            # Footnotes are the document's text, but the plan has no place for them: named, never dropped.
            source.unplaced.append((Loc(kind, k), note, "方案模型没有脚注和尾注，请按需写入正文或字段"))
    if comments is not None and (count := len(list(comments.iter(_q("comment"))))):
        source.notes.append((None, f"文档含 {count} 条批注，批注不是正文，未读入"))
    if reader.revised:
        source.notes.insert(0, (None, f"文档含修订，已按“接受全部修订”读取（删去的文字不要、插入的文字保留）：{'、'.join(reader.revised)}"))
    if reader.hidden:
        source.notes.insert(0, (None, f"略去了隐藏文字（不打印的内容）：{'、'.join(reader.hidden)}"))
    if not any(isinstance(b, Para) and b.text for b in source.blocks) and not any(
        isinstance(b, Table) for b in source.blocks
    ):
        raise SourceProblem(f"“{name}”是空文档（没有任何文字）")
    return source
