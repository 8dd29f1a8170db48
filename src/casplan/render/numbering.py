"""Heading numbers as GB/T 9704-2012 7.3.3 writes them: 一、（一）1.（1）."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # chinese_number serves the queries too, which need no blocks
    from casplan.blocks import Role

_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 105 → 一百零五, 1010 → 一千零一十, 12345 → 一万二千三百四十五: any count."""
    if n <= 0:
        raise ValueError(f"heading numbers start at 1, got {n}")
    high, low = divmod(n, 10_000)
    if not high:
        text = _below_10k(low)
        return text[1:] if 10 <= n < 20 else text  # 十五, not 一十五
    head = chinese_number(high) + "万"
    if not low:
        return head
    return head + ("零" if low < 1000 else "") + _below_10k(low)


def _below_10k(n: int) -> str:
    out = ""
    pending_zero = started = False
    for place, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            pending_zero = started
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        out += _DIGITS[digit] + unit
        started = True
    return out


def label(role: Role, n: int) -> str:
    """The printed number of heading `n` at the role's level."""
    from casplan.blocks import Role

    if role is Role.LEVEL1:
        return f"{chinese_number(n)}、"
    if role is Role.LEVEL2:
        return f"（{chinese_number(n)}）"
    if role is Role.LEVEL3:
        return f"{n}."
    if role is Role.LEVEL4:
        return f"（{n}）"
    raise ValueError(f"{role.value} is not a heading")
