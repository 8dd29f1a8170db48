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
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from casplan.deadlines.milestone import Kind, Milestone
from casplan.errors import UsageError
from casplan.labels import ASSIST_VERBS, DEFAULT, ETC, Labels, names_of
from casplan.plan import Plan

if TYPE_CHECKING:  # rows are built from the models, but a query answered from the cache never imports them
    from casplan.model import Part, SubItem, Task, Tasks, Grouped
from casplan.registry import Registry

PAIR_ROLES = ("lead_leaders", "assist_leaders", "lead_units", "assist_units")
"""The roles a row's `names` holds, by the plan's labels (负责单位 is split into lead and assist)."""


def pair_labels(labels: Labels = DEFAULT) -> tuple[str, ...]:
    """The plan's labels of the four pair roles, in key order."""
    return tuple(labels.label(r) for r in PAIR_ROLES)


LABELS = pair_labels()
"""The 中科院 labels of the four pair roles (the embedded plan's)."""


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
    context: str | None = None  # the plan's 成文日期 (YYYY-MM-DD): places a deadline without a year
    fields: dict[str, str] = field(default_factory=dict)  # 其他字段: label → text (a sub-item's own, else its task's)
    labels: Labels = DEFAULT  # the plan's words for the roles
    group_no: int = 0  # the group （n） the task sits in (结构.分组: 有), else 0
    group_title: str = ""
    stored: list[list[Any]] | None = field(default=None, compare=False, repr=False)
    """The milestones as read when the plan was cached, in casplan.cache's encoding: not read again."""

    @property
    def kind(self) -> str:
        return "任务" if self.is_task else "子项"

    @property
    def part(self) -> str:
        from casplan.render.numbering import chinese_number

        return chinese_number(self.part_no)

    def milestones(self) -> list[Milestone]:
        """The reader's milestones, read against the plan's 成文日期; an explicit 截止日期 overrides it."""
        if self.stored is not None:
            from casplan.cache import stored_milestones

            return stored_milestones(self.stored)
        if self.due is not None:
            return [Milestone(date.fromisoformat(self.due), Kind.BY_DATE, self.deadline or f"截止日期 {self.due}")]
        from casplan.deadlines.reader import read_deadline

        context = date.fromisoformat(self.context) if self.context else None
        return read_deadline(self.deadline, context) if self.deadline else []

    def record(self) -> dict[str, object]:
        """The row with the YAML's own keys, plus 编号, 类型 and the part."""
        out: dict[str, object] = {"编号": self.id, "类型": self.kind, "部分": self.part_no, "部分标题": self.part_title}
        if not self.is_task:
            out["任务编号"] = self.task_id
            out["任务"] = self.task_title
            out["内容"] = self.text
        else:
            out["标题"] = self.text
        labels = pair_labels(self.labels)
        for label in labels:
            out[label] = list(self.names[label])
        if self.inherited:
            out["沿用任务"] = [label for label in labels if label in self.inherited]
        out.update({label: self.fields.get(label, "") for label in self.labels.other})
        out[self.labels.label("deadline")] = self.deadline or ""
        if self.due:
            out["截止日期"] = self.due
        return out


def rows(plan: Plan) -> list[Row]:
    """Every task and sub-item, in document order."""
    from casplan.model import Grouped

    labels = plan.labels
    structure = labels.structure
    out: list[Row] = []
    n = 0
    for index, part in enumerate(plan.parts):
        p = plan.number(index)  # a part left out (a broken file) keeps the others' numbers
        if structure.numbering == "分部分" and structure.has_parts:
            n = 0
        groups = [(g, group.title, group.tasks) for g, group in enumerate(part.groups, start=1)] \
            if isinstance(part, Grouped) else [(0, "", part.tasks)]
        for g, group_title, tasks in groups:
            if structure.numbering == "分组":
                n = 0
            for task in tasks:
                if task.title is not None or not structure.has_parts:
                    n += 1
                start = len(out)
                out.append(_task_row(p, part, task, n, labels))
                for s, sub in enumerate(task.subitems or [], start=1):
                    out.append(_sub_row(p, part, task, sub, s, labels))
                if g:
                    out[start:] = [replace(row, group_no=g, group_title=group_title) for row in out[start:]]
    context = getattr(plan.notice, "date", None)  # a plan issued without a notice may have no 成文日期
    return [replace(row, context=context) for row in out] if context else out


