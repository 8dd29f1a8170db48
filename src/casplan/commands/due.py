"""`casplan due`: milestones in date order, filtered by date range, department or leader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casplan.deadline import Kind, Milestone, parse_date
from casplan.errors import UsageError
from casplan.output import DataFormat, plain, table, write_records
from casplan.plan import open_for_query, warn_broken
from casplan.query import Role, Row, rows


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
    plan, broken = open_for_query(plan_option)
    _, _, selected = select(plan, rows(plan), depts, leaders, role)
    show_role = bool(depts or leaders)
    found: list[tuple[Milestone, Row, list[str]]] = []
    for row, roles in selected:
        for m in row.milestones():
            if m.date is None:
                if include_ongoing:
                    found.append((m, row, roles))
            elif (end is None or m.date <= end) and (start is None or m.date >= start):
                found.append((m, row, roles))
    found.sort(key=lambda f: (f[0].date is None, f[0].date or date.max, _KIND_ORDER[f[0].kind]))
    if fmt is DataFormat.TABLE:
        cells = [[_when(m), r.id, *(["、".join(roles)] if show_role else []),
                  r.task_title if r.is_task else f"{r.task_title}（{r.number}）", m.clause,
                  plain(r.names["牵头部门"])] for m, r, roles in found]
        columns = ["日期", "编号", *(["角色"] if show_role else []), "任务", "条款", "牵头部门"]
        table(columns, cells, keep=("日期", "编号"))
        print(f"共 {len(found)} 个节点")
    else:
        work = measures_of(plan)
        records = [_record(m, r, work, roles if show_role else None) for m, r, roles in found]
        write_records(csv_ready(records) if fmt is DataFormat.CSV else records, fmt)
    return warn_broken(broken)


def _today(text: str | None) -> date:
    if text is None:
        return date.today()
    day = parse_date(text)
    if day is None:
        raise UsageError(f"--today 的日期“{text}”无效；可写 2021-12-31、2021/12/31、20211231 或 2021年12月31日")
    return day


_KIND_ORDER = {Kind.BY_DATE: 0, Kind.YEARLY: 1, Kind.ONGOING: 2, Kind.SET_BY_OTHERS: 3}


def _when(m: Milestone) -> str:
    return m.date.isoformat() if m.date else m.kind.label


def _record(m: Milestone, r: Row, measures: dict[str, str | list[str]], roles: list[str] | None) -> dict[str, object]:
    record: dict[str, object] = {
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
    if r.is_task and r.id in measures:
        record["具体举措"] = measures[r.id]
    record["节点"] = [{"日期": x.date.isoformat() if x.date else None, "类别": x.kind.label, "条款": x.clause}
                    for x in r.milestones()]
    if roles is not None:
        record["角色"] = "、".join(roles)
    return record
