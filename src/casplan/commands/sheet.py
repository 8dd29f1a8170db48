"""`casplan sheet`: a department's Excel sheet for a round, to fill in and send back."""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

from casplan.commands.due import parse_day
from casplan.commands.render import write
from casplan.errors import UsageError
from casplan.plan import open_plan
from casplan.progress.check import open_rounds
from casplan.progress.load import RoundFile
from casplan.progress.model import RoundInfo
from casplan.query import resolve

_ROUND_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]*$")


def run(plan_option: Path | None, dept: str, round_id: str, out: Path, name: str | None, due: str | None) -> int:
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"报送表须为 .xlsx 文件，而不是“{out.name}”")
    plan = open_plan(plan_option)
    canonical = resolve(plan.departments, dept)
    rounds = open_rounds(plan)
    info = round_info(rounds, round_id, name, parse_day(due, "--date") if due else None)

    from casplan.progress import sheet  # openpyxl: only for sheets

    rows = sheet.sheet_rows(plan, rounds, canonical, info)
    if not rows:
        raise UsageError(f"{canonical}在方案中没有牵头或协助的事项，无需报送表")
    write(out, sheet.build(canonical, info, rows, plan.labels.label("deadline")))
    print(f"已生成 {out}：{canonical}，{info.name}（{info.id}，报送截止 {info.date.isoformat()}），{len(rows)} 行")
    return 0


def round_info(rounds: list[RoundFile], round_id: str, name: str | None, due: date | None) -> RoundInfo:
    """The round's name and date: from its file when it exists, else from --name/--date or the id (2021-12)."""
    if not _ROUND_ID.match(round_id):
        raise UsageError(f"轮次“{round_id}”无效：只能用字母、数字、连字符和下划线（如 2021-12），它也是进展文件名")
    found = next((r for r in rounds if r.id == round_id), None)
    if found is not None:
        if (name and name != found.name) or (due and due != found.date):
            raise UsageError(f"轮次 {round_id} 已有进展文件 {found.file}（{found.name}，{found.date.isoformat()}）；"
                             "--name、--date 只用于新的轮次")
        return RoundInfo(round_id, found.name, found.date)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", round_id)
    if due is None:
        if m is None or not 1 <= int(m[2]) <= 12:
            raise UsageError(f"新的轮次“{round_id}”需要 --date 报送截止日期（或用 YYYY-MM 作轮次，默认该月最后一天）")
        year, month = int(m[1]), int(m[2])
        due = date(year, month, calendar.monthrange(year, month)[1])
    return RoundInfo(round_id, name or f"{due.year}年{due.month}月", due)
