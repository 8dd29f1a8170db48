"""Spreadsheets that print: A4 landscape, the header row on every page, widths that fit Chinese text.

Used by `render 台账.xlsx` (the table blocks of any template) and by the
department sheets (casplan.progress.sheet). openpyxl is imported by the
commands that write .xlsx only.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from casplan.blocks import Block, Role

FONT = "宋体"  # present in every Chinese Windows and in WPS; LibreOffice substitutes
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 48.0  # characters of Latin width: about 24 Chinese characters


def text_width(text: str) -> float:
    """Width in Excel's units (the width of '0'): a CJK character counts two."""
    return sum(2.0 if ord(ch) > 0x2E7F else 1.1 for ch in text)


def column_width(header: str, values: Sequence[str], floor: float = 6.0, cap: float = MAX_WIDTH) -> float:
    """Wide enough for the header, and for the typical cell up to `cap` (long cells wrap)."""
    longest_line = max([0.0, *(text_width(line) for v in values for line in v.splitlines())])
    return round(min(max(text_width(header) + 2, floor, longest_line + 1), cap), 1)


def print_ready(ws: Worksheet, header_row: int) -> None:
    """A4 landscape, fit to one page wide, header row repeated, frozen below it."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.freeze_panes = f"A{header_row + 1}"
    if ws.oddFooter is not None:
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def header(ws: Worksheet, row: int, names: Sequence[str]) -> None:
    for c, name in enumerate(names, start=1):
        cell = ws.cell(row=row, column=c, value=name)
        cell.font = Font(name=FONT, bold=True, size=11)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def title(ws: Worksheet, row: int, text: str, columns: int, *, size: int = 14, bold: bool = True) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = Font(name=FONT, bold=bold, size=size)
    cell.alignment = Alignment(horizontal="center" if bold else "left", vertical="center", wrap_text=True)
    ws.row_dimensions[row].height = 28 if bold else 32


def widths(ws: Worksheet, names: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    for c, name in enumerate(names):
        values = [r[c] for r in rows if c < len(r)]
        ws.column_dimensions[get_column_letter(c + 1)].width = column_width(name, values)


def write_xlsx(blocks: list[Block]) -> bytes:
    """The table of a template (表头, 表行) as a worksheet; the 标题 above it. Other blocks have no place here."""
    head = next((b.text.split("\t") for b in blocks if b.role is Role.TABLE_HEAD), None)
    body = [b.text.split("\t") for b in blocks if b.role is Role.TABLE_ROW]
    heading = next((b.text.replace("\n", "") for b in blocks if b.role is Role.TITLE), "")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "台账"
    columns = len(head) if head else max([1, *(len(r) for r in body)])
    top = 1
    if heading:
        title(ws, 1, heading, columns)
        top = 2
    if head:
        header(ws, top, head)
    for r, cells in enumerate(body, start=top + 1):
        for c, text in enumerate(cells, start=1):
            cell = ws.cell(row=r, column=c, value=_value(text))
            cell.font = Font(name=FONT, size=10.5)
            cell.alignment = WRAP
            cell.border = BORDER
    widths(ws, head or [""] * columns, body)
    print_ready(ws, top)
    if head:
        ws.auto_filter.ref = f"A{top}:{get_column_letter(columns)}{top + len(body)}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _value(text: str) -> str | int:
    """A whole number stays a number (序号 sorts as 1, 2, … 10); everything else is text as written."""
    return int(text) if text.isdigit() and not text.startswith("0") and len(text) < 10 else text
