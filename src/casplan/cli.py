"""The command line: parse arguments, hand off to casplan.commands, map errors to exit codes.

Only typer and the standard library are imported here, so `casplan --help`
stays fast; each command imports what it needs when it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from casplan import __version__

app = typer.Typer(
    name="casplan",
    help="casplan：把重点工作分工方案当作代码来维护——校验、查询、排版。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="计划目录；未指定时依次使用环境变量 $CASPLAN_PLAN、当前目录下的 plan/。",
        show_default=False,
    ),
]


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class SchemaKind(str, Enum):
    section = "section"
    plan = "plan"
    leaders = "leaders"
    departments = "departments"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casplan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号并退出。")
    ] = False,
) -> None:
    """casplan：把重点工作分工方案当作代码来维护——校验、查询、排版。"""


def _handoff(call: Callable[[], int]) -> None:
    """Run a command; user errors become clean lines on stderr and an exit status."""
    from casplan.errors import UsageError, UserError

    try:
        status = call()
    except UserError as exc:
        from casplan.report import text_line

        for d in exc.diagnostics:
            typer.echo(text_line(d), err=True)
        status = exc.exit_code
    except UsageError as exc:
        typer.echo(f"用法错误：{exc.message}", err=True)
        status = 2
    raise typer.Exit(status)


@app.command()
def validate(
    plan: PlanOption = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="输出格式：text（逐行）、json（列表）、github（GitHub Actions 注释）。"),
    ] = ReportFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="警告也按错误处理（退出状态 1）。")] = False,
) -> None:
    """校验计划的全部文件：每个问题一行（文件:行:列: 级别[代码] 说明），末行为汇总。

    退出状态：0 无错误；1 有错误；2 用法错误。
    """
    from casplan.commands import validate as command
    from casplan.report import Format

    _handoff(lambda: command.run(plan, Format(fmt.value), strict))


@app.command()
def render(
    out: Annotated[Path, typer.Argument(help="输出文件；格式由扩展名决定（目前支持 .txt）。", show_default=False)],
    plan: PlanOption = None,
    template: Annotated[str, typer.Option("--template", "-t", help="模板名（templates/ 下的 NAME.j2）。")] = "notice",
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="自定义模板目录，按名称覆盖内置模板。", show_default=False),
    ] = None,
) -> None:
    """把计划排成文档：按模板生成带角色的文本块，再写成 .txt。"""
    from casplan.commands import render as command

    _handoff(lambda: command.run(out, plan, template, templates))


@app.command()
def schema(
    kind: Annotated[
        SchemaKind, typer.Option("--kind", "-k", help="哪种文件的模式：section、plan、leaders、departments。")
    ] = SchemaKind.section,
) -> None:
    """输出某种计划文件的 JSON Schema，供编辑器（yaml-language-server）提示与校验。"""
    from casplan.commands import schema as command

    _handoff(lambda: command.run(kind.value))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="casplan")


if __name__ == "__main__":  # pragma: no cover
    main()
