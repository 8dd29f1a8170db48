"""Sheets back into YAML: the round trip, and every bad sheet named at its cell with nothing written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from casplan.progress.collect import as_date

NEW_ROUND = ("--round", "2022-03", "--name", "2022年第一季度")


def make_sheet(run_cli, root: Path, tmp_path: Path, dept: str = "人事局", name: str = "人事局.xlsx",
               round_: tuple[str, ...] = NEW_ROUND) -> Path:
    out = tmp_path / name
    result = run_cli("sheet", "--plan", str(root), "--dept", dept, *round_, str(out))
    assert result.exit_code == 0, result.stderr
    return out


def fill(path: Path, answers: dict[str, dict[str, object]]) -> dict[str, int]:
    """Write answers by 编号 into the fill-in columns, as a department would in Excel; return 编号 → row."""
    wb = load_workbook(path)
    ws = wb["进展报送"]
    header = {ws.cell(row=3, column=c).value: c for c in range(1, ws.max_column + 1)}
    rows = {ws.cell(row=r, column=1).value: r for r in range(4, ws.max_row + 1)}
    for item, cells in answers.items():
        for column, value in cells.items():
            ws.cell(row=rows[item], column=header[column]).value = value  # None clears the cell
    wb.save(path)
    return rows


ANSWERS: dict[str, dict[str, object]] = {
    "leadership-politics": {"状态": "已完成", "完成日期": datetime(2022, 3, 10), "进展": "考察办法已印发。"},
    "young-cadres": {"状态": "推进中", "进展": "年轻干部选育管用办法起草中。", "下步计划": "4月提交党组审议。",
                     "问题和困难": "需协调各分院分党组。", "延期原因": "征求意见范围扩大。"},
    "youth-training": {"状态": "已完成", "完成日期": "2022/3/15"},
    "flexible-pay": {"状态": "推进中", "完成日期": 44630},  # an Excel serial: 2022-03-10
    "advise-pay-system": {"状态": "暂缓", "延期原因": "待国家统一部署。", "进展": "第一段\n第二段"},
}


def test_round_trip(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    sheet = make_sheet(run_cli, embedded_progress, tmp_path)
    fill(sheet, ANSWERS)
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(sheet))
    assert result.exit_code == 0, result.stderr
    target = embedded_progress / "进展" / "2022-03.yaml"
    assert result.stdout == f"已汇总 1 张报送表、5 条进展到 {embedded_progress.as_posix()}/进展/2022-03.yaml（新增 5 条，更新 0 条）\n"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data == {
        "名称": "2022年第一季度",
        "报送截止": date(2022, 3, 31),
        "条目": [
            {"编号": "flexible-pay", "状态": "推进中", "完成日期": date(2022, 3, 10), "报送单位": "人事局"},
            {"编号": "leadership-politics", "状态": "已完成", "进展": "考察办法已印发。", "完成日期": date(2022, 3, 10),
             "报送单位": "人事局"},
            {"编号": "young-cadres", "状态": "推进中", "进展": "年轻干部选育管用办法起草中。", "报送单位": "人事局",
             "下步计划": "4月提交党组审议。", "问题和困难": "需协调各分院分党组。", "延期原因": "征求意见范围扩大。"},
            {"编号": "youth-training", "状态": "已完成", "完成日期": date(2022, 3, 15), "报送单位": "人事局"},
            {"编号": "advise-pay-system", "状态": "暂缓", "进展": "第一段\n第二段", "报送单位": "人事局",
             "延期原因": "待国家统一部署。"},
        ],
    }
    assert "进展: |-\n      第一段\n      第二段\n" in target.read_text(encoding="utf-8")
    assert run_cli("validate", "--plan", str(embedded_progress)).exit_code == 0


def test_collecting_again_updates_and_keeps_comments(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    sheet = make_sheet(run_cli, embedded_progress, tmp_path)
    fill(sheet, {"young-cadres": {"状态": "推进中", "进展": "起草中。", "延期原因": "征求意见。"}})
    assert run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(sheet)).exit_code == 0
    target = embedded_progress / "进展" / "2022-03.yaml"
    text = target.read_text(encoding="utf-8").replace("  - 编号: young-cadres", "  # 人事局 3 月 20 日电话补报\n  - 编号: young-cadres")
    text = text.replace("    报送单位: 人事局", "    报送单位: 人事局\n    佐证材料: [人事局函〔2022〕3号]")
    target.write_text(text, encoding="utf-8")
    fill(sheet, {"young-cadres": {"状态": "已完成", "进展": "已印发。", "完成日期": "2022年3月18日", "延期原因": None}})
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(sheet))
    assert result.stdout.endswith("（新增 0 条，更新 1 条）\n")
    after = target.read_text(encoding="utf-8")
    assert "# 人事局 3 月 20 日电话补报" in after
    assert yaml.safe_load(after)["条目"] == [{"编号": "young-cadres", "状态": "已完成", "进展": "已印发。",
                                             "完成日期": date(2022, 3, 18), "报送单位": "人事局",
                                             "佐证材料": ["人事局函〔2022〕3号"]}]


def test_an_existing_round_is_updated_in_place(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    """Collecting into 2021-12 (written by hand) adds the department's answers and keeps the rest."""
    target = embedded_progress / "进展" / "2021-12.yaml"
    before = target.read_text(encoding="utf-8")
    sheet = make_sheet(run_cli, embedded_progress, tmp_path, round_=("--round", "2021-12"))
    fill(sheet, {"young-cadres": {"状态": "推进中"}})
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2021-12", str(sheet))
    assert result.exit_code == 0, result.stderr
    after = target.read_text(encoding="utf-8")
    assert after.startswith(before)  # everything kept, byte for byte, the new entry appended
    assert after[len(before):] == "  - 编号: young-cadres\n    状态: 推进中\n    报送单位: 人事局\n"


