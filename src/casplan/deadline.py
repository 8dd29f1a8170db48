"""Deadlines: the reader's API (casplan.deadlines) and dates as a user types them on the command line.

The reader itself lives in the casplan.deadlines package (lexer, numerals,
dates, reader); this module keeps the names the rest of casplan imports.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from casplan.deadlines import Kind, Milestone

if TYPE_CHECKING:
    from casplan.deadlines.reader import Reading, read, read_deadline

__all__ = ["Kind", "Milestone", "Reading", "parse_date", "read", "read_deadline"]


def __getattr__(name: str) -> Any:
    """The reader's names, imported on first use: casplan.deadlines does that."""
    import casplan.deadlines

    return getattr(casplan.deadlines, name)


def parse_date(text: str) -> date | None:
    """A date as a user types it: 2021-12-31, 2021/12/31, 20211231, 2021年12月31日."""
    text = text.strip()
    for pattern in (r"(\d{4})-(\d{1,2})-(\d{1,2})", r"(\d{4})/(\d{1,2})/(\d{1,2})", r"(\d{4})(\d{2})(\d{2})",
                    r"(\d{4})年(\d{1,2})月(\d{1,2})日"):
        m = re.fullmatch(pattern, text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None
