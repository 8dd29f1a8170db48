"""`casplan list`: tasks and sub-items, filtered by department, leader, part or text."""

from __future__ import annotations

import sys
from pathlib import Path

from casplan.errors import UsageError
from casplan.output import DataFormat, plain, table, write_records
from casplan.cache import open_rows
from casplan.plan import Plan
from casplan.query import Role, Row, collectives, leader_labels, resolve, role_of, unit_labels


def run(
    plan_option: Path | None,
    dept: str | None,
    leader: str | None,
    role: Role,
    part: int | None,
    grep: str | None,
    fmt: DataFormat,
) -> int:
    plan, all_rows = open_rows(plan_option)  # from the cache when the plan's files are unchanged
    if part is not None and not 1 <= part <= len(plan.parts):
        raise UsageError(f"没有第 {part} 部分（共 {len(plan.parts)} 个部分）")
    dept_name = resolve(plan.departments, dept) if dept else None
    leader_name = resolve(plan.leaders, leader) if leader else None
    scope = [r for r in all_rows if (part is None or r.part_no == part) and (not grep or _contains(r, grep))]
    both = bool(dept_name and leader_name)  # then say whose role is whose
    selected: list[tuple[Row, list[str]]] = []
    for row in scope:
        roles = []
        if dept_name:
            found = role_of(row, dept_name, plan.departments, *unit_labels(plan), role)
            if found is None:
                continue
            roles.append(dept_name + found if both else found)
        if leader_name:
            found = role_of(row, leader_name, plan.leaders, *leader_labels(plan), role)
            if found is None:
                continue
            roles.append(leader_name + found if both else found)
        selected.append((row, roles))
    show_role = bool(dept_name or leader_name)
    if fmt is DataFormat.TABLE:
        _table(selected, show_role, with_leaders=bool(leader_name), plan=plan)
        if dept_name and plan.departments.kinds.get(dept_name) != "集体":
            _note_collectives(scope, plan)
    else:
        records = []
        for row, roles in selected:
            record = row.record()
            if show_role:
                record["角色"] = "、".join(roles)
            records.append(record)
        write_records(records, fmt)
    return 0


def _contains(row: Row, text: str) -> bool:
    haystack = [row.id, row.text, row.task_title, row.part_title, row.deadline or "", *row.measures, *row.fields.values()]
    haystack += [n for ns in row.names.values() for n in ns]
    return any(text in h for h in haystack)


def _table(selected: list[tuple[Row, list[str]]], show_role: bool, with_leaders: bool, plan: Plan) -> None:
    lead_leader, lead_unit, deadline = (plan.labels.label(r) for r in ("lead_leaders", "lead_units", "deadline"))
    parts = plan.labels.structure.has_parts  # without parts, a column of 一 would say nothing
    columns = ["编号", *(["角色"] if show_role else []), *(["部分"] if parts else []), "事项",
               *([lead_leader] if with_leaders else []), lead_unit, deadline]
    cells = []
    for row, roles in selected:
        thing = row.text if row.is_task else f"（{row.number}）{row.text}"
        cells.append([
            row.id, *(["、".join(roles)] if show_role else []), *([row.part] if parts else []), thing,
            *([plain(row.names[lead_leader])] if with_leaders else []), plain(row.names[lead_unit]),
            row.deadline or "",
        ])
    table(columns, cells, keep=("编号", "角色", "部分"))
    print(f"共 {len(selected)} 项", file=sys.stdout)


def _note_collectives(scope: list[Row], plan: Plan) -> None:
    found = collectives(scope, plan.departments)
    if found:
        names = "、".join(f"{name}（{n} 项）" for name, n in found.items())
        print(f"注：集体单位不展开为具体部门，另见 {names}；可用 --dept 集体名称 查询。", file=sys.stderr)
