"""Progress records for the diff: the latest 状态 of each item, when the plan keeps progress rounds.

Progress (督办) is its own feature, so this part is pluggable and forgiving:
it reads the rounds in `进展/` beside the sections (one YAML file per round:
名称, 报送截止, 条目 with 编号, 节点, 状态 …) without depending on that
feature's models, takes every mapping that has a 编号 and a 状态 wherever the
round keeps it, orders rounds by 报送截止 (then file name), and lets a later
round win. An entry for one milestone of an item (节点: 2021-12-31) is kept
apart from the item's other milestones. No folder: None, and the diff says
nothing about progress. A broken round is left to validate to report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casplan.yamlio import YamlProblem, load

FOLDER = "进展"
ID, STATUS, MILESTONE, DATE = "编号", "状态", "节点", "报送截止"


@dataclass(frozen=True)
class Status:
    status: str
    round: str  # the round it was last reported in (the file's stem, 2021-12)


def read_statuses(root: Path) -> dict[str, Status] | None:
    """编号 (or 编号（节点）) → latest status, or None when the plan keeps no progress records."""
    folder = root / FOLDER
    if not folder.is_dir():
        return None
    # Each round is reduced to its (key, status) pairs as soon as it is read: a plan with many
    # rounds must not hold every round's whole document (and its positions) until all are read.
    rounds: list[tuple[str, str, list[tuple[str, str]]]] = []
    for path in (p for p in folder.iterdir() if p.is_file() and p.suffix in {".yaml", ".yml"}):
        try:
            data = load(path, path.as_posix()).data
        except YamlProblem:
            continue
        when = data.get(DATE) if isinstance(data, dict) else None
        pairs = [(entry[ID] + (f"（{entry[MILESTONE]}）" if isinstance(entry.get(MILESTONE), str) else ""), entry[STATUS])
                 for entry in _entries(data)]
        del data
        rounds.append((when if isinstance(when, str) else "", path.stem, pairs))
    out: dict[str, Status] = {}
    for _, stem, pairs in sorted(rounds, key=lambda r: (r[0], r[1])):
        for key, status in pairs:
            out[key] = Status(status, stem)
    return out


def _entries(data: Any) -> list[dict[str, str]]:
    """Every mapping with a text 编号 and 状态, wherever the round file keeps its list."""
    found: list[dict[str, str]] = []
    if isinstance(data, dict):
        if isinstance(data.get(ID), str) and isinstance(data.get(STATUS), str):
            found.append(data)
        for value in data.values():
            found += _entries(value)
    elif isinstance(data, list):
        for value in data:
            found += _entries(value)
    return found
