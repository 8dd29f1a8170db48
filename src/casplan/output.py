"""Query output: a table for people; json, csv and yaml for programs and spreadsheets.

Tables fold long cells instead of cutting them (rich counts a CJK character as
two cells, so columns align). With stdout not a terminal, or NO_COLOR set,
there is no colour and no box drawing. CSV starts with a UTF-8 BOM so that
Excel on a Chinese Windows opens it without mojibake.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any, TextIO


_MIN_FOLD = 8  # cells: four Chinese characters a line is the least a folding column gets


class DataFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    YAML = "yaml"


def plain(value: Any) -> str:
    """A cell as text: lists joined with 、 (a trailing 等 joins without one)."""
    if isinstance(value, list):
        if value and value[-1] == "等":
            return "、".join(str(v) for v in value[:-1]) + "等"
        return "、".join(str(v) for v in value)
    return "" if value is None else str(value)


def _broken_pipe() -> None:
    # Let the CLI's one handler end the run (quietly, status 141) instead of rich's SystemExit(1).
    raise BrokenPipeError


def table(columns: Sequence[str], cells: Sequence[Sequence[str]], out: TextIO | None = None,
          title: str | None = None, keep: Sequence[str] = ()) -> None:
    """Print a table; columns named in `keep` never wrap (ids, dates), the others fold."""
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    out = out or sys.stdout
    no_color = bool(os.environ.get("NO_COLOR"))  # https://no-color.org: set and not empty
    console = Console(file=out, no_color=no_color, highlight=False, soft_wrap=False)
    console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]  # rich would exit 1 itself
    fancy = console.is_terminal and not no_color
    grid = Table(
        title=title,
        box=box.SIMPLE_HEAD if fancy else None,
        show_edge=False,
        pad_edge=False,
        header_style="bold" if fancy else "",
        title_style="bold" if fancy else "",
    )
    # Short columns (ids, dates) stay on one line only while the folding ones keep room to
    # show their text; on a narrow terminal every column folds rather than vanish.
    widths = [max([cell_len(name), *(cell_len(row[i]) for row in cells)]) for i, name in enumerate(columns)]
    folding = [i for i, name in enumerate(columns) if name not in keep]
    fixed = sum(w for i, w in enumerate(widths) if i not in folding)
    room = console.width - fixed - 2 * (len(columns) - 1)
    keep_whole = not folding or room >= _MIN_FOLD * len(folding)
    # Each column's floor: what it needs, at most an even share of the width (2 cells, one 字, at least).
    share = max(2, (console.width - 2 * (len(columns) - 1)) // len(columns))
    for i, name in enumerate(columns):
        if name in keep and keep_whole:
            grid.add_column(name, no_wrap=True, min_width=widths[i])
        else:
            floor = min(widths[i], _MIN_FOLD if keep_whole else share)
            grid.add_column(name, overflow="fold", min_width=floor, ratio=1)
    for row in cells:
        grid.add_row(*row)
    console.print(grid)


def write_records(records: list[dict[str, Any]], fmt: DataFormat, out: TextIO | None = None) -> None:
    """json, csv or yaml: one object per row, the YAML's own keys; always UTF-8."""
    if fmt is DataFormat.JSON:
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    elif fmt is DataFormat.YAML:
        import yaml

        text = yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=4096) if records else "[]\n"
    elif fmt is DataFormat.CSV:
        text = to_csv(records)
    else:  # pragma: no cover - tables go through table()
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
    writer = csv.DictWriter(buffer, fieldnames=keys, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: plain(v) for k, v in record.items()})
    return "\ufeff" + buffer.getvalue()
