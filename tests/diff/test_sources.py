"""casplan.diff.sources: sides from git revisions, directories and the working tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casplan.diff.sources import Side, Spec, open_sides, parse
from casplan.errors import UsageError, UserError
from diff_helpers import NEW, OLD, commit_all, edit, git, state


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_parse_defaults_and_ranges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    assert parse(None, None) == (Spec("rev", "HEAD"), Spec("worktree"))
    assert parse("HEAD~1", None) == (Spec("rev", "HEAD~1"), Spec("worktree"))
    assert parse("main", "HEAD") == (Spec("rev", "main"), Spec("rev", "HEAD"))
    assert parse("origin/main...HEAD", None) == (Spec("merge-base", "origin/main", "HEAD"), Spec("rev", "HEAD"))
    assert parse("main...", None) == (Spec("merge-base", "main", "HEAD"), Spec("rev", "HEAD"))
    assert parse("a..b", None) == (Spec("rev", "a"), Spec("rev", "b"))
    assert parse("d", "HEAD") == (Spec("dir", "d"), Spec("rev", "HEAD"))


def test_a_range_and_new_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as exc:
        parse("main...HEAD", "HEAD~1")
    assert exc.value.message == "给了修订范围“main...HEAD”，就不能再给 NEW（“HEAD~1”）"


def test_an_option_like_side_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as exc:
        parse("-x", None)
    assert exc.value.message == "“-x”既不是目录也不是 git 修订"


def test_a_revision_is_read_from_git_objects(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    shutil.rmtree(repo / "plan")
    shutil.copytree(NEW, repo / "plan")
    commit_all(repo, "new plan")
    with open_sides("HEAD~1", "HEAD", None, env={}) as (old, new):
        assert files(old.root) == files(OLD)
        assert files(new.root) == files(NEW)
        assert (old.role, old.label, old.shown) == ("旧版", "HEAD~1", "HEAD~1:plan")
        assert old.display(f"{old.root.as_posix()}/sections/x.yaml") == "HEAD~1:plan/sections/x.yaml"
        kept = old.root
    assert not kept.exists()  # the temporary folder is removed afterwards


def test_work_tree_and_index_untouched(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    edit(repo / "plan", "sections/01-创新平台.yaml", ("规划处]", "综合处]"))
    git(repo, "add", "plan/sections/01-创新平台.yaml")  # staged, and more unstaged below
    edit(repo / "plan", "plan.yaml", ("请认真", "请务必认真"))
    (repo / "plan" / "untracked.txt").write_text("x", encoding="utf-8")
    before = state(repo)
    with open_sides(None, None, None, env={}) as (old, new):
        assert new.root == Path("plan") and new.label == "工作区"
        assert "请认真" in (old.root / "plan.yaml").read_text(encoding="utf-8")
    assert state(repo) == before
    assert before[0] == " M plan/plan.yaml\nM  plan/sections/01-创新平台.yaml\n?? plan/untracked.txt\n"


def test_plan_folder_is_found_as_the_other_commands_find_it(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--plan and $CASPLAN_PLAN name the folder relative to where casplan runs; git reads the same path."""
    git(repo, "mv", "plan", "方案")
    commit_all(repo, "move")
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    with open_sides("HEAD", None, Path("../方案"), env={}) as (old, new):
        assert old.shown == "HEAD:方案" and (old.root / "plan.yaml").is_file()
        assert new.root == Path("../方案")
    with open_sides("HEAD", None, None, env={"CASPLAN_PLAN": str(repo / "方案")}) as (old, _):
        assert old.shown == "HEAD:方案"
    monkeypatch.chdir(repo / "方案")
    with open_sides("HEAD", "HEAD", Path("."), env={}) as (old, _):
        assert old.shown == "HEAD:方案"


