"""casplan.prefetch: a helper process parses half the section files; the plan loaded is the same to the last position."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from casplan import prefetch
from casplan.load import load_plan
from casplan.report import text_line

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    folder = tmp_path / "plan"
    shutil.copytree(ROOT / "plan", folder)
    return folder


def _loaded(root: Path, monkeypatch: pytest.MonkeyPatch, helper: bool) -> tuple[list[object], list[str]]:
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0 if helper else 10**12)
    forks = []
    real_fork = os.fork

    def counting_fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", counting_fork)
    loaded = load_plan(root)
    assert bool(forks) is helper  # the helper ran exactly when asked for
    docs = [(s.file, s.doc.data, s.doc.values, s.doc.keys) if s.doc else (s.file, None) for s in loaded.sections]
    return docs, [text_line(d) for d in loaded.diagnostics]


def test_the_helper_changes_nothing_but_the_time(plan, monkeypatch):
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one processor: no helper")
    assert _loaded(plan, monkeypatch, True) == _loaded(plan, monkeypatch, False)


def test_problems_in_the_helpers_half_are_the_same(plan, monkeypatch, tmp_path):
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one processor: no helper")
    sections = sorted((plan / "sections").glob("*.yaml"))
    last, before = sections[-1], sections[-2]
    last.write_text(last.read_text(encoding="utf-8") + "\n坏: [\n", encoding="utf-8")  # a YAML error
    (tmp_path / "secret.yaml").write_text("标题: 机密\n", encoding="utf-8")
    before.unlink()
    before.symlink_to(tmp_path / "secret.yaml")  # a link out of the plan: never read, by either process
    with_helper = _loaded(plan, monkeypatch, True)
    assert with_helper == _loaded(plan, monkeypatch, False)
    lines = with_helper[1]
    assert any("error[yaml-syntax]" in line and last.name in line for line in lines)
    assert any("error[outside-plan]" in line and before.name in line for line in lines)
    assert not any("机密" in line for line in lines)


def test_small_plans_and_one_processor_get_no_helper(plan, monkeypatch):
    paths = sorted((plan / "sections").glob("*.yaml"))
    assert not prefetch.worthwhile(paths)  # the embedded plan is far below MIN_BYTES
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0})
    assert not prefetch.worthwhile(paths)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})
    assert prefetch.worthwhile(paths)
    monkeypatch.setenv("CASPLAN_NO_PREFETCH", "1")
    assert not prefetch.worthwhile(paths)


def test_a_helper_that_fails_is_replaced_by_this_process(plan, monkeypatch):
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("one processor: no helper")
    expected = _loaded(plan, monkeypatch, False)
    monkeypatch.setattr(prefetch, "_serve", lambda *_: (_ for _ in ()).throw(RuntimeError("helper broke")))
    assert _loaded(plan, monkeypatch, True) == expected
