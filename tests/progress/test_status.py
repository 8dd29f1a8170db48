"""Status as of a date over the embedded plan's two rounds (2021-09-30, 2021-12-31).

Every expected value below is derived by hand from the fixture
(tests/data/progress/embedded/进展) and the plan's deadlines (casplan due):
- dated milestones before 2021-10-01: youth-team-pilot and academician-study
  (2021-08-31); learn-notice, plan-draft, five-year-plan, four-exemplars (2021-09-30);
- round 2021-09 (30 Sep): learn-notice and plan-draft 已完成; academician-study
  已完成 on 29 Sep (29 days late); youth-team-pilot 推进中;
- round 2021-12 (31 Dec): five-year-plan 已完成 20 Nov (51 days late);
  youth-team-pilot 已完成 20 Dec (111 days late); fund-allocation (31 Oct) 推进中.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from casplan.plan import open_plan
from casplan.progress.items import points
from casplan.progress.load import RoundFile, load_rounds
from casplan.progress.model import Round
from casplan.progress.status import by_department, history, point_status, statuses, summarize


def overdue(root: Path, day: date) -> dict[str, int]:
    """编号 → days overdue as of `day`."""
    rounds, _ = load_rounds(root)
    return {ps.point.id: ps.days or 0 for ps in statuses(open_plan(root), rounds, day) if ps.overdue}


def test_before_any_round_both_august_milestones_are_overdue(embedded_progress: Path) -> None:
    # The 2021-09 round is dated 30 Sep: on 29 Sep nothing is reported yet.
    assert overdue(embedded_progress, date(2021, 9, 29)) == {"youth-team-pilot": 29, "academician-study": 29}


def test_the_deadline_day_itself_is_not_overdue(embedded_progress: Path) -> None:
    # 30 Sep: the four 30-Sep milestones are due today, not late; academician-study was completed.
    assert overdue(embedded_progress, date(2021, 9, 30)) == {"youth-team-pilot": 30}


def test_the_day_after(embedded_progress: Path) -> None:
    assert overdue(embedded_progress, date(2021, 10, 1)) == {
        "youth-team-pilot": 31, "five-year-plan": 1, "four-exemplars": 1}


def test_november(embedded_progress: Path) -> None:
    assert overdue(embedded_progress, date(2021, 11, 1)) == {
        "youth-team-pilot": 62, "five-year-plan": 32, "four-exemplars": 32, "fund-allocation": 1}


def test_at_the_second_round(embedded_progress: Path) -> None:
    # five-year-plan and youth-team-pilot were completed (late); the 31-Dec milestones are due today.
    assert overdue(embedded_progress, date(2021, 12, 31)) == {"four-exemplars": 92, "fund-allocation": 61}


def test_new_year_counts_by_department(embedded_progress: Path) -> None:
    """1 Jan 2022: every 31-Dec milestone not closed is one day overdue; counted by lead department by hand."""
    root = embedded_progress
    rounds, _ = load_rounds(root)
    plan = open_plan(root)
    items = statuses(plan, rounds, date(2022, 1, 1))
    late = {d.dept: d.overdue for d in by_department(plan, items) if d.overdue}
    assert late == {
        "学部工作局": 4,  # division-study, academician-reform, advisory-studies, four-exemplars
        "前沿科学与教育局": 3,  # basic-research-conf, class-b-projects, advise-basic-funding
        "重大科技任务局": 3,  # tackle-task-list, tackle-tasks-deliver, class-ac-projects
        "科技促进发展局": 1,  # transfer-policy
        "条件保障与财务局": 2,  # fund-allocation, advise-basic-funding
        "人事局": 3,  # leadership-politics, young-cadres, youth-training (special-research-posts done)
        "直属机关党委": 3,  # party-history, scientist-stories, spirit-lectures (spirit-bases 2021 done)
        "科学传播局": 1,  # patriotism-outreach
        "监督与审计局": 2,  # ethics-governance, integrity-duty
        "院全面深化改革领导小组办公室": 2,  # mission-capability, research-layout
    }
    assert summarize(items).overdue == 23  # advise-basic-funding has two lead departments


def test_late_completion(embedded_progress: Path) -> None:
    rounds, _ = load_rounds(embedded_progress)
    items = {ps.point.key: ps for ps in statuses(open_plan(embedded_progress), rounds, date(2022, 1, 1))}
    late = {key[0]: ps.days for key, ps in items.items() if ps.state == "逾期完成"}
    assert late == {"academician-study": 29, "five-year-plan": 51, "youth-team-pilot": 111}
    assert items[("special-research-posts", "2021-12-31")].state == "已完成"


def test_a_milestone_entry_reports_that_milestone_only(embedded_progress: Path) -> None:
    rounds, _ = load_rounds(embedded_progress)
    items = {ps.point.key: ps for ps in statuses(open_plan(embedded_progress), rounds, date(2022, 1, 1))}
    assert items[("spirit-bases", "2021-12-31")].status == "已完成"
    assert items[("spirit-bases", "2022-12-31")].status == "未报送"


def test_overdue_rounds_count_rounds_held_since_the_deadline(embedded_progress: Path) -> None:
    rounds, _ = load_rounds(embedded_progress)
    items = {ps.point.key: ps for ps in statuses(open_plan(embedded_progress), rounds, date(2022, 1, 1))}
    # four-exemplars (30 Sep): not late at the 30-Sep round, late at the 31-Dec one.
    assert items[("four-exemplars", "2021-09-30")].overdue_rounds == 1
    # youth-team-pilot (31 Aug): late at 30 Sep, done by 31 Dec.
    assert items[("youth-team-pilot", "2021-08-31")].overdue_rounds == 1
    # Due 31 Dec: no round was held after it.
    assert items[("party-history", "2021-12-31")].overdue_rounds == 0


def test_suspended_is_overdue_once_past_its_date(embedded_progress: Path) -> None:
    rounds, _ = load_rounds(embedded_progress)
    plan = open_plan(embedded_progress)
    before = {ps.point.id: ps for ps in statuses(plan, rounds, date(2022, 12, 31))}
    after = {ps.point.id: ps for ps in statuses(plan, rounds, date(2023, 1, 1))}
    assert (before["branch-cleanup"].state, after["branch-cleanup"].state) == ("暂缓", "逾期")


@pytest.mark.parametrize(("day", "line"), [
    (date(2021, 9, 29), "共 52 个节点：未报送 52；逾期 2；完成率 0.0%"),
    (date(2021, 12, 31), "共 52 个节点：推进中 3，已完成 7，暂缓 1，未报送 41；逾期 2（其中逾期完成 3）；完成率 13.5%"),
])
def test_summary_line(embedded_progress: Path, day: date, line: str) -> None:
    rounds, _ = load_rounds(embedded_progress)
    assert summarize(statuses(open_plan(embedded_progress), rounds, day)).line() == line


def test_no_progress_at_all(tmp_path: Path) -> None:
    from progress_data import REPO

    plan = open_plan(REPO / "plan")
    items = statuses(plan, [], date(2021, 10, 1))
    assert {ps.status for ps in items} == {"未报送"}
    assert sorted(ps.point.id for ps in items if ps.overdue) == [
        "academician-study", "five-year-plan", "four-exemplars", "learn-notice", "plan-draft", "youth-team-pilot"]


# ------------------------------------------------------------------ another plan shape: tests/data/progress/city
# A city's plan (市政府 departments, aliases, a collective, quarterly-style rounds named q1/q2 with their own dates,
# a task done in two steps and a task split into sub-items). By hand, from its files:
# one-window: 2024-06-30 and 2024-12-31; online-list (sub-item) 2024-03-31; online-full (sub-item, 市数据局
# inherited) 2024-09-15; negative-list 2024-06-30; fee-cuts 持续. Round q1 is dated 2024-04-05, q2 2024-07-05.


def city_overdue(day: date) -> dict[str, int]:
    from progress_data import OTHER

    rounds, problems = load_rounds(OTHER)
    assert problems == []
    return {ps.point.id: ps.days or 0 for ps in statuses(open_plan(OTHER), rounds, day) if ps.overdue}


def test_city_on_the_deadline_day() -> None:
    assert city_overdue(date(2024, 6, 30)) == {}


def test_city_between_rounds() -> None:
    # q2 is not held yet: one-window's first step is 推进中 (q1), negative-list 未启动 (q1).
    assert city_overdue(date(2024, 7, 1)) == {"one-window": 1, "negative-list": 1}


def test_city_after_the_second_round() -> None:
    from progress_data import OTHER

    rounds, _ = load_rounds(OTHER)
    plan = open_plan(OTHER)
    items = statuses(plan, rounds, date(2024, 7, 5))
    states = {ps.point.key: (ps.state, ps.days, ps.overdue_rounds) for ps in items}
    assert states == {
        ("one-window", "2024-06-30"): ("逾期完成", 2, 0),
        ("one-window", "2024-12-31"): ("未报送", None, 0),
        ("online-list", "2024-03-31"): ("已完成", None, 0),
        ("online-full", "2024-09-15"): ("未报送", None, 0),
        ("negative-list", "2024-06-30"): ("逾期", 5, 1),
        ("fee-cuts", None): ("推进中", None, 0),
    }
    assert summarize(items).line() == "共 6 个节点：推进中 2，已完成 2，未报送 2；逾期 1（其中逾期完成 1）；完成率 33.3%"
    late = {d.dept: d.overdue for d in by_department(plan, statuses(plan, rounds, date(2024, 9, 16))) if d.overdue}
    assert late == {"市数据局": 1, "市发展改革委": 1}  # online-full (inherited lead), negative-list


def _round(n: int, day: str, statuses_: dict[str, str]) -> RoundFile:
    entries = [{"编号": i, "状态": s, **({"完成日期": day} if s == "已完成" else {})} for i, s in statuses_.items()]
    model = Round.model_validate({"名称": f"第{n}轮", "报送截止": day, "条目": entries})
    return RoundFile(f"r{n:02d}", Path(f"r{n:02d}.yaml"), f"r{n:02d}.yaml", None, model)


@pytest.mark.parametrize("shuffled", [False, True])
def test_overdue_rounds_over_many_rounds(shuffled: bool) -> None:
    """Counted round by round, as the rule says, whether the reports come oldest first or not."""
    from progress_data import REPO

    plan = open_plan(REPO / "plan")
    point = next(p for p in points(plan) if p.due == date(2021, 9, 30))
    cycle = ["推进中", "暂缓", "", "已完成", "推进中", "取消（经批准）", "未启动", ""]
    rounds = [_round(n, (date(2021, 10, 31) + timedelta(days=30 * n)).isoformat(),
                     {point.id: cycle[n % len(cycle)]} if cycle[n % len(cycle)] else {})
              for n in range(30)]
    reports = history([point], rounds)[point.key]
    assert len(reports) == 23
    if shuffled:
        reports = reports[::-1]
    for as_of in (date(2021, 9, 30), date(2022, 6, 1), date(2023, 1, 15), date(2030, 1, 1)):
        held = [r for r in rounds if r.date <= as_of]
        by_hand = 0
        for rnd in held:
            known = [r for r in reports if r.round.date <= rnd.date]
            latest = known[-1].entry.status if known else "未报送"
            by_hand += point.due is not None and point.due < rnd.date and latest not in ("已完成", "取消（经批准）")
        assert point_status(point, reports, as_of, held).overdue_rounds == by_hand
    # Of each 8 rounds, 6 find it open (已完成 and 取消 close it; a round without a report keeps the last status);
    # 30 rounds: 3 × 6, then 4 of the last 6.
    assert point_status(point, history([point], rounds)[point.key], date(2030, 1, 1), rounds).overdue_rounds == 22
