"""Jinja2 templates: where they are found, what they see, and how their errors read.

Templates run sandboxed with StrictUndefined: a typo such as `任务.牵头部` is an
error naming the template file and line, never an empty string in a document.
They see the plan with the YAML's own labels (通知.标题, 任务.牵头部门 …).
"""

from __future__ import annotations

import traceback
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from casplan.diagnostics import Diagnostic
from casplan.errors import UserError
from casplan.model import ETC, Notice, Part, chinese_date

SUFFIX = ".j2"


def packaged_templates() -> Path:
    """The templates shipped in the package (casplan/templates in the wheel).

    An editable install has no copy inside the package; the source tree's
    templates/ folder stands in for it.
    """
    inside = Path(str(resources.files("casplan"))) / "templates"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[3] / "templates"


def search_path(user_dir: Path | None, plan_root: Path) -> list[Path]:
    """--templates DIR first, then templates/ beside the plan folder, then the packaged ones."""
    paths = [user_dir] if user_dir is not None else []
    beside = plan_root.parent / "templates"
    if beside.is_dir():
        paths.append(beside)
    paths.append(packaged_templates())
    return paths


def names_filter(names: list[str] | None) -> str:
    """[学部工作局, 发展规划局, 等] → 学部工作局、发展规划局等"""
    if not names:
        return ""
    if names[-1] == ETC:
        return "、".join(names[:-1]) + ETC
    return "、".join(names)


def environment(paths: list[Path]) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in paths]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["名单"] = names_filter
    env.filters["中文日期"] = chinese_date
    env.filters["分行"] = lambda text: str(text).splitlines()
    env.filters["连排"] = lambda text: "".join(str(text).splitlines())
    env.filters["表格"] = table_filter
    env.globals["错误"] = _fail
    return env


def context(notice: Notice, parts: list[Part], items: list[dict[str, Any]] | None = None,
            dept: str | None = None) -> dict[str, Any]:
    """What a template sees: the YAML's own keys, absent optional keys as none.

    `事项` is one record per task and sub-item (as `casplan list --format json` gives them, with
    序号, 截止日期 and, for a department, 角色); `部门` is the department asked for, if any.
    """
    data = notice.model_dump(by_alias=True)
    return {
        "通知": data,
        "附件": data["附件"],
        "部分": [p.model_dump(by_alias=True) for p in parts],
        "事项": items or [],
        "部门": dept,
    }


def _fail(message: str) -> None:
    """`{{ 错误("dept 模板需要 --dept 部门名称") }}`: stop the render with this message."""
    raise jinja2.TemplateRuntimeError(message)


def table_filter(cells: list[Any]) -> str:
    """[1, "任务", …] → the cells of a 表行 block, tab-separated, one line each."""
    return "\t".join(" ".join(str(c if c is not None else "").split()) for c in cells)


def render(name: str, paths: list[Path], ctx: dict[str, Any]) -> tuple[str, str]:
    """Render template `name`; return (its file name, its output). Errors become UserError."""
    env = environment(paths)
    try:
        template = env.get_template(name + SUFFIX)
    except jinja2.TemplateNotFound:
        known = sorted({p.stem for d in paths if d.is_dir() for p in d.glob("*" + SUFFIX) if not p.stem.startswith("_")})
        where = "、".join(str(d) for d in paths)
        msg = f"找不到模板“{name}”（在 {where} 中查找）；可用模板：{'、'.join(known) or '无'}"
        raise UserError([Diagnostic.make(name + SUFFIX, (0, 0), "template-error", msg)]) from None
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(exc, exc.filename or name + SUFFIX, exc.lineno) from None
    filename = template.filename or name + SUFFIX
    try:
        return filename, template.render(ctx)
    except jinja2.TemplateSyntaxError as exc:  # in an included template
        raise _template_error(exc, exc.filename or filename, exc.lineno) from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError, ArithmeticError) as exc:
        file, line = _template_frame(exc, filename)
        raise _template_error(exc, file, line) from None


def _template_frame(exc: BaseException, default: str) -> tuple[str, int]:
    """The innermost template line in the traceback (Jinja maps frames back to .j2 lines)."""
    found = (default, 0)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(SUFFIX):
            found = (frame.filename, frame.lineno or 0)
    return found


def _template_error(exc: BaseException, file: str, line: int) -> UserError:
    from casplan.messages import jinja_message

    message = jinja_message(getattr(exc, "message", None) or str(exc))
    return UserError([Diagnostic.make(file, (line, 1 if line else 0), "template-error", f"模板错误：{message}")])
