"""The department sheet as Excel and WPS read it: locked prefilled columns, a drop-down, print setup."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from casplan.plan import open_plan
from casplan.progress.load import load_rounds
from casplan.progress.model import RoundInfo
from casplan.progress.sheet import COLUMNS, META, build, sheet_rows

INFO = RoundInfo("2022-03", "2022年第一季度", date(2022, 3, 31))


def workbook(root: Path, tmp_path: Path, dept: str = "人事局", info: RoundInfo = INFO):
    plan = open_plan(root)
    rounds, _ = load_rounds(root)
    path = tmp_path / "s.xlsx"
    path.write_bytes(build(dept, info, sheet_rows(plan, rounds, dept, info)))
    return load_workbook(path)


def test_rows_are_the_departments_items_with_their_last_report(embedded_progress: Path, tmp_path: Path) -> None:
    ws = workbook(embedded_progress, tmp_path)["进展报送"]
    assert [c.value for c in ws[3]] == list(COLUMNS)
    rows = {ws.cell(row=r, column=1).value: [c.value for c in ws[r]] for r in range(4, ws.max_row + 1)}
    # 人事局 leads 8 points and assists 7 (mission-capability and research-layout have two dates each).
    assert len(rows) == 13 and ws.max_row - 3 == 15
    assert rows["special-research-posts"][3:7] == ["牵头", "2021年年底前启动首批试点。", "已完成（2021年第四季度）",
                                                   "首批特聘研究岗位试点已启动。"]
    assert rows["advise-pay-system"][2:4] == [
        "（2）完善以增加知识价值为导向的薪酬分配机制，争取在支持中科院等国家科研机构开启绩效工资总量备案制试点基础上，"
        "研究建立任务、业绩导向的研究机构薪酬总量管理制度。", "牵头"]
    assert rows["young-cadres"][5] == "未报送"
    milestones = [ws.cell(row=r, column=2).value for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "mission-capability"]
    assert milestones == ["2021-12-31", "2025-12-31"]


def test_locked_and_fillable_cells(embedded_progress: Path, tmp_path: Path) -> None:
    ws = workbook(embedded_progress, tmp_path)["进展报送"]
    assert ws.protection.sheet is True
    locked = {COLUMNS[c - 1]: ws.cell(row=4, column=c).protection.locked for c in range(1, len(COLUMNS) + 1)}
    assert [k for k, v in locked.items() if not v] == ["状态", "进展", "完成日期", "下步计划", "问题和困难", "延期原因"]


def test_status_drop_down(embedded_progress: Path, tmp_path: Path) -> None:
    ws = workbook(embedded_progress, tmp_path)["进展报送"]
    (dv,) = ws.data_validations.dataValidation
    assert (dv.type, dv.formula1, str(dv.sqref)) == ("list", '"未启动,推进中,已完成,暂缓,取消（经批准）"', "H4:H18")


def test_print_ready(embedded_progress: Path, tmp_path: Path) -> None:
    ws = workbook(embedded_progress, tmp_path)["进展报送"]
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)  # 9: A4
    assert ws.print_title_rows == "$3:$3"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.freeze_panes == "A4"
    assert ws["C4"].alignment.wrap_text is True
    # A column of Chinese text is wider than one of ids, and no column is absurdly wide.
    widths = {COLUMNS[i]: ws.column_dimensions[chr(65 + i)].width for i in range(len(COLUMNS))}
    assert widths["任务"] > widths["角色"] and max(widths.values()) <= 48


def test_hidden_meta(embedded_progress: Path, tmp_path: Path) -> None:
    wb = workbook(embedded_progress, tmp_path)
    meta = wb[META]
    assert meta.sheet_state == "veryHidden"
    assert [meta.cell(row=r, column=2).value for r in range(1, 8)] == [
        "casplan 进展报送表", 1, "人事局", "2022-03", "2022年第一季度", "2022-03-31", "进展报送"]


def test_a_sheet_for_the_round_itself_shows_the_round_before(embedded_progress: Path, tmp_path: Path) -> None:
    """Re-issuing 2021-12's sheet: 上次 is what 2021-09 said, not 2021-12's own answers."""
    ws = workbook(embedded_progress, tmp_path, info=RoundInfo("2021-12", "2021年第四季度", date(2021, 12, 31)))["进展报送"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(row=r, column=1).value == "special-research-posts")
    assert ws.cell(row=row, column=6).value == "推进中（2021年第三季度）"


def test_every_row_styled_as_the_first(embedded_progress: Path, tmp_path: Path) -> None:
    """Rows after the first take its styles by copy: the last row is locked, filled and formatted alike."""
    ws = workbook(embedded_progress, tmp_path)["进展报送"]
    last = ws.max_row
    assert last == 18
    for c in range(1, len(COLUMNS) + 1):
        first, other = ws.cell(row=4, column=c), ws.cell(row=last, column=c)
        assert (other.protection.locked, other.fill.fgColor.rgb, other.number_format, other.font.name, other.font.sz,
                other.alignment.wrap_text, other.border.left.style) == \
               (first.protection.locked, first.fill.fgColor.rgb, first.number_format, first.font.name, first.font.sz,
                first.alignment.wrap_text, first.border.left.style)
    assert ws.cell(row=last, column=COLUMNS.index("完成日期") + 1).number_format == "yyyy-mm-dd"
    assert ws.cell(row=last, column=1).protection.locked is True
    assert ws.cell(row=last, column=1).fill.fgColor.rgb == "00F2F2F2"
