"""One side of a diff as comparable facts: items by 编号, parts, notice, registries, progress.

A side may have validation errors: a section file whose schema failed still
gives every task that validates on its own, so one bad task does not hide
the others. What could not be read is listed, and the side's errors are kept
so the report can say which side is broken.

This module is the adapter to the rest of casplan (load, check, query rows):
when labels or rows change there, the change stops here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import BaseModel, ValidationError

from casplan.check import check_plan
from casplan.deadline import Milestone
from casplan.diagnostics import Diagnostic, Severity
from casplan.diff.progress import Status, read_statuses
from casplan.diff.sources import Side
from casplan.load import LoadedPlan, load_plan
from casplan.model import Part, Task
from casplan.plan import Plan
from casplan.query import Row, heading, rows
from casplan.registry import Registry, department_registry, leader_registry

MEASURES, DEADLINE = "具体举措", "时间期限"
INTRO = "子项导语"
SKIP_NOTICE = (("附件", "部分"),)  # the section order: reported as part changes


@dataclass(frozen=True)
class Item:
    """A task or sub-item as the diff compares it."""

    id: str
    is_task: bool
    task_id: str
    part: int  # 0-based index into Snapshot.parts
    where: str  # 九、（四） or 十五、reform-advice（2）
    text: str  # a task's 标题 (or its part's), a sub-item's 内容
    fields: dict[str, str]  # label → text compared character by character
    names: dict[str, list[str]]  # role label → names as written (with a trailing 等)
    inherited: frozenset[str]  # role labels a sub-item takes from its task
    deadline: str | None
    milestones: tuple[Milestone, ...]
    deadline_inherited: bool
    deadline_label: str = "时间期限"  # the plan's own word (完成时限 …)

    @property
    def kind(self) -> str:
        return "任务" if self.is_task else "子项"


@dataclass(frozen=True)
class PartInfo:
    file: str  # the file name as listed in plan.yaml
    title: str
    ids: tuple[str, ...]  # its tasks' 编号, in order

    def label(self, index: int) -> str:
        return f"{heading_of_part(index)}{self.title}"


def heading_of_part(index: int) -> str:
    from casplan.render.numbering import chinese_number

    return f"{chinese_number(index + 1)}、"


@dataclass
class Snapshot:
    side: Side
    items: dict[str, Item] = field(default_factory=dict)  # in document order
    parts: list[PartInfo] = field(default_factory=list)
    notice: dict[str, str] = field(default_factory=dict)  # 发文机关, 附件·标题 … → text
    leaders: Registry = field(default_factory=lambda: Registry("院领导"))
    departments: Registry = field(default_factory=lambda: Registry("部门"))
    progress: dict[str, Status] | None = None
    errors: list[Diagnostic] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # files (or tasks) left out
    unread_ids: set[str] = field(default_factory=set)  # 编号 written in what was left out


def snapshot(side: Side) -> Snapshot:
    loaded = load_plan(side.root)
    problems = loaded.diagnostics + check_plan(loaded)
    errors = sorted((d for d in problems if d.severity is Severity.ERROR), key=Diagnostic.sort_key)
    snap = Snapshot(side, errors=[_shown(side, d) for d in errors])
    snap.leaders = leader_registry(loaded.leaders.model)
    snap.departments = department_registry(loaded.departments.model)
    parts = _parts(loaded, snap)
    snap.parts = [PartInfo(s.name, p.title or "", tuple(t.id for t in p.tasks)) for s, p in zip(loaded.sections, parts)]
    tasks = {t.id: t for p in parts for t in p.tasks}
    # rows() reads only the parts; the notice may be missing on a broken side.
    plan = _as_plan(loaded, parts, snap)
    words = (_label(loaded, "measures", MEASURES), _label(loaded, "deadline", DEADLINE))
    cache: dict[_Key, list[Milestone]] = {}
    for row in rows(plan):
        if row.id not in snap.items:  # a duplicate 编号 is an error on that side; the first one counts
            snap.items[row.id] = _item(row, tasks.get(row.id), words, cache)
    data = loaded.notice.doc.data if loaded.notice.doc is not None else None
    snap.notice = _flatten(data, ()) if isinstance(data, dict) else {}
    snap.progress = read_statuses(side.root)
    return snap


def _as_plan(loaded: LoadedPlan, parts: list[Any], snap: Snapshot) -> Plan:
    """The Plan that query.rows reads: the parts (and the plan's labels, where plans declare them).

    A broken side may have no notice; rows() does not read it.
    """
    extra: dict[str, Any] = {"labels": loaded.labels} if hasattr(loaded, "labels") else {}
    notice = cast(Any, loaded.notice.model)
    return Plan(snap.side.root, notice, cast(Any, parts), snap.leaders, snap.departments, **extra)


def _shown(side: Side, d: Diagnostic) -> Diagnostic:
    return Diagnostic(side.display(d.file), d.line, d.column, d.code, d.message, d.severity)


def _parts(loaded: LoadedPlan, snap: Snapshot) -> list[Any]:
    """Every listed section as its model; a file that failed its schema keeps the tasks that validate.

    Why: one misspelt key must not make every other task of the file look removed.
    The failing tasks are found from the validation errors' locations and left
    out, so this works with whatever section model the plan's labels give.
    """
    model_class = next((type(s.model) for s in loaded.sections if s.model is not None), Part)
    out: list[Any] = []
    for section in loaded.sections:
        if section.model is not None:
            out.append(section.model)
            continue
        data = section.doc.data if section.doc is not None else None
        model, dropped = _salvage(model_class, data)
        for entry in dropped:
            snap.unread_ids.update(_ids_in(entry))
        title = data.get("标题") if isinstance(data, dict) else None
        if model is None:
            snap.unread_ids.update(i for entry in _task_entries(data) for i in _ids_in(entry))
            snap.unread.append(section.file)
            out.append(Part.model_construct(title=title if isinstance(title, str) else section.name, tasks=[]))
        else:
            snap.unread.append(f"{section.file}（部分任务）")
            out.append(model)
    snap.unread = [snap.side.display(f) for f in snap.unread]
    return out


def _task_entries(data: Any) -> list[Any]:
    raw = data.get("任务") if isinstance(data, dict) else None
    return raw if isinstance(raw, list) else []


def _salvage(model_class: type[BaseModel], data: Any) -> tuple[BaseModel | None, list[Any]]:
    """The section validated without its failing tasks, and those tasks; (None, []) when the file itself fails."""
    if not isinstance(data, dict):
        return None, []
    data = dict(data)
    dropped: list[Any] = []
    for _ in range(3):  # errors in tasks, then perhaps a task list left empty
        try:
            return model_class.model_validate(data), dropped
        except ValidationError as exc:
            bad = {e["loc"][1] for e in exc.errors() if len(e["loc"]) >= 2 and e["loc"][0] == "任务" and isinstance(e["loc"][1], int)}
            tasks = data.get("任务")
            if not bad or not isinstance(tasks, list):
                return None, []
            dropped += [t for k, t in enumerate(tasks) if k in bad]
            data["任务"] = [t for k, t in enumerate(tasks) if k not in bad]
            if not data["任务"]:
                return None, []
    return None, []


def _ids_in(entry: Any) -> list[str]:
    """The 编号 of a task as written, and of its sub-items, however broken the rest is."""
    if not isinstance(entry, dict):
        return []
    subs = entry.get("子项")
    found = [entry.get("编号"), *(s.get("编号") for s in subs if isinstance(s, dict))] if isinstance(subs, list) else [entry.get("编号")]
    return [i for i in found if isinstance(i, str)]


def _label(loaded: LoadedPlan, role: str, default: str) -> str:
    """The plan's own label for a role (具体措施, 完成时限 …), where plans declare their labels."""
    labels = getattr(loaded, "labels", None)
    try:
        return str(labels.label(role)) if labels is not None else default
    except (KeyError, AttributeError):
        return default


def _item(row: Row, task: Task | None, words: tuple[str, str] = (MEASURES, DEADLINE),
          cache: dict[_Key, list[Milestone]] | None = None) -> Item:
    fields = {("标题" if row.is_task else "内容"): row.text}
    if row.measures:
        fields[words[0]] = _measures(row.measures)
    intro = getattr(task, "subitems_intro", None)
    if isinstance(intro, str):
        fields[INTRO] = intro
    return Item(
        id=row.id, is_task=row.is_task, task_id=row.task_id, part=row.part_no - 1, where=heading(row),
        text=row.text, fields=fields, names={k: list(v) for k, v in row.names.items()},
        inherited=row.inherited, deadline=row.deadline, milestones=tuple(_milestones(row, cache)),
        deadline_inherited=row.deadline_inherited, deadline_label=words[1],
    )


def _measures(measures: tuple[str, ...]) -> str:
    """A paragraph as is; numbered items as the document prints them, （1）…（2）…."""
    if len(measures) == 1:
        return measures[0]
    return "".join(f"（{n}）{text}" for n, text in enumerate(measures, start=1))


_Key = tuple[str | None, str | None, object]


def _milestones(row: Row, cache: dict[_Key, list[Milestone]] | None = None) -> list[Milestone]:
    """The row's milestones; the same words in the same plan read the same, so each is read once.

    Why: reading is the slow part of a snapshot, and plans repeat their deadline phrases.
    """
    key = (row.deadline, row.due, getattr(row, "context", None))
    if cache is not None and key in cache:
        return cache[key]
    try:
        found = row.milestones()
    except ValueError:  # a bad 截止日期 is that side's error, already listed
        found = []
    if cache is not None:
        cache[key] = found
    return found


def _flatten(data: dict[str, Any], path: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        here = (*path, str(key))
        if here in SKIP_NOTICE:
            continue
        if isinstance(value, dict):
            out.update(_flatten(value, here))
        elif isinstance(value, list):
            out["·".join(here)] = "\n".join(str(v) for v in value)
        elif value is not None:
            out["·".join(here)] = str(value).lower() if isinstance(value, bool) else str(value)
    return out
