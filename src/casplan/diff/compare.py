"""Compare two snapshots: what changed, matched by 编号.

Decisions:
- Parts are matched by file name, then by title, then by the tasks they share,
  so renaming a section file is not "every task moved".
- A task is *moved* when its part on the new side is not the match of its old
  part; a sub-item when it sits under another task. It is *reordered* when it
  keeps its part (or task) but falls out of the longest common order.
- Names compare through the registries: an alias and its canonical name are
  the same unit, and so are a department's old and new names when the
  registry renames it (the old name kept as an alias, or the new one
  registered under the old as alias).
- A role or deadline a sub-item takes from its task on both sides is the
  task's change, reported once, on the task.
- Milestones pair up by position when both sides have as many; otherwise the
  last dates are compared. A later date is 推迟, an earlier one 提前.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from casplan.deadline import Milestone
from casplan.diff.progress import Status
from casplan.diff.snapshot import Item, PartInfo, Snapshot
from casplan.diff.textdiff import Op, char_diff
from casplan.registry import Registry

Change = Literal["added", "removed", "changed"]
LATER, EARLIER = "推迟", "提前"


@dataclass(frozen=True)
class NameChange:
    label: str
    old: tuple[str, ...]  # as written
    new: tuple[str, ...]
    added: tuple[str, ...]  # canonical names
    removed: tuple[str, ...]
    reordered: bool  # same names, another order (the first listed leads)


@dataclass(frozen=True)
class Shift:
    old: Milestone | None
    new: Milestone | None

    @property
    def days(self) -> int | None:
        if self.old is None or self.new is None or self.old.date is None or self.new.date is None:
            return None
        return (self.new.date - self.old.date).days

    @property
    def direction(self) -> str:
        days = self.days
        return "" if not days else (LATER if days > 0 else EARLIER)


@dataclass(frozen=True)
class DeadlineChange:
    old: str  # the text as written ('' for none)
    new: str
    text: tuple[Op, ...]  # () when only the milestones changed (an explicit 截止日期)
    old_milestones: tuple[Milestone, ...]
    new_milestones: tuple[Milestone, ...]
    shifts: tuple[Shift, ...]  # pairs whose milestones differ
    label: str = "时间期限"  # the plan's own word

    @property
    def verdict(self) -> str:
        """推迟, 提前, 推迟和提前, or '' (no dated milestone moved)."""
        found = [s.direction for s in self.shifts if s.direction]
        if not found:
            return ""
        return found[0] if len(set(found)) == 1 else f"{LATER}和{EARLIER}"


@dataclass(frozen=True)
class FieldChange:
    label: str
    diff: tuple[Op, ...]


@dataclass(frozen=True)
class Move:
    old: str  # the part's label (四、…) or the task's 编号
    new: str


@dataclass(frozen=True)
class ItemChange:
    id: str
    kind: str  # 任务 or 子项
    change: Change
    old: Item | None
    new: Item | None
    moved: Move | None = None
    reordered: bool = False
    names: tuple[NameChange, ...] = ()
    deadline: DeadlineChange | None = None
    fields: tuple[FieldChange, ...] = ()

    @property
    def item(self) -> Item:
        item = self.new or self.old
        assert item is not None
        return item


@dataclass(frozen=True)
class PartChange:
    change: Change
    old_index: int | None
    new_index: int | None
    old: PartInfo | None
    new: PartInfo | None
    renamed: bool = False  # the section file has another name
    title: tuple[Op, ...] = ()
    reordered: bool = False


@dataclass(frozen=True)
class NoticeChange:
    key: str  # 发文字号, 附件·标题 …
    change: Change
    old: str
    new: str
    diff: tuple[Op, ...]


@dataclass(frozen=True)
class EntryChange:
    """A registry entry: a leader or a department added, removed, renamed, or its aliases or kind changed."""

    registry: str  # 院领导 or 部门
    change: Change
    old: str  # the canonical name ('' when added)
    new: str
    aliases_added: tuple[str, ...] = ()
    aliases_removed: tuple[str, ...] = ()
    kind: tuple[str, str] | None = None  # (old 类别, new 类别)

    @property
    def renamed(self) -> bool:
        return bool(self.old and self.new and self.old != self.new)


@dataclass(frozen=True)
class ProgressChange:
    id: str
    old: Status | None
    new: Status | None


@dataclass
class Result:
    old: Snapshot
    new: Snapshot
    items: list[ItemChange] = field(default_factory=list)
    parts: list[PartChange] = field(default_factory=list)
    notice: list[NoticeChange] = field(default_factory=list)
    registries: list[EntryChange] = field(default_factory=list)
    progress: list[ProgressChange] | None = None  # None: neither side keeps progress records
    unknown: list[str] = field(default_factory=list)  # 编号 on one side, unreadable on the other

    @property
    def changed(self) -> bool:
        return bool(self.items or self.parts or self.notice or self.registries or self.progress)


def compare(old: Snapshot, new: Snapshot) -> Result:
    result = Result(old, new)
    part_map = _match_parts(old.parts, new.parts)
    result.parts = _part_changes(old.parts, new.parts, part_map)
    renames = _registry_changes(old.leaders, new.leaders, result.registries)
    renames.update(_registry_changes(old.departments, new.departments, result.registries))
    names = _Names(old, new, renames)
    reordered = _reordered(old, new, part_map)
    for item in new.items.values():
        before = old.items.get(item.id)
        if before is None:
            if item.id in old.unread_ids:
                result.unknown.append(item.id)
            else:
                result.items.append(ItemChange(item.id, item.kind, "added", None, item))
            continue
        change = _item_change(before, item, part_map, names, item.id in reordered)
        if change is not None:
            result.items.append(change)
    for item in old.items.values():
        if item.id not in new.items and item.id in new.unread_ids:
            result.unknown.append(item.id)
        elif item.id not in new.items:
            result.items.append(ItemChange(item.id, item.kind, "removed", item, None))
    result.notice = _notice_changes(old.notice, new.notice)
    if old.progress is not None or new.progress is not None:
        result.progress = _progress_changes(old.progress or {}, new.progress or {})
    return result


def _match_parts(old: list[PartInfo], new: list[PartInfo]) -> dict[int, int]:
    """Old part index → new part index: same file, else same title, else the most tasks in common."""
    found: dict[int, int] = {}
    keys: tuple[Callable[[PartInfo], str], ...] = (lambda p: p.file, lambda p: p.title)
    for key in keys:
        taken = set(found.values())
        by_key: dict[str, int] = {}
        for j, p in enumerate(new):
            if j not in taken:
                by_key.setdefault(key(p), j)
        for i, p in enumerate(old):
            if i not in found and key(p) in by_key and by_key[key(p)] not in found.values():
                found[i] = by_key[key(p)]
    scores = sorted(
        ((len(set(o.ids) & set(n.ids)), i, j) for i, o in enumerate(old) for j, n in enumerate(new)
         if i not in found and j not in found.values()),
        key=lambda s: (-s[0], s[1], s[2]),
    )
    for shared, i, j in scores:
        if shared and i not in found and j not in found.values():
            found[i] = j
    return found


def _part_changes(old: list[PartInfo], new: list[PartInfo], part_map: dict[int, int]) -> list[PartChange]:
    out: list[PartChange] = []
    back = {j: i for i, j in part_map.items()}
    moved = _out_of_order(sorted(part_map.items()))
    for j, part in enumerate(new):
        i = back.get(j)
        if i is None:
            out.append(PartChange("added", None, j, None, part))
            continue
        before = old[i]
        title = char_diff(before.title, part.title) if before.title != part.title else ()
        renamed = before.file != part.file
        if title or renamed or i in moved:
            out.append(PartChange("changed", i, j, before, part, renamed, title, i in moved))
    for i, part in enumerate(old):
        if i not in part_map:
            out.append(PartChange("removed", i, None, part, None))
    return out


def _out_of_order(pairs: Sequence[tuple[int, int]]) -> set[int]:
    """The first elements of the pairs whose second elements fall out of the longest increasing order."""
    seconds = [j for _, j in pairs]
    keep = set(_longest_increasing(seconds))
    return {i for (i, j) in pairs if j not in keep}


def _longest_increasing(seq: list[int]) -> list[int]:
    """One longest strictly increasing subsequence, in O(n log n) (patience sorting)."""
    tails: list[int] = []  # tails[k]: index in seq of the smallest tail of an increasing run of length k+1
    before: list[int] = [-1] * len(seq)
    for i, x in enumerate(seq):
        k = _bisect(seq, tails, x)
        if k:
            before[i] = tails[k - 1]
        if k == len(tails):
            tails.append(i)
        else:
            tails[k] = i
    out: list[int] = []
    i = tails[-1] if tails else -1
    while i >= 0:
        out.append(seq[i])
        i = before[i]
    return out[::-1]


def _bisect(seq: list[int], tails: list[int], x: int) -> int:
    lo, hi = 0, len(tails)
    while lo < hi:
        mid = (lo + hi) // 2
        if seq[tails[mid]] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _reordered(old: Snapshot, new: Snapshot, part_map: dict[int, int]) -> set[str]:
    """编号 of the tasks and sub-items that kept their part (task) but not their place in it."""
    out: set[str] = set()
    groups: dict[tuple[str, str | int], list[tuple[int, str]]] = {}
    new_pos = {item_id: k for k, item_id in enumerate(new.items)}
    for item in old.items.values():
        after = new.items.get(item.id)
        if after is None:
            continue
        if item.is_task and after.is_task and part_map.get(item.part) == after.part:
            groups.setdefault(("part", after.part), []).append((new_pos[item.id], item.id))
        elif not item.is_task and not after.is_task and item.task_id == after.task_id:
            groups.setdefault(("task", after.task_id), []).append((new_pos[item.id], item.id))
    for members in groups.values():  # members are in old order
        keep = set(_longest_increasing([pos for pos, _ in members]))
        out.update(item_id for pos, item_id in members if pos not in keep)
    return out


class _Names:
    """Canonical names on both sides, old names carried through the registry's renames."""

    def __init__(self, old: Snapshot, new: Snapshot, renames: dict[str, str]) -> None:
        self.old, self.new, self.renames = old, new, renames

    def _registry(self, snap: Snapshot, label: str) -> Registry:
        return snap.leaders if "领导" in label else snap.departments

    def canonical(self, names: Iterable[str], label: str, *, old: bool) -> list[str]:
        first, second = (self.old, self.new) if old else (self.new, self.old)
        mine, other = self._registry(first, label), self._registry(second, label)
        out: list[str] = []
        for name in names:
            resolved = mine.resolve(name) or other.resolve(name) or name
            if old:
                resolved = self.renames.get(resolved, resolved)
            if resolved not in out:
                out.append(resolved)
        return out


