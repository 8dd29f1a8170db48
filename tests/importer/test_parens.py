from casplan.importer.parens import parse, split_trailing
from casplan.importer.vocab import SYNONYMS


def _parse(text: str):  # type: ignore[no-untyped-def]
    split = split_trailing(text)
    assert split is not None
    return split, parse(split[1], SYNONYMS.get)


def test_standard_forms_become_roles_only() -> None:
    (before, _, tail), p = _parse("加快建设国家实验室。（科技部牵头，发展改革委、财政部配合）")
    assert (before, tail) == ("加快建设国家实验室。", "")
    assert p is not None and p.names == {"lead_units": ["科技部"], "assist_units": ["发展改革委", "财政部"]}
    assert p.wording is None
    _, p = _parse("完善制度（教育部、科技部负责）。")
    assert p is not None and p.names == {"units_first_leads": ["教育部", "科技部"]}


def test_other_wordings_keep_their_sentence() -> None:
    _, p = _parse("推进改革。（科技部会同有关部门负责）")
    assert p is not None and p.names == {"lead_units": ["科技部"]} and p.wording == "{lead_units}会同有关部门负责"
    _, p = _parse("抓好落实。（各省级人民政府按职责分工负责）")
    assert p is not None and p.names == {"units_first_leads": ["各省级人民政府"]}
    assert p.wording == "{units_first_leads}按职责分工负责"


def test_labelled_parentheses_keep_roleless_fields() -> None:
    _, p = _parse("开展试点。（负责部门：人事处；适用范围：京区单位）")
    assert p is not None and p.labelled
    assert p.names == {"units_first_leads": ["人事处"]} and p.other == {"适用范围": "京区单位"}


def test_a_deadline_inside_the_parenthesis() -> None:
    _, p = _parse("建成平台。（科技部牵头，2022年底前完成）")
    assert p is not None and p.deadline == "2022年底前完成" and p.names == {"lead_units": ["科技部"]}


def test_a_parenthesis_that_names_no_units_is_not_one() -> None:
    _, p = _parse("制定《试点方案》（以下简称“试点方案”）")
    assert p is None
    assert split_trailing("没有括号。") is None


def test_a_deadline_with_commas_and_semicolons_of_its_own() -> None:
    """Several milestones in one deadline (2021年底，…；2022年年底前，…) stay one deadline, in both forms."""
    _, p = _parse("建成平台。（科技部牵头，教育部协助，2021年底，完成不少于2个；2022年年底前，完成不少于20个。）")
    assert p is not None and p.names == {"lead_units": ["科技部"], "assist_units": ["教育部"]}
    assert p.deadline == "2021年底，完成不少于2个；2022年年底前，完成不少于20个。"
    _, p = _parse("建成平台。（2021年底前启动，2022年年底前完成，科技部牵头）")
    assert p is not None and p.deadline == "2021年底前启动，2022年年底前完成" and p.names == {"lead_units": ["科技部"]}
    _, p = _parse("建成平台。（牵头单位：科技部；时间期限：2021年底，完成不少于2个；2022年年底前，完成不少于20个。）")
    assert p is not None and p.names == {"lead_units": ["科技部"]}
    assert p.deadline == "2021年底，完成不少于2个；2022年年底前，完成不少于20个。"
    assert p.labels == {"lead_units": "牵头单位", "deadline": "时间期限"}
    _, p = _parse("建成平台。（牵头单位：科技部；完成不少于2个）")
    assert p is None  # a name list has no ；: the piece without a label is no part of a labelled parenthesis
