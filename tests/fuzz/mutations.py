"""Hostile variations of a real plan, drawn by hypothesis: what a pull request from anyone can hold.

Each mutation changes a copy of a plan folder in place and says what it did
(for the failure report). The mutations follow the ways plans were broken by
hand and by fuzzing: bytes, encodings, line breaks, YAML structure, tags,
anchors, nesting, duplicate keys and ids, role lists of the wrong type,
removed keys, section lists with missing, duplicate, absolute or ../ names,
and symbolic links in and out of the plan.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from hypothesis import strategies as st

SECRET = "SECRET-0d6f1c-root:$6$hash"
"""The content of the file outside the plan that links point at: it must never be printed."""

TOKENS = [
    "[", "]", "{", "}", ",", ":", ": ", "- ", "? ", "&a ", "*a", "*b", "&b [*a, *a, *a] ", "!!int ", "!!float ",
    "!!bool ", "!!binary ", "!!str ", "!!null ", "!!timestamp ", "!!python/object:os.system ", "!foo ", "<<: *a",
    "'", '"', '"\\e[2J\\e[H"', '"\\x01"', '"\\uFFFF"', '"\\ud800"', "|", ">", "|-9", "#", "%YAML 1.1\n", "%FOO\n",
    "---\n", "...\n", "\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff", "\x00", "：", "，", "【", "】", "~", "null",
    "0x_", "1e999999", "-.inf", ".nan", "2021-02-30", "0o777", "@", "`", "\\", "\n", "\n  ", "\n    - ", "=" * 7 + " ",
    "<<<<<<< HEAD\n", "5", "1.5", "true", "{a: 1}", "[[[[", "十十月", "九五十月", "二〇十一年",
]

Mutation = Callable[[Path], str]


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


@st.composite
def mutations(draw: st.DrawFn, outside: Path) -> Mutation:
    """One mutation of a plan folder; `outside` is a folder beside it holding the secret."""
    kind = draw(st.sampled_from([
        "bytes", "token", "tokens", "encoding", "breaks", "nesting", "alias", "duplicate-line", "delete-line",
        "wrong-type", "sections", "link-out", "link-in", "sections-dir-out", "empty", "truncate",
    ]))
    index = draw(st.integers(min_value=0, max_value=10_000))
    position = draw(st.floats(min_value=0, max_value=1))
    count = draw(st.integers(min_value=1, max_value=8))
    token = draw(st.sampled_from(TOKENS))
    raw = draw(st.binary(min_size=1, max_size=8))
    depth = draw(st.integers(min_value=30, max_value=1200))
    encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "gb18030", "latin-1", "utf-8-sig", "utf-32"]))
    newline = draw(st.sampled_from(["\r\n", "\r", "\x85", "\u2028", "\u2029", ""]))
    tokens = draw(st.lists(st.sampled_from(TOKENS), min_size=2, max_size=6))
    names = draw(st.lists(st.sampled_from(["../x.yaml", "/etc/passwd", "missing.yaml", "01-学习部署.yaml", "", "a/b.yaml",
                                           "..", "sections/01-学习部署.yaml", "\x00.yaml"]), min_size=1, max_size=3))

    def apply(root: Path) -> str:
        files = _files(root)
        target = files[index % len(files)]
        name = target.relative_to(root).as_posix()
        data = target.read_bytes()
        text = data.decode("utf-8", errors="replace")
        at = int(position * len(text))
        lines = text.split("\n")
        line_at = int(position * (len(lines) - 1))
        if kind == "bytes":
            cut = int(position * len(data))
            target.write_bytes(data[:cut] + raw + data[cut + count % 3:])
        elif kind == "token":
            target.write_text(text[:at] + token + text[at:], encoding="utf-8", errors="surrogatepass")
        elif kind == "tokens":
            for t in tokens:
                at = (at * 7 + 13) % (len(text) + 1)
                text = text[:at] + t + text[at:]
            target.write_text(text, encoding="utf-8", errors="surrogatepass")
        elif kind == "encoding":
            target.write_bytes(text.encode(encoding, errors="replace"))
        elif kind == "breaks":
            target.write_text(text.replace("\n", newline or "\n", count), encoding="utf-8", newline="")
        elif kind == "nesting":
            nest = "[" * depth + "x" + "]" * depth
            lines.insert(line_at, f"深: {nest}")
            target.write_text("\n".join(lines), encoding="utf-8")
        elif kind == "alias":
            bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
                f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
            )
            padding = "# " + "填充" * (count * 10_000) + "\n"
            target.write_text(padding + bomb + text, encoding="utf-8")
        elif kind == "duplicate-line":
            lines.insert(line_at, lines[line_at])
            target.write_text("\n".join(lines), encoding="utf-8")
        elif kind == "delete-line":
            del lines[line_at : line_at + count]
            target.write_text("\n".join(lines), encoding="utf-8")
        elif kind == "wrong-type":
            replaced = [_retype(line, token) for line in lines]
            target.write_text("\n".join(replaced), encoding="utf-8")
        elif kind == "sections":
            plan = root / "plan.yaml"
            # plan.yaml may be broken already (an earlier mutation): keep its bytes as they are.
            listing = plan.read_text(encoding="utf-8", errors="surrogateescape").replace("  部分:\n", "  部分:\n" + "".join(
                f"    - {n!r}\n" if n else "    -\n" for n in names), 1)
            plan.write_text(listing, encoding="utf-8", errors="surrogateescape")
            name = "plan.yaml"
        elif kind == "link-out":
            target.unlink()
            target.symlink_to(outside / "secret.yaml")
            return f"{name} → outside"
        elif kind == "link-in":
            other = files[(index + 1) % len(files)]
            link = root / "sections" / f"zz-{count}-{index}.yaml"
            if link.exists() or link.is_symlink():
                return "link-in (already there)"
            link.symlink_to(os.path.relpath(other, link.parent))
            return f"{link.relative_to(root)} → {other.relative_to(root)}"
        elif kind == "sections-dir-out":
            sections = root / "sections"
            if sections.is_symlink():
                sections.unlink()
            else:
                shutil.rmtree(sections)
            sections.symlink_to(outside)
            return "sections/ → outside"
        elif kind == "empty":
            target.write_bytes(b"")
        elif kind == "truncate":
            target.write_bytes(data[: int(position * len(data))])
        return f"{kind} in {name} at {position:.3f} ({token!r}, {raw!r}, {count})"

    return apply


def _retype(line: str, token: str) -> str:
    """A role list (`牵头部门: [人事局]`) becomes a number, a mapping, a bool …"""
    key, sep, value = line.partition(": ")
    if sep and value.startswith("[") and key.strip().endswith(("领导", "部门")):
        return f"{key}: {token if token in {'5', '1.5', 'true', '{a: 1}', 'null', '~'} else '5'}"
    return line


def plant_secret(outside: Path) -> None:
    """The folder outside the plan: YAML files whose every line would be echoed if read."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.yaml").write_text(f"{SECRET}: x\n{SECRET}2:\n  - y\n", encoding="utf-8")
    (outside / "01-学习部署.yaml").write_text(f"标题: {SECRET}\n任务: []\n", encoding="utf-8")