def _item_change(old: Item, new: Item, part_map: dict[int, int], names: _Names, reordered: bool) -> ItemChange | None:
    moved: Move | None = None
    if new.is_task and part_map.get(old.part) != new.part:
        moved = Move(_part_label(names.old, old.part), _part_label(names.new, new.part))
    elif not new.is_task and old.task_id != new.task_id:
        moved = Move(old.task_id, new.task_id)
    roles = tuple(c for c in (_name_change(label, old, new, names) for label in _labels(old, new)) if c is not None)
    deadline = _deadline_change(old, new)
    fields = tuple(
        FieldChange(label, char_diff(old.fields.get(label, ""), new.fields.get(label, "")))
        for label in dict.fromkeys([*old.fields, *new.fields])
        if old.fields.get(label, "") != new.fields.get(label, "")
    )
    if moved is None and not reordered and not roles and deadline is None and not fields:
        return None
    return ItemChange(new.id, new.kind, "changed", old, new, moved, reordered, roles, deadline, fields)


def _part_label(snap: Snapshot, index: int) -> str:
    return snap.parts[index].label(index) if index < len(snap.parts) else "?"


def _labels(old: Item, new: Item) -> list[str]:
    return list(dict.fromkeys([*old.names, *new.names]))


def _name_change(label: str, old: Item, new: Item, names: _Names) -> NameChange | None:
    if label in old.inherited and label in new.inherited:
        return None
    before, after = old.names.get(label, []), new.names.get(label, [])
    a = names.canonical(before, label, old=True)
    b = names.canonical(after, label, old=False)
    added = tuple(n for n in b if n not in a)
    removed = tuple(n for n in a if n not in b)
    common_a, common_b = [n for n in a if n in b], [n for n in b if n in a]
    reordered = common_a != common_b
    if not added and not removed and not reordered:
        return None
    return NameChange(label, tuple(before), tuple(after), added, removed, reordered)


