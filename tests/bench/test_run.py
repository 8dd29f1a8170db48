"""Smoke tests of the benchmark: its generator and one tiny timing. No figure is asserted (timings are not tests)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[f"bench_{name}"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_synthetic_plan_is_deterministic_valid_and_50_tasks_a_file(tmp_path: Path) -> None:
    synth = _module("synth")
    names = synth.write_plan(tmp_path / "a", 120, seed=7)
    synth.write_plan(tmp_path / "b", 120, seed=7)
    synth.write_plan(tmp_path / "c", 120, seed=8)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    assert len(names) == 3
    counts = [(tmp_path / "a" / "sections" / n).read_text(encoding="utf-8").count("\n  - 编号: ") for n in names]
    assert counts == [50, 50, 20]
    done = subprocess.run([sys.executable, "-m", "casplan", "validate", "--plan", str(tmp_path / "a")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines()[-1].startswith("检查通过：3 个部分，120 项任务，")


def test_one_tiny_timing_writes_the_table(tmp_path: Path) -> None:
    run = _module("run")
    out = tmp_path / "results"
    assert run.main(["--sizes", "60", "--runs", "1", "--only", "validate", "--out", str(out)]) == 0
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    measured = {(r["plan"], r["command"]): r for r in data["rows"]}
    assert list(measured) == [("60 tasks", "validate")]
    row = measured[("60 tasks", "validate")]
    assert row["status"] == [0] and len(row["seconds"]) == 1 and row["peak_mib"] > 1
    assert "pyyaml-c-floor" in row["peers"]
    text = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "| 60 tasks | validate |" in text and "空 Typer 程序" in text
    merged = tmp_path / "merged"
    assert run.main(["--merge", str(out.with_suffix(".json")), "--out", str(merged)]) == 0
    again = merged.with_suffix(".md").read_text(encoding="utf-8")
    assert text.split("| 方案 |")[1] == again.split("| 方案 |")[1]  # the same table and targets
