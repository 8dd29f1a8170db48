"""`casplan init`: a new plan that validates, is canonical, renders, in each office's words."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from casplan.commands.init import files
from casplan.labels import PRESETS


@pytest.mark.parametrize("preset", list(PRESETS))
def test_new_plan_validates_is_canonical_and_renders(run_cli, tmp_path: Path, preset: str) -> None:
    folder = tmp_path / "新方案"
    result = run_cli("init", str(folder), "--labels", preset)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(f"已创建方案目录 {folder}（标签预设：{preset}）")
    check = run_cli("validate", "--plan", str(folder))
    assert check.exit_code == 0 and check.stdout.endswith("0 个错误，0 个警告\n"), check.stdout
    fmt = run_cli("fmt", "--check", str(folder))
    assert fmt.exit_code == 0, fmt.stdout + fmt.stderr
    out = tmp_path / "out.txt"
    assert run_cli("render", str(out), "--plan", str(folder)).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["重点工作分工方案", "一、第一部分", "（一）第一项任务"]
    deadline = PRESETS[preset]["deadline"]
    assert f"{deadline}：{date.today().year}年底前完成。" in lines
    listed = json.loads(run_cli("list", "--plan", str(folder), "--dept", "示例单位", "-f", "json").stdout)
    assert [(r["编号"], r["角色"]) for r in listed] == [("task-1", "牵头")]


def test_each_preset_writes_the_offices_words() -> None:
    guowuyuan = files("国务院", 2030)
    section = guowuyuan["sections/01-第一部分.yaml"]
    assert "    牵头单位: [示例单位]\n" in section and "    具体措施: " in section and "    完成时限: 2030年底前完成。" in section
    assert "# 分工句式: '{牵头单位}会同有关部门负责'" in section
    assert "leaders.yaml" not in guowuyuan and "  分工写法: 括号  #" in guowuyuan["plan.yaml"]
    ours = files("中科院", 2030)
    assert "    牵头院领导: [示例领导]\n" in ours["sections/01-第一部分.yaml"] and "leaders.yaml" in ours
    assert "分工句式" not in ours["sections/01-第一部分.yaml"]
    # every field is shown, active or as a comment
    for key in ("配合院领导", "协助部门", "负责单位", "子项导语", "子项", "截止日期", "内容"):
        assert f"{key}:" in ours["sections/01-第一部分.yaml"], key
    for key in ("发文机关", "发文字号", "主送机关", "正文", "署名", "成文日期", "抄送", "印发机关", "印发日期", "其他字段", "前言"):
        assert f"# {key}:" in ours["plan.yaml"], key


def test_an_existing_folder_with_files_is_left_alone(run_cli, tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "keep.txt").write_text("x", encoding="utf-8")
    result = run_cli("init", str(tmp_path / "p"))
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path / 'p'}: error[write-failed] “{tmp_path / 'p'}”不为空，未写入任何文件；请指定一个新目录或空目录\n"
    assert [p.name for p in (tmp_path / "p").iterdir()] == ["keep.txt"]


def test_an_empty_folder_is_filled(run_cli, tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    assert run_cli("init", str(tmp_path / "p")).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == ["departments.yaml", "leaders.yaml", "plan.yaml", "sections"]
    assert [p.name for p in tmp_path.iterdir()] == ["p"]  # no temporary folder left


def test_unknown_preset_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "p"), "--labels", "国务")
    assert result.exit_code == 2
    assert result.stderr == "用法错误：未知的标签预设“国务”（是否为“国务院”？），可用：中科院、国务院、省政府、部委\n"
    assert not (tmp_path / "p").exists()


def test_missing_parent_folder(run_cli, tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "no" / "p"))
    assert result.exit_code == 1
    assert "error[write-failed] 无法创建" in result.stderr and "不存在" in result.stderr
