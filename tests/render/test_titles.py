from casplan.render.titles import break_title


def width(text: str) -> float:
    return float(len(text))


def test_a_title_that_fits_stays_whole() -> None:
    assert break_title("重点工作分工方案", width, 20) == ["重点工作分工方案"]


def test_a_long_title_breaks_between_words_as_evenly_as_it_can() -> None:
    title = "中共中国科学院党组贯彻落实习近平总书记在两院院士大会上重要讲话和大会精神重点工作分工方案督办台账"
    lines = break_title(title, width, 29)
    assert "".join(lines) == title
    assert lines == ["中共中国科学院党组贯彻落实习近平总书记", "在两院院士大会上重要讲话和大会精神重点工作分工方案督办台账"]
