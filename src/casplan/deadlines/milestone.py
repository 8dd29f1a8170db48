"""What a deadline text says, as milestones: a kind, the dates it gives, and its clause."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum

from casplan.deadlines.dates import make

Day = date  # a field named `date` hides the type inside a class body


class Kind(str, Enum):
    BY_DATE = "by-date"
    PERIOD = "period"
    START = "start"
    YEARLY = "yearly"
    HALF_YEARLY = "half-yearly"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"
    ONGOING = "ongoing"
    RELATIVE = "relative"
    SET_BY_OTHERS = "set-by-others"
    IMMEDIATE = "immediate"
    TARGET = "target"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def every(self) -> str | None:
        """The unit a recurring kind repeats by: year, half-year, quarter, month."""
        return _EVERY.get(self)


_LABELS = {
    Kind.BY_DATE: "限期", Kind.PERIOD: "期间", Kind.START: "起点", Kind.YEARLY: "每年", Kind.HALF_YEARLY: "每半年",
    Kind.QUARTERLY: "每季度", Kind.MONTHLY: "每月", Kind.ONGOING: "持续", Kind.RELATIVE: "相对",
    Kind.SET_BY_OTHERS: "按他方进度", Kind.IMMEDIATE: "立即", Kind.TARGET: "目标",
}
_EVERY = {Kind.YEARLY: "year", Kind.HALF_YEARLY: "half-year", Kind.QUARTERLY: "quarter", Kind.MONTHLY: "month"}
_STEP = {"year": 12, "half-year": 6, "quarter": 3, "month": 1}
RECURRING = frozenset(_EVERY)


@dataclass(frozen=True)
class Milestone:
    """One milestone of a deadline text.

    date: the deadline (a period's end, a target's end, a relative deadline when its event's date is known);
    None for the undated kinds. start: where a period or a start begins, or a recurrence's first year.
    first: a recurrence's first occurrence (its later ones: `occurrences`). event: what a relative
    deadline counts from. approximate: the reading is a clerk's best guess (note says why). contextual:
    read against the context date (no year written, 今年/明年, the plan's own 印发之日).
    """

    date: Day | None
    kind: Kind
    clause: str
    start: Day | None = None
    first: Day | None = None
    event: str | None = None
    approximate: bool = False
    contextual: bool = False
    note: str | None = None
    day: int | None = None  # a recurrence's day of the month; None: the month's last day
    until: Day | None = None  # a recurrence's last possible day (每年… within “十四五”期间)

    @property
    def every(self) -> str | None:
        return self.kind.every

    def occurrences(self, after: Day | None = None, before: Day | None = None) -> Iterator[Day]:
        """A recurrence's occurrences from `after` to `before` (both inclusive), in order.

        Without `before` (and no `until`), only the first occurrence on or after `after` is given:
        the list would not end.
        """
        if self.first is None or self.every is None:
            return
        step = _STEP[self.every]
        index = self.first.year * 12 + self.first.month - 1
        last = min((d for d in (before, self.until) if d is not None), default=None)
        while True:
            year, month = divmod(index, 12)
            month_last = make(year, month + 1)
            if month_last is None:
                return
            day = month_last if self.day is None else month_last.replace(day=min(self.day, month_last.day))
            if last is not None and day > last:
                return
            if after is None or day >= after:
                yield day
                if last is None:
                    return
            index += step

    def record(self) -> dict[str, object]:
        """The milestone as plain data, for json/yaml output and templates."""
        def iso(d: Day | None) -> str | None:
            return None if d is None else d.isoformat()

        return {
            "kind": self.kind.value,
            "label": self.kind.label,
            "date": iso(self.date),
            "start": iso(self.start),
            "every": self.every,
            "first": iso(self.first),
            "event": self.event,
            "approximate": self.approximate,
            "contextual": self.contextual,
            "note": self.note,
            "clause": self.clause,
        }
