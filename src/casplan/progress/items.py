"""The plan as progress sees it: items, their dated milestones, their units.

Why a module of its own: every read of the plan's rows goes through these few
functions, so changes to the plan's model (roles instead of literal labels,
new milestone kinds) touch this file only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date

from casplan.deadline import Milestone
from casplan.model import names_of
from casplan.plan import Plan
from casplan.query import Role, Row, heading, leader_labels, role_of, rows, unit_labels


@dataclass(frozen=True)
class Point:
    """What a status is kept for: one dated milestone of an item, or an item with no date."""

    row: Row
    milestone: Milestone | None  # None: the item has no dated milestone (持续推进 …)
    count: int  # how many dated milestones the item has

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def due(self) -> date | None:
        return self.milestone.date if self.milestone else None

    @cached_property
    def key(self) -> tuple[str, str | None]:  # looked up for every entry of every round
        return (self.row.id, self.due.isoformat() if self.due else None)

    @property
    def clause(self) -> str:
        if self.milestone is not None:
            return self.milestone.clause
        return self.row.deadline or ""

    @property
    def when(self) -> str:
        """The milestone's date, or what kind of deadline the item has."""
        if self.due is not None:
            return self.due.isoformat()
        kinds = [m.kind.label for m in self.row.milestones()]
        return "、".join(dict.fromkeys(kinds)) if kinds else "无期限"


_rows_memo: tuple[Plan, list[Row]] | None = None
_points_memo: tuple[Plan, list[Point]] | None = None


def plan_rows(plan: Plan) -> list[Row]:
    """The plan's rows (query.rows), computed once per plan: a command asks for them several times."""
    global _rows_memo
    if _rows_memo is None or _rows_memo[0] is not plan:
        _rows_memo = (plan, rows(plan))
    return list(_rows_memo[1])


def forget() -> None:
    """Drop the rows and points kept for the last plan (a render lets them go before building its document)."""
    global _rows_memo, _points_memo
    _rows_memo = _points_memo = None


def dated(row: Row) -> list[Milestone]:
    """The milestones with a date (what can be overdue), in order, without repeats."""
    seen: dict[date, Milestone] = {}
    for m in row.milestones():
        if m.date is not None and m.date not in seen:
            seen[m.date] = m
    return list(seen.values())


def undated(row: Row) -> list[Milestone]:
    return [m for m in row.milestones() if m.date is None]


def points(plan: Plan) -> list[Point]:
    """Every dated milestone of every item; an item without one counts once (it cannot be overdue).

    A task whose work is all in its sub-items and that has no deadline of its
    own is followed through its sub-items, so it is no point of its own.
    """
    global _points_memo
    if _points_memo is not None and _points_memo[0] is plan:  # a plan is frozen: its points do not change
        return list(_points_memo[1])
    all_rows = plan_rows(plan)
    split = {r.task_id for r in all_rows if not r.is_task}
    out: list[Point] = []
    for row in all_rows:
        ms = dated(row)
        if not ms and row.is_task and row.id in split and not row.milestones():
            continue
        out.extend(Point(row, m, len(ms)) for m in ms)
        if not ms:
            out.append(Point(row, None, 0))
    _points_memo = (plan, out)
    return list(out)


def issued(plan: Plan) -> date | None:
    """The plan's 成文日期; None for a plan issued without a notice that gives one."""
    notice_date = getattr(plan.notice, "date", None)
    return date.fromisoformat(notice_date) if notice_date else None


def title(row: Row) -> str:
    """A task's title; a sub-item's number and its first sentence (its own heading, as in （3）创新编制管理。)."""
    if row.is_task:
        return row.text
    first, stop, rest = row.text.partition("。")
    return f"（{row.number}）{first}{stop}" + ("……" if rest.strip() else "")


def where(row: Row) -> str:
    return heading(row)


def unit_names(row: Row, assist: bool = False) -> list[str]:
    """The lead (or assisting) units as written, whatever the plan calls them (牵头部门, 牵头单位 …)."""
    return list(row.names.get(row.labels.label("assist_units" if assist else "lead_units")) or [])


def lead_units(plan: Plan, row: Row) -> list[str]:
    return _canonical(plan, unit_names(row))


def assist_units(plan: Plan, row: Row) -> list[str]:
    return _canonical(plan, unit_names(row, assist=True))


def units_text(row: Row, assist: bool = False) -> str:
    names = unit_names(row, assist)
    return "、".join(names_of(names)) + ("等" if names and names[-1] == "等" else "")


def _canonical(plan: Plan, names: list[str] | None) -> list[str]:
    out = []
    for n in names_of(names):
        c = plan.departments.resolve(n) or n
        if c not in out:
            out.append(c)
    return out


def dept_role(plan: Plan, row: Row, dept: str) -> str | None:
    """牵头 / 协助 (with （随任务）) if `dept` (canonical) answers for `row`."""
    return role_of(row, dept, plan.departments, *unit_labels(plan), Role.ANY)


def leader_role(plan: Plan, row: Row, leader: str) -> str | None:
    return role_of(row, leader, plan.leaders, *leader_labels(plan), Role.ANY)


def responsible(plan: Plan, row: Row, unit: str) -> bool:
    """Whether `unit` (any spelling) leads or assists `row`."""
    canonical = plan.departments.resolve(unit)
    return canonical is not None and dept_role(plan, row, canonical) is not None
