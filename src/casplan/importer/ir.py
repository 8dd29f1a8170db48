"""The intermediate representation: what import recognised, before any file is written.

Roles are the fixed vocabulary of docs/model.md (lead_leaders, lead_units …);
`labels` remembers which of the plan's own words named each role, so the
writer can declare them in plan.yaml. Every piece keeps where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The roles and their names are the model's; the importer reads and writes through them (re-exported).
from casplan.labels import LEADER_ROLES as LEADER_ROLES
from casplan.labels import NAME_ROLES as NAME_ROLES
from casplan.labels import PRESETS
from casplan.labels import ROLE_NAMES as ROLE_NAMES
from casplan.labels import ROLES as ROLES
from casplan.labels import UNIT_ROLES as UNIT_ROLES

DEFAULT_LABELS: dict[str, str] = dict(PRESETS["中科院"])
"""The embedded (中科院) plan's labels: a plan that uses exactly these declares none."""


@dataclass(frozen=True, order=True)
class Loc:
    """Where a piece of the source sits: a text line, a Word paragraph, or a table cell (all 1-based)."""

    kind: str  # "line" | "para" | "cell" (Word table) | "linecell" (tab-separated text) | "footnote" | "endnote"
    n: int  # line, paragraph or table number
    row: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.kind == "line":
            return f"第 {self.n} 行"
        if self.kind == "para":
            return f"第 {self.n} 段"
        if self.kind == "linecell":  # a tab-separated line of a text file: a table row
            return f"第 {self.n} 行第 {self.col} 列"
        if self.kind == "footnote":
            return f"脚注 {self.n}"
        if self.kind == "endnote":
            return f"尾注 {self.n}"
        return f"表 {self.n} 第 {self.row} 行第 {self.col} 列"


@dataclass
class Work:
    """A task or a sub-item: its text, the names of each role, other fields."""

    loc: Loc
    number: int | None = None  # its number in the source (（三） → 3), if it had one
    title: str | None = None  # a task's 标题, or a sub-item's 内容
    names: dict[str, list[str]] = field(default_factory=dict)  # name role → names (a last 等 kept)
    other: dict[str, str] = field(default_factory=dict)  # label with no role → text, verbatim
    measures: str | list[str] | None = None
    deadline: str | None = None
    wording: str | None = None  # 分工句式: a parenthesis that is no standard form
    assist_verb: str | None = None  # the verb of （X牵头，Y协助）, until the plan's 配合单位 label is known
    paren_deadline: bool = False  # its deadline was read from its parenthesis
    subitems_intro: str | None = None
    subitems: list[Work] = field(default_factory=list)
    group: int | None = None  # index of its group （一） in its part's `groups`, when the plan has groups
    id: str = ""

    def has(self, role: str) -> bool:
        if role == "measures":
            return self.measures is not None
        if role == "deadline":
            return self.deadline is not None
        return role in self.names


@dataclass
class PartIR:
    loc: Loc
    title: str | None
    number: int | None = None
    tasks: list[Work] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # titles of its groups （一）（二）…, in order


@dataclass
class NoticeIR:
    """The notice (通知) as found; absent keys stay None — nothing is made up here."""

    masthead: str | None = None
    doc_number: str | None = None
    title: str | None = None
    recipients: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    attachment_note: str | None = None
    signature: str | None = None
    date: str | None = None  # ISO
    copy_to: list[str] = field(default_factory=list)
    printer: str | None = None
    print_date: str | None = None


@dataclass
class PlanIR:
    notice: NoticeIR | None
    title: str | None  # the plan's (attachment's) title, line breaks kept
    preamble: list[str]
    parts: list[PartIR]
    has_parts: bool = True
    has_groups: bool = False  # groups （一） between parts and tasks (结构.分组: 有)
    inline: bool = False  # the plan is the notice's body (国务院 意见): no attachment, 部分 at the top
    continuous: bool = False  # task numbers run straight through the parts
    per_group: bool = False  # task numbers restart in each group (任务编号: 分组)
    task_style: str | None = None  # 一、 | （一） | 1. when not the default for the structure
    layout: str = "标签行"  # 分工写法: 标签行 | 括号 | 括号标签
    table: str | None = None  # 表格: 全文 (one table) | 分部分 (a table per part); None: no table
    task_column: str | None = None  # 任务列: the header of the tasks' column in a table
    deadline_layout: str = "标签行"  # 时限写法
    labels: dict[str, str] = field(default_factory=dict)  # role → the plan's label
    other_labels: list[str] = field(default_factory=list)  # 其他字段, in order of appearance
    leaders: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)

    def works(self) -> list[Work]:
        out: list[Work] = []
        for part in self.parts:
            for task in part.tasks:
                out.append(task)
                out.extend(task.subitems)
        return out