def _deadline_change(old: Item, new: Item) -> DeadlineChange | None:
    if old.deadline_inherited and new.deadline_inherited:
        return None
    if old.deadline == new.deadline and old.milestones == new.milestones:
        return None
    a, b = old.deadline or "", new.deadline or ""
    text = char_diff(a, b) if a != b else ()
    return DeadlineChange(a, b, text, old.milestones, new.milestones, _shifts(old.milestones, new.milestones),
                          new.deadline_label)


def _shifts(old: tuple[Milestone, ...], new: tuple[Milestone, ...]) -> tuple[Shift, ...]:
    if len(old) == len(new):
        return tuple(Shift(a, b) for a, b in zip(old, new) if (a.date, a.kind) != (b.date, b.kind))
    last_a, last_b = _last_dated(old), _last_dated(new)
    if last_a is None and last_b is None:
        return ()
    return (Shift(last_a, last_b),)


def _last_dated(milestones: tuple[Milestone, ...]) -> Milestone | None:
    dated = [m for m in milestones if m.date is not None]
    return max(dated, key=lambda m: m.date or date.min) if dated else None


def _registry_changes(old: Registry, new: Registry, out: list[EntryChange]) -> dict[str, str]:
    """Append the entry changes of one registry; return old canonical → new canonical for renames."""
    renames: dict[str, str] = {}
    matched: dict[str, str] = {}
    for name in old.canonical:
        if name in new.canonical:
            matched[name] = name
    for name in old.canonical:
        if name in matched:
            continue
        shared = _spellings(old, name)
        free = [c for c in new.canonical if c not in matched.values()]
        target = next((c for c in free if _spellings(new, c) & shared), None)
        if target is not None:
            matched[name] = target
            renames[name] = target
    for name in new.canonical:
        old_name = next((o for o, n in matched.items() if n == name), None)
        if old_name is None:
            out.append(EntryChange(new.what, "added", "", name, aliases_added=tuple(_aliases(new, name))))
            continue
        was, now = _aliases(old, old_name), _aliases(new, name)
        kind = (old.kinds.get(old_name, ""), new.kinds.get(name, ""))
        added = tuple(a for a in now if a not in was and a != old_name)
        removed = tuple(a for a in was if a not in now and a != name)
        changed_kind = kind if kind[0] != kind[1] else None
        if old_name != name or added or removed or changed_kind:
            out.append(EntryChange(new.what, "changed", old_name, name, added, removed, changed_kind))
    for name in old.canonical:
        if name not in matched:
            out.append(EntryChange(old.what, "removed", name, ""))
    return renames


