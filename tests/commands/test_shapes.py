"""Plans in other shapes than ours: other labels, no notice, no leaders, no parts, groups, 1.–N., parentheses.

Each fixture under tests/data/shapes/ has its document as `source.txt` (written by
hand as an office would print it); its YAML must validate, render back to that
text line for line (.txt and .docx), and answer queries by role whatever its words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "tests" / "data" / "shapes"
GOLDEN = Path(__file__).parent / "golden" / "shapes"
NAMES = sorted(p.name for p in SHAPES.iterdir() if p.is_dir())

QUERIES: dict[str, list[list[str]]] = {
    "guowuyuan": [
        ["list", "--dept", "人力资源社会保障部"],
        ["list", "--dept", "人社部", "--role", "assist", "-f", "json"],
        ["due", "--before", "2025-12-31", "--include-ongoing"],
        ["show", "small-business"],
        ["show", "technical-schools"],
        ["stats"],
    ],
    "toplevel": [
        ["list", "--leader", "王副省长"],
        ["due", "--dept", "省工信厅"],
        ["show", "air"],
        ["show", "investment"],
        ["stats", "--by", "leader"],
    ],
    "guofa": [
        ["list", "--dept", "人力资源社会保障部"],
        ["list", "--dept", "中科院", "-f", "json"],
        ["show", "macro-policy"],
        ["stats"],
    ],
    "table": [
        ["list", "--dept", "省发展改革委"],
        ["due"],
        ["show", "special-cleanup"],
        ["stats"],
    ],
    "grouped": [
        ["list", "--dept", "人社部"],
        ["list", "--dept", "财政部", "--role", "lead"],
        ["due", "--include-ongoing"],
        ["show", "talent-evaluation"],
        ["stats"],
    ],
    "continuous": [
        ["list"],
        ["list", "--grep", "全国", "-f", "json"],
        ["due", "--include-ongoing"],
        ["show", "gov-cloud"],
        ["stats", "--by", "month"],
    ],
}


def test_every_shape_is_queried() -> None:
    assert sorted(QUERIES) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_validates(run_cli, golden, name: str) -> None:
    result = run_cli("validate", "--plan", str(SHAPES / name))
    assert result.exit_code == 0, result.stdout
    golden(GOLDEN / name / "validate.txt", result.stdout.replace(str(SHAPES), "shapes"))


@pytest.mark.parametrize("name", NAMES)
def test_renders_its_source_text(run_cli, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out.txt"
    result = run_cli("render", str(out), "--plan", str(SHAPES / name))
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == (SHAPES / name / "source.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_renders_its_source_text_as_docx(run_cli, tmp_path: Path, name: str) -> None:
    out = tmp_path / "out.docx"
    result = run_cli("render", str(out), "--plan", str(SHAPES / name))
    assert result.exit_code == 0, result.stderr
    assert docx_lines(out) == [line for line in (SHAPES / name / "source.txt").read_text(encoding="utf-8").splitlines() if line]


def docx_lines(path: Path) -> list[str]:
    """The document's text in body order: a paragraph's lines; a table's rows, cells tab-separated."""
    doc = Document(str(path))
    lines: list[str] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            lines += [line for line in Paragraph(child, doc).text.split("\n") if line.strip()]
        elif child.tag == qn("w:tbl"):
            lines += ["\t".join(c.text for c in row.cells).rstrip("\t") for row in Table(child, doc).rows]
    return lines


@pytest.mark.parametrize(("name", "args"), [(n, a) for n in NAMES for a in QUERIES[n]],
                         ids=[f"{n}-{'-'.join(a)}" for n in NAMES for a in QUERIES[n]])
def test_queries(run_cli, golden, name: str, args: list[str]) -> None:
    result = run_cli(*args, "--plan", str(SHAPES / name))
    assert result.exit_code == 0, result.stderr
    slug = "-".join(a.lstrip("-") for a in args)
    golden(GOLDEN / name / f"{slug}.txt", result.stdout + (f"--- stderr\n{result.stderr}" if result.stderr else ""))


