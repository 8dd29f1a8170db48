"""`casplan fmt [--check] [--diff] [PATHS]`: rewrite plan files in the canonical form (casplan.fmt).

A file is rewritten only if the plan validates as far as that file goes: a file
with an error keeps its bytes, and its diagnostics are printed (exit 1).
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

from casplan.check import check_plan
from casplan.diagnostics import Diagnostic, Severity
from casplan.errors import UsageError, UserError, os_reason
from casplan.labels import Labels
from casplan.load import DEPARTMENTS_FILE, LEADERS_FILE, PLAN_FILE, SECTIONS_DIR, display, find_plan, load_plan
from casplan.report import text_line
from casplan.yamlio import atomic_write

KINDS = {PLAN_FILE: "plan", LEADERS_FILE: "leaders", DEPARTMENTS_FILE: "departments"}


@dataclass(frozen=True)
class Target:
    root: Path
    path: Path
    file: str  # as diagnostics name it
    kind: str


def targets(paths: list[Path], plan_option: Path | None) -> list[Target]:
    """The plan files named by PATHS (a plan folder: all its files), or of the plan found as usual."""
    if not paths:
        paths = [find_plan(plan_option)]
    out: list[Target] = []
    for path in paths:
        if path.is_dir():
            if not (path / PLAN_FILE).is_file():
                raise UsageError(f"“{path}”不是方案目录（其中没有 {PLAN_FILE}）")
            out += _plan_files(path)
        elif path.is_file():
            out.append(_one_file(path))
        else:
            raise UsageError(f"“{path}”不存在")
    unique: dict[Path, Target] = {}
    for target in out:
        unique.setdefault(target.path.resolve(), target)
    return list(unique.values())


def _plan_files(root: Path) -> list[Target]:
    found = [Target(root, root / name, display(root, name), kind) for name, kind in KINDS.items() if (root / name).is_file()]
    sections = root / SECTIONS_DIR
    if sections.is_dir():
        for path in sorted(p for p in sections.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file()):
            found.append(Target(root, path, display(root, SECTIONS_DIR, path.name), "section"))
    return found


def _one_file(path: Path) -> Target:
    if path.parent.name == SECTIONS_DIR and (path.parent.parent / PLAN_FILE).is_file():
        root = path.parent.parent
        return Target(root, path, display(root, SECTIONS_DIR, path.name), "section")
    if path.name in KINDS and (path.parent / PLAN_FILE).is_file():
        return Target(path.parent, path, display(path.parent, path.name), KINDS[path.name])
    raise UsageError(f"“{path}”不是方案文件（应为方案目录中的 plan.yaml、leaders.yaml、departments.yaml 或 sections/ 下的文件）")


def run(paths: list[Path], plan_option: Path | None, check: bool, diff: bool) -> int:
    from casplan.fmt import format_text  # ruamel: only when formatting

    chosen = targets(paths, plan_option)
    errors: dict[str, list[Diagnostic]] = {}
    labels: dict[Path, Labels] = {}
    for root in dict.fromkeys(t.root for t in chosen):
        loaded = load_plan(root)
        labels[root] = loaded.labels
        for d in loaded.diagnostics + check_plan(loaded):
            if d.severity is Severity.ERROR:
                errors.setdefault(d.file, []).append(d)
    changed: list[Target] = []
    refused: list[Diagnostic] = []
    for target in chosen:
        if target.file in errors:
            refused += errors[target.file]
            continue
        text = target.path.read_text(encoding="utf-8-sig")
        new = format_text(text, target.kind, labels[target.root])
        if new == text and not target.path.read_bytes().startswith(b"\xef\xbb\xbf"):
            continue
        changed.append(target)
        if diff:
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), new.splitlines(keepends=True), target.file, target.file))
        elif check:
            print(f"需要格式化：{target.file}")
        else:
            try:
                atomic_write(target.path, new)
            except OSError as exc:
                msg = f"无法写入“{target.file}”：{os_reason(exc)}"
                raise UserError([Diagnostic.make(target.file, (0, 0), "write-failed", msg)]) from None
            print(f"已格式化：{target.file}")
    for d in sorted(refused, key=Diagnostic.sort_key):
        print(text_line(d), file=sys.stderr)
    if refused:
        files = len({d.file for d in refused})
        print(f"{files} 个文件有错误，未改写；请先改正（casplan validate）", file=sys.stderr)
    unchanged = len(chosen) - len(changed) - len({d.file for d in refused})
    verb = "需要格式化" if check or diff else "已格式化"
    print(f"{len(changed)} 个文件{verb}，{unchanged} 个文件已是规范格式", file=sys.stderr)
    if refused:
        return 1
    return 1 if (check or diff) and changed else 0
