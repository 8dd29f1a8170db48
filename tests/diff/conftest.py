"""Fixtures for the diff tests (helpers in diff_helpers.py)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from diff_helpers import OLD, commit_all, git


@pytest.fixture
def plan_copy(tmp_path: Path) -> Callable[[str], Path]:
    """`plan_copy(name)`: a fresh copy of the old fixture plan at tmp_path/name."""

    def make(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(OLD, dest)
        return dest

    return make


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit holds the old fixture plan under plan/."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(OLD, root / "plan")
    commit_all(root, "old plan")
    return root
