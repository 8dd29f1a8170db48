"""Helpers for the diff tests: plan copies edited in place, git repositories made on the spot."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

DIFF_DATA = Path(__file__).resolve().parents[1] / "data" / "diff"
OLD, NEW = DIFF_DATA / "old", DIFF_DATA / "new"


def edit(root: Path, file: str, *pairs: tuple[str, str]) -> None:
    """Replace each `a` by `b` once in root/file; each `a` must be there (a test that edits nothing proves nothing)."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    for a, b in pairs:
        assert a in text, f"{a!r} not in {file}"
        text = text.replace(a, b, 1)
    path.write_text(text, encoding="utf-8")


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo), "PATH": "/usr/bin:/bin", "GIT_OPTIONAL_LOCKS": "0"}
    out = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return out.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def state(repo: Path) -> tuple[str, str, int, str]:
    """`git status --porcelain`, the index file's hash and mtime, and HEAD: what a read-only command leaves alone."""
    index = repo / ".git" / "index"
    digest = hashlib.sha256(index.read_bytes()).hexdigest()
    return git(repo, "-c", "core.quotePath=false", "status", "--porcelain"), digest, index.stat().st_mtime_ns, git(repo, "rev-parse", "HEAD")
