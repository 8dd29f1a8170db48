"""The deadline reader: 时间期限 text (and a context date) in, milestones out."""

from casplan.deadlines.milestone import Kind, Milestone
from casplan.deadlines.reader import Reading, read, read_deadline

__all__ = ["Kind", "Milestone", "Reading", "read", "read_deadline"]
