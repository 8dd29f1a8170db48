import pytest

from casplan.importer.vocab import parse_label_option, split_names, unit_kind


def test_names_split_on_the_enumeration_comma_with_a_trailing_etc() -> None:
    assert split_names("学部工作局、发展规划局等") == ["学部工作局", "发展规划局", "等"]
    assert split_names("人事局。") == ["人事局"]


def test_unit_kinds() -> None:
    assert [unit_kind(n) for n in ("人事局", "中科院党校", "各分院分党组", "院机关各有关部门", "院促进科技成果转移转化联席会议成员单位")] == [
        "部门", "单位", "集体", "集体", "集体"]


def test_label_option() -> None:
    assert parse_label_option("主办单位=牵头单位") == ("主办单位", "lead_units")
    assert parse_label_option("协作单位=协助部门") == ("协作单位", "assist_units")
    with pytest.raises(ValueError, match="应写成“原文标签=角色”"):
        parse_label_option("主办单位")


def test_labels_a_plan_coins_are_read_by_their_form() -> None:
    from casplan.importer.vocab import label_role

    assert [label_role(w) for w in ("包抓领导", "协管领导", "协办处室", "主办部门", "负责科室", "工作举措", "完成节点",
                                    "备注", "适用范围", "负责人")] == [
        "lead_leaders", "assist_leaders", "assist_units", "lead_units", "units_first_leads", "measures", "deadline",
        None, None, None]
