"""Latest status per item and milestone as of a date; overdue is computed, never typed.

Rules (documented in the README):
- A round counts from its 报送截止: as of a date, the rounds dated on or before
  it are known. The latest of them that reports an item gives its status.
- An entry without 节点 reports every dated milestone of its item; one with
  节点 reports that milestone only, and wins over a general entry of its round.
- 逾期: a dated milestone whose date is before the as-of date (the deadline
  day itself is not overdue) and whose latest status is neither 已完成 nor
  取消（经批准）— 未报送, 未启动, 推进中 and 暂缓 all can be overdue.
- 逾期完成: 已完成 with a 完成日期 after the milestone's date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from casplan.plan import Plan
from casplan.progress.items import Point, lead_units, points
from casplan.progress.load import Brief, RoundFile, fetch, ordered
from casplan.progress.model import CLOSED, LATE_DONE, OVERDUE, STATUSES, UNREPORTED, Entry, Status


class Report:
    """One entry as reported in one round: its Brief at hand, the full entry (进展 …) read when asked for."""

    __slots__ = ("round", "brief", "index")

    def __init__(self, round: RoundFile, brief: Brief, index: int) -> None:
        self.round = round
        self.brief = brief
        self.index = index  # in the round's 条目

    @property
    def entry(self) -> Entry:
        return self.round.entry(self.index)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and (self.round, self.index) == (other.round, other.index)

    def __hash__(self) -> int:
        return hash((id(self.round), self.index))

    def __repr__(self) -> str:
        return f"Report({self.round.id!r}, {self.index}, {self.brief.status!r})"


@dataclass(frozen=True)
class PointStatus:
    point: Point
    latest: Report | None
    status: str  # the reported status, or 未报送
    state: str  # status, or the computed 逾期 / 逾期完成
    days: int | None  # days overdue (as of the date), or days late for 逾期完成
    overdue_rounds: int  # rounds (as of the date) at whose 报送截止 the milestone was overdue

    @property
    def overdue(self) -> bool:
        return self.state == OVERDUE


def history(pts: Iterable[Point], rounds: list[RoundFile]) -> dict[tuple[str, str | None], list[Report]]:
    """For each point, its reports oldest first (one per round at most)."""
    by_id: dict[str, list[Point]] = {}
    for p in pts:
        by_id.setdefault(p.id, []).append(p)
    out: dict[tuple[str, str | None], list[Report]] = {p.key: [] for ps in by_id.values() for p in ps}
    for rnd in ordered(rounds):
        chosen: dict[tuple[str, str | None], Report] = {}
        # General entries first, so an entry naming its 节点 overrides them.
        for i, entry in sorted(enumerate(rnd.entries), key=lambda pair: pair[1].milestone is not None):
            for p in by_id.get(entry.id, ()):
                if entry.milestone is None or entry.milestone == p.key[1]:
                    chosen[p.key] = Report(rnd, entry, i)
        for key, report in chosen.items():
            out[key].append(report)
    return out


def _status_at(reports: list[Report], day: date) -> Report | None:
    known = [r for r in reports if r.round.date <= day]
    return known[-1] if known else None


def point_status(point: Point, reports: list[Report], as_of: date, rounds: list[RoundFile]) -> PointStatus:
    """`point`'s status as of `as_of`; `rounds` are every round held by then (reported in or not)."""
    latest = _status_at(reports, as_of)
    status = latest.brief.status if latest else UNREPORTED
    state, days = status, None
    due = point.due
    if due is not None and due < as_of and status not in CLOSED:
        state, days = OVERDUE, (as_of - due).days
    elif due is not None and latest and status == Status.DONE.value and latest.brief.done_on:
        done = date.fromisoformat(latest.brief.done_on)
        if done > due:
            state, days = LATE_DONE, (done - due).days
    overdue_rounds = 0
    if due is not None:
        # Silence is no progress: a round the item was not reported in still counts.
        overdue_rounds = _overdue_rounds(reports, sorted(r.date for r in rounds if due < r.date <= as_of))
    return PointStatus(point, latest, status, state, days, overdue_rounds)


