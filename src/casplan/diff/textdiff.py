"""Character-level text diff: Chinese has no spaces, so the changed characters are marked, not lines.

A diff is a tuple of operations ("=", text), ("-", text), ("+", text). Pure
character matching splits a rewritten phrase at every common character (的,
和 …); an equal run of at most `MERGE` characters between two changes is
folded into them, so 年年底 → 3月底 reads as one replacement.
"""

from __future__ import annotations

import difflib
import re

Op = tuple[str, str]
MERGE = 2
_TOKEN = re.compile(r"[0-9A-Za-z]+|.", re.S)


def tokens(text: str) -> list[str]:
    """Each character on its own, but a run of Latin letters or digits as one (2021 → 2022 is one change)."""
    return _TOKEN.findall(text)


def char_diff(old: str, new: str) -> tuple[Op, ...]:
    """The operations that turn `old` into `new`, character by character (see `tokens`)."""
    raw: list[Op] = []
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(("=", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(("+", "".join(b[j1:j2])))
    return _normalize(_fold_short_equals(raw))


def _fold_short_equals(ops: list[Op]) -> list[Op]:
    out: list[Op] = []
    for k, (tag, text) in enumerate(ops):
        between = 0 < k < len(ops) - 1 and ops[k - 1][0] != "=" and ops[k + 1][0] != "="
        if tag == "=" and between and len(text) <= MERGE:
            out += [("-", text), ("+", text)]
        else:
            out.append((tag, text))
    return out


def _normalize(ops: list[Op]) -> tuple[Op, ...]:
    """Within each run of changes, all deletions first and then all insertions, each joined."""
    out: list[Op] = []
    run: dict[str, str] = {"-": "", "+": ""}

    def flush() -> None:
        for tag in ("-", "+"):
            if run[tag]:
                out.append((tag, run[tag]))
                run[tag] = ""

    for tag, text in ops:
        if tag == "=":
            flush()
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + text)
            else:
                out.append(("=", text))
        else:
            run[tag] += text
    flush()
    return tuple(out)


def trimmed(ops: tuple[Op, ...], context: int = 12) -> tuple[Op, ...]:
    """Long unchanged stretches cut to `context` characters around each change, with …."""
    out: list[Op] = []
    for k, (tag, text) in enumerate(ops):
        if tag != "=" or len(text) <= 2 * context + 1:
            out.append((tag, text))
        elif k == 0:
            out.append(("=", "…" + text[-context:]))
        elif k == len(ops) - 1:
            out.append(("=", text[:context] + "…"))
        else:
            out.append(("=", text[:context] + "…" + text[-context:]))
    if len(out) == 1 and out[0][0] == "=":  # nothing changed: nothing to show
        return ()
    return tuple(out)


def plain(ops: tuple[Op, ...]) -> str:
    """The diff without colour: [-deleted-]{+inserted+}, as `git diff --word-diff` writes it."""
    marks = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
    return "".join(marks[tag][0] + text + marks[tag][1] for tag, text in ops)


def visible(text: str) -> str:
    """A line break inside a one-line report shown as ↵ (titles keep their breaks in the plan)."""
    return text.replace("\r\n", "\n").replace("\n", "↵")
