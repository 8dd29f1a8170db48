"""The plan's schema: Pydantic v2 models whose keys are the document's own labels.

Strict throughout: unknown keys are errors, nothing is coerced (a number is not
a name), empty text is an error. Field names are English; each field's alias
is the label the plan office reads in the document (标题, 牵头部门 …), and
only the alias is accepted in YAML.
"""

# No `from __future__ import annotations` here: pydantic would evaluate every annotation
# from its text on each run; written as objects they cost nothing to read.

import re
from datetime import date
import functools
import typing
from typing import Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BeforeValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from casplan.labels import DEFAULT, NAME_ROLES, Labels
from casplan.labels import ETC as ETC, has_etc as has_etc, names_of as names_of  # re-exported


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


_WORDING = "括号分工的原文句式，{标签} 处填入名单，如“{牵头单位}会同有关部门负责”"


class _Strict(BaseModel):
    # defer_build: a model's validator is built when it first validates, so a run builds only
    # the shapes its plan uses (a plan with parts never builds the grouped or flat ones).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class _Assignment(_Strict):
    """Who answers for a piece of work: the role fields a task or sub-item may carry.

    The aliases here are the 中科院 labels; `section_model` makes the same models
    with a plan's own labels (and its 其他字段) as subclasses of these.
    """

    OTHER_LABELS: ClassVar[tuple[str, ...]] = ()

    lead_leaders: Optional[Names] = Field(None, alias="牵头院领导", description="牵头院领导姓名")
    assist_leaders: Optional[Names] = Field(None, alias="配合院领导", description="配合院领导姓名")
    lead_depts: Optional[Names] = Field(None, alias="牵头部门", description="牵头部门；末项可为“等”")
    assist_depts: Optional[Names] = Field(None, alias="协助部门", description="协助部门；末项可为“等”")
    first_leads: Optional[Names] = Field(
        None, alias="负责单位", description="负责单位：列第一位者牵头，其余配合；末项可为“等”"
    )

    @property
    def other(self) -> dict[str, str]:
        """其他字段 written here: label → text, in declared order."""
        out: dict[str, str] = {}
        for i, label in enumerate(self.OTHER_LABELS):
            value = getattr(self, f"other_{i}", None)
            if isinstance(value, str):
                out[label] = value
        return out

    def units(self, role: str) -> list[str] | None:
        """The names written for a role (a key of casplan.labels.NAME_ROLES)."""
        value: list[str] | None = getattr(self, _ATTR[role])
        return value


_ATTR = {
    "lead_leaders": "lead_leaders",
    "assist_leaders": "assist_leaders",
    "lead_units": "lead_depts",
    "assist_units": "assist_depts",
    "units_first_leads": "first_leads",
}
"""role → the model attribute holding its names."""


class SubItem(_Assignment):
    """One of a task's sub-items （1）（2）…, with its own lead departments and deadline."""

    model_config = ConfigDict(json_schema_extra={"description": "子项：任务下分列的（1）（2）…，各有牵头部门和时间期限。"})

    id: StableId = Field(alias="编号", description="稳定编号：唯一、不复用，调整顺序时不变")
    text: Text = Field(alias="内容", description="子项正文（不含序号）")
    deadline: Optional[Text] = Field(None, alias="时间期限", description="时间期限，照原文")
    due: Optional[IsoDate] = Field(None, alias="截止日期", description="明确的截止日期，优先于对时间期限的解读")
    wording: Optional[Text] = Field(None, alias="分工句式", description=_WORDING)


