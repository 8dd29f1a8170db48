"""The diff as text for a terminal: colour when stdout is a terminal, none when piped or NO_COLOR is set."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from casplan.diff import wording as w
from casplan.diff.compare import ItemChange, Result, counts
from casplan.diff.textdiff import Op, plain, trimmed, visible

RESET, BOLD, RED, GREEN, YELLOW = "\x1b[0m", "\x1b[1m", "\x1b[31m", "\x1b[32m", "\x1b[33m"
_VERB_COLOUR = {"新增": GREEN, "删除": RED}


def use_colour(stream: TextIO, env: Mapping[str, str] | None = None) -> bool:
    """https://no-color.org: NO_COLOR set and not empty turns colour off; so does a pipe."""
    env = os.environ if env is None else env
    return not env.get("NO_COLOR") and stream.isatty()


def render(result: Result, colour: bool = False) -> str:
    paint = _Paint(colour)
    lines = [paint(BOLD, f"casplan diff：{w.side_line(result)}")]
    lines += [paint(RED, line) for line in w.broken_lines(result)]
    lines.append("")
    for change in result.items:
        lines += _item(change, paint)
    for title, entries in (
        ("部分", [line for p in result.parts for line in
                 [w.part_line(p), *([f"  标题：{_diff(p.title, paint)}"] if p.title else [])]]),
        ("通知", [f"{n.key}：{_diff(n.diff, paint)}" for n in result.notice]),
        ("名录", [w.entry_line(e) for e in result.registries]),
        ("进展", [f"{p.id} 状态：{w.status(p.old)} → {w.status(p.new)}" for p in result.progress or []]),
    ):
        if entries:
            lines.append(paint(BOLD, f"{title}："))
            lines += [f"  {e}" for e in entries]
    if lines[-1] != "":
        lines.append("")
    lines.append(w.summary_line(result, counts(result)))
    return "\n".join(lines) + "\n"


def _item(change: ItemChange, paint: _Paint) -> list[str]:
    verb, _, rest = w.headline(change).partition(" ")
    out = [paint(_VERB_COLOUR.get(verb, YELLOW), verb) + " " + rest]
    details: list[str] = w.facts(change) if change.change != "changed" else []
    move = w.move_line(change)
    if move:
        details.append(move)
    if change.reordered:
        details.append("调序：顺序改变（仍在原来的部分或任务中）")
    details += [w.names_line(c) for c in change.names]
    if change.deadline is not None:
        d = change.deadline
        if d.text:
            details.append(f"{d.label}：{_diff(d.text, paint)}")
        details += w.deadline_lines(d)
    details += [f"{f.label}：{_diff(f.diff, paint)}" for f in change.fields]
    return out + [f"  {line}" for line in details]


def _diff(ops: tuple[Op, ...], paint: _Paint) -> str:
    shown = tuple((tag, visible(text)) for tag, text in trimmed(ops))
    if not paint.colour:
        return plain(shown)
    colours = {"=": "", "-": RED, "+": GREEN}
    # Colour alone does not survive a copy and paste; keep the marks too.
    return "".join(paint(colours[tag], plain(((tag, text),))) for tag, text in shown)


class _Paint:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.colour and code else text
