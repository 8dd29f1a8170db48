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


TSV = """某省重点任务清单
序号\t重点任务\t具体措施\t牵头单位\t责任单位\t完成时限
一、提升政务服务效能
1\t推行“一件事一次办”\t（1）梳理高频事项清单。（2）推动跨部门联办。\t省政务服务管理局\t省发展改革委、省公安厅\t2023年6月底前
二、优化市场准入环境
2\t清理隐性壁垒\t\t省发展改革委\t省商务厅等\t持续推进
\t（1）开展专项清理。\t\t省发展改革委\t\t2023年9月底前
"""


def test_a_table_in_a_text_file(tmp_path: Path) -> None:
    """Tab-separated lines (a table copied out of Word, or rendered as text): one header for the whole plan."""
    (tmp_path / "清单.txt").write_text(TSV, encoding="utf-8")
    result = import_plan(read_source(tmp_path / "清单.txt"))
    plan = result.plan
    assert result.report.lines() == [
        "清单.txt：说明：表头既有“牵头单位”又有“责任单位”：“责任单位”按配合单位处理（可用 --label 责任单位=牵头单位 改变）"]
    assert (plan.table, plan.task_column, plan.continuous) == ("全文", "重点任务", True)
    first, second = plan.parts[0].tasks[0], plan.parts[1].tasks[0]
    assert first.measures == ["梳理高频事项清单。", "推动跨部门联办。"]
    assert first.names == {"lead_units": ["省政务服务管理局"], "assist_units": ["省发展改革委", "省公安厅"]}
    assert second.names == {"lead_units": ["省发展改革委"], "assist_units": ["省商务厅", "等"]}
    assert [(s.number, s.title, s.names, s.deadline) for s in second.subitems] == [
        (1, "开展专项清理。", {"lead_units": ["省发展改革委"]}, "2023年9月底前")]
    from casplan.importer.writer import _model_knows

    tables = "  表格: 全文\n  任务列: 重点任务\n" if _model_knows("表格") else ""  # once the model renders tables
    assert "结构:\n  任务编号: 连续\n" + tables in result.files["plan.yaml"]


def test_a_table_per_part_is_declared_so(tmp_path: Path) -> None:
    w = Word().p("某方案").p("一、甲").table([["序号", "任务", "牵头单位"], ["1", "做甲", "办公室"]])
    w.p("二、乙").table([["序号", "任务", "牵头单位"], ["1", "做乙", "财务处"]])
    plan = import_plan(read_source(w.save(tmp_path / "分表.docx"))).plan
    assert (plan.table, plan.task_column, plan.continuous) == ("分部分", "任务", False)


def test_a_part_row_numbered_in_the_number_column(tmp_path: Path) -> None:
    w = Word().p("某台账").table([["序号", "工作任务", "包抓领导", "协办处室", "完成节点"],
                                 ["一", ("提升政务服务效能", {"span": "4"})],
                                 ["1", "推行一网通办", "张三", "信息处", "2024年底"]])
    result = import_plan(read_source(w.save(tmp_path / "台账.docx")))
    plan = result.plan
    assert result.report.lines() == []
    assert [(p.number, p.title) for p in plan.parts] == [(1, "提升政务服务效能")]
    task = plan.parts[0].tasks[0]
    assert (task.names, task.deadline) == ({"lead_leaders": ["张三"], "assist_units": ["信息处"]}, "2024年底")
    assert plan.labels == {"lead_leaders": "包抓领导", "assist_units": "协办处室", "deadline": "完成节点"}


def test_a_header_of_two_rows(tmp_path: Path) -> None:
    """责任单位 over 牵头单位 | 配合单位: the lower row names the columns, the others are merged down."""
    m, c = {"vmerge": "restart"}, {"vmerge": "continue"}
    w = Word().p("某方案").table([
        [("序号", m), ("重点任务", m), ("责任单位", {"span": "2"}), ("完成时限", m)],
        [("", c), ("", c), "牵头单位", "配合单位", ("", c)],
        ["1", "推进改革", "办公室", "财务处", "2024年底前"],
    ])
    result = import_plan(read_source(w.save(tmp_path / "双层表头.docx")))
    task = result.plan.parts[0].tasks[0]
    assert result.report.lines() == []
    assert (task.title, task.names, task.deadline) == (
        "推进改革", {"lead_units": ["办公室"], "assist_units": ["财务处"]}, "2024年底前")
    assert result.plan.labels == {"lead_units": "牵头单位", "assist_units": "配合单位", "deadline": "完成时限"}
