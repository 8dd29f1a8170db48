"""Where a plan is: the folder a command works on, and which files in it may be read.

Light on purpose (the standard library and diagnostics only): a query answered
from the cache finds its plan here without importing the loader.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from typing import TYPE_CHECKING

from casplan.errors import UserError, os_reason

if TYPE_CHECKING:
    from casplan.diagnostics import Diagnostic

PLAN_FILE = "plan.yaml"
LEADERS_FILE = "leaders.yaml"
DEPARTMENTS_FILE = "departments.yaml"
SECTIONS_DIR = "sections"
ENV_VAR = "CASPLAN_PLAN"


def find_plan(option: Path | None, env: Mapping[str, str] | None = None) -> Path:
    """--plan DIR, else $CASPLAN_PLAN, else ./plan — or one error naming all three."""
    env = os.environ if env is None else env
    if option is not None:
        candidates = [(option, f"--plan 指定的“{option}”")]
    elif env.get(ENV_VAR):
        candidates = [(Path(env[ENV_VAR]), f"${ENV_VAR} 指定的“{env[ENV_VAR]}”")]
    else:
        candidates = [(Path("plan"), "当前目录下的“plan”")]
    path, origin = candidates[0]
    try:
        if path.is_dir():
            return path
        reason = "不是目录"
    except OSError as exc:  # a name too long, a loop of links, a folder we may not search
        reason = f"无法访问（{os_reason(exc)}）"
    msg = (
        f"找不到计划目录：{origin}{reason}。"
        f"请用 --plan DIR 指定，或设置环境变量 ${ENV_VAR}，或在含 plan/ 的目录中运行"
    )
    from casplan.diagnostics import Diagnostic

    raise UserError([Diagnostic.make(str(path), (0, 0), "plan-not-found", msg)])


def confined(path: Path, root: Path) -> bool:
    """Whether `path`, every symbolic link on it followed, stays inside `root`.

    Why: a plan repository may come from anyone (a pull request); a committed
    link `sections/x.yaml → /etc/shadow` must not make casplan read, and then
    echo, a file outside the plan.
    """
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links, a name too long
        return False


def outside(file: str) -> Diagnostic:
    """The diagnostic for a link out of the plan: it names the link, never the target or its content."""
    msg = "文件是指向方案目录之外的符号链接，拒绝读取（方案只能读自己目录中的文件）"
    from casplan.diagnostics import Diagnostic

    return Diagnostic.make(file, (0, 0), "outside-plan", msg)
