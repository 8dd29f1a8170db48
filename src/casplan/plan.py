"""A plan that passed validation, ready for queries and rendering."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from casplan.errors import UserError
from casplan.labels import DEFAULT, Labels
from casplan.locate import find_plan
from casplan.registry import Registry

if TYPE_CHECKING:  # loading and checking are imported by the functions that do them: a query answered
    # from the cache (casplan.cache) builds a Plan without parsing YAML or importing the models
    from casplan.load import LoadedPlan
    from casplan.model import Attachment, Grouped, Notice, Part, Tasks


def _no_frame() -> Attachment:
    from casplan.model import Attachment

    return Attachment.model_construct(title="", preamble=[], sections=[])


@dataclass(frozen=True)
class Plan:
    root: Path
    notice: Notice | None  # None: a plan issued as a document of its own
    parts: list[Part | Tasks | Grouped]
    leaders: Registry  # empty for a plan without leaders.yaml
    departments: Registry
    frame: Attachment = field(default_factory=_no_frame)
    labels: Labels = DEFAULT
    own_templates: bool = False  # plan.yaml's 自带模板: use the templates/ beside the plan
    part_numbers: tuple[int, ...] = ()  # each part's place in the plan, when some were left out (open_for_query)

    def number(self, index: int) -> int:
        """The 一、二、… number of `parts[index]`."""
        return self.part_numbers[index] if self.part_numbers else index + 1

    @property
    def attachment(self) -> Attachment:
        """The plan's title, preamble and section order (the notice's 附件, or plan.yaml's top)."""
        return self.frame


def open_plan(option: Path | None) -> Plan:
    """Find, load and check the plan; a plan with errors is a UserError listing them (exit 1)."""
    from casplan.check import check_plan
    from casplan.diagnostics import Diagnostic, Severity
    from casplan.load import load_plan

    root = find_plan(option)
    loaded = load_plan(root)
    problems = loaded.diagnostics + check_plan(loaded)
    errors = sorted((d for d in problems if d.severity is Severity.ERROR), key=Diagnostic.sort_key)
    plan = None if errors else assemble(loaded)
    if plan is None:
        raise UserError(errors)
    return plan


def assemble(loaded: LoadedPlan) -> Plan | None:
    """The Plan from files already loaded (validate's, open_plan's); None when a file it needs did not load."""
    from casplan.model import Notice
    from casplan.registry import department_registry, leader_registry

    plan_file, leaders, departments = loaded.notice.model, loaded.leaders.model, loaded.departments.model
    if plan_file is None or (leaders is None and loaded.has_leaders) or departments is None:
        return None
    notice = plan_file if isinstance(plan_file, Notice) else None
    frame = plan_file.frame
    labels = loaded.labels
    return Plan(loaded.root, notice, loaded.parts, leader_registry(leaders, labels), department_registry(departments, labels),
                frame, loaded.labels, plan_file.own_templates)


def open_for_query(option: Path | None) -> tuple[Plan, list[str]]:
    """The plan for a query, from the sections that load; and the files with errors left out.

    A department is not locked out by another section's typo: sections whose file has an
    error are left out, and the caller warns (see `warn_broken`). A plan whose plan.yaml,
    leaders.yaml or departments.yaml does not load cannot answer: a UserError, as open_plan.
    """
    from casplan.check import check_plan
    from casplan.diagnostics import Diagnostic, Severity
    from casplan.load import load_plan
    from casplan.model import Notice
    from casplan.registry import department_registry, leader_registry

    root = find_plan(option)
    loaded = load_plan(root)
    problems = loaded.diagnostics + check_plan(loaded)
    errors = sorted((d for d in problems if d.severity is Severity.ERROR), key=Diagnostic.sort_key)
    plan_file, leaders, departments = loaded.notice.model, loaded.leaders.model, loaded.departments.model
    if plan_file is None or (leaders is None and loaded.has_leaders) or departments is None:
        raise UserError(errors)
    broken = list(dict.fromkeys(d.file for d in errors))
    kept = [(n, s.model) for n, s in enumerate(loaded.sections, start=1) if s.model is not None and s.file not in broken]
    labels = loaded.labels
    plan = Plan(root, plan_file if isinstance(plan_file, Notice) else None, [part for _, part in kept],
                leader_registry(leaders, labels), department_registry(departments, labels), plan_file.frame,
                labels, plan_file.own_templates, tuple(n for n, _ in kept) if broken else ())
    return plan, broken


def warn_broken(broken: list[str]) -> int:
    """After a query's answer: one warning line naming the files left out; the exit status (1 if any)."""
    if not broken:
        return 0
    print(f"警告：以下文件有错误，结果中不含它们的内容：{'、'.join(broken)}；运行 casplan validate 查看详情",
          file=sys.stderr)
    return 1
