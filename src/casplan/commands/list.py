"""`casplan list`: tasks and sub-items, filtered by department, leader, part or text."""

from __future__ import annotations

import sys
from pathlib import Path

from casplan.errors import UsageError
from casplan.output import DataFormat, plain, table, write_records
from casplan.cache import open_query
from casplan.plan import Plan, open_for_query, warn_broken
from casplan.query import Role, Row, collectives, leader_labels, resolve, role_of, unit_labels


def run(
    plan_option: Path | None,
    depts: list[str],
    leaders: list[str],
    role: Role,
    part: int | None,
    grep: str | None,
    fmt: DataFormat,
) -> int:
    check_names("--dept", depts)
    check_names("--leader", leaders)
    if role is not Role.ANY and not depts and not leaders:
        raise UsageError(f"--role {role.value} 要与 --dept 或 --leader 一起用（说明谁的角色）")
    if grep is not None and not grep.strip():
        raise UsageError("--grep 不能为空")
    plan, all_rows, broken = open_query(plan_option, open_for_query)  # from the cache when the plan's files are unchanged
    total = len(plan.attachment.sections)  # as listed, counting a part left out for its errors
    if part is not None and not 1 <= part <= total:
        raise UsageError(f"没有第 {part} 部分（共 {total} 个部分）")
    scope = [r for r in all_rows if (part is None or r.part_no == part) and (not grep or _contains(r, grep))]
    dept_names, leader_names, selected = select(plan, scope, depts, leaders, role)
    show_role = bool(dept_names or leader_names)
    if fmt is DataFormat.TABLE:
        _table(selected, show_role, with_leaders=bool(leader_names), plan=plan)
        if dept_names and all(plan.departments.kinds.get(d) != "集体" for d in dept_names):
            _note_collectives(scope, plan)
    else:
        work = measures_of(plan)
        records = []
        for row, roles in selected:
            record = export(row, work)
            if show_role:
                record["角色"] = "、".join(roles)
            records.append(record)
        write_records(csv_ready(records, plan.labels.label("measures")) if fmt is DataFormat.CSV else records, fmt)
    return warn_broken(broken)


def check_names(option: str, names: list[str]) -> None:
    """An empty name (`--dept ''`) is a usage error, not a filter that matches nothing."""
    if any(not n.strip() for n in names):
        raise UsageError(f"{option} 不能为空；请写{'部门名称' if option == '--dept' else '院领导姓名'}")


def select(plan: Plan, scope: list[Row], depts: list[str], leaders: list[str],
           role: Role) -> tuple[list[str], list[str], list[tuple[Row, list[str]]]]:
    """The rows any of `depts` (and any of `leaders`) answers for, each with the roles found.

    Names resolve through the registries (an unknown one is a usage error with the nearest);
    several names, or a department and a leader, are named in the roles: 人事局牵头、阴和俊牵头.
    """
    dept_names = list(dict.fromkeys(resolve(plan.departments, d) for d in depts))
    leader_names = list(dict.fromkeys(resolve(plan.leaders, n) for n in leaders))
    named = len(dept_names) + len(leader_names) > 1  # then say whose role is whose
    selected: list[tuple[Row, list[str]]] = []
    for row in scope:
        roles: list[str] = []
        matched = True
        for names, registry, (lead, assist) in ((dept_names, plan.departments, unit_labels(plan)),
                                                 (leader_names, plan.leaders, leader_labels(plan))):
            if not names:
                continue
            found = [(n, r) for n in names if (r := role_of(row, n, registry, lead, assist, role)) is not None]
            if not found:
                matched = False
                break
            roles += [n + r if named else r for n, r in found]
        if matched:
            selected.append((row, roles))
    return dept_names, leader_names, selected


def measures_of(plan: Plan) -> dict[str, str | list[str]]:
    """Each task's 具体举措 as written: one paragraph, or the list of its items."""
    return {t.id: (t.measures if isinstance(t.measures, str) else list(t.measures))
            for p in plan.parts for t in p.tasks if t.measures is not None}


def export(row: Row, measures: dict[str, str | list[str]]) -> dict[str, object]:
    """A row for json/csv/yaml: the YAML's keys, the task's 具体举措, and the milestones read from 时间期限."""
    record = row.record()
    if row.is_task and row.id in measures:
        record[row.labels.label("measures")] = measures[row.id]
    record["节点明细"] = [m.record() for m in row.milestones()]  # as `casplan deadline --format json`
    return record


def csv_ready(records: list[dict[str, object]], measures_key: str = "具体举措") -> list[dict[str, object]]:
    """具体举措 items joined as （1）…（2）…, milestones as 2021-12-31：clause；…; the rest as they are."""
    out = []
    for record in records:
        flat = dict(record)
        for key, value in record.items():
            if key == "节点明细" and isinstance(value, list):
                flat[key] = "；".join(f"{m['date'] or m['label']}：{m['clause']}" for m in value)
            elif key == measures_key and isinstance(value, list):
                flat[key] = "".join(f"（{i}）{item}" for i, item in enumerate(value, start=1))
        out.append(flat)
    return out


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
    table(columns, cells, keep=("编号", "部分"))
    print(f"共 {len(selected)} 项", file=sys.stdout)


def _note_collectives(scope: list[Row], plan: Plan) -> None:
    found = collectives(scope, plan.departments)
    if found:
        names = "、".join(f"{name}（{n} 项）" for name, n in found.items())
        print(f"注：集体单位不展开为具体部门，另见 {names}；可用 --dept 集体名称 查询。", file=sys.stderr)
