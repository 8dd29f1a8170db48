"""The user-error family: one clean line and an exit code, never a traceback.

Internal bugs are not caught: they keep their traceback so they get reported.
"""

from __future__ import annotations

from casplan.diagnostics import Diagnostic


class UserError(Exception):
    """A problem the user can fix: printed as diagnostics, exit status `exit_code`."""

    def __init__(self, diagnostics: list[Diagnostic], exit_code: int = 1) -> None:
        super().__init__("\n".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics
        self.exit_code = exit_code


class UsageError(Exception):
    """Bad arguments: one line in Chinese, exit status 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
