"""casplan.diff.report_markdown: the golden pull-request comment, escaping, the length limit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from casplan.diff import report_markdown
from casplan.diff.compare import compare
from casplan.diff.report_markdown import esc, esc_html, render
from casplan.diff.snapshot import snapshot
from casplan.diff.sources import Side
from diff_helpers import NEW, OLD, edit

GOLDEN = Path(__file__).parent / "golden"


def result():  # type: ignore[no-untyped-def]
    return compare(snapshot(Side("旧版", "目录“old”", OLD)), snapshot(Side("新版", "目录“new”", NEW)))


def test_golden_markdown(golden: Callable[[Path, str], None]) -> None:
    golden(GOLDEN / "old-new.md", render(result()))


def test_summary_table_then_details() -> None:
    text = render(result())
    table_end = text.index("<details>")
    assert "| 任务 | 2 | 1 | 5 | 1 | 1 |" in text[:table_end]
    assert text.count("<details>") == text.count("</details>") == 11 + 4  # items, then parts, notice, registries, progress


def test_no_change() -> None:
    same = compare(snapshot(Side("旧版", "HEAD", OLD)), snapshot(Side("新版", "工作区", OLD)))
    assert render(same) == "### casplan diff：旧版 HEAD → 新版 工作区\n\n没有改动。\n"


def test_escaping() -> None:
    assert esc("a|b <i>*x*</i> & [l](u) _y_\n") == "a\\|b &lt;i&gt;\\*x\\*&lt;/i&gt; &amp; \\[l\\](u) \\_y\\_↵"
    assert esc_html("<b>*x*</b> & _y_") == "&lt;b&gt;*x*&lt;/b&gt; &amp; _y_"


def test_broken_side_warns_and_lists_its_errors(plan_copy: Callable[[str], Path]) -> None:
    new = plan_copy("new")
    edit(new, "sections/01-创新平台.yaml", ("牵头部门: [财务处]", "牵头部门: [财物处]"))
    text = render(compare(snapshot(Side("旧版", "HEAD", OLD)), snapshot(Side("新版", "工作区", new))))
    assert "> **注意**：新版（工作区）未通过校验：1 个错误；以下按能读出的内容比较。\n" in text
    assert "<summary>新版的 1 个错误</summary>" in text
    assert "error[unknown-department] 未知部门“财物处”（是否为“财务处”？）" in text


def test_a_long_diff_is_cut_below_the_comment_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_markdown, "LIMIT", 2500)
    text = render(result())
    assert len(text) < 2700
    assert text.rstrip().endswith("完整内容请运行 casplan diff。）")
    assert text.count("<details>") == text.count("</details>") < 15


def test_it_renders_as_a_comment_would() -> None:
    """Rendered as GitHub does (CommonMark with tables, HTML allowed): two tables, then lists inside <details>."""
    from markdown_it import MarkdownIt  # rich's own dependency

    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(render(result()))
    assert html.count("<table>") == 2
    blocks = html.split("<details>")[1:]
    assert len(blocks) == 15
    assert all("<summary>" in b and "<ul>\n<li>" in b and "</details>" in b for b in blocks)
    assert "<del>6</del><ins>9</ins>" in html and "<del>" in html
    assert "\\" not in html and "**" not in html  # no escape or mark shows through
