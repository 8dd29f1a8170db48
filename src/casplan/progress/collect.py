"""Reading filled department sheets back: every problem at FILE.xlsx!Sheet!C7, nothing written on error.

The answers of all sheets are read and checked first; only when none has an
error is the round's YAML file written (created, or updated with its comments
kept), atomically.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from casplan.deadline import parse_date
from casplan.diagnostics import Diagnostic, Severity, did_you_mean, suggest
from casplan.plan import Plan
from casplan.progress.items import Point, dept_role, issued as issued_on, points
from casplan.progress.model import RoundInfo, Status, status_problem
from casplan.progress.sheet import COLUMNS, FILLED, FIRST_ROW, LOCKED, MARK, META, META_COPY_ROW, META_KEYS, col

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 in Excel's (Lotus-compatible) count


@dataclass(frozen=True)
class Answer:
    """One filled row: what goes into the round's entry."""

    id: str
    milestone: str | None
    unit: str
    fields: dict[str, str]  # YAML key → value (dates as YYYY-MM-DD)
    where: str  # FILE.xlsx!Sheet!A7, for messages


@dataclass
class Sheet:
    file: str
    dept: str = ""
    info: RoundInfo | None = None
    answers: list[Answer] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def at(file: str, sheet: str, cell: str, code: str, message: str) -> Diagnostic:
    """A diagnostic at a cell: `FILE.xlsx!Sheet!C7` (no line and column)."""
    return Diagnostic.make(f"{file}!{sheet}!{cell}", (0, 0), code, message)


def read_sheet(path: Path, plan: Plan, round_id: str) -> Sheet:
    file = path.as_posix()
    out = Sheet(file)
    try:
        wb = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        reason = "找不到文件" if isinstance(exc, FileNotFoundError) else "不是可读的 .xlsx 文件"
        out.diagnostics.append(Diagnostic.make(file, (0, 0), "bad-sheet", f"{reason}（{type(exc).__name__}）"))
        return out
    if META not in wb.sheetnames or wb[META]["B1"].value != MARK:
        msg = "不是 casplan sheet 生成的报送表（缺少隐藏的说明页），请用 casplan sheet 生成后填写"
        out.diagnostics.append(Diagnostic.make(file, (0, 0), "bad-sheet", msg))
        return out
    meta = {str(wb[META].cell(row=r, column=1).value): wb[META].cell(row=r, column=2).value
            for r in range(1, len(META_KEYS) + 1)}
    name = str(meta["工作表"])
    if name not in wb.sheetnames:
        msg = f"报送表中没有工作表“{name}”（被改名或删除？）" + did_you_mean(suggest(name, wb.sheetnames))
        out.diagnostics.append(Diagnostic.make(file, (0, 0), "bad-sheet", msg))
        return out
    ws = wb[name]
    out.dept = str(meta["部门"])
    out.info = RoundInfo(str(meta["轮次"]), str(meta["名称"]), date.fromisoformat(str(meta["报送截止"])))
    if out.info.id != round_id:
        out.diagnostics.append(at(file, name, "A1", "wrong-round",
                                  f"这是“{out.info.name}”（轮次 {out.info.id}）的报送表，不是轮次 {round_id} 的"))
        return out
    canonical = plan.departments.resolve(out.dept)
    if canonical is None:
        out.diagnostics.append(at(file, name, "A1", "wrong-department", f"报送表的部门“{out.dept}”不在方案的部门名录中"))
        return out
    out.dept = canonical
    copies = wb[META]
    n_locked = copies.max_row - META_COPY_ROW + 1 if copies.max_row >= META_COPY_ROW else 0
    by_id = {p.key: p for p in points(plan)}
    first_of: dict[str, Point] = {}  # an item's first point, for a row that names no 节点
    for key, p in by_id.items():
        first_of.setdefault(key[0], p)
    ids = sorted(first_of)
    issued = issued_on(plan)
    for r in range(FIRST_ROW, max(ws.max_row, FIRST_ROW + n_locked - 1) + 1):
        cells = {c: ws.cell(row=r, column=i + 1).value for i, c in enumerate(COLUMNS)}
        original = [copies.cell(row=META_COPY_ROW + r - FIRST_ROW, column=i + 1).value for i in range(len(LOCKED))]
        if all(_blank(v) for v in cells.values()) and all(_blank(v) for v in original):
            continue
        before = len(out.diagnostics)
        for i, c in enumerate(LOCKED):
            now, was = _text(cells[c]), _text(original[i])
            if now == was:
                continue
            cell = f"{col(c)}{r}"
            if c == "编号" and now and now not in first_of:
                hint = did_you_mean(suggest(now, ids))
                out.diagnostics.append(at(file, name, cell, "unknown-item", f"方案中没有编号“{now}”{hint}"))
            else:
                shown = f"“{was}”" if was else "空白"
                out.diagnostics.append(at(file, name, cell, "locked-cell", f"“{c}”列不能改动（原为{shown}）"))
        if len(out.diagnostics) > before:
            continue
        item_id, milestone = _text(cells["编号"]), _text(cells["节点"]) or None
        point = by_id.get((item_id, milestone)) or first_of.get(item_id)
        if point is None:
            out.diagnostics.append(at(file, name, f"{col('编号')}{r}", "unknown-item", f"方案中没有编号“{item_id}”"))
            continue
        if dept_role(plan, point.row, canonical) is None:
            out.diagnostics.append(at(file, name, f"{col('编号')}{r}", "wrong-department",
                                      f"{item_id} 不是{canonical}牵头或协助的事项"))
            continue
        answer = _answer(file, name, r, cells, out, issued)
        if answer is not None:
            out.answers.append(Answer(item_id, milestone, canonical, answer, f"{file}!{name}!A{r}"))
    return out


