"""`casplan validate`: check every file of a plan and report every problem."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from casplan.check import check_plan, task_lists
from casplan.diagnostics import Diagnostic, strict
from casplan.load import Section, find_plan, load_plan
from casplan.report import Format, render, summarize


def run(plan_option: Path | None, fmt: Format | None, strict_mode: bool) -> int:
    fmt = fmt or default_format()
    root = find_plan(plan_option)
    plan = load_plan(root)
    diagnostics: list[Diagnostic] = plan.diagnostics + check_plan(plan)
    diagnostics.sort(key=Diagnostic.sort_key)
    if strict_mode:
        diagnostics = strict(diagnostics)
    summary = summarize(diagnostics, *count_work(plan.sections))
    sys.stdout.write(render(diagnostics, summary, fmt))
    return 1 if summary.errors else 0


def default_format(env: Mapping[str, str] | None = None) -> Format:
    """github inside GitHub Actions (GITHUB_ACTIONS=true, as yamllint does), else text."""
    env = os.environ if env is None else env
    return Format.GITHUB if env.get("GITHUB_ACTIONS") == "true" else Format.TEXT


def count_work(sections: list[Section]) -> tuple[int, int, int]:
    """(parts, tasks, sub-items) as written, counted even in files that failed validation."""
    parts = tasks = subitems = 0
    for section in sections:
        data = section.doc.data if section.doc else None
        if not isinstance(data, dict):
            continue
        parts += 1
        for _, listed in task_lists(data):
            for task in listed:
                tasks += 1
                subs = task.get("子项") if isinstance(task, dict) else None
                subitems += len(subs) if isinstance(subs, list) else 0
    return parts, tasks, subitems
