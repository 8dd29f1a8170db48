"""casplan.check: what the schema cannot see — ids, registries, roles, deadlines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casplan.check import check_plan, iter_work
from casplan.load import load_plan
from casplan.report import text_line

MINIMAL = Path(__file__).parent / "data" / "minimal"
S1 = "sections/01-学习部署.yaml"
S2 = "sections/02-改革建议.yaml"


@pytest.fixture
def make(tmp_path, monkeypatch):
    """make({file: [(old, new), …]}) → the sorted check_plan lines of minimal/ with those edits."""
    monkeypatch.chdir(tmp_path)

    def build(edits: dict[str, list[tuple[str, str]]] | None = None, deleted: tuple[str, ...] = ()) -> list[str]:
        shutil.copytree(MINIMAL, tmp_path / "plan", dirs_exist_ok=True)
        for rel, pairs in (edits or {}).items():
            path = tmp_path / "plan" / rel
            text = path.read_text(encoding="utf-8") if path.exists() else ""
            for old, new in pairs:
                assert old == "" or text.count(old) == 1, (rel, old)
                text = text.replace(old, new) if old else text + new
            path.write_text(text, encoding="utf-8")
        for rel in deleted:
            (tmp_path / "plan" / rel).unlink()
        plan = load_plan(Path("plan"))
        return [text_line(d) for d in sorted(check_plan(plan), key=lambda d: d.sort_key())]

    return build


def test_minimal_plan_has_no_problem(make):
    assert make() == []


def test_iter_work_in_document_order():
    plan = load_plan(MINIMAL)
    work = list(iter_work(plan.sections))
    assert [(w.is_task, w.id, w.task["编号"], w.path) for w in work] == [
        (True, "learn-notice", "learn-notice", ("任务", 0)),
        (True, "learn-measures", "learn-measures", ("任务", 1)),
        (True, "reform-advice", "reform-advice", ("任务", 0)),
        (False, "advise-pay", "reform-advice", ("任务", 0, "子项", 0)),
        (False, "advise-funding", "reform-advice", ("任务", 0, "子项", 1)),
    ]
    assert work[3].label == "子项 advise-pay"
    assert work[3].names("牵头部门") == [(0, "人事局")]
    assert work[3].inherits("协助部门") and not work[3].inherits("牵头部门") and not work[2].inherits("协助部门")
    assert work[3].pos("牵头部门", 0) == (10, 16)


# ------------------------------------------------------------------ ids


def test_duplicate_id_between_a_task_and_a_sub_item(make):
    assert make({S2: [("编号: advise-funding", "编号: reform-advice")]}) == [
        "plan/sections/02-改革建议.yaml:12:13: error[duplicate-id] 编号“reform-advice”重复（首次出现在 plan/sections/02-改革建议.yaml:3:9）"
    ]


def test_duplicate_id_across_files_points_at_the_first(make):
    assert make({S2: [("编号: reform-advice", "编号: learn-measures")]}) == [
        "plan/sections/02-改革建议.yaml:3:9: error[duplicate-id] 编号“learn-measures”重复（首次出现在 plan/sections/01-学习部署.yaml:10:9）"
    ]


def test_every_repeat_of_an_id_is_reported(make):
    assert make({S2: [("编号: advise-pay", "编号: learn-notice"), ("编号: advise-funding", "编号: learn-notice")]}) == [
        "plan/sections/02-改革建议.yaml:8:13: error[duplicate-id] 编号“learn-notice”重复（首次出现在 plan/sections/01-学习部署.yaml:3:9）",
        "plan/sections/02-改革建议.yaml:12:13: error[duplicate-id] 编号“learn-notice”重复（首次出现在 plan/sections/01-学习部署.yaml:3:9）",
    ]


# ------------------------------------------------------------------ registries


def test_registry_name_and_alias_clash(make):
    assert make({"leaders.yaml": [("", "  - 姓名: 侯院长\n    别名: [汪克强, 侯院长]\n")]}) == [
        "plan/leaders.yaml:6:10: error[duplicate-name] 名称“汪克强”重复登记（首次出现在第 3 行第 9 列）",
        "plan/leaders.yaml:6:15: error[duplicate-name] 名称“侯院长”重复登记（首次出现在第 5 行第 9 列）",
    ]


def test_aliases_resolve(make):
    # 财务局 is an alias of 条件保障与财务局 in minimal/: both spellings are known
    assert make({S2: [("牵头部门: [人事局]", "牵头部门: [条件保障与财务局]")]}) == []
    # The alias resolves, and is flagged: the official document must print the full name.
    assert make({S2: [("牵头部门: [人事局]", "牵头部门: [财务局]")]}) == [
        "plan/sections/02-改革建议.yaml:10:16: warning[alias-in-text] “财务局”是“条件保障与财务局”的别名；正式文件中应写全称“条件保障与财务局”"
    ]


def test_alias_and_name_of_one_department_is_a_duplicate(make):
    assert make({S2: [("牵头部门: [人事局]", "牵头部门: [条件保障与财务局, 财务局]")]}) == [
        "plan/sections/02-改革建议.yaml:10:26: warning[alias-in-text] “财务局”是“条件保障与财务局”的别名；正式文件中应写全称“条件保障与财务局”",
        "plan/sections/02-改革建议.yaml:10:26: error[duplicate-name] “财务局”在牵头部门中重复",
    ]


def test_lead_and_assist_through_an_alias(make):
    # The task has no 牵头部门 of its own; its sub-item advise-funding leads what the task assists.
    assert make({S2: [("协助部门: [发展规划局]", "协助部门: [财务局]")]}) == [
        "plan/sections/02-改革建议.yaml:5:12: warning[alias-in-text] “财务局”是“条件保障与财务局”的别名；正式文件中应写全称“条件保障与财务局”",
        "plan/sections/02-改革建议.yaml:14:16: error[lead-and-assist] “条件保障与财务局”在子项 advise-funding 中既是牵头部门又是协助部门（沿用所属任务的名单）"
    ]
    assert make({S2: [("牵头部门: [人事局]", "牵头部门: [条件保障与财务局]\n        协助部门: [学部工作局, 财务局]")]}) == [
        "plan/sections/02-改革建议.yaml:11:23: warning[alias-in-text] “财务局”是“条件保障与财务局”的别名；正式文件中应写全称“条件保障与财务局”",
        "plan/sections/02-改革建议.yaml:11:23: error[lead-and-assist] “财务局”在子项 advise-pay 中既是牵头部门又是协助部门"
    ]


@pytest.mark.parametrize(
    ("names", "line"),
    [
        ("[人时局]", "plan/sections/02-改革建议.yaml:10:16: error[unknown-department] 未知部门“人时局”（是否为“人事局”？）"),
        ("[人事]", "plan/sections/02-改革建议.yaml:10:16: error[unknown-department] 未知部门“人事”（是否为“人事局”？）"),
        ("[外交部]", "plan/sections/02-改革建议.yaml:10:16: error[unknown-department] 未知部门“外交部”，请先在 departments.yaml 中登记"),
        ("[侯建国]", "plan/sections/02-改革建议.yaml:10:16: error[unknown-department] 未知部门“侯建国”，请先在 departments.yaml 中登记"),
    ],
)
def test_unknown_department(make, names, line):
    assert make({S2: [("牵头部门: [人事局]", f"牵头部门: {names}")]}) == [line]


def test_unknown_leader(make):
    assert make({S2: [("牵头院领导: [周琪]", "牵头院领导: [周棋]\n    配合院领导: [办公厅]")]}) == [
        "plan/sections/02-改革建议.yaml:4:13: error[unknown-leader] 未知院领导“周棋”（是否为“周琪”？）",
        "plan/sections/02-改革建议.yaml:5:13: error[unknown-leader] 未知院领导“办公厅”，请先在 leaders.yaml 中登记",
    ]


@pytest.mark.parametrize("broken", ["leaders.yaml", "departments.yaml"])
def test_names_are_not_checked_against_a_registry_that_failed_to_load(make, broken):
    """Its own file's error is reported by load_plan; every name would otherwise look unknown."""
    other = "牵头院领导: [无名氏]" if broken == "departments.yaml" else "牵头部门: [无名局]"
    edits = {S2: [("牵头院领导: [周琪]" if broken == "departments.yaml" else "牵头部门: [人事局]", other)]}
    # leaders.yaml is optional: its absence is reported here (once), since the tasks still cite leaders.
    assert make(edits, deleted=(broken,)) == [
        "plan/sections/02-改革建议.yaml:4:13: error[unknown-leader] 未知院领导“无名氏”，请先在 leaders.yaml 中登记"
    ] if broken == "departments.yaml" else [
        "plan/leaders.yaml: error[missing-file] 缺少文件 leaders.yaml",
        "plan/sections/02-改革建议.yaml:10:16: error[unknown-department] 未知部门“无名局”，请先在 departments.yaml 中登记",
    ]


