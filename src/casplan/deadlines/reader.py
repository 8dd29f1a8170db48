"""Reading a deadline text into milestones, against a context date (the plan's 成文日期).

A text is split into sentences at 。 and ；, a sentence into segments at ，.
A segment that names a time starts a milestone (or several); a segment that
says 持续推进 / 按照…进度 / 立即 starts one of that kind; other segments belong
to the milestone before them (or, at a sentence's start, the one after). A
segment that is only a time (在“十四五”期间) takes the work that follows it.

Within a sentence a start (2020年起, 从2021年开始) is taken up by what follows it:
a recurrence (每年2月底前: first due in the start year) or a count of years
(用3年时间: counted from the start year).

The reader is pure: the same text and context give the same milestones, and
it never looks at today's date. It never raises; what it cannot place is left
out of the milestones and reported in `Reading.unread` when it looks like a
time (a number with 年/月/日…), so that nothing is silently misread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from datetime import date

from casplan import patterns
from casplan.deadlines import dates
from casplan.deadlines.lexer import DATE_LIKE, Token, normalize, plan_numbers, tokenize
from casplan.deadlines.milestone import Kind, Milestone
from casplan.deadlines.numerals import number
from casplan.deadlines.spans import STEP, Span, body, count, first_occurrence, position_in_year, year_only

Day = date  # a field named `date` hides the type inside a class body


@dataclass(frozen=True)
class Reading:
    milestones: list[Milestone]
    unread: list[str]  # words that look like a time and were not used, as written

    @property
    def readable(self) -> bool:
        return bool(self.milestones) and not self.unread


_SENTENCES = patterns.compile(r"[。；;！？!?\n]")
_SEGMENTS = patterns.compile(r"[，,]")
_RANGE_GAP = patterns.compile(r"\s*(?:至|到|—{1,2}|-|~|－)\s*")
_START_BEFORE = patterns.compile(r"(?:自|从|由)\s*$")
_START_AFTER = patterns.compile(r"\s*(?:[0-9零〇一二三四五六七八九十]{1,3}时)?\s*(?:起|开始|以来)")  # 1月1日零时起
_AFTER_AFTER = patterns.compile(r"\s*(?:以后|之后|后)(?!年)")
_TARGET_BEFORE = patterns.compile(r"(?<!截)(?<!直)(?<!截止)(?:到|至)\s*$")
_JOIN = patterns.compile(r"\s*(?:起|开始|以来)?\s*的?\s*")  # between a start and the recurrence it opens
_EVENT = patterns.compile(
    r"^\s*(?:在|自|从|于|并于|须于|应于|需于|要在|并在|需在|须在|应在)?\s*(?P<ev>.*?)\s*"
    r"(?:之日起|之日后|之日|起|以后|之后|后)\s*的?\s*$"
)
_OWN_ISSUE = patterns.compile(r"(?:(?:本|此)\S{0,10}?)?(?:印发|发布|下发|公布|出台|施行|实施)")
_BARE = patterns.compile(
    r"\s*(?:在|于|到|至|自|从|截至|截止)?\s*(?:之?前|以前|之内|以内|内|为止|起|开始|以来|期间|左右)?\s*"
)

_KINDS: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.SET_BY_OTHERS, patterns.compile(
        r"(?:按照|根据|依据|视|按)[^，。；]{0,20}?(?:进度|时间节点|时间表|时间安排|统一安排|统一部署|工作安排|安排|部署)"
        r"|另行(?:通知|确定|安排|部署)|时间待定"
    )),
    (Kind.IMMEDIATE, patterns.compile(r"立即|立刻|马上|即刻|第一时间|立行立改|即知即改")),
    (Kind.ONGOING, patterns.compile(r"持续推进|长期坚持|常态化|持续开展|长期推进|持续|长期|常抓不懈|常年|定期")),
]

_HOLIDAYS = {"国庆": "国庆", "国庆节": "国庆", "“十一”": "国庆", '"十一"': "国庆", "十一": "国庆", "元旦": "元旦",
             "春节": "春节", "五一": "劳动节", "“五一”": "劳动节", '"五一"': "劳动节", "“五一": "劳动节",
             "五一”": "劳动节", "劳动节": "劳动节"}
_EVERY = {"年": Kind.YEARLY, "年度": Kind.YEARLY, "半年": Kind.HALF_YEARLY, "季度": Kind.QUARTERLY,
          "季": Kind.QUARTERLY, "月": Kind.MONTHLY}
_POINTS = frozenset({"iso", "years", "months", "rel", "plan", "holiday", "point", "bare"})


def read(text: str, context: date | None = None) -> Reading:
    """The milestones of a deadline text; `context` places what has no year (the plan's 成文日期)."""
    milestones, unread = _read(text, context)
    return Reading(list(milestones), list(unread))


@lru_cache(maxsize=1 << 16)
def _read(text: str, context: date | None) -> tuple[tuple[Milestone, ...], tuple[str, ...]]:
    """Why cached: plans repeat their phrases (年底前, 持续推进), and validate, the checks of
    progress and the queries each read every deadline; the reading depends on the text and
    the context alone, and milestones are frozen."""
    reader = _Reader(context)
    milestones: list[Milestone] = []
    for sentence in _SENTENCES.split(text):
        milestones += reader.sentence(sentence.strip())
    return tuple(milestones), tuple(reader.unread)


def read_deadline(text: str, context: date | None = None) -> list[Milestone]:
    """Every milestone in a deadline text; an empty list when nothing can be read."""
    return read(text, context).milestones


@dataclass
class _Draft:
    kind: Kind
    date: Day | None = None
    start: Day | None = None
    first: Day | None = None
    event: str | None = None
    approximate: bool = False
    contextual: bool = False
    note: str | None = None
    day: int | None = None
    until: Day | None = None
    absorbs: bool = False  # takes up the start in the segment before it
    segments: list[str] = field(default_factory=list)

    def build(self) -> Milestone:
        return Milestone(self.date, self.kind, "，".join(self.segments), self.start, self.first, self.event,
                         self.approximate, self.contextual, self.note, self.day, self.until)


class _Reader:
    def __init__(self, context: Day | None) -> None:
        self.context = context
        self.year: int | None = None  # the last year named: a later month without one is in it
        self.year_contextual = False
        self.unread: list[str] = []
        self.last_date: date | None = None  # the last deadline read: 此后每年… starts after it

    # ------------------------------------------------------------------ sentences and segments

    def sentence(self, sentence: str) -> list[Milestone]:
        groups: list[_Draft] = []
        pending: list[str] = []  # leading segments with nothing of their own
        bare = False  # the last segment was only a time: what follows is its work
        lead: tuple[str, str] | None = None  # the segment before, which may name the event a count starts from
        for segment in (s.strip() for s in _SEGMENTS.split(sentence)):
            if not segment:
                continue
            norm = normalize(segment)
            # A start or a period just before: a recurrence or a count of years here may build on it.
            prior = groups[-1] if groups and groups[-1].kind in (Kind.START, Kind.PERIOD) and not pending else None
            drafts, used = self.segment(norm, segment, prior, lead)
            lead = None if drafts else (norm, segment)  # words only (自购买之日起): a count after may start there
            self._unread(norm, segment, used)
            if drafts:
                if drafts[0].absorbs and prior is not None:
                    groups.pop()
                    drafts[0].segments = [*prior.segments]
                for d in drafts:
                    d.segments = [*d.segments, *pending, segment]
                groups += drafts
                self.last_date = next((d.date for d in reversed(drafts) if d.date is not None), self.last_date)
                pending = []
                bare = _only_time(norm, used)
                continue
            kind = None if bare else _kind_of(norm)
            bare = False
            if kind is not None and not (groups and groups[-1].kind is kind):
                day = self.context if kind is Kind.IMMEDIATE else None
                groups.append(_Draft(kind, date=day, contextual=day is not None, segments=[*pending, segment]))
                pending = []
            elif groups:
                groups[-1].segments.append(segment)
            else:
                pending.append(segment)
        return [g.build() for g in groups]

    def _unread(self, norm: str, original: str, used: list[tuple[int, int]]) -> None:
        """Words that look like a time and were not used; adjacent ones as one (2023年2月29日)."""
        spans: list[tuple[int, int]] = []
        for m in DATE_LIKE.finditer(norm):
            if any(a < m.end() and m.start() < b for a, b in used):
                continue
            if m.group().startswith("一年") and norm[max(0, m.start() - 1):m.start()] in ("上", "下"):
                continue  # 上一年度, 下一年: a year named by its place, not a time to read
            if spans and spans[-1][1] == m.start():
                spans[-1] = (spans[-1][0], m.end())
            else:
                spans.append((m.start(), m.end()))
        self.unread += [original[a:b] for a, b in spans]

    def segment(self, norm: str, original: str, prior: _Draft | None,
                lead: tuple[str, str] | None = None) -> tuple[list[_Draft], list[tuple[int, int]]]:
        """The milestones a segment names and the spans of the words used for them.

        lead: the segment before in the sentence (normalized, as written): 自购买之日起，七天内 counts from it.
        """
        tokens = tokenize(norm)
        drafts: list[_Draft] = []
        used: list[tuple[int, int]] = []
        last_end = 0  # where the last used token ended
        last_draft_end = -1  # where the last draft's words ended (for a start taken up by a recurrence)
        i = 0
        while i < len(tokens):
            t = tokens[i]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            between = norm[t.end:nxt.start if nxt else len(norm)]
            before = norm[last_end:t.start]
            opener = None  # a start or period just before, in this segment or the sentence's last segment
            here = False
            if drafts and drafts[-1].kind in (Kind.START, Kind.PERIOD) and _JOIN.fullmatch(norm[last_draft_end:t.start]):
                opener, here = drafts[-1], True
            elif not drafts and prior is not None:
                opener = prior
            then = tokens[i + 2] if i + 2 < len(tokens) else None
            following = (then, norm[nxt.end:then.start] if nxt is not None and then is not None else "")
            if t.kind == "dur" and not drafts and lead is not None and not before.strip() and _EVENT.match(lead[0]):
                before, original_before = lead  # the event is the segment before: 自购买之日起，七天内
                result = self._token(t, nxt, before, between, original_before, opener, here, following, offset=0)
            else:
                result = self._token(t, nxt, before, between, original, opener, here, following)
            if result is None:
                i += 1
                continue
            draft, consumed = result
            if opener is not None and draft.absorbs:
                if drafts and opener is drafts[-1]:
                    drafts.pop()
                    draft.absorbs = False
            elif draft.absorbs:
                draft.absorbs = False
            drafts.append(draft)
            end = tokens[i + consumed - 1].end
            used += [(x.start, x.end) for x in tokens[i:i + consumed]]
            # the start's own word (起, 开始) belongs to it
            tail = _START_AFTER.match(norm, end)
            last_draft_end = tail.end() if tail and draft.kind is Kind.START else end
            last_end = end
            i += consumed
        return drafts, used

    # ------------------------------------------------------------------ one token

    def _token(self, t: Token, nxt: Token | None, before: str, between: str, original: str,
               opener: _Draft | None, here: bool, following: tuple[Token | None, str],
               offset: int | None = None) -> tuple[_Draft, int] | None:
        """The milestone that starts at token `t`, and how many tokens it takes; None when `t` is not used.

        before: the words since the last used token; between: the words up to the next token;
        opener: a start or period just before (here: in this segment); following: the token after next.
        """
        if t.kind == "every":
            if opener is None and self.last_date is not None and re.search(r"(?:此后|以后|之后|今后)\s*$", before):
                opener = _Draft(Kind.START, start=dates.add_days(self.last_date, 1))  # 此后每年: after the last deadline
            return self._every(t, nxt, between, opener, here, following)
        if t.kind == "dur":
            start = opener if opener is not None and opener.kind is Kind.START else None
            draft = self._duration(t, before, original, start, offset)
            return None if draft is None else (draft, 1)
        if t.kind == "since":
            return self._since(t, original), 1
        if year_only(t) and _YEAR_THEN_EVENT.match(between):
            return None  # 2022年汛期前: before an event of that year, not its end; left unread
        span = self._span(t)
        if span is None:
            return None
        base = _Draft(Kind.BY_DATE, date=span.end, approximate=span.approximate, contextual=span.contextual,
                      note=span.note)
        if nxt is not None and nxt.kind in _POINTS and _RANGE_GAP.fullmatch(between):
            return self._range(span, nxt, base), 2
        if _START_BEFORE.search(before) or _START_AFTER.match(between):
            if nxt is not None and nxt.kind == "dur" and re.fullmatch(r"\s*(?:起|开始)?\s*的?\s*", between):
                draft = self._counted(nxt, span.start, original[t.start:t.end], False, base)
                if draft is not None:
                    return draft, 2
            return replace(base, kind=Kind.START, date=None, start=span.start), 1
        if _AFTER_AFTER.match(between) and t.kind != "holiday":
            if nxt is not None and nxt.kind == "dur" and re.fullmatch(r"\s*(?:以后|之后|后)\s*的?\s*", between):
                draft = self._counted(nxt, span.end, original[t.start:t.end], False, base)
                if draft is not None:
                    return draft, 2
            return replace(base, kind=Kind.START, date=None, start=dates.add_days(span.end, 1)), 1
        if _TARGET_BEFORE.search(before):
            return replace(base, kind=Kind.TARGET), 1
        return self._plain(t, span, between, base), 1

    def _plain(self, t: Token, span: Span, between: str, base: _Draft) -> _Draft:
        if t.kind in ("years", "months") or t.get("ry") == "今明两":
            return replace(base, kind=Kind.PERIOD, start=span.start)
        if t.kind == "plan":
            fs = t.get("fs") or ""
            if fs in ("期间", "时期", "期内", "内"):
                return replace(base, kind=Kind.PERIOD, start=span.start)
            if fs == "以来":
                return replace(base, kind=Kind.START, date=None, start=span.start)
            if fs in ("中期", "初期"):
                year = span.start.year + (2 if fs == "中期" else 0)
                return replace(base, date=date(year, 12, 31), approximate=True,
                               note=f"“{fs}”按该五年规划第{3 if fs == '中期' else 1}年年底")
            return base  # 末, 期末, 末期
        if t.kind == "holiday":
            if re.match(r"\s*(?:之?前|以前)(?!后)", between):
                return replace(base, date=dates.add_days(span.end, -1), note=(span.note or "") + "；节前按节日前一天")
            return base
        if re.match(r"\s*(?:前后|左右)", between):
            return replace(base, approximate=True, note=(span.note + "；" if span.note else "") + "“前后”按该日")
        return base

    def _range(self, span: Span, nxt: Token, base: _Draft) -> _Draft:
        """A至B, A—B, A到B: one period ending at B (B without a year is in A's year, or the next when it falls before A)."""
        second = self._span(nxt)
        note = None
        if second is not None and second.end < span.start and not second.explicit:
            self.year = span.start.year + 1
            second = self._span(nxt)
            note = "终点早于起点，按跨年读"
        if second is None:
            return replace(base, kind=Kind.START, date=None, start=span.start)  # B unreadable: it stays unread
        return _Draft(Kind.PERIOD, date=second.end, start=span.start,
                      approximate=span.approximate or second.approximate,
                      contextual=span.contextual or second.contextual,
                      note=note or second.note or span.note)

    # ------------------------------------------------------------------ years, months, days

    def _year(self, t: Token) -> tuple[int, bool, bool] | None:
        """(year, explicit, contextual) for a token, from its own words, the text's last year, or the context."""
        if t.get("y") is not None:
            year = number(t.groups["y"])
            return None if year is None else (year, True, False)
        ry = t.get("ry")
        ctx = self.context.year if self.context else None
        if ry is not None:
            if ry in ("当", "同"):
                year = self.year if self.year is not None else ctx
                return None if year is None else (year, False, self.year is None or self.year_contextual)
            if ry in ("次", "翌", "下一") and self.year is not None:
                return self.year + 1, False, self.year_contextual
            if ctx is None:
                return None
            offset = {"今": 0, "本": 0, "今明两": 0, "明": 1, "次": 1, "翌": 1, "下一": 1, "后": 2, "去": -1}[ry]
            return ctx + offset, False, True
        if self.year is not None:
            return self.year, False, self.year_contextual
        if ctx is not None:
            return ctx, False, True
        return None

    def _span(self, t: Token) -> Span | None:
        if t.kind == "plan":
            spans = [dates.five_year_plan(n) if n is not None else None for n in plan_numbers(t.groups["terms"])]
            if not spans or None in spans:
                return None
            first, last = min(s[0] for s in spans if s), max(s[1] for s in spans if s)
            return Span(first, last, True, False)
        if t.kind == "iso":
            day = dates.make(int(t.groups["y"]), int(t.groups["m"]), int(t.groups["d"]))
            return None if day is None else self._placed(Span(day, day, True, False))
        if t.kind == "years":
            y1, y2 = number(t.groups["y1"]), number(t.groups["y2"])
            if y1 is None or y2 is None or y2 < y1:
                return None
            opening, closing = dates.make(y1, 1, 1), dates.make(y2, 12)
            if opening is None or closing is None:
                return None
            return self._placed(Span(opening, closing, True, False))
        if t.kind == "holiday":
            return self._holiday(t)
        if t.kind == "months":
            return self._months(t)
        if t.kind == "rel":
            return self._relative_month(t)
        year = self._year(t)
        if year is None:
            return None
        y, explicit, contextual = year
        span = body(t, y)
        if span is None:
            return None
        if t.get("ry") == "今明两":
            closing = dates.make(y + 1, 12)
            if closing is None:
                return None
            span = Span(span.start, closing, False, True)
        return self._placed(replace(span, explicit=explicit, contextual=contextual or span.contextual))

    def _months(self, t: Token) -> Span | None:
        """2022年1—6月: from the first month's first day to the last month's end (the next year's if it is earlier)."""
        year = self._year(t)
        first, last = number(t.groups["m1"]), number(t.groups["m"])
        if year is None or first is None or last is None:
            return None
        y, explicit, contextual = year
        opening = dates.make(y, first, 1)
        closing = dates.make(y + (1 if last < first else 0), last)
        if opening is None or closing is None:
            return None
        return self._placed(Span(opening, closing, explicit, contextual))

    def _relative_month(self, t: Token) -> Span | None:
        """本月底, 下月10日, 本季度末: the context date's month or quarter, or the one after (before)."""
        if self.context is None:
            return None
        word = t.get("rm") or t.get("rq") or ""
        offset = 1 if word[0] == "下" else -1 if word[0] == "上" else 0
        groups = {k: v for k, v in t.groups.items() if k in ("d", "x", "mp", "qp")}
        if "rm" in t.groups:
            index = self.context.year * 12 + self.context.month - 1 + offset
            year, month = divmod(index, 12)
            groups["m"] = str(month + 1)
        else:
            index = self.context.year * 4 + (self.context.month - 1) // 3 + offset
            year, quarter = divmod(index, 4)
            groups["q"] = str(quarter + 1)
        span = body(Token("point", t.start, t.end, groups), year)
        return None if span is None else self._placed(replace(span, contextual=True))

    def _placed(self, span: Span) -> Span:
        self.year, self.year_contextual = span.end.year, span.contextual
        return span

    def _holiday(self, t: Token) -> Span | None:
        name = _HOLIDAYS.get(t.groups["hol"])
        if name is None:
            return None
        note = "春节按农历正月初一" if name == "春节" else f"{name}按{'1月1日' if name == '元旦' else '5月1日' if name == '劳动节' else '10月1日'}"
        carried = self.year is not None and not self.year_contextual
        if t.get("y") is not None or t.get("ry") is not None or carried:
            year = self._year(t)
            if year is None:
                return None
            day = dates.holiday(name, year[0])
            contextual = year[2]
        else:
            if self.context is None:
                return None
            # No year: the next one from the context date (元旦前 in a September plan is the coming 元旦).
            day = dates.holiday(name, self.context.year)
            if day is not None and day < self.context:
                day = dates.holiday(name, self.context.year + 1)
            contextual = True
        if day is None:
            return None
        return self._placed(Span(day, day, False, contextual, True, note))

    # ------------------------------------------------------------------ recurrences, counts, events

    def _every(self, t: Token, nxt: Token | None, between: str, opener: _Draft | None,
               here: bool, following: tuple[Token | None, str]) -> tuple[_Draft, int]:
        """每年…, 每季度末, 每月10日: a recurrence; a start before it is its start, a period its span.

        A period in the segment before (2021年11月至2022年3月开展，每季度末报送) stays a milestone of
        its own and bounds the recurrence; one in the same segment (“十四五”期间每年…) is taken up.
        """
        unit = t.groups["every"]
        if unit in ("周", "星期", "旬"):
            return _Draft(Kind.ONGOING, note=f"每{unit}一次，按持续处理"), 1
        kind = _EVERY[unit]
        position: tuple[int, int | None] | None = None
        approximate, note = False, None
        consumed = 1
        if kind is Kind.YEARLY:
            if nxt is not None and nxt.kind in ("point", "bare") and "y" not in nxt.groups and "ry" not in nxt.groups \
                    and re.fullmatch(r"\s*的?\s*", between):
                position, approximate, note = position_in_year(nxt)
                if position is not None:
                    consumed = 2
                    then, gap = following
                    if then is not None and then.kind == "point" and "y" not in then.groups \
                            and _RANGE_GAP.fullmatch(gap):
                        # 每年11月至次年3月: a yearly period, due at its end
                        end, approximate, note = position_in_year(then)
                        if end is not None:
                            position, consumed = end, 3
                            note = "每年的期间按其终点"
        elif kind is Kind.MONTHLY:
            if t.get("ed") is not None:
                day = number(t.groups["ed"])
                position = (1, day) if day is not None and 1 <= day <= 31 else None
            elif t.get("ex") is not None:
                position = (1, {"上": 10, "中": 20}.get(t.groups["ex"]))
            elif t.get("ep") in ("末", "底"):
                position = (1, None)
            elif t.get("ep") in ("初", "中"):
                position, approximate = (1, 10 if t.groups["ep"] == "初" else 15), True
                note = "月初按10日" if t.groups["ep"] == "初" else "月中按15日"
        elif t.get("ep") in ("末", "底"):
            position = (STEP[kind], None)
        draft = _Draft(kind, approximate=approximate, note=note)
        if opener is not None:
            draft.start, draft.absorbs = opener.start, here or opener.kind is Kind.START
            if opener.kind is Kind.PERIOD:
                draft.until = opener.date
            draft.contextual = opener.contextual
        if position is not None:
            draft.day = position[1]
            anchor = draft.start or self.context
            draft.first = None if anchor is None else first_occurrence(kind, position, anchor)
        return draft, consumed

    def _duration(self, t: Token, before: str, original: str, opener: _Draft | None,
                  offset: int | None = None) -> _Draft | None:
        """30日内, 三个月内, 用3年时间: counted from the event named before it (in `original` from `offset`),
        else from the start before it, else (years) from the plan's year or (shorter) from the plan's date."""
        m = _EVENT.match(before)
        if offset is None:
            offset = t.start - len(before)
        if m and m["ev"]:
            event = original[offset + m.start("ev"):offset + m.end("ev")]
            own = _OWN_ISSUE.fullmatch(m["ev"]) is not None
            base = _Draft(Kind.RELATIVE, event=event)
            if own and self.context is not None:
                return self._counted(t, self.context, event, True, base)
            return base if count(t) is not None else None
        amount = count(t)
        if amount is None:
            return None
        n, unit = amount
        if unit == "年" and n % 12 == 0:
            years = n // 12
            if opener is not None and opener.start is not None:
                year = opener.start.year
                draft = _Draft(Kind.TARGET, absorbs=True, approximate=True, contextual=opener.contextual,
                               start=opener.start, note=f"自{year}年起算，当年为第一年")
            elif self.context is not None:
                year = self.context.year
                draft = _Draft(Kind.TARGET, approximate=True, contextual=True,
                               note=f"按成文年份{year}年起算，当年为第一年")
            else:
                return _Draft(Kind.TARGET, approximate=True, note="没有起算年份")
            draft.date = dates.make(year + years - 1, 12)
            return draft if draft.date is not None else None
        if self.context is None:
            return _Draft(Kind.RELATIVE, event="方案印发", approximate=True, note="未写起算事件")
        base = _Draft(Kind.RELATIVE, event="方案印发", approximate=True, note="未写起算事件，按成文日期起算")
        return self._counted(t, self.context, "方案印发", True, base)

    def _counted(self, t: Token, origin: Day, event: str, contextual: bool, base: _Draft) -> _Draft | None:
        """A deadline `t` (30日内, 三个月内, 15个工作日内) after `origin` (the day itself not counted)."""
        amount = count(t)
        if amount is None:
            return None
        n, unit = amount
        if unit == "月" or unit == "年":
            day = dates.add_months(origin, n)
        elif unit == "工作日":
            day = dates.add_workdays(origin, n)
        else:
            day = dates.add_days(origin, n)
        if day is None:
            return None
        note = base.note
        approximate = base.approximate
        if unit == "工作日":
            approximate, note = True, "工作日只除去周末，未计节假日和调休"
        return replace(base, kind=Kind.RELATIVE, date=day, event=event, contextual=contextual or base.contextual,
                       approximate=approximate, note=note, start=None)

    def _since(self, t: Token, original: str) -> _Draft:
        """本方案印发之日起 (with no count after it), 即日起: from the plan's date on."""
        if t.get("today") is not None:
            return _Draft(Kind.START, start=self.context, contextual=self.context is not None, event="即日")
        event = original[t.start:t.start + len(t.groups["ev"])]  # the pattern starts with the event
        own = _OWN_ISSUE.fullmatch(t.groups["ev"]) is not None and self.context is not None
        return _Draft(Kind.START, start=self.context if own else None, contextual=own, event=event)


_YEAR_THEN_EVENT = patterns.compile(r"(?!完成|全面|基本|初步|已|起|开始|以来|以后|之后|后|前|以前|之前)[\u4e00-\u9fff]{1,4}?(?:之前|以前|前)")


def _only_time(norm: str, used: list[tuple[int, int]]) -> bool:
    rest = "".join(c for i, c in enumerate(norm) if not any(a <= i < b for a, b in used))
    return _BARE.fullmatch(rest) is not None


def _kind_of(segment: str) -> Kind | None:
    for kind, pattern in _KINDS:
        if pattern.search(segment):
            return kind
    return None
