from casplan.model import Departments
from casplan.registry import Registry, department_registry, leader_registry


def test_aliases_resolve_to_the_canonical_name() -> None:
    depts = Departments.model_validate(
        {"部门": [{"名称": "条件保障与财务局", "别名": ["财务局"]}, {"名称": "各分院分党组", "类别": "集体"}]}
    )
    reg = department_registry(depts)
    assert reg.resolve("财务局") == "条件保障与财务局"
    assert reg.resolve("条件保障与财务局") == "条件保障与财务局"
    assert reg.resolve("人事局") is None
    assert reg.kinds == {"条件保障与财务局": "部门", "各分院分党组": "集体"}
    assert "财务局" in reg and "人事局" not in reg


def test_add_reports_spellings_already_taken() -> None:
    reg = Registry("部门")
    assert reg.add("人事局", []) == []
    assert reg.add("人事司", ["人事局"]) == ["人事局"]
    assert reg.resolve("人事局") == "人事局"  # the first registration wins


def test_nearest_suggests_close_spellings() -> None:
    reg = Registry("部门")
    for name in ("人事局", "国际合作局", "办公厅"):
        reg.add(name, [])
    assert reg.nearest("人时局") == ["人事局"]
    assert reg.nearest("完全不同的名字") == []


def test_empty_registries_when_files_failed() -> None:
    assert leader_registry(None).canonical == []
    assert department_registry(None).spellings == {}
