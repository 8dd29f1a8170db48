"""`casplan list`: rows and roles checked against the source document, filters, formats, table layout.

The expected rows are read from tests/source/cas-plan-2021.txt by `read_source`
below, not from casplan: an item starts at a line that is a task's title or,
after its （n）, a sub-item's text as the YAML transcribes them (that is how the
ids are found); every label line after it (牵头部门：… 时间期限：…) is the
item's, as the source writes it. test_due.py and test_stats.py reuse it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from casplan.cli import app
from casplan.deadline import read_deadline

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
PLAN = ROOT / "plan"
SOURCE = TESTS / "source" / "cas-plan-2021.txt"
GOLDEN = Path(__file__).parent / "golden"

# ------------------------------------------------------------------ the source document, read independently

SOURCE_LABELS = ("牵头院领导", "配合院领导", "牵头部门", "协助部门", "具体举措", "时间期限")
LABEL_LINE = re.compile(rf"^({'|'.join(SOURCE_LABELS)})：(.*)$")
NUMBERED = re.compile(r"^（(\d+)）(.+)$")


@dataclass
class SourceItem:
    id: str
    part: int  # counted from the part titles of the source
    head: str  # the task's title line, or the sub-item's text after （n）
    task: SourceItem | None  # a sub-item's task
    number: int = 0  # a sub-item's （n）
    fields: dict[str, str] = field(default_factory=dict)  # label → the text after “：”

    @property
    def is_task(self) -> bool:
        return self.task is None

    def own_names(self, label: str) -> list[str] | None:
        """Names written on this item's own label line (a trailing 等 is not a name); None if no such line."""
        if label not in self.fields:
            return None
        names = self.fields[label].split("、")
        names[-1] = names[-1].removesuffix("等")
        return names

    def deadline(self) -> str | None:
        """The 时间期限 line's text: the item's own, else (a sub-item) its task's."""
        if "时间期限" in self.fields:
            return self.fields["时间期限"]
        return self.task.fields.get("时间期限") if self.task else None

    def role(self, name: str, lead: str, assist: str, assist_word: str) -> str | None:
        """牵头 / the assist word, marked （随任务） when the sub-item does not write that label itself."""
        for label, word in ((lead, "牵头"), (assist, assist_word)):
            own = self.own_names(label)
            if own is not None:
                if name in own:
                    return word
            elif self.task is not None and name in (self.task.own_names(label) or []):
                return word + "（随任务）"
        return None

    def dept_role(self, name: str) -> str | None:
        return self.role(name, "牵头部门", "协助部门", "协助")

    def leader_role(self, name: str) -> str | None:
        return self.role(name, "牵头院领导", "配合院领导", "配合")


@cache
def plan_texts() -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]:
    """From the YAML: (text → id for task titles and sub-item texts, part titles, every id in order).

    A task without a 标题 (the last part's) is found by its part's title, which the source writes in its place.
    """
    notice = yaml.safe_load((PLAN / "plan.yaml").read_text(encoding="utf-8"))
    ids: dict[str, str] = {}
    part_titles: list[str] = []
    order: list[str] = []
    for name in notice["附件"]["部分"]:
        section = yaml.safe_load((PLAN / "sections" / name).read_text(encoding="utf-8"))
        part_titles.append(section["标题"])
        for task in section["任务"]:
            ids[task.get("标题", section["标题"])] = task["编号"]
            order.append(task["编号"])
            for sub in task.get("子项", []):
                ids[sub["内容"]] = sub["编号"]
                order.append(sub["编号"])
    return ids, tuple(part_titles), tuple(order)


@cache
def read_source() -> tuple[SourceItem, ...]:
    """Every task and sub-item of the source document, in its order, with its label lines."""
    ids, part_titles, _ = plan_texts()
    items: list[SourceItem] = []
    part = 0
    task: SourceItem | None = None
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line in part_titles:
            part += 1
        label = LABEL_LINE.match(line)
        numbered = NUMBERED.match(line)
        if label:
            assert items, line
            assert label[1] not in items[-1].fields, f"{items[-1].id} writes {label[1]} twice"
            items[-1].fields[label[1]] = label[2]
        elif numbered and numbered[2] in ids:  # a sub-item; other （n） lines are a task's measures
            assert task is not None
            items.append(SourceItem(ids[numbered[2]], part, numbered[2], task, int(numbered[1])))
        elif line in ids:
            task = SourceItem(ids[line], part, line, None)
            items.append(task)
    return tuple(items)


