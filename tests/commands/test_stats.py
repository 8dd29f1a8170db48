"""`casplan stats`: every count checked against the label and 时间期限 lines of the source document."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from casplan.deadline import read_deadline
import test_list as source  # tests/commands is on pythonpath (pyproject.toml)

PLAN: Path = source.PLAN
GOLDEN: Path = source.GOLDEN
NO_LEAD_LINE = "没有牵头部门的事项：无"


def stats(run_cli, *args: str) -> str:
    result = run_cli("stats", "--plan", str(PLAN), *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def table_rows(output: str) -> list[list[str]]:
    """The body of a plain table whose cells hold no spaces, one list of cells per line."""
    lines = output.splitlines()
    assert lines[-1] == NO_LEAD_LINE
    return [line.split() for line in lines[1:-1]]


def source_counts(lead: str, assist: str, assist_word: str) -> dict[str, list[int]]:
    """name → [lead tasks, lead sub-items, assist tasks, assist sub-items], counted on the lines that
    write the name (a sub-item's inherited role is its task's line), names in order of first appearance."""
    counts: dict[str, Counter[str]] = {}
    for item in source.read_source():
        for label in item.fields:  # in the source's order
            if label not in (lead, assist):
                continue
            word = "牵头" if label == lead else assist_word
            for name in item.own_names(label):
                counts.setdefault(name, Counter())[word + ("任务" if item.is_task else "子项")] += 1
    keys = ("牵头任务", "牵头子项", f"{assist_word}任务", f"{assist_word}子项")
    return {name: [c[k] for k in keys] for name, c in counts.items()}


@pytest.mark.parametrize(("by", "golden_name"), [(None, "stats-dept.txt"), ("leader", "stats-leader.txt"),
                                                 ("month", "stats-month.txt")])
def test_matches_golden(run_cli, golden, by: str | None, golden_name: str) -> None:
    golden(source.GOLDEN / golden_name, stats(run_cli, *(["--by", by] if by else [])))


def test_by_dept_is_the_source_count(run_cli) -> None:
    out = stats(run_cli)
    assert out == stats(run_cli, "--by", "dept")
    assert out.splitlines()[0].split() == ["部门", "牵头任务", "牵头子项", "协助任务", "协助子项"]
    rows = {name: [int(n) for n in ns] for name, *ns in table_rows(out)}
    expected = source_counts("牵头部门", "协助部门", "协助")
    assert list(rows) == list(expected)
    assert rows == expected
    assert len(rows) == 19


def test_by_dept_by_hand(run_cli) -> None:
    rows = {name: [int(n) for n in ns] for name, *ns in table_rows(stats(run_cli))}
    # 牵头部门：学部工作局 under the six tasks of 十三、十四; 协助 in plan-draft and basic-research-conf (…、发展规划局等)
    assert rows["学部工作局"] == [6, 0, 2, 0]
    # 人事局: six tasks and 十五（2）（3）; 协助 five tasks
    assert rows["人事局"] == [6, 2, 5, 0]
    # 发展规划局 assists reform-advice once, not again for each of its seven sub-items
    assert rows["发展规划局"] == [2, 0, 8, 0]
    assert rows["中科院党校"] == [0, 0, 1, 0]


def test_by_leader_is_the_source_count(run_cli) -> None:
    out = stats(run_cli, "--by", "leader")
    assert out.splitlines()[0].split() == ["院领导", "牵头任务", "牵头子项", "配合任务", "配合子项"]
    rows = {name: [int(n) for n in ns] for name, *ns in table_rows(out)}
    expected = source_counts("牵头院领导", "配合院领导", "配合")
    assert list(rows) == list(expected)
    assert rows == expected
    assert rows["阴和俊"] == [13, 0, 1, 0]  # 五 3, 九 5, 十一 5; 配合 party-history
    assert rows["严庆"] == [0, 0, 2, 0]


def test_by_month_is_the_source_count(run_cli) -> None:
    out = stats(run_cli, "--by", "month")
    assert out.splitlines()[0].split() == ["月份", "节点数"]
    rows = [(label, int(n)) for label, n in table_rows(out)]
    months: Counter[str] = Counter()
    undated: Counter[str] = Counter()
    for item in source.read_source():
        for m in read_deadline(item.deadline() or ""):
            if m.date is None:
                undated[m.kind.label] += 1
            else:
                months[f"{m.date.year}-{m.date.month:02d}"] += 1
    assert rows == [*sorted(months.items()), *((k, undated[k]) for k in ("每年", "持续", "按他方进度"))]
    # By hand: 2021年8月底前 twice, 9月底前 four times, 2022年3月底前 and 6月底前 once each
    assert ("2021-08", 2) in rows and ("2021-09", 4) in rows
    assert ("2022-03", 1) in rows and ("2022-06", 1) in rows
    assert ("按他方进度", 2) in rows


def test_every_item_has_a_lead_department(run_cli) -> None:
    # In the source, only reform-advice has no 牵头部门 line, and each of its seven proposals has one.
    missing = [item.id for item in source.read_source() if "牵头部门" not in item.fields]
    assert missing == ["reform-advice"]
    assert all("牵头部门" in item.fields for item in source.read_source() if item.task is not None)
    for by in ("dept", "leader", "month"):
        assert stats(run_cli, "--by", by).splitlines()[-1] == NO_LEAD_LINE


@pytest.mark.parametrize("by", ["dept", "leader", "month"])
def test_plan_with_errors(run_cli, tmp_path: Path, by: str) -> None:
    source.broken_plan(tmp_path)
    result = run_cli("stats", "--plan", "plan", "--by", by, cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, source.BROKEN_WARNING)
    assert result.stdout.splitlines()[-1].startswith("没有牵头部门的事项：")


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"NO_COLOR": None}], ids=["NO_COLOR", "not-a-terminal"])
def test_table_is_plain(env: dict[str, str | None]) -> None:
    for by in ("dept", "leader", "month"):
        result = source.invoke("stats", "--plan", str(PLAN), "--by", by, env=env)
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout
        assert not source.BOX_DRAWING.search(result.stdout)


def test_names_survive_a_narrow_terminal() -> None:
    result = source.invoke("stats", "--plan", str(PLAN), env={"COLUMNS": "40"})
    assert result.exit_code == 0
    assert "…" not in result.stdout
    assert source.table_column(result.stdout, "部门", "部门").startswith("办公厅发展规划局学部工作局")


@pytest.mark.parametrize("by", ["dept", "leader", "month"])
def test_json_yaml_and_csv_carry_the_table(run_cli, by: str) -> None:
    import csv
    import io
    import json

    import yaml

    table = [line.split() for line in stats(run_cli, "--by", by).splitlines()[:-1]]  # names have no spaces
    data = json.loads(run_cli("stats", "--plan", str(PLAN), "--by", by, "--format", "json").stdout)
    assert [[str(v) for v in r.values()] for r in data["统计"]] == table[1:]
    assert list(data["统计"][0]) == table[0]
    assert data["没有牵头部门的事项"] == []
    assert yaml.safe_load(run_cli("stats", "--plan", str(PLAN), "--by", by, "--format", "yaml").stdout) == data
    result = run_cli("stats", "--plan", str(PLAN), "--by", by, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert rows == table
def test_by_month_counts_every_undated_kind(run_cli, tmp_path: Path) -> None:
    """Kinds the reader added (起点, 相对 with no date yet, a recurrence without a day) are counted, not dropped."""
    import shutil

    plan = tmp_path / "plan"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data" / "minimal", plan)
    section = plan / "sections" / "01-学习部署.yaml"
    text = section.read_text(encoding="utf-8")
    text = text.replace("2021年9月底前完成。", "自2022年起施行；收到通知后15个工作日内反馈；每季度报送进展。")
    section.write_text(text, encoding="utf-8")
    rows = table_rows(stats(run_cli, "--plan", str(plan), "--by", "month"))
    assert rows == [["2021-12", "1"], ["2022-12", "1"], ["起点", "1"], ["每季度", "1"], ["持续", "1"], ["相对", "1"]]
