"""Jinja2 templates: where they are found, what they see, and how their errors read.

Templates run sandboxed with StrictUndefined: a typo such as `任务.牵头部` is an
error naming the template file and line, never an empty string in a document.
They see the plan with the YAML's own labels (通知.标题, 任务.牵头部门 …).

A template is code, and a plan repository may come from anyone, so templates
also run bounded: a template file is read only from inside its folder (no link
out), the plan's own templates/ only when plan.yaml says `自带模板: true`, and a
run is stopped past a time limit, an output size, a number too large or a
recursion too deep — each as one template-error line with file:line.
"""

from __future__ import annotations

import math
import os
import re
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from casplan.diagnostics import Diagnostic
from casplan.errors import UserError
from casplan.labels import DEFAULT, ROLE_NAMES, Labels
from casplan.model import ETC, Attachment, Grouped, Notice, Part, Tasks, chinese_date

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


def search_path(user_dir: Path | None, plan_root: Path, own_templates: bool = False) -> list[Path]:
    """--templates DIR first, then templates/ beside the plan folder, then the packaged ones.

    The folder beside the plan is used only when the plan asks for it (`自带模板: true`):
    an untrusted plan repository must not bring its own code by default.
    """
    paths = [user_dir] if user_dir is not None else []
    beside = plan_root.parent / "templates"
    if own_templates and beside.is_dir():
        paths.append(beside)
    paths.append(packaged_templates())
    return paths


class ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads a template only if it resolves inside its folder, links followed."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            path = os.path.join(folder, *pieces)
            if not os.path.isfile(path):
                continue
            if not os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep):
                raise OutsideTemplate(template, path)
            with open(path, encoding=self.encoding) as fh:
                source = fh.read()
            mtime = os.path.getmtime(path)
            return source, os.path.normpath(path), lambda: os.path.isfile(path) and os.path.getmtime(path) == mtime
        raise jinja2.TemplateNotFound(template)


class OutsideTemplate(jinja2.TemplateError):
    def __init__(self, name: str, path: str) -> None:
        super().__init__(f"模板“{name}”是指向模板目录之外的符号链接，拒绝读取")
        self.path = path


MAX_SECONDS = 60.0
"""How long one template may run (CASPLAN_TEMPLATE_SECONDS overrides; tests make it short)."""

MAX_OUTPUT = 50_000_000
"""How many characters one template may produce (a 10,000-task plan needs about a tenth of that)."""

MAX_POWER_BITS = 4096
"""The largest integer `**` may build (in bits)."""


class TemplateLimit(jinja2.TemplateError):
    """A template ran past one of the bounds above."""


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox, plus bounds on the operators that can build huge values from small ones."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            _check_power(left, right)
            return left**right
        if operator == "*":
            _check_repeat(left, right)
            return left * right
        _check_format(left)
        return left % right


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
        if exponent * math.log2(abs(base)) > MAX_POWER_BITS:
            raise TemplateLimit(f"数值过大（{base} 的 {exponent} 次方）")


def _check_repeat(left: Any, right: Any) -> None:
    for seq, count in ((left, right), (right, left)):
        if isinstance(seq, str | list | tuple) and isinstance(count, int) and len(seq) * count > MAX_OUTPUT:
            raise TemplateLimit(f"重复后的长度超过 {MAX_OUTPUT} 个字符")


_WIDTH = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d+))?")


def _check_format(left: Any) -> None:
    if isinstance(left, str):
        for m in _WIDTH.finditer(left):
            if any(g and int(g) > 10_000 for g in m.groups()):
                raise TemplateLimit("格式中的宽度或精度过大")


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop the render after `seconds` (a POSIX interval timer; in the main thread only)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TemplateLimit(f"模板运行超过 {seconds:g} 秒，已停止")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _seconds() -> float:
    try:
        return float(os.environ.get("CASPLAN_TEMPLATE_SECONDS", MAX_SECONDS))
    except ValueError:
        return MAX_SECONDS


def names_filter(names: list[str] | None) -> str:
    """[学部工作局, 发展规划局, 等] → 学部工作局、发展规划局等"""
    if not names:
        return ""
    if names[-1] == ETC:
        return "、".join(names[:-1]) + ETC
    return "、".join(names)