class Task(_Assignment):
    """A task （一）… of a part: who leads it, what is done, by when."""

    model_config = ConfigDict(json_schema_extra={"description": "任务（（一）…）：谁牵头、谁配合、做什么、何时完成。"})
    NEEDS_WORK: ClassVar[bool] = True
    MEASURES_LABEL: ClassVar[str] = "具体举措"

    id: StableId = Field(alias="编号", description="稳定编号：唯一、不复用，调整顺序时不变")
    title: Optional[Text] = Field(
        None, alias="标题", description="任务标题；部分下只有一项无标题的工作时可省略"
    )
    # Required while the plan has leaders.yaml; a plan without leaders gets it optional (section_model).
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
    wording: Optional[Text] = Field(None, alias="分工句式", description=_WORDING)

    @model_validator(mode="after")
    def _has_work(self) -> "Task":
        measures = self.MEASURES_LABEL
        if self.measures is None and self.subitems is None:
            if self.NEEDS_WORK:
                raise PydanticCustomError("missing_work", "任务缺少“{m}”或“子项”", {"m": measures})
            if self.title is None:
                raise PydanticCustomError("missing_work", "任务缺少“标题”“{m}”或“子项”", {"m": measures})
        if self.subitems_intro is not None and self.subitems is None:
            raise PydanticCustomError("missing_work", "有“子项导语”却没有“子项”")
        return self


class Part(_Strict):
    """One part 一、… of the attachment: a section file."""

    model_config = ConfigDict(json_schema_extra={"description": "部分文件（sections/ 下）：附件的一个部分（一、…）及其任务。"})

    title: Text = Field(alias="标题", description="部分标题（不含序号“一、”）")
    tasks: Annotated[list[Task], Field(min_length=1)] = Field(alias="任务", description="本部分的任务，按顺序")


class Tasks(_Strict):
    """A section file of a plan without parts: tasks at the top level (一、…)."""

    model_config = ConfigDict(json_schema_extra={"description": "任务文件（sections/ 下）：无“部分”的方案中依次排列的任务。"})

    tasks: Annotated[list[Task], Field(min_length=1)] = Field(alias="任务", description="本文件的任务，按顺序")

    @property
    def title(self) -> None:
        return None


class Group(_Strict):
    """A group （一） of tasks inside a part (结构.分组: 有)."""

    model_config = ConfigDict(json_schema_extra={"description": "分组：部分下的一组任务（（一）…），任务接着编号 1. 2. …"})

    title: Text = Field(alias="标题", description="分组标题（不含“（一）”）")
    tasks: Annotated[list[Task], Field(min_length=1)] = Field(alias="任务", description="本组的任务，按顺序")


class Grouped(_Strict):
    """A part whose tasks are grouped: 一、 → （一） → 1."""

    model_config = ConfigDict(json_schema_extra={"description": "部分文件（有分组的方案）：部分标题及其各组任务。"})

    title: Text = Field(alias="标题", description="部分标题（不含序号“一、”）")
    groups: Annotated[list[Group], Field(min_length=1)] = Field(alias="分组", description="本部分的各组，按顺序")

    @property
    def tasks(self) -> list[Task]:
        """Every task of the part, group after group."""
        return [task for group in self.groups for task in group.tasks]


Section = Part | Tasks | Grouped
"""What a section file holds: a part with its tasks, a part with groups, or (without parts) a run of tasks."""


# Runtime forms of the annotations, for create_model (mypy cannot apply the aliases as values).
_OPT_NAMES: Any = Optional[Names]  # type: ignore[misc]
_OPT_TEXT: Any = Optional[Text]  # type: ignore[misc]
_OPT_DATE: Any = Optional[IsoDate]  # type: ignore[misc]
_OPT_MEASURES: Any = Optional[Measures]  # type: ignore[misc]


def _list_of(model: Any) -> Any:
    return Annotated[list[model], Field(min_length=1)]


def _opt_list(model: Any) -> Any:
    return Annotated[_list_of(model) | None, BeforeValidator(_not_null)]


def _names_field(role: str, label: str, required: bool) -> tuple[Any, Any]:
    what = {"lead_leaders": "姓名", "assist_leaders": "姓名", "units_first_leads": "：列第一位者牵头，其余配合；末项可为“等”"}
    description = label + what.get(role, "；末项可为“等”")
    if required:
        return (Names, Field(alias=label, description=description))
    return (_OPT_NAMES, Field(None, alias=label, description=description))


