"""The error families and their exit statuses.

- `UserError`: a problem the user can fix (the plan, a file, an output path):
  its diagnostics are printed, exit 1.
- `UsageError`: bad arguments: one line in Chinese, exit 2.
- Anything else is a bug in casplan: one Chinese line asking for a report,
  exit `INTERNAL` (3); the traceback only with `--debug` (see cli.py).
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only an error's path needs diagnostics: a query's answer does not import them
    from casplan.diagnostics import Diagnostic

INTERNAL = 3
"""Exit status of an internal error, distinct from 1 ("the plan has errors")."""

BROKEN_PIPE = 141
"""Exit status when the reader of our output went away (`casplan due | head -1`): 128 + SIGPIPE, as git does."""


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


_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许的操作",
    errno.ENOENT: "不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "是目录",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接层数过多（可能循环）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统只读",
    errno.EIO: "输入输出错误",
    errno.EFBIG: "文件过大",
    errno.EMFILE: "打开的文件过多",
    errno.ENXIO: "没有进程在读取这个管道",
    errno.EBUSY: "设备或资源忙",
    errno.EEXIST: "已存在",
    errno.ENOTEMPTY: "目录非空",
    errno.EXDEV: "不能跨文件系统改名",
}


def os_reason(exc: OSError) -> str:
    """The reason of an OSError in Chinese (never the C library's English text)."""
    if exc.errno in _REASONS:
        return _REASONS[exc.errno]
    return f"系统错误（errno {exc.errno}）" if exc.errno else "系统错误"
