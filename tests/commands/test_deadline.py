"""`casplan deadline TEXT`: one line per milestone; the context date it used on stderr; exit 1 when not all is read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

PLAN = Path(__file__).resolve().parents[2] / "plan"
PLAN_CONTEXT = "参照日期：2021-09-28（plan/plan.yaml 的成文日期）\n"


def test_one_milestone(run_cli) -> None:
    result = run_cli("deadline", "2021年9月底前完成。", "--date", "2021-09-28")
    assert result.exit_code == 0
    assert result.stdout == "2021-09-30  限期  2021年9月底前完成\n"
    assert result.stderr == "参照日期：2021-09-28（--date）\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Lines of tests/source/cas-plan-2021.txt (时间期限：…)
        ("配合国家相关部门，2021年年底前出台深化院士制度改革的意见；2023年，改革后的制度规范基本健全并全面落地执行。",
         "2021-12-31  限期  配合国家相关部门，2021年年底前出台深化院士制度改革的意见\n"
         "2023-12-31  限期  2023年，改革后的制度规范基本健全并全面落地执行\n"),
        ("持续推进。每年评选产生中科院年度人物和年度团队。",
         "—           持续  持续推进\n"
         "—           每年  每年评选产生中科院年度人物和年度团队\n"),
        ("2022年年底前完成，并长期坚持完善。",
         "2022-12-31  限期  2022年年底前完成\n"
         "—           持续  并长期坚持完善\n"),
        ("按照国家有关部门工作推进进度。", "—           按他方进度  按照国家有关部门工作推进进度\n"),
        ("2021年底前完成一批先导专项的遴选策划，在“十四五”期间，持续推进先导专项的组织实施。",
         "2021-12-31  限期  2021年底前完成一批先导专项的遴选策划\n"
         "2025-12-31  期间  在“十四五”期间，持续推进先导专项的组织实施（自 2021-01-01 起）\n"),
        # Chinese numerals keep their words in the clause
        ("二〇二一年九月底前完成", "2021-09-30  限期  二〇二一年九月底前完成\n"),
    ],
)
def test_source_deadlines(run_cli, text: str, expected: str) -> None:
    result = run_cli("deadline", text, "--plan", str(PLAN))
    assert result.exit_code == 0
    assert result.stdout == expected
    assert result.stderr == f"参照日期：2021-09-28（{PLAN}/plan.yaml 的成文日期）\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020年起，每年2月底前报送", "2020-02-29  每年  2020年起，每年2月底前报送（首次 2020-02-29；自 2020-01-01 起）\n"),
        ("3月底前", "2021-03-31  限期  3月底前（按参照日期定年份）\n"),
        ("在本意见印发之日起30日内", "2021-10-28  相对  在本意见印发之日起30日内（从“本意见印发”起算；按参照日期起算）\n"),
        ("收到通知后15个工作日内", "—           相对  收到通知后15个工作日内（从“收到通知”起算）\n"),
        ("春节前", "2022-01-31  限期  春节前（按参照日期定年份；约：春节按农历正月初一；节前按节日前一天）\n"),
        ("用3至5年时间", "2025-12-31  目标  用3至5年时间（按参照日期定年份；约：按成文年份2021年起算，当年为第一年）\n"),
        ("“十四五”期间每年12月底前",
         "2021-12-31  每年  “十四五”期间每年12月底前（首次 2021-12-31，至 2025-12-31 止；自 2021-01-01 起）\n"),
    ],
)
def test_other_plans_forms(run_cli, text: str, expected: str) -> None:
    result = run_cli("deadline", text, "--date", "2021-09-28")
    assert (result.exit_code, result.stdout) == (0, expected)


def test_json_and_yaml_are_the_milestone_records(run_cli) -> None:
    text = "从2022年起，每年12月底前报送；“十四五”末总结。"
    records = [
        {"kind": "yearly", "label": "每年", "date": None, "start": "2022-01-01", "every": "year", "first": "2022-12-31",
         "event": None, "approximate": False, "contextual": False, "note": None,
         "clause": "从2022年起，每年12月底前报送"},
        {"kind": "by-date", "label": "限期", "date": "2025-12-31", "start": None, "every": None, "first": None,
         "event": None, "approximate": False, "contextual": False, "note": None, "clause": "“十四五”末总结"},
    ]
    as_json = run_cli("deadline", text, "--date", "2021-09-28", "--format", "json")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout) == records
    as_yaml = run_cli("deadline", text, "--date", "2021-09-28", "-f", "yaml")
    assert yaml.safe_load(as_yaml.stdout) == records


@pytest.mark.parametrize("text", ["尽快完成。", "2021年13月底前完成。", "2月30日前完成", " "])
def test_unreadable_text_exits_1(run_cli, text: str) -> None:
    result = run_cli("deadline", text, "--date", "2021-09-28")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"参照日期：2021-09-28（--date）\n无法解读：“{text}”\n"


@pytest.mark.parametrize("text", ["十十月", "九五十月", "二〇十一年", "根据十四五季度"])
def test_old_crashes_are_unreadable(run_cli, text: str) -> None:
    result = run_cli("deadline", text, "--date", "2021-09-28")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"参照日期：2021-09-28（--date）\n无法解读：“{text}”\n"


def test_a_word_not_read_is_reported_and_exits_1(run_cli) -> None:
    result = run_cli("deadline", "2021年底前完成，十十月前总结", "--date", "2021-09-28")
    assert result.exit_code == 1
    assert result.stdout == "2021-12-31  限期  2021年底前完成，十十月前总结\n"
    assert result.stderr == "参照日期：2021-09-28（--date）\n未能解读：“十十月”（未计入节点）\n"


def test_the_context_is_the_found_plans_date(run_cli, tmp_path) -> None:
    shutil.copytree(PLAN, tmp_path / "plan")
    result = run_cli("deadline", "年底前", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "2021-12-31  限期  年底前（按参照日期定年份）\n"
    assert result.stderr == PLAN_CONTEXT


def test_date_overrides_the_plan(run_cli, tmp_path) -> None:
    shutil.copytree(PLAN, tmp_path / "plan")
    result = run_cli("deadline", "年底前", "--date", "2023年5月1日", cwd=tmp_path)
    assert result.stdout == "2023-12-31  限期  年底前（按参照日期定年份）\n"
    assert result.stderr == "参照日期：2023-05-01（--date）\n"


def test_without_a_plan_today(run_cli, tmp_path) -> None:
    from datetime import date

    result = run_cli("deadline", "2021年8月底前完成。", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "2021-08-31  限期  2021年8月底前完成\n"
    assert result.stderr == f"参照日期：{date.today().isoformat()}（今天；未找到方案，可用 --date 指定）\n"


def test_a_named_plan_that_is_missing_is_an_error(run_cli, tmp_path) -> None:
    result = run_cli("deadline", "年底前", "--plan", "nowhere", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith("nowhere: error[plan-not-found] 找不到计划目录：--plan 指定的“nowhere”不是目录。")


def test_a_plan_with_a_bad_date_is_an_error(run_cli, tmp_path) -> None:
    shutil.copytree(PLAN, tmp_path / "plan")
    notice = tmp_path / "plan" / "plan.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("成文日期: 2021-09-28", "成文日期: 2021-02-30"),
                      encoding="utf-8")
    result = run_cli("deadline", "年底前", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "plan/plan.yaml:16:7: error[bad-date] 日期“2021-02-30”无效，应为 YYYY-MM-DD 形式的真实日期\n"


@pytest.mark.parametrize("value", ["2021-13-01", "明天"])
def test_bad_date_is_a_usage_error(run_cli, value: str) -> None:
    result = run_cli("deadline", "年底前", "--date", value)
    assert result.exit_code == 2
    assert result.stderr == f"用法错误：--date 的日期“{value}”无效；可写 2021-12-31、2021/12/31、20211231 或 2021年12月31日\n"


def test_what_the_user_typed_is_echoed_escaped() -> None:
    """A control character or an undecodable byte on the command line never reaches the terminal raw."""
    import subprocess
    import sys

    for fmt, expected in (("text", b"2021-12-31  \xe9\x99\x90\xe6\x9c\x9f  2021\xe5\xb9\xb4\xe5\xba\x95\xe5\x89\x8d\\xFF\\x1B[31m\n"),
                          ("json", None)):
        done = subprocess.run([sys.executable, "-m", "casplan", "deadline", b"2021\xe5\xb9\xb4\xe5\xba\x95\xe5\x89\x8d\xff\x1b[31m",
                               "--date", "2021-09-28", "--format", fmt], capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
        if expected is not None:
            assert done.stdout == expected
        else:
            assert json.loads(done.stdout)[0]["clause"] == "2021年底前\\xFF\\x1B[31m"


def test_a_plan_issued_alone_has_no_date_so_today(run_cli) -> None:
    from datetime import date

    shape = Path(__file__).resolve().parents[1] / "data" / "shapes" / "guowuyuan"
    result = run_cli("deadline", "2022年底前", "--plan", str(shape))
    assert (result.exit_code, result.stdout) == (0, "2022-12-31  限期  2022年底前\n")
    assert result.stderr == f"参照日期：{date.today().isoformat()}（今天；{shape}/plan.yaml 没有成文日期，可用 --date 指定）\n"