def environment(paths: list[Path]) -> SandboxedEnvironment:
    env = BoundedEnvironment(
        loader=ConfinedLoader([str(p) for p in paths]),
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
    del env.globals["lipsum"]  # lipsum(10**6) is a denial of service and no document needs it
    return env


def context(notice: Notice | None, parts: list[Part] | list[Part | Tasks | Grouped], items: list[dict[str, Any]] | None = None,
            dept: str | None = None, labels: Labels = DEFAULT, frame: Attachment | None = None) -> dict[str, Any]:
    """What a template sees: the YAML's own keys, absent optional keys as none.

    `事项` is one record per task and sub-item (as `casplan list --format json` gives them, with
    序号, 截止日期 and, for a department, 角色); `部门` is the department asked for, if any.
    `标签` maps each role name (牵头单位 …) to this plan's label; `结构` is its layout. `通知`
    is none for a plan issued alone (`附件` is then the plan's own frame).
    """
    from casplan import wording

    data = notice.model_dump(by_alias=True) if notice is not None else None
    attachment = data["附件"] if data is not None and data["附件"] is not None else (frame or Attachment.model_construct(
        title="", preamble=[], sections=[])).model_dump(by_alias=True)
    attachment["前言"] = attachment.get("前言") or []
    structure = labels.structure
    return {
        "通知": data,
        "附件": attachment,
        "部分": [_part(p) for p in parts],
        "事项": items or [],
        "部门": dept,
        "标签": {ROLE_NAMES[role]: label for role, label in labels.pairs},
        "其他字段": list(labels.other),
        "结构": structure.as_dict(),
        "任务级别": ("一级标题", "二级标题", "三级标题")[structure.task_level - 1],
        "时限单列": wording.deadline_line(labels),
        "协助": labels.assist_word("assist_units"),
        "领导": any(t.lead_leaders or t.assist_leaders for p in parts for t in p.tasks),
        "字段行": lambda work: wording.field_lines(work, labels),
        "分工括号": lambda work: wording.parenthesis(work, labels),
        "方案表格": lambda parts: wording.tables(parts, labels, structure.task_column),
    }


def _part(part: Part | Tasks | Grouped) -> dict[str, Any]:
    """A section as templates see it: 标题 (none without parts), 分组 (none without groups), and every 任务."""
    data: dict[str, Any] = {"标题": None, "分组": None, **part.model_dump(by_alias=True)}
    if isinstance(part, Grouped):
        data["任务"] = [task for group in data["分组"] for task in group["任务"]]
    return data


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
    except OutsideTemplate as exc:
        raise _template_error(exc, name + SUFFIX, 0) from None
    except jinja2.TemplateSyntaxError as exc:
        raise _template_error(exc, exc.filename or name + SUFFIX, exc.lineno) from None
    filename = template.filename or name + SUFFIX
    try:
        with _time_limit(_seconds()):
            return filename, _bounded_output(template, ctx)
    except jinja2.TemplateSyntaxError as exc:  # in an included template
        raise _template_error(exc, exc.filename or filename, exc.lineno) from None
    except Exception as exc:  # noqa: BLE001 - whatever template code raises is the template's error
        file, line = _template_frame(exc, filename)
        raise _template_error(exc, file, line) from None


def _bounded_output(template: jinja2.Template, ctx: dict[str, Any]) -> str:
    chunks: list[str] = []
    size = 0
    for chunk in template.generate(ctx):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TemplateLimit(f"模板输出超过 {MAX_OUTPUT} 个字符，已停止")
        chunks.append(chunk)
    return "".join(chunks)


_RUNTIME = {
    ZeroDivisionError: "除数为零",
    RecursionError: "递归过深（宏调用自身，或模板包含自身？）",
    MemoryError: "内存不足（生成的内容过大）",
    OverflowError: "数值或范围过大",
    SecurityError: "沙箱不允许的操作",
}


def _runtime_message(exc: BaseException) -> str | None:
    """A Chinese reason for the errors template code can raise that Jinja does not word itself."""
    if isinstance(exc, TemplateLimit | OutsideTemplate):
        return exc.message
    for kind, text in _RUNTIME.items():
        if isinstance(exc, kind):
            return text
    if not isinstance(exc, jinja2.TemplateError | TypeError | ValueError | KeyError | AttributeError):
        return f"运行出错（{type(exc).__name__}）"
    return None


def _template_frame(exc: BaseException, default: str) -> tuple[str, int]:
    """The innermost template line in the traceback (Jinja maps frames back to .j2 lines)."""
    found = (default, 0)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(SUFFIX):
            found = (frame.filename, frame.lineno or 0)
    return found


def _template_error(exc: BaseException, file: str, line: int) -> UserError:
    from casplan.messages import jinja_message

    message = _runtime_message(exc) or jinja_message(getattr(exc, "message", None) or str(exc))
    return UserError([Diagnostic.make(file, (line, 1 if line else 0), "template-error", f"模板错误：{message}")])
