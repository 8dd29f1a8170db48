"""`casplan show ID`: the card of a task or sub-item, checked line by line against the source document."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "plan"
SOURCE = ROOT / "tests" / "source" / "cas-plan-2021.txt"
GOLDEN = Path(__file__).parent / "golden"
import test_list as source  # tests/commands is on pythonpath (pyproject.toml)



def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


def show(run_cli, item_id: str) -> str:
    result = run_cli("show", item_id, "--plan", str(PLAN))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # the plan's warnings are validate's business
    return result.stdout


@pytest.mark.parametrize("item_id", ["learn-notice", "advise-staffing", "reform-advice"])
def test_card_matches_golden(run_cli, golden, item_id: str) -> None:
    golden(GOLDEN / f"show-{item_id}.txt", show(run_cli, item_id))


def test_task_card_fields_are_the_source_lines(run_cli) -> None:
    lines = show(run_cli, "learn-notice").splitlines()
    src = source_lines()
    start = src.index("以党组文件形式印发通知，对全院传达学习和贯彻落实大会精神提出明确要求")
    # The card's label lines are the source's, in the source's order.
    assert lines[3:8] == src[start + 1: start + 6]
    assert src[start + 6] == "制定《中共中科院党组贯彻落实习近平总书记在两院院士大会上重要讲话和大会精神重点工作分工方案》"
    assert lines[:3] == [
        "任务 learn-notice",
        "位置：一、（一）  组织部署全院学习贯彻大会精神的相关工作",
        "标题：以党组文件形式印发通知，对全院传达学习和贯彻落实大会精神提出明确要求",
    ]
    assert lines[8:] == ["节点：", "  2021-09-30  2021年9月底前完成"]


def test_task_card_lists_its_sub_items_as_the_source_does(run_cli) -> None:
    lines = show(run_cli, "reform-advice").splitlines()
    src = source_lines()
    intro = src.index("向国家有关部门提出具体建议：")
    i = lines.index("向国家有关部门提出具体建议：")
    subs = [line for line in src[intro + 1:] if line.startswith("（")]
    assert len(subs) == 7
    ids = ["advise-basic-funding", "advise-pay-system", "advise-staffing", "advise-journals",
           "advise-global-fund", "advise-overseas-center", "advise-crossborder-funds"]
    assert lines[i + 1: i + 8] == [s.replace("）", f"）{id_}  ", 1) for s, id_ in zip(subs, ids, strict=True)]
    assert lines[3:6] == ["牵头院领导：周琪", "配合院领导：汪克强", "协助部门：发展规划局"]


def test_sub_item_card_marks_inherited_roles(run_cli) -> None:
    lines = show(run_cli, "advise-staffing").splitlines()
    src = source_lines()
    start = src.index("（3）创新编制管理。向中央编办、财政部等部门积极申请，争取在支持中科院京区单位实施编制备案管理试点的基础上，进一步扩大京外单位编制备案管理范围。")
    assert src[start + 1: start + 3] == ["牵头部门：人事局、条件保障与财务局", "时间期限：2022年年底前完成。"]
    assert "牵头部门：人事局、条件保障与财务局" in lines
    assert "时间期限：2022年年底前完成。" in lines
    # Written once above the seven proposals: 牵头院领导：周琪 配合院领导：汪克强 协助部门：发展规划局
    task = src.index("通过深入调研，积极向国家有关部门提出科技管理改革的意见建议")
    assert src[task + 1: task + 4] == ["牵头院领导：周琪", "配合院领导：汪克强", "协助部门：发展规划局"]
    assert "牵头院领导：周琪（随任务）" in lines
    assert "配合院领导：汪克强（随任务）" in lines
    assert "协助部门：发展规划局（随任务）" in lines
    assert lines[0] == "子项 advise-staffing"


def test_task_card_lists_its_measures(run_cli) -> None:
    lines = show(run_cli, "institute-reform").splitlines()
    src = source_lines()
    start = src.index("具体举措：", src.index("深化科研院所改革，构建完善功能先进、结构合理、相互支撑、有机衔接的建制化科研组织管理体系"))
    i = lines.index("具体举措：")
    assert lines[i: i + 3] == src[start: start + 3]
    assert lines[1] == "位置：二、（三）  坚持问题导向，强化国家战略科技力量、助力提升国家创新体系整体效能的重大改革举措"


def test_task_without_deadline(run_cli) -> None:
    lines = show(run_cli, "funding-reform-rules").splitlines()
    assert lines[1] == "位置：七、（二）  优化院财政科技投入，重点投向战略性、关键性领域，积极争取国家主管部门支持，研究赋予科研人员更大经费自主权的有效举措"
    assert lines[-2:] == ["时间期限：（未写）", "节点：（无）"]


def test_several_milestones(run_cli) -> None:
    lines = show(run_cli, "spirit-bases").splitlines()
    assert lines[-4:] == [
        "节点：",
        "  持续  持续推进",
        "  2021-12-31  2021年底，建成弘扬科学家精神示范基地或科学家精神教育基地不少于5个",
        "  2022-12-31  2022年年底前，建成弘扬科学家精神示范基地或科学家精神教育基地不少于20个",
    ]


def test_id_is_trimmed(run_cli) -> None:
    assert show(run_cli, " learn-notice ") == show(run_cli, "learn-notice")


def test_unknown_id_suggests_the_nearest(run_cli) -> None:
    result = run_cli("show", "learn-notic", "--plan", str(PLAN))
    assert result.exit_code == 2
    assert result.stderr == "用法错误：没有编号为“learn-notic”的任务或子项（是否为“learn-notice”或“leadership-politics”？）\n"
    assert result.stdout == ""


def test_unknown_id_without_a_near_one(run_cli) -> None:
    result = run_cli("show", "zzzzzzzzzzzz", "--plan", str(PLAN))
    assert result.exit_code == 2
    assert result.stderr == "用法错误：没有编号为“zzzzzzzzzzzz”的任务或子项；可用 casplan list 查看全部编号\n"
    assert result.stdout == ""


def test_plan_with_errors_shows_an_item_that_loads(run_cli, tmp_path: Path) -> None:
    source.broken_plan(tmp_path)
    result = run_cli("show", "special-research-posts", "--plan", "plan", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, source.BROKEN_WARNING)
    assert result.stdout.startswith("任务 special-research-posts\n位置：九、（一）")


def test_plan_with_errors_an_item_in_a_broken_file_names_it(run_cli, tmp_path: Path) -> None:
    source.broken_plan(tmp_path)
    result = run_cli("show", "learn-notice", "--plan", "plan", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("用法错误：没有编号为“learn-notice”的任务或子项")
    assert result.stderr.endswith("另有文件因错误未读入：plan/sections/01-学习部署.yaml、plan/sections/15-改革建议.yaml\n")
    assert result.stdout == ""


# ------------------------------------------------------------------ find by place, any letter case; json and yaml


@pytest.mark.parametrize(("where", "item_id"), [
    ("九、（一）", "special-research-posts"), ("九、(三)", "flexible-pay"), ("9.1", "special-research-posts"),
    ("9.3", "flexible-pay"), ("十五、（3）", "advise-staffing"), ("15.3", "advise-staffing"), ("十五", "reform-advice"),
    ("十五、", "reform-advice"), ("一、（二）", "plan-draft"), ("LEARN-NOTICE", "learn-notice"), (" Plan-Draft ", "plan-draft"),
])
def test_find_by_place_or_any_case(run_cli, where: str, item_id: str) -> None:
    assert show(run_cli, where) == show(run_cli, item_id)


@pytest.mark.parametrize(("where", "message"), [
    ("9.1.2", "方案中没有位于“9.1.2”的任务或子项；可用 casplan list --part 9 查看该部分"),
    ("九、（1）", "方案中没有位于“九、（1）”的任务或子项；可用 casplan list --part 9 查看该部分"),
    ("十六、（一）", "方案中没有位于“十六、（一）”的任务或子项；可用 casplan list --part 16 查看该部分"),
    ("一", "“一”是第 1 部分，其中有多项任务；请写到任务，如 一、（一） 或 1.1"),
    ("Learn-Notise", "没有编号为“Learn-Notise”的任务或子项（是否为“learn-notice”或“leadership-politics”？）"),
    ("", "ID 不能为空；写任务或子项的编号，或它在文件中的位置（如 九、（一） 或 9.1）"),
])
def test_a_place_that_is_not_there_is_a_usage_error(run_cli, where: str, message: str) -> None:
    result = run_cli("show", where, "--plan", str(PLAN))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"用法错误：{message}\n")


def test_json_and_yaml_carry_the_card(run_cli) -> None:
    import json

    import yaml

    result = run_cli("show", "reform-advice", "--plan", str(PLAN), "--format", "json")
    record = json.loads(result.stdout)
    assert record["位置"] == "十五、" and record["编号"] == "reform-advice"
    assert record["子项导语"] == "向国家有关部门提出具体建议"
    assert [s["编号"] for s in record["子项"]][:2] == ["advise-basic-funding", "advise-pay-system"]
    assert yaml.safe_load(run_cli("show", "reform-advice", "--plan", str(PLAN), "-f", "yaml").stdout) == record
    task = json.loads(run_cli("show", "flexible-pay", "--plan", str(PLAN), "-f", "json").stdout)
    assert len(task["具体举措"]) == 2 and task["节点明细"][0]["date"] == "2022-12-31"