def _spellings(registry: Registry, canonical: str) -> set[str]:
    return {s for s, c in registry.spellings.items() if c == canonical}


def _aliases(registry: Registry, canonical: str) -> list[str]:
    return [s for s, c in registry.spellings.items() if c == canonical and s != canonical]


def _notice_changes(old: dict[str, str], new: dict[str, str]) -> list[NoticeChange]:
    out: list[NoticeChange] = []
    for key in dict.fromkeys([*new, *old]):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        change: Change = "added" if a is None else "removed" if b is None else "changed"
        out.append(NoticeChange(key, change, a or "", b or "", char_diff(a or "", b or "")))
    return out


def _progress_changes(old: dict[str, Status], new: dict[str, Status]) -> list[ProgressChange]:
    return [
        ProgressChange(item_id, old.get(item_id), new.get(item_id))
        for item_id in dict.fromkeys([*new, *old])
        if (old[item_id].status if item_id in old else None) != (new[item_id].status if item_id in new else None)
    ]


COUNTED = ("added", "removed", "changed", "moved", "reordered")


def counts(result: Result) -> dict[str, dict[str, int]]:
    """任务 / 子项 / 部分 → how many were added, removed, changed, moved, reordered."""
    out = {kind: dict.fromkeys(COUNTED, 0) for kind in ("任务", "子项", "部分")}
    for item in result.items:
        out[item.kind][item.change] += 1
        out[item.kind]["moved"] += item.moved is not None
        out[item.kind]["reordered"] += item.reordered
    for part in result.parts:
        out["部分"][part.change] += 1
        out["部分"]["reordered"] += part.reordered
    return out
