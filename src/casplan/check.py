"""Checks across files: ids, registries, roles, deadlines — what a schema cannot see.

The checks read the parsed documents, not the models, so a file with a schema
error (a wrong type somewhere) still gets its names, ids and deadlines checked:
one run shows every problem. Values of the wrong shape are left to the schema.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from casplan.deadline import Kind, read
from casplan.diagnostics import Diagnostic, did_you_mean
from casplan import labels as roles
from casplan.labels import DEFAULT, Labels
from casplan.load import Loaded, LoadedPlan, Section
from casplan.model import ETC, Notice
from casplan.registry import Registry, department_registry, leader_registry
from casplan.yamlio import Document, YamlPath


def role_pairs(labels: Labels = DEFAULT) -> tuple[tuple[str, str, str], ...]:
    """(lead label, assist label, registry kind): this plan's YAML labels of each role pair."""
    return (
        (labels.label("lead_leaders"), labels.label("assist_leaders"), "leader"),
        (labels.label("lead_units"), labels.label("assist_units"), "department"),
    )


ROLE_PAIRS = role_pairs()
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(slots=True)
class Work:
    """A task or a sub-item as written: its mapping, where it sits, and its task's mapping."""

    file: str
    doc: Document
    path: YamlPath
    data: dict[str, Any]
    task: dict[str, Any]

    @property
    def is_task(self) -> bool:
        return self.data is self.task

    @property
    def id(self) -> str | None:
        value = self.data.get("编号")
        return value if isinstance(value, str) and value.strip() else None

    @property
    def label(self) -> str:
        return f"{'任务' if self.is_task else '子项'} {self.id or self.path_text}"

    @property
    def path_text(self) -> str:
        return "/".join(str(seg) for seg in self.path)

    def pos(self, *rest: str | int, at_key: bool = False) -> tuple[int, int]:
        return self.doc.pos((*self.path, *rest), at_key=at_key)

    def names(self, key: str) -> list[tuple[int, str]]:
        """(index, name) of the non-empty names written under `key` here."""
        value = self.data.get(key)
        if not isinstance(value, list):
            return []
        return [(k, n) for k, n in enumerate(value) if isinstance(n, str) and n.strip()]

    def inherits(self, key: str) -> bool:
        """A sub-item without its own `key` takes the task's (the seven proposals of the final part)."""
        return not self.is_task and key not in self.data


def iter_work(sections: list[Section]) -> Iterator[Work]:
    """Every task and sub-item written in the section files, in document order."""
    for section in sections:
        doc = section.doc
        if doc is None:
            continue
        for where, tasks in task_lists(doc.data):
            for t, task in enumerate(tasks):
                if not isinstance(task, dict):
                    continue
                yield Work(section.file, doc, (*where, t), task, task)
                subs = task.get("子项")
                for s, sub in enumerate(subs if isinstance(subs, list) else []):
                    if isinstance(sub, dict):
                        yield Work(section.file, doc, (*where, t, "子项", s), sub, task)


def task_lists(data: Any) -> Iterator[tuple[YamlPath, list[Any]]]:
    """(path, list) of every task list a section file writes: `任务`, or each group's under `分组`."""
    if not isinstance(data, dict):
        return
    if isinstance(data.get("任务"), list):
        yield ("任务",), data["任务"]
    groups = data.get("分组")
    for g, group in enumerate(groups if isinstance(groups, list) else []):
        if isinstance(group, dict) and isinstance(group.get("任务"), list):
            yield ("分组", g, "任务"), group["任务"]


def check_plan(plan: LoadedPlan) -> list[Diagnostic]:
    """Every cross-file problem of a loaded plan."""
    out: list[Diagnostic] = []
    # A registry that failed to load is already reported; checking names against
    # it would call every name in the plan unknown.
    labels = plan.labels
    leaders = leader_registry(plan.leaders.model, labels) if plan.leaders.model or not plan.has_leaders else None
    departments = department_registry(plan.departments.model, labels) if plan.departments.model else None
    _check_registry(plan.leaders, "院领导", "姓名", out)
    _check_registry(plan.departments, "部门", "名称", out)
    work = list(iter_work(plan.sections))
    _check_ids(work, out)
    if labels.structure.has_parts:
        _check_titles(work, out)
    context = _context_date(plan)
    leader_keys = {labels.label("lead_leaders"), labels.label("assist_leaders")}
    if not plan.has_leaders and any(leader_keys & set(w.data) for w in work):
        # Leaders are cited but none are registered: one line for the missing registry, not one per name.
        out.append(Diagnostic.make(plan.leaders.file, (0, 0), "missing-file", "缺少文件 leaders.yaml"))
        leaders = None
    deadline_key = labels.label("deadline")
    any_deadline = any(deadline_key in w.data or "截止日期" in w.data for w in work)
    pairs = role_pairs(labels)
    for w in work:
        _check_names(w, leaders, departments, labels, out, has_leaders=plan.has_leaders, pairs=pairs)
        _check_units_layout(w, labels, out)
        _check_deadline(w, context, out, deadline_key, warn_missing=any_deadline)
    _check_notice(plan, out)
    return out


