"""The GB/T 9704 rules measured on many real-text variants, under two font setups.

The variants are the embedded plan cut to its first 1 … 15 parts, each with and without
a 版记 (抄送, 印发机关, 印发日期); every other cut has its 正文 reworded with digits, Latin
letters and quotation marks (as a second paragraph on some), every third cut has a
发文字号. Each is measured by `render --check`'s own check (`casplan.render.check_pdf`):
the 22×28 grid, the 版心, 标志, red rule, ★, title, page numbers, 附件, the 版记 on the
bottom edge of an even last page after at most one blank unnumbered page, the 署名's page
with 正文 — and its .docx paragraphs must be the .txt render's lines, none split.

The font setups: the project's map of the licensed family names to the stand-ins
(fonts.conf), and none (whatever fontconfig picks on this machine; the cuts with a 版记).
For CI's time every setup is fitted in two LibreOffice runs and converted in a third.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from casplan.blocks import Block
from casplan.commands import render as command
from casplan.plan import open_plan
from casplan.render import check_pdf, fit
from casplan.render.pdf import convert
from casplan.render.text import write_text

ROOT = Path(__file__).resolve().parents[2]
FONTS_CONF = Path(__file__).with_name("fonts.conf")
CUTS = range(1, 16)
REWORDED = ("为贯彻落实2021年5月28日两院院士大会精神，院党组制定了《重点工作分工方案》（以下简称“方案”），"
            "请结合“十四五”规划和CAS 2035战略、PI制改革试点等工作，于2021年12月31日前将落实情况报送院办公厅。")

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


@dataclass(frozen=True)
class Variant:
    cut: int
    imprint: bool

    @property
    def name(self) -> str:
        return f"cut{self.cut:02d}" + ("-imprint" if self.imprint else "")

    @property
    def reworded(self) -> int:
        """0: the plan's 正文; 1: reworded; 2: the plan's and the reworded as a second paragraph."""
        return 0 if self.cut % 2 else (1 if self.cut % 4 else 2)

    @property
    def numbered(self) -> bool:
        return self.cut % 3 == 0


VARIANTS = [Variant(cut, imprint) for cut in CUTS for imprint in (False, True)]


def _plan(tmp: Path, v: Variant) -> Path:
    plan = tmp / v.name
    shutil.copytree(ROOT / "plan", plan)
    yaml = plan / "plan.yaml"
    lines = yaml.read_text(encoding="utf-8").splitlines()
    parts = [i for i, line in enumerate(lines) if line.startswith("    - ") and line.endswith(".yaml")]
    assert len(parts) == 15
    for i in parts[v.cut:]:
        (plan / "sections" / lines[i].removeprefix("    - ")).unlink()
    lines = [line for i, line in enumerate(lines) if i not in parts[v.cut:]]
    body = next(i for i, line in enumerate(lines) if line == "正文:") + 1
    if v.reworded == 1:
        lines[body] = f"  - {REWORDED}"
    elif v.reworded == 2:
        lines.insert(body + 1, f"  - {REWORDED}")
    extra = []
    if v.numbered:
        extra.append("发文字号: 科发党字〔2021〕7号")
    if v.imprint:
        extra += ["抄送: [中央和国家机关工委, 科技部, 教育部, 国家自然科学基金委员会]", "印发机关: 中国科学院办公厅",
                  "印发日期: 2021-09-30"]
    at = lines.index("党的机关: true") + 1
    lines[at:at] = extra
    yaml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return plan


@dataclass
class Made:
    blocks: list[Block]
    docx: Path
    pdf: Path


def _make(tmp: Path, fonts: str, variants: list[Variant], monkeypatch: pytest.MonkeyPatch) -> dict[str, Made]:
    if fonts == "map":
        monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS_CONF))
    else:
        monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    jobs, names = [], []
    for v in variants:
        plan = open_plan(_plan(tmp, v))
        blocks = command.document_blocks(plan, "notice", None, None)
        jobs.append((blocks, command.docx_options(plan, blocks)))
        names.append(v.name)
    datas = fit.fit_all(jobs)  # two LibreOffice runs for all the variants
    out = tmp / "out"
    out.mkdir()
    paths = []
    for name, data in zip(names, datas):
        path = out / f"{name}.docx"
        path.write_bytes(data)
        paths.append(path)
    pdfs = convert(paths, out)  # one more
    return {name: Made(job[0], path, pdf) for name, job, path, pdf in zip(names, jobs, paths, pdfs)}


# The map: every variant. No map: the cuts with a 版记 (the Done-when of issue 10), to keep CI's time.
CASES = [("map", v) for v in VARIANTS] + [("none", v) for v in VARIANTS if v.imprint]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], dict[str, Made]]:
    """`made(fonts)`: every variant of that font setup fitted, written and converted (once per module)."""
    cache: dict[str, dict[str, Made]] = {}

    def get(fonts: str) -> dict[str, Made]:
        if fonts not in cache:
            with pytest.MonkeyPatch.context() as monkeypatch:
                wanted = [v for f, v in CASES if f == fonts]
                cache[fonts] = _make(tmp_path_factory.mktemp(f"variants-{fonts}"), fonts, wanted, monkeypatch)
        return cache[fonts]

    return get


def _id(case: tuple[str, Variant]) -> str:
    return f"{case[0]}-{case[1].name}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_every_measurement_holds(made: Callable[[str], dict[str, Made]], case: tuple[str, Variant]) -> None:
    m = made(case[0])[case[1].name]
    found = check_pdf.check(m.pdf, check_pdf.Expect.from_blocks(m.blocks, party_organ=True))
    assert [f"第{v.page}页 {v.message}" for v in found] == []


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_docx_paragraphs_are_the_text_lines(made: Callable[[str], dict[str, Made]], case: tuple[str, Variant]) -> None:
    """No paragraph split, ever: the .docx's paragraphs (the 版记's in its text box included) carry the .txt
    render's lines, in order."""
    import docx
    from docx.oxml.ns import qn

    m = made(case[0])[case[1].name]
    text_lines = [line for line in write_text(m.blocks).splitlines() if line]
    body = docx.Document(io.BytesIO(m.docx.read_bytes())).element.body
    fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    paragraphs = []
    for p in body.iter(qn("w:p")):
        if any(a.tag == fallback for a in p.iterancestors()):
            continue
        if p.find(".//" + qn("w:txbxContent")) is not None:
            continue  # the 版记's anchor: its text box's paragraphs come next
        parts = [child for r in p.findall(qn("w:r")) for child in r]
        text = "".join(c.text or "" if c.tag == qn("w:t") else "\t" if c.tag == qn("w:tab") else "\n"
                       for c in parts if c.tag in (qn("w:t"), qn("w:tab"), qn("w:br")))
        if text.strip():
            paragraphs.append(text)
    assert [line for text in paragraphs for line in text.split("\n")] == text_lines
