"""`casplan fmt`: --check and --diff change nothing, a rewrite keeps modes and comments, a bad file is refused."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "tests" / "data" / "shapes"
SECTION = "sections/01-就业优先.yaml"
CLEAN = """\
    牵头单位: [国家发展改革委]
    配合单位: [人力资源社会保障部, 财政部]
    完成时限: 2022年底前
"""
ODD = """\
    完成时限: "2022年底前"   # 时限照原文
    配合单位:
      - 人力资源社会保障部
      - 财政部
    牵头单位: ['国家发展改革委']
"""
FIXED = """\
    牵头单位: [国家发展改革委]
    配合单位: [人力资源社会保障部, 财政部]
    完成时限: 2022年底前     # 时限照原文
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The 国务院-style fixture with one task written oddly (mode 0640)."""
    root = tmp_path / "plan"
    shutil.copytree(SHAPES / "guowuyuan", root)
    path = root / SECTION
    text = path.read_text(encoding="utf-8")
    assert text.count(CLEAN) == 1
    path.write_text(text.replace(CLEAN, ODD), encoding="utf-8")
    path.chmod(0o640)
    return root


def test_embedded_plan_is_canonical(run_cli) -> None:
    result = run_cli("fmt", "--check", str(ROOT / "plan"))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr == "0 个文件需要格式化，18 个文件已是规范格式\n"


def test_check_lists_what_would_change_and_changes_nothing(run_cli, plan: Path) -> None:
    before = (plan / SECTION).read_bytes()
    result = run_cli("fmt", "--check", cwd=plan.parent)
    assert result.exit_code == 1
    assert result.stdout == f"需要格式化：plan/{SECTION}\n"
    assert result.stderr == "1 个文件需要格式化，3 个文件已是规范格式\n"
    assert (plan / SECTION).read_bytes() == before


def test_diff_shows_the_change_and_changes_nothing(run_cli, plan: Path) -> None:
    before = (plan / SECTION).read_bytes()
    result = run_cli("fmt", "--diff", str(plan / SECTION))
    assert result.exit_code == 1
    removed = [line[1:] for line in result.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in result.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert (removed, added) == (ODD.splitlines(), FIXED.splitlines())
    assert (plan / SECTION).read_bytes() == before


def test_rewrite_keeps_comments_and_mode_and_is_idempotent(run_cli, plan: Path) -> None:
    result = run_cli("fmt", "--plan", str(plan))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"已格式化：{plan.as_posix()}/{SECTION}\n"
    text = (plan / SECTION).read_text(encoding="utf-8")
    assert FIXED in text and "# 列第一位者为牵头单位" in text
    assert (plan / SECTION).stat().st_mode & 0o777 == 0o640
    again = run_cli("fmt", "--check", str(plan))
    assert again.exit_code == 0 and again.stdout == ""
    assert not [p for p in (plan / "sections").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_file_that_does_not_validate_is_refused_with_its_diagnostics(run_cli, plan: Path) -> None:
    path = plan / SECTION
    path.write_text(path.read_text(encoding="utf-8").replace("人民银行]", "人民很行]"), encoding="utf-8")
    before = path.read_bytes()
    other = plan / "sections" / "02-技能培训.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("[人力资源社会保障部, 教育部]", "['人力资源社会保障部', 教育部]"),
                     encoding="utf-8")
    result = run_cli("fmt", str(plan), cwd=plan.parent)
    assert result.exit_code == 1
    assert path.read_bytes() == before
    assert result.stdout == f"已格式化：{plan.as_posix()}/sections/02-技能培训.yaml\n"  # the good file is still done
    assert result.stderr.splitlines() == [
        f"{plan.as_posix()}/{SECTION}:12:28: error[unknown-department] 未知单位“人民很行”（是否为“人民银行”？）",
        "1 个文件有错误，未改写；请先改正（casplan validate）",
        "1 个文件已格式化，2 个文件已是规范格式",
    ]


def test_yaml_syntax_error_is_refused(run_cli, plan: Path) -> None:
    (plan / "departments.yaml").write_text("部门: [\n", encoding="utf-8")
    result = run_cli("fmt", "--check", str(plan / "departments.yaml"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{plan.as_posix()}/departments.yaml:")
    assert "error[yaml-syntax]" in result.stderr


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "nothing", "“{p}”不存在"),
        (lambda tmp: tmp, "“{p}”不是方案目录（其中没有 plan.yaml）"),
    ],
)
def test_usage_errors(run_cli, tmp_path: Path, make, message: str) -> None:
    target = make(tmp_path)
    result = run_cli("fmt", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"用法错误：{message.format(p=target)}\n"


def test_a_stray_file_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    stray = tmp_path / "x.yaml"
    stray.write_text("a: 1\n", encoding="utf-8")
    result = run_cli("fmt", str(stray))
    assert result.exit_code == 2
    assert "不是方案文件" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_folder_is_one_line(run_cli, plan: Path) -> None:
    (plan / "sections").chmod(0o555)
    try:
        result = run_cli("fmt", str(plan))
    finally:
        (plan / "sections").chmod(0o755)
    assert result.exit_code == 1
    assert "error[write-failed] 无法写入" in result.stderr


def test_an_alias_in_a_section_is_written_in_full(run_cli, tmp_path: Path) -> None:
    """The document prints names as the YAML writes them: fmt writes an alias's full name (alias-in-text)."""
    root = tmp_path / "plan"
    shutil.copytree(ROOT / "tests" / "data" / "minimal", root)
    section = root / "sections" / "02-改革建议.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("牵头部门: [条件保障与财务局, 院机关各有关部门]",
                                    "牵头部门: [财务局, 院机关各有关部门]  # 简称"), encoding="utf-8")
    warned = run_cli("validate", "--plan", str(root))
    assert "warning[alias-in-text]" in warned.stdout
    result = run_cli("fmt", "--plan", str(root))
    assert result.exit_code == 0, result.stderr
    assert section.read_text(encoding="utf-8") == text.replace(  # the comment kept (one space before it)
        "牵头部门: [条件保障与财务局, 院机关各有关部门]", "牵头部门: [条件保障与财务局, 院机关各有关部门] # 简称")
    assert "alias-in-text" not in run_cli("validate", "--plan", str(root)).stdout
