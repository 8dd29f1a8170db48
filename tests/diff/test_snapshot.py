"""casplan.diff.snapshot: a side as items, parts, notice, registries and progress."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from casplan.diff.snapshot import snapshot
from casplan.diff.sources import Side
from diff_helpers import OLD, edit


def test_items_in_document_order_with_their_facts() -> None:
    snap = snapshot(Side("旧版", "old", OLD))
    assert list(snap.items) == [
        "lab-plan", "lab-fund", "lab-review", "talent-plan", "talent-housing", "talent-training",
        "finance-policy", "finance-loans", "finance-insurance", "finance-fund",
    ]
    talent = snap.items["talent-plan"]
    assert (talent.where, talent.part, talent.kind) == ("二、（一）", 1, "任务")
    assert talent.fields == {"标题": "实施高层次人才引进计划", "具体举措": "（1）制定高层次人才引进办法。（2）建立人才服务专员制度。"}
    assert [m.date for m in talent.milestones] == [date(2022, 9, 30), date(2022, 12, 31)]
    loans = snap.items["finance-loans"]
    assert (loans.where, loans.task_id, loans.inherited, loans.names["协助部门"]) == (
        "三、finance-policy（1）", "finance-policy", frozenset({"牵头院领导", "协助部门"}), ["综合处"],
    )
    assert snap.items["finance-policy"].fields["子项导语"] == "出台科技金融配套政策"
    assert [(p.file, p.title, p.ids) for p in snap.parts][2] == ("03-科技金融.yaml", "推动科技金融深度融合", ("finance-policy",))
    assert snap.notice["附件·标题"] == "2022年重点工作分工方案" and "附件·部分" not in snap.notice
    assert snap.notice["主送机关"] == "各区科技部门\n局机关各处室"
    assert snap.departments.resolve("人事教育处") == "人事处"
    assert (snap.errors, snap.unread) == ([], [])


def test_a_file_that_does_not_parse_is_listed_as_unread(plan_copy: Callable[[str], Path]) -> None:
    root = plan_copy("broken")
    edit(root, "sections/02-人才引进.yaml", ("标题: 引进和培养科技人才", "标题: [引进"))
    side = Side("新版", "HEAD", root, shown="HEAD:plan")
    snap = snapshot(side)
    assert snap.unread == ["HEAD:plan/sections/02-人才引进.yaml"]
    assert [d.file for d in snap.errors] == ["HEAD:plan/sections/02-人才引进.yaml"]
    assert snap.parts[1].ids == () and snap.parts[1].title == "02-人才引进.yaml"
    assert "talent-plan" not in snap.items and snap.items["finance-fund"].where == "三、finance-policy（3）"


def test_bad_tasks_are_left_out_and_their_ids_remembered(plan_copy: Callable[[str], Path]) -> None:
    root = plan_copy("broken")
    edit(root, "sections/03-科技金融.yaml", ("        内容: 推广科技保险。\n", "        内容: 推广科技保险。\n        说明: 多余\n"))
    edit(root, "sections/01-创新平台.yaml", ("标题: 建设高水平创新平台\n", ""))
    edit(root, "sections/02-人才引进.yaml", ("    牵头部门: [综合处]\n", "    牵头部门: 综合处\n"))
    snap = snapshot(Side("新版", "x", root))
    files = [f"{root.as_posix()}/sections/{name}" for name in ("01-创新平台.yaml", "02-人才引进.yaml（部分任务）", "03-科技金融.yaml")]
    assert snap.unread == files  # 01: its 标题 is missing; 03: its only task has a bad sub-item
    assert snap.unread_ids == {"lab-plan", "lab-fund", "lab-review", "talent-housing",
                               "finance-policy", "finance-loans", "finance-insurance", "finance-fund"}
    assert [p.ids for p in snap.parts] == [(), ("talent-plan", "talent-training"), ()]


def test_the_plans_own_labels_where_it_declares_them() -> None:
    from types import SimpleNamespace

    from casplan.diff.snapshot import _label

    declared = SimpleNamespace(labels=SimpleNamespace(label=lambda role: {"measures": "具体措施"}[role]))
    assert _label(declared, "measures", "具体举措") == "具体措施"  # type: ignore[arg-type]
    assert _label(declared, "deadline", "时间期限") == "时间期限"  # type: ignore[arg-type]
    assert _label(SimpleNamespace(), "measures", "具体举措") == "具体举措"  # type: ignore[arg-type]