def _check_registry(loaded: Loaded[Any], top: str, name_key: str, out: list[Diagnostic]) -> None:
    """A spelling (name or alias) registered twice."""
    if loaded.model is None or loaded.doc is None:
        return
    seen: dict[str, tuple[int, int]] = {}
    for i, entry in enumerate(loaded.doc.data[top]):
        spellings: list[tuple[str, YamlPath]] = [(entry[name_key], (top, i, name_key))]
        spellings += [(a, (top, i, "别名", j)) for j, a in enumerate(entry.get("别名", []))]
        for spelling, path in spellings:
            pos = loaded.doc.pos(path)
            if spelling in seen:
                first = seen[spelling]
                msg = f"名称“{spelling}”重复登记（首次出现在第 {first[0]} 行第 {first[1]} 列）"
                out.append(Diagnostic.make(loaded.file, pos, "duplicate-name", msg))
            else:
                seen[spelling] = pos


def _check_ids(work: list[Work], out: list[Diagnostic]) -> None:
    first: dict[str, Work] = {}
    for w in work:
        if w.id is None:
            continue
        if w.id in first:
            f = first[w.id]
            line, col = f.pos("编号")
            msg = f"编号“{w.id}”重复（首次出现在 {f.file}:{line}:{col}）"
            out.append(Diagnostic.make(w.file, w.pos("编号"), "duplicate-id", msg))
        else:
            first[w.id] = w


def _check_titles(work: list[Work], out: list[Diagnostic]) -> None:
    """Only a part's single task may go without a 标题: else its fields would print under the task before it."""
    tasks: dict[int, list[Work]] = {}
    for w in work:
        if w.is_task:
            tasks.setdefault(id(w.doc), []).append(w)
    for group in tasks.values():
        if len(group) < 2:
            continue
        for w in group:
            if "标题" not in w.data:
                msg = f"{w.label} 缺少“标题”：本部分有 {len(group)} 项任务，每项都要写标题（只有一项工作时才可省略）"
                out.append(Diagnostic.make(w.file, w.pos(), "missing-key", msg))


def _check_names(w: Work, leaders: Registry | None, departments: Registry | None, labels: Labels,
                 out: list[Diagnostic], *, has_leaders: bool = True,
                 pairs: tuple[tuple[str, str, str], ...] | None = None) -> None:
    for lead_key, assist_key, kind in pairs or role_pairs(labels):
        registry = leaders if kind == "leader" else departments
        if registry is None:
            continue
        leads = _resolved(w, lead_key, registry, kind, out, has_leaders)
        assists = _resolved(w, assist_key, registry, kind, out, has_leaders)
        if (leads and assists) or not w.is_task:  # a task names a clash only on both sides
            _check_both_roles(w, (lead_key, leads), (assist_key, assists), kind, out, labels, registry)
    if departments is not None:
        _resolved(w, labels.label("units_first_leads"), departments, "department", out, has_leaders)


def _check_units_layout(w: Work, labels: Labels, out: list[Diagnostic]) -> None:
    """负责单位 stands alone; a 分工句式 names only labels this work carries."""
    first = labels.label("units_first_leads")
    if first in w.data:
        for role in ("lead_units", "assist_units"):
            other = labels.label(role)
            if other in w.data:
                msg = f"“{first}”（列第一位者牵头）不能与“{other}”同用，请只用一种写法"
                out.append(Diagnostic.make(w.file, w.pos(other, at_key=True), "mixed-roles", msg))
    if labels.structure.units == "括号" and w.is_task and not any(
            w.data.get(k) for k in ("标题", labels.label("measures"), "子项导语")):
        carried = [labels.label(r) for r in roles.UNIT_ROLES if w.data.get(labels.label(r))] + \
            (["分工句式"] if w.data.get("分工句式") else [])
        if carried:  # the parenthesis closes the task's text; with none, it would not be printed
            msg = f"括号写法下，{w.label} 的“{carried[0]}”无处可印：任务需要“标题”“{labels.label('measures')}”或“子项导语”"
            out.append(Diagnostic.make(w.file, w.pos(carried[0], at_key=True), "missing-key", msg))
    wording = w.data.get("分工句式")
    if not isinstance(wording, str):
        return
    allowed = {labels.label(r) for r in roles.NAME_ROLES} | set(labels.other) | {labels.label("deadline")}
    for name in _PLACEHOLDER.findall(wording):
        if name not in allowed:
            hint = did_you_mean(_nearest(name, allowed))
            msg = f"分工句式中的“{{{name}}}”不是本方案的标签{hint}"
            out.append(Diagnostic.make(w.file, w.pos("分工句式"), "bad-value", msg))
        elif name not in w.data and not (w.inherits(name) and name in w.task):
            msg = f"分工句式用了“{{{name}}}”，但{w.label} 没有“{name}”"
            out.append(Diagnostic.make(w.file, w.pos("分工句式"), "bad-value", msg))


