"""Progress records for the diff: the latest 状态 of each item, if the plan has a progress folder.

Pluggable on purpose: progress (督办) is its own feature. Until it offers a
reader, this one reads the folder beside the sections (`进展/` or
`progress/`, one YAML file per reporting round, rounds in file-name order)
leniently: any list of mappings with 编号 and 状态, the later round winning.
No folder: None, and the diff says nothing about progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casplan.yamlio import YamlProblem, load

FOLDERS = ("进展", "progress")
ID, STATUS = "编号", "状态"


@dataclass(frozen=True)
class Status:
    status: str
    round: str  # the file (round) it was last reported in


def read_statuses(root: Path) -> dict[str, Status] | None:
    """编号 → latest status, or None when the plan keeps no progress records."""
    folder = next((root / name for name in FOLDERS if (root / name).is_dir()), None)
    if folder is None:
        return None
    out: dict[str, Status] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in {".yaml", ".yml"}):
        try:
            data = load(path, path.as_posix()).data
        except YamlProblem:
            continue  # a broken round is validate's to report; the diff shows what it can read
        for entry in _entries(data):
            out[entry[ID]] = Status(entry[STATUS], path.stem)
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
