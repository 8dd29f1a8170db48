"""The writer lays plan files out as plan/ has them: byte for byte, comments aside."""

from __future__ import annotations

import re
from pathlib import Path

from casplan.importer.ir import Loc, PartIR, PlanIR, Work
from casplan.importer.pipeline import import_plan, read_source
from casplan.importer.writer import files, labels_of, section_name

ROOT = Path(__file__).resolve().parents[2]
RAW = Path(__file__).parent / "data" / "cas-plan-2021-raw.txt"


def _uncommented(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith("#"))


def _no_ids(text: str) -> str:
    return re.sub(r"编号: \S+", "编号: X", text)


def test_the_embedded_plan_is_written_as_plan_is() -> None:
    written = import_plan(read_source(RAW)).files
    hand = sorted((ROOT / "plan" / "sections").iterdir())
    ours = sorted(k for k in written if k.startswith("sections/"))
    assert len(hand) == len(ours) == 15
    for path, key in zip(hand, ours, strict=True):
        assert _no_ids(written[key]) == _no_ids(path.read_text(encoding="utf-8")), key
    for name in ("leaders.yaml", "departments.yaml"):
        assert written[name] == _uncommented((ROOT / "plan" / name).read_text(encoding="utf-8"))
    plan_yaml = re.sub(r"    - \S+\.yaml\n", "", _uncommented(written["plan.yaml"]))
    hand_yaml = re.sub(r"    - \S+\.yaml\n", "", _uncommented((ROOT / "plan" / "plan.yaml").read_text(encoding="utf-8")))
    assert plan_yaml == re.sub(r"  # .*", "", hand_yaml)


def test_other_words_and_layouts_are_declared_in_plan_yaml() -> None:
    task = Work(Loc("line", 3), 1, "推进改革", names={"lead_units": ["科技部"]}, other={"适用范围": "全国"},
                wording="{lead_units}会同有关部门负责", id="t1")
    plan = PlanIR(None, "某方案", [], [PartIR(Loc("line", 2), None, tasks=[task])], has_parts=False,
                  layout="括号", labels={"lead_units": "牵头单位", "deadline": "完成时限"}, other_labels=["适用范围"],
                  units=["科技部"])
    out = files(plan)
    assert out["plan.yaml"] == (
        "# 由 casplan import 从源文件导入。\n"
        "标签:\n  牵头单位: 牵头单位\n  时间期限: 完成时限\n"
        "其他字段: [适用范围]\n"
        "结构:\n  部分: 无\n  分工写法: 括号\n"
        "标题: 某方案\n部分:\n  - 01-任务.yaml\n"
    )
    assert out["sections/01-任务.yaml"] == (
        "任务:\n  - 编号: t1\n    标题: 推进改革\n    牵头单位: [科技部]\n    适用范围: 全国\n"
        "    分工句式: '{牵头单位}会同有关部门负责'\n"
    )
    assert "leaders.yaml" not in out


def test_labels_of_the_embedded_words_declare_nothing() -> None:
    plan = PlanIR(None, None, [], [], labels={"lead_units": "牵头部门"})
    assert labels_of(plan)[1] is None
    assert section_name(3, "坚持问题导向，强化国家战略科技力量") == "03-坚持问题导向强化.yaml"


def test_every_value_reads_back_as_written() -> None:
    from casplan.importer.writer import _dump, _flow, _text
    from casplan.yamlio import parse

    tricky = ["{牵头单位}会同有关部门负责", "- 开头是横线", "含有: 冒号", "#开头", "true", "2021", "'引号'", " 前有空格",
              "“弯引号”开头", "[方括号]", "a, b", "百分之50%"]
    data = {"普通": tricky, "名单": _flow(tricky), "分行": _text("第一行\n第二行"), "日期": "2021-09-28", "是": True}
    text = _dump(data)
    assert parse(text, "x.yaml").data == {**data, "名单": tricky}
    assert "日期: 2021-09-28\n" in text
