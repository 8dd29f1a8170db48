"""Compare two plan folders as loaded models: everything but the 编号 (import derives its own ids)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casplan.check import check_plan
from casplan.diagnostics import Severity
from casplan.load import load_plan


def errors(root: Path) -> list[str]:
    loaded = load_plan(root)
    return [d.message for d in loaded.diagnostics + check_plan(loaded) if d.severity is Severity.ERROR]


def without_ids(root: Path) -> dict[str, Any]:
    loaded = load_plan(root)
    assert loaded.notice.model and loaded.leaders.model and loaded.departments.model, loaded.diagnostics
    notice = loaded.notice.model.model_dump(by_alias=True)
    notice["附件"].pop("部分")  # file names: ours are chosen by hand
    parts = []
    for part in loaded.parts:
        data = part.model_dump(by_alias=True, exclude_none=True)
        for task in data["任务"]:
            task.pop("编号")
            for sub in task.get("子项", []):
                sub.pop("编号")
        parts.append(data)
    return {
        "notice": notice,
        "parts": parts,
        "leaders": loaded.leaders.model.model_dump(by_alias=True),
        "departments": loaded.departments.model.model_dump(by_alias=True),
    }


def ids(root: Path) -> list[str]:
    return [t.id for p in load_plan(root).parts for t in p.tasks]
