"""`casplan validate`: check every file of a plan and report every problem."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from casplan import patterns
from casplan.check import check_plan, task_lists
from casplan.diagnostics import CODES, Diagnostic, Severity, did_you_mean, strict, suggest
from casplan.errors import UserError
from casplan.load import LoadedPlan, Section, find_plan, load_plan
from casplan.progress import FOLDER as PROGRESS
from casplan.report import Format, render, summarize
from casplan.yamlio import gc_paused


def run(plan_option: Path | None, fmt: Format | None, strict_mode: bool) -> int:
    fmt = fmt or default_format()
    try:
        root = find_plan(plan_option)
    except UserError as exc:  # no plan at all: CI still gets a report in the format it asked for
        if fmt is Format.TEXT:
            raise
        sys.stdout.write(render(exc.diagnostics, summarize(exc.diagnostics, 0, 0, 0), fmt))
        return 1
    with gc_paused():  # what is loaded and checked lives until the report: nothing for the collector
        plan = load_plan(root)
        diagnostics: list[Diagnostic] = plan.diagnostics + check_plan(plan)
        if (root / PROGRESS).exists():  # a plan before its first round does without the progress checks
            from casplan.progress.check import check_loaded as check_progress

            diagnostics += check_progress(plan, diagnostics)
    problems, plan_wide = _accepted_codes(plan)
    texts: dict[str, list[str]] = {}
    accepted = [d for d in diagnostics if _is_accepted(d, plan_wide, texts)]
    diagnostics = [d for d in diagnostics if d not in accepted] + problems
    diagnostics.sort(key=Diagnostic.sort_key)
    if strict_mode:  # accepted warnings stay accepted: --strict guards against new ones
        diagnostics = strict(diagnostics)
    summary = summarize(diagnostics, *count_work(plan.sections), accepted=len(accepted))
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


_INLINE = patterns.compile(r"#.*?casplan\s*[:：]\s*忽略\s*[:：]?\s*(?P<codes>[a-z0-9\-,，、\s]+)")


def _accepted_codes(plan: LoadedPlan) -> tuple[list[Diagnostic], set[str]]:
    """The plan-wide accepted codes (plan.yaml 校验: 忽略: […]), and a diagnostic for each that cannot be."""
    data = plan.notice.doc.data if plan.notice.doc else None
    checks = data.get("校验") if isinstance(data, dict) else None
    listed = checks.get("忽略") if isinstance(checks, dict) else None
    problems: list[Diagnostic] = []
    codes: set[str] = set()
    for i, code in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(code, str):
            continue  # the schema reports it
        pos = plan.notice.doc.pos(("校验", "忽略", i)) if plan.notice.doc else (0, 0)
        problem = _why_not(code.strip())
        if problem:
            problems.append(Diagnostic.make(plan.notice.file, pos, "bad-value", problem))
        else:
            codes.add(code.strip())
    return problems, codes


def _why_not(code: str) -> str | None:
    if code not in CODES:
        hint = did_you_mean(suggest(code, [c for c, s in CODES.items() if s is Severity.WARNING]))
        return f"“{code}”不是 casplan 的诊断代码，不能忽略{hint}"
    if CODES[code] is not Severity.WARNING:
        return f"“{code}”是错误，不能忽略；只有警告可以接受"
    return None


def _is_accepted(d: Diagnostic, plan_wide: set[str], texts: dict[str, list[str]]) -> bool:
    """A warning accepted for the whole plan, or by a `# casplan: 忽略 code` comment on its own line."""
    if d.severity is not Severity.WARNING:
        return False
    if d.code in plan_wide:
        return True
    if d.line <= 0:
        return False
    if d.file not in texts:
        try:
            texts[d.file] = Path(d.file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            texts[d.file] = []
    lines = texts[d.file]
    m = _INLINE.search(lines[d.line - 1]) if d.line <= len(lines) else None
    return m is not None and d.code in re.split(r"[,，、\s]+", m["codes"].strip())
