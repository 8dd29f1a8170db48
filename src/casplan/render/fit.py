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

What is measured is the notice alone (`notice_part`: the attachment starts a page of its own,
so the notice's pages do not depend on it), whatever the length of the plan; with a 版记, the
whole document is converted once more for its page count. Many documents are fitted together
(`fit_all`) in two LibreOffice runs at most. Without LibreOffice the document is written as
laid out (`render --check` needs it anyway). A result is remembered within the process and,
between runs, in the user's cache folder (`casplan.render.fit_cache`) under the key of what it
was measured on: the next render of the same notice needs no LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from casplan.blocks import Block, Role
from casplan.errors import UserError
from casplan.render import fit_cache
from casplan.render.check_pdf import BODY_ROLES, Page, align, open_pdf, opening
from casplan.render.docx_writer import Adjust, Options, write_docx
from casplan.render.layout import GBT9704, PT_PER_MM, Profile

MAX_PITCH_RATIO = 1.25  # a loosened 正文 line at most 1¼ of the grid's
HALF = 0.5  # a tightened blank line: half a grid line

_memo: dict[tuple[tuple[Block, ...], Options, Profile, str], Adjust] = {}


@dataclass(frozen=True)
class Measured:
    """Where the closing landed: the 署名's page, the 正文 lines on it and on page 1, and on the page
    before the 署名's, how many lines of the last 正文 paragraph stand there and how many grid lines
    are left free under them; and how many pages the document has."""

    signature_page: int
    body_on_signature_page: int
    body_on_first_page: int
    last_body_lines_before: int
    free_lines_before: int
    pages: int = 0

    @property
    def ok(self) -> bool:
        return self.body_on_signature_page > 0 and self.body_on_first_page > 0


def needed(blocks: list[Block]) -> bool:
    roles = {b.role for b in blocks}
    return Role.SIGNATURE in roles and Role.BODY in roles or bool(roles & {Role.COPY_TO, Role.IMPRINT})


def notice_part(blocks: list[Block]) -> list[Block]:
    """What the 署名's place depends on: the blocks up to the page break of the 附件 that follows the 成文日期
    (the notice alone; the attachment starts a page, so the notice's pages are laid out alike without it),
    and no 版记 (a section of its own)."""
    closing = [i for i, b in enumerate(blocks) if b.role in (Role.SIGNATURE, Role.DATE)]
    start = closing[0] if closing else len(blocks)
    end = next((i for i in range(start, len(blocks)) if blocks[i].role is Role.ATTACHMENT_LABEL), len(blocks))
    return [b for b in blocks[:end] if b.role not in (Role.COPY_TO, Role.IMPRINT)]


def _imprinted(blocks: list[Block]) -> bool:
    return any(b.role in (Role.COPY_TO, Role.IMPRINT) for b in blocks)


def fit(blocks: list[Block], options: Options, profile: Profile = GBT9704) -> bytes:
    """The .docx, with the spacing that makes the 署名's page hold 正文 when LibreOffice shows it does not."""
    return fit_all([(blocks, options)], profile)[0]


def fit_all(jobs: list[tuple[list[Block], Options]], profile: Profile = GBT9704) -> list[bytes]:
    """`fit` for many documents: one LibreOffice run measures them all, one more tries the adjustments.

    What a document's measurement reads is its notice (`notice_part`), and with a 版记 the whole
    document's page count; a result found before (in this process, or in the cache of
    `casplan.render.fit_cache` under the key of exactly that) is used without LibreOffice.
    """
    fonts = os.environ.get("FONTCONFIG_FILE", "")
    keys = [(tuple(_measured(blocks)), options, profile, fonts) for blocks, options in jobs]
    stored = not fit_cache.disabled()
    names: dict[int, str] = {}
    todo = []
    for i, (blocks, _) in enumerate(jobs):
        if not needed(blocks) or keys[i] in _memo:
            continue
        name = fit_cache.key(list(keys[i][0]), jobs[i][1], profile) if stored else None
        found = fit_cache.lookup(name) if name is not None else None
        if found is not None:
            _memo[keys[i]] = found
            continue
        if name is not None:
            names[i] = name
        todo.append(i)
    if todo and (shutil.which("soffice") or shutil.which("libreoffice")) is not None:
        with tempfile.TemporaryDirectory(prefix="casplan-fit-") as tmp:
            try:
                _fit(jobs, todo, keys, profile, Path(tmp))
            except UserError:
                pass  # LibreOffice failed: the .docx is written as laid out (`render --check` reports the failure)
            else:
                for i, name in names.items():
                    fit_cache.store(name, _memo[keys[i]])
    return [write_docx(blocks, replace(options, adjust=_memo.get(key, options.adjust)), profile)
            for (blocks, options), key in zip(jobs, keys)]


def _measured(blocks: list[Block]) -> list[Block]:
    """The blocks the fit's result depends on: the notice; with a 版记, the whole document (its page count)."""
    return blocks if _imprinted(blocks) else notice_part(blocks)


def _fit(jobs: list[tuple[list[Block], Options]], todo: list[int], keys: list[tuple[tuple[Block, ...], Options,
         Profile, str]], profile: Profile, tmp: Path) -> None:
    """Run 1: each notice alone and, with a 版记, each whole document; run 2: the adjustments, on the notice alone.

    The whole document's last text page (before the 版记's even page) is where the blank page question is
    decided; an adjustment that moves the notice's end a page changes it by the notice's change in pages
    (the attachment starts on a page of its own), so the candidates are converted without the attachment.
    """
    files: dict[str, bytes] = {}
    for i in todo:
        blocks, options = jobs[i]
        files[f"n{i}"] = write_docx(notice_part(blocks), options, profile)
        if _imprinted(blocks):
            files[f"d{i}"] = write_docx(blocks, options, profile)
    pdfs = _convert(tmp, files)
    tries: dict[int, list[Adjust]] = {}
    text_pages: dict[int, tuple[bool, int]] = {}  # the blank page before the 版记, the notice's pages
    for i in todo:
        blocks, options = jobs[i]
        first = measure(pdfs[f"n{i}"], opening(blocks), profile)
        blank = f"d{i}" in pdfs and _blank_before_last(pdfs[f"d{i}"])
        if first is not None:
            text_pages[i] = (blank, first.pages)
        if first is None or first.ok:
            _memo[keys[i]] = replace(options.adjust, no_imprint_number=blank)
        else:
            tries[i] = candidates(first, profile)
            _memo[keys[i]] = replace(options.adjust, no_imprint_number=blank)  # nothing helped: `--check` says so
    files = {f"n{i}t{k}": write_docx(notice_part(jobs[i][0]), replace(jobs[i][1], adjust=a), profile)
             for i, adjusts in tries.items() for k, a in enumerate(adjusts)}
    pdfs = _convert(tmp, files) if files else {}
    for i, adjusts in tries.items():
        for k, adjust in enumerate(adjusts):
            found = measure(pdfs[f"n{i}t{k}"], opening(jobs[i][0]), profile)
            if found is not None and found.ok:
                blank, notice = text_pages.get(i, (False, found.pages))
                blank ^= (found.pages - notice) % 2 == 1  # a page more or less in the notice: the other parity
                _memo[keys[i]] = replace(adjust, no_imprint_number=blank)
                break


def _blank_before_last(pdf: Path) -> bool:
    """Whether a blank page stands right before the last (the 版记's) page."""
    with open_pdf(pdf) as pages:
        return len(pages) >= 2 and _blank(pages[-2])


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
        placed = align(pages, paragraphs, bottom)
        page = next((n for role, _, n, _ in placed if role is Role.SIGNATURE), None)
        if page is None:
            return Measured(0, 1, 1, 0, 0, len(pages)) if not paragraphs or not any(
                role is Role.SIGNATURE for role, _ in paragraphs) else None
        # 正文 on a page: the notice's paragraphs, and the plan's headings and tasks where it runs on inside the
        # notice; the adjustments act on the last 正文 paragraph (a BODY block: what the writer adjusts)
        shown = [n for role, _, n, _ in placed if role in BODY_ROLES]
        body = [(i, n, ln) for role, i, n, ln in placed if role is Role.BODY]
        last = max((i for i, _, _ in body), default=-1)
        before = [ln for i, n, ln in body if i == last and n == page - 1]
        return Measured(page, shown.count(page), shown.count(1),
                        len(before), _free_lines(pages[page - 2], bottom, p) if page > 1 else 0, len(pages))


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
