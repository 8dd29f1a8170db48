"""The plan as rows: one per task and sub-item, with the roles each answers for.

Decisions (documented in the README):
- A sub-item takes from its task every role it does not write itself (the
  leaders and 协助部门 written once above the seven proposals of the last part);
  such a role is marked inherited. Its 时间期限 likewise, if it has none.
- Names resolve through the registry, so an alias finds the same rows, and a
  trailing 等 is not a name. Collective units (类别 集体: 院机关各有关部门 …) are
  not expanded: their members are not in the plan, so a department's query
  does not guess; it names the collectives present instead (see `collectives`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from casplan.deadline import Kind, Milestone, read_deadline
from casplan.diagnostics import did_you_mean
from casplan.errors import UsageError
from casplan.model import Part, SubItem, Task, names_of
from casplan.plan import Plan
from casplan.registry import Registry
from casplan.render.numbering import chinese_number

LABELS = ("牵头院领导", "配合院领导", "牵头部门", "协助部门")
_ATTRS = {"牵头院领导": "lead_leaders", "配合院领导": "assist_leaders", "牵头部门": "lead_depts", "协助部门": "assist_depts"}


class Role(str, Enum):
    LEAD = "lead"
    ASSIST = "assist"
    ANY = "any"


@dataclass(frozen=True)
class Row:
    id: str
    is_task: bool
    part_no: int
    part_title: str
    task_id: str
    task_title: str  # the task's 标题, or the part's when the task has none
    text: str  # the task's title, or the sub-item's 内容
    number: int  # （n）of a sub-item, or the task's place in its part
    names: dict[str, list[str]]  # label → names as written (with a trailing 等)
    inherited: frozenset[str] = field(default_factory=frozenset)  # labels taken from the task
    deadline: str | None = None
    due: str | None = None
    deadline_inherited: bool = False
    measures: tuple[str, ...] = ()  # a task's 具体举措, paragraph or items

    @property
    def kind(self) -> str:
        return "任务" if self.is_task else "子项"

    @property
    def part(self) -> str:
        return chinese_number(self.part_no)

    def milestones(self) -> list[Milestone]:
        """The reader's milestones; an explicit 截止日期 overrides it."""
        if self.due is not None:
            return [Milestone(date.fromisoformat(self.due), Kind.BY_DATE, self.deadline or f"截止日期 {self.due}")]
        return read_deadline(self.deadline) if self.deadline else []

    def record(self) -> dict[str, object]:
        """The row with the YAML's own keys, plus 编号, 类型 and the part."""
        out: dict[str, object] = {"编号": self.id, "类型": self.kind, "部分": self.part_no, "部分标题": self.part_title}
        if not self.is_task:
            out["任务编号"] = self.task_id
            out["任务"] = self.task_title
            out["内容"] = self.text
        else:
            out["标题"] = self.text
        for label in LABELS:
            out[label] = list(self.names[label])
        if self.inherited:
            out["沿用任务"] = [label for label in LABELS if label in self.inherited]
        out["时间期限"] = self.deadline or ""
        if self.due:
            out["截止日期"] = self.due
        return out


def rows(plan: Plan) -> list[Row]:
    """Every task and sub-item, in document order."""
    out: list[Row] = []
    for index, part in enumerate(plan.parts):
        p = plan.number(index)  # a part left out (a broken file) keeps the others' numbers
        n = 0
        for task in part.tasks:
            if task.title is not None:
                n += 1
            out.append(_task_row(p, part, task, n))
            for s, sub in enumerate(task.subitems or [], start=1):
                out.append(_sub_row(p, part, task, sub, s))
    return out


def _task_row(p: int, part: Part, task: Task, n: int) -> Row:
    names = {label: list(getattr(task, _ATTRS[label]) or []) for label in LABELS}
    title = task.title or part.title
    number = n if task.title is not None else 0  # an untitled task has no （n）
    measures = (task.measures,) if isinstance(task.measures, str) else tuple(task.measures or ())
    return Row(task.id, True, p, part.title, task.id, title, title, number, names, frozenset(), task.deadline, task.due,
               measures=measures)


def _sub_row(p: int, part: Part, task: Task, sub: SubItem, s: int) -> Row:
    names: dict[str, list[str]] = {}
    inherited: set[str] = set()
    for label in LABELS:
        own = getattr(sub, _ATTRS[label])
        if own is None:
            names[label] = list(getattr(task, _ATTRS[label]) or [])
            if names[label]:
                inherited.add(label)
        else:
            names[label] = list(own)
    has_own_deadline = sub.deadline is not None or sub.due is not None
    return Row(
        sub.id, False, p, part.title, task.id, task.title or part.title, sub.text, s, names, frozenset(inherited),
        sub.deadline if has_own_deadline else task.deadline, sub.due if has_own_deadline else task.due,
        deadline_inherited=not has_own_deadline,
    )


def resolve(registry: Registry, name: str) -> str:
    """The canonical name for `name`, or a usage error suggesting the nearest ones."""
    canonical = registry.resolve(name.strip())
    if canonical is None:
        hint = did_you_mean(registry.nearest(name.strip()))
        raise UsageError(f"未知{registry.what}“{name}”{hint or '，可用 casplan stats 查看全部名称'}")
    return canonical


def role_of(row: Row, canonical: str, registry: Registry, lead: str, assist: str, role: Role) -> str | None:
    """'牵头' or the assist word if `canonical` holds that role in `row` (as `role` asks), else None."""
    for label, word, wanted in ((lead, "牵头", Role.LEAD), (assist, _assist_word(assist), Role.ASSIST)):
        if role not in (wanted, Role.ANY):
            continue
        if any(registry.resolve(n) == canonical for n in names_of(row.names[label])):
            return word + ("（随任务）" if label in row.inherited else "")
    return None


def _assist_word(label: str) -> str:
    return "配合" if label == "配合院领导" else "协助"


def collectives(rows_: Iterable[Row], registry: Registry) -> dict[str, int]:
    """Collective units named in these rows (牵头部门 or 协助部门), with how many rows name each."""
    counts: dict[str, int] = {}
    for row in rows_:
        seen = {
            registry.resolve(n)
            for label in ("牵头部门", "协助部门")
            if label not in row.inherited
            for n in names_of(row.names[label])
        }
        for name in seen:
            if name is not None and registry.kinds.get(name) == "集体":
                counts[name] = counts.get(name, 0) + 1
    return counts


def heading(row: Row) -> str:
    """Where a row sits, as the document numbers it: 九、（四） or 十五、reform-advice（2）."""
    if row.is_task:
        return f"{chinese_number(row.part_no)}、" + (f"（{chinese_number(row.number)}）" if row.number else "")
    return f"{chinese_number(row.part_no)}、{row.task_id}（{row.number}）"

