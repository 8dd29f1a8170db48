"""A plan that passed validation, ready for queries and rendering."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casplan.check import check_plan
from casplan.diagnostics import Diagnostic, Severity
from casplan.errors import UserError
from casplan.load import find_plan, load_plan
from casplan.model import Notice, Part
from casplan.registry import Registry, department_registry, leader_registry


@dataclass(frozen=True)
class Plan:
    root: Path
    notice: Notice
    parts: list[Part]
    leaders: Registry
    departments: Registry


def open_plan(option: Path | None) -> Plan:
    """Find, load and check the plan; a plan with errors is a UserError listing them (exit 1)."""
    root = find_plan(option)
    loaded = load_plan(root)
    problems = loaded.diagnostics + check_plan(loaded)
    errors = sorted((d for d in problems if d.severity is Severity.ERROR), key=Diagnostic.sort_key)
    notice, leaders, departments = loaded.notice.model, loaded.leaders.model, loaded.departments.model
    if errors or notice is None or leaders is None or departments is None:
        raise UserError(errors)
    return Plan(root, notice, loaded.parts, leader_registry(leaders), department_registry(departments))
