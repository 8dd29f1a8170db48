"""Shared fixtures: golden files and a CLI runner."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from casplan.cli import app

TESTS = Path(__file__).parent
DATA = TESTS / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite golden files with the actual output instead of comparing.",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """`golden(path, actual)`: assert `actual` equals the file, or rewrite it with --update-goldens."""
    update = request.config.getoption("--update-goldens")

    def check(path: Path, actual: str) -> None:
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="")
            return
        if not path.is_file():
            pytest.fail(f"golden file {path} is missing; run pytest --update-goldens")
        assert actual == path.read_text(encoding="utf-8")

    return check


@pytest.fixture(autouse=True, scope="session")
def _query_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The query cache of the whole run lives in a temporary folder, never in the developer's ~/.cache."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    os.environ.pop("CASPLAN_NO_CACHE", None)


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """`run_cli(*args, cwd=None)`: invoke `casplan` in-process; stdout and stderr stay apart."""
    # A plan folder named by the developer's own shell must not leak into tests.
    monkeypatch.delenv("CASPLAN_PLAN", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)  # validate would pick the github format

    def run(*args: str, cwd: Path | None = None) -> Result:
        with contextlib.chdir(cwd) if cwd is not None else contextlib.nullcontext():
            return CliRunner().invoke(
                app,
                list(args),
                prog_name="casplan",
                env={"COLUMNS": "100", "NO_COLOR": "1"},
                catch_exceptions=False,
            )

    return run



@pytest.fixture
def embedded_progress(tmp_path: Path) -> Path:
    """The embedded plan with the two-round progress fixture (2021-09, 2021-12)."""
    from progress_data import EMBEDDED, REPO, plan_with_progress

    return plan_with_progress(tmp_path, REPO / "plan", EMBEDDED)
