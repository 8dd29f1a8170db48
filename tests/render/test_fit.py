"""The fit: which adjustments are tried, and that nothing changes without LibreOffice or without need."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from casplan.blocks import Block, Role
from casplan.render import fit
from casplan.render.docx_writer import Adjust, Options, write_docx
from casplan.render.layout import GBT9704

LINE = GBT9704.line_pt  # 28.95 pt
ROOT = Path(__file__).resolve().parents[2]

BLOCKS = [Block(Role.MASTHEAD, "某某机关文件"), Block(Role.TITLE, "关于某事的通知"), Block(Role.RECIPIENTS, "各单位："),
          Block(Role.BODY, "现将方案印发给你们，请认真贯彻落实。"), Block(Role.SIGNATURE, "某某机关"),
          Block(Role.DATE, "2021年9月28日")]


def test_a_body_that_fills_its_page_is_loosened_a_hair_then_spaced() -> None:
    """The embedded plan's case: six lines of 正文 end page 1 exactly, the closing went alone to page 2."""
    measured = fit.Measured(signature_page=2, body_on_signature_page=0, body_on_first_page=6,
                            last_body_lines_before=6, free_lines_before=0)
    assert fit.candidates(measured, GBT9704) == [Adjust(closing_blank_pt=LINE / 2), Adjust(body_pitch_pt=29.45),
                                                  Adjust(body_before_pt=1.0), Adjust(body_before_pt=round(LINE / 2 + 1, 2)),
                                                  Adjust(body_before_pt=29.95)]


def test_a_loosening_past_a_quarter_is_not_tried() -> None:
    measured = fit.Measured(2, 0, 3, last_body_lines_before=3, free_lines_before=2)
    assert fit.candidates(measured, GBT9704) == [Adjust(closing_blank_pt=LINE / 2)] + [
        Adjust(body_before_pt=round(lines * LINE + 1, 2)) for lines in (2, 2.5, 3)]


def test_with_the_body_on_the_page_before_nothing_can_be_loosened() -> None:
    measured = fit.Measured(3, 0, 4, last_body_lines_before=0, free_lines_before=5)
    assert fit.candidates(measured, GBT9704) == [Adjust(closing_blank_pt=LINE / 2)]


def test_measured_is_ok_only_with_body_on_the_signature_page_and_page_one() -> None:
    assert fit.Measured(2, 2, 4, 0, 0).ok
    assert not fit.Measured(2, 0, 6, 6, 0).ok
    assert not fit.Measured(1, 3, 0, 0, 0).ok


def test_only_a_document_with_a_signature_and_body_is_fitted() -> None:
    assert fit.needed(BLOCKS)
    assert not fit.needed([b for b in BLOCKS if b.role is not Role.SIGNATURE])
    assert not fit.needed([b for b in BLOCKS if b.role is not Role.BODY])


def test_without_libreoffice_the_document_is_written_as_laid_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import zipfile

    def body(data: bytes) -> bytes:
        return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")

    monkeypatch.setattr(fit.shutil, "which", lambda name: None)
    assert body(fit.fit(BLOCKS, Options())) == body(write_docx(BLOCKS, Options()))


def test_an_adjustment_changes_only_the_spacing_it_names() -> None:
    from docx import Document
    import io

    def paragraphs(adjust: Adjust) -> list[tuple[str, object, object]]:
        doc = Document(io.BytesIO(write_docx(BLOCKS, Options(adjust=adjust))))
        return [(p.text, p.paragraph_format.line_spacing, p.paragraph_format.space_before) for p in doc.paragraphs]

    plain = paragraphs(Adjust())
    pitched = paragraphs(Adjust(body_pitch_pt=30.0))
    assert [t for t, _, _ in pitched] == [t for t, _, _ in plain]  # no paragraph added, split or moved
    changed = [(a[0], b[1].pt) for a, b in zip(plain, pitched) if a != b]
    assert changed == [("现将方案印发给你们，请认真贯彻落实。", 30.0)]
    blanks = paragraphs(Adjust(closing_blank_pt=14.0))
    assert [(t, s.pt) for (t, s, _), old in zip(blanks, plain) if (t, s, _) != old] == [("", 14.0), ("", 14.0)]


def test_a_failing_libreoffice_leaves_the_document_as_laid_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """`render X.docx` needs no PDF: a LibreOffice that cannot convert does not stop it."""
    import io
    import zipfile

    from casplan.diagnostics import Diagnostic
    from casplan.errors import UserError

    def broken(tmp: object, files: object) -> None:
        raise UserError([Diagnostic.make("x.docx", (0, 0), "render-failed", "LibreOffice 未能生成 PDF：超时")])

    monkeypatch.setattr(fit.shutil, "which", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(fit, "_convert", broken)
    blocks = BLOCKS + [Block(Role.COPY_TO, "抄送：某单位。")]  # a document nobody fitted before in this process
    out = fit.fit(blocks, Options())
    assert zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml") == zipfile.ZipFile(
        io.BytesIO(write_docx(blocks, Options()))).read("word/document.xml")


