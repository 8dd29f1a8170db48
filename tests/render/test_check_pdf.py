"""`render --check` on real documents, and the OOXML validator over every template's .docx."""

import shutil
from typing import TYPE_CHECKING
from pathlib import Path

import pytest

from casplan.blocks import Role

if TYPE_CHECKING:
    from casplan.blocks import Block
    from casplan.render import check_pdf

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


# ------------------------------------------------------------ pages of other shapes, without LibreOffice
#
# A page is its text lines and its ink, as the check reads them from a PDF: `_paper` lays lines out on the
# GB/T 9704 grid (the 发文机关标志 35 mm under the 版心's top, the 字号 4 mm above the red rule, the title's ink
# in the third line under it, the 正文 on the grid, the page number's dash 7 mm under the 版心) and paints each
# line's box, red or dark, on a page image at the check's resolution. Where the title's and the 正文's lines
# break is given line by line, as a layout engine would have broken them.

TOP, LEFT, RIGHT, BOTTOM = 37.0, 28.0, 184.0, 262.0
ZI = 14 / (72 / 25.4)  # one 4号 字, mm
PITCH = 579 / 20 / (72 / 25.4)  # one grid line, mm
RULE_Y = 108.5


class _Image:
    def __init__(self, boxes: list[tuple[str, tuple[float, float, float, float]]]) -> None:
        from PIL import Image, ImageDraw

        from casplan.render.check_pdf import PX_PER_MM

        self.original = Image.new("RGB", (round(210 * PX_PER_MM), round(297 * PX_PER_MM)), "white")
        draw = ImageDraw.Draw(self.original)
        for kind, (x0, y0, x1, y1) in boxes:
            draw.rectangle([round(v * PX_PER_MM) for v in (x0, y0, x1, y1)],
                           fill=(230, 0, 0) if kind == "red" else (0, 0, 0))


class _Plumber:
    """What the check asks of a pdfplumber page for its ink: the page as an image."""

    def __init__(self, boxes: list[tuple[str, tuple[float, float, float, float]]]) -> None:
        self.boxes = boxes

    def to_image(self, resolution: int) -> _Image:
        return _Image(self.boxes)


def _line(text: str, top: float, size: float, x0: float = LEFT) -> "check_pdf.Line":
    from casplan.render import check_pdf

    em = size / (72 / 25.4)
    width = em * len(text)
    if x0 < 0:  # centred
        x0 = (LEFT + RIGHT) / 2 - width / 2
    chars = [{"text": ch, "x0": (x0 + em * i) * 72 / 25.4, "x1": (x0 + em * (i + 1)) * 72 / 25.4} for i, ch in
             enumerate(text)]
    return check_pdf.Line(text, chars, (top + em) * 72 / 25.4, top, top + em * 0.9, x0, x0 + width, size)


def _paper(number: int, lines: list["check_pdf.Line"], masthead: bool = False) -> "check_pdf.Page":
    """Page `number` holding `lines` and its page number, painted; page 1 with the 版头's red rule."""
    from casplan.render import check_pdf

    foot = f"—{number}—"
    x0 = RIGHT - ZI - 3 * ZI if number % 2 else LEFT + ZI
    feet = _line(foot, BOTTOM + 4.5, 14.0, x0)
    boxes: list[tuple[str, tuple[float, float, float, float]]] = [
        ("red" if masthead and i == 0 else "dark", (ln.x0, ln.top, ln.x1, ln.bottom)) for i, ln in enumerate(lines)]
    boxes.append(("dark", (feet.x0, BOTTOM + 6.8, feet.x0 + ZI, BOTTOM + 7.2)))  # the dash's ink
    strokes = [{"top": RULE_Y - 0.15, "bottom": RULE_Y + 0.15, "x0": LEFT, "x1": RIGHT, "stroke": (1, 0, 0),
                "fill": None, "filled": False}] if masthead else []
    return check_pdf.Page(number, 210.0, 297.0, [*lines, feet], strokes, [], _Plumber(boxes))


def _notice(title: list[str], body: list[list[str]], first_page_rows: int = 22) -> list["check_pdf.Page"]:
    """A notice laid out: the 版头, the title's lines (as the engine broke them), the 主送机关, the 正文's
    paragraphs (each as its lines), the 署名 and 成文日期; lines past `first_page_rows` go on to page 2."""
    head = [_line("某某机关文件", TOP + 35, 36.0, -1), _line("某发〔2023〕1号", RULE_Y - 4 - 16 * 0.9 / (72 / 25.4),
                                                              16.0, -1)]
    t0 = RULE_Y + 2.5 * PITCH
    titled = [_line(text, t0 + i * PITCH, 22.0, -1) for i, text in enumerate(title)]
    rows = ["各单位："] + [text for paragraph in body for text in paragraph] + ["", "", "某某机关", "2023年3月15日"]
    start = t0 + (len(title) + 1) * PITCH
    pages: list[list["check_pdf.Line"]] = [[], []]
    row = page = 0
    for text in rows:
        if page == 0 and (start + row * PITCH > BOTTOM - PITCH or row >= first_page_rows):
            page, row, start = 1, 0, TOP
        if text:
            x0 = -1.0 if text == "某某机关" else RIGHT - 4 * 16 / (72 / 25.4) - 16 * len(text) / (72 / 25.4) \
                if text.startswith("2023年") else LEFT
            pages[page].append(_line(text, start + row * PITCH, 16.0, x0))
        row += 1
    out = [_paper(1, head + titled + pages[0], masthead=True)]
    if pages[1]:
        out.append(_paper(2, pages[1]))
    return out


