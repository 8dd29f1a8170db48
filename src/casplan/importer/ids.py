"""Stable 编号 for imported works: readable, unique, and the same on every import of the same source.

An id says where the work stands in the document, in the document's own
numbering: t3-2 is part 三's task （二）, t15-1-4 its sub-item （4）; a plan
without parts, or numbering its tasks straight through, has t1, t2 …; tasks
numbered anew in each group （一） are t1-2-3 (part, group, task). Chinese titles cannot enter an id
(lowercase letters, digits, hyphens) without pinyin, so the number is the id;
it depends only on the source, so re-importing gives the same ids. Renaming
one later (`编号` is the plan office's to choose) is safe: nothing else refers to it.
"""

from __future__ import annotations

from casplan.importer.ir import PlanIR


def assign(plan: PlanIR) -> None:
    seen: set[str] = set()
    task_no = 0
    for p, part in enumerate(plan.parts, start=1):
        if not plan.continuous:
            task_no = 0
        group: int | None = None
        for task in part.tasks:
            if plan.per_group and task.group != group:
                group, task_no = task.group, 0
            task_no += 1
            if plan.per_group:
                base = f"t{p}-{(task.group or 0) + 1}-{task_no}"
            elif plan.has_parts and not plan.continuous:
                base = f"t{p}-{task_no}"
            else:
                base = f"t{task_no}"
            task.id = _unique(base, seen)
            for s, sub in enumerate(task.subitems, start=1):
                sub.id = _unique(f"{task.id}-{s}", seen)


def _unique(base: str, seen: set[str]) -> str:
    candidate, k = base, 1
    while candidate in seen:
        k += 1
        candidate = f"{base}-{k}"
    seen.add(candidate)
    return candidate
