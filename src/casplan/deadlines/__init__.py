"""The deadline reader: 时间期限 text (and a context date) in, milestones out.

The reader (its patterns take a while to compile) is imported on first use, so
that what only needs Kind and Milestone — a query answered from the cache —
does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casplan.deadlines.milestone import Kind, Milestone

if TYPE_CHECKING:
    from casplan.deadlines.reader import Reading, read, read_deadline

__all__ = ["Kind", "Milestone", "Reading", "read", "read_deadline"]


def __getattr__(name: str) -> Any:
    if name in ("Reading", "read", "read_deadline"):
        from casplan.deadlines import reader

        return getattr(reader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
