"""`casplan list`: tasks and sub-items, filtered by department, leader, part or text."""

from __future__ import annotations

import sys
from pathlib import Path

from casplan.errors import UsageError
from casplan.output import DataFormat, plain, table, write_records
from casplan.plan import Plan, open_for_query, warn_broken
from casplan.query import Role, Row, collectives, resolve, role_of, rows


def run(
    plan_option: Path | None,
    dept: str | None,
    leader: str | None,
    role: Role,
    part: int | None,
    grep: str | None,
    fmt: DataFormat,
) -> int:
    plan, broken = open_for_query(plan_option)
    all_rows = rows(plan)
    total = len(plan.notice.attachment.sections)  # as listed, counting a part left out for its errors
    if part is not None and not 1 <= part <= total:
        raise UsageError(f"没有第 {part} 部分（共 {total} 个部分）")
    dept_name = resolve(plan.departments, dept) if dept else None
    leader_name = resolve(plan.leaders, leader) if leader else None
    scope = [r for r in all_rows if (part is None or r.part_no == part) and (not grep or _contains(r, grep))]
    both = bool(dept_name and leader_name)  # then say whose role is whose
    selected: list[tuple[Row, list[str]]] = []
    for row in scope:
        roles = []
        if dept_name:
            found = role_of(row, dept_name, plan.departments, "牵头部门", "协助部门", role)
            if found is None:
                continue
            roles.append(dept_name + found if both else found)
        if leader_name:
            found = role_of(row, leader_name, plan.leaders, "牵头院领导", "配合院领导", role)
            if found is None:
                continue
            roles.append(leader_name + found if both else found)
        selected.append((row, roles))
    show_role = bool(dept_name or leader_name)
    if fmt is DataFormat.TABLE:
        _table(selected, show_role, with_leaders=bool(leader_name))
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
    return warn_broken(broken)


def _contains(row: Row, text: str) -> bool:
    haystack = [row.id, row.text, row.task_title, row.part_title, row.deadline or "", *row.measures]
    haystack += [n for ns in row.names.values() for n in ns]
    return any(text in h for h in haystack)


def _table(selected: list[tuple[Row, list[str]]], show_role: bool, with_leaders: bool) -> None:
    columns = ["编号", *(["角色"] if show_role else []), "部分", "事项",
               *(["牵头院领导"] if with_leaders else []), "牵头部门", "时间期限"]
    cells = []
    for row, roles in selected:
        thing = row.text if row.is_task else f"（{row.number}）{row.text}"
        cells.append([
            row.id, *(["、".join(roles)] if show_role else []), row.part, thing,
            *([plain(row.names["牵头院领导"])] if with_leaders else []), plain(row.names["牵头部门"]),
            row.deadline or "",
        ])
    table(columns, cells, keep=("编号", "部分"))
    print(f"共 {len(selected)} 项", file=sys.stdout)


def _note_collectives(scope: list[Row], plan: Plan) -> None:
    found = collectives(scope, plan.departments)
    if found:
        names = "、".join(f"{name}（{n} 项）" for name, n in found.items())
        print(f"注：集体单位不展开为具体部门，另见 {names}；可用 --dept 集体名称 查询。", file=sys.stderr)
