"""7.3.5.5 and 7.5 by measurement: render, see where the engine put things, adjust, render again.

The 署名 must not stand on a page without 正文 (7.3.5.5), and the standard's remedy is
“调整行距、字距”. Where the lines fall is the layout engine's business, so nothing here
predicts it: the .docx is converted by LibreOffice, the PDF's lines are matched to the
notice's paragraphs (`check_pdf.align`), and if the 署名's page holds no 正文 a few
adjustments (`docx_writer.Adjust`) are tried, all converted in one LibreOffice run; the
first, in order of preference, whose PDF has 正文 on the 署名's page and on page 1
(7.3.3) is kept. Preferred: tighten the closing's blank lines (the page count stays),
then loosen the last 正文 paragraph's spacing so that widow control carries its last
lines over to the 署名. No paragraph is ever split or moved by hand.

7.5 “公文的版记页前有空白页的，空白页和版记页均不编排页码”: the 版记's section starts on an
even page, so the engine adds a blank page when the text ends on an even one; where the
chosen layout shows that blank page, the 版记 page's footer is left empty too (a footer
does not move a line).

Many documents are fitted together (`fit_all`) in two LibreOffice runs at most. Without
LibreOffice the document is written as laid out (`render --check` needs it anyway); a
result is remembered for the same document and fonts within one process.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from casplan.blocks import Block, Role
from casplan.errors import UserError
from casplan.render.check_pdf import Page, align, open_pdf, opening
from casplan.render.docx_writer import Adjust, Options, write_docx
from casplan.render.layout import GBT9704, PT_PER_MM, Profile

MAX_PITCH_RATIO = 1.25  # a loosened 正文 line at most 1¼ of the grid's
HALF = 0.5  # a tightened blank line: half a grid line

_memo: dict[tuple[tuple[Block, ...], Options, Profile, str], Adjust] = {}


@dataclass(frozen=True)
class Measured:
    """Where the closing landed: the 署名's page, the 正文 lines on it and on page 1, and on the page
    before the 署名's, how many lines of the last 正文 paragraph stand there and how many grid lines
    are left free under them; and whether a blank page stands right before the last page."""

    signature_page: int
    body_on_signature_page: int
    body_on_first_page: int
    last_body_lines_before: int
    free_lines_before: int
    blank_before_last: bool = False

    @property
    def ok(self) -> bool:
        return self.body_on_signature_page > 0 and self.body_on_first_page > 0


def needed(blocks: list[Block]) -> bool:
    roles = {b.role for b in blocks}
    return Role.SIGNATURE in roles and Role.BODY in roles or bool(roles & {Role.COPY_TO, Role.IMPRINT})


def fit(blocks: list[Block], options: Options, profile: Profile = GBT9704) -> bytes:
    """The .docx, with the spacing that makes the 署名's page hold 正文 when LibreOffice shows it does not."""
    return fit_all([(blocks, options)], profile)[0]


def fit_all(jobs: list[tuple[list[Block], Options]], profile: Profile = GBT9704) -> list[bytes]:
    """`fit` for many documents: one LibreOffice run measures them all, one more tries the adjustments."""
    fonts = os.environ.get("FONTCONFIG_FILE", "")
    keys = [(tuple(blocks), options, profile, fonts) for blocks, options in jobs]
    todo = [i for i, (blocks, _) in enumerate(jobs) if needed(blocks) and keys[i] not in _memo]
    if todo and (shutil.which("soffice") or shutil.which("libreoffice")) is not None:
        with tempfile.TemporaryDirectory(prefix="casplan-fit-") as tmp:
            try:
                _fit(jobs, todo, keys, profile, Path(tmp))
            except UserError:
                pass  # LibreOffice failed: the .docx is written as laid out (`render --check` reports the failure)
    return [write_docx(blocks, replace(options, adjust=_memo.get(key, options.adjust)), profile)
            for (blocks, options), key in zip(jobs, keys)]


