"""Role-tagged blocks: what a template produces and every writer (.txt, .docx) consumes.

A template prints one block per line, `@角色 文字`, or `@角色[n] 文字` for a
numbered heading or item (the writer decides how n looks: 一、（一）1.（1）).
A line that does not start with `@` continues the block above it (a title
broken over several lines); blank lines are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from casplan.diagnostics import Diagnostic


class Role(str, Enum):
    MASTHEAD = "发文机关标志"
    DOC_NUMBER = "发文字号"
    TITLE = "标题"
    RECIPIENTS = "主送机关"
    BODY = "正文"
    ATTACHMENT_NOTE = "附件说明"
    SIGNATURE = "署名"
    DATE = "成文日期"
    ATTACHMENT_LABEL = "附件标签"
    ATTACHMENT_TITLE = "附件标题"
    LEVEL1 = "一级标题"
    LEVEL2 = "二级标题"
    LEVEL3 = "三级标题"
    LEVEL4 = "四级标题"
    FIELD = "字段"
    COPY_TO = "抄送"
    IMPRINT = "印发"  # 印发机关, a tab, 印发日期 + 印发
    TABLE_HEAD = "表头"  # cells separated by tabs; repeated on every page
    TABLE_ROW = "表行"
    LAYOUT = "版式"  # a directive to the writer, not text: 横向 (landscape)
    IMAGE = "图片"  # a picture file (PNG) placed centred at the 版心's width; no text of its own


HEADINGS = (Role.LEVEL1, Role.LEVEL2, Role.LEVEL3, Role.LEVEL4)
_LINE = re.compile(r"^@(?P<role>[^\s\[\]]+)(?:\[(?P<number>\d+)\])?(?: (?P<text>.*))?$")


@dataclass(frozen=True)
class Block:
    role: Role
    text: str
    number: int | None = None


class BlockProblem(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def parse_blocks(output: str, template: str) -> list[Block]:
    """Turn a template's output into blocks; `template` names it in diagnostics."""
    blocks: list[Block] = []
    for n, line in enumerate(output.splitlines(), start=1):
        if not line.strip():
            continue
        if not line.startswith("@"):
            if not blocks:
                raise _problem(template, n, f"第一行应以“@角色”开头，实为“{line[:20]}”")
            last = blocks[-1]
            blocks[-1] = Block(last.role, f"{last.text}\n{line}", last.number)
            continue
        m = _LINE.match(line)
        if m is None:
            raise _problem(template, n, f"无法解析的块“{line[:20]}”，应为“@角色 文字”或“@角色[序号] 文字”")
        try:
            role = Role(m["role"])
        except ValueError:
            known = "、".join(r.value for r in Role)
            raise _problem(template, n, f"未知角色“{m['role']}”，可用：{known}") from None
        number = int(m["number"]) if m["number"] else None
        if number is not None and role not in HEADINGS:
            raise _problem(template, n, f"角色“{role.value}”不带序号，只有各级标题可以写 [n]")
        if number == 0:
            raise _problem(template, n, "标题序号从 1 开始，不能为 0")
        blocks.append(Block(role, m["text"] or "", number))
    return blocks


def _problem(template: str, line: int, message: str) -> BlockProblem:
    # The line is that of the template's *output*; Jinja's own errors carry source lines.
    return BlockProblem(Diagnostic.make(template, (line, 1), "template-error", f"模板输出第 {line} 行：{message}"))
