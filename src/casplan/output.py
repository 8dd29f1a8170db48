"""Query output: a table for people; json, csv and yaml for programs and spreadsheets.

Tables are laid out here, by display width (a CJK character is two cells):
columns take the width their content needs, ids and dates are never broken,
long text folds with 避头尾 and never loses a character; when no table fits,
rows become cards. With stdout not a terminal, or NO_COLOR set, there is no
colour and no rule. CSV starts with a UTF-8 BOM so that
Excel on a Chinese Windows opens it without mojibake.
"""

from __future__ import annotations

import functools
import io
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from enum import Enum
from typing import Any, TextIO


_GAP = 2  # cells between columns
_MIN_TEXT = 8  # cells: four Chinese characters a line is the least a text column gets in a table

# 避头尾 (GB/T 15834 and common typesetting practice): marks that never start a line,
# and marks that never end one. A mark is kept with the character before (after) it.
NO_START = frozenset("，。、；：？！…‥）》〉」』】〕〗’”,.;:?!)]}%·～")
NO_END = frozenset("（《〈「『【〔〖‘“([{")


class DataFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    YAML = "yaml"


class ReportFormat(str, Enum):
    """How `validate` reports its diagnostics (casplan.report writes them)."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def plain(value: Any) -> str:
    """A cell as text: lists joined with 、 (a trailing 等 joins without one)."""
    if isinstance(value, list):
        if value and value[-1] == "等":
            return "、".join(str(v) for v in value[:-1]) + "等"
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


@functools.lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Terminal cells of one character: 2 for East Asian wide and full-width, 0 for combining marks."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


@functools.lru_cache(maxsize=65536)
def width(text: str) -> int:
    """Display width in terminal cells (a CJK character counts 2)."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


_WORD = re.compile(r"[A-Za-z0-9_\-.:/@%+#=~$]+")
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # where str.splitlines breaks


@functools.lru_cache(maxsize=1 << 16)
def _atoms(text: str) -> tuple[str, ...]:
    """Unbreakable pieces: a Latin word or number, or one character; 避头尾 marks glued to their neighbour."""
    pieces: list[str] = []
    i = 0
    while i < len(text):
        m = _WORD.match(text, i)
        end = m.end() if m else i + 1
        pieces.append(text[i:end])
        i = end
    atoms: list[str] = []
    glue_next = False
    for piece in pieces:
        if piece.isspace():
            atoms.append(piece)
            glue_next = False
            continue
        if atoms and not atoms[-1].isspace() and (glue_next or piece[0] in NO_START):
            atoms[-1] += piece
        else:
            atoms.append(piece)
        glue_next = piece[-1] in NO_END
    return tuple(atoms)


def wrap(text: str, cells: int) -> list[str]:
    """`text` folded into lines of at most `cells` display cells, never losing a character.

    Lines break between characters of CJK text and between Latin words; no line starts
    with a closing mark (，。、）” …) or ends with an opening one (（《“ …). Only a piece
    wider than the whole line is cut (Latin words in a very narrow column).
    """
    cells = max(cells, 2)
    if width(text) <= cells and not _BREAKS.search(text):
        return [text.strip()]  # what the loop below makes of a line that fits, without looking at each piece
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0
        for atom in _atoms(paragraph):
            w = width(atom)
            if atom.isspace():
                if line and used + w <= cells:
                    line, used = line + atom, used + w
                elif line:
                    lines.append(line.rstrip())
                    line, used = "", 0
                continue
            if used + w <= cells:
                line, used = line + atom, used + w
                continue
            if line:
                lines.append(line.rstrip())
                line, used = "", 0
            while w > cells:  # a piece wider than the line: cut it where it must be cut
                head, rest = _cut(atom, cells)
                lines.append(head)
                atom, w = rest, width(rest)
            line, used = atom, w
        lines.append(line.rstrip())
    return lines


def _cut(atom: str, cells: int) -> tuple[str, str]:
    used = 0
    for i, char in enumerate(atom):
        used += char_width(char)
        if used > cells:
            return atom[: max(i, 1)], atom[max(i, 1):]
    return atom, ""


def _min_width(cells: Sequence[str], keep: bool) -> int:
    """The narrowest a column (header first) may be: whole cells for a kept one; for text, four characters or its widest piece."""
    body = cells[1:]  # the header may fold, down to its widest piece (一 character, or （配 kept together)
    header = max((width(a) for a in _atoms(cells[0]) if not a.isspace()), default=2)
    if keep:
        return max([2, header, *(width(line) for c in body for line in c.splitlines())])
    widest = max((width(a) for c in body for a in _atoms(c) if not a.isspace()), default=0)
    return max(min(widest, 3 * _MIN_TEXT), _MIN_TEXT)


