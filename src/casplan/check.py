"""Checks across files: ids, registries, roles, deadlines — what a schema cannot see.

The checks read the parsed documents, not the models, so a file with a schema
error (a wrong type somewhere) still gets its names, ids and deadlines checked:
one run shows every problem. Values of the wrong shape are left to the schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from casplan.deadline import read_deadline
from casplan.diagnostics import Diagnostic, did_you_mean
from casplan.load import Loaded, LoadedPlan, Section
from casplan.model import ETC
from casplan.registry import Registry, department_registry, leader_registry
from casplan.yamlio import Document, YamlPath

# (lead label, assist label, registry kind): the YAML labels of each role pair.
ROLE_PAIRS = (("牵头院领导", "配合院领导", "leader"), ("牵头部门", "协助部门", "department"))


@dataclass(frozen=True)
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
        tasks = doc.data.get("任务") if doc is not None and isinstance(doc.data, dict) else None
        if doc is None or not isinstance(tasks, list):
            continue
        for t, task in enumerate(tasks):
            if not isinstance(task, dict):
                continue
            yield Work(section.file, doc, ("任务", t), task, task)
            subs = task.get("子项")
            for s, sub in enumerate(subs if isinstance(subs, list) else []):
                if isinstance(sub, dict):
                    yield Work(section.file, doc, ("任务", t, "子项", s), sub, task)


def check_plan(plan: LoadedPlan) -> list[Diagnostic]:
    """Every cross-file problem of a loaded plan."""
    out: list[Diagnostic] = []
    # A registry that failed to load is already reported; checking names against
    # it would call every name in the plan unknown.
    leaders = leader_registry(plan.leaders.model) if plan.leaders.model else None
    departments = department_registry(plan.departments.model) if plan.departments.model else None
    _check_registry(plan.leaders, "院领导", "姓名", out)
    _check_registry(plan.departments, "部门", "名称", out)
    work = list(iter_work(plan.sections))
    _check_ids(work, out)
    for w in work:
        _check_names(w, leaders, departments, out)
        _check_deadline(w, out)
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


def _check_names(w: Work, leaders: Registry | None, departments: Registry | None, out: list[Diagnostic]) -> None:
    for lead_key, assist_key, kind in ROLE_PAIRS:
        registry = leaders if kind == "leader" else departments
        if registry is None:
            continue
        leads = _resolved(w, lead_key, registry, kind, out)
        assists = _resolved(w, assist_key, registry, kind, out)
        _check_both_roles(w, (lead_key, leads), (assist_key, assists), kind, out)


def _resolved(w: Work, key: str, registry: Registry, kind: str, out: list[Diagnostic]) -> dict[str, int]:
    """Canonical name → index, for the names written under `key`; reports what is wrong."""
    names = w.names(key)
    resolved: dict[str, int] = {}
    written = w.data.get(key)
    last = len(written) - 1 if isinstance(written, list) else -1  # a number or a mapping: the model reports it
    for k, name in names:
        pos = w.pos(key, k)
        if name == ETC:
            if k != last or k == 0:
                msg = f"“{ETC}”只能作为名单的最后一项，且前面至少有一个名称"
                out.append(Diagnostic.make(w.file, pos, "misplaced-etc", msg))
            continue
        canonical = registry.resolve(name)
        if canonical is None:
            out.append(_unknown(w.file, pos, name, registry, kind))
        elif canonical in resolved:
            out.append(Diagnostic.make(w.file, pos, "duplicate-name", f"“{name}”在{key}中重复"))
        else:
            resolved[canonical] = k
    return resolved


def _check_both_roles(
    w: Work, lead: tuple[str, dict[str, int]], assist: tuple[str, dict[str, int]], kind: str, out: list[Diagnostic]
) -> None:
    """Nobody both leads and assists the same work; a sub-item counts its inherited roles too."""
    role = "牵头院领导又是配合院领导" if kind == "leader" else "牵头部门又是协助部门"
    (lead_key, leads), (assist_key, assists) = lead, assist
    if w.inherits(lead_key) and w.inherits(assist_key):
        return  # both come from the task, which is checked on its own
    if w.inherits(lead_key):
        leads = _task_names(w, lead_key)
    if w.inherits(assist_key):
        assists = _task_names(w, assist_key)
    for name in leads.keys() & assists.keys():
        key, index = (lead_key, leads[name]) if w.inherits(assist_key) else (assist_key, assists[name])
        written = w.data[key][index]  # the spelling on the reported line, alias or not
        inherited = "（沿用所属任务的名单）" if w.inherits(lead_key) or w.inherits(assist_key) else ""
        msg = f"“{written}”在{w.label} 中既是{role}{inherited}"
        out.append(Diagnostic.make(w.file, w.pos(key, index), "lead-and-assist", msg))


def _task_names(w: Work, key: str) -> dict[str, int]:
    value = w.task.get(key)
    names = value if isinstance(value, list) else []
    return {n: k for k, n in enumerate(names) if isinstance(n, str) and n != ETC}


def _unknown(file: str, pos: tuple[int, int], name: str, registry: Registry, kind: str) -> Diagnostic:
    hint = did_you_mean(registry.nearest(name))
    if kind == "leader":
        return Diagnostic.make(file, pos, "unknown-leader", f"未知院领导“{name}”{hint or '，请先在 leaders.yaml 中登记'}")
    return Diagnostic.make(file, pos, "unknown-department", f"未知部门“{name}”{hint or '，请先在 departments.yaml 中登记'}")


def _has_deadline(data: dict[str, Any]) -> bool:
    return "时间期限" in data or "截止日期" in data


def _check_deadline(w: Work, out: list[Diagnostic]) -> None:
    text = w.data.get("时间期限")
    if isinstance(text, str) and text.strip() and "截止日期" not in w.data and not read_deadline(text):
        msg = f"无法从时间期限“{text}”读出日期或“持续推进”等；可加“截止日期: YYYY-MM-DD”"
        out.append(Diagnostic.make(w.file, w.pos("时间期限"), "unreadable-deadline", msg))
    if _has_deadline(w.data):
        return
    if w.is_task and w.data.get("子项"):  # the sub-items carry the deadlines
        return
    if not w.is_task and _has_deadline(w.task):  # inherited from the task
        return
    out.append(Diagnostic.make(w.file, w.pos(), "missing-deadline", f"{w.label} 没有时间期限"))


def _check_notice(plan: LoadedPlan, out: list[Diagnostic]) -> None:
    notice = plan.notice
    if notice.model is not None and notice.model.doc_number is None and notice.doc is not None:
        msg = "通知没有发文字号（如属实可忽略；不要编造）"
        out.append(Diagnostic.make(notice.file, notice.doc.pos(()), "missing-doc-number", msg))
