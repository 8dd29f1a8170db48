"""A plan laid out as a table: header by label, part rows, merged cells, a table continued on the next page."""

from __future__ import annotations

from pathlib import Path

from casplan.importer.pipeline import import_plan, read_source
from wordfix import Word

HEAD = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]


def _table_plan(tmp_path: Path) -> Path:
    w = Word().p("某局2024年重点工作任务分工方案").p("为抓好落实，制定本方案。")
    w.table([
        HEAD,
        [("一、深化改革", {"span": "6"})],
        ["1", "推进制度建设", "修订管理办法。", ("办公室", {"vmerge": "restart"}), "财务处、人事处", "2024年6月底前"],
        ["2", "优化审批流程", "压减审批时限。", ("", {"vmerge": "continue"}), "", "2024年底前"],
        [("二、强化保障", {"span": "6"})],
    ])
    w.table([  # Word continues a long table on the next page as a second table with the header again
        HEAD,
        ["3", "加强经费保障", "保障重点支出。", "财务处", "各业务处室", "持续推进"],
    ])
    return w.save(tmp_path / "表格方案.docx")


def test_a_table_plan_imports_every_row(tmp_path: Path) -> None:
    result = import_plan(read_source(_table_plan(tmp_path)))
    plan = result.plan
    assert result.report.lines() == []
    assert plan.title == "某局2024年重点工作任务分工方案" and plan.preamble == ["为抓好落实，制定本方案。"]
    assert [p.title for p in plan.parts] == ["深化改革", "强化保障"]
    tasks = [t for p in plan.parts for t in p.tasks]
    assert [(t.number, t.title) for t in tasks] == [(1, "推进制度建设"), (2, "优化审批流程"), (3, "加强经费保障")]
    assert [t.names for t in tasks] == [
        {"lead_units": ["办公室"], "assist_units": ["财务处", "人事处"]},
        {"lead_units": ["办公室"]},  # the merged cell carries down
        {"lead_units": ["财务处"], "assist_units": ["各业务处室"]},
    ]
    assert [t.deadline for t in tasks] == ["2024年6月底前", "2024年底前", "持续推进"]
    assert plan.labels == {"measures": "具体措施", "lead_units": "牵头单位", "assist_units": "配合单位", "deadline": "完成时限"}
    assert plan.units == ["办公室", "财务处", "人事处", "各业务处室"]
    assert plan.continuous


def test_an_extra_cell_is_reported(tmp_path: Path) -> None:
    w = Word().p("某方案").table([["序号", "任务", "牵头单位"], ["1", "做事", "办公室", "多出来的"]])
    result = import_plan(read_source(w.save(tmp_path / "x.docx")))
    assert result.report.lines() == ["x.docx：表 1 第 2 行第 4 列：未放入：“多出来的”——表格此行比表头多出的一列"]


def test_a_table_per_part_and_a_task_split_over_merged_rows(tmp_path: Path) -> None:
    w = Word().p("某厅工作要点分工").p("一、党的建设")
    head = ["序号", "工作任务", "具体措施", "责任单位", "完成时间"]
    w.table([head,
             ["1", ("加强理论学习", {"vmerge": "restart"}), "开展中心组学习。", "机关党委", "每季度"],
             ["", ("", {"vmerge": "continue"}), "开展专题培训。", "各处室", "持续推进"],
             ["", ("", {"vmerge": "continue"}), "", "人事处", "2024年底前"]])
    w.p("二、业务工作")
    w.table([head, ["1", "完善制度", "修订办法。", "办公室", "2024年底前"]])
    result = import_plan(read_source(w.save(tmp_path / "分表.docx")))
    plan = result.plan
    assert result.report.lines() == [
        "分表.docx：表 1 第 4 行第 1 列：未放入：“加强理论学习 人事处 2024年底前”"
        "——合并单元格的续行只有分工或时限、没有内容（子项须有内容）"]
    assert [(p.title, [t.title for t in p.tasks]) for p in plan.parts] == [("党的建设", ["加强理论学习"]), ("业务工作", ["完善制度"])]
    first = plan.parts[0].tasks[0]
    assert (first.names, first.measures) == ({"lead_units": ["机关党委"]}, None)
    assert [(s.title, s.names, s.deadline) for s in first.subitems] == [
        ("开展中心组学习。", {}, "每季度"), ("开展专题培训。", {"lead_units": ["各处室"]}, "持续推进")]
    assert not plan.continuous


def test_two_columns_under_one_role_are_joined(tmp_path: Path) -> None:
    w = Word().p("某方案").table([["序号", "任务", "配合单位", "配合单位", "备注", "备注"],
                                  ["1", "做事", "财务处", "人事处", "甲", "乙"]])
    result = import_plan(read_source(w.save(tmp_path / "x.docx")))
    task = result.plan.parts[0].tasks[0]
    assert task.names == {"assist_units": ["财务处", "人事处"]} and task.other == {"备注": "甲"}
    assert result.report.lines() == ["x.docx：表 1 第 2 行第 6 列：未放入：“乙”——表头中同一标签的第二列，无法与第一列合并"]
