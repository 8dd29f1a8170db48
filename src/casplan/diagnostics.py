"""Diagnostics: what went wrong, where, under which stable code.

Every problem casplan finds in a plan becomes one `Diagnostic`. Codes are part
of the interface (CI scripts grep them), so they are listed here once, with
their severity, and documented in the README's table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# code -> default severity. Keep in step with the README table (a test checks).
CODES: dict[str, Severity] = {
    "plan-not-found": Severity.ERROR,
    "missing-file": Severity.ERROR,
    "not-utf8": Severity.ERROR,
    "merge-conflict": Severity.ERROR,
    "yaml-syntax": Severity.ERROR,
    "duplicate-key": Severity.ERROR,
    "wrong-type": Severity.ERROR,
    "missing-key": Severity.ERROR,
    "unknown-key": Severity.ERROR,
    "empty-value": Severity.ERROR,
    "bad-value": Severity.ERROR,
    "bad-date": Severity.ERROR,
    "bad-id": Severity.ERROR,
    "duplicate-id": Severity.ERROR,
    "duplicate-name": Severity.ERROR,
    "unknown-leader": Severity.ERROR,
    "unknown-department": Severity.ERROR,
    "misplaced-etc": Severity.ERROR,
    "lead-and-assist": Severity.ERROR,
    "mixed-roles": Severity.ERROR,
    "unlisted-section": Severity.ERROR,
    "missing-section": Severity.ERROR,
    "duplicate-section": Severity.ERROR,
    "template-error": Severity.ERROR,
    "write-failed": Severity.ERROR,
    "bad-source": Severity.ERROR,
    "out-not-empty": Severity.ERROR,
    "soffice-missing": Severity.ERROR,
    "render-failed": Severity.ERROR,
    "layout": Severity.ERROR,
    "control-char": Severity.ERROR,
    "outside-plan": Severity.ERROR,
    "unreadable-file": Severity.ERROR,
    "bad-section-name": Severity.ERROR,
    "typing-slip": Severity.ERROR,
    "bad-revision": Severity.ERROR,
    "not-a-repository": Severity.ERROR,
    "git-failed": Severity.ERROR,
    # progress (督办): casplan.progress.check and the sheets
    "unknown-item": Severity.ERROR,
    "unknown-milestone": Severity.ERROR,
    "unknown-status": Severity.ERROR,
    "duplicate-entry": Severity.ERROR,
    "done-after-round": Severity.ERROR,
    "done-before-plan": Severity.ERROR,
    "bad-sheet": Severity.ERROR,
    "locked-cell": Severity.ERROR,
    "wrong-round": Severity.ERROR,
    "wrong-department": Severity.ERROR,
    "missing-deadline": Severity.WARNING,
    "alias-in-text": Severity.WARNING,
    "missing-doc-number": Severity.WARNING,
    "unreadable-deadline": Severity.WARNING,
    "relative-deadline": Severity.WARNING,
    "missing-done-date": Severity.WARNING,
    "not-responsible": Severity.WARNING,
    "missing-delay-reason": Severity.WARNING,
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place. `line` and `column` are 1-based; 0 means the whole file."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    @classmethod
    def make(cls, file: str, pos: tuple[int, int], code: str, message: str) -> Diagnostic:
        """A diagnostic whose file name and message are safe to print (see `printable`)."""
        return cls(printable(file), pos[0], pos[1], code, printable(message), CODES[code])

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_error(self) -> Diagnostic:
        return replace(self, severity=Severity.ERROR)


# Characters that must never reach a terminal or a log raw: C0 and C1 controls
# (ESC clears screens, a newline forges a second diagnostic), line and paragraph
# separators, bidirectional overrides ("Trojan Source", CVE-2021-42574), and lone
# surrogates (the undecodable bytes of a file name under surrogateescape).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02X}"
    return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"


def printable(text: str) -> str:
    """`text` on one line with every unsafe character written as an escape (\\x1B, \\n, \\u202E)."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def strict(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """`--strict`: every warning becomes an error."""
    return [d.as_error() for d in diagnostics]


def count(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    return sum(1 for d in diagnostics if d.severity is severity)


def suggest(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Names in `known` close to `name`, best first (人时局 → 人事局)."""
    pool = list(dict.fromkeys(known))
    import difflib  # only when a name is unknown

    close = difflib.get_close_matches(name, pool, n=limit, cutoff=0.5)
    if close:
        return close
    # A short typo inside a long name (院国家重点实验室…) scores low on the ratio;
    # fall back to names that contain the input or are contained in it.
    return [k for k in pool if name and (name in k or k in name)][:limit]


def did_you_mean(candidates: list[str]) -> str:
    """The Chinese hint appended to a message, or '' when there is nothing to offer."""
    if not candidates:
        return ""
    quoted = "或".join(f"“{c}”" for c in candidates)
    return f"（是否为{quoted}？）"
