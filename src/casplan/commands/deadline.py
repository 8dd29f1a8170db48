"""`casplan deadline TEXT`: how casplan reads a 时间期限, against which context date."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from casplan.deadline import Milestone, parse_date, read
from casplan.diagnostics import printable
from casplan.errors import UsageError, UserError
from casplan.output import DataFormat, write_records


def run(text: str, plan_option: Path | None, day: str | None, fmt: str) -> int:
    context, source = context_date(plan_option, day)
    print(f"参照日期：{context.isoformat()}（{source}）", file=sys.stderr)
    reading = read(text, context)
    if not reading.milestones:
        print(f"无法解读：“{printable(text)}”", file=sys.stderr)
        return 1
    if fmt == "text":
        for m in reading.milestones:
            print(printable(line(m)))
    else:
        # The clause echoes the text typed: its control characters are shown escaped, as in diagnostics.
        records = [{k: printable(v) if isinstance(v, str) else v for k, v in m.record().items()} for m in reading.milestones]
        write_records(records, DataFormat(fmt))
    if reading.unread:
        words = "”“".join(dict.fromkeys(reading.unread))
        print(f"未能解读：“{printable(words)}”（未计入节点）", file=sys.stderr)
        return 1
    return 0


def context_date(plan_option: Path | None, day: str | None) -> tuple[date, str]:
    """--date, else the 成文日期 of the plan found as other commands find it, else today; and which it was."""
    if day is not None:
        parsed = parse_date(day)
        if parsed is None:
            raise UsageError(f"--date 的日期“{day}”无效；可写 2021-12-31、2021/12/31、20211231 或 2021年12月31日")
        return parsed, "--date"
    import os

    from casplan.load import ENV_VAR, PLAN_FILE, display, find_plan, load_plan

    if plan_option is None and not os.environ.get(ENV_VAR) and not Path("plan").is_dir():
        return date.today(), "今天；未找到方案，可用 --date 指定"
    root = find_plan(plan_option)
    loaded = load_plan(root)
    frame, file = loaded.notice.model, loaded.notice.file
    if frame is None:
        raise UserError([d for d in loaded.diagnostics if d.file == file])
    written = getattr(frame, "date", None)  # a plan issued alone has no notice, so no 成文日期
    if written is None:
        return date.today(), f"今天；{display(root, PLAN_FILE)} 没有成文日期，可用 --date 指定"
    return date.fromisoformat(written), f"{display(root, PLAN_FILE)} 的成文日期"


def line(m: Milestone) -> str:
    """date (or a recurrence's first occurrence), kind, clause, and what else the reading says."""
    when = m.date or m.first
    details = []
    if m.kind.every is not None and m.first is not None:
        details.append(f"首次 {m.first.isoformat()}" + (f"，至 {m.until.isoformat()} 止" if m.until else ""))
    if m.start is not None:
        details.append(f"自 {m.start.isoformat()} 起")
    if m.event is not None:
        details.append(f"从“{m.event}”起算")
    if m.contextual:
        details.append("按参照日期定年份" if m.event is None else "按参照日期起算")
    if m.approximate:
        details.append(f"约：{m.note}" if m.note else "约")
    tail = f"（{'；'.join(details)}）" if details else ""
    return f"{when.isoformat() if when else '—':<10}  {m.kind.label}  {m.clause}{tail}"
