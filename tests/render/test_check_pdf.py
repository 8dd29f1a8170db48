"""`render --check` on real documents, and the OOXML validator over every template's .docx."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "tests" / "render" / "fonts.conf"
soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


@soffice
@pytest.mark.parametrize("fonts", ["map", "none"])
def test_imprint_plan_passes_the_check_under_both_font_setups(run_cli, tmp_path: Path, monkeypatch, fonts) -> None:
    if fonts == "map":
        monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS))
    else:
        monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    result = run_cli("render", str(tmp_path / "imp.docx"), "--plan", str(ROOT / "tests" / "data" / "imprint"),
                     "--check")
    assert (result.exit_code, result.stderr) == (0, "")


@soffice
def test_check_reports_a_violation_with_its_page(run_cli, tmp_path: Path, monkeypatch) -> None:
    from dataclasses import replace

    from casplan.render import check_pdf, layout

    # The check's target moved to 25 mm; the file keeps 35 mm.
    monkeypatch.setattr(check_pdf.check, "__defaults__", (replace(layout.GBT9704, masthead_top_mm=25.0),))
    monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS))
    result = run_cli("render", str(tmp_path / "imp.pdf"), "--plan", str(ROOT / "tests" / "data" / "imprint"),
                     "--check")
    assert result.exit_code == 1
    assert "imp.pdf!第1页: error[layout] 发文机关标志上边缘在版心下" in result.stderr


@pytest.mark.parametrize("args", [["--template", "notice"], ["--template", "plan"],
                                  ["--template", "dept", "--dept", "人事局"], ["--template", "ledger"]])
def test_ooxml_validator_finds_nothing(run_cli, tmp_path: Path, args: list[str]) -> None:
    from openxml_audit import OpenXmlValidator

    out = tmp_path / "x.docx"
    result = run_cli("render", str(out), "--plan", str(ROOT / "plan"), *args)
    assert result.exit_code == 0, result.stderr
    found = OpenXmlValidator().validate(out)
    assert [str(e) for e in found.errors] == []


def _page(number: int, *texts: str) -> "check_pdf.Page":
    from casplan.render import check_pdf

    lines = [check_pdf.Line(t, [], 100.0 + 29 * i, 40.0 + 10 * i, 45.0 + 10 * i, 28.0, 184.0, 16.0)
             for i, t in enumerate(texts)]
    return check_pdf.Page(number, 210.0, 297.0, lines, [], [], None)


def test_a_title_quoted_in_the_attachment_note_is_not_body_text() -> None:
    """The 正文 quotes the attachment's title; on the 署名's page only the 附件说明 repeats it: no 正文 there."""
    from casplan.blocks import Block, Role
    from casplan.render import check_pdf

    blocks = [Block(Role.RECIPIENTS, "各单位："), Block(Role.BODY, "现将《重点工作\n分工方案》印发给你们。"),
              Block(Role.ATTACHMENT_NOTE, "附件：重点工作分工方案"), Block(Role.SIGNATURE, "某机关"),
              Block(Role.DATE, "2021年9月28日")]
    paragraphs = check_pdf.opening(blocks)
    assert paragraphs[1] == (Role.BODY, "现将《重点工作分工方案》印发给你们。")
    alone = [_page(1, "各单位：", "现将《重点工作分工", "方案》印发给你们。"),
             _page(2, "附件：重点工作", "分工方案", "某机关", "2021年9月28日")]
    assert check_pdf.signature_page(alone, paragraphs, 262.0) == (2, 0)
    placed = check_pdf.align(alone, paragraphs, 262.0)
    assert [(role.value, page, line.text) for role, _, page, line in placed] == [
        ("主送机关", 1, "各单位："), ("正文", 1, "现将《重点工作分工"), ("正文", 1, "方案》印发给你们。"),
        ("附件说明", 2, "附件：重点工作"), ("附件说明", 2, "分工方案"), ("署名", 2, "某机关"),
        ("成文日期", 2, "2021年9月28日")]
    carried = [_page(1, "各单位：", "现将《重点工作分工"), _page(2, "方案》印发给你们。", "附件：重点工作", "分工方案", "某机关",
                                                   "2021年9月28日")]
    assert check_pdf.signature_page(carried, paragraphs, 262.0) == (2, 1)
    expect = check_pdf.Expect.from_blocks(blocks, party_organ=False)
    assert [str(v.message) for v in check_pdf._closing(alone, expect, 262.0)] == ["署名所在页没有正文（7.3.5.5）"]
    assert check_pdf._closing(carried, expect, 262.0) == []


def test_a_line_the_paragraphs_do_not_hold_is_passed_over() -> None:
    from casplan.blocks import Block, Role
    from casplan.render import check_pdf

    blocks = [Block(Role.BODY, "甲乙丙丁"), Block(Role.SIGNATURE, "某机关"), Block(Role.DATE, "2021年9月28日")]
    pages = [_page(1, "甲乙", "（印章）", "丙丁", "某机关", "2021年9月28日")]
    placed = check_pdf.align(pages, check_pdf.opening(blocks), 262.0)
    assert [line.text for _, _, _, line in placed] == ["甲乙", "丙丁", "某机关", "2021年9月28日"]
