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