def test_a_department_is_found_by_role_whatever_the_words(run_cli) -> None:
    """`--dept 人力资源社会保障部` on a 国发-style plan finds what it leads and assists, first-listed leading."""
    out = run_cli("list", "--plan", str(SHAPES / "guowuyuan"), "--dept", "人力资源社会保障部", "-f", "json").stdout
    roles = {r["编号"]: r["角色"] for r in json.loads(out)}
    assert roles == {
        "impact-assessment": "配合",  # （国家发展改革委牵头，人力资源社会保障部、财政部配合）
        "small-business": "牵头",  # （人力资源社会保障部、财政部、人民银行负责）: listed first
        "monitoring": "牵头",  # （人力资源社会保障部会同有关部门负责）
        "industry-education": "配合",
        "technical-schools": "牵头",
    }


def test_schema_describes_the_plans_own_keys(run_cli) -> None:
    result = run_cli("schema", "--kind", "section", "--plan", str(SHAPES / "continuous"))
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    task = schema["$defs"]["Task"]["properties"]
    assert {"牵头单位", "协办单位", "适用范围", "时间节点", "具体举措"} <= set(task)
    assert "牵头部门" not in task and "时间期限" not in task
    assert "标题" in schema["properties"]


DEPTS = {"guowuyuan": "人社部", "toplevel": "省发展改革委", "continuous": "国务院办公厅", "grouped": "财政部",
         "guofa": "财政部", "table": "省发展改革委"}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("template", ["dept", "ledger"])
def test_dept_and_ledger_templates_speak_the_plans_words(run_cli, golden, tmp_path: Path, name: str, template: str) -> None:
    out = tmp_path / "out.txt"
    dept = ["--dept", DEPTS[name]] if template == "dept" else []  # ledger is the whole plan's: --dept is an error
    result = run_cli("render", str(out), "--plan", str(SHAPES / name), "-t", template, *dept)
    assert result.exit_code == 0, result.stderr
    golden(GOLDEN / name / f"render-{template}.txt", out.read_text(encoding="utf-8"))


def test_attachment_note_as_written(run_cli, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(SHAPES / "toplevel", tmp_path / "p")
    plan = tmp_path / "p" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("署名:", "附件说明: 附件：分工方案（共3项）\n署名:"), encoding="utf-8")
    out = tmp_path / "out.txt"
    assert run_cli("render", str(out), "--plan", str(tmp_path / "p")).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "附件：分工方案（共3项）" in lines and "附件：2022年重点工作任务分工方案" not in lines


def test_a_notice_without_attachment_carries_the_plan_in_its_body(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert run_cli("render", str(out), "--plan", str(SHAPES / "guofa")).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "附件" not in lines and not any(line.startswith("附件：") for line in lines)
    assert lines.index("一、着力稳定宏观经济大盘") < lines.index("国务院") < lines.index("2022年3月19日")


@pytest.mark.parametrize(("name", "present", "absent"), [
    ("guowuyuan", {"标题", "前言", "部分", "标签", "结构"}, {"发文机关", "附件"}),
    ("guofa", {"发文机关", "部分", "附件"}, set()),
])
def test_plan_schema_follows_the_plan_yaml_form(run_cli, name: str, present: set[str], absent: set[str]) -> None:
    schema = json.loads(run_cli("schema", "--kind", "plan", "--plan", str(SHAPES / name)).stdout)
    assert present <= set(schema["properties"]) and not absent & set(schema["properties"])


@pytest.mark.parametrize("name", ["guowuyuan", "toplevel", "continuous"])
def test_what_the_importer_writes_is_canonical(run_cli, tmp_path: Path, name: str) -> None:
    out = tmp_path / "plan"
    assert run_cli("import", str(SHAPES / name / "source.txt"), "--out", str(out)).exit_code == 0
    result = run_cli("fmt", "--check", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
