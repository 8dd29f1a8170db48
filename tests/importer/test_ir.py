from casplan.importer.ir import Loc, PartIR, PlanIR, Work


def test_locations_read_as_the_report_prints_them() -> None:
    assert str(Loc("line", 12)) == "第 12 行"
    assert str(Loc("para", 3)) == "第 3 段"
    assert str(Loc("cell", 1, 4, 2)) == "表 1 第 4 行第 2 列"


def test_works_lists_tasks_then_their_subitems_in_order() -> None:
    sub = Work(Loc("line", 3), 1, "子项")
    task = Work(Loc("line", 2), 1, "任务", subitems=[sub])
    other = Work(Loc("line", 4), 2, "任务二")
    plan = PlanIR(None, None, [], [PartIR(Loc("line", 1), "部分", tasks=[task, other])])
    assert plan.works() == [task, sub, other]
    assert task.has("measures") is False and Work(Loc("line", 1), measures="x").has("measures")
