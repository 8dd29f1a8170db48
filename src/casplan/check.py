"""Checks across files: ids, registries, roles, deadlines — what a schema cannot see."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from casplan.diagnostics import Diagnostic, did_you_mean
from casplan.load import Loaded, LoadedPlan, Section
from casplan.model import ETC, SubItem, Task
from casplan.registry import Registry, department_registry, leader_registry
from casplan.yamlio import Document, YamlPath

# (lead label, assist label, registry kind): the YAML labels of each role pair.
ROLE_PAIRS = (("牵头院领导", "配合院领导", "leader"), ("牵头部门", "协助部门", "department"))
FIELDS = {"牵头院领导": "lead_leaders", "配合院领导": "assist_leaders", "牵头部门": "lead_depts", "协助部门": "assist_depts"}


@dataclass(frozen=True)
class Work:
    """A task or a sub-item, where it sits, and the task it belongs to."""

    section: Section
    path: YamlPath
    item: Task | SubItem
    task: Task

    @property
    def doc(self) -> Document:
        assert self.section.doc is not None  # a section with a model was parsed
        return self.section.doc

    def pos(self, *rest: str | int, at_key: bool = False) -> tuple[int, int]:
        return self.doc.pos((*self.path, *rest), at_key=at_key)


def iter_work(sections: list[Section]) -> Iterator[Work]:
    """Every task and sub-item of the plan, in document order."""
    for section in sections:
        if section.model is None:
            continue
        for t, task in enumerate(section.model.tasks):
            yield Work(section, ("任务", t), task, task)
            for s, sub in enumerate(task.subitems or []):
                yield Work(section, ("任务", t, "子项", s), sub, task)


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
        if w.item.id in first:
            f = first[w.item.id]
            line, col = f.pos("编号")
            msg = f"编号“{w.item.id}”重复（首次出现在 {f.section.file}:{line}:{col}）"
            out.append(Diagnostic.make(w.section.file, w.pos("编号"), "duplicate-id", msg))
        else:
            first[w.item.id] = w


def _check_names(w: Work, leaders: Registry | None, departments: Registry | None, out: list[Diagnostic]) -> None:
    for lead_key, assist_key, kind in ROLE_PAIRS:
        registry = leaders if kind == "leader" else departments
        if registry is None:
            continue
        resolved: dict[str, set[str]] = {}
        for key in (lead_key, assist_key):
            names: list[str] = getattr(w.item, FIELDS[key]) or []
            resolved[key] = set()
            listed: set[str] = set()
            for k, name in enumerate(names):
                pos = w.pos(key, k)
                if name == ETC:
                    if k != len(names) - 1 or k == 0:
                        msg = f"“{ETC}”只能作为名单的最后一项，且前面至少有一个名称"
                        out.append(Diagnostic.make(w.section.file, pos, "misplaced-etc", msg))
                    continue
                canonical = registry.resolve(name)
                if canonical is None:
                    out.append(_unknown(w.section.file, pos, name, registry, kind))
                    continue
                if canonical in listed:
                    out.append(Diagnostic.make(w.section.file, pos, "duplicate-name", f"“{name}”在{key}中重复"))
                listed.add(canonical)
                if key == assist_key and canonical in resolved[lead_key]:
                    role = "牵头院领导又是配合院领导" if kind == "leader" else "牵头部门又是协助部门"
                    msg = f"“{name}”在 {w.item.id} 中既是{role}"
                    out.append(Diagnostic.make(w.section.file, pos, "lead-and-assist", msg))
                resolved[key].add(canonical)


def _unknown(file: str, pos: tuple[int, int], name: str, registry: Registry, kind: str) -> Diagnostic:
    hint = did_you_mean(registry.nearest(name))
    if kind == "leader":
        return Diagnostic.make(file, pos, "unknown-leader", f"未知院领导“{name}”{hint or '，请先在 leaders.yaml 中登记'}")
    return Diagnostic.make(file, pos, "unknown-department", f"未知部门“{name}”{hint or '，请先在 departments.yaml 中登记'}")


def _check_deadline(w: Work, out: list[Diagnostic]) -> None:
    item = w.item
    if item.deadline is not None or item.due is not None:
        return
    if isinstance(item, Task):
        if item.subitems:  # the sub-items carry the deadlines
            return
        label = f"任务 {item.id}"
    else:
        if w.task.deadline is not None or w.task.due is not None:  # inherited from the task
            return
        label = f"子项 {item.id}"
    out.append(Diagnostic.make(w.section.file, w.pos(), "missing-deadline", f"{label} 没有时间期限"))


def _check_notice(plan: LoadedPlan, out: list[Diagnostic]) -> None:
    notice = plan.notice
    if notice.model is not None and notice.model.doc_number is None and notice.doc is not None:
        msg = "通知没有发文字号（如属实可忽略；不要编造）"
        out.append(Diagnostic.make(notice.file, notice.doc.pos(()), "missing-doc-number", msg))
