"""Breaking a title that is too wide for the 版心 into centred lines, between words (7.3.1).

"标题回行时，要做到词意完整，排列对称，长短适宜，间距恰当." A title's own line breaks
(the plan's) are kept; a line wider than the 版心 is broken only where a word
ends: after punctuation and closing brackets, before opening brackets, around
the joining words 的、和、与、及、关于、在 and the endings 方案、通知、意见、办法.
Of the breaks that fit, the one whose lines are the most even wins (梯形/菱形).
"""

from __future__ import annotations

from collections.abc import Callable

_AFTER = set("，、；：》）」』”")
_BEFORE = set("《（「『“")
_JOIN_AFTER = ("的", "和", "与", "及", "关于", "印发", "精神", "讲话")
_JOIN_BEFORE = ("关于", "在", "重点", "贯彻", "督办", "工作")


def break_points(text: str) -> list[int]:
    """Indices i where a line may end before text[i]."""
    points = set()
    for i in range(1, len(text)):
        before, after = text[:i], text[i:]
        if before[-1] in _AFTER or after[0] in _BEFORE:
            points.add(i)
        elif any(before.endswith(w) for w in _JOIN_AFTER) or any(after.startswith(w) for w in _JOIN_BEFORE):
            points.add(i)
    # never leave a closing mark or a lone character at a line's start or end
    return sorted(i for i in points if text[i] not in _AFTER and 1 < i < len(text) - 1)


def break_title(text: str, width: Callable[[str], float], room: float) -> list[str]:
    """`text` as lines each at most `room` wide (by `width`), broken at word ends, as even as possible.

    A line that no word end can shorten enough stays whole: the engine then breaks it.
    """
    if width(text) <= room:
        return [text]
    points = break_points(text)
    best: tuple[float, list[str]] | None = None

    def search(start: int, lines: list[str]) -> None:
        nonlocal best
        rest = text[start:]
        if width(rest) <= room:
            done = lines + [rest]
            widths = [width(line) for line in done]
            # fewest lines first, then the most even (upper lines may be longer: 梯形)
            score = len(done) * 10_000 + (max(widths) - min(widths))
            if best is None or score < best[0]:
                best = (score, done)
            return
        if len(lines) >= 4:
            return
        for p in points:
            if p > start and width(text[start:p]) <= room:
                search(p, lines + [text[start:p]])

    search(0, [])
    return best[1] if best is not None else [text]
