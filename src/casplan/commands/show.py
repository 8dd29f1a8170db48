"""`casplan show ID`: one task or sub-item as a card — every field, its place, its milestones."""

from __future__ import annotations

from pathlib import Path

import re

from casplan.commands.list import export, measures_of
from casplan.diagnostics import did_you_mean, suggest
from casplan.errors import UsageError
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casplan.model import Task
from casplan.output import DataFormat, plain, write_data
from casplan.cache import open_query
from casplan.plan import open_for_query, warn_broken
from casplan.query import Row, heading, pair_labels
from casplan.render.numbering import chinese_number


def run(plan_option: Path | None, item_id: str, fmt: DataFormat = DataFormat.TABLE) -> int:
    if not item_id.strip():
        raise UsageError("ID 不能为空；写任务或子项的编号，或它在文件中的位置（如 九、（一） 或 9.1）")
    plan, all_rows, broken = open_query(plan_option, open_for_query)  # from the cache when the plan's files are unchanged
    row = find(all_rows, item_id, broken)
    task = next(t for part in plan.parts for t in part.tasks if t.id == row.task_id)
    if fmt is not DataFormat.TABLE:
        record: dict[str, object] = {"位置": heading(row), **export(row, measures_of(plan))}
        if row.is_task and task.subitems:
            record["子项导语"] = task.subitems_intro
            record["子项"] = [{"编号": s.id, "内容": s.text} for s in task.subitems]
        write_data(record, fmt)
        return warn_broken(broken)
    lines = [f"{row.kind} {row.id}", f"位置：{heading(row)}  {row.part_title}".rstrip()]
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
    return warn_broken(broken)


_CN_DIGITS = "零一二三四五六七八九"


def _number(text: str) -> int | None:
    """九 → 9, 十五 → 15, 二十三 → 23, 3 → 3, ３ → 3 (full-width)."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS + "十〇两" for c in text):
        return None
    text = text.replace("〇", "零").replace("两", "二")
    if "十" not in text:
        return _CN_DIGITS.index(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_DIGITS.index(tens) if tens else 1) * 10 + (_CN_DIGITS.index(ones) if ones else 0)


_POSITION = re.compile(r"^\s*([一二三四五六七八九十〇两零\d０-９]+)\s*[、.．]?\s*(.*?)\s*$")
_GROUP = re.compile(r"[（(]\s*([一二三四五六七八九十〇两零\d０-９]+)\s*[)）]|[.．]?\s*(\d+)")


def position(text: str) -> tuple[int, list[tuple[int, bool | None]]] | None:
    """九、（一）（2） → (9, [(1, True), (2, False)]); 9.1.2 → (9, [(1, None), (2, None)]).

    True: a Chinese （一）, which numbers a task; False: an Arabic （2）, a sub-item; None: a dotted number.
    """
    m = _POSITION.match(text)
    if not m or (part := _number(m[1])) is None:
        return None
    rest, numbers = m[2], list[tuple[int, bool | None]]()
    while rest:
        g = _GROUP.match(rest)
        if not g:
            return None
        written = g[1] or g[2]
        n = _number(written)
        if n is None:
            return None
        numbers.append((n, not written.isdigit() if g[1] else None))
        rest = rest[g.end():].lstrip()
    return part, numbers


def find(all_rows: list[Row], wanted: str, broken: list[str]) -> Row:
    """A row by id (any letter case), or by its place in the document: 九、（一）, 十五、（3）, 9.1, 9.1.2."""
    text = wanted.strip()
    by_id = {r.id: r for r in all_rows}
    if text.lower() in by_id:
        return by_id[text.lower()]
    unread = f"；另有文件因错误未读入：{'、'.join(broken)}" if broken else ""
    at = position(text)
    if at is not None:
        row = _at(all_rows, *at)
        if row is not None:
            return row
        if not at[1]:
            raise UsageError(f"“{text}”是第 {at[0]} 部分，其中有多项任务；请写到任务，如 {chinese_number(at[0])}、（一） 或 {at[0]}.1")
        raise UsageError(f"方案中没有位于“{text}”的任务或子项；可用 casplan list --part {at[0]} 查看该部分{unread}")
    hint = did_you_mean(suggest(text.lower(), by_id))
    raise UsageError(f"没有编号为“{wanted}”的任务或子项{hint or '；可用 casplan list 查看全部编号'}{unread}")


def _at(all_rows: list[Row], part: int, numbers: list[tuple[int, bool | None]]) -> Row | None:
    """The row at a place. A Chinese （一） numbers a task, an Arabic （1） a sub-item; in 9.1 the first
    number is the task's, unless the part's only task has no title (十五、（3） = 15.3: its sub-item 3)."""
    tasks = [r for r in all_rows if r.part_no == part and r.is_task]
    if not tasks:
        return None
    untitled = len(tasks) == 1 and tasks[0].number == 0
    task: Row | None = tasks[0] if untitled else None
    rest = list(numbers)
    if not untitled:
        if not rest:
            return None
        n, chinese = rest.pop(0)
        if chinese is False:  # （1） under a part of numbered tasks: not a task
            return None
        task = next((t for t in tasks if t.number == n), None)
    if task is None:
        return None
    if not rest:
        return task
    if len(rest) > 1 or rest[0][1] is True:
        return None
    return next((r for r in all_rows if not r.is_task and r.task_id == task.id and r.number == rest[0][0]), None)


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
