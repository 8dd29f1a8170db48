"""Progress diagnostics: every round file checked against the plan, with stable codes.

The plan is not touched; a round that names an item the plan lacks, a status
outside the vocabulary or an impossible date is reported at file:line:col.
"""

from __future__ import annotations

from datetime import date

from casplan.diagnostics import Diagnostic, Severity, did_you_mean, suggest
from casplan.errors import UserError
from casplan.load import LoadedPlan
from casplan.plan import Plan, assemble
from casplan.progress.items import Point, issued as issued_on, points, responsible
from casplan.progress.load import RoundFile, load_rounds, ordered
from casplan.progress.model import CLOSED, OVERDUE, STATUSES, Status, status_problem
from casplan.progress.status import history, point_status

def check_rounds(plan: Plan, rounds: list[RoundFile]) -> list[Diagnostic]:
    """Cross-checks of every valid round against the plan."""
    out: list[Diagnostic] = []
    if not rounds:
        return out  # nothing to cross-check: the plan's points are not even read (render on 10,000 tasks)
    pts = points(plan)
    by_id: dict[str, list[Point]] = {}
    for p in pts:
        by_id.setdefault(p.id, []).append(p)
    issued = issued_on(plan)
    hist = history(pts, rounds)
    valid = ordered(rounds)
    for rnd in valid:
        seen: dict[tuple[str, str | None], int] = {}
        held = [r for r in valid if r.date <= rnd.date]
        for i, e in enumerate(rnd.entries):
            def at(key: str) -> tuple[int, int]:
                return rnd.pos(i, key)

            known = by_id.get(e.id)
            if known is None:
                hint = did_you_mean(suggest(e.id, by_id)) or "，可用 casplan list 查看全部编号"
                out.append(Diagnostic.make(rnd.file, at("编号"), "unknown-item", f"方案中没有编号“{e.id}”{hint}"))
            elif e.milestone is not None and all(p.key[1] != e.milestone for p in known):
                dates = "、".join(p.key[1] for p in known if p.key[1]) or "无"
                out.append(Diagnostic.make(rnd.file, at("节点"), "unknown-milestone",
                                           f"{e.id} 没有日期为 {e.milestone} 的时间节点（它的节点：{dates}）"))
            key = (e.id, e.milestone)
            if key in seen:
                first = rnd.pos(seen[key], "编号")
                what = e.id + (f" 的节点 {e.milestone}" if e.milestone else "")
                out.append(Diagnostic.make(rnd.file, at("编号"), "duplicate-entry",
                                           f"{what} 在本轮中重复报送（首次在第 {first[0]} 行）"))
            seen.setdefault(key, i)
            if (problem := status_problem(e.status)) is not None:
                out.append(Diagnostic.make(rnd.file, at("状态"), "unknown-status", problem))
            if e.done_on is not None:
                done = date.fromisoformat(e.done_on)
                if done > rnd.date:
                    out.append(Diagnostic.make(rnd.file, at("完成日期"), "done-after-round",
                                               f"完成日期 {e.done_on} 晚于本轮报送截止 {rnd.date_text}"))
                elif issued is not None and done < issued:
                    out.append(Diagnostic.make(rnd.file, at("完成日期"), "done-before-plan",
                                               f"完成日期 {e.done_on} 早于方案成文日期 {issued.isoformat()}"))
            elif e.status == Status.DONE.value:
                out.append(Diagnostic.make(rnd.file, at("状态"), "missing-done-date", f"{e.id} 已完成，但没有写完成日期"))
            if e.unit is not None and known is not None:
                if plan.departments.resolve(e.unit) is None:
                    hint = did_you_mean(plan.departments.nearest(e.unit))
                    out.append(Diagnostic.make(rnd.file, at("报送单位"), "unknown-department", f"未知部门“{e.unit}”{hint}"))
                elif not responsible(plan, known[0].row, e.unit):
                    out.append(Diagnostic.make(rnd.file, at("报送单位"), "not-responsible",
                                               f"报送单位“{e.unit}”既不牵头也不协助 {e.id}"))
            if known is not None and not e.delay_reason and e.status in STATUSES and e.status not in CLOSED:
                mine = [p for p in known if e.milestone is None or p.key[1] == e.milestone]
                late = [p for p in mine if point_status(p, hist[p.key], rnd.date, held).state == OVERDUE]
                if e.status == Status.SUSPENDED.value or late:
                    why = "暂缓" if e.status == Status.SUSPENDED.value else f"已逾期（节点 {late[0].key[1]}）"
                    out.append(Diagnostic.make(rnd.file, at("状态"), "missing-delay-reason",
                                               f"{e.id} {why}，应写明延期原因"))
    return out


def check_loaded(loaded: LoadedPlan, plan_diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """For `casplan validate`: the round files' own problems, and the cross-checks when the plan is sound."""
    rounds, out = load_rounds(loaded.root)
    if not rounds:  # no 进展/ (most plans before their first round): nothing to cross-check
        return out
    plan = _plan_of(loaded, plan_diagnostics)
    if plan is not None:
        out += check_rounds(plan, rounds)
    return out


def _plan_of(loaded: LoadedPlan, diagnostics: list[Diagnostic]) -> Plan | None:
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return None
    return assemble(loaded)


def open_rounds(plan: Plan) -> list[RoundFile]:
    """The plan's rounds for a command: errors in any of them are a UserError (exit 1)."""
    rounds, diags = load_rounds(plan.root)
    diags += check_rounds(plan, rounds)
    errors = sorted((d for d in diags if d.severity is Severity.ERROR), key=Diagnostic.sort_key)
    if errors:
        raise UserError(errors)
    return rounds
