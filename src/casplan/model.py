"""The plan's schema: Pydantic v2 models whose keys are the document's own labels.

Strict throughout: unknown keys are errors, nothing is coerced (a number is not
a name), empty text is an error. Field names are English; each field's alias
is the label the plan office reads in the document (标题, 牵头部门 …), and
only the alias is accepted in YAML.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BeforeValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)
from pydantic_core import PydanticCustomError

ETC = "等"
"""A list of names may end in 等 ("学部工作局、发展规划局等"): kept as a last item."""

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _nonblank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_value", "值为空")
    return value


def _iso_date(value: str) -> str:
    # Dates stay strings in the model (the YAML module never builds date objects);
    # this only checks that the string names a real day.
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "bad_date", "日期“{value}”无效，应为 YYYY-MM-DD 形式的真实日期", {"value": value}
        ) from None
    return value


def _stable_id(value: str) -> str:
    if not _ID.match(value):
        raise PydanticCustomError(
            "bad_id", "编号“{value}”无效，只能用小写字母、数字和连字符（如 learn-notice）", {"value": value}
        )
    return value


def _not_null(value: Any) -> Any:
    # An optional key left empty (`时间期限:`) is a mistake, not an absent key.
    if value is None:
        raise PydanticCustomError("empty_value", "值为空")
    return value


T = TypeVar("T")
Optional = Annotated[T | None, BeforeValidator(_not_null)]
"""An optional key: it may be absent, but if written it must hold a value."""

Text = Annotated[str, AfterValidator(_nonblank)]
IsoDate = Annotated[str, AfterValidator(_iso_date)]
StableId = Annotated[str, AfterValidator(_stable_id)]
Names = Annotated[list[Text], Field(min_length=1)]
Paragraphs = Annotated[list[Text], Field(min_length=1)]


def _measures_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "paragraph"
    if isinstance(value, list):
        return "items"
    return None


Measures = Annotated[
    Annotated[Text, Tag("paragraph")] | Annotated[Paragraphs, Tag("items")],
    Discriminator(
        _measures_kind,
        custom_error_type="measures_type",
        custom_error_message="应为一段文字或由多段文字组成的列表",
    ),
]
"""具体举措: one paragraph, or numbered items （1）（2）… (the numbers are not stored)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def names_of(names: list[str] | None) -> list[str]:
    """The names in a list, without a trailing 等."""
    if not names:
        return []
    return names[:-1] if names[-1] == ETC else list(names)


def has_etc(names: list[str] | None) -> bool:
    return bool(names) and names is not None and names[-1] == ETC


class _Assignment(_Strict):
    """Who answers for a piece of work: the four role fields a task or sub-item may carry."""

    lead_leaders: Optional[Names] = Field(None, alias="牵头院领导", description="牵头院领导姓名")
    assist_leaders: Optional[Names] = Field(None, alias="配合院领导", description="配合院领导姓名")
    lead_depts: Optional[Names] = Field(None, alias="牵头部门", description="牵头部门；末项可为“等”")
    assist_depts: Optional[Names] = Field(None, alias="协助部门", description="协助部门；末项可为“等”")


class SubItem(_Assignment):
    """One of a task's sub-items （1）（2）…, with its own lead departments and deadline."""

    model_config = ConfigDict(json_schema_extra={"description": "子项：任务下分列的（1）（2）…，各有牵头部门和时间期限。"})

    id: StableId = Field(alias="编号", description="稳定编号：唯一、不复用，调整顺序时不变")
    text: Text = Field(alias="内容", description="子项正文（不含序号）")
    deadline: Optional[Text] = Field(None, alias="时间期限", description="时间期限，照原文")
    due: Optional[IsoDate] = Field(None, alias="截止日期", description="明确的截止日期，优先于对时间期限的解读")


