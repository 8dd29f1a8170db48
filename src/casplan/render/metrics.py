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

import bisect
import shutil
import struct
import subprocess
import unicodedata
from collections.abc import Callable
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
    """Advance widths of one font face, in ems.

    A CJK face maps some 45,000 characters; decoding its whole character map costs a tenth of a
    second a face, and a document asks for a few hundred characters. So the character map's best
    subtable (format 12 or 4, as fontTools' getBestCmap picks it) and the horizontal metrics are kept
    as the font's raw bytes and a character is looked up in them when it is asked for; other subtable
    formats are decoded by fontTools.
    """

    def __init__(self, path: Path, index: int) -> None:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        font: Any = TTFont(str(path), fontNumber=index, lazy=True)
        try:
            self.path = path
            self._upm = float(font["head"].unitsPerEm)
            self._metrics = int(font["hhea"].numberOfHMetrics)
            self._glyphs = int(font["maxp"].numGlyphs)
            self._hmtx: bytes = font.reader["hmtx"]
            lookup = _cmap_lookup(font.reader["cmap"])
            if lookup is None:  # a rare subtable format: fontTools decodes it
                order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
                best = font.getBestCmap() or {}
                lookup = {code: order[name] for code, name in best.items() if name in order}.get
            self._lookup: Callable[[int], int | None] = lookup
        finally:
            font.close()

    def advance(self, ch: str) -> float | None:
        gid = self._lookup(ord(ch))
        if not gid or gid >= self._glyphs:  # glyph 0 is .notdef: the character is not in the font
            return None
        at = 4 * min(gid, self._metrics - 1)
        if at + 2 > len(self._hmtx):
            return None
        return float(struct.unpack_from(">H", self._hmtx, at)[0]) / self._upm


# fontTools' getBestCmap order: Unicode full repertoire first, then the BMP.
_PREFERRED = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def _cmap_lookup(data: bytes) -> Callable[[int], int | None] | None:
    """code point → glyph id in the best Unicode subtable of a raw `cmap` table; None for formats other than 4, 12."""
    try:
        count = struct.unpack_from(">H", data, 2)[0]
        tables: dict[tuple[int, int], int] = {}
        for k in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * k)
            tables.setdefault((platform, encoding), offset)
        offset = next((tables[pe] for pe in _PREFERRED if pe in tables), None)
        if offset is None:
            return lambda code: None
        kind = struct.unpack_from(">H", data, offset)[0]
        if kind == 12:
            return _format12(data, offset)
        if kind == 4:
            return _format4(data, offset)
    except struct.error:
        pass
    return None


def _format12(data: bytes, offset: int) -> Callable[[int], int | None]:
    """Sequential groups (start, end, first glyph), sorted: a binary search in the raw bytes."""
    groups = struct.unpack_from(">I", data, offset + 12)[0]
    at = offset + 16

    def lookup(code: int) -> int | None:
        low, high = 0, groups
        while low < high:
            mid = (low + high) // 2
            start, end, glyph = struct.unpack_from(">III", data, at + 12 * mid)
            if code < start:
                high = mid
            elif code > end:
                low = mid + 1
            else:
                return int(glyph) + code - int(start)
        return None

    return lookup


def _format4(data: bytes, offset: int) -> Callable[[int], int | None]:
    segments = struct.unpack_from(">H", data, offset + 6)[0] // 2
    at = offset + 14
    ends = struct.unpack_from(f">{segments}H", data, at)
    starts = struct.unpack_from(f">{segments}H", data, at + 2 * segments + 2)
    deltas = struct.unpack_from(f">{segments}h", data, at + 4 * segments + 2)
    range_at = at + 6 * segments + 2
    ranges = struct.unpack_from(f">{segments}H", data, range_at)

    def lookup(code: int) -> int | None:
        if code > 0xFFFF:
            return None
        k = bisect.bisect_left(ends, code)
        if k >= segments or code < starts[k]:
            return None
        if not ranges[k]:
            return (code + deltas[k]) & 0xFFFF or None
        where = range_at + 2 * k + ranges[k] + 2 * (code - starts[k])
        if where + 2 > len(data):
            return None
        glyph = struct.unpack_from(">H", data, where)[0]
        return (glyph + deltas[k]) & 0xFFFF or None if glyph else None

    return lookup


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