# ------------------------------------------------------------------ bad sheets: the cell, and nothing written


def rows_of(sheet: Path) -> dict[str, int]:
    ws = load_workbook(sheet)["进展报送"]
    return {ws.cell(row=r, column=1).value: r for r in range(4, ws.max_row + 1)}


def edit(sheet: Path, cell: str, value: object) -> None:
    wb = load_workbook(sheet)
    wb["进展报送"][cell] = value
    wb.save(sheet)


@pytest.mark.parametrize(("cell", "value", "expected"), [
    ("C{r}", "改过的任务", "error[locked-cell] “任务”列不能改动（原为“着力加强年轻干部队伍建设”）"),
    ("F{r}", "已完成", "error[locked-cell] “上次状态”列不能改动（原为“未报送”）"),
    ("A{r}", "young-cadre", "error[unknown-item] 方案中没有编号“young-cadre”（是否为“young-cadres”？）"),
    ("A{r}", "learn-notice", "error[locked-cell] “编号”列不能改动（原为“young-cadres”）"),
    ("H{r}", "完成了", "error[unknown-status] 未知状态“完成了”（是否为“已完成”？）"),
    ("H{r}", "逾期", "error[unknown-status] “逾期”由 casplan 根据时间节点算出，不用填写；请填写实际状态（未启动、推进中、已完成、暂缓、取消（经批准））"),
    ("J{r}", "下个月", "error[bad-date] 完成日期“下个月”不是日期；可写 2021-12-31、2021/12/31 或 2021年12月31日"),
    ("J{r}", datetime(2022, 4, 2), "error[done-after-round] 完成日期 2022-04-02 晚于本轮报送截止 2022-03-31"),
    ("J{r}", "2021-09-01", "error[done-before-plan] 完成日期 2021-09-01 早于方案成文日期 2021-09-28"),
    ("I{r}", "只写了进展", "error[unknown-status] 填写了本行却没有选择状态"),
])
def test_bad_cell(embedded_progress: Path, tmp_path: Path, run_cli, cell: str, value: object, expected: str) -> None:
    sheet = make_sheet(run_cli, embedded_progress, tmp_path)
    r = rows_of(sheet)["young-cadres"]
    if not cell.startswith("H") and not cell.startswith("I"):
        edit(sheet, f"H{r}", "已完成")
    edit(sheet, cell.format(r=r), value)
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(sheet))
    where = cell.format(r=r) if not cell.startswith("I") else f"H{r}"
    assert (result.exit_code, result.stderr) == (1, f"{sheet.as_posix()}!进展报送!{where}: {expected}\n")
    assert not (embedded_progress / "进展" / "2022-03.yaml").exists()


def test_one_bad_sheet_stops_all(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    good = make_sheet(run_cli, embedded_progress, tmp_path, "办公厅", "办公厅.xlsx", ("--round", "2021-12"))
    bad = make_sheet(run_cli, embedded_progress, tmp_path, "人事局", "人事局.xlsx", ("--round", "2021-12"))
    fill(good, {"learn-notice": {"状态": "已完成", "完成日期": "2021-09-29"}})
    fill(bad, {"young-cadres": {"状态": "办结"}})
    target = embedded_progress / "进展" / "2021-12.yaml"
    before = target.read_bytes()
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2021-12", str(good), str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad.as_posix()}!进展报送!H")
    assert target.read_bytes() == before


