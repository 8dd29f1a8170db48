"""Heading numbers as GB/T 9704-2012 7.3.3 writes them: 一、（一）1.（1）."""

from __future__ import annotations

from casplan.blocks import Role

_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 21 → 二十一, 100 → 一百 (enough for any plan)."""
    if n <= 0:
        raise ValueError(f"heading numbers start at 1, got {n}")
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + chinese_number(rest) if rest < 10 else
                                 ("一" if rest < 20 else "") + chinese_number(rest))
    return _DIGITS[hundreds] + "百" + tail


def label(role: Role, n: int) -> str:
    """The printed number of heading `n` at the role's level."""
    if role is Role.LEVEL1:
        return f"{chinese_number(n)}、"
    if role is Role.LEVEL2:
        return f"（{chinese_number(n)}）"
    if role is Role.LEVEL3:
        return f"{n}."
    if role is Role.LEVEL4:
        return f"（{n}）"
    raise ValueError(f"{role.value} is not a heading")
