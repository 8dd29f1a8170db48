"""`casplan render OUT`: the plan through a template into blocks, then into a file."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from casplan.blocks import Block, BlockProblem, parse_blocks
from casplan.diagnostics import Diagnostic
from casplan.errors import UsageError, UserError, os_reason
from casplan.plan import Plan, open_plan
from casplan.query import Role, resolve, role_of, rows, unit_labels
from casplan.yamlio import ReadOnlyTarget, atomic_write

if TYPE_CHECKING:
    from casplan.render.docx_writer import Options

WRITERS = (".txt", ".docx", ".pdf", ".xlsx")


def run(out: Path, plan_option: Path | None, template: str, templates_dir: Path | None,
        dept: str | None = None, as_of: str | None = None, round_id: str | None = None, check: bool = False) -> int:
    suffix = out.suffix.lower()
    if suffix not in WRITERS:
        raise UsageError(f"不支持的输出格式“{out.suffix or '（无扩展名）'}”，支持：{'、'.join(WRITERS)}")
    if check and suffix == ".txt":
        raise UsageError("--check 只用于 .docx 或 .pdf（检查 LibreOffice 排出的版面）")
    if suffix != ".txt" and (check or suffix == ".pdf"):
        from casplan.render.pdf import soffice

        soffice()  # before any work: one clear line when LibreOffice is missing
    if check and suffix not in (".docx", ".pdf"):
        raise UsageError("--check 只用于 .docx 或 .pdf（检查 LibreOffice 排出的版面）")
    if check or suffix == ".pdf":
        from casplan.render.pdf import soffice

        soffice()  # before any work: one clear line when LibreOffice is missing
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
    if as_of is None and round_id is None and not _mentions(paths, template, PROGRESS_WORDS):
        # A template that shows no progress (the notice, the plan) is rendered without reading the rounds:
        # on a plan with many of them, reading them was most of the time.
        return _write(out, suffix, _blocks(plan, template, paths, canonical, records, None), plan, check)
    with prepared(plan, records, template, as_of, round_id, chart=suffix in (".docx", ".pdf")) as progress:
        blocks = _blocks(plan, template, paths, canonical, records, progress)
        return _write(out, suffix, blocks, plan, check)  # inside: the chart's image lives as long as `progress`


def _write(out: Path, suffix: str, blocks: list[Block], plan: Plan, check: bool) -> int:
    if suffix == ".xlsx":
        from casplan.render.xlsx_writer import write_xlsx  # openpyxl: only for .xlsx

        write(out, write_xlsx(blocks))
        return 0
    if suffix in (".docx", ".pdf"):
        from casplan.render.fit import fit  # python-docx: only for .docx

        options = docx_options(plan, blocks)
        data = fit(blocks, options)  # 7.3.5.5 and 7.5 measured on LibreOffice's layout when it is installed
        if suffix == ".docx" and not check:
            write(out, data)
            return 0
        return _pdf(out, data, blocks, options.party_organ, check)
    from casplan.render.text import write_text

    write(out, write_text(blocks))
    return 0


def docx_options(plan: Plan, blocks: list[Block]) -> Options:
    """The .docx writer's options from the plan: the ★, landscape, the document properties."""
    from casplan.blocks import Role as BlockRole
    from casplan.render.docx_writer import Options

    notice = plan.notice
    landscape = any(b.role is BlockRole.LAYOUT and b.text == "横向" for b in blocks)
    titled = next((b for b in blocks if b.role in (BlockRole.TITLE, BlockRole.ATTACHMENT_TITLE)), None)
    title = titled.text if titled else (notice.title if notice else plan.frame.title)
    return Options(party_organ=notice.party_organ if notice else False, landscape=landscape,
                   title="".join(title.split("\n")), author=notice.issuer if notice else "",
                   date=_date(notice.date) if notice else None)


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _pdf(out: Path, data: bytes, blocks: list[Block], party_organ: bool, check: bool) -> int:
    """Write OUT (.docx, or .pdf through LibreOffice); with `check`, measure the PDF and report each violation."""
    import tempfile

    from casplan.render.pdf import convert

    with tempfile.TemporaryDirectory(prefix="casplan-") as tmp:
        docx_path = Path(tmp) / (out.stem + ".docx")
        docx_path.write_bytes(data)
        (pdf_path,) = convert([docx_path], Path(tmp))
        problems = []
        if check:
            from casplan.render.check_pdf import Expect
            from casplan.render.check_pdf import check as measure

            problems = measure(pdf_path, Expect.from_blocks(blocks, party_organ))
        write(out, data if out.suffix.lower() == ".docx" else pdf_path.read_bytes())
    if problems:
        raise UserError([v.diagnostic(out.stem + ".pdf") for v in problems])
    return 0


