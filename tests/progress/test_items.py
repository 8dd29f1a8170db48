"""The plan as progress sees it: points (dated milestones), titles, units, roles."""

from __future__ import annotations

from datetime import date

import pytest

from casplan.plan import open_plan
from casplan.progress.items import assist_units, dept_role, lead_units, plan_rows, points, responsible, title

from progress_data import REPO

PLAN = open_plan(REPO / "plan")
ROWS = {r.id: r for r in plan_rows(PLAN)}


def test_points_one_per_dated_milestone_or_one_for_an_undated_item() -> None:
    pts = points(PLAN)
    # 44 dated milestones and 8 items without a date; reform-advice is followed through its seven sub-items.
    assert len(pts) == 52
    assert "reform-advice" not in {p.id for p in pts}
    spirit = [(p.due, p.count, p.when) for p in pts if p.id == "spirit-bases"]
    assert spirit == [(date(2021, 12, 31), 2, "2021-12-31"), (date(2022, 12, 31), 2, "2022-12-31")]
    (megascience,) = [p for p in pts if p.id == "megascience-incubation"]
    assert (megascience.due, megascience.when, megascience.key) == (None, "持续", ("megascience-incubation", None))
    (rules,) = [p for p in pts if p.id == "funding-reform-rules"]
    assert rules.when == "无期限"


def test_titles() -> None:
    assert title(ROWS["learn-notice"]) == "以党组文件形式印发通知，对全院传达学习和贯彻落实大会精神提出明确要求"
    assert title(ROWS["advise-staffing"]).startswith("（3）创新编制管理。")


def test_units_and_roles() -> None:
    assert lead_units(PLAN, ROWS["advise-staffing"]) == ["人事局", "条件保障与财务局"]
    assert assist_units(PLAN, ROWS["advise-staffing"]) == ["发展规划局"]  # inherited from the task
    assert dept_role(PLAN, ROWS["advise-staffing"], "发展规划局") == "协助（随任务）"
    assert responsible(PLAN, ROWS["plan-draft"], "人事局")
    assert not responsible(PLAN, ROWS["learn-notice"], "人事局")
    assert not responsible(PLAN, ROWS["learn-notice"], "不存在的局")


def test_rows_and_points_are_read_once_per_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command asks for them several times (checks, statuses, sheet); a list handed out can be changed freely."""
    from casplan.progress import items

    calls: list[object] = []
    real = items.rows
    monkeypatch.setattr(items, "rows", lambda plan: calls.append(plan) or real(plan))
    plan = open_plan(REPO / "plan")
    first = points(plan)
    first.clear()
    assert len(points(plan)) == 52
    plan_rows(plan).clear()
    assert len(plan_rows(plan)) == len(ROWS)
    assert calls == [plan]
    other = open_plan(REPO / "plan")  # another plan (an edited one, in a long process): read again
    assert len(points(other)) == 52
    assert calls == [plan, other]
