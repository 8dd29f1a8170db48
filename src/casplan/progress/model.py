"""A reporting round's file (进展/2021-12.yaml) and the status vocabulary, declared once.

A round has a name (2021年第四季度), its date (报送截止) and entries by 编号.
Overdue (逾期) is not a status anyone types: it is computed (see status.py)
from the plan's dated milestones and the latest status as of a date.
"""

from __future__ import annotations

from dataclasses import dataclass
import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from casplan.model import IsoDate, Optional, Text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Status(str, Enum):
    """The statuses a department may report; nothing else is accepted."""

    NOT_STARTED = "未启动"
    IN_PROGRESS = "推进中"
    DONE = "已完成"
    SUSPENDED = "暂缓"
    CANCELLED = "取消（经批准）"


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
"""The vocabulary in the order offices list it (the sheet's drop-down list uses this order)."""

CLOSED = frozenset({Status.DONE.value, Status.CANCELLED.value})
"""Statuses that end a milestone: neither can become overdue any more."""

# Computed states, shown beside the vocabulary but never typed into a file.
OVERDUE = "逾期"
LATE_DONE = "逾期完成"
UNREPORTED = "未报送"
COMPUTED = (OVERDUE, LATE_DONE, UNREPORTED)


def status_problem(text: str) -> str | None:
    """None for a status in the vocabulary; else the Chinese message saying what to write instead."""
    from casplan.diagnostics import did_you_mean, suggest

    if text in STATUSES:
        return None
    if text in COMPUTED:
        return f"“{text}”由 casplan 根据时间节点算出，不用填写；请填写实际状态（{'、'.join(STATUSES)}）"
    hint = did_you_mean(suggest(text, STATUSES)) or f"，应为{'、'.join(STATUSES)}之一"
    return f"未知状态“{text}”{hint}"


class Entry(_Strict):
    """One item's report in a round."""

    id: Text = Field(alias="编号", description="任务或子项的编号")
    milestone: Optional[IsoDate] = Field(
        None, alias="节点", description="一项有多个时间节点时，所报的是哪一个（节点日期 YYYY-MM-DD）"
    )
    status: Text = Field(alias="状态", description="、".join(STATUSES) + " 之一")
    progress: Optional[Text] = Field(None, alias="进展", description="工作进展")
    done_on: Optional[IsoDate] = Field(None, alias="完成日期", description="已完成时的完成日期 YYYY-MM-DD")
    unit: Optional[Text] = Field(None, alias="报送单位", description="报送这一条的部门")
    evidence: Optional[Annotated[list[Text], Field(min_length=1)]] = Field(
        None, alias="佐证材料", description="佐证材料（文件名、文号或链接）"
    )
    next_steps: Optional[Text] = Field(None, alias="下步计划", description="下一步工作计划")
    problems: Optional[Text] = Field(None, alias="问题和困难", description="存在的问题和困难")
    delay_reason: Optional[Text] = Field(None, alias="延期原因", description="逾期或暂缓时说明原因")


class Round(_Strict):
    """进展/ROUND.yaml: one reporting round."""

    name: Text = Field(alias="名称", description="轮次名称，如“2021年第四季度”")
    date: IsoDate = Field(alias="报送截止", description="本轮报送截止日期 YYYY-MM-DD；进展以此日为准")
    entries: list[Entry] = Field(default_factory=list, alias="条目", description="各项进展")


ENTRY_KEYS: tuple[str, ...] = tuple(f.alias for f in Entry.model_fields.values() if f.alias)


@dataclass(frozen=True)
class RoundInfo:
    """What a sheet needs to know of its round, whether or not its file exists yet."""

    id: str  # the file's stem: 进展/2021-12.yaml
    name: str
    date: dt.date
