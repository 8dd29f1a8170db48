"""How a plan prints who does the work: labelled lines, or a parenthesis at the end of the text.

Pure functions over a task's or sub-item's mapping as templates see it (keyed by
the plan's labels, absent keys as None). See docs/model.md §4.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from casplan.labels import LEADER_ROLES, NAME_ROLES, Labels
from casplan.model import ETC

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def names_text(names: Any) -> str:
    """[学部工作局, 发展规划局, 等] → 学部工作局、发展规划局等; a text stays as it is."""
    if isinstance(names, str):
        return names
    if not names:
        return ""
    listed = [str(n) for n in names]
    if listed[-1] == ETC:
        return "、".join(listed[:-1]) + ETC
    return "、".join(listed)


def verb(labels: Labels, role: str) -> str:
    """牵头 for a lead role; the assisting label's verb (协助部门 → 协助, 参与单位 → 参与)."""
    return "牵头" if role.startswith("lead") else labels.assist_word(role)


def field_lines(work: Mapping[str, Any], labels: Labels) -> list[tuple[str, str]]:
    """(label, text) of the fields printed as lines of their own, in key order, before the work's text."""
    units = labels.structure.units
    if units == "括号标签":
        roles: tuple[str, ...] = ()
    elif units == "括号":
        roles = LEADER_ROLES
    else:
        roles = NAME_ROLES
    lines = [(labels.label(r), names_text(work.get(labels.label(r)))) for r in roles if work.get(labels.label(r))]
    if units != "括号标签":
        lines += [(label, str(work[label])) for label in labels.other if work.get(label)]
    return lines


def deadline_line(labels: Labels) -> bool:
    """Whether the deadline is printed as a line of its own (else inside the parenthesis)."""
    return not labels.structure.in_parenthesis or labels.structure.deadline == "标签行"


def parenthesis(work: Mapping[str, Any], labels: Labels) -> str:
    """The parenthesis closing the work's text: （X牵头，Y配合）, （X、Y负责）, （牵头单位：X；…）, or ""."""
    structure = labels.structure
    if not structure.in_parenthesis:
        return ""
    deadline_label = labels.label("deadline")
    deadline = work.get(deadline_label) if structure.deadline == "括号" else None
    if structure.units == "括号标签":
        keys = [labels.label(r) for r in NAME_ROLES] + list(labels.other)
        if deadline:
            keys.append(deadline_label)
        parts = [f"{key}：{names_text(work[key])}" for key in keys if work.get(key)]
        return f"（{'；'.join(parts)}）" if parts else ""
    lead, assist = work.get(labels.label("lead_units")), work.get(labels.label("assist_units"))
    first = work.get(labels.label("units_first_leads"))
    wording = work.get("分工句式")
    body = ""
    if wording:
        body = _PLACEHOLDER.sub(lambda m: names_text(work.get(m[1])), str(wording))
        if deadline and "{" + deadline_label + "}" in str(wording):
            deadline = None
    elif first:
        body = f"{names_text(first)}负责"
    elif lead:
        body = f"{names_text(lead)}牵头" + (f"，{names_text(assist)}{verb(labels, 'assist_units')}" if assist else "")
    elif assist:
        body = f"{names_text(assist)}{verb(labels, 'assist_units')}"
    if deadline:
        body = f"{body}，{deadline}" if body else str(deadline)
    return f"（{body}）" if body else ""


def tables(parts: list[Mapping[str, Any]], labels: Labels, task_column: str = "任务") -> list[dict[str, Any]]:
    """The plan as tables (结构.表格): one per part (分部分) or one for the whole plan (全文).

    Each table: 序号 (the part's number, 0 for the whole plan), 标题 (the part's, or None),
    表头 and 行 (cells as printed). Columns are those the plan uses anywhere: 序号, the
    task column, 具体举措, each leader and unit role, each 其他字段, the deadline.
    Sub-items are rows of their own under their task (（1）…, no number); a part or a
    group in a whole-plan table is a row of one cell.
    """
    from casplan.render.numbering import chinese_number

    structure = labels.structure
    works = [w for p in parts for t in p["任务"] for w in (t, *(t.get("子项") or []))]
    keys = [labels.label("measures"), *(labels.label(r) for r in NAME_ROLES), *labels.other, labels.label("deadline")]
    used = [k for k in keys if any(w.get(k) for w in works)]
    head = ["序号", task_column, *used]

    def cells(work: Mapping[str, Any], number: str, text: str) -> list[str]:
        row = [number, text]
        for key in used:
            value = work.get(key)
            if key == labels.label("measures") and isinstance(value, list):  # items numbered as elsewhere: （1）（2）
                row.append("".join(f"（{i}）{item}" for i, item in enumerate(value, start=1)))
            else:
                row.append(names_text(value) if value else "")
        return row

    whole = structure.table == "全文"
    out: list[dict[str, Any]] = []
    rows: list[list[str]] = []
    n = 0
    for p, part in enumerate(parts, start=1):
        if not whole:
            rows = []
        if structure.numbering == "分部分" and structure.has_parts:
            n = 0
        if whole and part.get("标题"):
            rows.append([f"{chinese_number(p)}、{part['标题']}"])
        groups = part.get("分组") or [{"标题": None, "任务": part["任务"]}]
        for g, group in enumerate(groups, start=1):
            if group.get("标题"):
                rows.append([f"（{chinese_number(g)}）{group['标题']}"])
            if structure.numbering == "分组":
                n = 0
            for task in group["任务"]:
                n += 1
                rows.append(cells(task, str(n), task.get("标题") or ""))
                for s, sub in enumerate(task.get("子项") or [], start=1):
                    rows.append(cells(sub, "", f"（{s}）{sub['内容']}"))
        if not whole:
            out.append({"序号": p, "标题": part.get("标题"), "表头": head, "行": rows})
    if whole:
        out.append({"序号": 0, "标题": None, "表头": head, "行": rows})
    return out
