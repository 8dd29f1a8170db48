"""casplan.deadline: the reader on every 时间期限 of the embedded plan, and dates typed on the command line.

The forms of other plans are in tests/deadlines/ (a table of phrases, property tests).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casplan.deadline import Kind, Milestone, parse_date, read_deadline
from casplan.yamlio import load

D, ON, YR, OT, P = Kind.BY_DATE, Kind.ONGOING, Kind.YEARLY, Kind.SET_BY_OTHERS, Kind.PERIOD
CONTEXT = date(2021, 9, 28)  # the embedded plan's 成文日期
PLAN = Path(__file__).resolve().parents[1] / "plan"


def m(day: str | None, kind: Kind, clause: str, start: str | None = None) -> Milestone:
    return Milestone(date.fromisoformat(day) if day else None, kind, clause,
                     start=date.fromisoformat(start) if start else None)


# Every distinct 时间期限 of the embedded plan, with what it must read as.
EMBEDDED = {
    "2021年9月底前完成。": [m("2021-09-30", D, "2021年9月底前完成")],
    "2021年年底前完成。": [m("2021-12-31", D, "2021年年底前完成")],
    "2021年年底前组织完成“使命导向”的研究所“十四五”规划编制工作，并按要求进行过程监测、动态调整，“十四五”末进行评估验收。": [
        m("2021-12-31", D, "2021年年底前组织完成“使命导向”的研究所“十四五”规划编制工作，并按要求进行过程监测、动态调整"),
        m("2025-12-31", D, "“十四五”末进行评估验收"),
    ],
    "2021年底前完成一批先导专项的遴选策划，在“十四五”期间，持续推进先导专项的组织实施。": [
        m("2021-12-31", D, "2021年底前完成一批先导专项的遴选策划"),
        # A segment that is only a time takes the work that follows it as its clause; 期间 is a period.
        m("2025-12-31", P, "在“十四五”期间，持续推进先导专项的组织实施", start="2021-01-01"),
    ],
    "2022年年底前完成。": [m("2022-12-31", D, "2022年年底前完成")],
    "2021年8月底前完成。": [m("2021-08-31", D, "2021年8月底前完成")],
    "2021年年底前完成科技部攻关任务推荐，之后根据各主管部门确定的时间节点推荐攻关项目并长期坚持。": [
        m("2021-12-31", D, "2021年年底前完成科技部攻关任务推荐"),
        m(None, OT, "之后根据各主管部门确定的时间节点推荐攻关项目并长期坚持"),
    ],
    "2022年3月底前完成。": [m("2022-03-31", D, "2022年3月底前完成")],
    "2021年10月底前完成。": [m("2021-10-31", D, "2021年10月底前完成")],
    "2021年年底前启动首批试点。": [m("2021-12-31", D, "2021年年底前启动首批试点")],
    "2022年年底前完成，并长期坚持完善。": [m("2022-12-31", D, "2022年年底前完成"), m(None, ON, "并长期坚持完善")],
    "2021年年底前完成，并长期坚持完善。": [m("2021-12-31", D, "2021年年底前完成"), m(None, ON, "并长期坚持完善")],
    "持续推进。": [m(None, ON, "持续推进")],
    "持续推进。2021年底前完成编撰出版《百位著名科学家入党志愿书》图书，以及推出《我志愿》短视频。2022年底前建成我院老科学家故事数据库并不断更新。": [
        m(None, ON, "持续推进"),
        m("2021-12-31", D, "2021年底前完成编撰出版《百位著名科学家入党志愿书》图书，以及推出《我志愿》短视频"),
        m("2022-12-31", D, "2022年底前建成我院老科学家故事数据库并不断更新"),
    ],
    "持续推进。2021年底，建成弘扬科学家精神示范基地或科学家精神教育基地不少于5个；2022年年底前，建成弘扬科学家精神示范基地或科学家精神教育基地不少于20个。": [
        m(None, ON, "持续推进"),
        m("2021-12-31", D, "2021年底，建成弘扬科学家精神示范基地或科学家精神教育基地不少于5个"),
        m("2022-12-31", D, "2022年年底前，建成弘扬科学家精神示范基地或科学家精神教育基地不少于20个"),
    ],
    "持续推进。每年评选产生中科院年度人物和年度团队。": [
        m(None, ON, "持续推进"),
        m(None, YR, "每年评选产生中科院年度人物和年度团队"),
    ],
    "持续推进。2021年底，举办科学家精神系列报告会不少于15场；2022年年底前，举办科学家精神系列报告会合计不少于30场。": [
        m(None, ON, "持续推进"),
        m("2021-12-31", D, "2021年底，举办科学家精神系列报告会不少于15场"),
        m("2022-12-31", D, "2022年年底前，举办科学家精神系列报告会合计不少于30场"),
    ],
    "配合国家相关部门，2021年年底前出台深化院士制度改革的意见；2023年，改革后的制度规范基本健全并全面落地执行。": [
        m("2021-12-31", D, "配合国家相关部门，2021年年底前出台深化院士制度改革的意见"),
        m("2023-12-31", D, "2023年，改革后的制度规范基本健全并全面落地执行"),
    ],
    "从2021年开始每年部署，并将紧扣国家重大需求持续推进。2021年已部署的重大咨询项目取得阶段性成果。": [
        m(None, YR, "从2021年开始每年部署", start="2021-01-01"),  # no day in the year: not expanded
        m(None, ON, "并将紧扣国家重大需求持续推进"),
        m("2021-12-31", D, "2021年已部署的重大咨询项目取得阶段性成果"),
    ],
    "按照国家有关部门工作推进进度。": [m(None, OT, "按照国家有关部门工作推进进度")],
    "2022年6月底前完成。": [m("2022-06-30", D, "2022年6月底前完成")],
}


def _embedded_deadlines() -> set[str]:
    found = set()
    for path in (PLAN / "sections").glob("*.yaml"):
        for task in load(path, path.name).data["任务"]:
            for item in [task, *task.get("子项", [])]:
                if "时间期限" in item:
                    found.add(item["时间期限"])
    return found


def test_table_holds_every_deadline_of_the_embedded_plan() -> None:
    assert set(EMBEDDED) == _embedded_deadlines()


@pytest.mark.parametrize("text", list(EMBEDDED))
def test_embedded_deadline(text: str) -> None:
    assert read_deadline(text, CONTEXT) == EMBEDDED[text]
    assert read_deadline(text) == EMBEDDED[text]  # every one names its year: no context needed


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2021年9月底前", "2021-09-30"),
        ("2024年2月底前完成", "2024-02-29"),  # leap year
        ("2023年2月底", "2023-02-28"),
        ("2021年12月31日", "2021-12-31"),
        ("2021年7月2日前", "2021-07-02"),
        ("2021年年底前", "2021-12-31"),
        ("2021年底前", "2021-12-31"),
        ("2021年底", "2021-12-31"),
        ("2023年", "2023-12-31"),
        ("2022年上半年", "2022-06-30"),
        ("2022年下半年", "2022-12-31"),
        ("2022年第三季度", "2022-09-30"),
        ("2022年一季度末", "2022-03-31"),
        ("2022年第4季度", "2022-12-31"),
        ("2022年5月中旬前", "2022-05-20"),
        ("2022年5月上旬", "2022-05-10"),
        ("2022年4月下旬", "2022-04-30"),
        ("二〇二一年九月底前", "2021-09-30"),
        ("二〇二一年十二月二十八日", "2021-12-28"),
        ("“十四五”末", "2025-12-31"),

        ("“十三五”末", "2020-12-31"),

        ("十四五末完成", "2025-12-31"),
    ],
)
def test_date_forms(text: str, day: str) -> None:
    milestones = read_deadline(text)
    assert [(x.date, x.kind) for x in milestones] == [(date.fromisoformat(day), D)]
    assert milestones[0].clause == text  # the clause keeps the words as written


@pytest.mark.parametrize(("text", "start", "end"), [("“十四五”期间", "2021-01-01", "2025-12-31"),
                                                  ("“十五五”期间", "2026-01-01", "2030-12-31")])
def test_five_year_plan_periods(text: str, start: str, end: str) -> None:
    assert read_deadline(text) == [m(end, P, text, start=start)]


def test_year_carries_to_a_later_clause_without_one() -> None:
    assert [x.date for x in read_deadline("2022年3月底前启动；6月中旬前完成。")] == [date(2022, 3, 31), date(2022, 6, 20)]


def test_month_without_any_year_needs_a_context() -> None:
    assert read_deadline("9月底前完成。") == []
    [only] = read_deadline("9月底前完成。", CONTEXT)
    assert (only.date, only.contextual) == (date(2021, 9, 30), True)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("持续推进。", ON), ("长期坚持。", ON), ("常态化开展。", ON), ("每年开展一次。", YR),
     ("按照国家有关部门工作推进进度。", OT), ("根据上级安排推进。", OT)],
)
def test_kinds(text: str, kind: Kind) -> None:
    assert [(x.date, x.kind) for x in read_deadline(text)] == [(None, kind)]


def test_several_milestones_each_with_its_clause() -> None:
    assert read_deadline("2021年底，建成基地不少于5个；2022年年底前，建成基地不少于20个。") == [
        m("2021-12-31", D, "2021年底，建成基地不少于5个"),
        m("2022-12-31", D, "2022年年底前，建成基地不少于20个"),
    ]


@pytest.mark.parametrize("text", ["尽快完成。", "", "适时推进", "2021年13月底前", "2021年2月30日"])
def test_unreadable(text: str) -> None:
    assert read_deadline(text) == []


@pytest.mark.parametrize("text", ["2021-12-31", "2021/12/31", "20211231", "2021年12月31日", " 2021-12-31 "])
def test_parse_date_forms(text: str) -> None:
    assert parse_date(text) == date(2021, 12, 31)


@pytest.mark.parametrize("text", ["2021-13-01", "2021-02-30", "明天", "2021.12.31", "21-12-31"])
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) is None


def test_kind_labels() -> None:
    assert [k.label for k in Kind] == [
        "限期", "期间", "起点", "每年", "每半年", "每季度", "每月", "持续", "相对", "按他方进度", "立即", "目标",
    ]
