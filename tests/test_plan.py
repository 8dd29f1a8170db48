import shutil
from pathlib import Path

import pytest

from casplan.errors import UserError
from casplan.plan import open_plan
from casplan.report import text_line

PLAN = Path(__file__).resolve().parents[1] / "plan"


def test_open_embedded_plan() -> None:
    plan = open_plan(PLAN)
    assert (len(plan.parts), plan.notice.date, plan.root) == (15, "2021-09-28", PLAN)
    assert plan.departments.resolve("人事局") == "人事局"
    assert "侯建国" in plan.leaders


def test_plan_with_errors_lists_only_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(PLAN, tmp_path / "plan")
    section = tmp_path / "plan" / "sections" / "01-学习部署.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("[办公厅]", "[办工厅]", 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UserError) as info:
        open_plan(None)
    assert [text_line(d) for d in info.value.diagnostics] == [
        "plan/sections/01-学习部署.yaml:7:12: error[unknown-department] 未知部门“办工厅”（是否为“办公厅”？）"
    ]


def test_open_for_query_leaves_out_the_broken_sections_and_keeps_the_numbers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from casplan.plan import open_for_query, warn_broken

    shutil.copytree(PLAN, tmp_path / "plan")
    section = tmp_path / "plan" / "sections" / "02-改革举措.yaml"
    section.write_text(section.read_text(encoding="utf-8") + "多余: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    plan, broken = open_for_query(None)
    assert broken == ["plan/sections/02-改革举措.yaml"]
    assert len(plan.parts) == 14
    assert [plan.number(i) for i in range(3)] == [1, 3, 4]
    assert warn_broken(broken) == 1
    assert capsys.readouterr().err == (
        "警告：以下文件有错误，结果中不含它们的内容：plan/sections/02-改革举措.yaml；运行 casplan validate 查看详情\n"
    )
    whole, none = open_for_query(PLAN)
    assert (none, [whole.number(i) for i in range(15)]) == ([], list(range(1, 16)))
    assert warn_broken(none) == 0