def _plan_fields(labels: Labels, *, lead_required: bool) -> dict[str, Any]:
    deadline = labels.label("deadline")
    fields: dict[str, Any] = {
        _ATTR[role]: _names_field(role, labels.label(role), lead_required and role == "lead_leaders")
        for role in NAME_ROLES
    }
    for i, label in enumerate(labels.other):
        fields[f"other_{i}"] = (_OPT_TEXT, Field(None, alias=label, description=f"{label}（照原文）"))
    fields["deadline"] = (_OPT_TEXT, Field(None, alias=deadline, description=f"{deadline}，照原文"))
    fields["due"] = (_OPT_DATE, Field(
        None, alias="截止日期", description=f"明确的截止日期，优先于对{deadline}的解读"))
    return fields


@functools.lru_cache(maxsize=32)
def section_model(labels: Labels = DEFAULT, leaders: bool = True) -> type[Part] | type[Tasks] | type[Grouped]:
    """The model of a section file whose keys are this plan's labels.

    `leaders`: the plan has leaders.yaml, so every task names its lead leader.
    """
    if labels == DEFAULT and leaders:
        return Part
    unit = labels.label("lead_units")
    deadline = labels.label("deadline")
    sub = create_model(
        "SubItem", __base__=SubItem, **_plan_fields(labels, lead_required=False)
    )
    sub.OTHER_LABELS = labels.other
    sub.model_config["json_schema_extra"] = {"description": f"子项：任务下分列的（1）（2）…，各有{unit}和{deadline}。"}
    measures = labels.label("measures")
    task = create_model(
        "Task",
        __base__=Task,
        **_plan_fields(labels, lead_required=leaders),
        measures=(_OPT_MEASURES, Field(None, alias=measures, description="一段文字，或分条列出的举措")),
        subitems=(_opt_list(sub),
                  Field(None, alias="子项", description=f"各有{unit}和{deadline}的子项")),
    )
    task.OTHER_LABELS = labels.other
    task.NEEDS_WORK = not labels.structure.in_parenthesis
    task.MEASURES_LABEL = measures
    tasks = (_list_of(task), Field(alias="任务", description="本部分的任务，按顺序"))
    if labels.structure.has_groups:
        group = create_model("Group", __base__=Group, tasks=tasks)
        grouped: type[Grouped] = create_model(
            "Grouped", __base__=Grouped,
            groups=(_list_of(group), Field(alias="分组", description="本部分的各组，按顺序")),
        )
        return grouped
    base: type[Part] | type[Tasks] = Part if labels.structure.has_parts else Tasks
    model: type[Part] | type[Tasks] = create_model(base.__name__, __base__=base, tasks=tasks)
    return model


def task_model(section: type[Part] | type[Tasks] | type[Grouped]) -> type[Task]:
    """The Task model inside a section model."""
    if issubclass(section, Grouped):
        section = typing.get_args(section.model_fields["groups"].annotation)[0]
    tp: Any = section.model_fields["tasks"].annotation
    found: type[Task] = typing.get_args(tp)[0]
    return found


class Attachment(_Strict):
    title: Text = Field(alias="标题", description="附件标题；换行即排版中的分行")
    preamble: Optional[Paragraphs] = Field(None, alias="前言", description="标题下的引言段落")
    sections: Annotated[list[Text], Field(min_length=1)] = Field(
        alias="部分", description="各部分文件（sections/ 下的文件名），按排列顺序"
    )


class LabelsDecl(_Strict):
    """标签: this plan's word for each role (docs/model.md §1)."""

    lead_leaders: Optional[Text] = Field(None, alias="牵头领导", description="牵头的领导，如“牵头院领导”")
    assist_leaders: Optional[Text] = Field(None, alias="配合领导", description="配合的领导，如“配合院领导”")
    lead_units: Optional[Text] = Field(None, alias="牵头单位", description="牵头的单位，如“牵头部门”")
    assist_units: Optional[Text] = Field(None, alias="配合单位", description="配合的单位，如“协助部门”“协办单位”")
    units_first_leads: Optional[Text] = Field(
        None, alias="负责单位", description="一并列出、列第一位者牵头的单位，如“负责单位”"
    )
    measures: Optional[Text] = Field(None, alias="具体举措", description="工作内容，如“具体措施”“主要内容”")
    deadline: Optional[Text] = Field(None, alias="时间期限", description="期限，如“完成时限”“时间节点”")


