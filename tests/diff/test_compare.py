"""casplan.diff.compare: each kind of change, on small edits of the fixture plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from casplan.diff.compare import ItemChange, Move, NameChange, Result, compare, counts
from casplan.diff.snapshot import snapshot
from casplan.diff.sources import Side
from diff_helpers import NEW, OLD, edit

S1, S2, S3 = "sections/01-创新平台.yaml", "sections/02-人才引进.yaml", "sections/03-科技金融.yaml"


def diff(old: Path, new: Path) -> Result:
    return compare(snapshot(Side("旧版", "old", old)), snapshot(Side("新版", "new", new)))


def item(result: Result, item_id: str) -> ItemChange:
    (found,) = [c for c in result.items if c.id == item_id]
    return found


def test_identical_plans_have_no_change() -> None:
    result = diff(OLD, OLD)
    assert not result.changed
    assert (result.items, result.parts, result.notice, result.registries, result.progress) == ([], [], [], [], [])


def test_lead_unit_and_deadline_edited(plan_copy: Callable[[str], Path]) -> None:
    """The 'done when' edit: exactly that task, the unit added and removed, both dates, the slip."""
    new = plan_copy("new")
    edit(new, S1, ("牵头部门: [财务处]", "牵头部门: [规划处]"), ("时间期限: 2022年年底前完成。", "时间期限: 2023年3月底前完成。"))
    result = diff(OLD, new)
    (change,) = result.items
    assert (change.id, change.change, change.moved, change.reordered, change.fields) == ("lab-fund", "changed", None, False, ())
    assert change.names == (NameChange("牵头部门", ("财务处",), ("规划处",), ("规划处",), ("财务处",), False),)
    d = change.deadline
    assert d is not None and (d.old, d.new, d.verdict) == ("2022年年底前完成。", "2023年3月底前完成。", "推迟")
    assert [(s.old.date, s.new.date, s.days) for s in d.shifts if s.old and s.new] == [
        (date(2022, 12, 31), date(2023, 3, 31), 90)
    ]


def test_an_alias_renamed_to_its_canonical_name_is_no_change(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, S2, ("牵头部门: [人事教育处]", "牵头部门: [人事处]"))
    assert not diff(OLD, new).changed


def test_a_department_renamed_in_the_registry(plan_copy: Callable[[str], Path]) -> None:
    """成果处 becomes 成果转化处, the old name kept as an alias: a registry change, no task change."""
    new = plan_copy("new")
    edit(new, "departments.yaml", ("  - 名称: 成果处\n", "  - 名称: 成果转化处\n    别名: [成果处]\n"))
    edit(new, S3, ("牵头部门: [成果处]", "牵头部门: [成果转化处]"))
    result = diff(OLD, new)
    assert result.items == []
    (entry,) = result.registries
    assert (entry.change, entry.old, entry.new, entry.renamed, entry.aliases_added) == ("changed", "成果处", "成果转化处", True, ())


def test_registry_entries_added_removed_and_aliases(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, "leaders.yaml", ("  - 姓名: 王芳\n", "  - 姓名: 王芳\n    别名: [王 芳]\n  - 姓名: 赵强\n"))
    edit(new, "departments.yaml", ("    别名: [人事教育处]\n", ""), ("  - 名称: 各区科技部门\n    类别: 集体\n", "  - 名称: 各区科技部门\n"))
    edit(new, S2, ("[人事教育处]", "[人事处]"))
    summary = [(e.registry, e.change, e.old, e.new, e.aliases_added, e.aliases_removed, e.kind) for e in diff(OLD, new).registries]
    assert summary == [
        ("院领导", "changed", "王芳", "王芳", ("王 芳",), (), None),
        ("院领导", "added", "", "赵强", (), (), None),
        ("部门", "changed", "人事处", "人事处", (), ("人事教育处",), None),
        ("部门", "changed", "各区科技部门", "各区科技部门", (), (), ("集体", "部门")),
    ]


def test_order_of_names_and_a_trailing_etc(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, S3, ("牵头部门: [财务处, 各区科技部门]", "牵头部门: [各区科技部门, 财务处, 等]"))
    (change,) = diff(OLD, new).items
    assert change.names == (
        NameChange("牵头部门", ("财务处", "各区科技部门"), ("各区科技部门", "财务处", "等"), ("等",), (), True),
    )


def test_added_removed_moved_and_reordered_tasks(plan_copy: Callable[[str], Path]) -> None:
    result = diff(OLD, NEW)
    summary = {c.id: (c.change, c.moved, c.reordered) for c in result.items}
    assert summary == {
        "lab-plan": ("changed", None, False),
        "lab-open": ("added", None, False),
        "talent-plan": ("changed", None, False),
        "talent-housing": ("changed", None, True),  # talent-training and it swapped: one of the two is flagged
        "finance-venture": ("added", None, False),
        "finance-policy": ("changed", None, False),  # given a 标题: its section has three tasks now
        "lab-fund": ("changed", Move("一、建设高水平创新平台", "三、推动科技金融深度融合"), False),
        "finance-guide": ("added", None, False),
        "finance-fund": ("changed", Move("finance-policy", "finance-guide"), False),
        "lab-review": ("removed", None, False),
        "finance-insurance": ("removed", None, False),
    }
    assert counts(result)["任务"] == {"added": 2, "removed": 1, "changed": 5, "moved": 1, "reordered": 1}
    assert counts(result)["子项"] == {"added": 1, "removed": 1, "changed": 1, "moved": 1, "reordered": 0}


def test_a_renamed_section_file_is_the_same_part() -> None:
    result = diff(OLD, NEW)
    (part,) = result.parts
    assert (part.change, part.renamed, part.reordered) == ("changed", True, False)
    assert part.old is not None and part.new is not None
    assert (part.old.file, part.new.file) == ("02-人才引进.yaml", "02-人才队伍.yaml")
    assert part.title == (("=", "引进和培养"), ("+", "高层次"), ("=", "科技人才"))


def test_parts_reordered_added_and_removed(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, "plan.yaml", ("    - 01-创新平台.yaml\n    - 02-人才引进.yaml\n", "    - 02-人才引进.yaml\n    - 01-创新平台.yaml\n"))
    result = diff(OLD, new)
    assert [(p.change, p.old_index, p.new_index, p.reordered) for p in result.parts] == [("changed", 0, 1, True)]
    assert result.items == []  # the tasks kept their part: nothing moved
    (new / S3).unlink()
    edit(new, "plan.yaml", ("    - 03-科技金融.yaml\n", "    - 04-新.yaml\n"))
    (new / "sections" / "04-新.yaml").write_text(
        "标题: 新部分\n任务:\n  - 编号: fresh\n    牵头院领导: [张明]\n    具体举措: 新举措。\n    时间期限: 持续推进。\n",
        encoding="utf-8",
    )
    result = diff(OLD, new)
    assert [(p.change, p.old_index, p.new_index) for p in result.parts] == [("changed", 0, 1), ("added", None, 2), ("removed", 2, None)]


def test_deadline_kinds_and_several_milestones(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, S2, ("时间期限: 2022年9月底前出台办法；2022年年底前建立制度。", "时间期限: 2022年6月底前出台办法；2023年6月底前建立制度。"),
         ("时间期限: 持续推进。", "时间期限: 2022年年底前完成。"))
    edit(new, S1, ("时间期限: 每年。", "时间期限: 每年。\n    截止日期: 2022-11-30"))
    result = diff(OLD, new)
    mixed = item(result, "talent-plan").deadline
    assert mixed is not None and mixed.verdict == "推迟和提前"
    assert [(s.days, s.direction) for s in mixed.shifts] == [(-92, "提前"), (181, "推迟")]
    kind = item(result, "talent-training").deadline
    assert kind is not None and kind.verdict == "" and [(s.old.kind.value, s.new.date) for s in kind.shifts if s.old and s.new] == [
        ("ongoing", date(2022, 12, 31))
    ]
    explicit = item(result, "lab-review").deadline
    assert explicit is not None and explicit.text == () and explicit.new_milestones[0].date == date(2022, 11, 30)


def test_uneven_milestones_compare_the_last_dates(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, S2, ("时间期限: 2022年9月底前出台办法；2022年年底前建立制度。", "时间期限: 2023年年底前完成。"))
    d = item(diff(OLD, new), "talent-plan").deadline
    assert d is not None and d.verdict == "推迟" and [s.days for s in d.shifts] == [365]


def test_text_fields(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, S1, ("标题: 编制实验室建设规划", "标题: 编制全市实验室建设规划"), ("摸清现有实验室底数，", ""))
    edit(new, S3, ("子项导语: 出台科技金融配套政策", "子项导语: 出台配套政策"), ("推广科技保险。", "推广科技保险和科技担保。"))
    result = diff(OLD, new)
    assert [(f.label, f.diff) for f in item(result, "lab-plan").fields] == [
        ("标题", (("=", "编制"), ("+", "全市"), ("=", "实验室建设规划"))),
        ("具体举措", (("-", "摸清现有实验室底数，"), ("=", "编制全市实验室建设规划。"))),
    ]
    assert [f.label for f in item(result, "finance-policy").fields] == ["子项导语"]
    assert [f.diff for f in item(result, "finance-insurance").fields] == [(("=", "推广科技保险"), ("+", "和科技担保"), ("=", "。"))]


def test_roles_inherited_by_sub_items_are_reported_once(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, S3, ("    协助部门: [综合处]\n", "    协助部门: [规划处]\n"))
    result = diff(OLD, new)
    assert [c.id for c in result.items] == ["finance-policy"]


def test_notice_changes(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, "plan.yaml", ("成文日期: 2022-01-10\n", "成文日期: 2022-01-12\n抄送: [市政府办公厅]\n"),
         ("  《2022年重点工作分工方案》的通知", "  《2022年度重点工作分工方案》的通知"))
    result = diff(OLD, new)
    assert [(n.key, n.change, n.new) for n in result.notice] == [
        ("标题", "changed", "某市科学技术局关于印发\n《2022年度重点工作分工方案》的通知"),
        ("成文日期", "changed", "2022-01-12"),
        ("抄送", "added", "市政府办公厅"),
    ]


def test_progress_changes_and_none_without_records(plan_copy: Callable[[str], Path]) -> None:
    result = diff(OLD, NEW)
    assert result.progress is not None
    assert [(p.id, p.old.status if p.old else None, p.new.status if p.new else None) for p in result.progress] == [
        ("lab-plan", "推进中", "已完成"), ("finance-fund", None, "推进中"),
    ]
    bare_old, bare_new = plan_copy("a"), plan_copy("b")
    for root in (bare_old, bare_new):
        for f in (root / "进展").iterdir():
            f.unlink()
        (root / "进展").rmdir()
    assert diff(bare_old, bare_new).progress is None


def test_a_broken_side_is_still_compared(plan_copy: Callable[[str], Path]) -> None:
    """One task with an unknown key: the file fails its schema, the other tasks are still compared."""
    new = plan_copy("new")
    edit(new, S1, ("    具体举措: 设立专项资金", "    具体举: 设立专项资金"), ("时间期限: 2022年6月底前完成。", "时间期限: 2022年7月底前完成。"))
    old_snap, new_snap = snapshot(Side("旧版", "old", OLD)), snapshot(Side("新版", "new", new))
    result = compare(old_snap, new_snap)
    assert [d.code for d in new_snap.errors] == ["unknown-key"] and old_snap.errors == []
    assert new_snap.unread == [f"{new.as_posix()}/{S1}（部分任务）"]
    assert [(c.id, c.change) for c in result.items] == [("lab-plan", "changed")]
    assert result.unknown == ["lab-fund"]  # unreadable on the new side: neither removed nor kept


def test_longest_increasing_order() -> None:
    from casplan.diff.compare import _longest_increasing

    assert _longest_increasing([]) == []
    assert _longest_increasing([3, 1, 2]) == [1, 2]
    assert _longest_increasing([0, 4, 1, 2, 3]) == [0, 1, 2, 3]
    assert len(_longest_increasing(list(range(20_000, 0, -1)))) == 1
    assert _longest_increasing(list(range(20_000))) == list(range(20_000))


def test_sub_items_reordered_within_their_task(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    loans = "      - 编号: finance-loans\n        内容: 开展科技型企业信用贷款试点。\n        牵头部门: [财务处]\n        时间期限: 2022年6月底前启动。\n"
    edit(new, S3, (loans, ""))
    (new / S3).write_text((new / S3).read_text(encoding="utf-8") + loans, encoding="utf-8")
    result = diff(OLD, new)
    assert [(c.id, c.kind, c.reordered, c.moved) for c in result.items] == [("finance-loans", "子项", True, None)]
    assert (result.items[0].old.where, result.items[0].new.where) == ("三、finance-policy（1）", "三、finance-policy（3）")  # type: ignore[union-attr]


def test_an_item_unreadable_on_the_old_side_is_not_added(plan_copy: Callable[[str], Path]) -> None:
    old = plan_copy("old")
    edit(old, S1, ("    具体举措: 每年对实验室开展绩效评估。", "    具体: 每年对实验室开展绩效评估。"))
    result = diff(old, OLD)
    assert (result.items, result.unknown) == ([], ["lab-review"])


SHAPES = Path(__file__).resolve().parents[1] / "data" / "shapes"


def test_a_plan_with_its_own_labels_and_no_parts(tmp_path: Path) -> None:
    """A provincial plan: tasks at the top level, 牵头单位 / 责任单位 / 完成时间 as its labels."""
    import shutil

    from casplan.diff.report_text import render

    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(SHAPES / "toplevel", old)
    shutil.copytree(SHAPES / "toplevel", new)
    text = (new / "sections" / "任务.yaml").read_text(encoding="utf-8")
    first, second, rest = text.index("  - 编号: industry"), text.index("  - 编号: investment"), text.index("  - 编号: environment")
    text = text[:first] + text[second:rest] + text[first:second] + text[rest:]
    text = text.replace("    牵头单位: [省发展改革委]\n", "    牵头单位: [省财政厅]\n", 1).replace("完成时间: 2022年12月底前", "完成时间: 2022年10月底前", 1)
    (new / "sections" / "任务.yaml").write_text(text, encoding="utf-8")
    assert render(diff(old, new)) == (
        "casplan diff：旧版 old → 新版 new\n\n"
        "修改 任务 investment  一、扩大有效投资\n"
        "  牵头单位：省发展改革委 → 省财政厅（增加 省财政厅；去掉 省发展改革委）\n"
        "修改 任务 industry  一、 → 二、 稳定工业经济运行\n"
        "  调序：顺序改变（仍在原来的部分或任务中）\n"
        "  完成时间：2022年[-12-]{+10+}月底前\n"
        "  节点：2022-12-31 → 2022-10-31，提前 61 天\n\n"
        "改动：任务 修改 2、调序 1\n"
    )


def test_a_standalone_plan_with_units_in_parentheses(tmp_path: Path) -> None:
    """国务院-style: no notice, no leaders.yaml, 牵头单位 / 配合单位 / 具体措施 / 完成时限."""
    import shutil

    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(SHAPES / "guowuyuan", old)
    shutil.copytree(SHAPES / "guowuyuan", new)
    edit(new, "sections/01-就业优先.yaml", ("    牵头单位: [国家发展改革委]\n", "    牵头单位: [人力资源社会保障部]\n    协办: 无\n"),
         ("定期发布重点群体就业数据。", "按月发布重点群体就业数据。"))
    result = diff(old, new)
    assert [(c.id, c.change) for c in result.items] == [("monitoring", "changed")]
    assert result.unknown == ["impact-assessment"]  # its new spelling has an unknown key: not compared, not removed
    (change,) = result.items
    assert [f.label for f in change.fields] == ["具体措施"]
