"""Source file → plan files and report: which reader, then structure, ids and writer."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from casplan.importer import ids, writer
from casplan.importer.ir import PlanIR
from casplan.importer.report import Report
from casplan.importer.source import Para, Source, Table
from casplan.importer.structure import Options, build
from casplan.importer.text_reader import SourceProblem, read_text
from casplan.errors import os_reason

__all__ = ["SourceProblem", "read_source", "import_plan", "Result"]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of .doc and of encrypted .docx


def read_source(path: Path) -> Source:
    """The source as paragraphs and tables, or SourceProblem with one clear message."""
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceProblem(f"找不到源文件“{path}”") from None
    except OSError as exc:
        raise SourceProblem(f"无法读取源文件“{path}”：{os_reason(exc)}") from None
    suffix = path.suffix.lower()
    if not raw.strip():
        raise SourceProblem(f"“{name}”是空文件（没有任何内容）")
    if raw.startswith(_OLE):
        if suffix in (".docx", ".docm"):
            raise SourceProblem(f"“{name}”已加密（设置了打开密码）；请在 Word 中取消密码、另存为 .docx 后再导入")
        raise SourceProblem(f"“{name}”是旧版 Word 二进制格式（.doc）；请在 Word 或 WPS 中“另存为” .docx 后再导入")
    if raw.startswith(b"PK"):
        if not zipfile.is_zipfile(path):
            raise SourceProblem(f"“{name}”已损坏：不是完整的 .docx（压缩包无法打开）")
        from casplan.importer.docx_reader import read_docx

        return read_docx(path)
    if suffix in (".docx", ".docm", ".doc", ".wps", ".pdf", ".xlsx", ".odt", ".rtf"):
        kind = {".pdf": "PDF", ".xlsx": "Excel", ".odt": "OpenDocument", ".rtf": "RTF"}.get(suffix)
        if suffix in (".doc", ".wps"):
            raise SourceProblem(f"“{name}”不是 Word 文档；如为旧版 .doc，请另存为 .docx 后再导入")
        what = f"{kind} 文件" if kind else "有效的 Word 文档"
        raise SourceProblem(f"“{name}”不是{what}；casplan import 读取 .docx 和 .txt")
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceProblem(f"“{name}”不是文本文件，也不是 .docx；casplan import 读取 .docx 和 .txt")
    return read_text(raw, name)


@dataclass
class Result:
    plan: PlanIR
    report: Report
    files: dict[str, str]

    def validate(self, out: Path) -> list[str]:
        """The written plan's errors, as diagnostic lines (a correct import has none)."""
        from casplan.check import check_plan
        from casplan.diagnostics import Severity
        from casplan.load import load_plan
        from casplan.report import text_line

        loaded = load_plan(out)
        problems = loaded.diagnostics + check_plan(loaded)
        return [text_line(d) for d in problems if d.severity is Severity.ERROR]

    def summary(self, out: Path, problems: list[str]) -> str:
        plan = self.plan
        tasks = sum(len(p.tasks) for p in plan.parts)
        subs = sum(len(t.subitems) for p in plan.parts for t in p.tasks)
        unplaced = sum(1 for e in self.report.entries if e.kind == "未放入")
        parts = f"{len(plan.parts)} 个部分，" if plan.has_parts else ""
        head = (f"导入到“{out}”：{parts}{tasks} 项任务，{subs} 个子项；"
                f"{len(plan.units)} 个单位，{len(plan.leaders)} 位领导")
        if unplaced:
            head += f"；{unplaced} 处未放入方案（见上）"
        else:
            head += "；源文件的全部内容都已放入方案"
        if problems:
            head += f"；写出的方案有 {len(problems)} 个错误（见标准错误输出）"
        return head


def flatten(table: Table) -> list[Para]:
    """A table that is no plan table, as paragraphs: a row of one-line cells is one line (cells
    joined by a tab, as “印发机关	印发日期印发” is written), else each line of each cell."""
    out: list[Para] = []
    for row in table.rows:
        cells = [c for c in row if not c.continued and c.text.strip()]
        if cells and all("\n" not in c.text for c in cells):
            out.append(Para(cells[0].loc, "\t".join(c.text for c in cells)))
            continue
        for cell in cells:
            out.extend(Para(cell.loc, line) for line in cell.text.split("\n") if line.strip())
    return out


def import_plan(source: Source, options: Options | None = None) -> Result:
    report = Report(source.name)
    for loc, message in source.notes:
        report.note(loc, message)
    for loc, text, why in source.unplaced:
        report.unplaced(loc, text, why)
    from casplan.importer.tables import is_plan_table

    blocks: list[Para | Table] = []
    width = 0  # columns of the plan table's header, once one is met: later tables may continue it
    for block in source.blocks:
        if isinstance(block, Table):
            if is_plan_table(block, options or Options()):
                width = max(sum(c.span for c in row) for row in block.rows)
            elif not (width and all(sum(c.span for c in row) <= width for row in block.rows)):
                blocks.extend(flatten(block))  # a layout table (masthead, 版记): its text in reading order
                continue
        blocks.append(block)
    if any(isinstance(b, Table) for b in blocks):
        from casplan.importer.tables import build_with_tables

        plan = build_with_tables(blocks, report, options)
    else:
        plan = build([b for b in blocks if isinstance(b, Para)], report, options)
    ids.assign(plan)
    return Result(plan, report, writer.files(plan))
