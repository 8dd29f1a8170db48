""".pre-commit-hooks.yaml: valid for pre-commit, and each hook run through pre-commit itself.

Two ways, both on a temporary plan repository made here:
- as plan repositories use it (`language: python`): `pre-commit try-repo` clones this
  repository and pip-installs it into the hook's environment. That needs a package
  index; it runs offline against a local index (PIP_INDEX_URL), and is skipped,
  saying why, when there is none or it lacks one of casplan's requirements;
- with each hook's own entry, files and pass_filenames copied into a `repo: local`
  config as `language: system`, which runs the casplan installed here: no install, no network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from casplan.cli import app

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
MINIMAL = ROOT / "tests" / "data" / "minimal"
LOCAL_INDEXES = [p for p in (Path("/opt/pypi/simple"), Path("/opt/pypi-more/simple")) if p.is_dir()]
BIN = Path(sys.executable).parent
PRE_COMMIT = shutil.which("pre-commit", path=str(BIN))
needs_pre_commit = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit not installed (pip install '.[test]')")


def hooks() -> list[dict[str, object]]:
    return yaml.safe_load(HOOKS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def plan_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "plans"
    shutil.copytree(MINIMAL, repo / "plan")
    (repo / "README.txt").write_text("notes\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "plan")
    return repo


def pre_commit(repo: Path, *args: str, home: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_COLOR": "never", **(extra_env or {})}
    env.pop("CASPLAN_PLAN", None)
    assert PRE_COMMIT is not None
    return subprocess.run([PRE_COMMIT, *args], cwd=repo, env=env, capture_output=True, text=True)


def break_plan(repo: Path) -> None:
    section = repo / "plan" / "sections" / "01-学习部署.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("[办公厅]", "[办工厅]"), encoding="utf-8")
    git(repo, "add", "-A")


BROKEN = "plan/sections/01-学习部署.yaml:7:12: error[unknown-department] 未知部门“办工厅”（是否为“办公厅”？）"


def test_the_hooks_file_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    loaded = load_manifest(str(HOOKS))
    assert [h["id"] for h in loaded] == ["casplan-validate", "casplan-fmt"]
    assert all(h["language"] == "python" and h["pass_filenames"] is False for h in loaded)


def test_every_hook_runs_an_existing_command_with_its_options() -> None:
    from typer.main import get_command

    group = get_command(app)
    for hook in hooks():
        program, command, *options = str(hook["entry"]).split()
        assert program == "casplan"
        declared = {o for p in group.commands[command].params for o in p.opts}  # type: ignore[attr-defined]
        assert set(options) <= declared, (command, options)


@needs_pre_commit
def test_each_hook_through_pre_commit_as_a_local_system_hook(tmp_path: Path) -> None:
    repo = plan_repo(tmp_path)
    local = [{**hook, "language": "system"} for hook in hooks()]
    # The scratch plan in casplan's own format first, so that the check can pass.
    subprocess.run([str(BIN / "casplan"), "fmt"], cwd=repo, check=True, capture_output=True)
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}, allow_unicode=True), encoding="utf-8"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hooks")
    home = tmp_path / "home"
    ok = pre_commit(repo, "run", "--all-files", home=home)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "casplan validate" in ok.stdout and "Passed" in ok.stdout
    assert "casplan fmt --check" in ok.stdout and ok.stdout.count("Passed") == 2
    (repo / "README.txt").write_text("more notes\n", encoding="utf-8")
    git(repo, "add", "README.txt")
    skipped = pre_commit(repo, "run", home=home)  # only staged files: no YAML, nothing to check
    assert skipped.returncode == 0 and "(no files to check)Skipped" in skipped.stdout
    section = repo / "plan" / "sections" / "02-改革建议.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("协助部门: [发展规划局]", "协助部门:\n      - 发展规划局"), encoding="utf-8")
    git(repo, "add", "-A")
    unformatted = pre_commit(repo, "run", "casplan-fmt", home=home)
    assert unformatted.returncode == 1 and "casplan fmt --check" in unformatted.stdout, unformatted.stdout
    assert "02-改革建议.yaml" in unformatted.stdout
    git(repo, "reset", "-q", "--hard")
    break_plan(repo)
    failed = pre_commit(repo, "run", "casplan-validate", home=home)
    assert failed.returncode == 1
    assert BROKEN in failed.stdout


def _source_repo(tmp_path: Path) -> Path:
    """This repository's files (tracked and new, not ignored) committed into a scratch repository."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout.split("\0")
    src = tmp_path / "casplan-src"
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    git(src, "init", "-q")
    git(src, "add", "-A")
    git(src, "commit", "-q", "-m", "casplan")
    return src


def _missing_from_local_indexes() -> list[str]:
    """casplan's requirements (and its build backend) that no local package index holds."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    names = [re.sub(r"[-_.]+", "-", re.split(r"[<>=!~\[; ]", w, maxsplit=1)[0]).lower() for w in wanted]
    return [n for n in names if not any((index / n).is_dir() for index in LOCAL_INDEXES)]


@needs_pre_commit
def test_validate_hook_installs_and_runs_through_try_repo(tmp_path: Path) -> None:
    missing = _missing_from_local_indexes() if LOCAL_INDEXES else ["every requirement"]
    network = os.environ.get("CASPLAN_TEST_NETWORK") == "1"
    if missing and not network:
        pytest.skip(f"no local package index holds {', '.join(missing)}: installing the hook's environment "
                    "needs the network (CASPLAN_TEST_NETWORK=1 runs this test with pip's own configuration)")
    repo, src = plan_repo(tmp_path), _source_repo(tmp_path)
    offline = {} if missing else {"PIP_INDEX_URL": LOCAL_INDEXES[0].as_uri(), "PIP_FIND_LINKS": "",
                                  "PIP_EXTRA_INDEX_URL": " ".join(p.as_uri() for p in LOCAL_INDEXES[1:])}
    break_plan(repo)
    # One run (installing the environment takes ~20 s): the staged broken file fails the whole-plan check.
    failed = pre_commit(repo, "try-repo", str(src), "casplan-validate", home=tmp_path / "home", extra_env=offline)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "casplan validate" in failed.stdout and "Failed" in failed.stdout
    assert BROKEN in failed.stdout.splitlines()


def test_the_readme_snippets_are_valid_configs(tmp_path: Path) -> None:
    from pre_commit.clientlib import load_config

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## pre-commit 钩子\n", 1)[1].split("\n## ", 1)[0]
    snippets = re.findall(r"```yaml\n(.*?)\n```", section, flags=re.S)
    assert len(snippets) == 2
    ours = {str(h["id"]): h for h in hooks()}
    for k, snippet in enumerate(snippets):
        path = tmp_path / f"config-{k}.yaml"
        path.write_text(snippet + "\n", encoding="utf-8")
        (repo,) = load_config(str(path))["repos"]
        for hook in repo["hooks"]:
            assert hook["id"] in ours
            if repo["repo"] == "local":  # the offline form repeats our hook's own settings
                assert (hook["entry"], hook["files"], hook["pass_filenames"]) == (
                    ours[hook["id"]]["entry"], ours[hook["id"]]["files"], ours[hook["id"]]["pass_filenames"])
