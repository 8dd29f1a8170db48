"""`casplan status`: the table, filters, formats and errors (the numbers are derived in tests/progress/test_status.py)."""

from __future__ import annotations

import json
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def test_overdue_for_a_department(embedded_progress: Path, run_cli, golden) -> None:
    result = run_cli("status", "--plan", str(embedded_progress), "--as-of", "2022-01-01", "--overdue", "--dept", "人事局")
    assert result.exit_code == 0
    golden(GOLDEN / "status-overdue-personnel.txt", result.stdout)
    # 人事局 leads three of them and assists two (as `list --dept` counts both).
    assert result.stdout.splitlines()[-1] == "截至 2022-01-01，共 5 个节点：推进中 1，未报送 4；逾期 5；完成率 0.0%"


def test_overdue_at_the_round(embedded_progress: Path, run_cli, golden) -> None:
    result = run_cli("status", "--plan", str(embedded_progress), "--as-of", "2021年12月31日", "--overdue")
    golden(GOLDEN / "status-overdue-2021-12-31.txt", result.stdout)


def test_json_records(embedded_progress: Path, run_cli) -> None:
    result = run_cli("status", "--plan", str(embedded_progress), "--as-of", "2021-12-31", "--state", "逾期完成",
                     "--format", "json")
    records = json.loads(result.stdout)
    assert [(r["编号"], r["节点"], r["完成日期"], r["报送轮次"]) for r in records] == [
        ("five-year-plan", "2021-09-30", "2021-11-20", "2021年第四季度"),
        ("youth-team-pilot", "2021-08-31", "2021-12-20", "2021年第四季度"),
        ("academician-study", "2021-08-31", "2021-09-29", "2021年第三季度"),
    ]
    assert records[0]["状态"] == "已完成" and records[0]["逾期完成"] is True and records[0]["逾期"] is False


def test_state_matches_the_reported_status_too(embedded_progress: Path, run_cli) -> None:
    result = run_cli("status", "--plan", str(embedded_progress), "--as-of", "2021-12-31", "--state", "推进中",
                     "--format", "csv")
    ids = [line.split(",")[0] for line in result.stdout.lstrip("\ufeff").splitlines()[1:]]
    assert ids == ["fund-allocation", "leadership-politics", "advise-pay-system"]


def test_leader_filter(embedded_progress: Path, run_cli) -> None:
    result = run_cli("status", "--plan", str(embedded_progress), "--as-of", "2022-01-01", "--overdue", "--leader",
                     "侯建国", "--format", "json")
    # 侯建国 leads parts 一 and 二: learn-notice and plan-draft are done, institute-reform is due in 2022.
    assert [r["编号"] for r in json.loads(result.stdout)] == ["party-history", "mission-capability", "research-layout"]


def test_unknown_state_suggests(embedded_progress: Path, run_cli) -> None:
    result = run_cli("status", "--plan", str(embedded_progress), "--state", "完成")
    assert (result.exit_code, result.stderr) == (2, "用法错误：--state 的状态“完成”无效（是否为“已完成”或“逾期完成”？）\n")


def test_bad_date_is_a_usage_error(embedded_progress: Path, run_cli) -> None:
    result = run_cli("status", "--plan", str(embedded_progress), "--as-of", "2021-02-30")
    assert result.exit_code == 2
    assert result.stderr.startswith("用法错误：--as-of 的日期“2021-02-30”无效")


def test_a_bad_round_stops_the_command(embedded_progress: Path, run_cli) -> None:
    bad = embedded_progress / "进展" / "2021-12.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("状态: 暂缓", "状态: 暂停"), encoding="utf-8")
    result = run_cli("status", "--plan", str(embedded_progress), "--as-of", "2022-01-01")
    assert result.exit_code == 1
    assert result.stderr == (f"{embedded_progress.as_posix()}/进展/2021-12.yaml:26:9: error[unknown-status] "
                             "未知状态“暂停”（是否为“暂缓”？）\n")
    assert result.stdout == ""


def test_as_of_defaults_to_today(embedded_progress: Path) -> None:
    import io
    from contextlib import redirect_stdout
    from datetime import date

    from casplan.commands import status
    from casplan.output import DataFormat

    out = io.StringIO()
    with redirect_stdout(out):
        status.run(embedded_progress, None, None, None, None, True, DataFormat.JSON, today=date(2021, 10, 1))
    assert len(json.loads(out.getvalue())) == 3


def test_another_plan_speaks_its_own_labels(run_cli) -> None:
    from progress_data import OTHER

    result = run_cli("status", "--plan", str(OTHER), "--as-of", "2024-07-05", "--overdue", "--format", "json")
    (record,) = json.loads(result.stdout)
    assert (record["编号"], record["牵头单位"], record["逾期天数"], record["报送轮次"]) == (
        "negative-list", ["市发展改革委"], 5, "第二季度")
    table = run_cli("status", "--plan", str(OTHER), "--as-of", "2024-07-05", "--overdue")
    assert table.stdout.splitlines()[0].split()[:3] == ["编号", "事项", "牵头单位"]