def _overdue_rounds(reports: list[Report], dates: list[date]) -> int:
    """How many of `dates` (ascending) find the point's latest status before them still open.

    Why a walk: `reports` are oldest first (as `history` gives them), so the status
    known at a date is the last of a prefix — one pass over both lists instead of
    a scan of the reports for each round (a plan reported on monthly for years).
    """
    if any(a.round.date > b.round.date for a, b in zip(reports, reports[1:])):  # not oldest first: ask each date
        return sum(1 for d in dates if _open(_status_at(reports, d)))
    count, k = 0, 0
    at: Report | None = None
    for day in dates:
        while k < len(reports) and reports[k].round.date <= day:
            at = reports[k]
            k += 1
        count += _open(at)
    return count


def _open(report: Report | None) -> bool:
    """Neither 已完成 nor 取消（经批准） (未报送 is open)."""
    return (report.brief.status if report else UNREPORTED) not in CLOSED


def statuses(plan: Plan, rounds: list[RoundFile], as_of: date) -> list[PointStatus]:
    """Every point of the plan, in document order, with its status as of `as_of`.

    The full entry of each latest report is at hand (read again from its file
    if the round released it: a status as of an earlier date than the newest round's).
    """
    pts = points(plan)
    hist = history(pts, rounds)
    held = [r for r in ordered(rounds) if r.date <= as_of]
    out = [point_status(p, hist[p.key], as_of, held) for p in pts]
    fetch((ps.latest.round, ps.latest.index) for ps in out if ps.latest is not None)
    return out


@dataclass(frozen=True)
class Summary:
    total: int
    by_status: dict[str, int]  # the vocabulary and 未报送
    overdue: int
    late_done: int

    @property
    def rate(self) -> float:
        """已完成 over the points not cancelled."""
        base = self.total - self.by_status.get(Status.CANCELLED.value, 0)
        return self.by_status.get(Status.DONE.value, 0) / base if base else 0.0

    def line(self) -> str:
        parts = [f"{s} {self.by_status[s]}" for s in (*STATUSES, UNREPORTED) if self.by_status.get(s)]
        late = f"（其中逾期完成 {self.late_done}）" if self.late_done else ""
        return (f"共 {self.total} 个节点：{'，'.join(parts) or '无'}；逾期 {self.overdue}{late}；"
                f"完成率 {self.rate:.1%}")


def summarize(items: list[PointStatus]) -> Summary:
    counts = Counter(ps.status for ps in items)
    return Summary(
        len(items),
        {s: counts.get(s, 0) for s in (*STATUSES, UNREPORTED)},
        sum(1 for ps in items if ps.state == OVERDUE),
        sum(1 for ps in items if ps.state == LATE_DONE),
    )


@dataclass(frozen=True)
class DeptLine:
    dept: str
    total: int
    done: int
    in_progress: int
    overdue: int
    on_time: int  # 推进中 and not overdue


    @property
    def rate(self) -> float:
        return self.done / self.total if self.total else 0.0


def by_department(plan: Plan, items: list[PointStatus]) -> list[DeptLine]:
    """Lead points per department, in the registry's order: total, 已完成, 推进中, 逾期, 推进中 on time."""
    tally: dict[str, list[int]] = {}
    for ps in items:
        for dept in lead_units(plan, ps.point.row):
            t = tally.setdefault(dept, [0, 0, 0, 0, 0])
            t[0] += 1
            t[1] += ps.status == Status.DONE.value
            t[2] += ps.status == Status.IN_PROGRESS.value
            t[3] += ps.state == OVERDUE
            t[4] += ps.status == Status.IN_PROGRESS.value and ps.state != OVERDUE
    order = {name: i for i, name in enumerate(plan.departments.canonical)}
    return [DeptLine(d, *t) for d, t in sorted(tally.items(), key=lambda kv: order.get(kv[0], len(order)))]
