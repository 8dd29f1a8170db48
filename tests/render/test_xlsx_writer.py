"""The .xlsx writer: a template's table as a worksheet that prints (the 督办台账 as a spreadsheet)."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from casplan.blocks import Block, Role
from casplan.render.xlsx_writer import column_width, text_width, write_xlsx

from progress_data import REPO


def test_table_blocks_become_a_sheet() -> None:
    blocks = [Block(Role.LAYOUT, "横向"), Block(Role.TITLE, "某方案\n督办台账"), Block(Role.TABLE_HEAD, "序号\t任务"),
              Block(Role.TABLE_ROW, "1\t甲"), Block(Role.TABLE_ROW, "2\t乙"), Block(Role.BODY, "表外的文字不进表格")]
    ws = load_workbook(io.BytesIO(write_xlsx(blocks))).active
    assert [[c.value for c in r] for r in ws.iter_rows()] == [["某方案督办台账", None], ["序号", "任务"], [1, "甲"], [2, "乙"]]
    assert ws.print_title_rows == "$2:$2"
    assert ws.auto_filter.ref == "A2:B4"
    assert ws.page_setup.orientation == "landscape"


def test_widths_count_chinese_as_two() -> None:
    assert text_width("人事局") == 6.0
    assert column_width("编号", ["learn-notice"]) == 14.2
    assert column_width("任务", ["很" * 100]) == 48.0  # long text wraps inside the cap


def test_ledger_without_progress(tmp_path: Path, run_cli) -> None:
    out = tmp_path / "台账.xlsx"
    assert run_cli("render", str(out), "--plan", str(REPO / "plan"), "--template", "ledger").exit_code == 0
    ws = load_workbook(out).active
    assert [c.value for c in ws[2]] == ["序号", "任务", "牵头院领导", "配合院领导", "牵头部门", "协助部门", "时间期限", "截止日期"]
    assert ws.max_row == 2 + 47  # 40 tasks and 7 sub-items
    assert ws["B3"].value == "以党组文件形式印发通知，对全院传达学习和贯彻落实大会精神提出明确要求"


def test_ledger_with_progress(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "台账.xlsx"
    result = run_cli("render", str(out), "--plan", str(embedded_progress), "--template", "ledger", "--as-of", "2022-01-01")
    assert result.exit_code == 0, result.stderr
    ws = load_workbook(out).active
    assert [c.value for c in ws[2]][-2:] == ["状态", "最新进展"]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=3)}
    assert rows[1][-2:] == ["已完成", "已以党组文件形式印发通知，对全院传达学习和贯彻落实大会精神提出明确要求。"]
    spirit = next(r for r in rows.values() if r[1] and r[1] == "建设传承科学家精神示范和教育基地")
    assert spirit[-2] == "2021-12-31 已完成；2022-12-31 未报送"
    four = next(r for r in rows.values() if r[1] == "向广大院士发出带头践行“四个表率”的倡议")
    assert four[-2:] == ["逾期", None]
