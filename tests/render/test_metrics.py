import pytest

from casplan.render import metrics


@pytest.mark.skipif(not metrics.faces("仿宋_GB2312"), reason="no font installed at all")
def test_hanzi_are_one_em_digits_narrower_and_autospace_is_added() -> None:
    hanzi = metrics.width_pt("年月日", "仿宋_GB2312", "Times New Roman", 16)
    assert hanzi == pytest.approx(48, abs=0.5)
    digits = metrics.width_pt("2021", "仿宋_GB2312", "Times New Roman", 16)
    assert digits == pytest.approx(32, abs=1)  # Times New Roman digits are ½ em
    mixed = metrics.width_pt("年2021月", "仿宋_GB2312", "Times New Roman", 16)
    assert mixed == pytest.approx(32 + digits + 2 * 4, abs=0.5)  # two CJK–Latin boundaries, ¼ em each


def test_spacing_is_added_after_every_character() -> None:
    plain = metrics.width_pt("中国", "仿宋_GB2312", "Times New Roman", 16)
    assert metrics.width_pt("中国", "仿宋_GB2312", "Times New Roman", 16, -0.25) == pytest.approx(plain - 0.5)


def _sample() -> list[str]:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    text = set((root / "plan" / "plan.yaml").read_text(encoding="utf-8"))
    return sorted(text | {chr(c) for c in range(0x20, 0x3100, 5)} | {"\U00020000", "\U0001F600", "\uFFFF"})


@pytest.mark.parametrize("family", ["仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "Times New Roman"])
def test_a_face_reads_the_widths_fonttools_reads(family: str) -> None:
    """The character map is read lazily from the font's bytes; every width is the one fontTools decodes."""
    from fontTools.ttLib import TTFont

    found = metrics.faces(family)
    if not found:
        pytest.skip("no font installed at all")
    for face in found:
        index = next(i for p, i in _indices(family) if p == face.path)
        with TTFont(str(face.path), fontNumber=index, lazy=True) as font:
            best, hmtx, upm = font.getBestCmap(), dict(font["hmtx"].metrics), font["head"].unitsPerEm
        for ch in _sample():
            name = best.get(ord(ch))
            assert face.advance(ch) == (hmtx[name][0] / upm if name is not None else None), (face.path, ch)


def _indices(family: str) -> list[tuple[object, int]]:
    return [w for w in (metrics._fc_match(family), metrics._stand_in(family), metrics._fc_match(":lang=zh-cn"))
            if w is not None]


@pytest.mark.parametrize("kind", [4, 12])
def test_character_maps_of_format_4_and_12_are_looked_up_as_fonttools_maps_them(kind: int) -> None:
    import random

    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    rng = random.Random(3)
    glyphs = [".notdef"] + [f"g{i}" for i in range(1, 3000)]
    font = TTFont()
    font.setGlyphOrder(glyphs)
    mapping = {code: rng.choice(glyphs[1:]) for code in rng.sample(range(0x20, 0xD800), 2500)}
    mapping.update({code: glyphs[code - 0x4E00 + 5] for code in range(0x4E00, 0x4E80)})  # a run of one delta
    if kind == 12:
        mapping.update({code: glyphs[code - 0x20000 + 9] for code in range(0x20000, 0x20010)})
    table = newTable("cmap")
    table.tableVersion = 0
    sub = CmapSubtable.newSubtable(kind)
    sub.platformID, sub.platEncID = (3, 1) if kind == 4 else (3, 10)
    sub.language = 0
    sub.cmap = mapping
    table.tables = [sub]
    lookup = metrics._cmap_lookup(table.compile(font))
    assert lookup is not None
    order = {name: gid for gid, name in enumerate(glyphs)}
    for code in [*range(0, 0x10000), *range(0x20000, 0x20020)]:
        assert lookup(code) == (order[mapping[code]] if code in mapping else None), hex(code)
