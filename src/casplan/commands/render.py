"""`casplan render OUT`: the plan through a template into blocks, then into a file."""

from __future__ import annotations

from pathlib import Path

from datetime import date

from casplan.blocks import Block, BlockProblem, parse_blocks
from casplan.diagnostics import Diagnostic
from casplan.errors import UsageError, UserError
from casplan.plan import Plan, open_plan
from casplan.query import Role, resolve, role_of, rows
from casplan.yamlio import atomic_write

WRITERS = (".txt", ".docx", ".pdf")


def run(out: Path, plan_option: Path | None, template: str, templates_dir: Path | None,
        dept: str | None = None, check: bool = False) -> int:
    suffix = out.suffix.lower()
    if suffix not in WRITERS:
        raise UsageError(f"不支持的输出格式“{out.suffix or '（无扩展名）'}”，支持：{'、'.join(WRITERS)}")
    if check and suffix == ".txt":
        raise UsageError("--check 只用于 .docx 或 .pdf（检查 LibreOffice 排出的版面）")
    if suffix != ".txt" and (check or suffix == ".pdf"):
        from casplan.render.pdf import soffice

        soffice()  # before any work: one clear line when LibreOffice is missing
    if templates_dir is not None and not templates_dir.is_dir():
        raise UsageError(f"--templates 指定的“{templates_dir}”不是目录")
    plan = open_plan(plan_option)

    from casplan.render import templating  # jinja2: only when rendering

    canonical = resolve(plan.departments, dept) if dept else None
    ctx = templating.context(plan.notice, plan.parts, items(plan, canonical), canonical)
    filename, output = templating.render(template, templating.search_path(templates_dir, plan.root), ctx)
    try:
        blocks = parse_blocks(output, filename)
    except BlockProblem as problem:
        raise UserError([problem.diagnostic]) from None
    if suffix in (".docx", ".pdf"):
        from casplan.blocks import Role
        from casplan.render.docx_writer import Options, write_docx  # python-docx: only for .docx

        notice = plan.notice
        landscape = any(b.role is Role.LAYOUT and b.text == "横向" for b in blocks)
        titled = next((b for b in blocks if b.role in (Role.TITLE, Role.ATTACHMENT_TITLE)), None)
        options = Options(party_organ=notice.party_organ, landscape=landscape,
                          title="".join((titled.text if titled else notice.title).split("\n")),
                          author=notice.issuer, date=_date(notice.date))
        data = write_docx(blocks, options)
        if suffix == ".docx" and not check:
            write(out, data)
            return 0
        return _pdf(out, data, blocks, options.party_organ, check)
    else:
        from casplan.render.text import write_text

        write(out, write_text(blocks))
    return 0


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


def items(plan: Plan, canonical: str | None) -> list[dict[str, object]]:
    """Every task and sub-item as a record, with 序号, 截止日期 and (for a department, by its registered name) 角色."""
    from casplan.render.numbering import chinese_number

    out = []
    task_place = ""
    for n, row in enumerate(rows(plan), start=1):
        record = row.record()
        # Where the item stands in the plan, as the document numbers it: 九、（四）, 十五、（一）（3）.
        if row.is_task:
            task_place = f"{chinese_number(row.part_no)}、" + (f"（{chinese_number(row.number)}）" if row.number else "")
            record["位置"] = task_place
        else:
            record["位置"] = f"{task_place}（{row.number}）"
        milestones = row.milestones()
        record["序号"] = n
        record["截止日期"] = [m.date.isoformat() for m in milestones if m.date is not None]
        record["节点"] = [m.kind.label if m.date is None else m.date.isoformat() for m in milestones]
        if canonical is not None:
            record["角色"] = role_of(row, canonical, plan.departments, "牵头部门", "协助部门", Role.ANY)
        out.append(record)
    return out


def write(out: Path, data: str | bytes) -> None:
    """Atomic write, with one clear line when the folder is missing or not writable."""
    if not out.parent.is_dir():
        msg = f"无法写入“{out}”：目录“{out.parent}”不存在"
        raise UserError([Diagnostic.make(str(out), (0, 0), "write-failed", msg)])
    try:
        if out.exists() and not out.is_file():  # a device or pipe: a rename would replace it
            out.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        else:
            atomic_write(out, data)
    except OSError as exc:
        msg = f"无法写入“{out}”：{exc.strerror or exc}"
        raise UserError([Diagnostic.make(str(out), (0, 0), "write-failed", msg)]) from None
