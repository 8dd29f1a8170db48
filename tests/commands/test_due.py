"""`casplan due`: milestones in date order, checked against the 时间期限 lines of the source document.

The expected milestones come from the source text: each 时间期限 line, read with
casplan.deadline.read_deadline (the reader has its own tests), belongs to the
item the source writes it under (test_list.read_source).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from casplan.deadline import read_deadline
import test_list as source  # tests/commands is on pythonpath (pyproject.toml)

PLAN: Path = source.PLAN
GOLDEN: Path = source.GOLDEN

Milestone = tuple[str | None, str, str, str]  # (日期, 类别, 编号, 条款)


def source_milestones(keep: Callable[[object], bool] = lambda item: True) -> list[Milestone]:
    """Every milestone of the source's 时间期限 lines, in document order."""
    out: list[Milestone] = []
    for item in source.read_source():
        text = item.deadline()
        if text is None or not keep(item):
            continue
        for m in read_deadline(text):
            out.append((m.date.isoformat() if m.date else None, m.kind.value, item.id, m.clause))
    return out


def dated(milestones: list[Milestone], start: str = "0000-00-00", end: str = "9999-99-99") -> list[Milestone]:
    """The dated milestones in [start, end], sorted by date (document order within a day)."""
    return sorted((m for m in milestones if m[0] is not None and start <= m[0] <= end), key=lambda m: m[0] or "")


