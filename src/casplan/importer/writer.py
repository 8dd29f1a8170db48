"""The plan files from the intermediate representation, in the form docs/model.md specifies.

A thin last stage: it only lays out what structure.py recognised. A plan that
uses the embedded plan's words and layout is written exactly as plan/ is (no
标签/结构 keys); any other plan declares its labels and layout in plan.yaml.
Files are written in the canonical form of plan files (see _dump), and read back
by yamlio in the tests.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from casplan.importer.ir import DEFAULT_LABELS, NAME_ROLES, ROLE_NAMES, PlanIR, Work

_QUOTED_DATE = re.compile(r"^(\s*(?:成文日期|印发日期|截止日期): )'(\d{4}-\d{2}-\d{2})'$", re.M)
PARTY = re.compile(r"中共|党组|党委|党工委|委员会$")


def labels_of(plan: PlanIR) -> tuple[dict[str, str], dict[str, str] | None]:
    """(role → label for every role, the 标签: mapping to declare or None for the embedded words).

    A plan in the embedded words and layout declares nothing (plan/ stays as it is). Any other
    plan declares every role it uses: a role the source names by a label takes that label, one it
    never labels (units in a parenthesis) its role name — 牵头单位, as a 国务院 plan's reader expects.
    """
    used = dict(plan.labels)
    default_shape = plan.layout == "标签行" and not structure_of(plan) and "units_first_leads" not in _roles_used(plan)
    if default_shape and all(DEFAULT_LABELS[r] == label for r, label in used.items()):
        return dict(DEFAULT_LABELS), None
    full = {role: used.get(role, ROLE_NAMES[role]) for role in ROLE_NAMES}
    # The words the source itself used; every other role takes its role name (docs/model.md §1).
    declared = {ROLE_NAMES[r]: full[r] for r in ROLE_NAMES if r in used}
    return full, declared or {ROLE_NAMES["lead_units"]: full["lead_units"]}


def _roles_used(plan: PlanIR) -> set[str]:
    roles: set[str] = set()
    for work in plan.works():
        roles.update(work.names)
        if work.measures is not None:
            roles.add("measures")
        if work.deadline is not None:
            roles.add("deadline")
    return roles


def structure_of(plan: PlanIR) -> dict[str, str]:
    out: dict[str, str] = {}
    if not plan.has_parts:
        out["部分"] = "无"
    if plan.has_groups:
        out["分组"] = "有"
    if plan.continuous:
        out["任务编号"] = "连续"
    elif plan.per_group:
        out["任务编号"] = "分组"
    if plan.task_style:
        out["任务序号"] = plan.task_style
    if plan.layout != "标签行":
        out["分工写法"] = plan.layout
    if plan.deadline_layout != "标签行":
        out["时限写法"] = plan.deadline_layout
    if plan.table is not None and _model_knows("表格"):
        out["表格"] = plan.table
        if plan.task_column and plan.task_column != "任务":
            out["任务列"] = plan.task_column
    return out


def _model_knows(key: str) -> bool:
    """Whether plan.yaml's 结构 accepts `key` in the model installed (docs/model.md adds keys as they land).

    Why: a table plan is kept as its table (结构.表格) once the model renders tables; before that it is
    written in labelled lines, which every model validates and renders.
    """
    from casplan import model

    decl = getattr(model, "StructureDecl", None)
    fields = getattr(decl, "model_fields", {}) if decl is not None else {}
    return any(f.alias == key for f in fields.values())


def section_name(n: int, title: str | None) -> str:
    words = re.sub(r"[^\w]", "", (title or "任务"))[:8] or "任务"
    return f"{n:02d}-{words}.yaml"


def files(plan: PlanIR) -> dict[str, str]:
    """Relative path → file text."""
    labels, declared = labels_of(plan)
    out: dict[str, str] = {}
    names = []
    for n, part in enumerate(plan.parts, start=1):
        name = section_name(n, part.title if plan.has_parts else None)
        names.append(name)
        out[f"sections/{name}"] = _dump(_section(plan, part.title, part.tasks, labels, part.groups))
    out["plan.yaml"] = _plan_yaml(plan, names, declared)
    if plan.leaders:
        out["leaders.yaml"] = _dump({"院领导": [{"姓名": n} for n in plan.leaders]})
    from casplan.importer.vocab import unit_kind

    depts: list[dict[str, Any]] = []
    for unit in plan.units:
        entry: dict[str, Any] = {"名称": unit}
        kind = unit_kind(unit)
        if kind != "部门":
            entry["类别"] = kind
        depts.append(entry)
    out["departments.yaml"] = _dump({"部门": depts})
    return out


def _plan_yaml(plan: PlanIR, sections: list[str], declared: dict[str, str] | None) -> str:
    data: dict[str, Any] = {}
    comments: list[str] = ["# 由 casplan import 从源文件导入。"]
    if declared:
        data["标签"] = declared
    if plan.other_labels:
        data["其他字段"] = _flow(plan.other_labels)
    structure = structure_of(plan)
    if structure:
        data["结构"] = structure
    notice = plan.notice
    if notice is not None:
        issuer = notice.signature or (notice.masthead or "").removesuffix("文件") or None
        masthead = notice.masthead
        if masthead is None and issuer:
            masthead = issuer + "文件"
            comments.append("# 发文机关标志：源文件未单列，按 GB/T 9704 7.2.4 取发文机关全称加“文件”。")
        _put(data, "发文机关", issuer)
        _put(data, "发文机关标志", masthead)
        if issuer and PARTY.search(issuer):
            data["党的机关"] = True
        _put(data, "发文字号", notice.doc_number)
        _put(data, "标题", _text(notice.title))
        _put(data, "主送机关", _flow(notice.recipients) if notice.recipients else None)
        _put(data, "正文", notice.body or None)
        if notice.attachment_note and notice.attachment_note != "附件：" + "".join((plan.title or "").split("\n")):
            data["附件说明"] = _text(notice.attachment_note)
        _put(data, "署名", notice.signature)
        _put(data, "成文日期", notice.date)
        _put(data, "抄送", _flow(notice.copy_to) if notice.copy_to else None)
        _put(data, "印发机关", notice.printer)
        _put(data, "印发日期", notice.print_date)
        if plan.inline:  # the plan is the notice's body: its parts follow the 正文
            data["部分"] = sections
        else:
            attachment: dict[str, Any] = {}
            _put(attachment, "标题", _text(plan.title))
            _put(attachment, "前言", plan.preamble or None)
            attachment["部分"] = sections
            data["附件"] = attachment
    else:
        _put(data, "标题", _text(plan.title))
        _put(data, "前言", plan.preamble or None)
        data["部分"] = sections
    return "\n".join(comments) + "\n" + _dump(data)


def _section(plan: PlanIR, title: str | None, tasks: list[Work], labels: dict[str, str],
             groups: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if plan.has_parts and title is not None:
        data["标题"] = _text(title)
    if plan.has_groups:
        data["分组"] = [
            {"标题": _text(group), "任务": [_work(plan, t, labels, task=True) for t in tasks if t.group == k]}
            for k, group in enumerate(groups)
        ]
        return data
    data["任务"] = [_work(plan, t, labels, task=True) for t in tasks]
    return data


def _work(plan: PlanIR, work: Work, labels: dict[str, str], *, task: bool) -> dict[str, Any]:
    data: dict[str, Any] = {"编号": work.id}
    if work.title is not None:
        data["标题" if task else "内容"] = _text(work.title)
    for role in NAME_ROLES:
        if role in work.names:
            data[labels[role]] = _flow(work.names[role])
    for label in plan.other_labels:
        if label in work.other:
            data[label] = _text(work.other[label])
    if work.measures is not None:
        data[labels["measures"]] = (
            _text(work.measures) if isinstance(work.measures, str) else [_text(m) for m in work.measures]
        )
    if task and work.subitems:
        if work.subitems_intro is not None:
            data["子项导语"] = work.subitems_intro
        data["子项"] = [_work(plan, s, labels, task=False) for s in work.subitems]
    if work.deadline is not None:
        data[labels["deadline"]] = _text(work.deadline)
    if work.wording is not None:
        wording = work.wording
        for role, label in labels.items():
            wording = wording.replace("{" + role + "}", "{" + label + "}")
        data["分工句式"] = wording
    return data


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        data[key] = value


class _Flow(list[str]):
    """A names list, written in flow style: [人事局, 办公厅]."""


class _Literal(str):
    """A text with line breaks, written as a literal block (|-) so the breaks stay the document's."""


