"""The command line's own words in Chinese: help pages and usage errors.

Typer (through the click it bundles) writes its help and its argument errors in
English (`Usage:`, `Show this message and exit.`, `No such option`, `Missing
argument` …). casplan keeps typer for parsing and replaces the words: the
group class below gives every command a context whose help formatter writes
Chinese and wraps by display width (a CJK character is two cells, so no line
passes the terminal), and its `main` turns click's usage errors into one
Chinese line `用法错误：…`, exit 2, naming the nearest option or command.

Only typer and the standard library are imported (cli.py's fast start-up).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from typer.core import TyperGroup

import typer
from typer import _click as click  # typer ≥ 0.29 bundles its own copy of click (pyproject.toml)

from casplan.output import wrap, width

_HEADINGS = {"Options": "选项", "Arguments": "参数", "Commands": "命令"}
_MAX_WIDTH = 100  # help lines are easier to read narrower than a wide terminal

# English fragments typer and click put into help text, and their Chinese (patterns compiled on
# first use, by re's own cache: a command that prints no help never compiles them).
_HELP_WORDS = [
    (r"Show this message and exit\.", "显示本帮助并退出。"),
    (r"\[default: (.*?)\]", r"[默认：\1]"),
    (r"\[env var: (.*?)\]", r"[环境变量：\1]"),
    (r"\[required\]", "[必填]"),
    (r"; required\]", "；必填]"),
    (r"\[default: (.*?); ", r"[默认：\1；"),
]
_METAVAR_WORDS = {"path": "<路径>", "str": "<文字>", "text": "<文字>", "int": "<整数>", "float": "<数字>",
                  "file": "<文件>", "directory": "<目录>", "date": "<日期>"}
_METAVARS = r"<(%s)>" % "|".join(_METAVAR_WORDS)
_USAGE_WORDS = [("[OPTIONS]", "[选项]"), ("COMMAND", "命令"), ("[ARGS]...", "[参数]...")]


def chinese_help(text: str) -> str:
    for pattern, replacement in _HELP_WORDS:
        text = re.sub(pattern, replacement, text)
    return text


def terminal_columns() -> int:
    """$COLUMNS, else the terminal's width, else 80."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return shutil.get_terminal_size((80, 24)).columns


class ChineseHelpFormatter(click.HelpFormatter):
    """click's help formatter with Chinese headings and wrapping by display width."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        super().__init__(indent_increment, width=min(terminal_columns(), _MAX_WIDTH), max_width=max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in _USAGE_WORDS:
            args = args.replace(english, chinese)
        head = f"{' ' * self.current_indent}用法：{prog} "
        lines = wrap(args, max(self.width - width(head), 10))
        self.write(head + lines[0] + "\n")
        for line in lines[1:]:
            self.write(" " * width(head) + line + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{' ' * self.current_indent}{_HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for k, paragraph in enumerate(text.split("\n\n")):
            if k:
                self.write("\n")
            for line in wrap(_join(paragraph.splitlines()), max(self.width - len(indent), 10)):
                self.write(indent + line + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(re.sub(_METAVARS, lambda m: _METAVAR_WORDS[m[1]], first), chinese_help(second)) for first, second in rows]
        first_col = min(max((width(first) for first, _ in rows), default=0), col_max) + col_spacing
        narrow = self.width - self.current_indent - first_col < 20  # then the help goes under each name
        if narrow:
            first_col = 4
        text_cells = max(self.width - self.current_indent - first_col, 10)
        indent = " " * self.current_indent
        for first, second in rows:
            lines = wrap(" ".join(second.split()), text_cells) if second else []
            if lines and not narrow and width(first) <= first_col - col_spacing:
                self.write(indent + first + " " * (first_col - width(first)) + lines.pop(0) + "\n")
            else:  # a long name (a metavar listing every choice) folds at the terminal's edge too
                for k, part in enumerate(wrap(first, self.width - self.current_indent - 4)):
                    self.write(indent + ("    " if k else "") + part + "\n")
            for line in lines:
                self.write(" " * (first_col + self.current_indent) + line + "\n")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        self.write_paragraph()
        self.write_heading(name)
        self.indent()
        try:
            yield
        finally:
            self.dedent()


def _join(lines: list[str]) -> str:
    """A docstring paragraph's lines as one: Chinese joins without a space, Latin words with one."""
    out = ""
    for line in (raw.strip() for raw in lines):
        if out and line and out[-1].isascii() and line[0].isascii():
            out += " "
        out += line
    return out


