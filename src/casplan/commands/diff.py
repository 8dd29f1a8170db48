"""`casplan diff [OLD] [NEW]`: what an edit of the plan means, between two versions."""

from __future__ import annotations

import sys
from pathlib import Path

from casplan.diff.compare import compare
from casplan.diff.sources import open_sides
from casplan.diff.snapshot import snapshot
from casplan.report import text_line

FORMATS = ("text", "markdown", "json")


def run(old: str | None, new: str | None, plan_option: Path | None, fmt: str, exit_code: bool) -> int:
    with open_sides(old, new, plan_option) as (old_side, new_side):
        result = compare(snapshot(old_side), snapshot(new_side))
    for snap in (result.old, result.new):
        # A broken side is still compared; its errors go to stderr, as validate would print them.
        for d in snap.errors:
            sys.stderr.write(f"{snap.side.role}：{text_line(d)}\n")
    if fmt == "json":
        from casplan.diff import report_json

        sys.stdout.write(report_json.render(result))
    elif fmt == "markdown":
        from casplan.diff import report_markdown

        sys.stdout.write(report_markdown.render(result))
    else:
        from casplan.diff import report_text

        sys.stdout.write(report_text.render(result, colour=report_text.use_colour(sys.stdout)))
    return 1 if exit_code and result.changed else 0
