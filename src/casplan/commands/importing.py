"""`casplan import SOURCE --out DIR`: a plan folder from a Word or text file, and the import report."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import typer

from casplan.diagnostics import Diagnostic
from casplan.errors import UsageError, UserError, os_reason


@dataclass
class Args:
    source: Path
    out: Path
    report: Path | None = None
    force: bool = False
    labels: list[str] = field(default_factory=list)
    leaders: str | None = None
    leaders_file: Path | None = None


def run(args: Args) -> int:
    from casplan.importer.pipeline import SourceProblem, import_plan, read_source
    from casplan.importer.structure import Options
    from casplan.importer.vocab import parse_label_option

    options = Options()
    for option in args.labels:
        try:
            label, role = parse_label_option(option)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        options.labels[label] = role
    options.leaders = _leaders(args)
    _check_out(args.out, args.force)
    try:
        source = read_source(args.source)
    except SourceProblem as problem:
        raise UserError([Diagnostic.make(str(args.source), (0, 0), "bad-source", problem.message)]) from None
    result = import_plan(source, options)
    del source  # what it said is in the result now; validating the written plan needs the room
    _write(result.files, args.out)
    problems = result.validate(args.out)
    text = result.report.text(result.summary(args.out, problems))
    typer.echo(text, nl=False)
    for line in problems:
        typer.echo(line, err=True)
    if args.report is not None:
        from casplan.commands.render import write

        write(args.report, text)
    return 0 if result.report.complete and not problems else 1


def _leaders(args: Args) -> set[str]:
    import re

    names: list[str] = []
    if args.leaders:
        names += re.split(r"[,，、\s]+", args.leaders)
    if args.leaders_file is not None:
        try:
            names += args.leaders_file.read_text(encoding="utf-8-sig").split()
        except (OSError, UnicodeDecodeError) as exc:
            msg = f"无法读取 --leaders-file“{args.leaders_file}”：{os_reason(exc) if isinstance(exc, OSError) else '文件不是 UTF-8 编码'}"
            raise UserError([Diagnostic.make(str(args.leaders_file), (0, 0), "bad-source", msg)]) from None
    return {n.strip() for n in names if n.strip()}


def _check_out(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise UserError([Diagnostic.make(str(out), (0, 0), "out-not-empty", f"“{out}”已存在且不是目录")])
    if out.is_dir() and any(out.iterdir()):
        if not force:
            msg = f"目录“{out}”已存在且不为空；导入不会写入已有内容的目录，确需覆盖请加 --force"
            raise UserError([Diagnostic.make(str(out), (0, 0), "out-not-empty", msg)])
        if (out / ".git").exists() or out.resolve() == Path.cwd().resolve():
            msg = f"“{out}”是仓库或当前目录，--force 也不会覆盖它；请指定一个方案子目录，如 --out plan"
            raise UserError([Diagnostic.make(str(out), (0, 0), "out-not-empty", msg)])


def _write(files: dict[str, str], out: Path) -> None:
    """Build the whole folder beside `out`, then rename it into place: never a half plan."""
    parent = out.resolve().parent
    if not parent.is_dir():
        msg = f"无法写入“{out}”：上级目录“{parent}”不存在"
        raise UserError([Diagnostic.make(str(out), (0, 0), "write-failed", msg)])
    try:
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.import-"))
    except OSError as exc:
        raise UserError([Diagnostic.make(str(out), (0, 0), "write-failed", f"无法写入“{out}”：{os_reason(exc)}")]) from None
    try:
        os.chmod(tmp, 0o777 & ~_umask())
        for rel, text in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        if out.is_dir():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.old-"))
            os.rmdir(old)
            os.rename(out, old)
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UserError([Diagnostic.make(str(out), (0, 0), "write-failed", f"无法写入“{out}”：{os_reason(exc)}")]) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
