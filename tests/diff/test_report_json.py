"""casplan.diff.report_json: the golden JSON and its stable keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from casplan.diff.compare import compare
from casplan.diff.report_json import render
from casplan.diff.snapshot import snapshot
from casplan.diff.sources import Side
from diff_helpers import NEW, OLD

GOLDEN = Path(__file__).parent / "golden"


def doc() -> dict:  # type: ignore[type-arg]
    result = compare(snapshot(Side("旧版", "old", OLD)), snapshot(Side("新版", "new", NEW)))
    return json.loads(render(result))


def test_golden_json(golden: Callable[[Path, str], None]) -> None:
    result = compare(snapshot(Side("旧版", "old", OLD)), snapshot(Side("新版", "new", NEW)))
    golden(GOLDEN / "old-new.json", render(result))


def test_stable_keys() -> None:
    d = doc()
    assert list(d) == ["changed", "old", "new", "summary", "items", "parts", "notice", "registries", "progress", "unknown"]
    assert all(list(i) == ["id", "kind", "change", "old", "new", "moved", "reordered", "roles", "deadline", "fields"]
               for i in d["items"])
    assert list(d["old"]) == ["label", "errors", "unread"]


def test_deadline_shift() -> None:
    (lab_plan,) = [i for i in doc()["items"] if i["id"] == "lab-plan"]
    assert lab_plan["deadline"]["verdict"] == "later"
    assert lab_plan["deadline"]["shifts"] == [{
        "old": {"date": "2022-06-30", "kind": "by-date", "clause": "2022年6月底前完成"},
        "new": {"date": "2022-09-30", "kind": "by-date", "clause": "2022年9月底前完成"},
        "days": 92, "direction": "later",
    }]
    assert lab_plan["roles"] == [{"label": "牵头部门", "old": ["规划处"], "new": ["综合处", "规划处"],
                                  "added": ["综合处"], "removed": [], "reordered": False}]
