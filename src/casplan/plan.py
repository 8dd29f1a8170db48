"""A plan that passed validation, ready for queries and rendering."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casplan.check import check_plan
from casplan.diagnostics import Diagnostic, Severity
from casplan.errors import UserError
from casplan.labels import DEFAULT, Labels
from casplan.load import find_plan, load_plan
from casplan.model import Attachment, Grouped, Notice, Part, Tasks
from casplan.registry import Registry, department_registry, leader_registry


@dataclass(frozen=True)
class Plan:
    root: Path
    notice: Notice | None  # None: a plan issued as a document of its own
    parts: list[Part | Tasks | Grouped]
    leaders: Registry  # empty for a plan without leaders.yaml
    departments: Registry
    frame: Attachment = field(default_factory=lambda: Attachment.model_construct(title="", preamble=[], sections=[]))
    labels: Labels = DEFAULT
    own_templates: bool = False  # plan.yaml's 自带模板: use the templates/ beside the plan

    @property
    def attachment(self) -> Attachment:
        """The plan's title, preamble and section order (the notice's 附件, or plan.yaml's top)."""
        return self.frame


def open_plan(option: Path | None) -> Plan:
    """Find, load and check the plan; a plan with errors is a UserError listing them (exit 1)."""
    root = find_plan(option)
    loaded = load_plan(root)
    problems = loaded.diagnostics + check_plan(loaded)
    errors = sorted((d for d in problems if d.severity is Severity.ERROR), key=Diagnostic.sort_key)
    plan_file, leaders, departments = loaded.notice.model, loaded.leaders.model, loaded.departments.model
    if errors or plan_file is None or (leaders is None and loaded.has_leaders) or departments is None:
        raise UserError(errors)
    notice = plan_file if isinstance(plan_file, Notice) else None
    frame = plan_file.frame
    labels = loaded.labels
    return Plan(root, notice, loaded.parts, leader_registry(leaders, labels), department_registry(departments, labels), frame,
                loaded.labels, plan_file.own_templates)
