"""The diff as JSON for other tools. Keys are English and stable; values keep the plan's own text.

Shape (every key always present; absent values are null or empty lists):
{"changed", "old": side, "new": side, "summary", "items", "parts", "notice", "registries", "progress",
 "unknown"}  — unknown: 编号 present on one side and unreadable on the other (neither added nor removed).
A text diff is a list of [op, text] pairs, op one of "=", "-", "+".
"""

from __future__ import annotations

import json
from typing import Any

from casplan.deadline import Milestone
from casplan.diff.compare import DeadlineChange, ItemChange, PartChange, Result, Shift, counts
from casplan.diff.progress import Status
from casplan.diff.snapshot import Item, Snapshot

KINDS = {"任务": "task", "子项": "subitem", "部分": "part"}


def render(result: Result) -> str:
    table = counts(result)
    doc = {
        "changed": result.changed,
        "old": _side(result.old),
        "new": _side(result.new),
        "summary": {KINDS[k]: v for k, v in table.items()} | {
            "notice": len(result.notice), "registries": len(result.registries),
            "progress": len(result.progress) if result.progress is not None else None,
        },
        "items": [_item(c) for c in result.items],
        "parts": [_part(p) for p in result.parts],
        "notice": [{"key": n.key, "change": n.change, "old": n.old, "new": n.new, "diff": _ops(n.diff)} for n in result.notice],
        "registries": [
            {"registry": e.registry, "change": e.change, "old": e.old or None, "new": e.new or None,
             "aliases_added": list(e.aliases_added), "aliases_removed": list(e.aliases_removed),
             "kind": list(e.kind) if e.kind else None}
            for e in result.registries
        ],
        "progress": None if result.progress is None else [
            {"id": p.id, "old": _status(p.old), "new": _status(p.new)} for p in result.progress
        ],
        "unknown": list(result.unknown),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _side(snap: Snapshot) -> dict[str, Any]:
    return {
        "label": snap.side.label,
        "errors": [{"file": d.file, "line": d.line, "column": d.column, "code": d.code, "message": d.message}
                   for d in snap.errors],
        "unread": list(snap.unread),
    }


def _where(item: Item | None) -> dict[str, Any] | None:
    if item is None:
        return None
    return {"where": item.where, "part": item.part + 1, "task": item.task_id, "text": item.text}


def _item(c: ItemChange) -> dict[str, Any]:
    return {
        "id": c.id,
        "kind": KINDS[c.kind],
        "change": c.change,
        "old": _where(c.old),
        "new": _where(c.new),
        "moved": {"from": c.moved.old, "to": c.moved.new} if c.moved else None,
        "reordered": c.reordered,
        "roles": [{"label": n.label, "old": list(n.old), "new": list(n.new), "added": list(n.added),
                   "removed": list(n.removed), "reordered": n.reordered} for n in c.names],
        "deadline": _deadline(c.deadline),
        "fields": [{"label": f.label, "diff": _ops(f.diff)} for f in c.fields],
    }


def _deadline(d: DeadlineChange | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "old": d.old, "new": d.new, "diff": _ops(d.text),
        "old_milestones": [_milestone(m) for m in d.old_milestones],
        "new_milestones": [_milestone(m) for m in d.new_milestones],
        "shifts": [_shift(s) for s in d.shifts],
        "verdict": {"推迟": "later", "提前": "earlier", "": None}.get(d.verdict, "mixed"),
    }


def _shift(s: Shift) -> dict[str, Any]:
    direction = {"推迟": "later", "提前": "earlier"}.get(s.direction)
    return {"old": _milestone(s.old), "new": _milestone(s.new), "days": s.days, "direction": direction}


def _milestone(m: Milestone | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"date": m.date.isoformat() if m.date else None, "kind": m.kind.value, "clause": m.clause}


def _part(p: PartChange) -> dict[str, Any]:
    return {
        "change": p.change,
        "old": None if p.old is None else {"index": (p.old_index or 0) + 1, "file": p.old.file, "title": p.old.title},
        "new": None if p.new is None else {"index": (p.new_index or 0) + 1, "file": p.new.file, "title": p.new.title},
        "renamed": p.renamed, "reordered": p.reordered, "title_diff": _ops(p.title),
    }


def _ops(ops: tuple[tuple[str, str], ...]) -> list[list[str]]:
    return [[tag, text] for tag, text in ops]


def _status(s: Status | None) -> dict[str, str] | None:
    return None if s is None else {"status": s.status, "round": s.round}