PROGRESS_WORDS = ("督办", "状态", "最新进展")
"""What a template reads of progress: the 督办 data, and the 状态 and 最新进展 that records get from it."""


def _mentions(paths: list[Path], template: str, words: tuple[str, ...]) -> bool:
    """Whether the text of `template`, or of a template it includes, imports or extends, has any of `words`.

    Text, not the syntax tree: a record's field can be read as item.状态, item["状态"] or through a
    variable, and any mention at all is taken to mean the template may show it; so may a template
    named only at render time.
    """
    return _any_template(paths, template, lambda source, _: any(word in source for word in words), dynamic=True)


def _uses(paths: list[Path], template: str, variable: str) -> bool:
    """Whether `template`, or a template it includes, imports or extends, reads `variable`."""
    from jinja2 import meta

    return _any_template(paths, template, lambda _, ast: variable in meta.find_undeclared_variables(ast),
                         dynamic=False)


def _any_template(paths: list[Path], template: str, found: Callable[[str, Any], bool], dynamic: bool) -> bool:
    """Whether `found(source, syntax tree)` holds for `template` or a template it includes, imports or extends.

    A template that cannot be read or parsed counts as found (the render itself reports it); one named
    only at render time (`{% include name %}`) counts as `dynamic`.
    """
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
            source = env.loader.get_source(env, name)[0]
            ast = env.parse(source)
        except (jinja2.TemplateNotFound, jinja2.TemplateSyntaxError, templating.OutsideTemplate):
            return True
        if found(source, ast):
            return True
        referenced = list(meta.find_referenced_templates(ast))
        if dynamic and None in referenced:
            return True
        todo += [n for n in referenced if n is not None]
    return False


def document_blocks(plan: Plan, template: str, templates_dir: Path | None, dept: str | None) -> list[Block]:
    """The plan through the template, without progress data: the document's role-tagged blocks (for tests and tools)."""
    from casplan.render import templating

    canonical = resolve(plan.departments, dept) if dept else None
    paths = templating.search_path(templates_dir, plan.root, plan.own_templates)
    return _blocks(plan, template, paths, canonical, items(plan, canonical), None)


def _blocks(plan: Plan, template: str, paths: list[Path], canonical: str | None, records: list[dict[str, object]],
            progress: object) -> list[Block]:
    from casplan.render import templating  # jinja2: only when rendering

    ctx = templating.context(plan.notice, plan.parts, records, canonical, plan.labels, plan.frame)
    ctx["督办"] = progress
    filename, output = templating.render(template, paths, ctx)
    try:
        return parse_blocks(output, filename)
    except BlockProblem as problem:
        raise UserError([problem.diagnostic]) from None


def items(plan: Plan, canonical: str | None) -> list[dict[str, object]]:
    """Every task and sub-item as a record, with 序号, 截止日期 and (for a department, by its registered name) 角色."""
    from casplan.commands.list import measures_of

    work = measures_of(plan)
    out = []
    task_place = ""
    for n, row in enumerate(rows(plan), start=1):
        record = row.record()
        # Where the item stands in the plan, as the document numbers it: 九、（四）, 十五、（一）（3）.
        if row.is_task:
            task_place = _task_place(plan, row.part_no, row.number)
            record["位置"] = task_place
        else:
            record["位置"] = f"{task_place}（{row.number}）"
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


def _task_place(plan: Plan, part_no: int, number: int) -> str:
    """九、（四） for our plans; 十二、 for tasks at the top level; 三、12. for tasks numbered through the parts."""
    from casplan.render.numbering import label
    from casplan.blocks import Role as BlockRole

    structure = plan.labels.structure
    levels = (BlockRole.LEVEL1, BlockRole.LEVEL2, BlockRole.LEVEL3)
    task = label(levels[min(structure.task_level, 3) - 1], number) if number else ""
    if not structure.has_parts:
        return task
    return f"{label(BlockRole.LEVEL1, part_no)}{task}"


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
