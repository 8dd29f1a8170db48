"""The words plans use for each role, and how names are split (、, a trailing 等)."""

from __future__ import annotations

import re

from casplan.importer.ir import DEFAULT_LABELS, ROLE_NAMES

SYNONYMS: dict[str, str] = {
    **{label: "lead_leaders" for label in (
        "牵头院领导", "牵头领导", "责任领导", "分管领导", "分管院领导", "责任院领导", "牵头校领导", "分管校领导",
        "牵头局领导", "分管局领导", "牵头部领导", "分管部领导", "牵头负责同志", "责任人",
    )},
    **{label: "assist_leaders" for label in (
        "配合院领导", "配合领导", "协助领导", "协管领导", "配合校领导", "配合局领导", "协助院领导",
    )},
    **{label: "lead_units" for label in (
        "牵头部门", "牵头单位", "责任单位", "责任部门", "主责单位", "主责部门", "牵头处室", "主办单位", "责任处室",
        "牵头机构", "主办部门",
    )},
    **{label: "assist_units" for label in (
        "协助部门", "配合单位", "配合部门", "协办单位", "参与单位", "协助单位", "协同单位", "参加单位", "配合处室",
        "协办部门", "参与部门", "协同部门",
    )},
    **{label: "units_first_leads" for label in ("负责单位", "负责部门")},
    **{label: "measures" for label in (
        "具体举措", "具体措施", "主要措施", "工作措施", "主要内容", "工作内容", "推进措施", "重点举措", "工作举措",
        "任务举措", "主要举措", "具体内容",
    )},
    **{label: "deadline" for label in (
        "时间期限", "完成时限", "时间节点", "完成时间", "时间要求", "时限要求", "完成期限", "时间安排", "进度安排",
        "完成时限要求",
    )},
}

_ASSIST = ("配合", "协助", "协办", "协管", "参与", "协同", "参加", "会同")
_LEAD = ("牵头", "责任", "主责", "主办", "承办", "分管", "包抓", "领衔", "联系", "主管")
_UNIT_END = ("单位", "部门", "处室", "机构", "科室", "司局", "厅局")
_PERSON_END = ("领导", "负责人", "负责同志")


def label_role(label: str) -> str | None:
    """The role a label names: a known word (SYNONYMS), else by its form.

    Plans coin their own words (包抓领导, 协办处室, 完成节点); the form tells the role:
    who (…领导) or which units (…单位/部门/处室), leading (牵头…, 责任…) or assisting
    (配合…, 协办…), 负责… units listed first-leads; …措施/举措 the measures; …时限/时间/节点/期限 the deadline.
    """
    if label in SYNONYMS:
        return SYNONYMS[label]
    if not 2 <= len(label) <= 8:
        return None
    if label.endswith(_PERSON_END):
        return "assist_leaders" if label.startswith(_ASSIST) else ("lead_leaders" if label.startswith(_LEAD) else None)
    if label.endswith(_UNIT_END):
        if label.startswith(_ASSIST):
            return "assist_units"
        if label.startswith(_LEAD):
            return "lead_units"
        return "units_first_leads" if label.startswith("负责") else None
    if label.endswith(("措施", "举措")):
        return "measures"
    if label.endswith(("时限", "期限", "节点")) or label in ("进度要求", "时间进度", "进度"):
        return "deadline"
    return None


_ROLE_BY_WORD = {**{v: k for k, v in ROLE_NAMES.items()}, **{v: k for k, v in DEFAULT_LABELS.items()}}


def role_word(word: str) -> str | None:
    """A role named by its role name (牵头单位) or the embedded plan's label (牵头部门)."""
    return _ROLE_BY_WORD.get(word.strip())


def parse_label_option(option: str) -> tuple[str, str]:
    """`--label 主办单位=牵头单位` → ("主办单位", "lead_units"); ValueError with a Chinese message."""
    label, sep, word = option.partition("=")
    label, word = label.strip(), word.strip()
    if not sep or not label or not word:
        raise ValueError(f"--label 应写成“原文标签=角色”，如 --label 主办单位=牵头单位，实为“{option}”")
    role = role_word(word)
    if role is None:
        known = "、".join(ROLE_NAMES.values())
        raise ValueError(f"--label {option}：未知角色“{word}”，可用：{known}（或内置方案的标签，如 牵头部门）")
    return label, role


ETC = "等"
_SPLIT = re.compile(r"[、，,；;]")


def split_names(text: str) -> list[str]:
    """学部工作局、发展规划局等 → [学部工作局, 发展规划局, 等]."""
    value = text.strip().rstrip("。；;")
    etc = value.endswith(ETC) and len(value) > 1
    if etc:
        value = value[: -len(ETC)]
    names = [n.strip() for n in _SPLIT.split(value) if n.strip()]
    return [*names, ETC] if etc and names else names


COLLECTIVE = re.compile(r"^各|有关|各(?:单位|部门|处室)$|成员(?:单位|部门)$|(?:单位|部门)等$|相关(?:单位|部门)")
UNIT_LIKE = re.compile(r"(?:[校所院]|中心|大学|学院|公司|集团|研究院|医院|基金会|出版社|报社|杂志社)$")
OFFICE_LIKE = re.compile(r"(?:局|厅|办公室|办|委员会|委|党委|党组|部|司|处|室|科|署|会|组)$")


def unit_kind(name: str) -> str:
    """部门 (an office), 单位 (an institution) or 集体 (a group the plan does not list)."""
    if COLLECTIVE.search(name):
        return "集体"
    if OFFICE_LIKE.search(name):
        return "部门"
    if UNIT_LIKE.search(name):
        return "单位"
    return "部门"
