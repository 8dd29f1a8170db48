"""A plan's own words for the roles, and its layout — declared once in plan.yaml.

Code speaks of roles (lead_units …); a plan names them (牵头部门, 牵头单位 …).
`Labels` maps one onto the other, carries the labels with no role (其他字段) and
the layout (结构). Without any declaration a plan is read with the 中科院 words,
so the embedded plan needs none. See docs/model.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ROLES = ("lead_leaders", "assist_leaders", "lead_units", "assist_units", "units_first_leads", "measures", "deadline")
"""Every role, in the key order of a task."""

ROLE_NAMES: dict[str, str] = {
    "lead_leaders": "牵头领导",
    "assist_leaders": "配合领导",
    "lead_units": "牵头单位",
    "assist_units": "配合单位",
    "units_first_leads": "负责单位",
    "measures": "具体举措",
    "deadline": "时间期限",
}
"""role → its Chinese role name (the keys of `标签:` in plan.yaml)."""

FIXED_KEYS = ("编号", "标题", "内容", "子项", "子项导语", "截止日期", "分工句式", "任务")
"""Keys that are the same in every plan; no label may take one of these."""

LEADER_ROLES = ("lead_leaders", "assist_leaders")
UNIT_ROLES = ("lead_units", "assist_units", "units_first_leads")
NAME_ROLES = (*LEADER_ROLES, *UNIT_ROLES)

PRESETS: dict[str, dict[str, str]] = {
    "中科院": {
        "lead_leaders": "牵头院领导",
        "assist_leaders": "配合院领导",
        "lead_units": "牵头部门",
        "assist_units": "协助部门",
        "units_first_leads": "负责单位",
        "measures": "具体举措",
        "deadline": "时间期限",
    },
    "国务院": {
        "lead_leaders": "牵头领导",
        "assist_leaders": "配合领导",
        "lead_units": "牵头单位",
        "assist_units": "配合单位",
        "units_first_leads": "负责单位",
        "measures": "具体措施",
        "deadline": "完成时限",
    },
    "省政府": {
        "lead_leaders": "责任领导",
        "assist_leaders": "配合领导",
        "lead_units": "牵头单位",
        "assist_units": "责任单位",
        "units_first_leads": "负责单位",
        "measures": "工作措施",
        "deadline": "完成时间",
    },
    "部委": {
        "lead_leaders": "分管领导",
        "assist_leaders": "配合领导",
        "lead_units": "牵头单位",
        "assist_units": "协办单位",
        "units_first_leads": "负责单位",
        "measures": "主要措施",
        "deadline": "时间节点",
    },
}
"""Label sets offices use (`casplan init --labels NAME`); 中科院 is the default."""

PRESET_LAYOUT = {"中科院": "标签行", "国务院": "括号", "省政府": "标签行", "部委": "标签行"}

ASSIST_VERBS = ("协助", "配合", "协办", "参与", "协同", "会同")
"""Words that name assisting; a label starting with one (协助部门, 参与单位) prints that word."""

PARTS = ("有", "无")
TASK_NUMBERING = ("分部分", "连续", "分组")
TASK_STYLES = ("一、", "（一）", "1.")
UNITS_LAYOUTS = ("标签行", "括号", "括号标签")
DEADLINE_LAYOUTS = ("标签行", "括号")
TABLES = ("无", "分部分", "全文")


ETC = "等"
"""A list of names may end in 等 ("学部工作局、发展规划局等"): kept as a last item."""


def names_of(names: list[str] | None) -> list[str]:
    """The names in a list, without a trailing 等."""
    if not names:
        return []
    return names[:-1] if names[-1] == ETC else list(names)


def has_etc(names: list[str] | None) -> bool:
    return bool(names) and names is not None and names[-1] == ETC


@dataclass(frozen=True)
class Structure:
    """结构: how the plan is laid out (docs/model.md §3)."""

    parts: str = "有"  # 部分
    numbering: str = "分部分"  # 任务编号
    style: str = "（一）"  # 任务序号
    units: str = "标签行"  # 分工写法
    deadline: str = "标签行"  # 时限写法
    groups: str = "无"  # 分组: 有 — a level （一） between the parts and the tasks
    table: str = "无"  # 表格: 分部分 — a table per part; 全文 — one table for the plan
    task_column: str = "任务"  # 任务列: the header of the tasks' column in a table

    @property
    def has_groups(self) -> bool:
        return self.groups == "有"

    @property
    def has_parts(self) -> bool:
        return self.parts == "有"

    @property
    def continuous(self) -> bool:
        return self.numbering == "连续"

    @property
    def in_parenthesis(self) -> bool:
        return self.units != "标签行"

    @property
    def task_level(self) -> int:
        """The heading level of a task: 1 一、, 2 （一）, 3 1."""
        return TASK_STYLES.index(self.style) + 1

    def as_dict(self) -> dict[str, str]:
        return {"部分": self.parts, "分组": self.groups, "任务编号": self.numbering, "任务序号": self.style,
                "分工写法": self.units, "时限写法": self.deadline, "表格": self.table, "任务列": self.task_column}


def default_style(parts: str, numbering: str, groups: str = "无") -> str:
    if numbering == "连续" or groups == "有":
        return "1."
    return "（一）" if parts == "有" else "一、"


@dataclass(frozen=True)
class Labels:
    """role → label, the labels with no role, and the layout."""

    pairs: tuple[tuple[str, str], ...] = tuple(PRESETS["中科院"].items())
    other: tuple[str, ...] = ()
    structure: Structure = Structure()
    declared: bool = False  # whether plan.yaml has a 标签 key

    def label(self, role: str) -> str:
        return dict(self.pairs)[role]

    def role(self, label: str) -> str | None:
        return next((r for r, lab in self.pairs if lab == label), None)

    @property
    def by_role(self) -> dict[str, str]:
        return dict(self.pairs)

    def keys(self) -> tuple[str, ...]:
        """Every label a task may carry, in canonical key order (docs/model.md §2)."""
        names = tuple(self.label(r) for r in NAME_ROLES)
        return (*names, *self.other, self.label("measures"), self.label("deadline"))

    def assist_word(self, role: str) -> str:
        """The verb of an assisting role, from its label: 协助部门 → 协助, 协办单位 → 协办; else 配合.

        Only a label that starts with a verb of assisting gives its own (责任单位 does not: 配合).
        """
        label = self.label(role)
        return next((verb for verb in ASSIST_VERBS if label.startswith(verb)), "配合")


DEFAULT = Labels()


def preset(name: str) -> dict[str, str]:
    return dict(PRESETS[name])


def from_plan(data: Any) -> Labels:
    """The Labels a plan.yaml's raw data declares; what is malformed is left to the schema (defaults used)."""
    if not isinstance(data, Mapping):
        return DEFAULT
    declared = data.get("标签")
    pairs: dict[str, str]
    if isinstance(declared, Mapping):
        by_name = {name: role for role, name in ROLE_NAMES.items()}
        pairs = {role: ROLE_NAMES[role] for role in ROLES}
        for name, label in declared.items():
            if name in by_name and isinstance(label, str) and label.strip():
                pairs[by_name[name]] = label.strip()
    else:
        pairs = preset("中科院")
    raw_other = data.get("其他字段")
    other = tuple(s for s in raw_other if isinstance(s, str) and s.strip()) if isinstance(raw_other, list) else ()
    return Labels(tuple(pairs.items()), other, _structure(data.get("结构")), isinstance(declared, Mapping))


