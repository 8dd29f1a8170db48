"""The diff as markdown for a pull-request comment: a summary table, then details in <details> blocks.

GitHub renders <del> and <ins> inside markdown, so changed characters show
struck through and underlined. A comment holds at most 65,536 characters:
past `LIMIT`, the last details blocks are left out and the comment says so.
"""

from __future__ import annotations

from casplan.diff import wording as w
from casplan.diff.compare import ItemChange, Result, counts
from casplan.diff.textdiff import Op, trimmed, visible
from casplan.report import text_line

LIMIT = 60_000
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "\\|", "*": "\\*", "_": "\\_", "`": "\\`",
                         "[": "\\[", "]": "\\]", "\\": "\\\\", "~": "\\~"})


_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def esc(text: str) -> str:
    """Text for markdown: HTML and markdown's own marks escaped."""
    return visible(text).translate(_ESCAPE)


def esc_html(text: str) -> str:
    """Text inside an HTML block (<summary>), where markdown's backslash escapes would show as they are."""
    return visible(text).translate(_HTML)


def render(result: Result) -> str:
    head = [f"### casplan diff：{esc(w.side_line(result))}", ""]
    for line in w.broken_lines(result):
        head += [f"> **注意**：{esc(line)}", ">"]
    if head[-1] == ">":
        head[-1] = ""
    if not result.changed:
        return "\n".join([*head, "没有改动。", *_errors(result)]) + "\n"
    head += _summary(result)
    blocks = [_item(change) for change in result.items]
    for title, entries in (
        ("部分", [esc(w.part_line(p)) + (f"<br>标题：{_diff(p.title)}" if p.title else "") for p in result.parts]),
        ("通知", [f"{n.key}：{_diff(n.diff)}" for n in result.notice]),
        ("名录", [w.entry_line(e) for e in result.registries]),
        ("进展", [f"{p.id} 状态：{w.status(p.old)} → {w.status(p.new)}" for p in result.progress or []]),
    ):
        if entries:
            # registry and progress lines are plain text; notice and part lines are already escaped
            shown = entries if title in ("通知", "部分") else [esc(e) for e in entries]
            blocks.append(_details(f"{title}（{len(entries)} 处）", [f"- {e}" for e in shown]))
    tail = _errors(result)
    text = "\n".join(head)
    kept = 0
    for block in blocks:
        if len(text) + len(block) + sum(map(len, tail)) > LIMIT:
            break
        text += "\n" + block + "\n"
        kept += 1
    if kept < len(blocks):
        text += f"\n\n（篇幅所限，另有 {len(blocks) - kept} 项未列出；完整内容请运行 casplan diff。）\n"
    return text + "".join("\n" + line for line in tail) + "\n"


def _summary(result: Result) -> list[str]:
    table = counts(result)
    out = ["| | " + " | ".join(w.COLUMNS.values()) + " |", "|---|" + "---:|" * len(w.COLUMNS)]
    out += [f"| {kind} | " + " | ".join(str(v) for v in row.values()) + " |"
            for kind, row in table.items() if kind == "任务" or any(row.values())]
    others = [(len(result.notice), "通知 {} 处"), (len(result.registries), "名录 {} 处"), (len(result.progress or []), "进展 {} 项")]
    other = "，".join(fmt.format(n) for n, fmt in others if n)
    out += ["", other + "。"] if other else []
    if result.items:
        out += ["", "| 改动 | 编号 | 位置 | 事项 | 内容 |", "|---|---|---|---|---|"]
        for c in result.items:
            out.append(f"| {w.verb(c)} | `{c.id}` | {esc(c.item.where)} | {esc(w.short(c.item.text, 24))} | {esc(w.aspects(c))} |")
    return [*out, ""]


def _item(change: ItemChange) -> str:
    lines: list[str] = [esc(line) for line in (w.facts(change) if change.change != "changed" else [])]
    move = w.move_line(change)
    if move:
        lines.append(esc(move))
    if change.reordered:
        lines.append("调序：顺序改变（仍在原来的部分或任务中）")
    lines += [esc(w.names_line(c)) for c in change.names]
    if change.deadline is not None:
        d = change.deadline
        if d.text:
            lines.append(f"{esc(d.label)}：{_diff(d.text)}")
        lines += [esc(line.strip()) for line in w.deadline_lines(d)]
    lines += [f"{f.label}：{_diff(f.diff)}" for f in change.fields]
    verb, _, rest = w.headline(change).partition(" ")
    return _details(f"{verb} {esc_html(rest)}", [f"- {line}" for line in lines])


def _details(summary: str, lines: list[str]) -> str:
    return "\n".join(["<details>", f"<summary>{summary}</summary>", "", *lines, "", "</details>"])


def _diff(ops: tuple[Op, ...]) -> str:
    tags = {"=": ("", ""), "-": ("<del>", "</del>"), "+": ("<ins>", "</ins>")}
    return "".join(tags[tag][0] + esc(text) + tags[tag][1] for tag, text in trimmed(ops))


def _errors(result: Result) -> list[str]:
    out: list[str] = []
    for snap in (result.old, result.new):
        if snap.errors:
            body = ["```text", *(text_line(d) for d in snap.errors), "```"]
            out += ["", _details(f"{snap.side.role}的 {len(snap.errors)} 个错误", body)]
    return out
