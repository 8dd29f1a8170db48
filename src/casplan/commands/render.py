"""`casplan render OUT`: the plan through a template into blocks, then into a file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NoReturn

from casplan.blocks import Block, BlockProblem, parse_blocks
from casplan.diagnostics import Diagnostic
from casplan.errors import UsageError, UserError, os_reason
from casplan.plan import Plan, open_plan
from casplan.query import Role, resolve, role_of, rows, unit_labels
from casplan.yamlio import ReadOnlyTarget, atomic_write

WRITERS = (".txt", ".docx", ".xlsx")


def run(out: Path, plan_option: Path | None, template: str, templates_dir: Path | None,
        dept: str | None = None, as_of: str | None = None, round_id: str | None = None) -> int:
    suffix = out.suffix.lower()
    if suffix not in WRITERS:
        raise UsageError(f"不支持的输出格式“{out.suffix or '（无扩展名）'}”，支持：{'、'.join(WRITERS)}")
    if templates_dir is not None and not templates_dir.is_dir():
        raise UsageError(f"--templates 指定的“{templates_dir}”不是目录")
    plan = open_plan(plan_option)
    if plan.notice is None and template == "notice":
        template = "plan"  # a plan issued alone has no notice: it is rendered on its own

    from casplan.render import templating  # jinja2: only when rendering

    if dept is not None and not dept.strip():
        raise UsageError("--dept 不能为空；请写部门名称")
    canonical = resolve(plan.departments, dept) if dept else None
    records = items(plan, canonical)
    from casplan.progress.report import prepared  # the 督办 data, when there is progress

    paths = templating.search_path(templates_dir, plan.root, plan.own_templates)
    if canonical is not None and not _uses(paths, template, "部门"):
        raise UsageError(f"模板“{template}”不使用 --dept：它排出的文档与部门无关；按部门出文请用 --template dept")
    with prepared(plan, records, template, as_of, round_id, chart=suffix == ".docx") as progress:
        ctx = templating.context(plan.notice, plan.parts, records, canonical, plan.labels, plan.frame)
        ctx["督办"] = progress
        filename, output = templating.render(template, paths, ctx)
        try:
            blocks = parse_blocks(output, filename)
        except BlockProblem as problem:
            raise UserError([problem.diagnostic]) from None
        _write(out, suffix, blocks, plan)
    return 0


def _write(out: Path, suffix: str, blocks: list[Block], plan: Plan) -> None:
    if suffix == ".xlsx":
        from casplan.render.xlsx_writer import write_xlsx  # openpyxl: only for .xlsx

        write(out, write_xlsx(blocks))
    elif suffix == ".docx":
        from casplan.blocks import Role
        from casplan.render.docx_writer import Options, write_docx  # python-docx: only for .docx

        landscape = any(b.role is Role.LAYOUT and b.text == "横向" for b in blocks)
        write(out, write_docx(blocks, Options(party_organ=plan.notice.party_organ if plan.notice else False,
                                               landscape=landscape)))
    else:
        from casplan.render.text import write_text

        write(out, write_text(blocks))


def _uses(paths: list[Path], template: str, variable: str) -> bool:
    """Whether `template`, or a template it includes, imports or extends, reads `variable`."""
    import jinja2
    from jinja2 import meta

    from casplan.render import templating

    env = templating.environment(paths)
    todo, seen = [template + templating.SUFFIX], set()
    while todo:
        name = todo.pop()
        if name in seen or env.loader is None:
            continue
        seen.add(name)
        try:
            ast = env.parse(env.loader.get_source(env, name)[0])
        except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError):
            return True  # let the render itself report it
        if variable in meta.find_undeclared_variables(ast):
            return True
        todo += [n for n in meta.find_referenced_templates(ast) if n is not None]
    return False


def items(plan: Plan, canonical: str | None) -> list[dict[str, object]]:
    """Every task and sub-item as a record, with 序号, 截止日期 and (for a department, by its registered name) 角色."""
    from casplan.commands.list import measures_of

    work = measures_of(plan)
    out = []
    for n, row in enumerate(rows(plan), start=1):
        record = row.record()
        milestones = row.milestones()
        record["序号"] = n
        record["截止日期"] = [m.date.isoformat() for m in milestones if m.date is not None]
        record["节点"] = [m.kind.label if m.date is None else m.date.isoformat() for m in milestones]
        record["节点明细"] = [m.record() for m in milestones]  # as `casplan deadline --format json`; not 时间节点, a plan label
        if row.is_task and row.id in work:
            record.setdefault(plan.labels.label("measures"), work[row.id])
        if canonical is not None:
            record["角色"] = role_of(row, canonical, plan.departments, *unit_labels(plan), Role.ANY)
        out.append(record)
    return out


def write(out: Path, data: str | bytes) -> None:
    """Write the document: atomically for a file; see the README's write rules for the rest.

    A missing folder, a directory, a read-only file, a pipe nobody reads: one clear
    line each, exit 1. A character device (/dev/stdout) is written to directly.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if not out.parent.is_dir():
            _refuse(out, f"目录“{out.parent}”不存在")
        mode = out.stat().st_mode if out.exists() else None
        if mode is None or stat.S_ISREG(mode):
            atomic_write(out, payload)
        elif stat.S_ISFIFO(mode):
            _write_fifo(out, payload)
        elif stat.S_ISCHR(mode):
            out.write_bytes(payload)
        elif stat.S_ISDIR(mode):
            _refuse(out, "这是一个目录")
        else:
            _refuse(out, "不是普通文件")
    except ReadOnlyTarget:
        _refuse(out, "文件是只读的；如确要覆盖，请先修改它的权限")
    except OSError as exc:
        _refuse(out, os_reason(exc))


def _write_fifo(out: Path, payload: bytes) -> None:
    """A named pipe: written only if someone is reading it (never blocks waiting for a reader)."""
    try:
        fd = os.open(out, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            _refuse(out, "这是一个命名管道，但没有进程在读取它")
        raise
    os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as fh:
        fh.write(payload)


def _refuse(out: Path, reason: str) -> NoReturn:
    raise UserError([Diagnostic.make(str(out), (0, 0), "write-failed", f"无法写入“{out}”：{reason}")])
