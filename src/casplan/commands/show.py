"""`casplan show ID`: one task or sub-item as a card — every field, its place, its milestones."""

from __future__ import annotations

from pathlib import Path

from casplan.diagnostics import did_you_mean, suggest
from casplan.errors import UsageError
from casplan.model import Task
from casplan.output import plain
from casplan.cache import open_rows
from casplan.query import heading, pair_labels


def run(plan_option: Path | None, item_id: str) -> int:
    plan, all_rows = open_rows(plan_option)  # from the cache when the plan's files are unchanged
    by_id = {r.id: r for r in all_rows}
    row = by_id.get(item_id.strip())
    if row is None:
        hint = did_you_mean(suggest(item_id.strip(), by_id))
        raise UsageError(f"没有编号为“{item_id}”的任务或子项{hint or '；可用 casplan list 查看全部编号'}")
    lines = [f"{row.kind} {row.id}", f"位置：{heading(row)}  {row.part_title}".rstrip()]
    task = next(t for part in plan.parts for t in part.tasks if t.id == row.task_id)
    if row.is_task:
        lines.append(f"标题：{task.title}" if task.title else "标题：（无，本部分只有这一项工作）")
    else:
        lines += [f"所属任务：{row.task_id}  {row.task_title}", f"内容：{row.text}"]
    for label in pair_labels(plan.labels):
        if row.names[label]:
            mark = "（随任务）" if label in row.inherited else ""
            lines.append(f"{label}：{plain(row.names[label])}{mark}")
    lines += [f"{label}：{text}" for label, text in row.fields.items()]
    if row.is_task:
        lines += _work_lines(task, plan.labels.label("measures"))
    lines.append(f"{plan.labels.label('deadline')}：{row.deadline or '（未写）'}{'（随任务）' if row.deadline_inherited and row.deadline else ''}")
    if row.due:
        lines.append(f"截止日期：{row.due}")
    milestones = row.milestones()
    lines.append("节点：" + ("" if milestones else "（无法解读）" if row.deadline else "（无）"))
    for m in milestones:
        lines.append(f"  {m.date.isoformat() if m.date else m.kind.label}  {m.clause}")
    print("\n".join(lines))
    return 0


def _work_lines(task: Task, label: str) -> list[str]:
    lines: list[str] = []
    if isinstance(task.measures, str):
        lines.append(f"{label}：{task.measures}")
    elif task.measures:
        lines += [f"{label}：", *(f"（{i}）{item}" for i, item in enumerate(task.measures, start=1))]
    if task.subitems:
        lines.append(f"{task.subitems_intro or '子项'}：")
        lines += [f"（{i}）{s.id}  {s.text}" for i, s in enumerate(task.subitems, start=1)]
    return lines
