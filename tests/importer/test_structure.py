"""Recognition of each layout: the 国发 parenthesis plan, 1.–N. across parts, labelled parentheses, groups."""

from __future__ import annotations

from casplan.importer.ir import Loc
from casplan.importer.report import Report
from casplan.importer.source import Para
from casplan.importer.structure import Options, build, cn_number, iso_date
from layouts import CITY, GROUPS, GUOFA, LABELLED


def _build(text: str, options: Options | None = None) -> tuple:  # type: ignore[type-arg]
    paras = [Para(Loc("line", n), line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    report = Report("t.txt")
    return build(paras, report, options), report


def test_numbers_and_dates() -> None:
    assert [cn_number(t) for t in ("一", "十", "十五", "二十一", "一百零五", "12")] == [1, 10, 15, 21, 105, 12]
    assert iso_date("2021年9月28日") == "2021-09-28"
    assert iso_date("二〇二一年九月二十八日") == "2021-09-28"
    assert iso_date("2021年13月1日") is None


def test_guofa_plan_in_the_parenthesis_layout() -> None:
    plan, report = _build(GUOFA)
    assert report.lines() == []
    assert plan.notice.masthead == "国务院文件" and plan.notice.doc_number == "国发〔2024〕5号"
    assert plan.notice.recipients == ["各省、自治区、直辖市人民政府，国务院各部委、各直属机构"]
    assert plan.notice.date == "2024-03-01" and plan.notice.signature == "国务院"
    assert plan.title == "某某重点工作分工方案"
    assert not plan.has_parts and plan.layout == "括号"
    tasks = plan.parts[0].tasks
    assert [t.title for t in tasks] == ["加快建设国家实验室。", "推进科研院所改革。", "健全科技评价制度。", "抓好各项任务落实。"]
    assert tasks[0].names == {"units_first_leads": ["科技部", "发展改革委"]} and tasks[0].wording is None
    assert tasks[1].names == {"lead_units": ["科技部"], "assist_units": ["中科院", "教育部"]}
    assert (tasks[2].names, tasks[2].deadline, tasks[2].wording) == (
        {"lead_units": ["科技部"]}, "2024年底前完成", "{lead_units}会同有关部门负责，{deadline}")
    assert tasks[3].wording == "{units_first_leads}按职责分工负责"
    assert plan.units == ["科技部", "发展改革委", "中科院", "教育部", "各省级人民政府"]


def test_city_plan_numbered_straight_through_its_parts() -> None:
    plan, report = _build(CITY)
    assert report.lines() == []
    assert plan.notice is None and plan.title == "某市2024年重点工作任务分工方案"
    assert plan.has_parts and plan.continuous and plan.task_style is None
    assert [p.title for p in plan.parts] == ["经济发展", "社会民生"]
    assert [[t.number for t in p.tasks] for p in plan.parts] == [[1, 2], [3]]
    assert plan.labels == {"lead_leaders": "责任领导", "lead_units": "牵头单位", "assist_units": "配合单位",
                           "measures": "具体措施", "deadline": "完成时限"}
    second = plan.parts[0].tasks[1]
    assert second.measures == ["推进重大项目建设。", "加快专项债券发行使用。"]
    assert second.deadline == "2024年6月底前完成（1）；2024年底前完成（2）。"
    assert plan.leaders == ["张三", "李四"]


def test_labelled_parentheses_keep_fields_with_no_role() -> None:
    plan, report = _build(LABELLED)
    assert report.lines() == []
    assert plan.layout == "括号标签" and plan.other_labels == ["适用范围"]
    first, second = plan.parts[0].tasks
    assert first.title == "落实全面从严治党责任。"
    assert first.names == {"lead_units": ["党委办公室"], "assist_units": ["纪委办公室", "组织部"]}
    assert second.names == {"units_first_leads": ["组织部"]} and second.other == {"适用范围": "中层以上干部"}
    assert plan.parts[1].tasks[0].deadline == "2024年9月底前"
    assert plan.labels["units_first_leads"] == "负责部门" and plan.labels["deadline"] == "完成时限"


def test_groups_between_parts_and_tasks() -> None:
    plan, report = _build(GROUPS)
    assert report.lines() == []
    assert plan.has_groups and plan.parts[0].groups == ["强化统筹"]
    assert [(t.title, t.group) for t in plan.parts[0].tasks] == [("建立工作台账", 0), ("加强督促检查", 0)]
    assert not plan.continuous and not plan.per_group and plan.task_style is None


def test_tasks_numbered_anew_in_each_group() -> None:
    text = GROUPS + "（二）强化保障\n1.保障经费\n牵头单位：财务处\n具体措施：足额保障。\n"
    plan, report = _build(text)
    assert report.lines() == [] and plan.per_group
    assert [(t.number, t.group) for t in plan.parts[0].tasks] == [(1, 0), (2, 0), (1, 1)]
    from casplan.importer.ids import assign

    assign(plan)
    assert [t.id for t in plan.parts[0].tasks] == ["t1-1-1", "t1-1-2", "t1-2-1"]


INLINE = """国务院文件
国发〔2022〕9号
国务院关于落实重点工作分工的意见
各省、自治区、直辖市人民政府：
现就分工提出如下意见。
一、稳定宏观经济
（一）加大政策实施力度。（财政部负责）
国务院
2022年3月19日
"""


def test_a_notice_with_the_plan_in_its_body() -> None:
    plan, report = _build(INLINE)
    assert report.lines() == []
    assert plan.inline and plan.title is None and plan.preamble == []
    assert (plan.notice.signature, plan.notice.date, plan.notice.body) == ("国务院", "2022-03-19", ["现就分工提出如下意见。"])
    assert [t.title for t in plan.parts[0].tasks] == ["加大政策实施力度。"]


def test_label_option_and_a_short_unknown_label_inside_a_task() -> None:
    text = "方案\n一、部分\n（一）任务\n主办单位：办公室\n具体举措：做事。\n备注：另行通知\n"
    plan, report = _build(text, Options(labels={"主办单位": "lead_units"}))
    task = plan.parts[0].tasks[0]
    assert task.names == {"lead_units": ["办公室"]} and task.other == {"备注": "另行通知"}
    assert plan.labels["lead_units"] == "主办单位"


def test_text_between_the_date_and_the_attachment_is_reported() -> None:
    text = GUOFA.replace("2024年3月1日\n", "2024年3月1日\n（此件公开发布）\n")
    plan, report = _build(text)
    assert report.lines() == ["t.txt：第 9 行：未放入：“（此件公开发布）”——在成文日期与“附件”之间，不属于通知的任何部分"]
    assert len(plan.parts[0].tasks) == 4


NESTED = """某某重点任务分工方案
一、强化科技创新
（一）加强基础研究。（科技部牵头，自然科学基金委配合）
1.实施基础研究十年行动。（科技部负责）
2.建设基础学科研究中心。（教育部、科技部负责）
（二）推动产业创新。（工业和信息化部牵头）
"""


def test_numbered_items_with_units_under_a_task_are_its_subitems() -> None:
    plan, report = _build(NESTED)
    assert report.lines() == []
    first, second = plan.parts[0].tasks
    assert first.names == {"lead_units": ["科技部"], "assist_units": ["自然科学基金委"]}
    assert [(s.number, s.title, s.names) for s in first.subitems] == [
        (1, "实施基础研究十年行动。", {"units_first_leads": ["科技部"]}),
        (2, "建设基础学科研究中心。", {"units_first_leads": ["教育部", "科技部"]}),
    ]
    assert second.title == "推动产业创新。" and second.names == {"lead_units": ["工业和信息化部"]}


def test_a_units_parenthesis_inside_the_text_is_named() -> None:
    plan, report = _build("某某任务分工\n一、做好甲项工作。（科技部负责）做好乙项工作。（教育部负责）\n")
    task = plan.parts[0].tasks[0]
    assert task.title == "做好甲项工作。（科技部负责）做好乙项工作。" and task.names == {"units_first_leads": ["教育部"]}
    assert report.lines() == ["t.txt：第 2 行：说明：“做好甲项工作。（科技部负责）做好乙项工作。”"
                              "——文字中间还有写着分工的括号，只有末尾的括号读作分工，其余留在文字中"]


def test_common_guofa_wordings() -> None:
    plan, _ = _build("某某任务分工\n一、推进甲。（国家发展改革委牵头，各有关部门按职责分工负责）\n"
                     "二、推进乙。（中央宣传部、教育部等按职责分工负责，持续推进）\n")
    first, second = plan.parts[0].tasks
    assert (first.names, first.wording) == (
        {"lead_units": ["国家发展改革委"], "assist_units": ["各有关部门"]}, "{lead_units}牵头，{assist_units}按职责分工负责")
    assert (second.names, second.wording, second.deadline) == (
        {"units_first_leads": ["中央宣传部", "教育部", "等"]}, "{units_first_leads}按职责分工负责，{deadline}", "持续推进")


def test_imprint_lines_without_a_notice_stay_in_the_plan() -> None:
    text = "某方案\n一、部分\n（一）任务\n牵头单位：办公室\n具体措施：做事。\n某局办公室 2024年1月2日印发\n抄送：各处室。\n"
    plan, report = _build(text)
    task = plan.parts[0].tasks[0]
    assert (task.measures, task.other) == ("做事。\n某局办公室 2024年1月2日印发", {"抄送": "各处室。"})
    assert report.lines() == []


def test_prose_under_a_part_heading_before_any_task_is_reported() -> None:
    plan, report = _build("某方案\n一、总体要求\n以新时代思想为指导。\n二、重点任务\n（一）做事\n牵头单位：办公室\n具体措施：做。\n")
    assert report.lines() == [
        "t.txt：第 2 行：未放入：“总体要求”——部分下没有任何任务（方案模型中部分由任务组成）",
        "t.txt：第 3 行：未放入：“以新时代思想为指导。”——部分标题之下、第一项任务之前的文字：方案模型中部分只有标题",
    ]
    assert [p.title for p in plan.parts] == ["重点任务"]


def test_letter_spaced_labels_and_a_dotted_chinese_number() -> None:
    plan, report = _build("某方案\n一．总体安排\n（一）做事\n牵 头 单 位 ：办公室\n具体措施：做。\n")
    assert report.lines() == []
    assert plan.parts[0].title == "总体安排" and plan.parts[0].tasks[0].names == {"lead_units": ["办公室"]}


def test_a_list_of_attachments_is_the_attachment_note() -> None:
    text = GUOFA.replace("附件：某某重点工作分工方案\n", "附件：1．某某重点工作分工方案\n2．某某任务清单\n")
    plan, report = _build(text)
    assert report.lines() == []
    assert plan.notice.attachment_note == "附件：1．某某重点工作分工方案\n2．某某任务清单"
    assert len(plan.parts[0].tasks) == 4


# A task whose work is split into sub-items, each with its own 时间期限, and a 时间期限 of its own
# printed after the last sub-item (how `casplan render` and office plans lay it out).
SUBITEMS_THEN_TASK_DEADLINE = """某单位重点工作分工方案
一、深化改革
（一）推进机构改革
牵头部门：办公室
向有关部门提出建议：
（1）优化机构设置。
牵头部门：人事处
时间期限：2024年6月底前完成。
（2）完善编制管理。
牵头部门：人事处、财务处
时间期限：2024年底，完成不少于2个；
2025年年底前，完成不少于5个。
时间期限：2025年底前全面完成。
{after}（二）加强督查
牵头部门：督查室
时间期限：持续推进。
"""


def test_a_deadline_after_the_last_sub_items_own_is_the_tasks() -> None:
    plan, report = _build(SUBITEMS_THEN_TASK_DEADLINE.format(after=""))
    assert report.lines() == []
    task = plan.parts[0].tasks[0]
    assert task.deadline == "2025年底前全面完成。"
    assert [s.deadline for s in task.subitems] == [
        "2024年6月底前完成。", "2024年底，完成不少于2个；\n2025年年底前，完成不少于5个。"]
    assert task.subitems_intro == "向有关部门提出建议" and task.names == {"lead_units": ["办公室"]}
    assert plan.parts[0].tasks[1].deadline == "持续推进。"


def test_a_unit_line_after_the_sub_items_goes_to_the_task_that_has_none() -> None:
    text = SUBITEMS_THEN_TASK_DEADLINE.format(after="").replace("牵头部门：办公室\n", "")
    text = text.replace("时间期限：2025年底前全面完成。\n", "牵头部门：办公室\n时间期限：2025年底前全面完成。\n")
    plan, report = _build(text)
    assert report.lines() == []
    task = plan.parts[0].tasks[0]
    assert (task.names, task.deadline) == ({"lead_units": ["办公室"]}, "2025年底前全面完成。")
    assert task.subitems[1].names == {"lead_units": ["人事处", "财务处"]}


def test_a_second_field_between_sub_items_is_reported_not_guessed() -> None:
    """（2）… 时间期限：X / 时间期限：Y / （3）…: Y is (2)'s twice over or the task's out of place."""
    text = SUBITEMS_THEN_TASK_DEADLINE.format(after="（3）加强培训。\n牵头部门：人事处\n")
    plan, report = _build(text)
    assert report.lines() == [
        "t.txt：第 13 行：未放入：“时间期限：2025年底前全面完成。”——“时间期限”在子项之间："
        "上面的子项已有“时间期限”，下面还有子项，无法判断属于子项还是任务"]
    task = plan.parts[0].tasks[0]
    assert task.deadline is None and len(task.subitems) == 3
    assert task.subitems[2].names == {"lead_units": ["人事处"]}


def test_a_field_the_task_already_has_stays_a_repeat() -> None:
    text = SUBITEMS_THEN_TASK_DEADLINE.format(after="时间期限：2026年。\n")
    plan, report = _build(text)
    assert report.lines() == ["t.txt：第 14 行：未放入：“时间期限：2026年。”——“时间期限”在同一项中重复出现"]
    assert plan.parts[0].tasks[0].deadline == "2025年底前全面完成。"


PAREN_WITH_LEADER_LINES = """某单位重点工作分工方案
一、深化改革
（一）推进机构改革
牵头领导：张三
配合领导：李四
优化机构设置，完善编制管理。（人事处牵头，财务处、办公室协助）
（二）加强督查
牵头领导：李四
开展专项督查。（督查室牵头，办公室配合，2024年底，完成2次；2025年年底前，完成4次。）
"""


def test_the_text_under_leader_lines_is_the_tasks_and_ends_in_its_units() -> None:
    """分工写法 括号: the leaders stay lines, the units close the text; 协助 is the plan's verb."""
    plan, report = _build(PAREN_WITH_LEADER_LINES)
    assert report.lines() == []
    first, second = plan.parts[0].tasks
    assert first.measures == "优化机构设置，完善编制管理。"
    assert first.names == {"lead_leaders": ["张三"], "assist_leaders": ["李四"], "lead_units": ["人事处"],
                           "assist_units": ["财务处", "办公室"]}
    assert plan.labels["assist_units"] == "协助单位" and first.wording is None
    # the other verb of the same plan is no standard form of it: its sentence is kept
    assert second.wording == "{lead_units}牵头，{assist_units}配合，{deadline}"
    assert second.deadline == "2024年底，完成2次；2025年年底前，完成4次。"


def test_a_parenthesis_with_only_a_deadline_in_a_plan_that_writes_deadlines_so() -> None:
    text = PAREN_WITH_LEADER_LINES + "（三）完善制度\n牵头领导：张三\n修订管理办法。（2025年6月底前完成）\n"
    plan, report = _build(text)
    assert report.lines() == []
    third = plan.parts[0].tasks[2]
    assert (third.measures, third.deadline, third.names) == ("修订管理办法。", "2025年6月底前完成", {"lead_leaders": ["张三"]})
    plan, _ = _build(text.replace("，2024年底，完成2次；2025年年底前，完成4次。", ""))
    assert plan.parts[0].tasks[2].measures == "修订管理办法。（2025年6月底前完成）"  # no deadline in parentheses: text


def test_items_numbered_anew_with_units_of_their_own_are_the_sub_items() -> None:
    """（1）（2） measures ending in the task's units, then （1）（2） again, each with its own: no “：” line between."""
    text = """某单位重点工作分工方案
一、深化改革
（一）推进机构改革
（1）优化机构设置。
（2）完善编制管理。（人事处牵头，财务处配合）
（1）清理编制。（财务处牵头）
（2）核定岗位。
时间期限：2024年底前完成。
"""
    plan, report = _build(text)
    assert report.lines() == []
    task = plan.parts[0].tasks[0]
    assert task.measures == ["优化机构设置。", "完善编制管理。"]
    assert task.names == {"lead_units": ["人事处"], "assist_units": ["财务处"]} and task.subitems_intro is None
    assert [(s.title, s.names, s.deadline) for s in task.subitems] == [
        ("清理编制。", {"lead_units": ["财务处"]}, None), ("核定岗位。", {}, "2024年底前完成。")]


def test_the_word_sub_items_over_sub_items_is_no_lead_in_of_a_labelled_plan() -> None:
    text = SUBITEMS_THEN_TASK_DEADLINE.format(after="").replace("向有关部门提出建议：", "子项：")
    plan, report = _build(text)
    assert report.lines() == [] and plan.parts[0].tasks[0].subitems_intro is None  # render prints “子项：” for none
    plan, _ = _build(text.replace("子项：", "分项任务："))
    assert plan.parts[0].tasks[0].subitems_intro == "分项任务"


def test_the_text_after_a_field_of_no_role_that_ends_in_the_units_is_the_tasks() -> None:
    text = PAREN_WITH_LEADER_LINES.replace("配合领导：李四\n", "配合领导：李四\n适用范围：京区单位\n")
    plan, report = _build(text)
    assert report.lines() == []
    first = plan.parts[0].tasks[0]
    assert first.other == {"适用范围": "京区单位"} and first.measures == "优化机构设置，完善编制管理。"
    plan, _ = _build(text.replace("（人事处牵头，财务处、办公室协助）", ""))  # no units: the field's second line
    assert plan.parts[0].tasks[0].other == {"适用范围": "京区单位\n优化机构设置，完善编制管理。"}