class StructureDecl(_Strict):
    """结构: how the plan is laid out (docs/model.md §3)."""

    parts: Optional[Literal["有", "无"]] = Field(None, alias="部分", description="有：部分（一、）下分任务；无：任务即顶层")
    groups: Optional[Literal["有", "无"]] = Field(
        None, alias="分组", description="有：部分（一、）下先分组（（一）），组下才是任务（1.）"
    )
    numbering: Optional[Literal["分部分", "连续", "分组"]] = Field(
        None, alias="任务编号", description="分部分：每部分重新编号；连续：全文连续编号；分组：每组重新编号"
    )
    style: Optional[Literal["一、", "（一）", "1."]] = Field(None, alias="任务序号", description="任务的序号样式")
    units: Optional[Literal["标签行", "括号", "括号标签"]] = Field(
        None, alias="分工写法", description="标签行：每项一行“标签：名单”；括号：任务末尾（X牵头，Y配合）；括号标签：（牵头单位：X；配合单位：Y）"
    )
    deadline: Optional[Literal["标签行", "括号"]] = Field(
        None, alias="时限写法", description="标签行：单列一行；括号：写在分工括号内"
    )
    table: Optional[Literal["无", "分部分", "全文"]] = Field(
        None, alias="表格", description="无：条文；分部分：每部分一张表；全文：全方案一张表（部分、分组为表中的行）"
    )
    task_column: Optional[Text] = Field(None, alias="任务列", description="表格中任务一列的表头，如“重点任务”；默认“任务”")


class Checks(_Strict):
    """plan.yaml's 校验: warnings the plan's owners have looked at and accepted."""

    ignore: Annotated[list[Text], Field(min_length=1)] = Field(
        alias="忽略", description="已确认可以接受的警告代码，如 [missing-doc-number]；不再显示，汇总行中计数"
    )


class _Declarations(_Strict):
    checks: Optional[Checks] = Field(None, alias="校验", description="validate 的设置：已接受的警告（校验.忽略）")
    labels: Optional[LabelsDecl] = Field(None, alias="标签", description="本方案对各角色的叫法；不写即中科院的叫法")
    other_fields: Optional[Annotated[list[Text], Field(min_length=1)]] = Field(
        None, alias="其他字段", description="无对应角色的字段标签，照原文保存和排印"
    )
    structure: Optional[StructureDecl] = Field(None, alias="结构", description="方案的结构和分工写法")
    own_templates: bool = Field(
        False, alias="自带模板", description="为 true 时排版使用方案目录旁 templates/ 中的模板（默认不用：模板是代码）"
    )