def test_the_notice_alone_is_measured_without_its_attachment_and_imprint() -> None:
    attachment = [Block(Role.ATTACHMENT_LABEL, "附件"), Block(Role.ATTACHMENT_TITLE, "方案"), Block(Role.BODY, "正文")]
    imprint = [Block(Role.COPY_TO, "抄送：某单位。"), Block(Role.IMPRINT, "某某办公厅\t2021年9月28日印发")]
    assert fit.notice_part(BLOCKS + attachment + imprint) == BLOCKS
    assert fit.notice_part(BLOCKS + imprint) == BLOCKS
    # an 附件 label before the closing (a template of another shape) does not cut the notice
    early = [Block(Role.ATTACHMENT_LABEL, "附件")] + BLOCKS
    assert fit.notice_part(early + attachment) == early
    assert fit.notice_part(attachment) == attachment  # no closing: nothing to cut


def test_the_measured_blocks_are_the_whole_document_when_it_has_an_imprint() -> None:
    """The 版记's blank page depends on the whole document's page count: its key is the whole document."""
    attachment = [Block(Role.ATTACHMENT_LABEL, "附件"), Block(Role.BODY, "正文")]
    imprint = [Block(Role.COPY_TO, "抄送：某单位。")]
    assert fit._measured(BLOCKS + attachment) == BLOCKS
    assert fit._measured(BLOCKS + attachment + imprint) == BLOCKS + attachment + imprint


@pytest.mark.skipif(fit.shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("plan", ["plan", "tests/data/imprint", "tests/data/shapes/toplevel"])
def test_the_notice_is_laid_out_alike_with_and_without_what_follows_it(plan: str, tmp_path: Path) -> None:
    """What makes measuring the notice alone right: LibreOffice places its lines as in the whole document."""
    from casplan.commands.render import docx_options, document_blocks
    from casplan.plan import open_plan
    from casplan.render.check_pdf import opening

    opened = open_plan(ROOT / plan)
    blocks = document_blocks(opened, "notice", None, None)
    part = fit.notice_part(blocks)
    assert len(part) < len(blocks)
    options = docx_options(opened, blocks)
    pdfs = fit._convert(tmp_path, {"whole": write_docx(blocks, options), "notice": write_docx(part, options)})
    whole, alone = (fit.measure(pdfs[name], opening(blocks)) for name in ("whole", "notice"))
    assert whole is not None and alone is not None
    assert replace(alone, pages=0) == replace(whole, pages=0)
    assert alone.pages < whole.pages


def test_tasks_of_a_plan_inside_the_notice_are_body_text_on_the_signature_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 国发 shape (no 附件, the plan runs on inside the notice): its headings and tasks on the 署名's page
    are 正文 there; no adjustment is needed (it used to try five in a second LibreOffice run)."""
    from contextlib import contextmanager

    from casplan.render import check_pdf

    blocks = [Block(Role.RECIPIENTS, "各省人民政府："), Block(Role.BODY, "现就分工提出如下意见。"),
              Block(Role.LEVEL1, "着力稳定宏观经济大盘", 1), Block(Role.LEVEL2, "加大宏观政策实施力度。（财政部负责）", 1),
              Block(Role.SIGNATURE, "国务院"), Block(Role.DATE, "2022年3月19日")]

    def page(number: int, *texts: str) -> check_pdf.Page:
        lines = [check_pdf.Line(t, [], 100.0 + 29 * i, 40.0 + 10 * i, 45.0 + 10 * i, 28.0, 184.0, 16.0)
                 for i, t in enumerate(texts)]
        return check_pdf.Page(number, 210.0, 297.0, lines, [], [], None)

    pages = [page(1, "各省人民政府：", "现就分工提出如下意见。"),
             page(2, "一、着力稳定宏观经济大盘", "（一）加大宏观政策实施力度。（财政部", "负责）", "国务院", "2022年3月19日")]

    @contextmanager
    def opened(path: Path):  # type: ignore[no-untyped-def]
        yield pages

    monkeypatch.setattr(fit, "open_pdf", opened)
    found = fit.measure(Path("x.pdf"), check_pdf.opening(blocks))
    assert found == fit.Measured(2, 3, 1, 1, 20, 2)
    assert found.ok
