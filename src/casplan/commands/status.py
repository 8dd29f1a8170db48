"""`casplan status`: each item and dated milestone with its latest status as of a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from casplan.commands.due import parse_day
from casplan.diagnostics import did_you_mean, suggest
from casplan.errors import UsageError
from casplan.output import DataFormat, table, write_records
from casplan.plan import Plan, open_plan
from casplan.progress.check import open_rounds
from casplan.progress.items import dept_role, leader_role, title, unit_names, units_text, where
from casplan.progress.model import LATE_DONE, OVERDUE, STATUSES, UNREPORTED
from casplan.progress.status import PointStatus, statuses, summarize
from casplan.query import resolve

STATES = (*STATUSES, UNREPORTED, OVERDUE, LATE_DONE)


def run(plan_option: Path | None, as_of: str | None, dept: str | None, leader: str | None,
        state: str | None, overdue: bool, fmt: DataFormat, today: date | None = None) -> int:
    day = parse_day(as_of, "--as-of") if as_of else (today or date.today())
    if state is not None and state not in STATES:
        hint = did_you_mean(suggest(state, STATES)) or f"，可用：{'、'.join(STATES)}"
        raise UsageError(f"--state 的状态“{state}”无效{hint}")
    plan = open_plan(plan_option)
    rounds = open_rounds(plan)
    selected = select(plan, statuses(plan, rounds, day), dept, leader, OVERDUE if overdue else state)
    if fmt is DataFormat.TABLE:
        cells = [[ps.point.id, title(ps.point.row), units_text(ps.point.row), ps.point.when, ps.state,
                  ps.latest.round.id if ps.latest else "", _days(ps), str(ps.overdue_rounds or "")]
                 for ps in selected]
        lead = plan.labels.label("lead_units")  # the plan's own word: 牵头部门, 牵头单位 …
        table(["编号", "事项", lead, "节点", "状态", "报送", "逾期天数", "逾期轮次"], cells,
              keep=("编号", "节点", "状态", "报送", "逾期天数", "逾期轮次"))
        print(f"截至 {day.isoformat()}，{summarize(selected).line()}")
    else:
        write_records([record(ps, plan.labels.label("lead_units")) for ps in selected], fmt)
    return 0


def select(plan: Plan, items: list[PointStatus], dept: str | None, leader: str | None,
           state: str | None) -> list[PointStatus]:
    """The filters of `list` (department, leader) and a status or computed state."""
    dept_name = resolve(plan.departments, dept) if dept else None
    leader_name = resolve(plan.leaders, leader) if leader else None
    out = []
    for ps in items:
        row = ps.point.row
        if dept_name and dept_role(plan, row, dept_name) is None:
            continue
        if leader_name and leader_role(plan, row, leader_name) is None:
            continue
        if state is not None and state not in (ps.state, ps.status):
            continue
        out.append(ps)
    return out


def _days(ps: PointStatus) -> str:
    return "" if ps.days is None else str(ps.days)


def record(ps: PointStatus, lead: str = "牵头部门") -> dict[str, object]:
    row, e = ps.point.row, ps.latest.entry if ps.latest else None
    out: dict[str, object] = {
        "编号": row.id,
        "类型": row.kind,
        "位置": where(row),
        "事项": title(row),
        lead: unit_names(row),
        "节点": ps.point.due.isoformat() if ps.point.due else None,
        "条款": ps.point.clause,
        "状态": ps.status,
        "逾期": ps.state == OVERDUE,
        "逾期完成": ps.state == LATE_DONE,
        "逾期天数": ps.days if ps.state == OVERDUE else None,
        "逾期轮次": ps.overdue_rounds,
        "报送轮次": ps.latest.round.name if ps.latest else None,
        "轮次": ps.latest.round.id if ps.latest else None,
    }
    if e is not None:
        for key, value in (("完成日期", e.done_on), ("进展", e.progress), ("报送单位", e.unit),
                           ("下步计划", e.next_steps), ("问题和困难", e.problems), ("延期原因", e.delay_reason)):
            if value is not None:
                out[key] = value
    return out
