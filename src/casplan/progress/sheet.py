"""A department's sheet for a round: its items prefilled and locked, columns to fill, print-ready.

The workbook carries a very hidden sheet (_casplan) with the department, the
round and a copy of every locked cell, so `collect` can tell which sheet it
reads and point at any cell that was changed.
"""

from __future__ import annotations

import io
from copy import copy
from dataclasses import dataclass
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from casplan.plan import Plan
from casplan.progress.items import Point, dept_role, points, title
from casplan.progress.load import RoundFile, fetch
from casplan.progress.model import STATUSES, RoundInfo
from casplan.progress.status import Report, history
from casplan.render import xlsx_writer as xw

SHEET = "进展报送"
META = "_casplan"
MARK = "casplan 进展报送表"
VERSION = 1
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1

LOCKED = ("编号", "节点", "任务", "角色", "时间期限", "上次状态", "上次进展")
FILLED = ("状态", "进展", "完成日期", "下步计划", "问题和困难", "延期原因")
COLUMNS = (*LOCKED, *FILLED)
FILL_WIDTHS = {"状态": 14.0, "进展": 40.0, "完成日期": 13.0, "下步计划": 30.0, "问题和困难": 30.0, "延期原因": 24.0}
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")

# Meta cells (column B of the hidden sheet), read back by collect.
META_KEYS = ("标记", "版本", "部门", "轮次", "名称", "报送截止", "工作表")
META_COPY_ROW = 10  # from this row on: one copy of each data row's locked cells


def col(name: str) -> str:
    return get_column_letter(COLUMNS.index(name) + 1)


@dataclass(frozen=True)
class SheetRow:
    point: Point
    role: str
    last: Report | None

    def locked(self) -> list[str]:
        row = self.point.row
        milestone = self.point.key[1] if self.point.count > 1 else ""
        last_status = f"{self.last.entry.status}（{self.last.round.name}）" if self.last else "未报送"
        progress = (self.last.entry.progress or "") if self.last else ""
        return [row.id, milestone or "", title(row), self.role, row.deadline or "", last_status, progress]


def sheet_rows(plan: Plan, rounds: list[RoundFile], dept: str, info: RoundInfo) -> list[SheetRow]:
    """The department's points, in document order, each with its last report before this round."""
    pts = points(plan)
    hist = history(pts, [r for r in rounds if r.id != info.id and r.valid and r.date <= info.date])
    out = []
    roles: dict[int, str | None] = {}  # by row: an item's milestones share its role
    for p in pts:
        key = id(p.row)
        role = roles[key] if key in roles else roles.setdefault(key, dept_role(plan, p.row, dept))
        if role is None:
            continue
        reports = hist[p.key]
        out.append(SheetRow(p, role, reports[-1] if reports else None))
    fetch((r.last.round, r.last.index) for r in out if r.last is not None)  # each round read once, if at all
    return out


def build(dept: str, info: RoundInfo, rows: list[SheetRow], deadline_label: str = "时间期限") -> bytes:
    """The workbook; `deadline_label` is the plan's word for the deadline column (时间期限, 完成时限 …)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    xw.title(ws, 1, f"{dept}{info.name}重点工作进展报送表", len(COLUMNS))
    due = f"{info.date.year}年{info.date.month}月{info.date.day}日"
    note = (f"报送截止：{due}。灰色各列是方案内容和上次报送的情况，不能改动；请填写白色各列："
            f"状态从下拉列表中选择（{'、'.join(STATUSES)}），完成日期写成 2021-12-31；逾期或暂缓的请写明延期原因。")
    xw.title(ws, 2, note, len(COLUMNS), size=10, bold=False)
    xw.header(ws, HEADER_ROW, [deadline_label if c == "时间期限" else c for c in COLUMNS])
    locked_values = [r.locked() for r in rows]
    styles: list[StyleArray] = []  # each column's style, made once on the first row, then copied
    for i, values in enumerate(locked_values):
        r = FIRST_ROW + i
        for c, name in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=c, value=values[c - 1] if c <= len(LOCKED) else None)
            if i:
                # Why: openpyxl looks each style object up in the workbook's tables (~0.1 ms a cell);
                # the same style array says the same in the file.
                cast(Any, cell)._style = copy(styles[c - 1])
                continue
            cell.font = Font(name=xw.FONT, size=10.5)
            cell.alignment = xw.WRAP
            cell.border = xw.BORDER
            if name in FILLED:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = LOCKED_FILL
            if name == "完成日期":
                cell.number_format = "yyyy-mm-dd"
            styles.append(cast(Any, cell)._style)
    last = FIRST_ROW + max(len(rows), 1) - 1
    choice = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="状态", error="请从下拉列表中选择状态",
                            promptTitle="状态", prompt="从列表中选择", showInputMessage=True)
    choice.add(f"{col('状态')}{FIRST_ROW}:{col('状态')}{last}")
    ws.add_data_validation(choice)
    for c, name in enumerate(COLUMNS):
        letter = get_column_letter(c + 1)
        if name in FILL_WIDTHS:
            ws.column_dimensions[letter].width = FILL_WIDTHS[name]
        else:
            ws.column_dimensions[letter].width = xw.column_width(name, [v[c] for v in locked_values], cap=36.0)
    xw.print_ready(ws, HEADER_ROW)
    # Locked cells stay locked; the department may still resize rows and columns.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False
    _meta(wb, dept, info, locked_values)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _meta(wb: Workbook, dept: str, info: RoundInfo, locked_values: list[list[str]]) -> None:
    meta = wb.create_sheet(META)
    meta.sheet_state = "veryHidden"
    values = (MARK, VERSION, dept, info.id, info.name, info.date.isoformat(), SHEET)
    for r, (key, value) in enumerate(zip(META_KEYS, values, strict=True), start=1):
        meta.cell(row=r, column=1, value=key)
        meta.cell(row=r, column=2, value=value)
    for i, values_ in enumerate(locked_values):
        for c, v in enumerate(values_, start=1):
            meta.cell(row=META_COPY_ROW + i, column=c, value=v)
    meta.protection.sheet = True
