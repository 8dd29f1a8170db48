"""`casplan validate`: check every file of a plan and report every problem."""

from __future__ import annotations

import sys
from pathlib import Path

from casplan.check import iter_work
from casplan.diagnostics import Diagnostic, strict
from casplan.load import find_plan, load_plan
from casplan.model import Task
from casplan.check import check_plan
from casplan.report import Format, render, summarize


def run(plan_option: Path | None, fmt: Format, strict_mode: bool) -> int:
    root = find_plan(plan_option)
    plan = load_plan(root)
    diagnostics: list[Diagnostic] = plan.diagnostics + check_plan(plan)
    diagnostics.sort(key=Diagnostic.sort_key)
    if strict_mode:
        diagnostics = strict(diagnostics)
    work = list(iter_work(plan.sections))
    tasks = sum(1 for w in work if isinstance(w.item, Task))
    summary = summarize(diagnostics, len(plan.parts), tasks, len(work) - tasks)
    sys.stdout.write(render(diagnostics, summary, fmt))
    return 1 if summary.errors else 0
