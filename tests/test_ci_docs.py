"""docs/ci.md cannot rot: its workflows load, every casplan command they run parses, and the steps run.

Each casplan command line of the GitHub Actions and GitLab CI recipes is parsed
by the real command (click's make_context: unknown commands, options, choices
and extra arguments fail). Then the casplan steps run in a scratch plan
repository shaped like a pull request, with the CI's variables filled in.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.main import get_command

from casplan.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
MINIMAL = ROOT / "tests" / "data" / "minimal"
BIN = Path(sys.executable).parent


def block(heading: str) -> dict[str, object]:
    section = DOC.split(f"## {heading}\n", 1)[1]
    (text,) = re.findall(r"```yaml\n(.*?)\n```", section.split("\n## ", 1)[0], flags=re.S)
    return yaml.safe_load(text)  # type: ignore[no-any-return]


def github_scripts() -> list[str]:
    workflow = block("GitHub Actions")
    jobs = workflow["jobs"]
    assert isinstance(jobs, dict)
    return [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]


def gitlab_scripts() -> list[str]:
    config = block("GitLab CI")
    out: list[str] = []
    for name, job in config.items():
        if isinstance(job, dict):
            out += job.get("before_script", []) + job.get("script", [])
    return out


def casplan_calls(script: str) -> list[list[str]]:
    """Every `casplan …` in a shell script, as argument lists (stopping at redirections and operators)."""
    calls = []
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
        for k, word in enumerate(words):
            if word == "casplan":
                args = []
                for w in words[k + 1:]:
                    if w in {">", ">>", "|", "||", "&&", ";", "&"}:
                        break
                    args.append(w)
                calls.append(args)
    return calls


@pytest.mark.parametrize("scripts", [github_scripts, gitlab_scripts], ids=["github", "gitlab"])
def test_every_casplan_command_exists_with_its_options(scripts) -> None:  # type: ignore[no-untyped-def]
    group = get_command(app)
    calls = [c for s in scripts() for c in casplan_calls(s)]
    assert {c[0] for c in calls} >= {"validate", "fmt", "diff", "render"}
    for command, *args in calls:
        assert command in group.commands, command  # type: ignore[attr-defined]
        group.commands[command].make_context(command, list(args))  # type: ignore[attr-defined]  # raises on a bad option


def test_the_github_workflow_has_the_four_steps() -> None:
    workflow = block("GitHub Actions")
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]  # type: ignore[union-attr]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert uses.count("actions/checkout") == 1 and "actions/upload-artifact" in uses
    (checkout,) = [s for s in steps if s.get("uses", "").startswith("actions/checkout")]
    assert checkout["with"]["fetch-depth"] == 0  # the diff needs the base's history
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert upload["with"]["path"] == "notice.docx"
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def pull_request_repo(tmp_path: Path) -> tuple[Path, str]:
    """A plan repository on a topic branch: one task's 牵头部门 and 时间期限 edited since main."""
    repo = tmp_path / "plans"
    shutil.copytree(MINIMAL, repo / "plan")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "plan")
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "update-ref", "refs/remotes/origin/main", base)
    git(repo, "checkout", "-q", "-b", "topic")
    section = repo / "plan" / "sections" / "01-学习部署.yaml"
    text = section.read_text(encoding="utf-8").replace("牵头部门: [办公厅]", "牵头部门: [人事局]", 1)
    section.write_text(text.replace("2021年9月底前完成。", "2021年10月底前完成。", 1), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "edit")
    return repo, base


def run_steps(repo: Path, scripts: list[str], env: dict[str, str]) -> None:
    for script in scripts:
        for line in script.splitlines():
            first = line.split()[0] if line.split() else ""
            if first not in {"casplan", "cat"}:
                continue  # pip install, gh, curl: the CI's own tools
            done = subprocess.run(["bash", "-c", line], cwd=repo, env=env, capture_output=True, text=True)
            assert done.returncode == 0, (line, done.stdout, done.stderr)


def base_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"CASPLAN_PLAN", "GITHUB_ACTIONS", "NO_COLOR"}}
    env["PATH"] = f"{BIN}{os.pathsep}{env['PATH']}"
    return env


def test_the_github_steps_run_in_a_scratch_repository(tmp_path: Path) -> None:
    repo, _ = pull_request_repo(tmp_path)
    expressions = {"github.base_ref": "main", "github.event.pull_request.number": "1"}
    scripts = [re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lambda m: expressions[m[1]], s) for s in github_scripts()]
    summary = tmp_path / "summary.md"
    env = base_env(tmp_path) | {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    run_steps(repo, scripts, env)
    comment = (repo / "casplan-diff.md").read_text(encoding="utf-8")
    assert comment == summary.read_text(encoding="utf-8")
    assert "| 修改 | `learn-notice` | 一、（一） |" in comment
    assert "- 节点：2021-09-30 → 2021-10-31，推迟 31 天" in comment
    assert "- 牵头部门：办公厅 → 人事局（增加 人事局；去掉 办公厅）" in comment
    assert (repo / "notice.docx").stat().st_size > 10_000


def test_the_gitlab_steps_run_in_a_scratch_repository(tmp_path: Path) -> None:
    repo, base = pull_request_repo(tmp_path)
    env = base_env(tmp_path) | {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base}
    run_steps(repo, gitlab_scripts(), env)
    assert "推迟 31 天" in (repo / "casplan-diff.md").read_text(encoding="utf-8")
    assert (repo / "notice.docx").is_file()