def role_names(work: Task | SubItem, labels: Labels) -> dict[str, list[str] | None]:
    """The four pair roles' names written on `work`, by label; a 负责单位 list is split (first leads).

    None for a role not written there (a sub-item then takes its task's).
    """
    names: dict[str, list[str] | None] = {labels.label(r): work.units(r) for r in PAIR_ROLES}
    first = work.first_leads
    if first:
        listed = names_of(first)
        lead, rest = listed[:1], listed[1:]
        etc = [ETC] if first[-1] == ETC else []
        names[labels.label("lead_units")] = lead + ([] if rest else etc)
        names[labels.label("assist_units")] = rest + etc if rest else None
    return names


def _task_row(p: int, part: Part | Tasks | Grouped, task: Task, n: int, labels: Labels) -> Row:
    written = role_names(task, labels)
    names = {label: list(written.get(label) or []) for label in pair_labels(labels)}
    part_title = part.title or ""
    title = task.title or part_title
    number = n if task.title is not None or not labels.structure.has_parts else 0  # an untitled task has no （n）
    measures = (task.measures,) if isinstance(task.measures, str) else tuple(task.measures or ())
    return Row(task.id, True, p, part_title, task.id, title, title, number, names, frozenset(), task.deadline, task.due,
               measures=measures, fields=dict(task.other), labels=labels)


def _sub_row(p: int, part: Part | Tasks | Grouped, task: Task, sub: SubItem, s: int, labels: Labels) -> Row:
    own = role_names(sub, labels)
    of_task = role_names(task, labels)
    names: dict[str, list[str]] = {}
    inherited: set[str] = set()
    units = {labels.label("lead_units"), labels.label("assist_units")}
    for label in pair_labels(labels):
        if own.get(label) is None and not (label in units and sub.first_leads is not None):
            names[label] = list(of_task.get(label) or [])
            if names[label]:
                inherited.add(label)
        else:
            names[label] = list(own.get(label) or [])
    has_own_deadline = sub.deadline is not None or sub.due is not None
    part_title = part.title or ""
    return Row(
        sub.id, False, p, part_title, task.id, task.title or part_title, sub.text, s, names, frozenset(inherited),
        sub.deadline if has_own_deadline else task.deadline, sub.due if has_own_deadline else task.due,
        deadline_inherited=not has_own_deadline, fields={**task.other, **sub.other}, labels=labels,
    )


def resolve(registry: Registry, name: str) -> str:
    """The canonical name for `name`, or a usage error suggesting the nearest ones."""
    canonical = registry.resolve(name.strip())
    if canonical is None:
        from casplan.diagnostics import did_you_mean

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
    """The verb of an assisting label: 协助部门 → 协助, 配合院领导 → 配合, 协办单位 → 协办, 责任单位 → 配合."""
    return next((verb for verb in ASSIST_VERBS if label.startswith(verb)), "配合")


def unit_labels(plan: Plan) -> tuple[str, str]:
    """(lead, assist) labels of the unit roles in this plan: what --dept looks at."""
    return plan.labels.label("lead_units"), plan.labels.label("assist_units")


def leader_labels(plan: Plan) -> tuple[str, str]:
    """(lead, assist) labels of the leader roles in this plan: what --leader looks at."""
    return plan.labels.label("lead_leaders"), plan.labels.label("assist_leaders")


def collectives(rows_: Iterable[Row], registry: Registry) -> dict[str, int]:
    """Collective units named in these rows (牵头部门 or 协助部门), with how many rows name each."""
    counts: dict[str, int] = {}
    for row in rows_:
        seen = {
            registry.resolve(n)
            for label in (row.labels.label("lead_units"), row.labels.label("assist_units"))
            if label not in row.inherited
            for n in names_of(row.names[label])
        }
        for name in seen:
            if name is not None and registry.kinds.get(name) == "集体":
                counts[name] = counts.get(name, 0) + 1
    return counts


def task_number(n: int, style: str) -> str:
    """A task's number in the plan's style: 一、 / （一） / 1."""
    from casplan.render.numbering import chinese_number

    if style == "1.":
        return f"{n}."
    return f"（{chinese_number(n)}）" if style == "（一）" else f"{chinese_number(n)}、"


def heading(row: Row) -> str:
    """Where a row sits, as the document numbers it: 九、（四） or 十五、reform-advice（2）; 四、 without parts."""
    from casplan.render.numbering import chinese_number

    structure = row.labels.structure
    part = f"{chinese_number(row.part_no)}、" if structure.has_parts else ""
    if row.group_no:
        part += f"（{chinese_number(row.group_no)}）"
    if row.is_task:
        return part + (task_number(row.number, structure.style) if row.number else "")
    return f"{part}{row.task_id}（{row.number}）"

