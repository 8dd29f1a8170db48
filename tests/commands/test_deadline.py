"""`casplan deadline TEXT`: one line per milestone (date, kind, clause); exit 1 when nothing can be read."""

from __future__ import annotations

import pytest


def test_one_milestone(run_cli) -> None:
    result = run_cli("deadline", "2021年9月底前完成。")
    assert result.exit_code == 0
    assert result.stdout == "2021-09-30  限期  2021年9月底前完成\n"
    assert result.stderr == ""


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
        ("2022年6月底前完成。", "2022-06-30  限期  2022年6月底前完成\n"),
        # Chinese numerals keep their words in the clause
        ("二〇二一年九月底前完成", "2021-09-30  限期  二〇二一年九月底前完成\n"),
    ],
)
def test_source_deadlines(run_cli, text: str, expected: str) -> None:
    result = run_cli("deadline", text)
    assert result.exit_code == 0
    assert result.stdout == expected
    assert result.stderr == ""


@pytest.mark.parametrize("text", ["尽快完成。", "2021年13月底前完成。", "2月30日前完成", " "])
def test_unreadable_text_exits_1(run_cli, text: str) -> None:
    result = run_cli("deadline", text)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"无法解读：“{text}”\n"


def test_needs_no_plan(run_cli, tmp_path) -> None:
    result = run_cli("deadline", "2021年8月底前完成。", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "2021-08-31  限期  2021年8月底前完成\n"