class ChineseContext(click.Context):
    formatter_class = ChineseHelpFormatter


class ChineseGroup(TyperGroup):
    """The casplan command group: Chinese help for it and every command, Chinese usage errors."""

    context_class = ChineseContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for command in self.commands.values():
            command.context_class = ChineseContext

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            summary = (command.short_help or command.help or "").strip().split("\n")[0]
            rows.append((name, summary))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            status = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.format_message(), err=True)
            sys.exit(2)
        except click.exceptions.UsageError as exc:
            _usage_exit(usage_message(exc), exc.ctx)
        except typer.Abort:
            click.echo("已中断", err=True)
            sys.exit(1)
        except click.exceptions.ClickException as exc:  # pragma: no cover - casplan opens no files through click
            from casplan.diagnostics import printable

            click.echo(f"错误：{printable(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        sys.exit(status if isinstance(status, int) else 0)


def _usage_exit(message: str, ctx: Any) -> NoReturn:
    hint = f"；用 {ctx.command_path} -h 查看用法" if ctx is not None else ""
    from casplan.diagnostics import printable

    click.echo(f"用法错误：{printable(message)}{hint}", err=True)
    sys.exit(2)


def _hint(exc: Any) -> str:
    """The option or argument a click error is about: --format, ID."""
    param = getattr(exc, "param", None)
    if param is None:
        return ""
    opts = getattr(param, "opts", None) or []
    if getattr(param, "param_type_name", "") == "argument":
        return str(getattr(param, "metavar", None) or (param.name or "").upper())
    return " / ".join(opts) if opts else str(param.name)


def usage_message(exc: Any) -> str:
    """One Chinese sentence for a click usage error (never click's English)."""
    from casplan.diagnostics import did_you_mean, suggest

    name = type(exc).__name__
    message = str(getattr(exc, "message", "") or "")
    ctx = getattr(exc, "ctx", None)
    if name == "NoSuchOption":
        known = [o for p in (ctx.command.get_params(ctx) if ctx else []) for o in [*p.opts, *p.secondary_opts]]
        bare = {o.lstrip("-"): o for o in known if o.startswith("--")}  # match the words, not the dashes
        hint = did_you_mean([bare[b] for b in suggest(exc.option_name.lstrip("-"), bare)])
        return f"没有选项“{exc.option_name}”{hint}"
    if name == "MissingParameter":
        param = getattr(exc, "param", None)
        about = f"（{param.help.rstrip('。')}）" if param is not None and getattr(param, "help", None) else ""
        return f"缺少{'参数' if getattr(param, 'param_type_name', '') == 'argument' else '选项'} {_hint(exc)}{about}"
    if name == "BadOptionUsage":
        if "requires" in message:
            return f"选项 {exc.option_name} 后面要写一个值"
        if "does not take a value" in message:
            return f"选项 {exc.option_name} 不带值"
        return f"选项 {exc.option_name} 的用法不对"
    if name == "BadParameter":
        return _bad_value(_hint(exc), message)
    found = re.search(r"No such command '([^']*)'", message)
    if found and ctx is not None:
        commands = list(getattr(ctx.command, "commands", {}))
        hint = did_you_mean(suggest(found[1], commands)[:1])
        return f"没有命令“{found[1]}”{hint or '；可用命令：' + '、'.join(commands)}"
    if message.startswith("Missing command"):
        commands = list(getattr(ctx.command, "commands", {})) if ctx is not None else []
        return "缺少命令；可用命令：" + "、".join(commands)
    found = re.search(r"unexpected extra argument(?:\(s\)|s)? \((.*)\)", message)
    if found:
        return f"多余的参数：{found[1]}"
    return "命令行参数有误"


def _bad_value(hint: str, message: str) -> str:
    choices = re.search(r"'(.*?)' is not one of (.*?)\.?$", message)
    if choices:
        allowed = "、".join(re.findall(r"'(.*?)'", choices[2]))
        return f"{hint} 的取值“{choices[1]}”无效；可选：{allowed}"
    if "valid integer" in message:
        return f"{hint} 应为整数"
    if "valid number" in message or "valid float" in message:
        return f"{hint} 应为数字"
    if "valid boolean" in message:
        return f"{hint} 应为 true 或 false"
    return f"{hint} 的取值无效"
