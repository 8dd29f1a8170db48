"""Time expressions in a segment of deadline text, as tokens with their spans.

The text is first normalized character for character (full-width digits and
punctuation to ASCII, traditional characters to simplified, ○ to 〇), so every
span of the normalized text is the same span of the text as written: clauses
and the unread words are cut from the original.

Tokens are found left to right; at each position the first pattern that
matches wins (the order of _PATTERNS matters: 2021年内 is a year, 3年内 a
duration, 每年2月底 a recurrence and its day).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casplan import patterns

_TRADITIONAL = (
    "實內個後開於並週為將與啟動續長堅態進達國慶節從間時點據門關發佈辦劃規標盡兩當來現終屆頒執決計畫會議報屬經歷幾萬億"
    "務項類階層級單處區縣機構團體頭專題結術們這還對應須書審檢驗準備評價啓為麼參與歲號週"
)
_SIMPLIFIED = (
    "实内个后开于并周为将与启动续长坚态进达国庆节从间时点据门关发布办划规标尽两当来现终届颁执决计画会议报属经历几万亿"
    "务项类阶层级单处区县机构团体头专题结术们这还对应须书审检验准备评价启为么参与岁号周"
)
_TABLE = str.maketrans(
    {
        **{chr(0xFF01 + i): chr(0x21 + i) for i in range(0x5E)},  # full-width ASCII: ２０２１ → 2021
        "\u3000": " ",
        "\u00a0": " ",
        "○": "〇",
        "〜": "~",
        "―": "—",
        "–": "—",
        **dict(zip(_TRADITIONAL, _SIMPLIFIED, strict=True)),
    }
)


def normalize(text: str) -> str:
    """The text with one character for each: 年底前 in 繁體 and ２０２１ read as the plain forms."""
    return text.translate(_TABLE)


_NUMD = r"(?:[0-9]{1,2}(?![0-9])|[一二三四五六七八九十]{1,3})"  # a month or a day
_YEAR4 = r"(?:(?<![0-9])[0-9]{4}(?![0-9])|(?<![〇零一二三四五六七八九十])[〇零一二三四五六七八九]{4})"
_NUMN = r"(?:(?<![0-9])[0-9]{1,3}(?![0-9])|[一二两三四五六七八九十百]{1,4}|半)"  # a count
_RANGE = r"\s*(?:至|到|—{1,2}|-|~|－)\s*"

_YEAR = rf"(?:(?P<y>{_YEAR4})\s?年\s?|(?<![0-9〇一二三四五六七八九十每])(?P<ry>今明两|今|明|后|去|当|本|同|次|翌|下一)年)"
_BODY = (
    r"(?:第?(?P<q>[1-4一二三四])季度(?P<qp>末|底|初)?"
    r"|(?P<h>上|下)半年(?P<hp>末|底)?"
    r"|(?P<season>春|夏|秋|冬)季"
    rf"|(?P<m>{_NUMD})\s?月份?(?:\s?(?P<d>{_NUMD})\s?(?:日|号)|(?P<x>上|中|下)旬|(?P<mp>初|中|底|末))?)"
)
_YEAR_PART = r"年?(?P<yp>底|末|内|度内|度末|度|初(?![步次级具])|中(?=前|期|旬|完成|开展|召开|启动|[，。；,;]|$))"
_HOLIDAY = (
    r"(?P<hol>国庆节?|[“\"]十一[”\"]|十一(?=前|期间|假期|长假|节|后)|元旦|春节|[“\"]?五一[”\"]?(?=前|期间|假期|节|后)|劳动节)"
    r"(?:假期|长假|节)?"
)
_TERM = r"[“\"'「『‘]?第?(?:十[一二三四五]?|[六七八九]|1[0-5]|[6-9])个?五(?:年规划|年计划)?[”\"'」』’]?"
_TERM_N = patterns.compile(r"(十[一二三四五]?|[六七八九]|1[0-5]|[6-9])个?五")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", patterns.compile(r"(?<![0-9])(?P<y>[0-9]{4})(?P<sep>[-./])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})(?![0-9])日?")),
    ("years", patterns.compile(rf"(?P<y1>{_YEAR4})年?{_RANGE}(?P<y2>{_YEAR4})年(?P<yp>底|末|度)?")),
    (
        "plan",
        patterns.compile(
            rf"(?<![0-9一二三四五六七八九十百千])(?P<terms>{_TERM}(?:\s*(?:、|和|与|及|至|到|—{{1,2}}|-)\s*{_TERM})*)"
            r"(?P<fs>末期|期末|末|期间|时期|期内|内|中期|初期|以来)"
        ),
    ),
    ("since", patterns.compile(
        r"(?P<ev>(?:本|此|该)[^，。；\s]{0,10}?(?:印发|发布|下发|公布|出台|施行|实施)|印发|发布|公布)之日起"
        rf"(?!\s*{_NUMN}\s*个?多?(?:年|月|周|星期|天|日|工作日))"
        r"|(?P<today>即日)起"
    )),
    (
        "dur",
        patterns.compile(
            rf"(?P<pre>力争用|争取用|用|经过|利用|再用)?(?P<n1>{_NUMN})(?:{_RANGE}(?P<n2>{_NUMN}))?\s?(?P<ge>个)?多?"
            r"(?P<unit>年|月|周|星期|天|日|工作日|自然日)(?:左右)?的?(?P<tail>时间|之内|以内|内)?(?:左右)?"
        ),
    ),
    (
        "every",
        patterns.compile(
            r"(?:每(?:一)?个?|按(?=季度|半年|月[报调通统开]))(?P<every>年度|年|半年|季度|季|月|周|星期|旬)"
            rf"(?:\s?(?P<ed>{_NUMD})\s?(?:日|号)|(?P<ex>上|中|下)旬|(?P<ep>末|底|初|中))?"
        ),
    ),
    (
        "rel",  # 本月底, 下月10日, 本季度末: the context date's month (次月 is left: the month after which?)
        patterns.compile(
            rf"(?:(?P<rm>本|当|下个?|上个?)月份?(?:(?P<d>{_NUMD})(?:日|号)|(?P<x>上|中|下)旬|(?P<mp>初|中|底|末))?"
            r"|(?P<rq>本|当|下个?|上个?)季度(?P<qp>末|底|初)?)"
        ),
    ),
    ("months", patterns.compile(rf"{_YEAR}?(?P<m1>{_NUMD}){_RANGE}(?P<m>{_NUMD})月份?")),  # 2022年1—6月
    ("holiday", patterns.compile(rf"{_YEAR}?{_HOLIDAY}")),
    ("point", patterns.compile(rf"{_YEAR}(?:{_BODY}|{_YEAR_PART})?")),
    ("point", patterns.compile(_BODY)),
    ("bare", patterns.compile(r"(?<![0-9〇一二三四五六七八九十每])年(?P<yp>底|末|内|度内|度末|初(?![步次级具])|中(?=前|期|旬|完成|开展|召开|启动|[，。；,;]|$))")),
]

# What looks like a time: a number with a unit of time, or a word that names one.
DATE_LIKE = patterns.compile(
    r"(?:[0-9]+|[〇一二两三四五六七八九十百千]+)\s*个?(?:年(?!级|龄|轻|代|行动|计划|规划)|月|日|季度|季|旬|周(?!年)|星期|天|工作日)"
    r"|(?:今|明|后|去|当|次|翌)年|(?:本|下|次)个?(?:月|季度)|年(?:底|末|内|初)|[上下]半年|季度末|春节|元旦|国庆|每(?:年|季度|季|月|半年)"
    rf"|{_TERM}(?:末期|期末|末|期间|时期|期内|中期|初期|以来)"
)


@dataclass(frozen=True)
class Token:
    kind: str  # iso, years, plan, since, dur, every, rel, months, holiday, point, bare
    start: int
    end: int
    groups: dict[str, str]  # the named groups that matched

    def get(self, name: str) -> str | None:
        return self.groups.get(name)


def tokenize(text: str) -> list[Token]:
    """The time expressions of a normalized segment, left to right, not overlapping.

    The rule: at each position, the first pattern (in _PATTERNS order) with a valid, non-empty
    match there wins, and the next token is looked for after it. Rather than trying every
    pattern at every position in Python, each pattern's next valid match is searched for by the
    regex engine and kept until the scan passes it; the earliest wins, ties going to the
    earlier pattern, which is the same token (a search finds at a position what a match there
    finds). tests/deadlines/test_lexer.py checks this against the position-by-position scan.
    """
    out: list[Token] = []
    ahead: list[re.Match[str] | None] = [None] * len(_PATTERNS)
    done = [False] * len(_PATTERNS)  # no valid match at all from here on
    pos = 0
    while True:
        best = -1
        for k, (kind, pattern) in enumerate(_PATTERNS):
            if done[k]:
                continue
            m = ahead[k]
            if m is None or m.start() < pos:
                m = ahead[k] = _next(kind, pattern, text, pos)
                if m is None:
                    done[k] = True
                    continue
            if best < 0 or m.start() < ahead[best].start():  # type: ignore[union-attr]
                best = k
        if best < 0:
            return out
        m = ahead[best]
        assert m is not None
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        out.append(Token(_PATTERNS[best][0], m.start(), m.end(), groups))
        pos = m.end()


def _next(kind: str, pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """The first valid, non-empty match of `pattern` starting at `pos` or later."""
    while (m := pattern.search(text, pos)) is not None:
        if m.end() > m.start() and _valid(kind, m):
            return m
        pos = m.start() + 1
    return None


def _valid(kind: str, m: re.Match[str]) -> bool:
    """A count of time is a duration only with 用/经过 before it or 内/时间 after it; 3月内 is March, 3个月内 a span."""
    if kind != "dur":
        return True
    if m["unit"] == "月" and m["ge"] is None:
        return False
    return m["pre"] is not None or m["tail"] is not None


def plan_numbers(terms: str) -> list[int | None]:
    """The five-year plans named in “七五”、“八五”: [7, 8] (None for one that is not a number)."""
    from casplan.deadlines.numerals import number

    return [number(m[1]) for m in _TERM_N.finditer(terms)]