def due_json(run_cli, *args: str) -> list[dict[str, object]]:
    result = run_cli("due", "--plan", str(PLAN), *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    records = json.loads(result.stdout)
    assert isinstance(records, list)
    return records


def as_milestones(records: list[dict[str, object]]) -> list[Milestone]:
    return [(r["日期"], r["类别"], r["编号"], r["条款"]) for r in records]


# ------------------------------------------------------------------ --before / --after


def test_before_is_every_source_milestone_up_to_that_day(run_cli) -> None:
    records = due_json(run_cli, "--before", "2021-12-31")
    days = [r["日期"] for r in records]
    assert None not in days
    assert days == sorted(days)
    assert all(str(d) <= "2021-12-31" for d in days)
    assert as_milestones(records) == dated(source_milestones(), end="2021-12-31")
    assert len(records) == 30


def test_before_by_hand(run_cli) -> None:
    # Read off the source: two 8月底, four 9月底, one 10月底, the rest 年底 2021.
    days = [r["日期"] for r in due_json(run_cli, "--before", "2021-12-31")]
    assert days == ["2021-08-31"] * 2 + ["2021-09-30"] * 4 + ["2021-10-31"] + ["2021-12-31"] * 23
    first = due_json(run_cli, "--before", "2021-08-31")
    assert [(r["编号"], r["条款"]) for r in first] == [
        ("youth-team-pilot", "2021年8月底前完成"),
        ("academician-study", "2021年8月底前完成"),
    ]


def test_before_includes_the_day_itself(run_cli) -> None:
    assert len(due_json(run_cli, "--before", "2021-08-31")) == 2
    assert due_json(run_cli, "--before", "2021-08-30") == []


def test_after_includes_the_day_itself(run_cli) -> None:
    records = due_json(run_cli, "--after", "2022-12-31", "--before", "2022-12-31")
    assert len(records) == 9
    assert due_json(run_cli, "--after", "2023-01-01", "--before", "2023-12-30") == []


def test_records_keys(run_cli) -> None:
    records = due_json(run_cli, "--before", "2021-12-31")
    task = next(r for r in records if r["编号"] == "learn-notice")
    assert task == {
        "日期": "2021-09-30",
        "类别": "by-date",
        "编号": "learn-notice",
        "类型": "任务",
        "部分": 1,
        "任务": "以党组文件形式印发通知，对全院传达学习和贯彻落实大会精神提出明确要求",
        "条款": "2021年9月底前完成",
        "时间期限": "2021年9月底前完成。",
        "牵头部门": ["办公厅"],
        "具体举措": "以党组文件形式向全院印发通知，要求各分院分党组、院属各单位党委、院机关各党组织认真组织、广泛传达学习大会精神，"
                    "研究出台贯彻落实的具体举措并形成长效机制。",
        "节点明细": [m.record() for m in read_deadline("2021年9月底前完成。")],  # as `casplan deadline --format json`
    }
    assert [(m["date"], m["label"]) for m in task["节点明细"]] == [("2021-09-30", "限期")]
    sub = next(r for r in records if r["编号"] == "advise-basic-funding")
    assert list(sub) == ["日期", "类别", "编号", "类型", "部分", "任务", "内容", "条款", "时间期限", "牵头部门", "节点明细"]
    assert sub["牵头部门"] == ["条件保障与财务局", "前沿科学与教育局"]


def test_include_ongoing_puts_the_undated_last(run_cli) -> None:
    records = due_json(run_cli, "--before", "2021-12-31", "--include-ongoing")
    milestones = as_milestones(records)
    n = len(dated(source_milestones(), end="2021-12-31"))
    assert milestones[:n] == dated(source_milestones(), end="2021-12-31")
    undated = milestones[n:]
    expected_undated = [m for m in source_milestones() if m[0] is None]
    assert sorted(undated, key=str) == sorted(expected_undated, key=str)
    assert {m[1] for m in undated} == {"ongoing", "yearly", "set-by-others"}
    assert len(undated) == 20  # 16 持续, 2 每年, 2 按他方进度


def test_no_null_dates_without_include_ongoing(run_cli) -> None:
    records = due_json(run_cli)
    assert all(r["日期"] is not None for r in records)
    assert as_milestones(records) == dated(source_milestones())


def test_before_table_matches_golden(run_cli, golden) -> None:
    result = run_cli("due", "--plan", str(PLAN), "--before", "2021-12-31")
    assert result.exit_code == 0
    assert result.stderr == ""
    golden(GOLDEN / "due-before-2021-12-31.txt", result.stdout)
    assert result.stdout.endswith("共 30 个节点\n")


def test_include_ongoing_table_matches_golden(run_cli, golden) -> None:
    result = run_cli("due", "--plan", str(PLAN), "--after", "2022-07-01", "--include-ongoing")
    assert result.exit_code == 0
    golden(GOLDEN / "due-after-2022-07-01-ongoing.txt", result.stdout)


@pytest.mark.parametrize("form", ["2021/12/31", "20211231", "2021年12月31日"])
def test_date_forms_give_the_same_output(run_cli, form: str) -> None:
    for fmt in ("table", "json"):
        a = run_cli("due", "--plan", str(PLAN), "--before", form, "--format", fmt)
        b = run_cli("due", "--plan", str(PLAN), "--before", "2021-12-31", "--format", fmt)
        assert a.exit_code == 0
        assert a.stdout == b.stdout
    assert len(due_json(run_cli, "--before", form)) == 30


@pytest.mark.parametrize(("option", "value"), [("--before", "2021-13-01"), ("--after", "2021-02-30"),
                                               ("--before", "后年"), ("--after", "2021-13"), ("--before", "2021Q5")])
def test_bad_date_is_a_usage_error(run_cli, option: str, value: str) -> None:
    result = run_cli("due", "--plan", str(PLAN), option, value)
    assert result.exit_code == 2
    assert result.stderr == (
        f"用法错误：{option} 的日期“{value}”无效；可写 2021-12-31、2021年12月31日、2021-12、2021Q4、今天、本月、本季度、"
        "本年、下月、下季度、明年、+30d\n"
    )
    assert result.stdout == ""


def test_after_and_before(run_cli) -> None:
    records = due_json(run_cli, "--after", "2022-01-01", "--before", "2022-12-31")
    assert as_milestones(records) == dated(source_milestones(), "2022-01-01", "2022-12-31")
    assert [(r["日期"], r["编号"]) for r in records] == [
        ("2022-03-31", "transfer-action-plan"),
        ("2022-06-30", "advise-crossborder-funds"),
        ("2022-12-31", "institute-reform"),
        ("2022-12-31", "lab-restructure"),
        ("2022-12-31", "branch-cleanup"),
        ("2022-12-31", "flexible-pay"),
        ("2022-12-31", "scientist-stories"),
        ("2022-12-31", "spirit-bases"),
        ("2022-12-31", "spirit-lectures"),
        ("2022-12-31", "advise-pay-system"),
        ("2022-12-31", "advise-staffing"),
    ]


def test_after_only(run_cli) -> None:
    records = due_json(run_cli, "--after", "2023-01-01")
    assert as_milestones(records) == dated(source_milestones(), start="2023-01-01")
    assert [(r["日期"], r["编号"], r["条款"]) for r in records] == [
        ("2023-12-31", "academician-reform", "2023年，改革后的制度规范基本健全并全面落地执行"),
        ("2025-12-31", "mission-capability", "“十四五”末进行评估验收"),
        ("2025-12-31", "research-layout", "在“十四五”期间，持续推进先导专项的组织实施"),
    ]


def test_dept_filter(run_cli) -> None:
    records = due_json(run_cli, "--dept", "人事局")
    expected = dated(source_milestones(lambda item: item.dept_role("人事局") is not None))
    assert as_milestones(records) == expected
    ids = {r["编号"] for r in records}
    assert ids == {row[0] for row in source.PERSONNEL_BY_HAND}
    assert ("2022-12-31", "by-date", "advise-staffing", "2022年年底前完成") in expected


def test_leader_filter(run_cli) -> None:
    records = due_json(run_cli, "--leader", "阴和俊", "--include-ongoing")
    expected = source_milestones(lambda item: item.leader_role("阴和俊") is not None)
    n = len(dated(expected))
    assert as_milestones(records)[:n] == dated(expected)
    assert sorted(as_milestones(records)[n:], key=str) == sorted((m for m in expected if m[0] is None), key=str)
    # 牵头 13 tasks of parts 五、九、十一, 配合 party-history; none of the others
    assert {r["编号"] for r in records} == {
        "party-history", "tackle-task-list", "tackle-tasks-deliver", "class-ac-projects",
        "special-research-posts", "branch-cleanup", "flexible-pay", "leadership-politics", "young-cadres",
        "scientist-stories", "spirit-bases", "role-models", "spirit-lectures", "youth-training",
    }


def test_unknown_dept(run_cli) -> None:
    result = run_cli("due", "--plan", str(PLAN), "--dept", "人时局")
    assert result.exit_code == 2
    assert result.stderr == "用法错误：未知部门“人时局”（是否为“人事局”？）\n"
    assert result.stdout == ""


def test_dates_are_real_days(run_cli) -> None:
    for r in due_json(run_cli):
        date.fromisoformat(str(r["日期"]))


@pytest.mark.parametrize("args", [[], ["--before", "2021-12-31", "--include-ongoing"], ["--format", "json"]])
def test_plan_with_errors_answers_from_the_sections_that_load(run_cli, tmp_path: Path, args: list[str]) -> None:
    source.broken_plan(tmp_path)
    result = run_cli("due", "--plan", "plan", *args, cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, source.BROKEN_WARNING)
    assert "special-research-posts" in result.stdout
    assert "learn-notice" not in result.stdout and "advise-staffing" not in result.stdout


# ------------------------------------------------------------------ table layout


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"NO_COLOR": None}], ids=["NO_COLOR", "not-a-terminal"])
def test_table_is_plain(env: dict[str, str | None]) -> None:
    result = source.invoke("due", "--plan", str(PLAN), "--include-ongoing", env=env)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert not source.BOX_DRAWING.search(result.stdout)


