"""`casplan diff` end to end: git revisions in a repository made here, exit codes, errors naming the side."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from diff_helpers import NEW, OLD, commit_all, edit, git, state

GOLDEN = Path(__file__).parent / "golden"
S1, S3 = "sections/01-创新平台.yaml", "sections/03-科技金融.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(OLD, root / "plan")
    commit_all(root, "old plan")
    return root


def test_lead_unit_and_deadline_edit_in_a_clone(repo: Path, run_cli: Callable[..., object]) -> None:
    """The issue's 'done when': one task's 牵头部门 and 时间期限 edited, `casplan diff` names just that."""
    edit(repo / "plan", S1, ("牵头部门: [财务处]", "牵头部门: [规划处]"), ("时间期限: 2022年年底前完成。", "时间期限: 2023年3月底前完成。"))
    result = run_cli("diff", cwd=repo)
    assert (result.exit_code, result.stderr) == (0, "")  # type: ignore[attr-defined]
    assert result.stdout == (  # type: ignore[attr-defined]
        "casplan diff：旧版 HEAD → 新版 工作区\n"
        "\n"
        "修改 任务 lab-fund  一、（二）设立实验室建设专项资金\n"
        "  牵头部门：财务处 → 规划处（增加 规划处；去掉 财务处）\n"
        "  时间期限：[-2022年年-]{+2023年3月+}底前完成。\n"
        "  节点：2022-12-31 → 2023-03-31，推迟 90 天\n"
        "\n"
        "改动：任务 修改 1\n"
    )
    assert run_cli("diff", "--exit-code", cwd=repo).exit_code == 1  # type: ignore[attr-defined]
    commit_all(repo, "edit")
    unchanged = run_cli("diff", "--exit-code", cwd=repo)
    assert (unchanged.exit_code, unchanged.stdout.splitlines()[-1]) == (0, "没有改动")  # type: ignore[attr-defined]


def test_renamed_section_file_and_task_moved_between_files(repo: Path, run_cli: Callable[..., object]) -> None:
    plan = repo / "plan"
    git(repo, "mv", "plan/sections/02-人才引进.yaml", "plan/sections/02-人才队伍.yaml")
    edit(plan, "plan.yaml", ("02-人才引进.yaml", "02-人才队伍.yaml"))
    block = "  - 编号: lab-review\n    标题: 开展实验室年度评估\n    牵头院领导: [张明]\n    牵头部门: [规划处]\n    具体举措: 每年对实验室开展绩效评估。\n    时间期限: 每年。\n"
    edit(plan, S1, (block, ""))
    (plan / S3).write_text((plan / S3).read_text(encoding="utf-8") + block, encoding="utf-8")
    commit_all(repo, "rename and move")
    before = state(repo)
    result = run_cli("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert state(repo) == before
    doc = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert [(i["id"], i["change"], i["moved"]) for i in doc["items"]] == [
        ("lab-review", "changed", {"from": "一、建设高水平创新平台", "to": "三、推动科技金融深度融合"}),
    ]
    assert [(p["old"]["file"], p["new"]["file"], p["renamed"]) for p in doc["parts"]] == [
        ("02-人才引进.yaml", "02-人才队伍.yaml", True),
    ]
    assert (doc["old"]["label"], doc["new"]["label"], doc["changed"]) == ("HEAD~1", "HEAD", True)


def test_work_tree_and_index_untouched(repo: Path, run_cli: Callable[..., object]) -> None:
    shutil.rmtree(repo / "plan")
    shutil.copytree(NEW, repo / "plan")
    git(repo, "add", "plan/sections")
    before = state(repo)
    for args in (("diff",), ("diff", "HEAD", "--format", "markdown"), ("diff", "main...HEAD")):
        assert run_cli(*args, cwd=repo).exit_code == 0  # type: ignore[attr-defined]
        assert state(repo) == before


def test_a_missing_revision(repo: Path, run_cli: Callable[..., object]) -> None:
    result = run_cli("diff", "HEAD~3", cwd=repo)
    assert (result.exit_code, result.stdout) == (1, "")  # type: ignore[attr-defined]
    assert result.stderr == f"{repo.as_posix()}: error[bad-revision] 旧版（HEAD~3）：仓库中没有修订“HEAD~3”\n"  # type: ignore[attr-defined]


def test_not_a_repository(tmp_path: Path, run_cli: Callable[..., object], monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(OLD, tmp_path / "plan")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run_cli("diff", "HEAD~1", cwd=tmp_path)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        "plan: error[not-a-repository] 旧版（HEAD~1）：计划目录“plan”不在 git 仓库中，读不了修订“HEAD~1”"
        "（比较两个目录可写 casplan diff 旧目录 新目录）\n"
    )


def test_usage_errors_exit_2(repo: Path, run_cli: Callable[..., object]) -> None:
    result = run_cli("diff", "main...HEAD", "HEAD", cwd=repo)
    assert (result.exit_code, result.stderr) == (2, "用法错误：给了修订范围“main...HEAD”，就不能再给 NEW（“HEAD”）\n")  # type: ignore[attr-defined]
    assert run_cli("diff", "--format", "html", cwd=repo).exit_code == 2  # type: ignore[attr-defined]


def test_a_broken_side_is_compared_and_named(tmp_path: Path, run_cli: Callable[..., object], golden: Callable[[Path, str], None]) -> None:
    shutil.copytree(OLD, tmp_path / "old")
    shutil.copytree(OLD, tmp_path / "new")
    edit(tmp_path / "new", S1, ("牵头部门: [财务处]", "牵头部门: [财物处]"), ("时间期限: 2022年6月底前完成。", "时间期限: 2022年8月底前完成。"))
    edit(tmp_path / "new", "sections/02-人才引进.yaml", ("    具体举措: 统筹人才公寓", "    具体措施: 统筹人才公寓"))
    result = run_cli("diff", "old", "new", cwd=tmp_path)
    assert result.exit_code == 0  # type: ignore[attr-defined]
    golden(GOLDEN / "diff-broken-side.txt", result.stdout)  # type: ignore[attr-defined]
    assert result.stderr == (  # type: ignore[attr-defined]
        "新版：new/sections/01-创新平台.yaml:13:12: error[unknown-department] 未知部门“财物处”（是否为“财务处”？）\n"
        "新版：new/sections/02-人才引进.yaml:15:5: error[unknown-key] 未知键“具体措施”（是否为“具体举措”？）\n"
    )


def test_directories_and_help(tmp_path: Path, run_cli: Callable[..., object]) -> None:
    result = run_cli("diff", str(OLD), str(NEW), "--format", "markdown")
    assert result.exit_code == 0 and result.stdout.startswith("### casplan diff：旧版 目录“")  # type: ignore[attr-defined]
    help_text = run_cli("diff", "--help").stdout  # type: ignore[attr-defined]
    assert "用法：casplan diff [选项] [OLD] [NEW]" in help_text
    for option in ("--plan", "--format", "--exit-code"):
        assert option in help_text


def test_the_readme_example_is_true(tmp_path: Path, run_cli: Callable[..., object]) -> None:
    """The README's example, on the embedded plan: 条件保障与财务局 from 协助 to 牵头, the deadline later."""
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```text\n$ casplan diff    #", 1)[1].split("\n", 1)[1].split("```\n", 1)[0]
    repo = tmp_path / "clone"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copytree(root / "plan", repo / "plan")
    commit_all(repo, "plan")
    edit(repo / "plan", "sections/09-人才队伍.yaml",
         ("    牵头部门: [人事局]\n    协助部门: [条件保障与财务局, ", "    牵头部门: [人事局, 条件保障与财务局]\n    协助部门: ["),
         ("时间期限: 2021年年底前启动首批试点。", "时间期限: 2022年3月底前启动首批试点。"))
    assert run_cli("diff", cwd=repo).stdout == shown  # type: ignore[attr-defined]
