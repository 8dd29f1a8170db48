"""The Chinese phrases the text and markdown reports share."""

from __future__ import annotations

from casplan.deadline import Milestone
from casplan.diff.compare import DeadlineChange, EntryChange, ItemChange, NameChange, PartChange, Result, Shift
from casplan.diff.progress import Status
from casplan.diff.snapshot import Snapshot, heading_of_part

VERBS = {"added": "新增", "removed": "删除", "changed": "修改"}
COLUMNS = {"added": "新增", "removed": "删除", "changed": "修改", "moved": "移动", "reordered": "调序"}
TITLE_WIDTH = 40


def side_line(result: Result) -> str:
    return f"{_side(result.old)} → {_side(result.new)}"


def _side(snap: Snapshot) -> str:
    return f"{snap.side.role} {snap.side.label}"


def broken_lines(result: Result) -> list[str]:
    """One line per side that has errors or files that could not be read."""
    out: list[str] = []
    for snap in (result.old, result.new):
        if snap.errors:
            out.append(f"{snap.side.role}（{snap.side.label}）未通过校验：{len(snap.errors)} 个错误；以下按能读出的内容比较。")
        if snap.unread:
            out.append(f"{snap.side.role}未能读入：{'、'.join(snap.unread)}")
    if result.unknown:
        out.append(f"无法比较（一方读不出）：{'、'.join(result.unknown)}")
    return out


def short(text: str, width: int = TITLE_WIDTH) -> str:
    text = text.replace("\n", "")
    return text if len(text) <= width else text[: width - 1] + "…"


def headline(change: ItemChange) -> str:
    """新增 任务 learn-notice  一、（一）印发通知……"""
    item = change.item
    where = item.where
    if change.old is not None and change.new is not None and (change.moved or change.reordered):
        where = f"{change.old.where} → {change.new.where} "
    return f"{verb(change)} {change.kind} {change.id}  {where}{short(item.text)}"


def verb(change: ItemChange) -> str:
    """新增, 删除, 修改 — or 移动 / 调序 when that is all that changed."""
    if change.change == "changed" and not (change.names or change.deadline or change.fields):
        return "移动" if change.moved else "调序"
    return VERBS[change.change]


def move_line(change: ItemChange) -> str | None:
    if change.moved is None:
        return None
    if change.kind == "任务":
        return f"移动：从“{change.moved.old}”移到“{change.moved.new}”"
    return f"移动：从任务 {change.moved.old} 移到任务 {change.moved.new}"


def names_line(c: NameChange) -> str:
    before = "、".join(c.old) or "（无）"
    after = "、".join(c.new) or "（无）"
    delta = []
    if c.added:
        delta.append("增加 " + "、".join(c.added))
    if c.removed:
        delta.append("去掉 " + "、".join(c.removed))
    if c.reordered:
        delta.append("顺序调整")
    return f"{c.label}：{before} → {after}（{'；'.join(delta)}）"


def milestone(m: Milestone | None) -> str:
    if m is None:
        return "无"
    return m.date.isoformat() if m.date is not None else m.kind.label


def shift_line(s: Shift) -> str:
    days = s.days
    tail = f"，{s.direction} {abs(days)} 天" if days else ""
    return f"{milestone(s.old)} → {milestone(s.new)}{tail}"


def milestones_line(d: DeadlineChange) -> str:
    old = "、".join(milestone(m) for m in d.old_milestones) or "无"
    new = "、".join(milestone(m) for m in d.new_milestones) or "无"
    verdict = f"（{d.verdict}）" if d.verdict else ""
    return f"节点：{old} → {new}{verdict}"


