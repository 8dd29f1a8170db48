"""casplan.load: finding the plan folder and loading every file, collecting problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casplan.errors import UserError
from casplan.load import display, load_file, load_plan
from casplan.model import Leaders, Part
from casplan.report import text_line

MINIMAL = Path(__file__).parent / "data" / "minimal"
HINT = "请用 --plan DIR 指定，或设置环境变量 $CASPLAN_PLAN，或在含 plan/ 的目录中运行"
S1, S2 = "01-学习部署.yaml", "02-改革建议.yaml"


@pytest.fixture
def plan(tmp_path, monkeypatch) -> Path:
    """A copy of minimal/ at ./plan, with the working directory at its parent."""
    shutil.copytree(MINIMAL, tmp_path / "plan")
    monkeypatch.chdir(tmp_path)
    return Path("plan")


def lines(diagnostics) -> list[str]:
    return [text_line(d) for d in sorted(diagnostics, key=lambda d: d.sort_key())]


def test_display_keeps_the_folder_as_given():
    assert display(Path("plan"), "sections", S1) == f"plan/sections/{S1}"
    assert display(Path("./a/../plan"), "plan.yaml") == "a/../plan/plan.yaml"


# ------------------------------------------------------------------ load_file


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", "x.yaml:1:1: error[wrong-type] 类型错误：文件顶层应为映射（键: 值），实为空文件"),
        ("# 只有注释\n", "x.yaml:1:1: error[wrong-type] 类型错误：文件顶层应为映射（键: 值），实为空文件"),
        ("- 姓名: 侯建国\n", "x.yaml:1:1: error[wrong-type] 类型错误：文件顶层应为映射（键: 值），实为非映射内容"),
        ("院领导\n", "x.yaml:1:1: error[wrong-type] 类型错误：文件顶层应为映射（键: 值），实为非映射内容"),
    ],
)
def test_load_file_top_level_must_be_a_mapping(tmp_path, text, line):
    (tmp_path / "x.yaml").write_text(text, encoding="utf-8")
    out = []
    loaded = load_file(tmp_path / "x.yaml", "x.yaml", Leaders, out, tmp_path)
    assert (lines(out), loaded.model) == ([line], None)
    assert loaded.doc is not None


def test_load_file_missing(tmp_path):
    out = []
    loaded = load_file(tmp_path / "leaders.yaml", "plan/leaders.yaml", Leaders, out, tmp_path)
    assert lines(out) == ["plan/leaders.yaml: error[missing-file] 缺少文件 leaders.yaml"]
    assert (loaded.doc, loaded.model) == (None, None)


def test_load_file_ok_adds_nothing():
    out = []
    loaded = load_file(MINIMAL / "sections" / S1, "s.yaml", Part, out, MINIMAL)
    assert out == []
    assert loaded.model is not None and [t.id for t in loaded.model.tasks] == ["learn-notice", "learn-measures"]


def test_load_file_keeps_the_document_when_the_model_fails(tmp_path):
    (tmp_path / "x.yaml").write_text("院领导: []\n", encoding="utf-8")
    out = []
    loaded = load_file(tmp_path / "x.yaml", "x.yaml", Leaders, out, tmp_path)
    assert lines(out) == ["x.yaml:1:6: error[empty-value] “院领导”列表为空"]
    assert (loaded.doc is not None, loaded.model) == (True, None)


# ------------------------------------------------------------------ load_plan


def test_load_minimal_plan(plan):
    loaded = load_plan(plan)
    assert loaded.diagnostics == []
    assert loaded.ok
    assert [s.name for s in loaded.sections] == [S1, S2]
    assert [s.file for s in loaded.sections] == [f"plan/sections/{S1}", f"plan/sections/{S2}"]
    assert [p.title for p in loaded.parts] == ["组织部署全院学习贯彻大会精神的相关工作", "积极向国家有关部门提出科技管理改革的意见建议"]
    assert loaded.notice.file == "plan/plan.yaml"


def test_sections_follow_plan_order_not_name_order(plan):
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(text.replace(f"    - {S1}\n    - {S2}\n", f"    - {S2}\n    - {S1}\n"), encoding="utf-8")
    loaded = load_plan(plan)
    assert [s.name for s in loaded.sections] == [S2, S1]
    assert loaded.diagnostics == []


def test_unreadable_plan_yaml_still_checks_every_section_in_name_order(plan):
    (plan / "plan.yaml").write_text("发文机关: [\n", encoding="utf-8")
    (plan / "sections" / "00-多余.yaml").write_text("标题: x\n任务: []\n", encoding="utf-8")
    loaded = load_plan(plan)
    assert [s.name for s in loaded.sections] == ["00-多余.yaml", S1, S2]
    assert lines(loaded.diagnostics) == [
        "plan/plan.yaml:1:8: error[yaml-syntax] YAML 语法错误：找不到应有的内容",  # the end of its only line
        "plan/sections/00-多余.yaml:2:5: error[empty-value] “任务”列表为空",
    ]
    assert not loaded.ok


def test_an_unlisted_section_is_reported_and_still_checked(plan):
    (plan / "sections" / "03-遗漏.yml").write_text("标题: x\n任务: []\n", encoding="utf-8")
    (plan / "sections" / "说明.txt").write_text("not a section", encoding="utf-8")
    loaded = load_plan(plan)
    assert lines(loaded.diagnostics) == [
        "plan/sections/03-遗漏.yml:1:1: error[unlisted-section] 部分文件“03-遗漏.yml”未列入 plan.yaml 的“附件: 部分”顺序",
        "plan/sections/03-遗漏.yml:2:5: error[empty-value] “任务”列表为空",
    ]
    assert [s.name for s in loaded.sections] == [S1, S2]  # not part of the plan


def test_missing_sections_folder(plan):
    shutil.rmtree(plan / "sections")
    assert lines(load_plan(plan).diagnostics) == [
        f"plan/plan.yaml:19:7: error[missing-section] plan.yaml 列出的部分文件“{S1}”不存在（应在 plan/sections/ 下）",
        f"plan/plan.yaml:20:7: error[missing-section] plan.yaml 列出的部分文件“{S2}”不存在（应在 plan/sections/ 下）",
    ]


def test_a_listing_that_is_not_text_is_left_to_the_schema(plan):
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(text.replace(f"    - {S2}\n", f"    - {S2}\n    - 3\n"), encoding="utf-8")
    loaded = load_plan(plan)
    assert lines(loaded.diagnostics) == ["plan/plan.yaml:21:7: error[wrong-type] 类型错误：应为文字，实为数字"]
    assert [s.name for s in loaded.sections] == [S1, S2]


def test_ok_looks_at_errors_only(plan):
    from casplan.diagnostics import Diagnostic

    loaded = load_plan(plan)
    loaded.diagnostics = [Diagnostic.make("plan/plan.yaml", (1, 1), "missing-doc-number", "x")]
    assert loaded.ok
    loaded.diagnostics.append(Diagnostic.make("plan/plan.yaml", (1, 1), "bad-id", "x"))
    assert not loaded.ok


# ------------------------------------------------------- hostile input (issue 7)


def test_an_unreadable_file_is_one_diagnostic(plan, monkeypatch):
    """What a non-root user gets from chmod 000 (root reads anyway, so the failure is simulated)."""
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == S1:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert lines(load_plan(plan).diagnostics) == [f"plan/sections/{S1}: error[unreadable-file] 无法读取：没有权限"]


def test_a_file_deleted_while_the_folder_is_read(plan, monkeypatch):
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == S2:
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert lines(load_plan(plan).diagnostics) == [f"plan/sections/{S2}: error[unreadable-file] 无法读取：不存在"]


def test_links_inside_the_plan_are_followed(plan):
    (plan / "sections" / "03-同一份.yaml").symlink_to(S1)
    assert lines(load_plan(plan).diagnostics) == [
        "plan/sections/03-同一份.yaml:1:1: error[unlisted-section] 部分文件“03-同一份.yaml”未列入 plan.yaml 的“附件: 部分”顺序"
    ]


def test_sections_folder_linked_out_of_the_plan_is_refused(plan, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(plan / "sections", elsewhere)
    shutil.rmtree(plan / "sections")
    (plan / "sections").symlink_to(elsewhere)
    assert lines(load_plan(plan).diagnostics) == [  # one line, not one per listed section
        "plan/sections: error[outside-plan] 文件是指向方案目录之外的符号链接，拒绝读取（方案只能读自己目录中的文件）"
    ]


def test_a_listed_section_linked_out_is_one_diagnostic(plan, tmp_path):
    (tmp_path / "x.yaml").write_text("标题: 外部\n任务: []\n", encoding="utf-8")
    (plan / "sections" / S1).unlink()
    (plan / "sections" / S1).symlink_to(tmp_path / "x.yaml")
    assert lines(load_plan(plan).diagnostics) == [
        f"plan/sections/{S1}: error[outside-plan] 文件是指向方案目录之外的符号链接，拒绝读取（方案只能读自己目录中的文件）"
    ]


def test_a_link_loop_is_refused(plan):
    (plan / "sections" / "03-环.yaml").symlink_to("03-环.yaml")
    assert lines(load_plan(plan).diagnostics) == [
        "plan/sections/03-环.yaml: error[outside-plan] 文件是指向方案目录之外的符号链接，拒绝读取（方案只能读自己目录中的文件）"
    ]


def test_a_file_name_that_is_not_utf8_prints_escaped(tmp_path):
    """A section named with a GBK byte, under a strict UTF-8 stdout: escaped, no UnicodeEncodeError."""
    import os
    import subprocess
    import sys

    root = tmp_path / "plan"
    shutil.copytree(MINIMAL, root)
    os.rename(root / "sections" / S2, os.path.join(os.fsencode(root / "sections"), b"02-\xb8\xc4.yaml"))
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    result = subprocess.run([sys.executable, "-m", "casplan", "validate", "--plan", str(root)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stderr
    assert f"{root}/sections/02-\\xB8\\xC4.yaml:1:1: error[unlisted-section]" in result.stdout


SHAPES = Path(__file__).parent / "data" / "shapes"


def test_a_plan_issued_alone_without_leaders_loads():
    loaded = load_plan(SHAPES / "guowuyuan")
    assert loaded.ok and not loaded.has_leaders and loaded.leaders.model is None
    assert loaded.labels.label("deadline") == "完成时限" and loaded.labels.structure.units == "括号"
    assert [s.name for s in loaded.sections] == ["01-就业优先.yaml", "02-技能培训.yaml"]


def test_a_plan_issued_alone_gets_its_own_schema_errors(tmp_path):
    shutil.copytree(SHAPES / "guowuyuan", tmp_path / "p")
    path = tmp_path / "p" / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("前言:", "引言:"), encoding="utf-8")
    loaded = load_plan(tmp_path / "p")
    assert [(d.code, d.message) for d in loaded.diagnostics] == [("unknown-key", "未知键“引言”（是否为“前言”？）")]