def test_sheet_of_another_round(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    sheet = make_sheet(run_cli, embedded_progress, tmp_path)
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2021-12", str(sheet))
    assert (result.exit_code, result.stderr) == (
        1, f"{sheet.as_posix()}!进展报送!A1: error[wrong-round] 这是“2022年第一季度”（轮次 2022-03）的报送表，不是轮次 2021-12 的\n")


def test_two_sheets_of_one_department(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    a = make_sheet(run_cli, embedded_progress, tmp_path, name="a.xlsx")
    b = make_sheet(run_cli, embedded_progress, tmp_path, name="b.xlsx")
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(a), str(b))
    assert (result.exit_code, result.stderr) == (
        1, f"{b.as_posix()}!进展报送!A1: error[wrong-department] 人事局的报送表已在 {a.as_posix()} 中给出，同一部门只能交一张\n")


def test_not_a_casplan_sheet(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    other = tmp_path / "别的表.xlsx"
    Workbook().save(other)
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(other))
    assert (result.exit_code, result.stderr) == (
        1, f"{other.as_posix()}: error[bad-sheet] 不是 casplan sheet 生成的报送表（缺少隐藏的说明页），请用 casplan sheet 生成后填写\n")


def test_not_a_workbook_at_all(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    fake = tmp_path / "假.xlsx"
    fake.write_text("不是表格", encoding="utf-8")
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(fake), str(tmp_path / "无.xlsx"))
    assert result.exit_code == 1
    assert result.stderr == (f"{fake.as_posix()}: error[bad-sheet] 不是可读的 .xlsx 文件（BadZipFile）\n"
                             f"{(tmp_path / '无.xlsx').as_posix()}: error[bad-sheet] 找不到文件（FileNotFoundError）\n")


def test_renamed_sheet(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    sheet = make_sheet(run_cli, embedded_progress, tmp_path)
    wb = load_workbook(sheet)
    wb["进展报送"].title = "进展报送表"
    wb.save(sheet)
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(sheet))
    assert result.stderr == f"{sheet.as_posix()}: error[bad-sheet] 报送表中没有工作表“进展报送”（被改名或删除？）（是否为“进展报送表”？）\n"


def test_a_deleted_row_is_a_changed_locked_cell(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    sheet = make_sheet(run_cli, embedded_progress, tmp_path)
    wb = load_workbook(sheet)
    ws = wb["进展报送"]
    last = ws.max_row
    ws.delete_rows(last)
    wb.save(sheet)
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(sheet))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{sheet.as_posix()}!进展报送!A{last}: error[locked-cell] “编号”列不能改动（原为")


def test_missing_done_date_is_a_warning(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    sheet = make_sheet(run_cli, embedded_progress, tmp_path)
    r = fill(sheet, {"young-cadres": {"状态": "已完成"}})["young-cadres"]
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2022-03", str(sheet))
    assert result.exit_code == 0
    assert result.stderr == f"{sheet.as_posix()}!进展报送!H{r}: warning[missing-done-date] 状态为已完成，但没有填写完成日期\n"


@pytest.mark.parametrize(("value", "expected"), [
    (datetime(2021, 12, 31, 0, 0), date(2021, 12, 31)),
    (date(2021, 12, 31), date(2021, 12, 31)),
    (44561, date(2021, 12, 31)),
    (44561.0, date(2021, 12, 31)),
    ("2021/12/31", date(2021, 12, 31)),
    ("2021年12月31日", date(2021, 12, 31)),
    (" 2021-12-31 ", date(2021, 12, 31)),
    ("2021.12.31", None),
    (True, None),
    (-3, None),
])
def test_as_date(value: object, expected: date | None) -> None:
    assert as_date(value) == expected


def test_city_round_trip_by_alias_and_milestone(tmp_path: Path, run_cli) -> None:
    """Another plan: the department named by its alias, a row per milestone, a round with its own date."""
    from progress_data import OTHER, plan_with_progress

    root = plan_with_progress(tmp_path, OTHER, None)
    sheet = make_sheet(run_cli, root, tmp_path, "政务中心", "政务中心.xlsx",
                       ("--round", "q3", "--name", "第三季度", "--date", "2024-10-08"))
    ws = load_workbook(sheet)["进展报送"]
    assert ws.cell(row=3, column=5).value == "完成时限"  # the plan's own word for the deadline
    assert [(ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value, ws.cell(row=r, column=4).value)
            for r in range(4, ws.max_row + 1)] == [
        ("one-window", "2024-06-30", "牵头"), ("one-window", "2024-12-31", "牵头"), ("online-list", None, "牵头")]
    wb = load_workbook(sheet)
    wb["进展报送"]["H5"] = "推进中"
    wb["进展报送"]["I5"] = "已在全部区开设综合窗口。"
    wb.save(sheet)
    result = run_cli("collect", "--plan", str(root), "--round", "q3", str(sheet))
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((root / "进展" / "q3.yaml").read_text(encoding="utf-8"))
    assert data == {"名称": "第三季度", "报送截止": date(2024, 10, 8), "条目": [
        {"编号": "one-window", "节点": date(2024, 12, 31), "状态": "推进中", "进展": "已在全部区开设综合窗口。",
         "报送单位": "市政务服务中心"}]}
