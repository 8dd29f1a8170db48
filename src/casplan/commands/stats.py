"""`casplan stats`: how the work divides — by department, by leader, or by month."""

from __future__ import annotations

from collections import Counter
from enum import Enum
from pathlib import Path

from casplan.deadline import Kind
from casplan.model import names_of
from casplan.output import DataFormat, table, write_data, write_records
from casplan.plan import Plan, open_for_query, warn_broken
from casplan.query import Row, rows


class By(str, Enum):
    DEPT = "dept"
    LEADER = "leader"
    MONTH = "month"


def run(plan_option: Path | None, by: By, fmt: DataFormat = DataFormat.TABLE) -> int:
    plan, broken = open_for_query(plan_option)
    all_rows = rows(plan)
    columns, cells, keep = _by_month(all_rows) if by is By.MONTH else _by_role(plan, all_rows, by)
    lead = plan.labels.label("lead_units")
    missing = [r.id for r in all_rows if not names_of(r.names[lead]) and not _led_by_subitems(r, all_rows)]
    if fmt is DataFormat.TABLE:
        table(columns, [[str(c) for c in row] for row in cells], keep=keep)
        print(f"没有{lead}的事项：{'、'.join(missing) if missing else '无'}")
        return warn_broken(broken)
    records = [dict(zip(columns, row)) for row in cells]
    if fmt is DataFormat.CSV:  # a spreadsheet gets the table; the list of unled items is in json and yaml
        write_records(records, fmt)
    else:
        write_data({"统计": records, f"没有{lead}的事项": missing}, fmt)
    return warn_broken(broken)


def _led_by_subitems(row: Row, all_rows: list[Row]) -> bool:
    """A task whose every sub-item has a lead department is led through them."""
    subs = [r for r in all_rows if not r.is_task and r.task_id == row.id]
    lead = row.labels.label("lead_units")
    return row.is_task and bool(subs) and all(names_of(r.names[lead]) for r in subs)


def _by_role(plan: Plan, all_rows: list[Row], by: By) -> tuple[list[str], list[list[str | int]], list[str]]:
    # Counted where a name is written: a sub-item's inherited roles are its task's, counted once there.
    labels = plan.labels
    lead_role, assist_role = ("lead_units", "assist_units") if by is By.DEPT else ("lead_leaders", "assist_leaders")
    registry = plan.departments if by is By.DEPT else plan.leaders
    lead, assist = labels.label(lead_role), labels.label(assist_role)
    words = ("牵头", labels.assist_word(assist_role))
    counts: dict[str, Counter[str]] = {name: Counter() for name in registry.canonical}
    for row in all_rows:
        for label, word in ((lead, words[0]), (assist, words[1])):
            if label in row.inherited:
                continue
            for name in names_of(row.names[label]):
                canonical = registry.resolve(name)
                if canonical is not None:
                    counts[canonical][f"{word}{row.kind}"] += 1
    columns = [registry.what, f"{words[0]}任务", f"{words[0]}子项", f"{words[1]}任务", f"{words[1]}子项"]
    cells: list[list[str | int]] = [[name, *(c[k] for k in columns[1:])] for name, c in counts.items()]
    return columns, cells, columns[1:]


def _by_month(all_rows: list[Row]) -> tuple[list[str], list[list[str | int]], list[str]]:
    months: Counter[str] = Counter()
    undated: Counter[Kind] = Counter()
    for row in all_rows:
        for m in row.milestones():
            if m.date is None:
                undated[m.kind] += 1
            else:
                months[f"{m.date.year}-{m.date.month:02d}"] += 1
    cells: list[list[str | int]] = [[month, n] for month, n in sorted(months.items())]
    cells += [[kind.label, undated[kind]] for kind in Kind if undated[kind]]  # every undated kind, in Kind's order
    return ["月份", "节点数"], cells, []
