"""Where the progress fixtures are, and how a test lays them over a plan (shared by several test files)."""

from __future__ import annotations

import shutil
from pathlib import Path

TESTS = Path(__file__).parent
REPO = TESTS.parent
DATA = TESTS / "data"
PROGRESS = DATA / "progress"
EMBEDDED = PROGRESS / "embedded"  # two rounds over plan/: 2021-09 and 2021-12
OTHER = PROGRESS / "city"  # a plan of another shape, with its own rounds


def plan_with_progress(tmp_path: Path, plan: Path, progress: Path | None) -> Path:
    """`plan` copied to tmp_path/plan, with `progress` (a folder holding 进展/) laid over it."""
    target = tmp_path / "plan"
    shutil.copytree(plan, target)
    if progress is not None and (progress / "进展").is_dir():
        shutil.copytree(progress / "进展", target / "进展")
    return target
