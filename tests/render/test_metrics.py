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