def _blocks(title: str, body: list[list[str]]) -> list["Block"]:
    from casplan.blocks import Block, Role

    return [Block(Role.MASTHEAD, "某某机关文件"), Block(Role.DOC_NUMBER, "某发〔2023〕1号"), Block(Role.TITLE, title),
            Block(Role.RECIPIENTS, "各单位："), *(Block(Role.BODY, "".join(p)) for p in body),
            Block(Role.SIGNATURE, "某某机关"), Block(Role.DATE, "2023年3月15日")]


BODY = [["现将方案印发给你们，请认真贯彻落实。"]]
LONG = ("某某市人民政府办公室关于印发某某市2023年推动数字经济高质量发展和优化营商环境重点任务分工方案的通知",
        ["某某市人民政府办公室关于印发", "某某市2023年推动数字经济高质量发展和", "优化营商环境重点任务分工方案的通知"])


@pytest.mark.parametrize(("title", "lines"), [
    ("某某局关于开展调研的通知", ["某某局关于开展调研的通知"]),  # one line
    ("合成机关党组关于印发重点工作分工方案的通知", ["合成机关党组关于印发", "重点工作分工方案的通知"]),  # broken in two
    LONG,  # one line in the plan, three on the page
    ("某某省人民政府办公厅关于印发某某省数字政府建设\n重点任务分工方案的通知",  # a plan's line broken once more
     ["某某省人民政府办公厅关于印发", "某某省数字政府建设", "重点任务分工方案的通知"]),
    ("关于 2023 年数字经济发展的通知", ["关于2023年数字经济发展的通知"]),  # the plan's spaces: no glyphs
])
def test_the_title_is_found_however_the_engine_broke_it(title: str, lines: list[str]) -> None:
    from casplan.render import check_pdf
    from casplan.render.layout import GBT9704

    expect = check_pdf.Expect.from_blocks(_blocks(title, BODY), party_organ=False)
    assert check_pdf._check(_notice(lines, [["现将方案印发给你们，请认真贯彻落实。"]]), expect, GBT9704) == []


def test_a_full_first_page_with_a_long_title_passes() -> None:
    """Page 1 full of 正文 under a three-line title; the last paragraph runs on to the 署名's page."""
    from casplan.render import check_pdf
    from casplan.render.layout import GBT9704

    body = [["为做好重点任务分工工作，现就有关事项通知如", "下。各单位要高度重视，切实加强组织领导。"],
            ["各牵头单位要会同配合单位制定具体工作方案，", "建立工作台账，明确时间表、路线图和责任人，", "定期调度工作进展，及时协调解决工作中遇到的",
             "困难和问题。配合单位要按照职责分工，主动做", "好衔接配合，形成工作合力。市政府办公室将会", "同有关部门加强督促检查，对工作推进不力、进",
             "展缓慢的单位予以通报。"]]
    pages = _notice(LONG[1], body)
    assert [ln.text for ln in pages[1].lines][:2] == ["同有关部门加强督促检查，对工作推进不力、进", "展缓慢的单位予以通报。"]
    expect = check_pdf.Expect.from_blocks(_blocks(LONG[0], body), party_organ=False)
    assert check_pdf._check(pages, expect, GBT9704) == []


def test_a_title_not_on_the_first_page_or_off_its_place_is_reported() -> None:
    from casplan.render import check_pdf
    from casplan.render.layout import GBT9704

    expect = check_pdf.Expect.from_blocks(_blocks(LONG[0], BODY), party_organ=False)
    other = _notice(["某某市人民政府办公室关于另一件事的通知"], [["现将方案印发给你们，请认真贯彻落实。"]])
    assert [v.message for v in check_pdf._check(other, expect, GBT9704)] == ["首页没有标题"]
    high = _notice(LONG[1], BODY)
    title = [ln for ln in high[0].lines if ln.size == 22.0]
    for ln in title:
        ln.top -= PITCH
        ln.bottom -= PITCH
    high[0].plumber.boxes = [("red", (61.0, TOP + 35, 151.0, TOP + 48))] + [
        ("dark", (ln.x0, ln.top, ln.x1, ln.bottom)) for ln in high[0].lines[1:]] + high[0].plumber.boxes[-1:]
    assert [v.message for v in check_pdf._check(high, expect, GBT9704)] == ["标题应在红色分隔线下空二行（1.5 行）"]