def source_rows(select: Callable[[SourceItem], str | None]) -> list[tuple[str, str]]:
    """(id, role) of every source item for which `select` gives a role, in document order."""
    return [(item.id, role) for item in read_source() if (role := select(item)) is not None]


# ------------------------------------------------------------------ running the CLI


def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """Like the run_cli fixture, with the environment under the test's control."""
    return CliRunner().invoke(
        app, list(args), prog_name="casplan",
        env={"COLUMNS": "100", "NO_COLOR": "1", "CASPLAN_PLAN": None, **(env or {})}, catch_exceptions=False,
    )


def list_json(run_cli, *args: str) -> list[dict[str, object]]:
    result = run_cli("list", "--plan", str(PLAN), *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    records = json.loads(result.stdout)
    assert isinstance(records, list)
    return records


def ids_roles(records: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(r["编号"], r["角色"]) for r in records]


def cell_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def table_column(output: str, first_header: str, header: str) -> str:
    """The text of one column of a plain table, every line's cell joined, spaces removed.

    The column starts where its header starts and ends where the next header text starts
    (headers may fold over several lines; `first_header` is on the last of them).
    """
    lines = output.splitlines()
    last = next((i for i, line in enumerate(lines) if line.startswith(first_header)), None)
    assert last is not None, f"no line starts with {first_header!r}"
    starts: set[int] = set()
    for line in lines[: last + 1]:
        pos, prev = 0, " "
        for char in line:
            if char != " " and prev == " ":
                starts.add(pos)
            pos, prev = pos + cell_width(char), char
    heads = [line for line in lines[: last + 1] if header in line]
    assert heads, f"no header {header!r} in {lines[: last + 1]}"
    start = cells_before(heads[0], heads[0].index(header))
    end = min((s for s in starts if s > start), default=10**6)
    out = []
    for line in lines[last + 1:]:
        pos = 0
        for char in line:
            if start <= pos < end:
                out.append(char)
            pos += cell_width(char)
    return "".join(out).replace(" ", "")


def cells_before(line: str, index: int) -> int:
    return sum(cell_width(c) for c in line[:index])


BOX_DRAWING = re.compile("[\u2500-\u257f]")


def broken_plan(tmp_path: Path) -> Path:
    """tmp_path/plan: the plan with two errors, a duplicate id and an unknown department."""
    plan = tmp_path / "plan"
    shutil.copytree(PLAN, plan)
    for name, old, new in (("01-学习部署.yaml", "编号: learn-notice", "编号: plan-draft"),
                           ("15-改革建议.yaml", "牵头部门: [人事局]", "牵头部门: [人时局]")):
        path = plan / "sections" / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")
    return plan


BROKEN_WARNING = (
    "警告：以下文件有错误，结果中不含它们的内容：plan/sections/01-学习部署.yaml、plan/sections/15-改革建议.yaml；"
    "运行 casplan validate 查看详情\n"
)
BROKEN_PLAN_STDERR = (
    "plan/sections/01-学习部署.yaml:10:9: error[duplicate-id] 编号“plan-draft”重复（首次出现在 plan/sections/01-学习部署.yaml:3:9）\n"
    "plan/sections/15-改革建议.yaml:15:16: error[unknown-department] 未知部门“人时局”（是否为“人事局”？）\n"
)

# ------------------------------------------------------------------ the reader itself


def test_source_reader_finds_every_plan_item_in_order() -> None:
    items = read_source()
    assert [i.id for i in items] == list(plan_texts()[2])
    assert len(items) == 47  # 40 tasks, 7 sub-items
    assert [i.id for i in items if not i.is_task] == [
        "advise-basic-funding", "advise-pay-system", "advise-staffing", "advise-journals",
        "advise-global-fund", "advise-overseas-center", "advise-crossborder-funds",
    ]
    assert {i.part for i in items} == set(range(1, 16))


# ------------------------------------------------------------------ --dept


# Counted by hand in the source: 人事局 is written on five 协助部门 lines and eight 牵头部门 lines.
PERSONNEL_BY_HAND = [
    ("plan-draft", "协助"),
    ("mission-capability", "协助"),
    ("research-layout", "协助"),
    ("institute-reform", "协助"),
    ("youth-team-pilot", "协助"),
    ("special-research-posts", "牵头"),
    ("branch-cleanup", "牵头"),
    ("flexible-pay", "牵头"),
    ("leadership-politics", "牵头"),
    ("young-cadres", "牵头"),
    ("youth-training", "牵头"),
    ("advise-pay-system", "牵头"),  # 十五（2）
    ("advise-staffing", "牵头"),  # 十五（3）
]


def test_dept_rows_are_the_source_rows(run_cli) -> None:
    expected = source_rows(lambda item: item.dept_role("人事局"))
    assert expected == PERSONNEL_BY_HAND
    assert ids_roles(list_json(run_cli, "--dept", "人事局")) == expected


COLLECTIVES_NOTE = (
    "注：集体单位不展开为具体部门，另见 院促进科技成果转移转化联席会议成员单位（2 项）、院机关各有关部门（1 项）、"
    "院国家重点实验室体系重组专项工作组成员部门（1 项）、各分院分党组（2 项）；可用 --dept 集体名称 查询。\n"
)


def test_dept_table_matches_golden_and_notes_the_collectives(run_cli, golden) -> None:
    result = run_cli("list", "--plan", str(PLAN), "--dept", "人事局")
    assert result.exit_code == 0
    golden(GOLDEN / "list-dept-personnel.txt", result.stdout)
    assert result.stdout.endswith("共 13 项\n")
    assert result.stderr == COLLECTIVES_NOTE


def test_collectives_note_counts_the_source_lines() -> None:
    # The note's numbers, from the source: rows writing each collective on their own 牵头部门 / 协助部门 line.
    counts = {
        name: sum(
            1 for item in read_source()
            if any(name in (item.own_names(label) or []) for label in ("牵头部门", "协助部门"))
        )
        for name in ("院促进科技成果转移转化联席会议成员单位", "院机关各有关部门", "院国家重点实验室体系重组专项工作组成员部门", "各分院分党组")
    }
    assert "、".join(f"{n}（{c} 项）" for n, c in counts.items()) in COLLECTIVES_NOTE


def test_note_counts_a_collective_once_for_a_task_and_its_sub_items(run_cli, tmp_path: Path) -> None:
    # A collective written above the seven proposals is one row's, not eight.
    plan = tmp_path / "plan"
    shutil.copytree(PLAN, plan)
    section = plan / "sections" / "15-改革建议.yaml"
    text = section.read_text(encoding="utf-8")
    assert text.count("    协助部门: [发展规划局]\n") == 1
    section.write_text(text.replace("    协助部门: [发展规划局]\n", "    协助部门: [发展规划局, 院机关各有关部门]\n"),
                       encoding="utf-8")
    result = run_cli("list", "--plan", str(plan), "--dept", "人事局")
    assert result.exit_code == 0
    assert result.stderr == COLLECTIVES_NOTE.replace("院机关各有关部门（1 项）", "院机关各有关部门（2 项）")


def test_note_only_for_a_department_table(run_cli) -> None:
    for args in (["--dept", "人事局", "--format", "json"], ["--leader", "周琪"], ["--dept", "院机关各有关部门"], []):
        result = run_cli("list", "--plan", str(PLAN), *args)
        assert result.exit_code == 0
        assert result.stderr == "", args


def test_unknown_dept_suggests_the_nearest(run_cli) -> None:
    result = run_cli("list", "--plan", str(PLAN), "--dept", "人时局")
    assert result.exit_code == 2
    assert result.stderr == "用法错误：未知部门“人时局”（是否为“人事局”？）\n"
    assert result.stdout == ""


def test_unknown_leader_suggests_the_nearest(run_cli) -> None:
    result = run_cli("list", "--plan", str(PLAN), "--leader", "周棋")
    assert result.exit_code == 2
    assert result.stderr == "用法错误：未知院领导“周棋”（是否为“周琪”？）\n"
    assert result.stdout == ""


def test_role_lead_and_assist_split_the_rows(run_cli) -> None:
    every = ids_roles(list_json(run_cli, "--dept", "人事局"))
    lead = ids_roles(list_json(run_cli, "--dept", "人事局", "--role", "lead"))
    assist = ids_roles(list_json(run_cli, "--dept", "人事局", "--role", "assist"))
    assert lead == [row for row in PERSONNEL_BY_HAND if row[1] == "牵头"]
    assert assist == [row for row in PERSONNEL_BY_HAND if row[1] == "协助"]
    assert len(lead) == 8 and len(assist) == 5
    assert sorted(lead + assist) == sorted(every)


def test_leader_rows_include_inherited_subitems(run_cli) -> None:
    rows = ids_roles(list_json(run_cli, "--leader", "周琪"))
    assert rows == source_rows(lambda item: item.leader_role("周琪"))
    inherited = [(i, r) for i, r in rows if str(r).endswith("（随任务）")]
    assert inherited == [
        ("advise-basic-funding", "牵头（随任务）"),
        ("advise-pay-system", "牵头（随任务）"),
        ("advise-staffing", "牵头（随任务）"),
        ("advise-journals", "牵头（随任务）"),
        ("advise-global-fund", "牵头（随任务）"),
        ("advise-overseas-center", "牵头（随任务）"),
        ("advise-crossborder-funds", "牵头（随任务）"),
    ]
    assert ("reform-advice", "牵头") in rows
    assert ("basic-research-conf", "配合") in rows  # 配合院领导：高鸿钧、周琪


def test_leader_assist_role(run_cli) -> None:
    rows = ids_roles(list_json(run_cli, "--leader", "汪克强", "--role", "assist"))
    assert rows == [(i, r) for i, r in source_rows(lambda item: item.leader_role("汪克强")) if r.startswith("配合")]
    assert rows[-7:] == [(sub, "配合（随任务）") for sub in plan_texts()[2][-7:]]


@pytest.fixture
def aliased_plan(tmp_path: Path) -> Path:
    """A copy of the plan where 人事局 has the alias 人事, and one section writes the alias."""
    plan = tmp_path / "plan"
    shutil.copytree(PLAN, plan)
    departments = plan / "departments.yaml"
    text = departments.read_text(encoding="utf-8")
    assert text.count("  - 名称: 人事局\n") == 1
    departments.write_text(text.replace("  - 名称: 人事局\n", "  - 名称: 人事局\n    别名: [人事]\n"), encoding="utf-8")
    section = plan / "sections" / "09-人才队伍.yaml"
    text = section.read_text(encoding="utf-8")
    assert text.count("牵头部门: [人事局]") == 5
    section.write_text(text.replace("牵头部门: [人事局]", "牵头部门: [人事]", 1), encoding="utf-8")
    return plan


def test_alias_resolves_both_ways(run_cli, aliased_plan: Path) -> None:
    assert run_cli("validate", "--plan", str(aliased_plan)).exit_code == 0
    for name in ("人事", "人事局"):
        result = run_cli("list", "--plan", str(aliased_plan), "--dept", name, "--format", "json")
        assert result.exit_code == 0, result.stderr
        records = json.loads(result.stdout)
        assert ids_roles(records) == PERSONNEL_BY_HAND, name
        assert records[5]["编号"] == "special-research-posts"
        assert records[5]["牵头部门"] == ["人事"]  # as written


def test_part(run_cli) -> None:
    records = list_json(run_cli, "--part", "15")
    expected = [item.id for item in read_source() if item.part == 15]
    assert [r["编号"] for r in records] == expected
    assert expected == ["reform-advice", *plan_texts()[2][-7:]]
    assert {r["部分"] for r in records} == {15}
    assert [r["类型"] for r in records] == ["任务"] + ["子项"] * 7


def test_part_out_of_range(run_cli) -> None:
    result = run_cli("list", "--plan", str(PLAN), "--part", "99")
    assert result.exit_code == 2
    assert result.stderr == "用法错误：没有第 99 部分（共 15 个部分）\n"
    assert result.stdout == ""


def test_grep(run_cli) -> None:
    records = list_json(run_cli, "--grep", "院士")
    # From the source: titles and 时间期限 lines that say 院士, found by the helper …
    titled = [item.id for item in read_source() if "院士" in item.head or "院士" in (item.deadline() or "")]
    assert titled == ["plan-draft", "academician-study", "academician-reform", "four-exemplars"]
    # … and, by hand, the 具体举措 that say it: source lines 257 (division-study) and 285 (consultation-quality, item （2）).
    assert [r["编号"] for r in records] == [
        "plan-draft", "division-study", "academician-study", "academician-reform", "four-exemplars", "consultation-quality"]


def test_grep_searches_deadlines_names_and_the_task_title(run_cli) -> None:
    def says(item: SourceItem, text: str) -> bool:
        task = item.task or item
        names = [n for label in ("牵头院领导", "配合院领导", "牵头部门", "协助部门")
                 for n in (item.own_names(label) if label in item.fields else task.own_names(label)) or []]
        return any(text in h for h in (item.id, item.head, task.head, item.deadline() or "", *names))

    for text, by_hand in (
        ("长期坚持", ["tackle-task-list", "flexible-pay", "leadership-politics", "young-cadres", "youth-training",
                      "ethics-governance", "integrity-duty"]),  # only in 时间期限 lines
        ("中科院党校", ["young-cadres"]),  # only in a 协助部门 line
        ("严庆", ["transfer-action-plan", "transfer-policy"]),  # only in 配合院领导 lines
        ("科技管理改革", ["reform-advice", *plan_texts()[2][-7:]]),  # the sub-items by their task's title
        ("crossborder", ["advise-crossborder-funds"]),  # the id
    ):
        ids = [r["编号"] for r in list_json(run_cli, "--grep", text)]
        assert ids == [item.id for item in read_source() if says(item, text)], text
        assert ids == by_hand, text


def test_collective_dept(run_cli) -> None:
    rows = ids_roles(list_json(run_cli, "--dept", "院机关各有关部门"))
    assert rows == source_rows(lambda item: item.dept_role("院机关各有关部门"))
    assert rows == [("funding-reform-rules", "协助")]


@pytest.mark.parametrize("args", [[], ["--dept", "人事局"], ["--format", "csv"], ["--part", "9"]])
def test_plan_with_errors_answers_from_the_sections_that_load(run_cli, tmp_path: Path, args: list[str]) -> None:
    broken_plan(tmp_path)
    result = run_cli("list", "--plan", "plan", *args, cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr.endswith(BROKEN_WARNING)
    assert "special-research-posts" in result.stdout  # part 9 loads
    assert "plan-draft" not in result.stdout and "advise-staffing" not in result.stdout  # parts 1 and 15 do not


def test_plan_with_errors_json_is_the_whole_answer_minus_the_broken_parts(run_cli, tmp_path: Path) -> None:
    whole = list_json(run_cli, "--dept", "人事局")
    broken_plan(tmp_path)
    result = run_cli("list", "--plan", "plan", "--dept", "人事局", "--format", "json", cwd=tmp_path)
    assert (result.exit_code, result.stderr) == (1, BROKEN_WARNING)
    assert json.loads(result.stdout) == [r for r in whole if r["部分"] not in (1, 15)]  # part numbers kept


def test_a_broken_registry_still_refuses(run_cli, tmp_path: Path) -> None:
    plan = broken_plan(tmp_path)
    (plan / "departments.yaml").write_text("部门: 3\n", encoding="utf-8")
    result = run_cli("list", "--plan", "plan", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "plan/departments.yaml:1:" in result.stderr and "error[wrong-type]" in result.stderr


# ------------------------------------------------------------------ formats

TASK_KEYS = ["编号", "类型", "部分", "部分标题", "标题", "牵头院领导", "配合院领导", "牵头部门", "协助部门", "时间期限",
             "具体举措", "节点明细"]
SUB_KEYS = ["编号", "类型", "部分", "部分标题", "任务编号", "任务", "内容", "牵头院领导", "配合院领导", "牵头部门", "协助部门",
            "沿用任务", "时间期限", "节点明细"]


def test_json_one_object_per_row_with_the_record_keys(run_cli) -> None:
    records = list_json(run_cli)
    assert [r["编号"] for r in records] == [item.id for item in read_source()]
    for record, item in zip(records, read_source(), strict=True):
        keys = [k for k in TASK_KEYS if k != "具体举措" or "具体举措" in item.fields] if item.is_task else SUB_KEYS
        assert list(record) == keys, item.id
        assert record["部分"] == item.part, item.id
        assert record["时间期限"] == (item.deadline() or "")
        for label in ("牵头部门", "协助部门", "牵头院领导", "配合院领导"):
            names = item.own_names(label)
            if names is None and item.task is not None:
                names = item.task.own_names(label)
            written = list(record[label])
            assert [n for n in written if n != "等"] == (names or []), (item.id, label)
            etc = (item.fields.get(label) or (item.task.fields.get(label, "") if item.task else "")).endswith("等")
            assert (written[-1:] == ["等"]) == etc, (item.id, label)
    with_role = list_json(run_cli, "--dept", "人事局")
    assert [list(r)[-1] for r in with_role] == ["角色"] * 13
    assert list(with_role[-1]) == [*SUB_KEYS, "角色"]


def test_json_sub_item_record(run_cli) -> None:
    (record,) = [r for r in list_json(run_cli, "--part", "15") if r["编号"] == "advise-staffing"]
    assert record == {
        "编号": "advise-staffing",
        "类型": "子项",
        "部分": 15,
        "部分标题": "通过深入调研，积极向国家有关部门提出科技管理改革的意见建议",
        "任务编号": "reform-advice",
        "任务": "通过深入调研，积极向国家有关部门提出科技管理改革的意见建议",
        "内容": "创新编制管理。向中央编办、财政部等部门积极申请，争取在支持中科院京区单位实施编制备案管理试点的基础上，进一步扩大京外单位编制备案管理范围。",
        "牵头院领导": ["周琪"],
        "配合院领导": ["汪克强"],
        "牵头部门": ["人事局", "条件保障与财务局"],
        "协助部门": ["发展规划局"],
        "沿用任务": ["牵头院领导", "配合院领导", "协助部门"],
        "时间期限": "2022年年底前完成。",
        "节点明细": [m.record() for m in read_deadline("2022年年底前完成。")],
    }


def test_exports_carry_the_measures_and_the_milestones(run_cli) -> None:
    """具体举措 as written (a paragraph, or its items as a list), milestones as read; csv joins items （1）（2）."""
    source = SOURCE.read_text(encoding="utf-8").splitlines()
    items = source[172:174]  # source lines 173-174: flexible-pay's two numbered measures
    assert [line[:3] for line in items] == ["（1）", "（2）"]
    (record,) = [r for r in list_json(run_cli, "--part", "9") if r["编号"] == "flexible-pay"]
    assert record["具体举措"] == [line[3:] for line in items]
    assert [(m["date"], m["label"], m["clause"]) for m in record["节点明细"]] == [
        ("2022-12-31", "限期", "2022年年底前完成"), (None, "持续", "并长期坚持完善")]
    paragraph = {item.id: item.fields.get("具体举措") for item in read_source()}
    for r in list_json(run_cli):
        if isinstance(r.get("具体举措"), str):
            assert r["具体举措"] == paragraph[r["编号"]], r["编号"]
    result = run_cli("list", "--plan", str(PLAN), "--part", "9", "--format", "csv")
    rows = {r["编号"]: r for r in csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline=""))}
    assert rows["flexible-pay"]["具体举措"] == "".join(items)
    assert rows["flexible-pay"]["节点明细"] == "2022-12-31：2022年年底前完成；持续：并长期坚持完善"
    yaml_records = yaml.safe_load(run_cli("list", "--plan", str(PLAN), "--part", "9", "--format", "yaml").stdout)
    assert [r for r in yaml_records if r["编号"] == "flexible-pay"] == [record]


def test_csv_bom_crlf_and_joined_names(run_cli) -> None:
    result = run_cli("list", "--plan", str(PLAN), "--part", "4", "--format", "csv")
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n") == 4  # header and three tasks
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [r["编号"] for r in rows] == ["youth-team-pilot", "basic-research-conf", "class-b-projects"]
    assert rows[1]["协助部门"] == "学部工作局、发展规划局等"
    assert rows[1]["配合院领导"] == "高鸿钧、周琪"
    assert rows[0]["牵头院领导"] == "李树深、汪克强"
    assert rows[0]["部分"] == "4"
    assert list(rows[0]) == TASK_KEYS


def test_csv_has_every_row_of_json(run_cli) -> None:
    records = list_json(run_cli, "--dept", "人事局")
    result = run_cli("list", "--plan", str(PLAN), "--dept", "人事局", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(records) == 13
    for row, record in zip(rows, records, strict=True):
        for key, value in record.items():
            if key in ("具体举措", "节点明细"):  # joined their own way: test_exports_carry_the_measures_and_the_milestones
                continue
            assert row[key] == (joined(value) if isinstance(value, list) else str(value)), key
        assert all(row[k] == "" for k in row if k not in record)


def joined(names: list[str]) -> str:
    """How a spreadsheet should show a list of names: 、 between them, a trailing 等 attached."""
    return "、".join(names[:-1]) + "等" if names[-1:] == ["等"] else "、".join(names)


def test_yaml_loads_to_the_json_list(run_cli) -> None:
    for args in (["--dept", "人事局"], ["--part", "15"], ["--grep", "没有这段文字"]):
        result = run_cli("list", "--plan", str(PLAN), *args, "--format", "yaml")
        assert result.exit_code == 0
        assert yaml.safe_load(result.stdout) == list_json(run_cli, *args)


# ------------------------------------------------------------------ table layout


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"NO_COLOR": None}], ids=["NO_COLOR", "not-a-terminal"])
def test_table_is_plain(env: dict[str, str | None]) -> None:
    for args in (["--dept", "人事局"], ["--leader", "周琪"], []):
        result = invoke("list", "--plan", str(PLAN), *args, env=env)
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout
        assert not BOX_DRAWING.search(result.stdout)


