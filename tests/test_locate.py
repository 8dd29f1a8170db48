"""casplan.locate: which folder a command works on, and which files in it may be read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from casplan.errors import UserError
from casplan.locate import confined, find_plan, outside
from casplan.report import text_line

MINIMAL = Path(__file__).parent / "data" / "minimal"
HINT = "请用 --plan DIR 指定，或设置环境变量 $CASPLAN_PLAN，或在含 plan/ 的目录中运行"


@pytest.fixture
def plan(tmp_path, monkeypatch) -> Path:
    """A copy of minimal/ at ./plan, with the working directory at its parent."""
    shutil.copytree(MINIMAL, tmp_path / "plan")
    monkeypatch.chdir(tmp_path)
    return Path("plan")


def lines(diagnostics) -> list[str]:
    return [text_line(d) for d in sorted(diagnostics, key=lambda d: d.sort_key())]


def test_find_plan_order(plan, tmp_path):
    (tmp_path / "other").mkdir()
    assert find_plan(Path("other"), env={"CASPLAN_PLAN": "plan"}) == Path("other")
    assert find_plan(None, env={"CASPLAN_PLAN": "other"}) == Path("other")
    assert find_plan(None, env={"CASPLAN_PLAN": ""}) == Path("plan")  # empty means unset
    assert find_plan(None, env={}) == Path("plan")


@pytest.mark.parametrize(
    ("option", "env", "line"),
    [
        (None, {}, f"plan: error[plan-not-found] 找不到计划目录：当前目录下的“plan”不是目录。{HINT}"),
        (Path("nope"), {}, f"nope: error[plan-not-found] 找不到计划目录：--plan 指定的“nope”不是目录。{HINT}"),
        (None, {"CASPLAN_PLAN": "gone"}, f"gone: error[plan-not-found] 找不到计划目录：$CASPLAN_PLAN 指定的“gone”不是目录。{HINT}"),
    ],
)
def test_find_plan_not_found(tmp_path, monkeypatch, option, env, line):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserError) as info:
        find_plan(option, env=env)
    assert (lines(info.value.diagnostics), info.value.exit_code) == ([line], 1)


def test_find_plan_does_not_fall_back_when_the_option_is_wrong(plan):
    with pytest.raises(UserError):
        find_plan(Path("typo"), env={})


def test_a_plan_name_too_long_is_plan_not_found(tmp_path):
    """--plan with a 5,000-character name: one line, not OSError (ENAMETOOLONG)."""
    long = Path("p" * 5000)
    with pytest.raises(UserError) as info:
        find_plan(long, env={})
    (d,) = info.value.diagnostics
    assert d.code == "plan-not-found"
    assert d.message == f"找不到计划目录：--plan 指定的“{long}”无法访问（文件名过长）。{HINT}"



def test_confined_follows_links(tmp_path):
    root = tmp_path / "plan"
    (root / "sections").mkdir(parents=True)
    (root / "sections" / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "secret").write_text("s\n", encoding="utf-8")
    os.symlink(tmp_path / "secret", root / "sections" / "out.yaml")
    os.symlink(root / "sections" / "a.yaml", root / "sections" / "in.yaml")
    os.symlink("loop", root / "sections" / "loop")
    assert confined(root / "sections" / "a.yaml", root)
    assert confined(root / "sections" / "in.yaml", root)
    assert not confined(root / "sections" / "out.yaml", root)
    assert not confined(root / "sections" / "loop", root)


def test_outside_names_the_link_only():
    line = text_line(outside("plan/sections/x.yaml"))
    assert line == ("plan/sections/x.yaml: error[outside-plan] "
                    "文件是指向方案目录之外的符号链接，拒绝读取（方案只能读自己目录中的文件）")


def test_locate_imports_no_loader():
    """A query answered from the cache finds its plan through this module alone."""
    import subprocess
    import sys

    code = "import sys, casplan.locate; print(sorted(m for m in ('yaml', 'pydantic', 'casplan.load', 'casplan.model') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
