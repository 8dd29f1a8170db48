"""Plans laid out as tables: one table for the whole plan or one per part.

The header row is mapped by label (序号, 任务, the role words of vocab.SYNONYMS,
any other column a field of its own). A row whose one cell spans every column
is a part heading (一、…), and so is a row whose only text is 一、…. A row that repeats the header (a table continued
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
from casplan.importer.vocab import label_role, split_names

NUMBER_COLUMNS = {"序号", "编号", "序", "No", "No.", "号"}
TASK_COLUMNS = {"任务", "重点任务", "工作任务", "主要任务", "任务名称", "事项", "工作事项", "重点工作", "工作内容",
                "任务内容", "具体任务", "工作项目", "项目"}


def _column(label: str, options: Options) -> str:
    label = re.sub(r"\s+", "", label)
    if label in NUMBER_COLUMNS:
        return "number"
    if label in TASK_COLUMNS:
        return "title"
    role = options.labels.get(label) or label_role(label)
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


_ITEM = re.compile(r"^[（(]\d+[）)]")
_ITEM_START = re.compile(r"(?=[（(]\d+[）)])")


def _items(text: str) -> str | list[str]:
    """（1）梳理清单。（2）推动联办。 in one cell → the two items, without their numbers."""
    if not _ITEM.match(text):
        return text
    pieces = [p.strip() for p in _ITEM_START.split(text.replace("\n", "")) if p.strip()]
    numbers = [int(re.match(r"^[（(](\d+)", p).group(1)) for p in pieces if _ITEM.match(p)]  # type: ignore[union-attr]
    if len(numbers) != len(pieces) or numbers != list(range(1, len(pieces) + 1)):
        return text  # “（1）” inside the text, or numbers out of order: keep the cell as written
    return [_ITEM.sub("", p).strip() for p in pieces]


def _numbered(items: list[str]) -> list[str]:
    return [f"（{k}）{item}" for k, item in enumerate(items, start=1)]


def _column_of(row: list[Cell], cell: Cell) -> int:
    """The grid column where `cell` starts."""
    column = 0
    for c in row:
        if c is cell:
            return column
        column += c.span
    return column


def _cn_numeral(text: str) -> bool:
    return re.fullmatch(r"[一二三四五六七八九十]+、?", text.strip()) is not None


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
    headers = 0  # header rows met: one for the whole plan (表格: 全文), or one per part's table (分部分)
    skip = 0  # rows of the first table that belong to its header
    first_table = blocks[next(i for i, b in enumerate(blocks) if isinstance(b, Table))]
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
            if header is None:
                names = _header_names(block.rows[r:])  # one header row, or two (责任单位 over 牵头单位 | 配合单位)
                headers += 1
                labels = set(names)
                if {"牵头单位", "责任单位"} <= labels and "责任单位" not in options.labels:
                    report.note(None, "表头既有“牵头单位”又有“责任单位”：“责任单位”按配合单位处理"
                                      "（可用 --label 责任单位=牵头单位 改变）")
                    options = Options({**options.labels, "责任单位": "assist_units"}, options.leaders)
                header = [_column(t, options) for t in names]
                for label in names:
                    _note_label(plan, label, options)
                plan.task_column = next((t for t in names if _column(t, options) == "title"), None)
                skip = r + _header_depth(block.rows[r:])
                continue
            if (block is first_table and r < skip) or _is_header(texts, header):
                if r == 0 and block is not first_table:
                    headers += 1
                continue
            filled = [c for c in row if c.text.strip() and not c.continued]
            whole = len({c.text for c in row}) == 1 and (len(row) == 1 or sum(c.span for c in row) >= len(header))
            numeral = len(filled) == 2 and header[_column_of(row, filled[0])] == "number" and _cn_numeral(filled[0].text)
            if whole or numeral or (len(filled) == 1 and _part_heading(filled[0].text)):  # a part row
                if numeral:  # 序号 一 | 提升政务服务效能 (a 台账's part row)
                    title, number = filled[1].text, cn_number(filled[0].text.strip().rstrip("、"))
                else:
                    title, number = _strip_number(filled[0].text if filled else row[0].text)
                part = PartIR(row[0].loc, title, number)
                plan.parts.append(part)
                continue
            if part is None:
                part = PartIR(row[0].loc, None)
                plan.parts.append(part)
            _row(plan, part, header, row, report)
    for empty in [p for p in plan.parts if not p.tasks]:
        report.unplaced(empty.loc, empty.title or "", "部分下没有任何任务（方案模型中部分由任务组成）")
        plan.parts.remove(empty)
    plan.has_parts = bool(plan.parts) and all(p.title is not None for p in plan.parts)
    plan.table = "分部分" if plan.has_parts and headers > 1 else "全文"
    numbering(plan, "C")  # 序号 1 2 3: straight through the parts, or again from 1 in each
    finish(plan, options)
    return plan


def _header_depth(rows: list[list[Cell]]) -> int:
    """1, or 2 when the row under the header refines it: its own cells are labels, the rest merged down."""
    if len(rows) < 2:
        return 1
    below = [c for c in rows[1] if not c.continued and c.text.strip()]
    labels = [c for c in below if label_role(re.sub(r"\s+", "", c.text)) is not None]
    return 2 if below and len(labels) == len(below) and any(c.continued for c in rows[1]) else 1


def _header_names(rows: list[list[Cell]]) -> list[str]:
    names = [re.sub(r"\s+", "", t) for t in _grid(rows[0])]
    if _header_depth(rows) == 2:
        k = 0
        for cell in rows[1]:
            if not cell.continued and cell.text.strip():
                for j in range(k, k + cell.span):
                    names[j] = re.sub(r"\s+", "", cell.text)
            k += cell.span
    return names


def _grid(row: list[Cell]) -> list[str]:
    out: list[str] = []
    for cell in row:
        out.extend([cell.text] * cell.span)
    return out


def _is_header(texts: list[str], header: list[str]) -> bool:
    return all(t.strip() and not t.strip()[0].isdigit() for t in texts) and len(texts) == len(header) and all(
        re.sub(r"\s+", "", t) in NUMBER_COLUMNS | TASK_COLUMNS or label_role(t) is not None for t in texts[:2]
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
    merged = title_cell is not None and title_cell[1].continued and bool(part.tasks)
    # A row without 序号 and task whose text is numbered （1）: a sub-item of the task above.
    title_text = title_cell[0].strip() if title_cell and not title_cell[1].continued else ""
    numbered_row = (
        bool(part.tasks) and not values.get("number", ("", None))[0].strip()
        and (not title_text or _ITEM.match(title_text) is not None)
        and any(_ITEM.match(t) for k, (t, _) in values.items() if k != "number")
    )
    sub = merged or numbered_row
    work = Work(row[0].loc)
    for key, (text, cell) in values.items():
        if not text.strip() or key == "number" or (sub and cell.continued):
            continue
        if key == "title":
            work.title, number = _strip_number(text)
            work.number = work.number or number
        elif key == "measures":
            work.measures = _items(text)
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
        if work.title is None and work.measures is not None:
            text = work.measures if isinstance(work.measures, str) else "".join(_numbered(work.measures))
            work.title, number = _strip_number(text)
            work.number = number
        work.measures = None
        if work.title is None:
            report.unplaced(row[0].loc, " ".join(dict.fromkeys(t for t, _ in grid if t)),
                            "合并单元格的续行只有分工或时限、没有内容（子项须有内容）")
            return
        if merged and not task.subitems and task.measures is not None:  # the first row was the first sub-item
            first = Work(task.loc, None, task.measures if isinstance(task.measures, str) else None)
            first.deadline = task.deadline
            task.subitems.append(first)
            task.measures = None
            task.deadline = None
        task.subitems.append(work)
        return
    part.tasks.append(work)