def _fit(jobs: list[tuple[list[Block], Options]], todo: list[int], keys: list[tuple[tuple[Block, ...], Options,
         Profile, str]], profile: Profile, tmp: Path) -> None:
    pdfs = _convert(tmp, {f"d{i}": write_docx(*jobs[i], profile) for i in todo})
    tries: dict[int, list[Adjust]] = {}
    for i in todo:
        blocks, options = jobs[i]
        first = measure(pdfs[f"d{i}"], opening(blocks), profile)
        if first is None or first.ok:
            _memo[keys[i]] = replace(options.adjust, no_imprint_number=first is not None and first.blank_before_last)
        else:
            tries[i] = candidates(first, profile)
            _memo[keys[i]] = options.adjust  # nothing helped: `render --check` reports the 署名's page
    files = {f"d{i}t{k}": write_docx(jobs[i][0], replace(jobs[i][1], adjust=a), profile)
             for i, adjusts in tries.items() for k, a in enumerate(adjusts)}
    pdfs = _convert(tmp, files) if files else {}
    for i, adjusts in tries.items():
        for k, adjust in enumerate(adjusts):
            found = measure(pdfs[f"d{i}t{k}"], opening(jobs[i][0]), profile)
            if found is not None and found.ok:
                _memo[keys[i]] = replace(adjust, no_imprint_number=found.blank_before_last)
                break


def candidates(m: Measured, p: Profile) -> list[Adjust]:
    """The adjustments worth a try, most preferred first.

    1. The closing's blank lines at half height: the closing may then fit on the page before.
    2. The last 正文 paragraph's lines a little taller, so that it no longer fits its page: widow
       control then carries its last two lines to the 署名 (when the taller lines stay within 1¼).
    3. Space before it of the free room's height and a point, with the same effect.
    """
    line = p.line_pt
    out = [Adjust(closing_blank_pt=HALF * line)]
    lines, free = m.last_body_lines_before, m.free_lines_before
    if lines:
        pitch = line * (lines + free) / lines + 0.5
        if pitch <= MAX_PITCH_RATIO * line:
            out.append(Adjust(body_pitch_pt=round(pitch, 2)))
        # The free room is measured from glyph boxes, to within a line: try it and a line more.
        out += [Adjust(body_before_pt=round(extra * line + 1.0, 2)) for extra in (free, free + 0.5, free + 1)]
    return out


def measure(pdf: Path, paragraphs: tuple[tuple[Role, str], ...], p: Profile = GBT9704) -> Measured | None:
    """Where the 署名 and the 正文 stand in `pdf`; None when the 署名 is not found."""
    bottom = p.top_mm + p.text_height_mm
    with open_pdf(pdf) as pages:
        blank = len(pages) >= 2 and _blank(pages[-2])
        placed = align(pages, paragraphs, bottom)
        page = next((n for role, _, n, _ in placed if role is Role.SIGNATURE), None)
        if page is None:
            return Measured(0, 1, 1, 0, 0, blank) if not paragraphs or not any(
                role is Role.SIGNATURE for role, _ in paragraphs) else None
        body = [(i, n, ln) for role, i, n, ln in placed if role is Role.BODY]
        last = max((i for i, _, _ in body), default=-1)
        before = [ln for i, n, ln in body if i == last and n == page - 1]
        return Measured(page, sum(1 for _, n, _ in body if n == page), sum(1 for _, n, _ in body if n == 1),
                        len(before), _free_lines(pages[page - 2], bottom, p) if page > 1 else 0, blank)


def _blank(page: Page) -> bool:
    return not page.lines and not page.strokes and not page.curves


def _free_lines(page: Page, bottom: float, p: Profile) -> int:
    """Whole grid lines left empty under the last text line of `page`'s 版心."""
    lines = [ln for ln in page.lines if ln.top <= bottom]
    if not lines:
        return 0
    return max(0, int((bottom - lines[-1].bottom) / (p.line_pt / PT_PER_MM) + 0.3))


def _convert(tmp: Path, files: dict[str, bytes]) -> dict[str, Path]:
    from casplan.render.pdf import convert

    paths = []
    for name, data in files.items():
        path = tmp / f"{name}.docx"
        path.write_bytes(data)
        paths.append(path)
    return dict(zip(files, convert(paths, tmp)))
