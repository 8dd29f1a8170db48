"""`casplan due`: milestones in date order, filtered by date range, department or leader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casplan.deadline import Kind, Milestone, parse_date
from casplan.errors import UsageError
from casplan.output import DataFormat, plain, table, write_records
from casplan.plan import open_for_query, warn_broken
from casplan.query import Role, Row, resolve, role_of, rows


def parse_day(text: str, option: str) -> date:
    day = parse_date(text)
    if day is None:
        raise UsageError(f"{option} 的日期“{text}”无效；可写 2021-12-31、2021/12/31、20211231 或 2021年12月31日")
    return day


def run(
    plan_option: Path | None,
    before: str | None,
    after: str | None,
    dept: str | None,
    leader: str | None,
    include_ongoing: bool,
    fmt: DataFormat,
) -> int:
    end = parse_day(before, "--before") if before else None
    start = parse_day(after, "--after") if after else None
    plan, broken = open_for_query(plan_option)
    dept_name = resolve(plan.departments, dept) if dept else None
    leader_name = resolve(plan.leaders, leader) if leader else None
    found: list[tuple[Milestone, Row]] = []
    for row in rows(plan):
        if dept_name and role_of(row, dept_name, plan.departments, "牵头部门", "协助部门", Role.ANY) is None:
            continue
        if leader_name and role_of(row, leader_name, plan.leaders, "牵头院领导", "配合院领导", Role.ANY) is None:
            continue
        for m in row.milestones():
            if m.date is None:
                if include_ongoing:
                    found.append((m, row))
            elif (end is None or m.date <= end) and (start is None or m.date >= start):
                found.append((m, row))
    found.sort(key=lambda pair: (pair[0].date is None, pair[0].date or date.max, _KIND_ORDER[pair[0].kind]))
    if fmt is DataFormat.TABLE:
        cells = [[_when(m), r.id, r.task_title if r.is_task else f"{r.task_title}（{r.number}）", m.clause,
                  plain(r.names["牵头部门"])] for m, r in found]
        table(["日期", "编号", "任务", "条款", "牵头部门"], cells, keep=("日期", "编号"))
        print(f"共 {len(found)} 个节点")
    else:
        write_records([_record(m, r) for m, r in found], fmt)
    return warn_broken(broken)


_KIND_ORDER = {Kind.BY_DATE: 0, Kind.YEARLY: 1, Kind.ONGOING: 2, Kind.SET_BY_OTHERS: 3}


def _when(m: Milestone) -> str:
    return m.date.isoformat() if m.date else m.kind.label


def _record(m: Milestone, r: Row) -> dict[str, object]:
    return {
        "日期": m.date.isoformat() if m.date else None,
        "类别": m.kind.value,
        "编号": r.id,
        "类型": r.kind,
        "部分": r.part_no,
        "任务": r.task_title,
        **({} if r.is_task else {"内容": r.text}),
        "条款": m.clause,
        "时间期限": r.deadline or "",
        "牵头部门": list(r.names["牵头部门"]),
    }
