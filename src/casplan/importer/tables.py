"""Plans laid out as tables: one table for the whole plan or one per part.

The header row is mapped by label (序号, 任务, the role words of vocab.SYNONYMS,
any other column a field of its own). A row whose one cell spans every column
is a part heading (一、…). A row that repeats the header (a table continued
across pages, or a second table of the same plan) is skipped. A cell merged
down from the row above (vMerge) carries the value of the cell it continues; a
row whose task cell continues the task above is a sub-item of that task.
Paragraphs before the first table are the notice, the title and the preamble;
a numbered heading between tables starts a part.
"""

from __future__ import annotations

import re

from casplan.importer.ir import NAME_ROLES, PartIR, PlanIR, Work
from casplan.importer.report import Report
from casplan.importer.source import Cell, Para, Table
from casplan.importer.structure import NUMBERED, Options, build, cn_number, finish, numbering
from casplan.importer.vocab import SYNONYMS, split_names

NUMBER_COLUMNS = {"序号", "编号", "序", "No", "No.", "号"}
TASK_COLUMNS = {"任务", "重点任务", "工作任务", "主要任务", "任务名称", "事项", "工作事项", "重点工作", "工作内容",
                "任务内容", "具体任务", "工作项目", "项目"}


def _column(label: str, options: Options) -> str:
    label = re.sub(r"\s+", "", label)
    if label in NUMBER_COLUMNS:
        return "number"
    if label in TASK_COLUMNS:
        return "title"
    role = options.labels.get(label) or SYNONYMS.get(label)
    return role if role is not None else "=" + label


def is_plan_table(table: Table, options: Options) -> bool:
    """A table whose first row with text is a header: a task column, or two columns named by roles."""
    for row in table.rows:
        if not any(c.text.strip() for c in row):
            continue
        columns = [_column(c.text, options) for c in row]
        roles = [c for c in columns if not c.startswith("=") and c not in ("number", "title")]
        return "title" in columns or len(roles) >= 2
    return False


def _part_heading(text: str) -> bool:
    return re.match(r"^[一二三四五六七八九十]+、", text) is not None


def _strip_number(text: str) -> tuple[str, int | None]:
    for _, pattern in NUMBERED:
        if m := pattern.match(text):
            return text[m.end():].strip(), cn_number(m.group(1))
    return text, None


def build_with_tables(blocks: list[Para | Table], report: Report, options: Options | None = None) -> PlanIR:
    options = options or Options()
    first = next(i for i, b in enumerate(blocks) if isinstance(b, Table))
    while first > 0 and isinstance(b := blocks[first - 1], Para) and _part_heading(b.text):
        first -= 1  # the part heading over the first table belongs with the tables
    front = [b for b in blocks[:first] if isinstance(b, Para)]
    plan = build(front, report, options)
    header: list[str] | None = None
    part: PartIR | None = plan.parts[-1] if plan.parts else None
    for block in blocks[first:]:
        if isinstance(block, Para):
            title, number = _strip_number(block.text)
            if _part_heading(block.text):
                part = PartIR(block.loc, title, number)
                plan.parts.append(part)
            else:
                report.unplaced(block.loc, block.text, "表格之间的段落，既不是部分标题也不属于任何任务")
            continue
        for r, row in enumerate(block.rows):
            texts = [c.text for c in row]
            if not any(t.strip() for t in texts):
                continue
            if header is None or _is_header(texts, header):
                if header is None:
                    header = [_column(t, options) for t in _grid(row)]
                    for label in _grid(row):
                        _note_label(plan, label, options)
                continue
            if len({c.text for c in row}) == 1 and (len(row) == 1 or sum(c.span for c in row) >= len(header)):
                title, number = _strip_number(row[0].text)
                part = PartIR(row[0].loc, title, number)
                plan.parts.append(part)
                continue
            if part is None:
                part = PartIR(row[0].loc, None)
                plan.parts.append(part)
            _row(plan, part, header, row, report)
    plan.has_parts = bool(plan.parts) and all(p.title is not None for p in plan.parts)
    numbering(plan, "C")  # 序号 1 2 3: straight through the parts, or again from 1 in each
    finish(plan, options)
    return plan


def _grid(row: list[Cell]) -> list[str]:
    out: list[str] = []
    for cell in row:
        out.extend([cell.text] * cell.span)
    return out


def _is_header(texts: list[str], header: list[str]) -> bool:
    return all(t.strip() and not t.strip()[0].isdigit() for t in texts) and len(texts) == len(header) and all(
        re.sub(r"\s+", "", t) in NUMBER_COLUMNS | TASK_COLUMNS or t in SYNONYMS for t in texts[:2]
    )


def _note_label(plan: PlanIR, label: str, options: Options) -> None:
    column = _column(label, options)
    if column.startswith("="):
        if column[1:] not in plan.other_labels:
            plan.other_labels.append(column[1:])
    elif column not in ("number", "title"):
        plan.labels.setdefault(column, re.sub(r"\s+", "", label))


def _row(plan: PlanIR, part: PartIR, header: list[str], row: list[Cell], report: Report) -> None:
    grid: list[tuple[str, Cell]] = []
    for cell in row:
        grid.extend([(cell.text, cell)] * cell.span)
    values: dict[str, tuple[str, Cell]] = {}
    for k, (text, cell) in enumerate(grid[: len(header)]):
        key = header[k]
        if key not in values:
            values[key] = (text, cell)
        elif values[key][1] is not cell and text.strip():  # two columns under one label (two 配合单位 columns)
            if key in NAME_ROLES:
                values[key] = (values[key][0] + "、" + text, values[key][1])
            else:
                report.unplaced(cell.loc, text, "表头中同一标签的第二列，无法与第一列合并")
    for k in range(len(header), len(grid)):
        report.unplaced(grid[k][1].loc, grid[k][0], "表格此行比表头多出的一列")
    title_cell = values.get("title")
    sub = title_cell is not None and title_cell[1].continued and part.tasks
    work = Work(row[0].loc)
    for key, (text, cell) in values.items():
        if not text.strip() or key == "number" or (sub and cell.continued):
            continue
        if key == "title":
            work.title, number = _strip_number(text)
            work.number = work.number or number
        elif key == "measures":
            work.measures = text
        elif key == "deadline":
            work.deadline = text
        elif key in NAME_ROLES:
            work.names[key] = split_names(text)
        else:
            work.other[key[1:]] = text
    if "number" in values and values["number"][0].strip():
        _, n = _strip_number(values["number"][0].strip() + "、")
        work.number = n
    if sub:
        task = part.tasks[-1]
        if work.title is None and isinstance(work.measures, str):
            work.title = work.measures
        work.measures = None
        if work.title is None:
            report.unplaced(row[0].loc, " ".join(dict.fromkeys(t for t, _ in grid if t)),
                            "合并单元格的续行只有分工或时限、没有内容（子项须有内容）")
            return
        if not task.subitems and task.measures is not None:  # the first row was the first sub-item
            first = Work(task.loc, None, task.measures if isinstance(task.measures, str) else None)
            first.deadline = task.deadline
            task.subitems.append(first)
            task.measures = None
            task.deadline = None
        task.subitems.append(work)
        return
    part.tasks.append(work)