def _answer(file: str, sheet: str, r: int, cells: dict[str, Any], out: Sheet,
            issued: date | None) -> dict[str, str] | None:
    """The filled cells of row `r` as YAML fields, or None when the row is left blank."""
    assert out.info is not None
    filled = {c: cells[c] for c in FILLED if not _blank(cells[c])}
    if not filled:
        return None
    fields: dict[str, str] = {}
    status = _text(filled.get("状态"))
    where = f"{col('状态')}{r}"
    if not status:
        out.diagnostics.append(at(file, sheet, where, "unknown-status", "填写了本行却没有选择状态"))
    elif (problem := status_problem(status)) is not None:
        out.diagnostics.append(at(file, sheet, where, "unknown-status", problem))
    else:
        fields["状态"] = status
    if "完成日期" in filled:
        cell = f"{col('完成日期')}{r}"
        done = as_date(filled["完成日期"])
        if done is None:
            out.diagnostics.append(at(file, sheet, cell, "bad-date",
                                      f"完成日期“{_text(filled['完成日期'])}”不是日期；可写 2021-12-31、2021/12/31 或 2021年12月31日"))
        elif done > out.info.date:
            out.diagnostics.append(at(file, sheet, cell, "done-after-round",
                                      f"完成日期 {done.isoformat()} 晚于本轮报送截止 {out.info.date.isoformat()}"))
        elif issued is not None and done < issued:
            out.diagnostics.append(at(file, sheet, cell, "done-before-plan",
                                      f"完成日期 {done.isoformat()} 早于方案成文日期 {issued.isoformat()}"))
        else:
            fields["完成日期"] = done.isoformat()
    elif status == Status.DONE.value:
        out.diagnostics.append(at(file, sheet, where, "missing-done-date", "状态为已完成，但没有填写完成日期"))
    for c in ("进展", "下步计划", "问题和困难", "延期原因"):
        if c in filled:
            fields[c] = _text(filled[c])
    return fields


def as_date(value: Any) -> date | None:
    """A date cell as Excel or WPS stores it: a date, a serial number, or text (2021/12/31, 2021年12月31日)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # 9999-12-31
            return EXCEL_EPOCH + timedelta(days=int(value))
        return None
    if isinstance(value, str):
        return parse_date(value)
    return None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value).strip()


def errors(sheets: list[Sheet]) -> list[Diagnostic]:
    return [d for s in sheets for d in s.diagnostics if d.severity is Severity.ERROR]


# ---------------------------------------------------------------- merging into the round's YAML

ORDER = ("编号", "节点", "状态", "进展", "完成日期", "报送单位", "佐证材料", "下步计划", "问题和困难", "延期原因")
SHEET_KEYS = ("状态", "进展", "完成日期", "下步计划", "问题和困难", "延期原因")


def merge(text: str | None, info: RoundInfo, answers: list[Answer]) -> tuple[str, int, int]:
    """The round file's new text, and how many entries were added and updated.

    An existing entry (same 编号 and 节点) takes the sheet's answers: the keys a
    sheet fills are replaced by what it says (a cell left blank removes its
    key); other keys (佐证材料 …) and every comment stay.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from casplan.yamlio import roundtrip_dump, roundtrip_load

    if text is None:
        data = CommentedMap()
        data["名称"] = info.name
        data["报送截止"] = info.date
        data.yaml_set_start_comment("由 casplan collect 从各部门报送表汇总；可直接编辑，注释会保留。")
    else:
        data = roundtrip_load(text)
    entries = data.get("条目")
    if entries is None:
        entries = CommentedSeq()
        data["条目"] = entries
    added = updated = 0
    # The first entry of each (编号, 节点), looked up in a dict: a round of thousands of entries is merged in one pass.
    first: dict[tuple[object, str | None], Any] = {}
    for e in entries:
        if isinstance(e, dict):
            first.setdefault((e.get("编号"), _iso(e.get("节点"))), e)
    for a in answers:
        entry = first.get((a.id, a.milestone))
        if entry is None:
            entry = CommentedMap()
            entry["编号"] = a.id
            if a.milestone:
                entry["节点"] = date.fromisoformat(a.milestone)
            entries.append(entry)
            first[(a.id, a.milestone)] = entry
            added += 1
        else:
            updated += 1
        for key in SHEET_KEYS:
            if key in a.fields:
                value: object = date.fromisoformat(a.fields[key]) if key == "完成日期" else _scalar(a.fields[key])
                _put(entry, key, value)
            elif key in entry:
                del entry[key]
        _put(entry, "报送单位", a.unit)
    return roundtrip_dump(data), added, updated


def _scalar(text: str) -> object:
    """Text with line breaks as a literal block (|), as a person would write it."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    return LiteralScalarString(text) if "\n" in text else text


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _put(entry: Any, key: str, value: object) -> None:
    """Set `key`, placing a new key where ORDER puts it among the keys present."""
    if key in entry:
        entry[key] = value
        return
    rank = ORDER.index(key)
    pos = sum(1 for k in entry if k in ORDER and ORDER.index(k) < rank)
    entry.insert(pos, key, value)
