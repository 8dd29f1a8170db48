"""`casplan render`: the fidelity proof, the golden text, and the error paths."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "source" / "cas-plan-2021.txt"
GOLDEN = Path(__file__).parent / "golden" / "notice.txt"

# What the official layout adds to the source text, and nothing else.
LAYOUT_LINES = {
    "中共中国科学院党组文件",  # 发文机关标志
    "附件：中共中国科学院党组贯彻落实习近平总书记在两院院士大会上重要讲话和大会精神重点工作分工方案",  # 附件说明
    "附件",  # the attachment's label
}
NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plan", tmp_path / "plan")
    return tmp_path


def test_rendered_text_is_the_source_document(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "notice.txt"
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"))
    assert result.exit_code == 0, result.stderr
    rendered = [line for line in out.read_text(encoding="utf-8").splitlines() if line]
    added = [line for line in rendered if line in LAYOUT_LINES]
    assert sorted(added) == sorted(LAYOUT_LINES)
    text = [NUMBERING.sub("", line) for line in rendered if line not in LAYOUT_LINES]
    source = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line]
    assert text == source


def test_numbering_is_added_in_order(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "notice.txt"
    run_cli("render", str(out), "--plan", str(ROOT / "plan"))
    lines = out.read_text(encoding="utf-8").splitlines()
    parts = [line.split("、")[0] for line in lines if re.match(r"^[一二三四五六七八九十]+、", line)]
    assert parts == "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五".split()
    assert "（五）着力加强年轻干部队伍建设" in lines
    assert "十五、通过深入调研，积极向国家有关部门提出科技管理改革的意见建议" in lines


def test_rendered_text_matches_golden(run_cli, golden, tmp_path: Path) -> None:
    out = tmp_path / "notice.txt"
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"))
    assert result.exit_code == 0
    golden(GOLDEN, out.read_text(encoding="utf-8"))


def test_plan_with_errors_is_not_rendered(run_cli, plan_copy: Path) -> None:
    section = plan_copy / "plan" / "sections" / "09-人才队伍.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("[人事局]", "[人时局]", 1), encoding="utf-8")
    out = plan_copy / "notice.txt"
    result = run_cli("render", str(out), cwd=plan_copy)
    assert result.exit_code == 1
    assert result.stderr == (
        "plan/sections/09-人才队伍.yaml:7:12: error[unknown-department] 未知部门“人时局”（是否为“人事局”？）\n"
    )
    assert not out.exists()


def test_unknown_extension_is_a_usage_error(run_cli, tmp_path: Path) -> None:
    result = run_cli("render", str(tmp_path / "notice.odt"), "--plan", str(ROOT / "plan"))
    assert result.exit_code == 2
    assert result.stderr == "用法错误：不支持的输出格式“.odt”，支持：.txt、.docx、.pdf、.xlsx\n"


def test_missing_folder_is_one_clear_error(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "nope" / "notice.txt"
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"))
    assert result.exit_code == 1
    assert result.stderr == f"{out}: error[write-failed] 无法写入“{out}”：目录“{out.parent}”不存在\n"


def test_failed_render_keeps_previous_output(run_cli, plan_copy: Path) -> None:
    out = plan_copy / "notice.txt"
    out.write_text("旧的输出\n", encoding="utf-8")
    templates = plan_copy / "mine"
    templates.mkdir()
    (templates / "notice.j2").write_text("@标题 {{ 通知.标 }}\n", encoding="utf-8")
    result = run_cli("render", str(out), "--templates", str(templates), cwd=plan_copy)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{templates / 'notice.j2'}:1:1: error[template-error] 模板错误：该对象没有属性“标”（键名是否写错？）\n"
    )
    assert out.read_text(encoding="utf-8") == "旧的输出\n"
    assert sorted(p.name for p in plan_copy.iterdir()) == ["mine", "notice.txt", "plan"]


def test_user_template_overrides_by_name(run_cli, plan_copy: Path) -> None:
    templates = plan_copy / "mine"
    templates.mkdir()
    (templates / "notice.j2").write_text("@标题 {{ 通知.署名 }}\n@成文日期 {{ 通知.成文日期 | 中文日期 }}\n", encoding="utf-8")
    out = plan_copy / "short.txt"
    result = run_cli("render", str(out), "--templates", str(templates), cwd=plan_copy)
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == "中共中国科学院党组\n2021年9月28日\n"


def test_unknown_template_lists_the_known_ones(run_cli, plan_copy: Path) -> None:
    result = run_cli("render", "x.txt", "--template", "nothere", cwd=plan_copy)
    assert result.exit_code == 1
    assert result.stderr.startswith("nothere.j2: error[template-error] 找不到模板“nothere”")
    assert result.stderr.endswith("可用模板：dept、ledger、notice、plan、progress\n")


# ------------------------------------------------------- write rules and hostile input (issue 7)


def test_a_read_only_output_is_refused_and_kept(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "notice.txt"
    out.write_text("旧\n", encoding="utf-8")
    out.chmod(0o444)
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"))
    assert (result.exit_code, result.stderr) == (
        1, f"{out}: error[write-failed] 无法写入“{out}”：文件是只读的；如确要覆盖，请先修改它的权限\n"
    )
    assert out.read_text(encoding="utf-8") == "旧\n"


def test_a_pipe_nobody_reads_is_refused_at_once(run_cli, tmp_path: Path) -> None:
    """A FIFO as OUT used to block for ever."""
    import os

    out = tmp_path / "pipe.txt"
    os.mkfifo(out)
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"))
    assert (result.exit_code, result.stderr) == (
        1, f"{out}: error[write-failed] 无法写入“{out}”：这是一个命名管道，但没有进程在读取它\n"
    )


def test_a_directory_as_output_is_refused(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "x.txt"
    out.mkdir()
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"))
    assert (result.exit_code, result.stderr) == (1, f"{out}: error[write-failed] 无法写入“{out}”：这是一个目录\n")


def test_the_plans_own_templates_are_ignored_unless_it_asks(run_cli, plan_copy: Path) -> None:
    """An untrusted plan repository must not bring its own code: templates/ beside it needs 自带模板: true."""
    (plan_copy / "templates").mkdir()
    (plan_copy / "templates" / "notice.j2").write_text("@正文 方案自带的模板\n", encoding="utf-8")
    out = plan_copy / "notice.txt"
    assert run_cli("render", str(out), "--plan", str(plan_copy / "plan")).exit_code == 0
    assert "方案自带的模板" not in out.read_text(encoding="utf-8")
    plan_yaml = plan_copy / "plan" / "plan.yaml"
    plan_yaml.write_text(plan_yaml.read_text(encoding="utf-8") + "自带模板: true\n", encoding="utf-8")
    assert run_cli("render", str(out), "--plan", str(plan_copy / "plan")).exit_code == 0
    assert out.read_text(encoding="utf-8") == "方案自带的模板\n"


@pytest.mark.parametrize("extra", [[], ["--dept", "人事局"]], ids=["plain", "dept"])  # dept: its use is looked up first
def test_a_template_linked_to_a_file_outside_is_not_read(run_cli, plan_copy: Path, extra: list[str]) -> None:
    secret = plan_copy / "secret.txt"
    secret.write_text("root:$6$hash:19000:0:99999:7:::\n", encoding="utf-8")
    mine = plan_copy / "mine"
    mine.mkdir()
    (mine / "leak.j2").symlink_to(secret)
    (mine / "notice.j2").write_text("@正文 {% include 'leak.j2' %}\n", encoding="utf-8")
    out = plan_copy / "notice.txt"
    result = run_cli("render", str(out), "--plan", str(plan_copy / "plan"), "--templates", str(mine), *extra)
    assert result.exit_code == 1
    assert "$6$hash" not in result.output and not out.exists()
    assert result.stderr == (
        f"{mine}/notice.j2:1:1: error[template-error] 模板错误：模板“leak.j2”是指向模板目录之外的符号链接，拒绝读取\n"
    )


def test_a_part_with_a_thousand_titled_tasks_renders_and_shows(run_cli, plan_copy: Path) -> None:
    """Chinese numerals past 999 (an IndexError before): （一千） and beyond."""
    section = plan_copy / "plan" / "sections" / "01-学习部署.yaml"
    tasks = "".join(
        f"  - 编号: t-{n}\n    标题: 第{n}项任务\n    牵头院领导: [侯建国]\n    牵头部门: [办公厅]\n"
        f"    具体举措: 举措{n}。\n    时间期限: 2021年底前完成。\n"
        for n in range(1, 1002)
    )
    section.write_text("标题: 大部分\n任务:\n" + tasks, encoding="utf-8")
    out = plan_copy / "notice.txt"
    result = run_cli("render", str(out), "--plan", str(plan_copy / "plan"))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "（一千）第1000项任务" in text and "（一千零一）第1001项任务" in text
    shown = run_cli("show", "t-1001", "--plan", str(plan_copy / "plan"))
    assert shown.exit_code == 0 and "一千零一" in shown.stdout


# ------------------------------------------------------------------ --dept: once, with a template that uses it


@pytest.mark.parametrize(("args", "message"), [
    (["--dept", "人事局"], "模板“notice”不使用 --dept：它排出的文档与部门无关；按部门出文请用 --template dept"),
    (["-t", "ledger", "--dept", "人事局"], "模板“ledger”不使用 --dept：它排出的文档与部门无关；按部门出文请用 --template dept"),
    (["-t", "dept", "--dept", "人事局", "--dept", "办公厅"], "--dept 只能写一次（写了 2 次：人事局、办公厅）"),
    (["-t", "dept", "--dept", ""], "--dept 不能为空；请写部门名称"),
])
def test_dept_misuse_is_a_usage_error(run_cli, tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out.txt"
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"), *args)
    assert (result.exit_code, result.stderr) == (2, f"用法错误：{message}\n")
    assert not out.exists()


def test_a_template_that_includes_one_using_dept_takes_it(run_cli, tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "wrap.j2").write_text('{% include "inner.j2" %}', encoding="utf-8")
    (templates / "inner.j2").write_text("@正文 {{ 部门 }}：{{ 事项 | selectattr('角色') | list | length }} 项\n",
                                        encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"), "--templates", str(templates), "-t", "wrap",
                     "--dept", "人事局")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == "人事局：13 项\n"


def test_template_records_carry_the_measures_and_the_milestones(run_cli, tmp_path: Path) -> None:
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "m.j2").write_text(
        "{% for 项 in 事项 if 项.编号 == 'flexible-pay' %}"
        "@正文 {{ 项.具体举措 | length }}条：{{ 项.具体举措[1] }}\n"
        "{% for 点 in 项.节点明细 %}@正文 {{ 点.date or 点.label }} {{ 点.clause }}\n{% endfor %}{% endfor %}",
        encoding="utf-8")
    out = tmp_path / "out.txt"
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"), "--templates", str(templates), "-t", "m")
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").splitlines() == [
        "2条：积极配合人社部、财政部推进我院高层次人才绩效工资总量单列试点工作，落实好科研人员职务科技成果转化奖励政策。",
        "2022-12-31 2022年年底前完成",
        "持续 并长期坚持完善",
    ]
def test_templates_get_each_items_milestones_as_deadline_json_gives_them(run_cli, plan_copy: Path) -> None:
    templates = plan_copy / "mine"
    templates.mkdir()
    (templates / "notice.j2").write_text(
        "{% for e in 事项 if e.编号 == 'research-layout' %}{% for m in e.节点明细 %}"
        "@正文 {{ m.kind }} {{ m.start }} {{ m.date }} {{ m.clause }}\n{% endfor %}{% endfor %}", encoding="utf-8")
    out = plan_copy / "nodes.txt"
    result = run_cli("render", str(out), "--templates", str(templates), cwd=plan_copy)
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == (
        "by-date None 2021-12-31 2021年底前完成一批先导专项的遴选策划\n"
        "period 2021-01-01 2025-12-31 在“十四五”期间，持续推进先导专项的组织实施\n"
    )


CITY = ROOT / "tests" / "data" / "progress" / "city"  # a plan with progress rounds


def _count_round_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from casplan.progress import check

    calls: list[int] = []
    real = check.open_rounds

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check, "open_rounds", counted)
    return calls


def test_a_template_that_shows_no_progress_is_rendered_without_reading_the_rounds(
        run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_round_reads(monkeypatch)
    plain = tmp_path / "notice.txt"
    assert run_cli("render", str(plain), "--plan", str(CITY)).exit_code == 0
    assert calls == []
    ledger = tmp_path / "ledger.txt"
    assert run_cli("render", str(ledger), "--plan", str(CITY), "-t", "ledger").exit_code == 0
    assert calls == [1]  # the ledger shows each item's 状态
    stripped = tmp_path / "no-rounds"
    shutil.copytree(CITY, stripped, ignore=shutil.ignore_patterns("进展"))
    again = tmp_path / "notice-no-rounds.txt"
    assert run_cli("render", str(again), "--plan", str(stripped)).exit_code == 0
    assert plain.read_text(encoding="utf-8") == again.read_text(encoding="utf-8")  # the notice never showed progress


@pytest.mark.parametrize("source", ['{{ 事项 | map(attribute="状态") | join }}', "{% for x in 事项 %}{{ x['最新进展'] }}{% endfor %}",
                                    "{{ 督办 }}", '{% include 名 %}'])
def test_a_template_that_may_show_progress_gets_it(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   source: str) -> None:
    calls = _count_round_reads(monkeypatch)
    templates = tmp_path / "mine"
    templates.mkdir()
    (templates / "mine.j2").write_text("@正文 " + source + "\n", encoding="utf-8")
    (templates / "other.j2").write_text("@正文 x\n", encoding="utf-8")
    run_cli("render", str(tmp_path / "out.txt"), "--plan", str(CITY), "--templates", str(templates), "-t", "mine")
    assert calls == [1]


def test_a_round_asked_for_is_still_checked_with_any_template(run_cli, tmp_path: Path) -> None:
    result = run_cli("render", str(tmp_path / "notice.txt"), "--plan", str(CITY), "--round", "2099-01")
    assert result.exit_code == 2
    assert "没有轮次“2099-01”" in result.stderr
