"""`casplan import`: exit codes, the report, --out safety, --label, --leaders."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "tests" / "importer" / "data" / "cas-plan-2021-raw.txt"

SMALL = """某某局2024年重点工作分工方案
一、深化改革
（一）推进制度建设
牵头单位：办公室
配合单位：财务处、人事处
工作措施：修订管理办法。
完成时间：2024年6月底前。
"""


def test_import_writes_a_valid_plan_and_exits_0(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "plan"
    result = run_cli("import", str(RAW), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        f"导入到“{out}”：15 个部分，40 项任务，7 个子项；19 个单位，9 位领导；源文件的全部内容都已放入方案"
    )
    assert run_cli("validate", "--plan", str(out)).exit_code == 0
    assert run_cli("list", "--plan", str(out), "--dept", "人事局", "--format", "csv").stdout.count("\n") == 14


def test_the_report_is_written_with_report(run_cli, tmp_path: Path) -> None:
    report = tmp_path / "导入报告.txt"
    result = run_cli("import", str(RAW), "--out", str(tmp_path / "plan"), "--report", str(report))
    assert result.exit_code == 0
    assert report.read_text(encoding="utf-8") == result.stdout


def test_something_unplaced_exits_1_and_still_writes_the_plan(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "方案.txt"
    source.write_text(SMALL + "（二）\n配合单位：\n", encoding="utf-8")
    out = tmp_path / "plan"
    result = run_cli("import", str(source), "--out", str(out))
    assert result.exit_code == 1
    assert "方案.txt：第 9 行：未放入：“配合单位：”——“配合单位”没有列出任何名称" in result.stdout.splitlines()
    assert (out / "plan.yaml").is_file()


def test_a_non_empty_folder_is_refused_without_force(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    result = run_cli("import", str(RAW), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{out}: error[out-not-empty] 目录“{out}”已存在且不为空；导入不会写入已有内容的目录，确需覆盖请加 --force\n"
    )
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    assert run_cli("import", str(RAW), "--out", str(out), "--force").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["departments.yaml", "leaders.yaml", "plan.yaml", "sections"]


def test_an_empty_folder_is_used(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    assert run_cli("import", str(RAW), "--out", str(out)).exit_code == 0
    assert (out / "sections").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["plan"]  # no temporary folder left behind


def test_a_bad_source_is_one_line_and_writes_nothing(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "旧.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    result = run_cli("import", str(source), "--out", str(tmp_path / "plan"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{source}: error[bad-source] “旧.doc”是旧版 Word 二进制格式（.doc）；请在 Word 或 WPS 中“另存为” .docx 后再导入\n"
    )
    assert not (tmp_path / "plan").exists()


def test_label_maps_a_word_to_a_role(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "方案.txt"
    source.write_text(SMALL.replace("配合单位", "协作单位"), encoding="utf-8")
    out = tmp_path / "plan"
    result = run_cli("import", str(source), "--out", str(out), "--label", "协作单位=配合单位")
    assert result.exit_code == 0, result.output
    rows = run_cli("list", "--plan", str(out), "--dept", "人事处", "--format", "csv").stdout.splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == ["t1-1"]
    section = (out / "sections" / "01-深化改革.yaml").read_text(encoding="utf-8")
    assert "    协作单位: [财务处, 人事处]\n" in section
    assert "  配合单位: 协作单位\n" in (out / "plan.yaml").read_text(encoding="utf-8")


def test_a_bad_label_option_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("import", str(RAW), "--out", str(tmp_path / "p"), "--label", "主办单位=头头")
    assert result.exit_code == 2
    assert result.stderr == (
        "用法错误：--label 主办单位=头头：未知角色“头头”，可用：牵头领导、配合领导、牵头单位、配合单位、负责单位、具体举措、时间期限"
        "（或内置方案的标签，如 牵头部门）\n"
    )


def test_leaders_tells_people_from_units(run_cli, tmp_path: Path) -> None:
    source = tmp_path / "方案.txt"
    source.write_text(SMALL.replace("牵头单位：办公室", "牵头单位：张三、办公室"), encoding="utf-8")
    out = tmp_path / "plan"
    run_cli("import", str(source), "--out", str(out), "--leaders", "张三,李四")
    section = (out / "sections" / "01-深化改革.yaml").read_text(encoding="utf-8")
    assert "    牵头领导: [张三]\n    牵头单位: [办公室]\n" in section
    assert (out / "leaders.yaml").read_text(encoding="utf-8") == "院领导:\n  - 姓名: 张三\n"


def test_leaders_file_is_read(run_cli, tmp_path: Path) -> None:
    names = tmp_path / "领导.txt"
    names.write_text("张三\n李四\n", encoding="utf-8")
    source = tmp_path / "方案.txt"
    source.write_text(SMALL.replace("牵头单位：办公室", "牵头单位：李四"), encoding="utf-8")
    run_cli("import", str(source), "--out", str(tmp_path / "plan"), "--leaders-file", str(names))
    assert (tmp_path / "plan" / "leaders.yaml").read_text(encoding="utf-8") == "院领导:\n  - 姓名: 李四\n"


def test_a_missing_parent_folder_is_one_clear_error(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "无" / "plan"
    result = run_cli("import", str(RAW), "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"{out}: error[write-failed] 无法写入“{out}”：上级目录“{out.parent}”不存在\n"
    assert not out.parent.exists()


def test_the_cli_stays_light_for_import(run_cli) -> None:
    import subprocess
    import sys

    code = "import sys, casplan.cli; print(sorted(m for m in ('docx', 'lxml', 'casplan.importer') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
