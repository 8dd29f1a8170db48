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
