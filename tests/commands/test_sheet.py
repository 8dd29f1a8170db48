"""`casplan sheet`: what it prints, and its usage errors."""

from __future__ import annotations

from pathlib import Path


def test_new_round_from_its_id(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "人事局.xlsx"
    result = run_cli("sheet", "--plan", str(embedded_progress), "--dept", "人事局", "--round", "2022-06", str(out))
    assert (result.exit_code, result.stdout) == (0, f"已生成 {out}：人事局，2022年6月（2022-06，报送截止 2022-06-30），15 行\n")
    assert out.read_bytes()[:2] == b"PK"


def test_existing_round_takes_its_file(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "办公厅.xlsx"
    result = run_cli("sheet", "--plan", str(embedded_progress), "-d", "办公厅", "-r", "2021-12", str(out))
    assert result.stdout == f"已生成 {out}：办公厅，2021年第四季度（2021-12，报送截止 2021-12-31），3 行\n"


def test_conflicting_name(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    result = run_cli("sheet", "--plan", str(embedded_progress), "-d", "办公厅", "-r", "2021-12", "--name", "年终",
                     str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2
    assert result.stderr == (f"用法错误：轮次 2021-12 已有进展文件 {embedded_progress.as_posix()}/进展/2021-12.yaml"
                             "（2021年第四季度，2021-12-31）；--name、--date 只用于新的轮次\n")


def test_round_without_a_date(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    result = run_cli("sheet", "--plan", str(embedded_progress), "-d", "办公厅", "-r", "q1", str(tmp_path / "x.xlsx"))
    assert result.stderr == "用法错误：新的轮次“q1”需要 --date 报送截止日期（或用 YYYY-MM 作轮次，默认该月最后一天）\n"
    ok = run_cli("sheet", "--plan", str(embedded_progress), "-d", "办公厅", "-r", "q1", "--date", "2022-03-25",
                 "--name", "一季度", str(tmp_path / "x.xlsx"))
    assert ok.stdout.endswith("一季度（q1，报送截止 2022-03-25），3 行\n")


def test_bad_round_id(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    result = run_cli("sheet", "--plan", str(embedded_progress), "-d", "办公厅", "-r", "../x", str(tmp_path / "x.xlsx"))
    assert result.stderr == "用法错误：轮次“../x”无效：只能用字母、数字、连字符和下划线（如 2021-12），它也是进展文件名\n"


def test_unknown_department(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    result = run_cli("sheet", "--plan", str(embedded_progress), "-d", "人时局", "-r", "2022-03", str(tmp_path / "x.xlsx"))
    assert (result.exit_code, result.stderr) == (2, "用法错误：未知部门“人时局”（是否为“人事局”？）\n")


def test_not_xlsx(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    result = run_cli("sheet", "--plan", str(embedded_progress), "-d", "办公厅", "-r", "2022-03", str(tmp_path / "x.xls"))
    assert (result.exit_code, result.stderr) == (2, "用法错误：报送表须为 .xlsx 文件，而不是“x.xls”\n")


def test_a_department_without_items(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    registry = embedded_progress / "departments.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + "  - 名称: 档案馆\n", encoding="utf-8")
    result = run_cli("sheet", "--plan", str(embedded_progress), "-d", "档案馆", "-r", "2022-03", str(tmp_path / "x.xlsx"))
    assert (result.exit_code, result.stderr) == (2, "用法错误：档案馆在方案中没有牵头或协助的事项，无需报送表\n")
    assert not (tmp_path / "x.xlsx").exists()
