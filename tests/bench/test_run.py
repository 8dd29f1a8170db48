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


def test_synthetic_rounds_are_deterministic_valid_and_of_every_kind(tmp_path: Path) -> None:
    import re

    synth = _module("synth")
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        synth.write_plan(tmp_path / name, 80, seed=seed)
        names = synth.write_rounds(tmp_path / name, 6, seed=seed)
    assert names == ["2021-12.yaml", "2022-03.yaml", "2022-06.yaml", "2022-09.yaml", "2022-12.yaml", "2023-03.yaml"]
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")
    text = "".join((tmp_path / "a" / "进展" / n).read_text(encoding="utf-8") for n in names)
    statuses = set(re.findall(r"^    状态: (\S+)$", text, flags=re.M))
    assert statuses == {"未启动", "推进中", "已完成", "暂缓", "取消（经批准）"}
    for key in ("节点", "完成日期", "进展", "报送单位", "佐证材料", "下步计划", "问题和困难", "延期原因"):
        assert f"\n    {key}: " in text or f"\n    {key}:\n" in text, key
    assert "\n  # " in text  # comments
    progress = [len(t) for t in re.findall(r"^    进展: (.*)$", text, flags=re.M)]
    assert min(progress) >= 15 and max(progress) > 150
    done = subprocess.run([sys.executable, "-m", "casplan", "validate", "--plan", str(tmp_path / "a")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "进展" not in done.stdout, done.stdout
    status = subprocess.run([sys.executable, "-m", "casplan", "status", "--plan", str(tmp_path / "a"),
                             "--as-of", "2023-03-31", "--overdue"], capture_output=True, text=True, check=False)
    assert status.returncode == 0 and re.search(r"逾期 [1-9]\d*", status.stdout.splitlines()[-1]), status.stdout


def test_round_dates_are_quarter_ends() -> None:
    from datetime import date

    synth = _module("synth")
    assert synth.round_dates(5) == [date(2021, 12, 31), date(2022, 3, 31), date(2022, 6, 30), date(2022, 9, 30),
                                    date(2022, 12, 31)]


def test_a_plan_with_rounds_runs_only_the_commands_that_read_them() -> None:
    run = _module("run")
    assert run.parse_size("10000x12") == (10000, 12) and run.parse_size("1000") == (1000, 0)
    plain = run.Ctx("p", Path("p"), Path("w"), [], [], "x")
    rounds = run.Ctx("r", Path("r"), Path("w"), [], [], "x", rounds=12)
    on_rounds = [c.label for c in run.COMMANDS if c.runs_on(rounds)]
    assert on_rounds == ["validate", "render notice.docx", "render ledger.docx", "render progress.docx", "status",
                         "status --as-of 2023-06-30", "sheet --dept 人事局", "collect (filled sheet)",
                         "diff DIR DIR", "ics"]
    on_plain = [c.label for c in run.COMMANDS if c.runs_on(plain)]
    assert "render progress.docx" not in on_plain and "list --dept 人事局" in on_plain and "collect" in on_plain