def _nearest(name: str, allowed: set[str]) -> list[str]:
    from casplan.diagnostics import suggest

    return suggest(name, sorted(allowed))


def _resolved(w: Work, key: str, registry: Registry, kind: str, out: list[Diagnostic],
              has_leaders: bool = True) -> dict[str, int]:
    """Canonical name → index, for the names written under `key`; reports what is wrong."""
    if key not in w.data:
        return {}
    names = w.names(key)
    resolved: dict[str, int] = {}
    written = w.data.get(key)
    last = len(written) - 1 if isinstance(written, list) else -1  # a number or a mapping: the model reports it
    for k, name in names:
        if name == ETC:
            if k != last or k == 0:
                msg = f"“{ETC}”只能作为名单的最后一项，且前面至少有一个名称"
                out.append(Diagnostic.make(w.file, w.pos(key, k), "misplaced-etc", msg))
            continue
        canonical = registry.resolve(name)
        if canonical is not None and canonical != name:  # printed as written: the document would show the alias
            msg = f"“{name}”是“{canonical}”的别名；正式文件中应写全称“{canonical}”"
            out.append(Diagnostic.make(w.file, w.pos(key, k), "alias-in-text", msg))
        if canonical is None and kind == "leader" and not has_leaders:
            msg = f"本方案没有 leaders.yaml，不能写{key}“{name}”；如需登记领导，请添加 leaders.yaml"
            out.append(Diagnostic.make(w.file, w.pos(key, k), "unknown-leader", msg))
        elif canonical is None:
            out.append(_unknown(w.file, w.pos(key, k), name, registry, kind))
        elif canonical in resolved:
            out.append(Diagnostic.make(w.file, w.pos(key, k), "duplicate-name", f"“{name}”在{key}中重复"))
        else:
            resolved[canonical] = k
    return resolved


def _check_both_roles(
    w: Work, lead: tuple[str, dict[str, int]], assist: tuple[str, dict[str, int]], kind: str, out: list[Diagnostic],
    labels: Labels = DEFAULT, registry: Registry | None = None,
) -> None:
    """Nobody both leads and assists the same work; a sub-item counts its inherited roles too."""
    (lead_key, leads), (assist_key, assists) = lead, assist
    role = f"{lead_key}又是{assist_key}"
    if w.inherits(lead_key) and w.inherits(assist_key):
        return  # both come from the task, which is checked on its own
    if w.inherits(lead_key):
        leads = _task_names(w, lead_key, registry)
    if w.inherits(assist_key):
        assists = _task_names(w, assist_key, registry)
    for name in leads.keys() & assists.keys():
        key, index = (lead_key, leads[name]) if w.inherits(assist_key) else (assist_key, assists[name])
        written = w.data[key][index]  # the spelling on the reported line, alias or not
        inherited = "（沿用所属任务的名单）" if w.inherits(lead_key) or w.inherits(assist_key) else ""
        msg = f"“{written}”在{w.label} 中既是{role}{inherited}"
        out.append(Diagnostic.make(w.file, w.pos(key, index), "lead-and-assist", msg))


def _task_names(w: Work, key: str, registry: Registry | None = None) -> dict[str, int]:
    value = w.task.get(key)
    names = value if isinstance(value, list) else []
    # Resolved like the sub-item's own names: an alias on one side and the full name on the other are one unit.
    return {(registry.resolve(n) if registry else None) or n: k for k, n in enumerate(names)
            if isinstance(n, str) and n != ETC}