# ------------------------------------------------------------------ 等


@pytest.mark.parametrize(
    ("names", "columns"),
    [
        ("[学部工作局, 人事局, 等]", []),
        ("[等]", [12]),
        ("[等, 人事局]", [12]),
        ("[学部工作局, 等, 人事局]", [19]),
        ("[学部工作局, 等, 等]", [19]),
    ],
)
def test_etc_only_last_and_after_a_name(make, names, columns):
    lines = make({S1: [("协助部门: [学部工作局, 人事局, 等]", f"协助部门: {names}")]})
    assert lines == [
        f"plan/sections/01-学习部署.yaml:14:{c}: error[misplaced-etc] “等”只能作为名单的最后一项，且前面至少有一个名称"
        for c in columns
    ]


# ------------------------------------------------------------------ roles


def test_lead_and_assist_leader(make):
    assert make({S1: [("配合院领导: [汪克强]", "配合院领导: [侯建国]")]}) == [
        "plan/sections/01-学习部署.yaml:6:13: error[lead-and-assist] “侯建国”在任务 learn-notice 中既是牵头院领导又是配合院领导"
    ]


def test_duplicate_leader_in_one_list(make):
    assert make({S1: [("牵头院领导: [侯建国, 周琪]", "牵头院领导: [侯建国, 周琪, 侯建国]")]}) == [
        "plan/sections/01-学习部署.yaml:12:22: error[duplicate-name] “侯建国”在牵头院领导中重复"
    ]