def test_merge_base_of_a_range(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    git(repo, "checkout", "-q", "-b", "topic")
    edit(repo / "plan", "plan.yaml", ("请认真", "请务必认真"))
    commit_all(repo, "topic edit")
    git(repo, "checkout", "-q", "main")
    edit(repo / "plan", "leaders.yaml", ("王芳", "王芳芳"))
    commit_all(repo, "main edit")
    base = git(repo, "merge-base", "main", "topic").strip()
    with open_sides("main...topic", None, None, env={}) as (old, new):
        assert old.label == f"main...topic 的合并基础 {base[:8]}"
        assert "王芳芳" not in (old.root / "leaders.yaml").read_text(encoding="utf-8")
        assert "请务必认真" in (new.root / "plan.yaml").read_text(encoding="utf-8")
        assert new.label == "topic"


def errors(old: str | None, new: str | None = None, option: Path | None = None) -> list[str]:
    with pytest.raises(UserError) as exc:
        with open_sides(old, new, option, env={}):
            pass
    return [f"{d.code} {d.message}" for d in exc.value.diagnostics]


def test_a_missing_revision_is_named_with_its_side(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert errors("HEAD~5") == ["bad-revision 旧版（HEAD~5）：仓库中没有修订“HEAD~5”"]
    assert errors("HEAD", "nosuch") == ["bad-revision 新版（nosuch）：仓库中没有修订“nosuch”"]


def test_no_common_ancestor(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    git(repo, "checkout", "-q", "--orphan", "lonely")
    commit_all(repo, "unrelated")
    assert errors("main...lonely") == ["bad-revision 旧版（main...lonely）：“main”与“lonely”没有共同的祖先"]


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(OLD, tmp_path / "plan")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert errors(None) == [
        "not-a-repository 旧版（HEAD）：计划目录“plan”不在 git 仓库中，读不了修订“HEAD”"
        "（比较两个目录可写 casplan diff 旧目录 新目录）"
    ]


def test_a_revision_without_the_plan_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    git(repo, "mv", "plan", "other")
    commit_all(repo, "move away")
    assert errors("HEAD") == [
        "plan-not-found 旧版（HEAD）：修订中没有计划目录“plan”（按 --plan、$CASPLAN_PLAN 或 ./plan 找到的“plan”）"
    ]


def test_a_missing_work_tree_plan_is_named_with_its_side(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    shutil.rmtree(repo / "plan")
    assert errors("HEAD") == [
        "plan-not-found 新版（工作区）：找不到计划目录：当前目录下的“plan”不是目录。"
        "请用 --plan DIR 指定，或设置环境变量 $CASPLAN_PLAN，或在含 plan/ 的目录中运行"
    ]


def test_directory_sides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "repo-like").mkdir()
    shutil.copytree(NEW, tmp_path / "repo-like" / "plan")
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    shutil.copytree(OLD, tmp_path / "old")
    with open_sides("old", "repo-like", None, env={}) as (old, new):
        assert old == Side("旧版", "目录“old”", Path("old"))
        assert new.root == Path("repo-like/plan")
    assert errors("old", "empty") == [
        "plan-not-found 新版（目录“empty”）：目录“empty”既不是计划目录（没有 plan.yaml），其中也没有“plan”"
    ]


def test_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PATH", str(repo / "no-such-bin"))
    assert errors("HEAD") == ["git-failed 旧版（HEAD）：找不到 git 命令；请先安装 git"]


def test_revision_files_are_named_with_the_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that is broken at the revision is reported as HEAD:plan/…, as git names a blob."""
    from casplan.diff.snapshot import snapshot

    monkeypatch.chdir(repo)
    (repo / "plan" / "leaders.yaml").write_bytes("院领导:\n  - 姓名: 张".encode() + b"\xff" + "明\n".encode())
    commit_all(repo, "broken")
    with open_sides("HEAD", None, None, env={}) as (old, _):
        snap = snapshot(old)
    assert [(d.file, d.code) for d in snap.errors][:1] == [("HEAD:plan/leaders.yaml", "not-utf8")]