class Task(_Assignment):
    """A task （一）… of a part: who leads it, what is done, by when."""

    model_config = ConfigDict(json_schema_extra={"description": "任务（（一）…）：谁牵头、谁配合、做什么、何时完成。"})

    id: StableId = Field(alias="编号", description="稳定编号：唯一、不复用，调整顺序时不变")
    title: Optional[Text] = Field(
        None, alias="标题", description="任务标题；部分下只有一项无标题的工作时可省略"
    )
    lead_leaders: Names = Field(alias="牵头院领导", description="牵头院领导姓名")
    measures: Optional[Measures] = Field(None, alias="具体举措", description="一段文字，或分条列出的举措")
    subitems_intro: Optional[Text] = Field(
        None, alias="子项导语", description="子项前的引导语，如“向国家有关部门提出具体建议”"
    )
    subitems: Optional[Annotated[list[SubItem], Field(min_length=1)]] = Field(
        None, alias="子项", description="各有牵头部门和时间期限的子项"
    )
    deadline: Optional[Text] = Field(None, alias="时间期限", description="时间期限，照原文")
    due: Optional[IsoDate] = Field(None, alias="截止日期", description="明确的截止日期，优先于对时间期限的解读")

    @model_validator(mode="after")
    def _has_work(self) -> Task:
        if self.measures is None and self.subitems is None:
            raise PydanticCustomError("missing_work", "任务缺少“具体举措”或“子项”")
        if self.subitems_intro is not None and self.subitems is None:
            raise PydanticCustomError("missing_work", "有“子项导语”却没有“子项”")
        return self


class Part(_Strict):
    """One part 一、… of the attachment: a section file."""

    model_config = ConfigDict(json_schema_extra={"description": "部分文件（sections/ 下）：附件的一个部分（一、…）及其任务。"})

    title: Text = Field(alias="标题", description="部分标题（不含序号“一、”）")
    tasks: Annotated[list[Task], Field(min_length=1)] = Field(alias="任务", description="本部分的任务，按顺序")


class Attachment(_Strict):
    title: Text = Field(alias="标题", description="附件标题；换行即排版中的分行")
    preamble: Paragraphs = Field(alias="前言", description="标题下的引言段落")
    sections: Annotated[list[Text], Field(min_length=1)] = Field(
        alias="部分", description="各部分文件（sections/ 下的文件名），按排列顺序"
    )


class Notice(_Strict):
    """plan.yaml: the notice (通知) and the attachment's frame."""

    model_config = ConfigDict(json_schema_extra={"description": "plan.yaml：通知本身，以及附件的标题、前言和各部分文件的顺序。"})

    issuer: Text = Field(alias="发文机关", description="发文机关全称")
    masthead: Text = Field(alias="发文机关标志", description="版头红色的发文机关标志")
    party_organ: bool = Field(False, alias="党的机关", description="党的机关：红色分隔线中间加五角星")
    doc_number: Optional[Text] = Field(None, alias="发文字号", description="发文字号，如“科发党字〔2021〕1号”")
    title: Text = Field(alias="标题", description="公文标题；换行即排版中的分行")
    recipients: Names = Field(alias="主送机关", description="主送机关，按顺序")
    body: Paragraphs = Field(alias="正文", description="正文段落")
    signature: Text = Field(alias="署名", description="署名")
    date: IsoDate = Field(alias="成文日期", description="成文日期，YYYY-MM-DD")
    copy_to: Optional[Names] = Field(None, alias="抄送", description="抄送机关")
    printer: Optional[Text] = Field(None, alias="印发机关", description="印发机关")
    print_date: Optional[IsoDate] = Field(None, alias="印发日期", description="印发日期，YYYY-MM-DD")
    attachment: Attachment = Field(alias="附件", description="附件（分工方案）")
    own_templates: bool = Field(
        False, alias="自带模板", description="为 true 时排版使用方案目录旁 templates/ 中的模板（默认不用：模板是代码）"
    )


class Leader(_Strict):
    name: Text = Field(alias="姓名")
    aliases: list[Text] = Field(default_factory=list, alias="别名")


class Leaders(_Strict):
    """leaders.yaml: every 院领导 a task may cite."""

    model_config = ConfigDict(json_schema_extra={"description": "leaders.yaml：任务可以引用的全部院领导。"})

    leaders: Annotated[list[Leader], Field(min_length=1)] = Field(alias="院领导")


class Department(_Strict):
    name: Text = Field(alias="名称")
    kind: Literal["部门", "单位", "集体"] = Field(
        "部门", alias="类别", description="部门：院机关部门或办公室；单位：院属单位；集体：泛指一组部门或单位"
    )
    aliases: list[Text] = Field(default_factory=list, alias="别名")


class Departments(_Strict):
    """departments.yaml: every department, unit and collective a task may cite."""

    model_config = ConfigDict(json_schema_extra={"description": "departments.yaml：任务可以引用的全部部门、单位和集体。"})

    departments: Annotated[list[Department], Field(min_length=1)] = Field(alias="部门")


def chinese_date(iso: str) -> str:
    """2021-09-28 → 2021年9月28日 (GB/T 9704 7.3.5.4: Arabic digits, no padding)."""
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"
