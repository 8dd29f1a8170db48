"""Name registries: the leaders and departments a plan may cite, with their aliases."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from casplan.labels import DEFAULT, Labels

if TYPE_CHECKING:  # the models only type the builders: a cached plan's registries are built without them
    from casplan.model import Departments, Leaders


MAX_SUGGESTED = 2_000
"""How many distinct unknown names get a did-you-mean search in one run."""


@dataclass
class Registry:
    """Canonical names, and every spelling (name or alias) that resolves to one."""

    what: str  # "院领导" or "部门", for messages
    canonical: list[str] = field(default_factory=list)
    spellings: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    _nearest: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def add(self, name: str, aliases: list[str], kind: str = "") -> list[str]:
        """Register `name`; return the spellings that were already taken."""
        clashes = [s for s in (name, *aliases) if s in self.spellings]
        self.canonical.append(name)
        self.kinds[name] = kind
        for spelling in (name, *aliases):
            self.spellings.setdefault(spelling, name)
        return clashes

    def resolve(self, spelling: str) -> str | None:
        return self.spellings.get(spelling)

    def nearest(self, spelling: str) -> list[str]:
        """Close spellings, memoized; past MAX_SUGGESTED distinct names, no more suggestions are sought.

        Why: a file with a million unknown names spent most of 32 s here.
        """
        if spelling not in self._nearest:
            if len(self._nearest) >= MAX_SUGGESTED:
                return []
            from casplan.diagnostics import suggest

            self._nearest[spelling] = suggest(spelling, self.spellings)
        return self._nearest[spelling]

    def __contains__(self, spelling: object) -> bool:
        return spelling in self.spellings


def leader_registry(leaders: Leaders | None, labels: Labels = DEFAULT) -> Registry:
    reg = Registry("院领导" if "院领导" in labels.label("lead_leaders") else "领导")
    for leader in leaders.leaders if leaders else []:
        reg.add(leader.name, leader.aliases)
    return reg


def department_registry(departments: Departments | None, labels: Labels = DEFAULT) -> Registry:
    reg = Registry("部门" if labels.label("lead_units").endswith("部门") else "单位")
    for dept in departments.departments if departments else []:
        reg.add(dept.name, dept.aliases, dept.kind)
    return reg
