"""casplan.deadlines.lexer: normalization keeps spans; tokens in order; what looks like a time."""

from __future__ import annotations

import pytest

from casplan.deadlines.lexer import DATE_LIKE, normalize, plan_numbers, tokenize


def test_normalize_is_one_character_for_one() -> None:
    text = "２０２１年年底前實施，「十四五」期間，二○二一年，本方案印發後"
    out = normalize(text)
    assert len(out) == len(text)
    assert out == "2021年年底前实施,「十四五」期间,二〇二一年,本方案印发后"


def kinds(text: str) -> list[tuple[str, str]]:
    norm = normalize(text)
    return [(t.kind, norm[t.start:t.end]) for t in tokenize(norm)]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("2021年9月底前完成", [("point", "2021年9月底")]),
        ("2021年内", [("point", "2021年内")]),
        ("3年内", [("dur", "3年内")]),
        ("3月内", [("point", "3月")]),  # a month: 3个月内 is a span
        ("3个月内", [("dur", "3个月内")]),
        ("三个月后", []),  # neither 内 nor 用: not a span
        ("每年2月底前", [("every", "每年"), ("point", "2月底")]),
        ("每月10日前", [("every", "每月10日")]),
        ("今年年底前", [("point", "今年年底")]),
        ("年底前", [("bare", "年底")]),
        ("每年年底", [("every", "每年"), ("bare", "年底")]),
        ("2021—2025年", [("years", "2021—2025年")]),
        ("2021-12-31前", [("iso", "2021-12-31")]),
        ("“七五”、“八五”期间", [("plan", "“七五”、“八五”期间")]),
        ("“十四五”规划", []),
        ("本意见印发之日起施行", [("since", "本意见印发之日起")]),
        ("本意见印发之日起30日内", [("dur", "30日内")]),
        ("“十一”前", [("holiday", "“十一”")]),
        ("十一月底", [("point", "十一月底")]),
        ("2022年中央财政", [("point", "2022年")]),  # 中央 is not 年中
        ("2022年初步建成", [("point", "2022年")]),  # 初步 is not 年初
    ],
)
def test_tokens(text: str, tokens: list[tuple[str, str]]) -> None:
    assert kinds(text) == tokens


def test_plan_numbers() -> None:
    assert plan_numbers("“七五”、“八五”") == [7, 8]
    assert plan_numbers("第十四个五年规划") == [14]
    assert plan_numbers("“十五”") == [10]
    assert plan_numbers("十五五") == [15]


@pytest.mark.parametrize("text", ["2021年", "三个月", "30日", "今年", "年底", "上半年", "十四五期间", "每季度", "春节"])
def test_date_like(text: str) -> None:
    assert DATE_LIKE.search(text)


@pytest.mark.parametrize("text", ["第18次", "不少于5个", "“十四五”规划", "3号文件", "建党100周年", "青年人才"])
def test_not_date_like(text: str) -> None:
    assert DATE_LIKE.search(text) is None


def test_relative_months() -> None:
    assert kinds("本月底前") == [("rel", "本月底")]
    assert kinds("下个月10日") == [("rel", "下个月10日")]
    assert kinds("本季度末") == [("rel", "本季度末")]
    assert kinds("次月") == []  # which month's next one? left unread


def _scan(text: str) -> list[tuple[str, int, int, dict[str, str]]]:
    """The rule as first written: at each position, try every pattern in order."""
    from casplan.deadlines.lexer import _PATTERNS, _valid

    out = []
    pos = 0
    while pos < len(text):
        for kind, pattern in _PATTERNS:
            m = pattern.match(text, pos)
            if m and m.end() > pos and _valid(kind, m):
                out.append((kind, pos, m.end(), {k: v for k, v in m.groupdict().items() if v is not None}))
                pos = m.end()
                break
        else:
            pos += 1
    return out


def _corpus() -> list[str]:
    import random
    from pathlib import Path

    import yaml

    data = Path(__file__).resolve().parents[1] / "data" / "deadlines" / "phrases.yaml"
    texts = [normalize(e["text"]) for e in yaml.safe_load(data.read_text(encoding="utf-8"))["phrases"]]
    pieces = "2021年 3月 底 前 月 日 号 上 中 下 旬 半年 季度 第二 一 十 十二 五 十四五 末 期间 用 个 内 时间 每年 每 按 季 " \
             "本 下个 今 明 后 年底 年内 度 至 到 — - ~ 、 和 春节 国庆 五一 “ ” 之日起 印发 即日 起 3 12 30 2022 年 ， 。".split()
    rng = random.Random(9704)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    return texts


def test_tokenize_finds_what_the_position_by_position_scan_finds() -> None:
    for text in _corpus():
        assert [(t.kind, t.start, t.end, t.groups) for t in tokenize(text)] == _scan(text), text