class Notice(_Declarations):
    """plan.yaml: the notice (通知) and the attachment's frame."""

    model_config = ConfigDict(json_schema_extra={"description": "plan.yaml：通知本身，以及附件的标题、前言和各部分文件的顺序。"})

    issuer: Text = Field(alias="发文机关", description="发文机关全称")
    masthead: Text = Field(alias="发文机关标志", description="版头红色的发文机关标志")
    party_organ: bool = Field(False, alias="党的机关", description="党的机关：红色分隔线中间加五角星")
    doc_number: Optional[Text] = Field(None, alias="发文字号", description="发文字号，如“科发党字〔2021〕1号”")
    title: Text = Field(alias="标题", description="公文标题；换行即排版中的分行")
    recipients: Names = Field(alias="主送机关", description="主送机关，按顺序")
    body: Paragraphs = Field(alias="正文", description="正文段落")
    attachment_note: Optional[Text] = Field(
        None, alias="附件说明", description="附件说明，照原文；不写时为“附件：”加附件标题"
    )
    signature: Text = Field(alias="署名", description="署名")
    date: IsoDate = Field(alias="成文日期", description="成文日期，YYYY-MM-DD")
    copy_to: Optional[Names] = Field(None, alias="抄送", description="抄送机关")
    printer: Optional[Text] = Field(None, alias="印发机关", description="印发机关")
    print_date: Optional[IsoDate] = Field(None, alias="印发日期", description="印发日期，YYYY-MM-DD")
    attachment: Optional[Attachment] = Field(None, alias="附件", description="附件（分工方案）")
    sections: Optional[Annotated[list[Text], Field(min_length=1)]] = Field(
        None, alias="部分",
        description="没有附件、方案就写在通知正文之后时（如国务院的分工意见）：各部分文件，按排列顺序",
    )

    @model_validator(mode="after")
    def _has_plan(self) -> "Notice":
        if (self.attachment is None) == (self.sections is None):
            message = "通知需要“附件”（方案作为附件）或“部分”（方案接在正文之后），二者取一" if self.attachment is None \
                else "“附件”与“部分”只能写一个：方案要么作为附件，要么接在正文之后"
            raise PydanticCustomError("missing_work", message)
        return self

    @property
    def frame(self) -> Attachment:
        """The plan's title, preamble and sections: the attachment's, or (inline) the notice's own title."""
        if self.attachment is not None:
            return self.attachment
        return Attachment.model_construct(title=self.title, preamble=[], sections=self.sections or [])


class Standalone(_Declarations):
    """plan.yaml of a plan issued as a document of its own: no notice, the plan's frame at the top."""

    model_config = ConfigDict(json_schema_extra={"description": "plan.yaml（单独成文的方案，无通知）：方案标题、前言和各部分文件的顺序。"})

    title: Text = Field(alias="标题", description="方案标题；换行即排版中的分行")
    preamble: Optional[Paragraphs] = Field(None, alias="前言", description="标题下的引言段落")
    sections: Annotated[list[Text], Field(min_length=1)] = Field(
        alias="部分", description="各部分文件（sections/ 下的文件名），按排列顺序"
    )

    @property
    def frame(self) -> Attachment:
        """The same frame as a notice's attachment, for templates and queries."""
        return Attachment.model_construct(title=self.title, preamble=self.preamble or [], sections=self.sections)

    @property
    def attachment(self) -> Attachment:
        return self.frame


PlanFile = Notice | Standalone
"""plan.yaml: a notice with its attachment, or a plan issued alone (no key 附件)."""


def plan_file_model(data: Any) -> type[Notice] | type[Standalone]:
    """Which form a plan.yaml's raw data is written in."""
    return Standalone if isinstance(data, dict) and "附件" not in data and "发文机关" not in data else Notice


def _none_yet() -> list[str]:
    # A named function, not `list`: pydantic inspects a factory's signature, and a builtin's costs
    # a tokenizer import and a regular expression on every run.
    return []


class Leader(_Strict):
    name: Text = Field(alias="姓名")
    aliases: list[Text] = Field(default_factory=_none_yet, alias="别名")


class Leaders(_Strict):
    """leaders.yaml: every 院领导 a task may cite."""

    model_config = ConfigDict(json_schema_extra={"description": "leaders.yaml：任务可以引用的全部院领导。"})

    leaders: Annotated[list[Leader], Field(min_length=1)] = Field(alias="院领导")


class Department(_Strict):
    name: Text = Field(alias="名称")
    kind: Literal["部门", "单位", "集体"] = Field(
        "部门", alias="类别", description="部门：院机关部门或办公室；单位：院属单位；集体：泛指一组部门或单位"
    )
    aliases: list[Text] = Field(default_factory=_none_yet, alias="别名")


class Departments(_Strict):
    """departments.yaml: every department, unit and collective a task may cite."""

    model_config = ConfigDict(json_schema_extra={"description": "departments.yaml：任务可以引用的全部部门、单位和集体。"})

    departments: Annotated[list[Department], Field(min_length=1)] = Field(alias="部门")


def chinese_date(iso: str) -> str:
    """2021-09-28 → 2021年9月28日 (GB/T 9704 7.3.5.4: Arabic digits, no padding)."""
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"