def _structure(raw: Any) -> Structure:
    raw = raw if isinstance(raw, Mapping) else {}

    def pick(key: str, choices: tuple[str, ...], default: str) -> str:
        value = raw.get(key)
        return value if value in choices else default

    parts = pick("部分", PARTS, "有")
    groups = pick("分组", PARTS, "无")
    numbering = pick("任务编号", TASK_NUMBERING, "分部分")
    style = pick("任务序号", TASK_STYLES, default_style(parts, numbering, groups))
    column = raw.get("任务列")
    return Structure(parts, numbering, style, pick("分工写法", UNITS_LAYOUTS, "标签行"),
                     pick("时限写法", DEADLINE_LAYOUTS, "标签行"), groups, pick("表格", TABLES, "无"),
                     column.strip() if isinstance(column, str) and column.strip() else "任务")


def declarations_ok(data: Any) -> bool:
    """Whether plan.yaml's 标签, 其他字段 and 结构 (if written) are well formed: their words can be trusted."""
    if not isinstance(data, Mapping):
        return True
    from pydantic import ValidationError

    from casplan.model import LabelsDecl, StructureDecl

    try:
        if "标签" in data:
            LabelsDecl.model_validate(data["标签"])
        if "结构" in data:
            StructureDecl.model_validate(data["结构"])
        other = data.get("其他字段", ["x"])
        if not isinstance(other, list) or not other or not all(isinstance(s, str) and s.strip() for s in other):
            return False
    except ValidationError:
        return False
    return not problems(data)


def problems(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """(path in plan.yaml, message) for each label that clashes: used twice, or a fixed key."""
    labels = from_plan(data)
    out: list[tuple[tuple[str | int, ...], str]] = []
    seen: dict[str, str] = {}
    by_label = {label: role for role, label in labels.pairs}
    for role, label in labels.pairs:
        where: tuple[str | int, ...] = ("标签", ROLE_NAMES[role]) if labels.declared else ()
        if label in FIXED_KEYS:
            out.append((where, f"标签“{label}”与固定键重名，请换一个"))
        if label in seen and where:
            out.append((where, f"标签“{label}”已用于“{seen[label]}”"))
        seen.setdefault(label, ROLE_NAMES[role])
    structure = labels.structure
    if structure.has_groups and not structure.has_parts:
        out.append((("结构", "分组"), "“分组: 有”需要“部分: 有”：分组（（一））在部分（一、）之下"))
    if structure.has_groups and structure.style != "1.":
        out.append((("结构", "任务序号"), "有分组时任务序号应为“1.”：“（一）”已是分组的序号"))
    if structure.numbering == "分组" and not structure.has_groups:
        out.append((("结构", "任务编号"), "“任务编号: 分组”需要“分组: 有”"))
    for i, label in enumerate(labels.other):
        if label in FIXED_KEYS or label in by_label:
            out.append((("其他字段", i), f"其他字段“{label}”与固定键或标签重名"))
        elif labels.other.index(label) != i:
            out.append((("其他字段", i), f"其他字段“{label}”重复"))
    return out