def test_table_is_fancy_only_on_a_terminal() -> None:
    # The control for test_table_is_plain: forced onto a terminal, rich draws and colours.
    result = invoke("list", "--plan", str(PLAN), "--part", "3", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert "\x1b[1m" in result.stdout
    assert "─" in result.stdout
    plain = invoke("list", "--plan", str(PLAN), "--part", "3", env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b" not in plain.stdout and not BOX_DRAWING.search(plain.stdout)


@pytest.mark.parametrize("args", [[], ["--dept", "人事局"], ["--leader", "周琪"]], ids=["all", "dept", "leader"])
def test_long_cells_fold_at_80_columns(args: list[str]) -> None:
    result = invoke("list", "--plan", str(PLAN), *args, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    out = result.stdout
    assert "…" not in out
    assert max(sum(cell_width(c) for c in line) for line in out.splitlines()) <= 80
    column = table_column(out, "编号", "事项")
    records = json.loads(invoke("list", "--plan", str(PLAN), *args, "--format", "json").stdout)
    number = {item.id: item.number for item in read_source()}
    for record in records:
        text = record.get("标题") or f"（{number[record['编号']]}）{record['内容']}"
        assert text in column, record["编号"]
    assert len(out.splitlines()) > 2 * len(records)  # the cells did fold


def test_table_column_helper_sees_a_cut_cell() -> None:
    # The control for the fold test: the same check fails on a cell cut with “…”.
    table = "编号  事项      牵头部门\nx     一二三四  甲\n      五六…     乙\n"
    assert table_column(table, "编号", "事项") == "一二三四五六…"
    assert "一二三四五六七八" not in table_column(table, "编号", "事项")


def test_long_cells_survive_60_columns() -> None:
    # Seven columns with 24-cell ids do not fit in 60: each row becomes a card, nothing is cut.
    result = invoke("list", "--plan", str(PLAN), "--leader", "周琪", "--part", "15", env={"COLUMNS": "60"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "编号        reform-advice"
    start = next(i for i, line in enumerate(lines) if line.startswith("事项"))
    text = lines[start].split(None, 1)[1]
    for line in lines[start + 1:]:
        if not line.startswith(" "):
            break
        text += line.strip()
    assert text == "通过深入调研，积极向国家有关部门提出科技管理改革的意见建议"
    assert max(sum(cell_width(c) for c in line) for line in lines) <= 60


def test_both_filters_say_whose_role_is_whose(run_cli) -> None:
    records = list_json(run_cli, "--dept", "人事局", "--leader", "阴和俊", "--part", "9")
    assert {r["角色"] for r in records} == {"人事局牵头、阴和俊牵头"}
    assert len(records) == 5


def test_part_zero_is_a_chinese_usage_error(run_cli) -> None:
    result = run_cli("list", "--plan", str(PLAN), "--part", "0")
    assert (result.exit_code, result.stderr) == (2, "用法错误：没有第 0 部分（共 15 个部分）\n")


def test_csv_columns_keep_the_record_order_across_tasks_and_sub_items(run_cli) -> None:
    result = run_cli("list", "--plan", str(PLAN), "--dept", "人事局", "--format", "csv")
    header = result.stdout_bytes.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == ["编号", "类型", "部分", "部分标题", "任务编号", "任务", "内容", "标题", "牵头院领导", "配合院领导",
                      "牵头部门", "协助部门", "沿用任务", "时间期限", "具体举措", "节点明细", "角色"]


def test_collectives_note_only_names_those_in_scope(run_cli) -> None:
    result = run_cli("list", "--plan", str(PLAN), "--dept", "人事局", "--part", "9")
    assert result.stderr == "注：集体单位不展开为具体部门，另见 各分院分党组（2 项）；可用 --dept 集体名称 查询。\n"
    assert run_cli("list", "--plan", str(PLAN), "--dept", "人事局", "--part", "15").stderr == ""


# ------------------------------------------------------------------ several names, empty and conflicting options


def test_several_departments_and_leaders_are_any_of_them(run_cli) -> None:
    one, other = list_json(run_cli, "--dept", "人事局"), list_json(run_cli, "--dept", "办公厅")
    either = list_json(run_cli, "--dept", "人事局", "--dept", "办公厅")
    assert [r["编号"] for r in either] == [r["编号"] for r in list_json(run_cli)
                                           if r["编号"] in {x["编号"] for x in one + other}]
    plan_draft = next(r for r in either if r["编号"] == "plan-draft")
    assert plan_draft["角色"] == "人事局协助、办公厅牵头"
    leaders = list_json(run_cli, "--leader", "周琪", "--leader", "侯建国")
    assert {r["编号"] for r in leaders} == ({r["编号"] for r in list_json(run_cli, "--leader", "周琪")}
                                           | {r["编号"] for r in list_json(run_cli, "--leader", "侯建国")})


@pytest.mark.parametrize(("args", "message"), [
    (["--role", "lead"], "--role lead 要与 --dept 或 --leader 一起用（说明谁的角色）"),
    (["--role", "assist"], "--role assist 要与 --dept 或 --leader 一起用（说明谁的角色）"),
    (["--dept", ""], "--dept 不能为空；请写部门名称"),
    (["--dept", "人事局", "--dept", ""], "--dept 不能为空；请写部门名称"),
    (["--leader", ""], "--leader 不能为空；请写院领导姓名"),
    (["--grep", ""], "--grep 不能为空"),
])
def test_empty_or_conflicting_options_are_usage_errors(run_cli, args: list[str], message: str) -> None:
    result = run_cli("list", "--plan", str(PLAN), *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"用法错误：{message}\n")
