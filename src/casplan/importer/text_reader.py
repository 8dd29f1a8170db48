"""Plain text: UTF-8 with or without a BOM, or GB18030/GBK (read, with a note); one Para per line.

Extraction debris is dropped: `[bookmark: _Hlk74669863]` prefixes that Word-to-text
converters leave, NBSP and ideographic-space padding at either end of a line.
Consecutive lines with tabs are a table (a table copied out of Word, or rendered
as text): one row per line, one cell per tab-separated field.
"""

from __future__ import annotations

import re

from casplan.importer.ir import Loc
from casplan.importer.source import Cell, Para, Source, Table

BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
PADDING = " \t\u00a0\u3000\u2002\u2003\u200b\ufeff"


class SourceProblem(Exception):
    """A source that cannot be read at all: one clear Chinese message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def decode(raw: bytes, name: str) -> tuple[str, str | None]:
    """The text, and a note when it was not UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "文件为 UTF-16 编码，已按 UTF-16 读取"
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SourceProblem(
            f"无法识别“{name}”的编码：既不是 UTF-8，也不是 GB18030/GBK（第 {line} 行第 {exc.start + 1} 字节无法解码）"
        ) from None
    return text, "文件为 GB18030/GBK 编码（不是 UTF-8），已按 GB18030 读取；导入后的方案文件为 UTF-8"


def clean(line: str) -> str:
    return BOOKMARK.sub("", line).strip(PADDING)


def read_text(raw: bytes, name: str) -> Source:
    text, note = decode(raw, name)
    source = Source(name)
    if note:
        source.notes.append((None, note))
    debris: list[str] = []
    tables = 0
    for n, line in enumerate(text.splitlines(), start=1):
        if BOOKMARK.search(line):
            debris.append(str(n))
        row = BOOKMARK.sub("", line).rstrip(PADDING.replace("\t", "") + "\t")
        if "\t" in row.strip(PADDING.replace("\t", "")) or (row.startswith("\t") and row.strip(PADDING)):
            last = source.blocks[-1] if source.blocks else None
            if not (isinstance(last, Table) and last.rows and last.rows[-1][0].loc.n == n - 1):
                tables += 1
                last = Table(tables)
                source.blocks.append(last)
            last.rows.append([Cell(Loc("linecell", n, 0, c), clean(cell)) for c, cell in enumerate(row.split("\t"), 1)])
            continue
        cleaned = clean(line)
        if cleaned:
            source.blocks.append(Para(Loc("line", n), cleaned))
    if debris:
        source.notes.append((None, f"删去了文字提取留下的书签标记“[bookmark: …]”（第 {'、'.join(debris)} 行）"))
    if not source.blocks:
        raise SourceProblem(f"“{name}”是空文件（没有任何文字）")
    return source