# ------------------------------------------------------------------ deadlines and the notice


@pytest.mark.parametrize(
    ("edits", "lines"),
    [
        pytest.param(
            {S1: [("    时间期限: 2021年9月底前完成。\n", "")]},
            ["plan/sections/01-学习部署.yaml:3:5: warning[missing-deadline] 任务 learn-notice 没有时间期限"],
            id="task",
        ),
        pytest.param(
            {S1: [("    时间期限: 2021年9月底前完成。\n", "    截止日期: 2021-09-30\n")]},
            [],
            id="task-with-explicit-date",
        ),
        pytest.param(
            {S2: [("        时间期限: 2022年年底前完成。\n", "")]},
            ["plan/sections/02-改革建议.yaml:8:9: warning[missing-deadline] 子项 advise-pay 没有时间期限"],
            id="sub-item",
        ),
        pytest.param(
            {S2: [("        时间期限: 2022年年底前完成。\n", ""), ("    子项导语:", "    时间期限: 2022年年底前完成。\n    子项导语:")]},
            [],
            id="sub-item-inherits-from-task",
        ),
        pytest.param(
            {S2: [("        时间期限: 2022年年底前完成。\n", ""), ("    子项导语:", "    截止日期: 2022-12-31\n    子项导语:")]},
            [],
            id="sub-item-inherits-explicit-date",
        ),
    ],
)
def test_deadlines(make, edits, lines):
    assert make(edits) == lines


def test_missing_doc_number_points_at_the_notice(make):
    assert make({"plan.yaml": [("发文字号: 科发党字〔2021〕1号\n", "")]}) == [
        "plan/plan.yaml:2:1: warning[missing-doc-number] 通知没有发文字号（如属实可忽略；不要编造）"
    ]


def test_no_notice_checks_when_the_notice_failed(make):
    assert make({"plan.yaml": [("发文字号: 科发党字〔2021〕1号\n", ""), ("成文日期: 2021-09-28", "成文日期: 昨天")]}) == []


def test_sections_with_schema_errors_are_still_cross_checked(make):
    """A schema error (the bad 编号) does not hide the unknown name in the same file."""
    assert make({S1: [("牵头部门: [办公厅]", "牵头部门: [人时局]"), ("编号: learn-notice", "编号: Bad")]}) == [
        "plan/sections/01-学习部署.yaml:7:12: error[unknown-department] 未知部门“人时局”（是否为“人事局”？）"
    ]


def test_values_of_the_wrong_shape_are_left_to_the_schema(make):
    assert make({S1: [("牵头部门: [办公厅]", "牵头部门: 办公厅"), ("编号: learn-notice", "编号: [x]")]}) == []


# ------------------------------------------------------------------ plans in other words


SHAPES = Path(__file__).parent / "data" / "shapes"
G1 = "sections/01-就业优先.yaml"


