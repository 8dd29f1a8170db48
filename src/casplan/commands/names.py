"""`casplan names`: every registered department and leader, with aliases and how many items cite each."""

from __future__ import annotations

from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Any

from casplan.model import names_of
from casplan.output import DataFormat, table, write_records
from casplan.plan import Plan, open_for_query, warn_broken
from casplan.query import leader_labels, rows, unit_labels
from casplan.registry import Registry


class Kind(str, Enum):
    DEPT = "dept"
    LEADER = "leader"
    ALL = "all"


def run(plan_option: Path | None, kind: Kind, fmt: DataFormat) -> int:
    plan, broken = open_for_query(plan_option)
    records: list[dict[str, Any]] = []
    if kind in (Kind.DEPT, Kind.ALL):
        records += _records(plan, plan.departments, "部门", unit_labels(plan))
    if kind in (Kind.LEADER, Kind.ALL):
        records += _records(plan, plan.leaders, "院领导", leader_labels(plan))
    if fmt is DataFormat.TABLE:
        columns = ["名录", "名称", "别名", "类别", "牵头", "协助（配合）"]
        cells = [[r["名录"], r["名称"], "、".join(r["别名"]), r["类别"], str(r["牵头"]), str(r["协助"])] for r in records]
        table(columns, cells, keep=("名录", "牵头", "协助（配合）"))
        unused = [r["名称"] for r in records if not r["牵头"] and not r["协助"]]
        print(f"共 {len(records)} 个名称；没有事项引用的：{'、'.join(unused) if unused else '无'}")
    else:
        write_records(records, fmt)
    return warn_broken(broken)


def _records(plan: Plan, registry: Registry, what: str, labels: tuple[str, str]) -> list[dict[str, Any]]:
    """One record per registered name: its aliases, its 类别, and the items that write it (lead, assist)."""
    aliases: dict[str, list[str]] = {name: [] for name in registry.canonical}
    for spelling, name in registry.spellings.items():
        if spelling != name:
            aliases[name].append(spelling)
    counts: dict[str, Counter[str]] = {name: Counter() for name in registry.canonical}
    for row in rows(plan):
        for label in labels:
            if label in row.inherited:  # counted once, on the task that writes it (as stats does)
                continue
            for name in names_of(row.names[label]):
                canonical = registry.resolve(name)
                if canonical is not None:
                    counts[canonical][label] += 1
    return [
        {"名录": what, "名称": name, "别名": aliases[name], "类别": registry.kinds.get(name) or what,
         "牵头": counts[name][labels[0]], "协助": counts[name][labels[1]]}
        for name in registry.canonical
    ]