def _flow(items: list[str]) -> _Flow:
    return _Flow(items)


def _text(value: str | None) -> Any:
    if value is None or "\n" not in value:
        return value
    return _Literal(value)


def _dump(data: dict[str, Any]) -> str:
    """The canonical form of plan files (what yamlio's ruamel round trip writes for them, and plan/ has).

    Why our own emitter: ruamel.yaml's took about 1 s for a 200-task plan, half the import budget.
    The quoting decisions are PyYAML's own (Emitter.analyze_scalar and the resolver), so a value is
    plain exactly when YAML reads it back as the same string; the tests compare the output with the
    files of plan/ byte for byte.
    """
    lines: list[str] = []
    _emit_map(data, 0, lines)
    # A date stays plain (成文日期: 2021-09-28), as plan files write it: our reader keeps it a string.
    return _QUOTED_DATE.sub(r"\1\2", "\n".join(lines) + "\n")


def _emit_map(data: dict[str, Any], indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for k, (key, value) in enumerate(data.items()):
        head = (first_prefix if first_prefix is not None and k == 0 else pad) + f"{key}:"
        if isinstance(value, dict):
            lines.append(head)
            _emit_map(value, indent + 2, lines)
        elif isinstance(value, _Flow):
            lines.append(f"{head} [{', '.join(_scalar(v, flow=True) for v in value)}]")
        elif isinstance(value, list):
            lines.append(head)
            for item in value:
                if isinstance(item, dict):
                    _emit_map(item, indent + 4, lines, first_prefix=" " * (indent + 2) + "- ")
                else:
                    lines.extend(_item_lines(item, indent + 2))
        elif isinstance(value, _Literal):
            lines.append(f"{head} |-")
            lines.extend(" " * (indent + 2) + line if line else "" for line in value.split("\n"))
        else:
            lines.append(f"{head} {_scalar(value)}")


def _item_lines(item: Any, indent: int) -> list[str]:
    pad = " " * indent + "- "
    if isinstance(item, _Literal):
        return [pad + "|-", *(" " * (indent + 4) + line if line else "" for line in item.split("\n"))]
    return [pad + _scalar(item)]


_ANALYZER: Any = None


def _scalar(value: Any, *, flow: bool = False) -> str:
    global _ANALYZER
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    import io

    import yaml

    if _ANALYZER is None:
        _ANALYZER = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
    analysis = _ANALYZER.analyze_scalar(text)
    plain = analysis.allow_flow_plain if flow else analysis.allow_block_plain
    resolved = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if plain and text and (resolved == "tag:yaml.org,2002:str" or _ISO.fullmatch(text)):
        return text
    if analysis.allow_single_quoted and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    import json

    return json.dumps(text, ensure_ascii=False)


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def write(plan: PlanIR, out: Path) -> list[str]:
    """Write the files under `out` (which the caller made ready); return their relative paths."""
    from casplan.yamlio import atomic_write

    written = files(plan)
    for rel, text in written.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
    return list(written)

