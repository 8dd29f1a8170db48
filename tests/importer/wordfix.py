"""Small Word files for the importer tests, built with python-docx plus raw OOXML where it has no API."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text: str, font: str = "") -> str:
    rpr = f'<w:rPr><w:rFonts w:eastAsia="{font}"/></w:rPr>' if font else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


class Word:
    def __init__(self) -> None:
        self.doc = Document()
        body = self.doc.element.body
        for p in list(body):
            if p.tag.endswith("}p"):
                body.remove(p)

    def raw(self, xml: str) -> Word:
        el = parse_xml(xml.replace("<w:p>", f"<w:p {NS}>", 1).replace("<w:tbl>", f"<w:tbl {NS}>", 1)
                       if "xmlns:w" not in xml else xml)
        self.doc.element.body.insert(len(self.doc.element.body) - 1, el)
        return self

    def p(self, text: str, num: tuple[int, int] | None = None, font: str = "", style: str = "") -> Word:
        ppr = ""
        if num or style:
            numpr = f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
            stl = f'<w:pStyle w:val="{style}"/>' if style else ""
            ppr = f"<w:pPr>{stl}{numpr}</w:pPr>"
        return self.raw(f"<w:p>{ppr}{run(text, font)}</w:p>")

    def numbering(self, xml: str) -> Word:
        root = self.doc.part.numbering_part.element
        for child in list(root):
            root.remove(child)
        wrapper = parse_xml(f"<w:numbering {NS}>{xml}</w:numbering>")
        for child in list(wrapper):
            root.append(child)
        return self

    def table(self, rows: list[list[str | tuple[str, dict[str, str]]]], header: bool = True) -> Word:
        """Rows of cells: a text, or (text, {"span": "3"} / {"vmerge": "restart"|"continue"})."""
        out = ["<w:tbl><w:tblPr/>"]
        for r, row in enumerate(rows):
            trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header and r == 0 else ""
            out.append(f"<w:tr>{trpr}")
            for cell in row:
                text, opts = (cell, {}) if isinstance(cell, str) else cell
                tcpr = ""
                if "span" in opts:
                    tcpr += f'<w:gridSpan w:val="{opts["span"]}"/>'
                if opts.get("vmerge") == "restart":
                    tcpr += '<w:vMerge w:val="restart"/>'
                elif opts.get("vmerge") == "continue":
                    tcpr += "<w:vMerge/>"
                paras = "".join(f"<w:p>{run(line)}</w:p>" for line in text.split("\n")) or "<w:p/>"
                out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paras}</w:tc>")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return self.raw("".join(out).replace("<w:p>", f"<w:p {NS}>").replace("<w:tbl>", f"<w:tbl {NS}>", 1)
                        if False else "".join(out))

    def save(self, path: Path) -> Path:
        self.doc.save(str(path))
        return path


def level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


GB_LEVELS = (level(0, "chineseCounting", "%1、") + level(1, "chineseCounting", "（%2）")
             + level(2, "decimal", "%3.") + level(3, "decimal", "（%4）"))
"""The four levels of GB/T 9704 headings: 一、（一）1.（1）."""


_NUMBER = (
    (0, r"^[一二三四五六七八九十]+、"),
    (1, r"^（[一二三四五六七八九十]+）"),
    (3, r"^（\d+）"),
)


def auto_numbered(lines: list[str], *, fonts_only: bool = False) -> Word:
    """A Word file from a text whose headings carry typed numbers: the numbers move into numbering.xml.

    Parts 一、 and tasks （一） are levels 0 and 1 of one list; each run of items （1）（2）… is a list of
    its own that restarts at 1 (w:startOverride), as Word makes it when one chooses “重新开始于 1”.
    With `fonts_only`, headings have no numbers at all: parts are set in 黑体 and tasks in 楷体.
    """
    import re

    w = Word()
    nums = ['<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>']
    next_id, current, previous_item = 2, 0, False
    for line in lines:
        level = next((lv for lv, pattern in _NUMBER if re.match(pattern, line)), None)
        if level is None:
            w.p(line)
            previous_item = False
            continue
        text = re.sub(dict((lv, p) for lv, p in _NUMBER)[level], "", line)
        if level == 3:
            if not previous_item:
                current = next_id
                next_id += 1
                nums.append(f'<w:num w:numId="{current}"><w:abstractNumId w:val="0"/>'
                            '<w:lvlOverride w:ilvl="3"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')
            w.p(text, num=(current, 3))
            previous_item = True
        else:
            w.p(text, num=None if fonts_only else (1, level), font="黑体" if level == 0 else "楷体")
            previous_item = False
    w.numbering(f'<w:abstractNum w:abstractNumId="0">{GB_LEVELS}</w:abstractNum>' + "".join(nums))
    return w
