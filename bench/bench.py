"""Benchmark: start-up, validating the embedded plan, and reading a 10,000-task plan.

Run: python bench/bench.py [--tasks N]. Prints one line per measurement (best of
several runs, wall-clock). Not a test: timings vary by machine; compare runs on one.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "casplan", *args], check=False, capture_output=True)


def big_plan(folder: Path, tasks: int, per_file: int = 50) -> None:
    """A synthetic plan: the embedded plan's frame with `tasks` tasks of the real shapes."""
    shutil.copytree(ROOT / "plan", folder)
    sections = folder / "sections"
    shutil.rmtree(sections)
    sections.mkdir()
    names = []
    for f in range(0, tasks, per_file):
        name = f"{f // per_file + 1:04d}-部分.yaml"
        names.append(name)
        lines = ["标题: 合成的部分", "任务:"]
        for t in range(f, min(f + per_file, tasks)):
            lines += [
                f"  - 编号: task-{t}",
                f"    标题: 第{t}项任务，用于测量读取速度",
                "    牵头院领导: [侯建国]",
                "    配合院领导: [周琪, 汪克强]",
                "    牵头部门: [发展规划局, 办公厅]",
                "    协助部门: [学部工作局, 人事局, 等]",
                "    具体举措:",
                "      - 对照习近平总书记重要讲话以及李克强总理、刘鹤副总理讲话要求和大会精神，深入调研。",
                "      - 形成重点工作方案，根据秘书长办公会议协调和党组会议审议意见进一步修改完善。",
                "    时间期限: 2021年9月底前完成。",
            ]
        (sections / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = (folder / "plan.yaml").read_text(encoding="utf-8")
    head = plan.split("  部分:\n")[0]
    (folder / "plan.yaml").write_text(head + "  部分:\n" + "".join(f"    - {n}\n" for n in names), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from casplan.check import check_plan
    from casplan.load import load_plan

    print(f"casplan --help:              {best_of(args.runs, lambda: cli('--help')) * 1000:7.0f} ms")
    print(f"casplan validate (embedded): {best_of(args.runs, lambda: cli('validate', '--plan', str(ROOT / 'plan'))) * 1000:7.0f} ms")
    print(f"casplan list --dept 人事局:   {best_of(args.runs, lambda: cli('list', '--plan', str(ROOT / 'plan'), '--dept', '人事局')) * 1000:7.0f} ms")
    print(f"casplan due --before …:      {best_of(args.runs, lambda: cli('due', '--plan', str(ROOT / 'plan'), '--before', '2021-12-31')) * 1000:7.0f} ms")
    print(f"casplan render notice.txt:   {best_of(args.runs, lambda: cli('render', str(Path(tempfile.gettempdir()) / 'bench-notice.txt'), '--plan', str(ROOT / 'plan'))) * 1000:7.0f} ms")
    print(f"casplan render notice.docx:  {best_of(args.runs, lambda: cli('render', str(Path(tempfile.gettempdir()) / 'bench-notice.docx'), '--plan', str(ROOT / 'plan'))) * 1000:7.0f} ms")
    embedded = best_of(args.runs, lambda: check_plan(load_plan(ROOT / "plan")))
    print(f"load+check embedded plan:    {embedded * 1000:7.1f} ms (in process)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plan"
        big_plan(folder, args.tasks)
        big = best_of(max(1, args.runs // 2), lambda: check_plan(load_plan(folder)))
        print(f"load+check {args.tasks} tasks:     {big * 1000:7.0f} ms (in process)")
        print(f"casplan validate {args.tasks} tasks: {best_of(1, lambda: cli('validate', '--plan', str(folder))) * 1000:7.0f} ms")
        source = Path(tmp) / "import-200.docx"
        import_source(source, 200)
        out = Path(tmp) / "imported"

        def run_import() -> None:
            shutil.rmtree(out, ignore_errors=True)
            cli("import", str(source), "--out", str(out))

        print(f"casplan import 200-task .docx: {best_of(args.runs, run_import) * 1000:5.0f} ms (target < 2000)")


def import_source(path: Path, tasks: int) -> None:
    """A 200-task Word plan: the embedded plan's shape, its numbers typed, rendered by casplan itself."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plan"
        big_plan(folder, tasks, per_file=20)
        cli("render", str(path), "--plan", str(folder))


if __name__ == "__main__":
    main()
