"""Text widths from the fonts' own metrics, as the layout engine will measure them.

Where a width decides the layout (the 署名 centred over the 成文日期, a title's
line breaks, the ledger's column widths) it is read from the font that the
engine will use: fontconfig names the installed file (`fc-match`), fontTools
reads its advance widths. A family that is not installed falls back to the
stand-ins of tests/render/fonts.conf, then to a glyph of the same kind in any
installed CJK font; only with no font at all does a width fall back to 1 em for
a full-width character and ½ em for the rest.

Word and LibreOffice add a quarter em between CJK and Latin text (autospace,
w:autoSpaceDE/autoSpaceDN, on by default); `width_pt` adds it too.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

# Free stand-ins for the licensed families (see /work/shared/gbt9704.md §4): (file name, face index).
STAND_INS: dict[str, tuple[str, int]] = {
    "仿宋_GB2312": ("uming.ttc", 0),
    "仿宋": ("uming.ttc", 0),
    "楷体_GB2312": ("ukai.ttc", 0),
    "楷体": ("ukai.ttc", 0),
    "黑体": ("NotoSansCJK-Regular.ttc", 2),
    "方正小标宋简体": ("NotoSerifCJK-Regular.ttc", 2),
    "宋体": ("NotoSerifCJK-Regular.ttc", 2),
    "Times New Roman": ("LiberationSerif-Regular.ttf", 0),
}
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
AUTOSPACE_EM = 0.25


class Face:
    """Advance widths of one font face, in ems."""

    def __init__(self, path: Path, index: int) -> None:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        font: Any = TTFont(str(path), fontNumber=index, lazy=True)
        try:
            self.path = path
            self._cmap: dict[int, str] = dict(font.getBestCmap() or {})
            self._hmtx: dict[str, int] = {glyph: metric[0] for glyph, metric in font["hmtx"].metrics.items()}
            self._upm = float(font["head"].unitsPerEm)
        finally:
            font.close()

    def advance(self, ch: str) -> float | None:
        glyph = self._cmap.get(ord(ch))
        if glyph is None or glyph not in self._hmtx:
            return None
        return float(self._hmtx[glyph]) / self._upm


@cache
def _fc_match(pattern: str) -> tuple[Path, int] | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", pattern], capture_output=True, text=True,
                             timeout=10, check=True).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return None
    if len(out) < 2 or not out[0] or not Path(out[0]).is_file():
        return None
    return Path(out[0]), int(out[1] or 0)


@cache
def _stand_in(family: str) -> tuple[Path, int] | None:
    name = STAND_INS.get(family)
    if name is None:
        return None
    for root in FONT_DIRS:
        if root.is_dir():
            for path in root.rglob(name[0]):
                return path, name[1]
    return None


@cache
def _face(path: Path, index: int) -> Face | None:
    try:
        return Face(path, index)
    except Exception:  # an unreadable font file: fall back to the next candidate  # noqa: BLE001
        return None


def faces(family: str) -> list[Face]:
    """The faces that would set `family`: the installed match, the stand-in, any CJK face (fallback order)."""
    found: list[Face] = []
    for where in (_fc_match(family), _stand_in(family), _fc_match(":lang=zh-cn")):
        if where is not None:
            face = _face(*where)
            if face is not None and all(f.path != face.path for f in found):
                found.append(face)
    return found


def is_cjk(ch: str) -> bool:
    """Set in the East Asian font: ideographs, kana, full-width forms and CJK punctuation, “ ” ‘ ’ — …"""
    return unicodedata.east_asian_width(ch) in "WFA"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@cache
def char_em(ch: str, east_asian: str, latin: str) -> float:
    for face in faces(east_asian if is_cjk(ch) else latin):
        width = face.advance(ch)
        if width is not None:
            return width
    return 1.0 if is_cjk(ch) else 0.5


def width_pt(text: str, east_asian: str, latin: str, size: float, spacing_pt: float = 0.0) -> float:
    """The width of one line of `text` set in `size` pt, with `spacing_pt` after each character and autospace."""
    total = 0.0
    for i, ch in enumerate(text):
        total += char_em(ch, east_asian, latin) * size + spacing_pt
        if i and (is_cjk(ch) and _is_latin(text[i - 1]) or _is_latin(ch) and is_cjk(text[i - 1])):
            total += AUTOSPACE_EM * size
    return total
