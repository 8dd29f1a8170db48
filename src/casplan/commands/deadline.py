"""`casplan deadline TEXT`: how casplan reads a 时间期限."""

from __future__ import annotations

import sys

from casplan.deadline import read_deadline


def run(text: str) -> int:
    milestones = read_deadline(text)
    if not milestones:
        print(f"无法解读：“{text}”", file=sys.stderr)
        return 1
    for m in milestones:
        print(f"{m.date.isoformat() if m.date else '—':<10}  {m.kind.label}  {m.clause}")
    return 0
