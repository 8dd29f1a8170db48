"""Numbers as plans write them: 2021, ２０２１, 二〇二一, 十二, 二十八, 一百二十 — or None, never an exception."""

from __future__ import annotations

_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZEROS = frozenset("〇○零")


def number(text: str) -> int | None:
    """The value of a numeral, or None when it is not a well-formed one (十十, 九五十, 二〇十一)."""
    if not text or len(text) > 8:
        return None
    if text.isascii():
        return int(text) if text.isdigit() else None
    if all(c in _DIGITS for c in text):
        # Digit by digit, as years are written: 二〇二一 → 2021, 三 → 3.
        return int("".join(str(_DIGITS[c]) for c in text))
    return _positional(text)


def _positional(text: str) -> int | None:
    """十二, 二十八, 一百零五: digits before units, each unit smaller than the last."""
    total = 0
    current: int | None = None
    last_unit = 10_000
    for c in text:
        if c in _UNITS:
            unit = _UNITS[c]
            if unit >= last_unit:
                return None  # 十十, 十百
            total += (1 if current is None else current) * unit
            current, last_unit = None, unit
        elif c in _ZEROS and current is None:
            continue  # 一百零五: a place holder
        elif c in _DIGITS:
            if current is not None:
                return None  # two digits in a row inside a positional numeral: 九五十
            current = _DIGITS[c]
        else:
            return None
    if current is not None:
        if current >= last_unit:
            return None
        total += current
    return total
