"""The 督办报告: rendered through the progress template, read back with python-docx."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from casplan.plan import open_plan
from casplan.progress.load import load_rounds
from casplan.progress.report import CHARTS_MISSING, chart_png, context

GOLDEN = Path(__file__).parents[1] / "commands" / "golden"


def render(run_cli, root: Path, out: Path, *extra: str):
    result = run_cli("render", str(out), "--plan", str(root), "--template", "progress", *extra)
    assert result.exit_code == 0, result.stderr
    return result


def test_text_report_is_golden(embedded_progress: Path, tmp_path: Path, run_cli, golden) -> None:
    out = tmp_path / "督办报告.txt"
    render(run_cli, embedded_progress, out, "--round", "2021-12")
    golden(GOLDEN / "progress-2021-12.txt", out.read_text(encoding="utf-8"))


def test_docx_summary_table_and_chart(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "督办报告.docx"
    render(run_cli, embedded_progress, out, "--round", "2021-12")
    doc = Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].startswith("关于《中共中国科学院党组贯彻落实")
    assert texts[0].endswith("》落实情况的督办报告（2021年第四季度）")
    summary = next(t for t in texts if t.startswith("按照"))
    assert "截至2021年12月31日" in summary
    assert "方案共确定52个时间节点" in summary and "已完成7个（其中逾期完成3个）" in summary
    assert "已过期限而未完成的2个" in summary
    (table,) = doc.tables
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["牵头部门", "节点", "已完成", "推进中", "逾期", "完成率"]
    by_dept = {r[0]: r[1:] for r in rows[1:]}
    assert by_dept["办公厅"] == ["3", "2", "0", "0", "67%"]  # learn-notice, plan-draft done; advise-journals
    assert by_dept["人事局"] == ["8", "1", "2", "0", "12%"]  # special-research-posts done; two in progress
    assert by_dept["学部工作局"] == ["7", "1", "0", "1", "14%"]  # academician-study done; four-exemplars late
    assert len(doc.inline_shapes) == 1  # the chart
    assert "图1　各部门牵头的时间节点完成情况" in texts
    # The overdue items come first, longest overdue first.
    overdue = [t for t in texts if t.startswith("（") and t.endswith(("（four-exemplars）", "（fund-allocation）"))]
    assert overdue == ["（一）向广大院士发出带头践行“四个表率”的倡议（four-exemplars）",
                       "（二）优化院级财政经费投入（fund-allocation）"]
    assert "时间期限：2021年9月底前完成（2021-09-30），已逾期92天，1轮报送时已逾期。" in texts


def test_without_the_charts_extra(embedded_progress: Path, tmp_path: Path, run_cli,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    out = tmp_path / "督办报告.docx"
    render(run_cli, embedded_progress, out, "--round", "2021-12")
    doc = Document(str(out))
    assert len(doc.inline_shapes) == 0
    assert CHARTS_MISSING in [p.text for p in doc.paragraphs]
    assert len(doc.tables) == 1


def test_chart_is_a_png(embedded_progress: Path) -> None:
    rounds, _ = load_rounds(embedded_progress)
    data = context(open_plan(embedded_progress), rounds, date(2021, 12, 31), None)
    png = chart_png(data["部门"])
    assert png is not None and png[:8] == b"\x89PNG\r\n\x1a\n"


def test_as_of_without_a_round_names_the_latest_round(embedded_progress: Path) -> None:
    rounds, _ = load_rounds(embedded_progress)
    plan = open_plan(embedded_progress)
    from casplan.progress.report import round_for

    assert round_for(rounds, date(2021, 11, 1)).id == "2021-09"  # type: ignore[union-attr]
    assert round_for(rounds, date(2021, 9, 29)) is None
    data = context(plan, rounds, date(2021, 11, 1), round_for(rounds, date(2021, 11, 1)))
    assert (data["轮次"], data["汇总"]["逾期"], data["轮数"]) == ("2021年第三季度", 4, 1)


def test_unknown_round_suggests(embedded_progress: Path, tmp_path: Path, run_cli) -> None:
    result = run_cli("render", str(tmp_path / "r.txt"), "--plan", str(embedded_progress), "--template", "progress",
                     "--round", "2021-11")
    assert (result.exit_code, result.stderr) == (2, "用法错误：没有轮次“2021-11”（是否为“2021-12”或“2021-09”？）\n")


def test_report_without_any_progress(tmp_path: Path, run_cli) -> None:
    from progress_data import REPO

    out = tmp_path / "r.txt"
    render(run_cli, REPO / "plan", out, "--as-of", "2021-10-01")
    text = out.read_text(encoding="utf-8")
    assert "尚未报送进展52个" in text and "已过期限而未完成的6个" in text
    assert "（2021" not in text.splitlines()[0]  # no round to name


def test_city_report_is_golden(tmp_path: Path, run_cli, golden) -> None:
    """Another plan: its issuer addressed, its departments in the table, its round named."""
    from progress_data import OTHER

    out = tmp_path / "督办报告.txt"
    render(run_cli, OTHER, out, "--round", "q2")
    text = out.read_text(encoding="utf-8")
    golden(GOLDEN / "progress-city-q2.txt", text)
    assert text.splitlines()[2] == "某市人民政府办公室："
    assert "市发展改革委\t1\t0\t1\t1\t0%" in text