def _unknown(file: str, pos: tuple[int, int], name: str, registry: Registry, kind: str) -> Diagnostic:
    parts = [p.strip() for p in re.split("[，、]", name)]
    if len(parts) > 1 and all(registry.resolve(p) for p in parts):
        fixed = ", ".join(parts)
        msg = f"“{name}”是用全角“，”或“、”连在一起的几个名称；名单各项以半角逗号分隔：[{fixed}]"
        return Diagnostic.make(file, pos, "typing-slip", msg)
    hint = did_you_mean(registry.nearest(name))
    if kind == "leader":
        return Diagnostic.make(file, pos, "unknown-leader", f"未知{registry.what}“{name}”{hint or '，请先在 leaders.yaml 中登记'}")
    return Diagnostic.make(file, pos, "unknown-department", f"未知{registry.what}“{name}”{hint or '，请先在 departments.yaml 中登记'}")


def _has_deadline(data: dict[str, Any], key: str) -> bool:
    return key in data or "截止日期" in data


def _context_date(plan: LoadedPlan) -> date | None:
    """The plan's 成文日期, which places a deadline written without a year (a plan may have none)."""
    day = getattr(plan.notice.model, "date", None)
    return date.fromisoformat(day) if isinstance(day, str) else None


def _check_deadline(
    w: Work, context: date | None, out: list[Diagnostic], key: str = "时间期限", *, warn_missing: bool = True
) -> None:
    text = w.data.get(key)
    if isinstance(text, str) and text.strip() and "截止日期" not in w.data:
        _check_reading(w, text, context, out, key)
    if _has_deadline(w.data, key) or not warn_missing:  # a plan with no deadline at all is not warned item by item
        return
    if w.is_task and w.data.get("子项"):  # the sub-items carry the deadlines
        return
    if not w.is_task and _has_deadline(w.task, key):  # inherited from the task
        return
    out.append(Diagnostic.make(w.file, w.pos(), "missing-deadline", f"{w.label} 没有{key}"))


_ANY_DAY = date(2000, 1, 1)  # only to tell "needs a year" from "cannot be read at all"


def _check_reading(w: Work, text: str, context: date | None, out: list[Diagnostic], key: str = "时间期限") -> None:
    """Unreadable (nothing read, or a time-like word not used), or read only against the 成文日期 or an event."""
    reading = read(text, context)
    if reading.readable and not any(m.contextual or m.kind is Kind.RELATIVE for m in reading.milestones):
        return  # the common case, before looking up where the text sits
    pos = w.pos(key)
    if context is None and not reading.readable and read(text, _ANY_DAY).readable:
        msg = f"{key}“{text}”没有写年份，方案也没有成文日期可参照；可写明年份或加“截止日期: YYYY-MM-DD”"
        out.append(Diagnostic.make(w.file, pos, "unreadable-deadline", msg))
        return
    if not reading.milestones:
        msg = f"无法从{key}“{text}”读出日期或“持续推进”等；可加“截止日期: YYYY-MM-DD”"
        out.append(Diagnostic.make(w.file, pos, "unreadable-deadline", msg))
        return
    if reading.unread:
        words = "”“".join(dict.fromkeys(reading.unread))
        msg = f"{key}“{text}”中的“{words}”无法解读，未计入节点；可改写或加“截止日期: YYYY-MM-DD”"
        out.append(Diagnostic.make(w.file, pos, "unreadable-deadline", msg))
        return
    for m in reading.milestones:
        if m.kind is Kind.RELATIVE and m.date is None:
            msg = f"{key}“{text}”从“{m.event}”起算，日期未定；可写明日期或加“截止日期: YYYY-MM-DD”"
        elif m.contextual and (day := m.date or m.start) is not None:
            why = f"从“{m.event}”起算" if m.event else "没有写年份"
            read_as = f"自 {day.isoformat()} 起" if m.date is None else day.isoformat()
            write = "日期" if m.event else "年份"
            msg = f"{key}“{text}”{why}，按成文日期读作 {read_as}；可写明{write}或加“截止日期: YYYY-MM-DD”"
        else:
            continue
        out.append(Diagnostic.make(w.file, pos, "relative-deadline", msg))
        return


def _check_notice(plan: LoadedPlan, out: list[Diagnostic]) -> None:
    notice = plan.notice
    if isinstance(notice.model, Notice) and notice.model.doc_number is None and notice.doc is not None:
        msg = "通知没有发文字号（如属实可忽略；不要编造）"
        out.append(Diagnostic.make(notice.file, notice.doc.pos(()), "missing-doc-number", msg))
    if notice.doc is not None and notice.model is not None:
        for path, msg in roles.problems(notice.doc.data):
            out.append(Diagnostic.make(notice.file, notice.doc.pos(path), "bad-value", msg))
