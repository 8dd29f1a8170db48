from casplan.importer.ids import assign
from casplan.importer.ir import Loc, PartIR, PlanIR, Work

L = Loc("line", 1)


def test_ids_follow_the_numbering_and_never_collide() -> None:
    a = Work(L, subitems=[Work(L), Work(L)])
    plan = PlanIR(None, None, [], [PartIR(L, "一", tasks=[a, Work(L)]), PartIR(L, "二", tasks=[Work(L)])])
    assign(plan)
    assert [w.id for w in plan.works()] == ["t1-1", "t1-1-1", "t1-1-2", "t1-2", "t2-1"]


def test_plans_without_parts_or_with_continuous_numbers() -> None:
    plan = PlanIR(None, None, [], [PartIR(L, None, tasks=[Work(L), Work(L)])], has_parts=False)
    assign(plan)
    assert [w.id for w in plan.works()] == ["t1", "t2"]
    plan = PlanIR(None, None, [], [PartIR(L, "一", tasks=[Work(L)]), PartIR(L, "二", tasks=[Work(L)])], continuous=True)
    assign(plan)
    assert [w.id for w in plan.works()] == ["t1", "t2"]