def column_widths(columns: Sequence[str], cells: Sequence[Sequence[str]], total: int,
                  keep: Sequence[str] = ()) -> list[int] | None:
    """Each column's width for a table `total` cells wide, or None when no table fits.

    Every column gets what its content needs when the table fits; otherwise kept columns
    (ids, dates) stay whole, the others start from their least and share the room by how
    much text they hold — the long text columns get most of it.
    """
    n = len(columns)
    room = total - _GAP * (n - 1)
    by_col = [[columns[i], *(row[i] for row in cells)] for i in range(n)]
    natural = [max(width(line) for c in col for line in c.splitlines() or [""]) for col in by_col]
    if sum(natural) <= room:
        return natural
    least = [min(natural[i], _min_width(by_col[i], columns[i] in keep)) for i in range(n)]
    if sum(least) > room:
        return None
    headed = [max(least[i], min(natural[i], width(columns[i]))) for i in range(n)]
    widths = headed if sum(headed) <= room else list(least)  # whole headers when there is room for them
    spare = room - sum(widths)
    for i in sorted(range(n), key=lambda k: natural[k]):  # a short column whole is cheaper than folded
        if natural[i] <= room // 4 and natural[i] - widths[i] <= spare:
            spare -= natural[i] - widths[i]
            widths[i] = natural[i]
    weight = [sum(width(c) for c in col[1:]) or 1 for col in by_col]
    while spare > 0:
        open_ = [i for i in range(n) if widths[i] < natural[i]]
        if not open_:
            break
        share = sum(weight[i] for i in open_)
        given = 0
        for i in open_:
            add = min(natural[i] - widths[i], spare * weight[i] // share)
            widths[i] += add
            given += add
        if given == 0:  # rounding left a few cells: give them to the heaviest open column
            i = max(open_, key=lambda k: weight[k])
            widths[i] += 1
            given = 1
        spare -= given
    return widths


def terminal_width(out: TextIO) -> int:
    """$COLUMNS if set, else the terminal's width, else 80 (a file or a pipe)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        if out.isatty():
            return os.get_terminal_size(out.fileno()).columns
    except (OSError, ValueError, AttributeError):
        pass
    return 80


def _fancy(out: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):  # https://no-color.org: set and not empty
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return out.isatty()
    except (ValueError, AttributeError):
        return False


def _pad(text: str, cells: int) -> str:
    return text + " " * (cells - width(text))


def table(columns: Sequence[str], cells: Sequence[Sequence[str]], out: TextIO | None = None,
          keep: Sequence[str] = ()) -> None:
    """Print a table folded to the terminal's width; no character is ever cut away.

    Columns named in `keep` (ids, dates) are never broken. When even that does not fit,
    each row is printed as a card, one `label  value` line per column. On a terminal
    (unless NO_COLOR) the header is bold and ruled; otherwise the output is plain text.
    """
    out = out or sys.stdout
    total = terminal_width(out)
    fancy = _fancy(out)
    bold, reset = ("\x1b[1m", "\x1b[0m") if fancy else ("", "")
    lines: list[str] = []
    widths = column_widths(columns, cells, total, keep)
    if widths is None:
        lines += _cards(columns, cells, total, bold, reset)
    else:
        lines += _rows([list(columns)], widths, bold, reset)
        if fancy:
            lines.append("─" * min(total, sum(widths) + _GAP * (len(widths) - 1)))
        lines += _rows([list(r) for r in cells], widths, "", "")
    out.write("".join(line + "\n" for line in lines))


def _rows(rows: list[list[str]], widths: list[int], bold: str, reset: str) -> list[str]:
    lines: list[str] = []
    for row in rows:
        folded = [wrap(cell, w) for cell, w in zip(row, widths)]
        for k in range(max(len(f) for f in folded)):
            parts = [_pad(f[k] if k < len(f) else "", w) for f, w in zip(folded, widths)]
            text = (" " * _GAP).join(parts).rstrip()
            lines.append(bold + text + reset if bold and text else text)
    return lines


def _cards(columns: Sequence[str], cells: Sequence[Sequence[str]], total: int, bold: str, reset: str) -> list[str]:
    label = max(width(c) for c in columns)
    lines: list[str] = []
    for n, row in enumerate(cells):
        if n:
            lines.append("")
        for name, cell in zip(columns, row):
            if not cell:
                continue
            for k, text in enumerate(wrap(cell, total - label - _GAP)):
                head = bold + _pad(name, label) + reset if k == 0 else " " * label
                lines.append((head + " " * _GAP + text).rstrip())
    return lines


def write_records(records: list[dict[str, Any]], fmt: DataFormat, out: TextIO | None = None) -> None:
    """json, csv or yaml: one object per row, the YAML's own keys; always UTF-8."""
    write_data(records, fmt, out)


def write_data(records: list[dict[str, Any]] | dict[str, Any], fmt: DataFormat, out: TextIO | None = None) -> None:
    """A list of records (json, csv or yaml) or one object (json or yaml), as UTF-8."""
    if fmt is DataFormat.JSON:
        import json  # only here: every command imports this module at start-up

        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    elif fmt is DataFormat.YAML:
        import yaml

        text = yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=4096) if records else "[]\n"
    elif fmt is DataFormat.CSV and isinstance(records, list):
        text = to_csv(records)
    else:  # pragma: no cover - tables go through table(); one object has no csv (the CLI offers none)
        raise ValueError(fmt)
    out = out or sys.stdout
    # Bytes where we can: a console's own encoding (GBK on a Chinese Windows) must not decide the file's.
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        out.write(text)


def to_csv(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    keys: list[str] = []
    for record in records:  # a key first seen in a later row goes after the key it follows there
        previous = None
        for k in record:
            if k not in keys:
                keys.insert(keys.index(previous) + 1 if previous is not None else len(keys), k)
            previous = k
    import csv  # only for --format csv

    writer = csv.DictWriter(buffer, fieldnames=keys, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: plain(v) for k, v in record.items()})
    return "\ufeff" + buffer.getvalue()