def test_a_first_page_without_body_text_is_reported() -> None:
    from casplan.render import check_pdf
    from casplan.render.layout import GBT9704

    body = [["现将方案印发给你们，请认真贯彻落实。"]]
    pages = _notice(LONG[1], body, first_page_rows=1)  # only the 主送机关 on page 1
    expect = check_pdf.Expect.from_blocks(_blocks(LONG[0], body), party_organ=False)
    assert [(v.page, v.message) for v in check_pdf._check(pages, expect, GBT9704)] == [
        (1, "首页没有正文（7.3.3 首页必须显示正文）")]


def _plan_in_the_notice() -> tuple[list["Block"], list["check_pdf.Page"]]:
    """The 国发 shape: no 附件, the plan's parts run on inside the notice; the 署名's page holds only them."""
    from casplan.blocks import Block, Role

    blocks = [Block(Role.RECIPIENTS, "各省、自治区、直辖市人民政府："), Block(Role.BODY, "现就分工提出如下意见。"),
              Block(Role.LEVEL1, "着力稳定宏观经济大盘", 1), Block(Role.LEVEL2, "加大宏观政策实施力度。（财政部负责）", 1),
              Block(Role.FIELD, "完成时限：2022年年底前"), Block(Role.SIGNATURE, "国务院"), Block(Role.DATE, "2022年3月19日")]
    pages = [_page(1, "各省、自治区、直辖市人民政府：", "现就分工提出如下意见。"),
             _page(2, "一、着力稳定宏观经济大盘", "（一）加大宏观政策实施力度。（财政部", "负责）", "完成时限：2022年年底前",
                   "国务院", "2022年3月19日")]
    return blocks, pages


def test_headings_and_tasks_of_a_plan_inside_the_notice_are_body_text() -> None:
    from casplan.render import check_pdf

    blocks, pages = _plan_in_the_notice()
    paragraphs = check_pdf.opening(blocks)
    assert paragraphs[2:5] == ((Role.LEVEL1, "一、着力稳定宏观经济大盘"), (Role.LEVEL2, "（一）加大宏观政策实施力度。（财政部负责）"),
                               (Role.FIELD, "完成时限：2022年年底前"))
    assert check_pdf.signature_page(pages, paragraphs, 262.0) == (2, 4)
    assert check_pdf._closing(pages, check_pdf.Expect.from_blocks(blocks, party_organ=False), 262.0) == []


def test_the_attachment_title_is_found_however_the_engine_broke_it() -> None:
    from casplan.blocks import Block, Role
    from casplan.render import check_pdf

    blocks = [Block(Role.ATTACHMENT_LABEL, "附件"), Block(Role.ATTACHMENT_TITLE, LONG[0][14:])]
    expect = check_pdf.Expect.from_blocks(blocks, party_organ=False)
    lines = [_line("附件", TOP + 1, 16.0), _line("某某市2023年推动数字经济高质量发展和", TOP + 2 * PITCH + 1, 22.0, -1),
             _line("优化营商环境重点任务分工方案", TOP + 3 * PITCH + 1, 22.0, -1)]
    page = check_pdf.Page(3, 210.0, 297.0, lines, [], [], None)
    assert check_pdf._attachment([page], expect, lambda pg: pg.lines, TOP, LEFT, PITCH) == []
    low = check_pdf.Page(3, 210.0, 297.0, [lines[0], *(_line(ln.text, ln.top + PITCH, 22.0, -1) for ln in lines[1:])],
                         [], [], None)
    assert [v.message for v in check_pdf._attachment([low], expect, lambda pg: pg.lines, TOP, LEFT, PITCH)] == [
        "附件标题应在版心第三行"]
    wrong = check_pdf.Page(3, 210.0, 297.0, [lines[0], _line("另一个方案", TOP + 2 * PITCH + 1, 22.0, -1)], [], [], None)
    assert [v.message for v in check_pdf._attachment([wrong], expect, lambda pg: pg.lines, TOP, LEFT, PITCH)] == [
        "附件标题应在版心第三行"]


@soffice
@pytest.mark.parametrize("plan", ["tests/data/longtitle", "tests/data/shapes/guofa"])
def test_plans_of_other_shapes_pass_the_check(run_cli, tmp_path: Path, monkeypatch, plan: str) -> None:
    """A long title of one line that the engine breaks in three, a full first page, an attachment title broken
    by the engine (longtitle); a plan run on inside the notice, its tasks on the 署名's page (guofa)."""
    monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS))
    result = run_cli("render", str(tmp_path / "x.docx"), "--plan", str(ROOT / plan), "--check")
    assert (result.exit_code, result.stderr) == (0, "")
