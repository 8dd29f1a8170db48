"""`casplan due`: milestones in date order, filtered by date range, department or leader.

A period is due at its end; a recurrence with a known day (每年2月底前) is shown once for each of
its occurrences inside --after/--before (only its next one when there is no --before). The undated
kinds (持续, 起点, a recurrence without a day, an event not yet dated …) only with --include-ongoing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casplan.deadline import Kind, Milestone, parse_date
from casplan.errors import UsageError
from casplan.output import DataFormat, plain, table, write_records
from casplan.cache import open_rows
from casplan.query import Role, Row, leader_labels, resolve, role_of, unit_labels


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
    plan, all_rows = open_rows(plan_option)  # from the cache when the plan's files are unchanged
    dept_name = resolve(plan.departments, dept) if dept else None
    leader_name = resolve(plan.leaders, leader) if leader else None
    found: list[tuple[date | None, Milestone, Row]] = []
    for row in all_rows:
        if dept_name and role_of(row, dept_name, plan.departments, *unit_labels(plan), Role.ANY) is None:
            continue
        if leader_name and role_of(row, leader_name, plan.leaders, *leader_labels(plan), Role.ANY) is None:
            continue
        for m in row.milestones():
            days = _days(m, start, end)
            if days is None:
                if include_ongoing:
                    found.append((None, m, row))
            else:
                found += [(day, m, row) for day in days]
    found.sort(key=lambda f: (f[0] is None, f[0] or date.max, _KIND_ORDER.index(f[1].kind)))
    lead = plan.labels.label("lead_units")
    if fmt is DataFormat.TABLE:
        cells = [[_when(day, m), r.id, r.task_title if r.is_task else f"{r.task_title}（{r.number}）", m.clause,
                  plain(r.names[lead])] for day, m, r in found]
        table(["日期", "编号", "任务", "条款", lead], cells, keep=("日期", "编号"))
        print(f"共 {len(found)} 个节点")
    else:
        write_records([_record(day, m, r) for day, m, r in found], fmt)
    return 0


# Within a day: deadlines first, then what recurs, then the undated kinds as before.
_KIND_ORDER = [Kind.BY_DATE, Kind.PERIOD, Kind.TARGET, Kind.RELATIVE, Kind.IMMEDIATE, Kind.YEARLY, Kind.HALF_YEARLY,
               Kind.QUARTERLY, Kind.MONTHLY, Kind.START, Kind.ONGOING, Kind.SET_BY_OTHERS]


def _days(m: Milestone, start: date | None, end: date | None) -> list[date] | None:
    """The days `m` is due inside [start, end]; None for a milestone with no day at all."""
    if m.every is not None and m.first is not None:
        return list(m.occurrences(start, end))
    if m.date is None:
        return None
    return [m.date] if (end is None or m.date <= end) and (start is None or m.date >= start) else []


def _when(day: date | None, m: Milestone) -> str:
    return day.isoformat() if day else m.kind.label


def _record(day: date | None, m: Milestone, r: Row) -> dict[str, object]:
    extra: dict[str, object] = {}
    if m.start is not None:
        extra["开始"] = m.start.isoformat()
    if m.event is not None:
        extra["起算"] = m.event
    if m.approximate:
        extra["约"] = m.note or True
    return {
        "日期": day.isoformat() if day else None,
        "类别": m.kind.value,
        "编号": r.id,
        "类型": r.kind,
        "部分": r.part_no,
        "任务": r.task_title,
        **({} if r.is_task else {"内容": r.text}),
        "条款": m.clause,
        r.labels.label("deadline"): r.deadline or "",
        r.labels.label("lead_units"): list(r.names[r.labels.label("lead_units")]),
        **extra,
    }
