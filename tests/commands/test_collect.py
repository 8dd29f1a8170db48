"""`casplan collect` on the command line (the sheets themselves: tests/progress/test_collect.py)."""

from __future__ import annotations

from pathlib import Path


def test_needs_a_file(embedded_progress: Path, run_cli) -> None:
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2021-12")
    assert result.exit_code == 2


def test_needs_a_round(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    result = run_cli("collect", "--plan", str(embedded_progress), str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2
    assert "--round" in result.stderr


def test_a_plan_with_bad_progress_collects_nothing(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    bad = embedded_progress / "进展" / "2021-09.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("编号: plan-draft", "编号: plan-drafts"), encoding="utf-8")
    result = run_cli("collect", "--plan", str(embedded_progress), "--round", "2021-12", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 1
    assert result.stderr == (f"{bad.as_posix()}:11:9: error[unknown-item] 方案中没有编号“plan-drafts”"
                             "（是否为“plan-draft”？）\n")