def part_line(p: PartChange) -> str:
    if p.change == "added":
        assert p.new is not None and p.new_index is not None
        return f"新增 {p.new.label(p.new_index)}（{p.new.file}）"
    if p.change == "removed":
        assert p.old is not None and p.old_index is not None
        return f"删除 {p.old.label(p.old_index)}（{p.old.file}）"
    assert p.old is not None and p.new is not None and p.new_index is not None and p.old_index is not None
    notes = []
    if p.renamed:
        notes.append(f"文件改名 {p.old.file} → {p.new.file}")
    if p.reordered:
        notes.append(f"顺序 {heading_of_part(p.old_index)} → {heading_of_part(p.new_index)}")
    if p.title:
        notes.append("标题修改（见下）")
    return f"修改 {p.new.label(p.new_index)}：{'；'.join(notes)}"


def entry_line(e: EntryChange) -> str:
    if e.change == "added":
        aliases = f"（别名 {'、'.join(e.aliases_added)}）" if e.aliases_added else ""
        return f"{e.registry} 新增 {e.new}{aliases}"
    if e.change == "removed":
        return f"{e.registry} 删除 {e.old}"
    notes = []
    if e.renamed:
        notes.append(f"改名 {e.old} → {e.new}")
    if e.aliases_added:
        notes.append("增加别名 " + "、".join(e.aliases_added))
    if e.aliases_removed:
        notes.append("去掉别名 " + "、".join(e.aliases_removed))
    if e.kind:
        notes.append(f"类别 {e.kind[0] or '部门'} → {e.kind[1] or '部门'}")
    return f"{e.registry} {e.new}：{'；'.join(notes)}"


def status(s: Status | None) -> str:
    return f"{s.status}（{s.round}）" if s is not None else "无记录"


def summary_line(result: Result, table: dict[str, dict[str, int]]) -> str:
    if not result.changed:
        return "没有改动"
    parts = []
    for kind, row in table.items():
        shown = "、".join(f"{COLUMNS[k]} {v}" for k, v in row.items() if v)
        if shown:
            parts.append(f"{kind} {shown}")
    extra = [
        (len(result.notice), "通知 {} 处"), (len(result.registries), "名录 {} 处"),
        (len(result.progress or []), "进展 {} 项"),
    ]
    parts += [fmt.format(n) for n, fmt in extra if n]
    return "改动：" + "；".join(parts)


def deadline_lines(d: DeadlineChange) -> list[str]:
    """节点：2021-12-31 → 2022-03-31，推迟 90 天 — or every milestone, then each dated pair that moved."""
    if len(d.old_milestones) == len(d.new_milestones) == len(d.shifts) == 1:
        return ["节点：" + shift_line(d.shifts[0])]
    return [milestones_line(d)] + ["  " + shift_line(s) for s in d.shifts if s.days]


def facts(change: ItemChange) -> list[str]:
    """What an added or removed item holds: its names and its deadline."""
    item = change.item
    out = [f"{label}：{'、'.join(names)}" for label, names in item.names.items() if names and label not in item.inherited]
    if item.deadline and not item.deadline_inherited:
        out.append(f"{item.deadline_label}：{item.deadline}")
    return out


def aspects(change: ItemChange) -> str:
    """A changed item's changes in a few words: 移动、牵头部门 +人事局 −办公厅、时间期限推迟 92 天."""
    if change.change != "changed":
        return short("；".join(facts(change)), 60) or VERBS[change.change]
    out = []
    if change.moved:
        out.append("移动")
    if change.reordered:
        out.append("调序")
    for c in change.names:
        delta = [f"+{n}" for n in c.added] + [f"−{n}" for n in c.removed] + (["顺序"] if c.reordered else [])
        out.append(f"{c.label} {' '.join(delta)}")
    if change.deadline is not None:
        d = change.deadline
        days = [s.days for s in d.shifts if s.days]
        if len(days) == 1 and d.verdict:
            out.append(f"{d.label}{d.verdict} {abs(days[0])} 天")
        else:
            out.append(d.label + (f"（{d.verdict}）" if d.verdict else ""))
    out += [f.label for f in change.fields]
    return "；".join(out)