@pytest.fixture
def shape(tmp_path, monkeypatch):
    """shape(name, {file: [(old, new)]}) → the sorted check_plan and load lines of that fixture plan, edited."""
    monkeypatch.chdir(tmp_path)

    def build(name: str, edits: dict[str, list[tuple[str, str]]] | None = None) -> list[str]:
        shutil.copytree(SHAPES / name, tmp_path / "plan")
        for rel, pairs in (edits or {}).items():
            path = tmp_path / "plan" / rel
            text = path.read_text(encoding="utf-8")
            for old, new in pairs:
                assert text.count(old) == 1, (rel, old)
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")
        plan = load_plan(Path("plan"))
        return [text_line(d) for d in sorted(plan.diagnostics + check_plan(plan), key=lambda d: d.sort_key())]

    return build


def test_guowuyuan_plan_is_clean_but_for_its_one_missing_deadline(shape):
    assert shape("guowuyuan") == [
        "plan/sections/02-技能培训.yaml:3:5: warning[missing-deadline] 任务 skills-training 没有完成时限"]


def test_units_listed_first_leads_are_checked_against_the_registry(shape):
    edit = {G1: [("负责单位: [人力资源社会保障部, 财政部, 人民银行]", "负责单位: [人力资源社会保障部, 财政布, 人民银行]")]}
    assert shape("guowuyuan", edit)[0] == (
        "plan/sections/01-就业优先.yaml:10:23: error[unknown-department] 未知单位“财政布”（是否为“财政部”？）")


def test_units_listed_first_leads_stand_alone(shape):
    edit = {G1: [("    完成时限: 持续推进", "    配合单位: [教育部]\n    完成时限: 持续推进")]}
    assert shape("guowuyuan", edit)[0] == (
        "plan/sections/01-就业优先.yaml:11:5: error[mixed-roles] “负责单位”（列第一位者牵头）不能与“配合单位”同用，请只用一种写法")


@pytest.mark.parametrize(
    ("wording", "line"),
    [
        ("{牵头部门}会同有关部门负责", "分工句式中的“{牵头部门}”不是本方案的标签（是否为“牵头领导”或“牵头单位”？）"),
        ("{配合单位}会同有关部门负责", "分工句式用了“{配合单位}”，但任务 monitoring 没有“配合单位”"),
    ],
)
def test_a_wording_names_only_labels_the_work_carries(shape, wording, line):
    edit = {G1: [("'{牵头单位}会同有关部门负责'", f"'{wording}'")]}
    assert shape("guowuyuan", edit)[0] == f"plan/sections/01-就业优先.yaml:17:11: error[bad-value] {line}"


def test_the_old_label_is_an_unknown_key_with_the_new_one_suggested(shape):
    edit = {G1: [("    牵头单位: [国家发展改革委]", "    牵头部门: [国家发展改革委]")]}
    assert shape("guowuyuan", edit)[0] == (
        "plan/sections/01-就业优先.yaml:5:5: error[unknown-key] 未知键“牵头部门”（是否为“牵头领导”或“牵头单位”？）")


def test_clashing_labels_are_reported_in_plan_yaml(shape):
    edit = {"plan.yaml": [("  配合单位: 配合单位", "  配合单位: 牵头单位")]}
    assert "plan/plan.yaml:4:9: error[bad-value] 标签“牵头单位”已用于“牵头单位”" in shape("guowuyuan", edit)


def test_a_plan_without_leaders_may_not_cite_one(shape):
    edit = {G1: [("    牵头单位: [国家发展改革委]", "    牵头领导: [张三]\n    牵头单位: [国家发展改革委]")]}
    assert shape("guowuyuan", edit)[0] == "plan/leaders.yaml: error[missing-file] 缺少文件 leaders.yaml"


def test_a_plan_without_any_deadline_is_not_warned_item_by_item(shape):
    edits = {"sections/01-基础设施.yaml": [("    时间节点: 2023年底前\n", ""), ("    时间节点: 持续推进\n", "")],
             "sections/02-政务服务.yaml": [("    时间节点: 2022年6月底前\n", "")]}
    assert shape("continuous", edits) == []


def test_unreadable_deadline_names_the_plans_label(shape):
    edit = {"sections/01-基础设施.yaml": [("时间节点: 2023年底前", "时间节点: 待定")]}
    assert shape("continuous", edit)[0] == (
        "plan/sections/01-基础设施.yaml:8:11: warning[unreadable-deadline] "
        "无法从时间节点“待定”读出日期或“持续推进”等；可加“截止日期: YYYY-MM-DD”")


def test_work_inside_groups_is_checked_at_its_line(shape):
    edit = {"sections/02-创新驱动.yaml": [("负责单位: [科技部, 教育部]", "负责单位: [科技部, 教育布]")]}
    assert "plan/sections/02-创新驱动.yaml:7:21: error[unknown-department] 未知单位“教育布”（是否为“教育部”？）" in shape(
        "grouped", edit)


