"""Progress diagnostics: each case a folder of round files over the minimal plan, its output golden."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from progress_data import DATA, PROGRESS, plan_with_progress
from casplan.progress.check import check_rounds
from casplan.progress.load import load_rounds
from casplan.plan import open_plan

BAD = PROGRESS / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())
PROGRESS_CODES = {"unknown-item", "unknown-milestone", "unknown-status", "duplicate-entry", "done-after-round",
                  "done-before-plan", "missing-done-date", "not-responsible", "missing-delay-reason"}


@pytest.mark.parametrize("case", CASES)
def test_case_matches_golden(case: str, tmp_path: Path, run_cli, golden) -> None:
    plan_with_progress(tmp_path, DATA / "minimal", BAD / case)
    result = run_cli("validate", "--plan", "plan", cwd=tmp_path)
    golden(BAD / case / "expected.txt", result.stdout)
    errors = re.findall(r"^\S+: error\[", result.stdout, flags=re.M)
    assert result.exit_code == (1 if errors else 0)


@pytest.mark.parametrize("case", [c for c in CASES if c != "clean"])
def test_case_shows_its_code(case: str) -> None:
    text = (BAD / case / "expected.txt").read_text(encoding="utf-8")
    assert f"[{case}]" in text


def test_every_progress_code_has_a_case() -> None:
    assert PROGRESS_CODES <= set(CASES)


def test_clean_rounds_have_no_diagnostics(tmp_path: Path) -> None:
    root = plan_with_progress(tmp_path, DATA / "minimal", BAD / "clean")
    rounds, problems = load_rounds(root)
    assert problems == []
    assert check_rounds(open_plan(root), rounds) == []


def test_plan_errors_skip_the_cross_checks(tmp_path: Path, run_cli) -> None:
    """A broken plan cannot say which 编号 exist: only the round files' own problems are reported."""
    root = plan_with_progress(tmp_path, DATA / "minimal", BAD / "unknown-item")
    section = root / "sections" / "01-学习部署.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("[办公厅]", "[办工厅]"), encoding="utf-8")
    result = run_cli("validate", "--plan", "plan", cwd=tmp_path)
    assert "unknown-item" not in result.stdout
    assert "error[unknown-department]" in result.stdout


def test_embedded_fixture_is_clean(embedded_progress: Path, run_cli) -> None:
    result = run_cli("validate", "--plan", str(embedded_progress))
    assert result.exit_code == 0
    assert "进展" not in result.stdout


def test_city_fixture_is_clean(run_cli) -> None:
    """Another plan's rounds, one 报送单位 written by its alias (政务中心), pass without a warning."""
    from progress_data import OTHER

    result = run_cli("validate", "--plan", str(OTHER))
    assert (result.exit_code, result.stdout) == (0, "检查通过：2 个部分，4 项任务，2 个子项；0 个错误，0 个警告\n")
