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
from casplan.cache import open_query
from casplan.plan import open_for_query, warn_broken
from casplan.query import Role, Row


def parse_day(text: str, option: str, today: date | None = None) -> date:
    """--before takes the last day of what `text` names (本季度 → its last day), --after the first."""
    from casplan import dates

    pick = dates.first_day if option == "--after" else dates.last_day
    day = pick(text, today or date.today())
    if day is None:
        raise UsageError(f"{option} 的日期“{text}”无效；可写 {dates.FORMS}")
    return day


def run(
    plan_option: Path | None,
    before: str | None,
    after: str | None,
    depts: list[str],
    leaders: list[str],
    include_ongoing: bool,
    fmt: DataFormat,
    role: Role = Role.ANY,
    today: str | None = None,
) -> int:
    from casplan.commands.list import check_names, csv_ready, measures_of, select

    check_names("--dept", depts)
    check_names("--leader", leaders)
    if role is not Role.ANY and not depts and not leaders:
        raise UsageError(f"--role {role.value} 要与 --dept 或 --leader 一起用（说明谁的角色）")
    now = _today(today)
    end = parse_day(before, "--before", now) if before else None
    start = parse_day(after, "--after", now) if after else None
    if start and end and start > end:
        raise UsageError(f"--after（{start.isoformat()}）晚于 --before（{end.isoformat()}），没有日期能同时满足")
    plan, all_rows, broken = open_query(plan_option, open_for_query)  # from the cache when the plan's files are unchanged
    _, _, selected = select(plan, all_rows, depts, leaders, role)
    show_role = bool(depts or leaders)
    found: list[tuple[date | None, Milestone, Row, list[str]]] = []
    for row, roles in selected:
        for m in row.milestones():
            days = _days(m, start, end)
            if days is None:
                if include_ongoing:
                    found.append((None, m, row, roles))
            else:
                found += [(day, m, row, roles) for day in days]
    found.sort(key=lambda f: (f[0] is None, f[0] or date.max, _KIND_ORDER.index(f[1].kind)))
    lead = plan.labels.label("lead_units")
    if fmt is DataFormat.TABLE:
        cells = [[_when(day, m), r.id, *(["、".join(roles)] if show_role else []),
                  r.task_title if r.is_task else f"{r.task_title}（{r.number}）", m.clause,
                  plain(r.names[lead])] for day, m, r, roles in found]
        columns = ["日期", "编号", *(["角色"] if show_role else []), "任务", "条款", lead]
        table(columns, cells, keep=("日期", "编号"))
        print(f"共 {len(found)} 个节点")
    else:
        work = measures_of(plan)
        records = [_record(day, m, r, work, roles if show_role else None) for day, m, r, roles in found]
        write_records(csv_ready(records, plan.labels.label("measures")) if fmt is DataFormat.CSV else records, fmt)
    return warn_broken(broken)


def _today(text: str | None) -> date:
    if text is None:
        return date.today()
    day = parse_date(text)
    if day is None:
        raise UsageError(f"--today 的日期“{text}”无效；可写 2021-12-31、2021/12/31、20211231 或 2021年12月31日")
    return day


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


def _record(day: date | None, m: Milestone, r: Row, measures: dict[str, str | list[str]],
            roles: list[str] | None) -> dict[str, object]:
    extra: dict[str, object] = {}
    if m.start is not None:
        extra["开始"] = m.start.isoformat()
    if m.event is not None:
        extra["起算"] = m.event
    if m.approximate:
        extra["约"] = m.note or True
    record: dict[str, object] = {
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
    if r.is_task and r.id in measures:
        record[r.labels.label("measures")] = measures[r.id]
    record["节点明细"] = [x.record() for x in r.milestones()]
    if roles is not None:
        record["角色"] = "、".join(roles)
    return record