def test_a_task_list_outside_the_groups_is_an_unknown_key(shape):
    edit = {"sections/02-创新驱动.yaml": [("标题: 深入实施创新驱动发展战略\n", "标题: 深入实施创新驱动发展战略\n任务: []\n")]}
    assert "plan/sections/02-创新驱动.yaml:2:1: error[unknown-key] 未知键“任务”" in shape("grouped", edit)


def test_a_layout_word_outside_the_choices_is_a_bad_value_and_nothing_guessed(shape):
    """With 结构 unreadable, the sections' schema is unknown: no errors made up from the default layout."""
    edit = {"plan.yaml": [("  分工写法: 括号", "  分工写法: 圆括号")]}
    assert shape("guowuyuan", edit) == [
        "plan/plan.yaml:8:9: error[bad-value] 取值“圆括号”无效，应为“标签行”、“括号”、“括号标签”之一",
        "plan/sections/02-技能培训.yaml:3:5: warning[missing-deadline] 任务 skills-training 没有完成时限",
    ]


def test_with_unreadable_labels_a_section_still_gets_its_yaml_and_name_problems(shape):
    edits = {"plan.yaml": [("  时间期限: 完成时限", "  时间期限: [完成时限]")],
             G1: [("[国家发展改革委]", "[国家发展该革委]")],
             "sections/02-技能培训.yaml": [("标题: 健全终身职业技能培训制度", "标题: [未闭合")]}
    lines = shape("guowuyuan", edits)
    assert lines[0] == "plan/plan.yaml:6:9: error[wrong-type] 类型错误：应为文字，实为列表"
    assert any(line.startswith("plan/sections/01-就业优先.yaml:5:12: error[unknown-department] 未知单位“国家发展该革委”")
               for line in lines)
    assert any(line.startswith("plan/sections/02-技能培训.yaml:") and "error[yaml-syntax]" in line for line in lines)


def test_a_parenthesis_needs_a_text_to_close(shape):
    edit = {"sections/02-技能培训.yaml": [("    标题: 推进职业院校和技工院校改革\n", "    负责单位: [教育部]\n")]}
    assert "plan/sections/02-技能培训.yaml:8:5: error[missing-key] 括号写法下，任务 vocational-schools 的“负责单位”无处可印：" \
           "任务需要“标题”“具体措施”或“子项导语”" in shape("guowuyuan", edit)


def test_a_yearless_deadline_in_a_plan_without_a_date_says_so(tmp_path):
    """A plan issued alone has no 成文日期: 年底前 cannot be placed, and the warning says why."""
    plan = tmp_path / "plan"
    shutil.copytree(Path(__file__).parent / "data" / "shapes" / "guowuyuan", plan)
    section = plan / "sections" / "01-就业优先.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("完成时限: 2022年底前", "完成时限: 年底前", 1),
                       encoding="utf-8")
    lines = [text_line(d) for d in check_plan(load_plan(plan)) if d.code in ("unreadable-deadline", "relative-deadline")]
    assert lines == [
        f"{plan}/sections/01-就业优先.yaml:7:11: warning[unreadable-deadline] 完成时限“年底前”没有写年份，"
        "方案也没有成文日期可参照；可写明年份或加“截止日期: YYYY-MM-DD”"
    ]


def test_relative_and_unread_deadline_warnings(make):
    assert make({S1: [("时间期限: 2021年9月底前完成。", "时间期限: 9月底前完成。")]}) == [
        "plan/sections/01-学习部署.yaml:9:11: warning[relative-deadline] 时间期限“9月底前完成。”没有写年份，"
        "按成文日期读作 2021-09-30；可写明年份或加“截止日期: YYYY-MM-DD”"
    ]
    assert make({S1: [("时间期限: 2021年9月底前完成。", "时间期限: 收到通知后15个工作日内。")]}) == [
        "plan/sections/01-学习部署.yaml:9:11: warning[relative-deadline] 时间期限“收到通知后15个工作日内。”"
        "从“收到通知”起算，日期未定；可写明日期或加“截止日期: YYYY-MM-DD”"
    ]
    assert make({S1: [("时间期限: 2021年9月底前完成。", "时间期限: 2021年底前完成，十十月前总结。")]}) == [
        "plan/sections/01-学习部署.yaml:9:11: warning[unreadable-deadline] 时间期限“2021年底前完成，十十月前总结。”"
        "中的“十十月”无法解读，未计入节点；可改写或加“截止日期: YYYY-MM-DD”"
    ]