def test_long_cells_fold_at_80_columns() -> None:
    result = source.invoke("due", "--plan", str(PLAN), "--include-ongoing", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    out = result.stdout
    assert "…" not in out
    assert max(sum(source.cell_width(c) for c in line) for line in out.splitlines()) <= 80
    clauses = source.table_column(out, "日期", "条款")
    tasks = source.table_column(out, "日期", "任务")
    for m in source_milestones():
        assert m[3] in clauses, m
    for item in source.read_source():
        if item.deadline() is not None:
            title = item.head if item.is_task else f"{item.task.head}（{item.number}）"
            assert title in tasks, item.id


# ------------------------------------------------------------------ other plans' deadlines (a fixture of our own)

MINIMAL = Path(__file__).resolve().parents[1] / "data" / "minimal"


@pytest.fixture
def other_plan(tmp_path: Path) -> Path:
    """minimal/ with deadlines as other plans write them: a recurrence, a period, a yearless date, an event."""
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    edits = {
        "sections/01-学习部署.yaml": [("2021年9月底前完成。", "2020年起，每年2月底前报送。"),
                                   ("2021年年底前完成。", "2021年11月至2022年3月开展，每季度末报送进展。")],
        "sections/02-改革建议.yaml": [("2022年年底前完成。", "3月底前完成；收到通知后15个工作日内反馈。"),
                                   ("持续推进。", "本方案印发之日起30日内。")],
    }
    for rel, pairs in edits.items():
        path = plan / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert text.count(old) == 1
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return plan


def other_due(run_cli, plan: Path, *args: str) -> list[tuple[object, ...]]:
    result = run_cli("due", "--plan", str(plan), *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [(r["日期"], r["类别"], r["编号"]) for r in json.loads(result.stdout)]


def test_recurrences_are_expanded_inside_the_range(run_cli, other_plan: Path) -> None:
    assert other_due(run_cli, other_plan, "--after", "2021-01-01", "--before", "2022-06-30") == [
        ("2021-02-28", "yearly", "learn-notice"),
        ("2021-03-31", "by-date", "advise-pay"),  # 3月底前: the plan's year (成文 2021-09-28), though past
        ("2021-10-28", "relative", "advise-funding"),  # 30 days after the plan's date
        ("2021-12-31", "quarterly", "learn-measures"),  # each quarter's end inside the period before it
        ("2022-02-28", "yearly", "learn-notice"),
        ("2022-03-31", "period", "learn-measures"),  # a period by its end
        ("2022-03-31", "quarterly", "learn-measures"),
    ]


def test_a_recurrence_without_before_shows_its_next_occurrence(run_cli, other_plan: Path) -> None:
    assert other_due(run_cli, other_plan, "--after", "2024-01-01") == [("2024-02-29", "yearly", "learn-notice")]
    # the quarterly reports end with their period (2022-03-31)
    assert ("2022-03-31", "quarterly", "learn-measures") in other_due(run_cli, other_plan, "--after", "2022-01-01")


def test_undated_kinds_only_with_include_ongoing(run_cli, other_plan: Path) -> None:
    plain = other_due(run_cli, other_plan, "--after", "2030-01-01", "--before", "2030-03-01")
    assert plain == [("2030-02-28", "yearly", "learn-notice")]
    ongoing = other_due(run_cli, other_plan, "--after", "2030-01-01", "--before", "2030-03-01", "--include-ongoing")
    assert ongoing == [*plain, (None, "relative", "advise-pay")]  # 收到通知后…: no date until the notice comes


def test_other_plan_records_say_start_event_and_why_approximate(run_cli, other_plan: Path) -> None:
    result = run_cli("due", "--plan", str(other_plan), "--before", "2022-12-31", "--include-ongoing", "--format", "json")
    records = {(r["编号"], r["类别"]): r for r in json.loads(result.stdout)}
    assert records[("learn-measures", "period")]["开始"] == "2021-11-01"
    assert records[("advise-pay", "relative")]["起算"] == "收到通知"
    assert records[("advise-funding", "relative")]["起算"] == "本方案印发"
    assert "约" not in records[("advise-funding", "relative")]


def test_other_plan_validates_with_relative_deadline_warnings(run_cli, other_plan: Path) -> None:
    result = run_cli("validate", "--plan", str(other_plan))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:-1] == [
        f"{other_plan}/sections/02-改革建议.yaml:11:15: warning[relative-deadline] 时间期限“3月底前完成；收到通知后15个工作日内反馈。”"
        "没有写年份，按成文日期读作 2021-03-31；可写明年份或加“截止日期: YYYY-MM-DD”",
        f"{other_plan}/sections/02-改革建议.yaml:15:15: warning[relative-deadline] 时间期限“本方案印发之日起30日内。”"
        "从“本方案印发”起算，按成文日期读作 2021-10-28；可写明日期或加“截止日期: YYYY-MM-DD”",
    ]
# ------------------------------------------------------------------ dates people type, roles, several names


def test_periods_count_from_today(run_cli) -> None:
    quarter = due_json(run_cli, "--after", "本季度", "--before", "本季度", "--today", "2021-11-15")
    assert quarter == due_json(run_cli, "--after", "2021-10-01", "--before", "2021-12-31")
    assert quarter == due_json(run_cli, "--after", "2021Q4", "--before", "2021Q4")
    assert {str(r["日期"])[:7] for r in quarter} <= {"2021-10", "2021-11", "2021-12"} and quarter
    month = due_json(run_cli, "--before", "本月", "--after", "本月", "--today", "2021-09-10")
    assert month == due_json(run_cli, "--after", "2021-09", "--before", "2021-09") != []
    ahead = due_json(run_cli, "--before", "+30d", "--after", "今天", "--today", "2021-08-15")
    assert ahead == due_json(run_cli, "--after", "2021-08-15", "--before", "2021-09-14")
    assert due_json(run_cli, "--after", "下季度", "--before", "下季度", "--today", "2021-11-15") == due_json(
        run_cli, "--after", "2022-01-01", "--before", "2022-03-31")


def test_role_lead_and_a_role_column_for_a_name(run_cli) -> None:
    lead = due_json(run_cli, "--dept", "人事局", "--role", "lead")
    both = due_json(run_cli, "--dept", "人事局")
    assist = due_json(run_cli, "--dept", "人事局", "--role", "assist")
    assert {r["角色"] for r in lead} <= {"牵头", "牵头（随任务）"} and lead
    assert {r["角色"] for r in assist} <= {"协助", "协助（随任务）"} and assist
    assert len(lead) + len(assist) == len(both)
    table = source.invoke("due", "--plan", str(PLAN), "--dept", "人事局", "--before", "2021-12-31").stdout
    assert table.splitlines()[0].split() == ["日期", "编号", "角色", "任务", "条款", "牵头部门"]


def test_several_departments_are_any_of_them(run_cli) -> None:
    one, other = due_json(run_cli, "--dept", "人事局"), due_json(run_cli, "--dept", "办公厅")
    either = due_json(run_cli, "--dept", "人事局", "--dept", "办公厅")
    key = lambda r: (r["编号"], r["日期"], r["条款"])  # noqa: E731
    assert sorted(map(key, either)) == sorted(set(map(key, one)) | set(map(key, other)))
    assert {r["角色"] for r in either} >= {"人事局牵头", "办公厅牵头"}


@pytest.mark.parametrize(("args", "message"), [
    (["--after", "2022-01-01", "--before", "2021-12-31"], "--after（2022-01-01）晚于 --before（2021-12-31），没有日期能同时满足"),
    (["--role", "lead"], "--role lead 要与 --dept 或 --leader 一起用（说明谁的角色）"),
    (["--dept", ""], "--dept 不能为空；请写部门名称"),
    (["--leader", " "], "--leader 不能为空；请写院领导姓名"),
    (["--today", "昨天吧"], "--today 的日期“昨天吧”无效；可写 2021-12-31、2021/12/31、20211231 或 2021年12月31日"),
])
def test_conflicting_or_empty_options_are_usage_errors(run_cli, args: list[str], message: str) -> None:
    result = run_cli("due", "--plan", str(PLAN), *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"用法错误：{message}\n")
