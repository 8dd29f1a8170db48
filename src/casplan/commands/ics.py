"""`casplan ics`: the plan's dated milestones as an iCalendar file."""

from __future__ import annotations

import sys
from pathlib import Path

from casplan.commands.render import write
from casplan.errors import UsageError
from casplan.plan import open_plan
from casplan.progress.items import dept_role, leader_role, plan_rows
from casplan.query import resolve


def run(plan_option: Path | None, out: Path, dept: str | None, leader: str | None, remind: int) -> int:
    if out.suffix.lower() != ".ics":
        raise UsageError(f"日历文件须为 .ics，而不是“{out.name}”")
    if remind < 0:
        raise UsageError("--remind 不能为负数（0 表示不提醒）")
    plan = open_plan(plan_option)
    dept_name = resolve(plan.departments, dept) if dept else None
    leader_name = resolve(plan.leaders, leader) if leader else None
    rows = [r for r in plan_rows(plan)
            if (dept_name is None or dept_role(plan, r, dept_name) is not None)
            and (leader_name is None or leader_role(plan, r, leader_name) is not None)]

    from casplan.progress import ics  # only for calendars

    data, count, left = ics.build(plan, rows, remind)
    write(out, data)
    for item in left:
        print(f"未列入日历（没有具体日期）：{item.row.id}  {item.milestone.kind.label}  {item.milestone.clause}",
              file=sys.stderr)
    print(f"已生成 {out}：{count} 个日程" + (f"；{len(left)} 个没有具体日期的节点未列入（已逐条列出）" if left else ""))
    return 0
