"""Reading a 时间期限 text into milestones: a date (or none), a kind, and its clause.

Deadlines stay in the plan as written; this reader only interprets them, and
never looks at today's date. A text is split into sentences at 。 and ；, and a
sentence into segments at ，. A segment that names a date starts a milestone; a
segment that says 持续推进 / 每年 / 按照…进度 starts one of that kind; other
segments belong to the milestone before them (or, at a sentence's start, the
one after). End dates are inclusive: 2021年9月底前 → 2021-09-30.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import Enum


class Kind(str, Enum):
    BY_DATE = "by-date"
    ONGOING = "ongoing"
    YEARLY = "yearly"
    SET_BY_OTHERS = "set-by-others"

    @property
    def label(self) -> str:
        return {"by-date": "限期", "ongoing": "持续", "yearly": "每年", "set-by-others": "按他方进度"}[self.value]


@dataclass(frozen=True)
class Milestone:
    date: date | None
    kind: Kind
    clause: str


_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇零一二两三四五六七八九十"


def _cn_number(text: str) -> int:
    """十二 → 12, 二十八 → 28, 三 → 3 (numbers up to 99)."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def normalize(text: str) -> str:
    """Chinese numerals in dates to digits: 二〇二一年九月底前 → 2021年9月底前."""
    text = re.sub(f"([{_CN}]{{4}})年", lambda m: "".join(str(_CN_DIGITS[c]) for c in m[1]) + "年", text)
    text = re.sub(f"(?<![{_CN}])([{_CN}]{{1,3}})(月|日|季度)", lambda m: f"{_cn_number(m[1])}{m[2]}", text)
    return text


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _plan_end(n: int) -> int:
    """The last year of the Nth five-year plan: 十三五 → 2020, 十四五 → 2025 (from the 3rd, 1966–1970)."""
    return 1955 + 5 * n


_YEAR = r"(?P<year>\d{4})年"
_OPT_YEAR = f"(?:{_YEAR})?"
_DATE_PATTERNS: list[tuple[str, str]] = [
    ("day", _OPT_YEAR + r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日"),
    ("xun", _OPT_YEAR + r"(?P<month>\d{1,2})月(?P<xun>上旬|中旬|下旬)"),
    ("month", _OPT_YEAR + r"(?P<month>\d{1,2})月(?:底|末)?"),
    ("quarter", _OPT_YEAR + r"第?(?P<quarter>[1-4])季度(?:末)?"),
    ("half", _OPT_YEAR + r"(?P<half>上半年|下半年)"),
    ("plan", r"[“\"]?十(?P<plan>[一二三四五六七八九]?)五[”\"]?(?:末|期间|时期)"),
    ("year", _YEAR + r"(?:年底|年末|底|末|度)?"),
]
_DATES = re.compile("|".join(f"(?P<{name}>{pattern.replace('?P<', f'?P<{name}_')})" for name, pattern in _DATE_PATTERNS))
_BARE = re.compile(r"[在于到至]?(?:之?前|以前|内|为止)?")  # what is left of a segment that is only a time
_NOT_A_DEADLINE = re.compile(r"^(?:开始|起|以来)")  # 从2021年开始每年…: a start, not an end

_KINDS: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.SET_BY_OTHERS, re.compile(r"(?:按照|根据).{0,20}?(?:进度|时间节点|安排)")),
    (Kind.YEARLY, re.compile(r"每年|年年")),
    (Kind.ONGOING, re.compile(r"持续推进|长期坚持|常态化|持续开展|长期推进|持续")),
]


def _kind_of(segment: str) -> Kind | None:
    for kind, pattern in _KINDS:
        if pattern.search(segment):
            return kind
    return None


def _dates_in(segment: str, context_year: int | None) -> tuple[list[date | None], int | None]:
    """The end dates a segment names (None for a date without a year to place it)."""
    found: list[date | None] = []
    for m in _DATES.finditer(segment):
        if _NOT_A_DEADLINE.match(segment[m.end():]):
            if m["year_year"]:
                context_year = int(m["year_year"])
            continue
        name = m.lastgroup
        assert name is not None
        g = {k.removeprefix(name + "_"): v for k, v in m.groupdict().items() if k.startswith(name + "_") and v}
        if name == "plan":
            n = 10 + (_CN_DIGITS[g["plan"]] if g.get("plan") else 0)
            found.append(date(_plan_end(n), 12, 31))
            continue
        year = int(g["year"]) if "year" in g else context_year
        if year is None:
            found.append(None)
            continue
        context_year = year
        found.append(_end_date(name, year, g))
    return found, context_year


def _end_date(name: str, year: int, g: dict[str, str]) -> date | None:
    try:
        if name == "day":
            return date(year, int(g["month"]), int(g["day"]))
        if name == "xun":
            month = int(g["month"])
            return {"上旬": date(year, month, 10), "中旬": date(year, month, 20)}.get(g["xun"]) or _month_end(year, month)
        if name == "month":
            return _month_end(year, int(g["month"]))
        if name == "quarter":
            return _month_end(year, int(g["quarter"]) * 3)
        if name == "half":
            return date(year, 6, 30) if g["half"] == "上半年" else date(year, 12, 31)
        return date(year, 12, 31)
    except ValueError:  # 2021年13月, 2月30日: not a real day
        return None


def read_deadline(text: str) -> list[Milestone]:
    """Every milestone in a 时间期限 text; an empty list when nothing can be read."""
    milestones: list[Milestone] = []
    context_year: int | None = None
    for sentence in re.split(r"[。；;]", text):
        sentence = sentence.strip()
        if not sentence:
            continue
        groups: list[tuple[date | None, Kind, list[str]]] = []
        pending: list[str] = []  # leading segments with nothing of their own
        bare = False  # the last segment was only a time (在“十四五”期间): what follows is its work
        for segment in (s.strip() for s in re.split(r"[，,]", sentence)):
            if not segment:
                continue
            # Numerals are normalized per segment, so the clause keeps the words as written.
            normalized = normalize(segment)
            dates, context_year = _dates_in(normalized, context_year)
            kind = None if dates or bare else _kind_of(segment)
            if dates:
                for d in dates:
                    groups.append((d, Kind.BY_DATE, [*pending, segment]))
                pending = []
                bare = _BARE.fullmatch(_DATES.sub("", normalized)) is not None
                continue
            bare = False
            if kind is not None and not (groups and groups[-1][1] is kind):
                groups.append((None, kind, [*pending, segment]))
                pending = []
            elif groups:
                groups[-1][2].append(segment)
            else:
                pending.append(segment)
        for d, kind, segments in groups:
            if kind is Kind.BY_DATE and d is None:
                continue  # a date with no year to place it: not readable
            milestones.append(Milestone(d, kind, "，".join(segments)))
    return milestones


def parse_date(text: str) -> date | None:
    """A date as a user types it: 2021-12-31, 2021/12/31, 20211231, 2021年12月31日."""
    text = text.strip()
    for pattern in (r"(\d{4})-(\d{1,2})-(\d{1,2})", r"(\d{4})/(\d{1,2})/(\d{1,2})", r"(\d{4})(\d{2})(\d{2})",
                    r"(\d{4})年(\d{1,2})月(\d{1,2})日"):
        m = re.fullmatch(pattern, text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None
