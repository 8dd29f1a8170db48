"""`casplan render X.docx` with the plan, dept and ledger templates, and the 版记 of a plan that has one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "plan"
IMPRINT = ROOT / "tests" / "data" / "imprint"
FONTS = ROOT / "tests" / "render" / "fonts.conf"


def render(run_cli, tmp_path: Path, name: str, *args: str, plan: Path = PLAN) -> Path:
    out = tmp_path / name
    result = run_cli("render", str(out), "--plan", str(plan), *args)
    assert result.exit_code == 0, result.stderr
    return out


def texts(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def test_ledger_is_landscape_with_a_row_per_task_and_sub_item(run_cli, tmp_path: Path) -> None:
    doc = Document(str(render(run_cli, tmp_path, "ledger.docx", "--template", "ledger")))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    (table,) = doc.tables
    header = [c.text for c in table.rows[0].cells]
    assert header == ["序号", "任务", "牵头院领导", "配合院领导", "牵头部门", "协助部门", "时间期限", "截止日期"]
    header_row = table.rows[0]._tr.trPr
    assert header_row.find(qn("w:tblHeader")) is not None and header_row.find(qn("w:tblHeader")).get(qn("w:val")) is None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in table.rows)  # rows never split
    assert len(table.rows) == 1 + 47  # 40 tasks and 7 sub-items
    row = [c.text for c in table.rows[2].cells]
    assert row[0] == "2" and row[1].startswith("制定《中共中科院党组") and row[7] == "2021-09-30"
    staffing = next(r for r in table.rows if r.cells[1].text.startswith("（子项）创新编制管理"))
    assert [c.text for c in staffing.cells][2:] == [
        "周琪", "汪克强", "人事局、\n条件保障与财务局", "发展规划局", "2022年年底前完成。", "2022-12-31"]


def test_dept_lists_what_the_department_leads_and_assists(run_cli, tmp_path: Path) -> None:
    lines = texts(render(run_cli, tmp_path, "人事局.docx", "--template", "dept", "--dept", "人事局"))
    listed = json.loads(run_cli("list", "--plan", str(PLAN), "--dept", "人事局", "--format", "json").stdout)
    titles = [line for line in lines if line.startswith("（")]
    expected = [r.get("标题") or r["内容"] for r in listed if r["角色"] == "牵头"]
    expected += [r.get("标题") or r["内容"] for r in listed if r["角色"] == "协助"]
    assert [t.split("）", 1)[1] for t in titles] == expected
    assert lines[0] == "人事局牵头和协助的重点工作"
    assert "人事局牵头8项、协助5项工作" in lines[1]
    assert lines.index("一、牵头的工作") < lines.index("二、协助的工作")


def test_dept_without_dept_names_the_template_line(run_cli, tmp_path: Path) -> None:
    result = run_cli("render", str(tmp_path / "x.docx"), "--plan", str(PLAN), "--template", "dept")
    assert result.exit_code == 1
    assert result.stderr.endswith("dept.j2:5:1: error[template-error] 模板错误：dept 模板需要 --dept 部门名称\n")
    assert not (tmp_path / "x.docx").exists()


def test_plan_template_is_the_attachment_alone(run_cli, tmp_path: Path) -> None:
    lines = texts(render(run_cli, tmp_path, "plan.docx", "--template", "plan"))
    assert lines[0] == "中共中国科学院党组贯彻落实习近平总书记\n在两院院士大会上重要讲话和大会精神\n重点工作分工方案"
    assert "中共中国科学院党组文件" not in lines and "附件" not in lines
    assert lines[2] == "一、组织部署全院学习贯彻大会精神的相关工作"


def test_imprint_text_and_rules(run_cli, tmp_path: Path) -> None:
    from docx.table import Table

    doc = Document(str(render(run_cli, tmp_path, "imp.docx", plan=IMPRINT)))
    # The 版记 table sits in a text box anchored to the 版心's bottom edge, in a section of its own.
    (tbl,) = doc.element.body.findall(".//" + qn("w:txbxContent") + "/" + qn("w:tbl"))
    table = Table(tbl, doc)
    assert doc.sections[-1].start_type == WD_SECTION.EVEN_PAGE
    assert [r.cells[0].text for r in table.rows] == ["抄送：中央和国家机关工委，科技部。", "中国科学院办公厅\t2021年9月30日印发"]
    sizes = [r.cells[0]._tc.tcPr.find(qn("w:tcBorders")) for r in table.rows]
    assert [b.find(qn("w:top")).get(qn("w:sz")) for b in sizes] == ["8", "6"]
    assert sizes[-1].find(qn("w:bottom")).get(qn("w:sz")) == "8"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_imprint_sits_at_the_foot_of_an_even_last_page(run_cli, tmp_path: Path) -> None:
    import pdfplumber

    docx = render(run_cli, tmp_path, "imp.docx", plan=IMPRINT)
    env = {**os.environ, **({"FONTCONFIG_FILE": str(FONTS)} if FONTS.exists() else {})}
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
         'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
         "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, env=env, timeout=120,
    )
    with pdfplumber.open(tmp_path / "imp.pdf") as pdf:
        last = pdf.pages[-1]
        assert len(pdf.pages) % 2 == 0
        rules = sorted(e["top"] * 25.4 / 72 for e in last.edges if e["orientation"] == "h" and e["width"] > 400)
        words = last.extract_text()
    assert len(rules) == 3
    assert rules[-1] == pytest.approx(262, abs=1.0)  # the 版心's bottom edge
    assert all(b - a == pytest.approx(10.4, abs=0.3) for a, b in zip(rules, rules[1:]))  # a grid line and its border
    assert "抄送" in words and "印发" in words


def test_document_properties_come_from_the_plan(run_cli, tmp_path: Path) -> None:
    """Title (the document's title on one line), author = 发文机关, dates from 成文日期; no thumbnail, no
    python-docx default left."""
    import datetime as dt
    import zipfile

    out = render(run_cli, tmp_path, "notice.docx", plan=IMPRINT)
    props = Document(str(out)).core_properties
    assert props.title == "中共中国科学院党组关于印发《重点工作分工方案》的通知"
    assert (props.author, props.last_modified_by) == ("中共中国科学院党组", "中共中国科学院党组")
    assert props.created == props.modified == dt.datetime(2021, 9, 28, 9, 0, tzinfo=dt.timezone.utc)
    assert (props.comments, props.subject, props.keywords, props.revision) == ("", "", "", 1)
    names = zipfile.ZipFile(out).namelist()
    assert [n for n in names if "thumbnail" in n] == []
    core = zipfile.ZipFile(out).read("docProps/core.xml").decode()
    assert "python-docx" not in core and "2013" not in core
    plan_doc = Document(str(render(run_cli, tmp_path, "plan.docx", "--template", "plan", plan=IMPRINT)))
    assert plan_doc.core_properties.title == "重点工作分工方案"  # the plan alone: the attachment's title


def test_dept_points_to_each_items_place_and_prints_dates_in_chinese(run_cli, tmp_path: Path) -> None:
    import re

    lines = [line for line in render(run_cli, tmp_path, "人事局.txt", "--template", "dept", "--dept", "人事局")
             .read_text(encoding="utf-8").splitlines() if line]
    titles = [i for i, line in enumerate(lines) if re.match(r"^（[一二三四五六七八九十]+）", line)]
    places = [lines[i + 1] for i in titles]
    numeral = "[一二三四五六七八九十]+"
    assert all(re.fullmatch(rf"位置：{numeral}、(（{numeral}）)?(（\d+）)?", p) for p in places), places
    assert places[0] == "位置：九、（一）"  # special-research-posts, the first task of part 九
    dates = [line for line in lines if line.startswith("截止日期：")]
    assert dates and all(re.fullmatch(r"截止日期：\d{4}年\d{1,2}月\d{1,2}日(；\d{4}年\d{1,2}月\d{1,2}日)*", d)
                         for d in dates), dates
