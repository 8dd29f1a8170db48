"""The command line: parse arguments, hand off to casplan.commands, map errors to exit codes.

Only typer and the standard library are imported here, so `casplan --help`
stays fast; each command imports what it needs when it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import gc
import os
import sys

import typer

from casplan import __version__
from casplan.output import DataFormat, ReportFormat as Format  # light: the standard library only
from casplan.usage import ChineseGroup

app = typer.Typer(
    name="casplan",
    cls=ChineseGroup,  # Chinese help and usage errors (casplan/usage.py)
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


class RoleChoice(str, Enum):
    lead = "lead"
    assist = "assist"
    any = "any"


class StatsBy(str, Enum):
    dept = "dept"
    leader = "leader"
    month = "month"


FormatOption = Annotated[
    DataFormat,
    typer.Option("--format", "-f", help="输出格式：table（表格）、json、csv（带 BOM，Excel 可直接打开）、yaml。"),
]
DeptOption = Annotated[
    list[str] | None,
    typer.Option("--dept", "-d", help="部门（单位）名称，可用别名；按本方案的牵头、配合标签查找。可写多次，列出其中任一的事项。",
                 show_default=False),
]
LeaderOption = Annotated[
    list[str] | None,
    typer.Option("--leader", "-l", help="领导姓名（本方案的 leaders.yaml 中登记的）；可写多次，列出其中任一位的事项。",
                 show_default=False),
]
TodayOption = Annotated[
    str | None,
    typer.Option("--today", help="“今天”是哪天（默认今天），本月、本季度、+30d 等据此计算。", show_default=False),
]


class SchemaKind(str, Enum):
    section = "section"
    plan = "plan"
    leaders = "leaders"
    departments = "departments"


_DEBUG = {"on": bool(os.environ.get("CASPLAN_DEBUG"))}
NO_CACHE = {"on": False}


def _once(option: str, values: list[str] | None) -> str | None:
    """An option that takes one value, given as a list so that a repeated one is an error, not the last one."""
    if values and len(values) > 1:
        from casplan.errors import UsageError

        raise UsageError(f"{option} 只能写一次（写了 {len(values)} 次：{'、'.join(values)}）")
    return values[0] if values else None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"casplan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号并退出。")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="内部错误时显示完整的调用栈（也可设环境变量 CASPLAN_DEBUG=1）。")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="不用任何缓存（查询缓存、问过的答案、排版量得的结果、编译好的正则表达式），一切重新计算（也可设环境变量 CASPLAN_NO_CACHE=1）。")
    ] = False,
) -> None:
    """casplan：把重点工作分工方案当作代码来维护——校验、查询、排版。"""
    if debug:
        _DEBUG["on"] = True
    NO_CACHE["on"] = no_cache  # read by casplan.cache; set on every run, so one run's flag never outlives it


def _handoff(call: Callable[[], int]) -> None:
    """Run a command and turn every way it can end into a clean exit status.

    User errors: their lines on stderr, exit 1 (or as they say); usage errors:
    exit 2; the reader of stdout gone (`| head -1`): quiet, exit 141; stdout
    unwritable (a full disk): one line, exit 1; anything else is a bug in
    casplan: one line asking for a report, exit 3, the traceback with --debug.
    """
    from casplan.errors import BROKEN_PIPE, UsageError, UserError

    if not gc.isenabled():  # the program (casplan.__main__) started with the collector off
        gc.freeze()  # what start-up made lives until exit: later collections skip it
        gc.enable()  # on for the command's own work
    try:
        status = call()
        sys.stdout.flush()
    except UserError as exc:
        from casplan.report import text_line

        status = exc.exit_code
        try:
            for d in exc.diagnostics:
                typer.echo(text_line(d), err=True)
        except BrokenPipeError:
            status = _quiet_exit(BROKEN_PIPE)
    except UsageError as exc:
        from casplan.diagnostics import printable

        typer.echo(f"用法错误：{printable(exc.message)}", err=True)
        status = 2
    except BrokenPipeError:
        status = _quiet_exit(BROKEN_PIPE)
    except KeyboardInterrupt:
        typer.echo("已中断", err=True)
        status = 130
    except OSError as exc:  # a file that cannot be read, or stdout unwritable (/dev/full, a closed terminal)
        from casplan.diagnostics import printable
        from casplan.errors import os_reason

        if exc.filename is not None:
            typer.echo(f"无法访问“{printable(str(exc.filename))}”：{os_reason(exc)}", err=True)
        else:
            _quiet_exit(1)
            typer.echo(f"无法输出结果：{os_reason(exc)}", err=True)
        status = 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a bug, reported as one
        status = _internal_error(exc)
    raise typer.Exit(status)


def _quiet_exit(status: int) -> int:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout without a file descriptor (a test runner)
        pass
    return status


def _internal_error(exc: BaseException) -> int:
    from casplan.errors import INTERNAL

    if _DEBUG["on"]:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    typer.echo(
        f"casplan 内部错误（{type(exc).__name__}）：这是 casplan 的缺陷，不是方案的问题。"
        "请把所用命令和方案文件报告给维护者；加 --debug 可显示调用栈。",
        err=True,
    )
    return INTERNAL


@app.command()
def validate(
    plan: PlanOption = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f",
            help="输出格式：text（逐行）、json（列表）、github（GitHub Actions 注释）；"
            "未指定时为 text，在 GitHub Actions 中（GITHUB_ACTIONS=true）为 github。",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="警告也按错误处理（退出状态 1）。")] = False,
) -> None:
    """校验计划的全部文件：每个问题一行（文件:行:列: 级别[代码] 说明），末行为汇总。

    退出状态：0 无错误；1 有错误；2 用法错误。
    """
    from casplan.commands import validate as command

    _handoff(lambda: command.run(plan, fmt, strict))


@app.command()
def render(
    out: Annotated[
        Path, typer.Argument(metavar="OUT", help="输出文件；格式由扩展名决定：.docx、.pdf（经 LibreOffice）、.txt 或 .xlsx（表格）。",
                             show_default=False)
    ],
    plan: PlanOption = None,
    template: Annotated[str, typer.Option("--template", "-t", help="模板名（templates/ 下的 NAME.j2）。")] = "notice",
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="自定义模板目录，按名称覆盖内置模板。", show_default=False),
    ] = None,
    dept: Annotated[
        list[str] | None, typer.Option("--dept", "-d", help="部门名称，供 dept 模板使用（只能写一次）。", show_default=False)
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="进展以这一天为准（progress、ledger 模板；默认 --round 的报送截止或今天）。",
                     show_default=False),
    ] = None,
    round_: Annotated[
        str | None, typer.Option("--round", "-r", help="报告哪一轮（进展文件名，如 2021-12）。", show_default=False)
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="经 LibreOffice 排成 PDF，逐页检查 GB/T 9704 版式，逐条报告不合之处（退出状态 1）。")
    ] = False,
) -> None:
    """把方案排成文档：模板生成带角色的文本块，再按扩展名写成 .docx（GB/T 9704-2012 版式）、.pdf 或 .txt。

    模板：notice（通知及附件，默认）、plan（分工方案单独成文）、dept（某部门牵头和协助的工作，需 --dept）、
    ledger（督办台账，A4 横向表格；有进展时带状态和最新进展两列；写成 .xlsx 即电子表格）、
    progress（督办报告：汇总、各部门完成情况表和图、逾期事项、各项进展）。
    .pdf 和 --check 需要 LibreOffice（Debian 软件包 libreoffice-writer-nogui）。
    """
    from casplan.commands import render as command

    _handoff(lambda: command.run(out, plan, template, templates, _once("--dept", dept), as_of, round_, check))


@app.command("list")
def list_(
    plan: PlanOption = None,
    dept: DeptOption = None,
    leader: LeaderOption = None,
    role: Annotated[
        RoleChoice, typer.Option("--role", help="lead：牵头；assist：协助（配合）；any：两者皆可。")
    ] = RoleChoice.any,
    part: Annotated[int | None, typer.Option("--part", help="只看第 N 部分。", show_default=False)] = None,
    grep: Annotated[
        str | None,
        typer.Option("--grep", "-g", help="只看含有这段文字的事项（标题、内容、具体举措、名单、时间期限）。", show_default=False),
    ] = None,
    fmt: FormatOption = DataFormat.TABLE,
) -> None:
    """列出任务和子项：某部门（单位）、某位领导牵头或协助（配合）的事项，带角色。

    子项各占一行；子项未写的院领导和部门沿用所属任务的，角色标“（随任务）”。
    集体单位（院机关各有关部门等）不展开为具体部门。名称写错时退出状态 2 并提示最接近的名称。
    """
    from casplan.commands import list as command
    from casplan.query import Role

    _handoff(lambda: command.run(plan, dept or [], leader or [], Role(role.value), part, grep, fmt))


@app.command()
def due(
    plan: PlanOption = None,
    before: Annotated[
        str | None,
        typer.Option("--before", help="截至这一天（含）：2021-12-31、2021年12月31日，或一段时间（取其末日）："
                     "2021-12、2021Q4、本月、本季度、本年、下季度、+30d。", show_default=False),
    ] = None,
    after: Annotated[
        str | None, typer.Option("--after", help="从这一天起（含）；写法同 --before，一段时间取其首日。", show_default=False)
    ] = None,
    dept: DeptOption = None,
    leader: LeaderOption = None,
    role: Annotated[
        RoleChoice, typer.Option("--role", help="与 --dept/--leader 同用。lead：牵头；assist：协助（配合）；any：两者皆可。")
    ] = RoleChoice.any,
    include_ongoing: Annotated[
        bool, typer.Option("--include-ongoing", help="也列出没有日期的节点：持续、起点、没写哪一天的每年、起算日未定的相对、按他方进度。")
    ] = False,
    today: TodayOption = None,
    fmt: FormatOption = DataFormat.TABLE,
) -> None:
    """按日期列出时间节点：日期、编号、任务、所在条款、牵头部门（按本方案的标签）。

    一个时间期限可有多个节点（“2021年底……；2022年年底前……”）；截止日期含当天。
    期间按终点列出；写了月、日的循环节点（每年2月底前、每季度末）在 --after、--before 之间逐次列出，
    没给 --before 时只列下一次。
    """
    from casplan.commands import due as command

    from casplan.query import Role

    _handoff(lambda: command.run(plan, before, after, dept or [], leader or [], include_ongoing, fmt,
                                 role=Role(role.value), today=today))


class ShowFormat(str, Enum):
    text = "text"
    json = "json"
    yaml = "yaml"


@app.command()
def show(
    item_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="任务或子项的编号（不分大小写），或它在方案中的位置：九、（一）、十五、（3）、9.1。",
                       show_default=False),
    ],
    plan: PlanOption = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="输出格式：text（逐行）、json、yaml。")] = ShowFormat.text,
) -> None:
    """显示一项任务或子项的全部内容：位置、各字段、时间节点。"""
    from casplan.commands import show as command

    data = {"text": DataFormat.TABLE, "json": DataFormat.JSON, "yaml": DataFormat.YAML}[fmt.value]
    _handoff(lambda: command.run(plan, item_id, data))


@app.command()
def stats(
    plan: PlanOption = None,
    by: Annotated[StatsBy, typer.Option("--by", help="dept：按部门；leader：按院领导；month：按月份。")] = StatsBy.dept,
    fmt: FormatOption = DataFormat.TABLE,
) -> None:
    """统计：各部门（或领导）牵头、协助（配合）的任务和子项数，或各月的时间节点数；并列出没有牵头部门的事项。"""
    from casplan.commands import stats as command

    _handoff(lambda: command.run(plan, command.By(by.value), fmt))


class NamesKind(str, Enum):
    dept = "dept"
    leader = "leader"
    all = "all"


@app.command()
def names(
    plan: PlanOption = None,
    kind: Annotated[
        NamesKind, typer.Option("--kind", "-k", help="dept：部门名录；leader：院领导名录；all：两者。")
    ] = NamesKind.all,
    fmt: FormatOption = DataFormat.TABLE,
) -> None:
    """列出名录中登记的全部名称：别名、类别，以及有多少事项写它牵头、协助（配合）。"""
    from casplan.commands import names as command

    _handoff(lambda: command.run(plan, command.Kind(kind.value), fmt))


class DeadlineFormat(str, Enum):
    text = "text"
    json = "json"
    yaml = "yaml"


@app.command()
def deadline(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="一段时间期限文字。", show_default=False)],
    plan: PlanOption = None,
    day: Annotated[
        str | None,
        typer.Option("--date", help="参照日期（没写年份、“今年”“印发之日”等据此确定），如 2021-09-28；"
                     "默认为方案的成文日期，找不到方案时为今天。", show_default=False),
    ] = None,
    fmt: Annotated[
        DeadlineFormat, typer.Option("--format", "-f", help="输出格式：text（每个节点一行）、json、yaml。")
    ] = DeadlineFormat.text,
) -> None:
    """显示 casplan 如何解读一段时间期限：每个节点的日期、类别（限期、期间、起点、每年……）和所在条款。

    标准错误输出的第一行说明用的是哪个参照日期。读不出，或有像日期却没读懂的词时，退出状态 1。
    """
    from casplan.commands import deadline as command

    _handoff(lambda: command.run(text, plan, day, fmt.value))


@app.command()
def schema(
    kind: Annotated[
        SchemaKind, typer.Option("--kind", "-k", help="哪种文件的模式：section、plan、leaders、departments。")
    ] = SchemaKind.section,
    plan: PlanOption = None,
) -> None:
    """输出某种计划文件的 JSON Schema，供编辑器（yaml-language-server）提示与校验。

    模式使用计划自己的标签（plan.yaml 的“标签”“其他字段”“结构”）；找不到计划时按中科院方案的标签。
    """
    from casplan.commands import schema as command

    _handoff(lambda: command.run(kind.value, plan))


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="新方案目录（不存在或为空）。", show_default=False)],
    labels: Annotated[
        str, typer.Option("--labels", help="标签预设：中科院（牵头部门、协助部门…）、国务院（牵头单位、配合单位、完成时限，括号写法）、省政府、部委。")
    ] = "中科院",
) -> None:
    """新建一个可校验的方案目录：一个部分、一项示例任务，其余字段以注释示例列出（用本机关的标签）。"""
    from casplan.commands import init as command

    _handoff(lambda: command.run(folder, labels))


@app.command("fmt")
def fmt_(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PATHS]...", help="方案目录或其中的文件；不写时为找到的方案目录。", show_default=False),
    ] = None,
    plan: PlanOption = None,
    check: Annotated[bool, typer.Option("--check", help="只检查：列出需要改写的文件，有则退出状态 1，不改动文件。")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="显示改写前后的差异（不改动文件）；有差异时退出状态 1。")] = False,
) -> None:
    """把方案文件改写为统一格式：键按模型顺序、名单写成一行 [a, b]、不加多余引号、多行文字用 |-；保留全部注释。

    长段落不折行（YAML 折行会在中文里插入空格）。有错误的文件不改写，并列出诊断（退出状态 1）。
    """
    from casplan.commands import fmt as command

    _handoff(lambda: command.run(paths or [], plan, check, diff))


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(metavar="SOURCE", help="源文件：.docx 或 .txt。", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="写出方案的目录（须不存在或为空）。", show_default=False)],
    report: Annotated[
        Path | None, typer.Option("--report", help="把导入报告另存到这个文件。", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="目录已有内容时仍然覆盖（整个替换）。")] = False,
    label: Annotated[
        list[str] | None,
        typer.Option("--label", metavar="原文标签=角色", help="如 主办单位=牵头单位；可重复。", show_default=False),
    ] = None,
    leaders: Annotated[
        str | None,
        typer.Option("--leaders", metavar="姓名,…", help="领导姓名，逗号分隔：名单中出现时按领导而不是单位处理。",
                     show_default=False),
    ] = None,
    leaders_file: Annotated[
        Path | None, typer.Option("--leaders-file", help="领导姓名文件（UTF-8，每行一个）。", show_default=False)
    ] = None,
) -> None:
    """从 Word（.docx）或文本（.txt）导入方案，写出可校验的方案目录，并报告未能放入方案的每一处原文。

    退出状态：0 全部放入；1 有内容未放入（方案仍写出）、写出的方案校验有错误或源文件无法读取；2 用法错误。
    """
    from casplan.commands import importing as command

    args = command.Args(source, out, report, force, label or [], leaders, leaders_file)
    _handoff(lambda: command.run(args))


AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="以这一天为准（默认今天），如 2021-12-31、2021年12月31日。", show_default=False),
]


@app.command()
def status(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    dept: DeptOption = None,
    leader: LeaderOption = None,
    state: Annotated[
        str | None,
        typer.Option("--state", "-s", help="只看这一状态：未启动、推进中、已完成、暂缓、取消（经批准）、未报送、逾期、逾期完成。",
                     show_default=False),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="只看逾期的（同 --state 逾期）。")] = False,
    fmt: FormatOption = DataFormat.TABLE,
) -> None:
    """督办：每项任务、子项和时间节点截至某日的最新状态、报送轮次、逾期天数和逾期轮次；末行为汇总。

    逾期由时间节点和最新状态算出，不是填写的：节点日期早于 --as-of 且最新状态不是已完成、取消（经批准）。
    截止当天不算逾期。进展记录在方案目录的 进展/ 下，每轮一个文件。
    """
    from casplan.commands import status as command

    _handoff(lambda: command.run(plan, as_of, _once("--dept", dept), _once("--leader", leader), state, overdue, fmt))


RoundOption = Annotated[str, typer.Option("--round", "-r", help="轮次，即进展文件名（如 2021-12 → 进展/2021-12.yaml）。")]


@app.command()
def sheet(
    out: Annotated[Path, typer.Argument(metavar="OUT.xlsx", help="输出的报送表（.xlsx）。", show_default=False)],
    dept: Annotated[str, typer.Option("--dept", "-d", help="部门名称（可用别名）。")],
    round_: RoundOption,
    plan: PlanOption = None,
    name: Annotated[
        str | None, typer.Option("--name", help="新轮次的名称，如“2021年第四季度”（默认“2021年12月”）。", show_default=False)
    ] = None,
    due: Annotated[
        str | None, typer.Option("--date", help="新轮次的报送截止日期（默认轮次所在月的最后一天）。", show_default=False)
    ] = None,
) -> None:
    """生成某部门本轮的进展报送表（Excel）：它牵头、协助的事项已填好并锁定，另有待填的状态（下拉列表）、进展、完成日期等列。

    A4 横向打印，表头每页重复。填好后交回，用 casplan collect 汇总。
    """
    from casplan.commands import sheet as command

    _handoff(lambda: command.run(plan, dept, round_, out, name, due))


@app.command()
def collect(
    files: Annotated[list[Path], typer.Argument(metavar="FILE.xlsx...", help="填好的报送表。", show_default=False)],
    round_: RoundOption,
    plan: PlanOption = None,
) -> None:
    """把填好的报送表汇总到本轮的进展文件（新建或更新，保留注释）。

    每个问题指到单元格（文件.xlsx!工作表!C7）；任何一张表有错误时什么都不写。
    """
    from casplan.commands import collect as command

    _handoff(lambda: command.run(plan, files, round_))


@app.command()
def ics(
    out: Annotated[Path, typer.Argument(metavar="OUT.ics", help="输出的日历文件（.ics）。", show_default=False)],
    plan: PlanOption = None,
    dept: DeptOption = None,
    leader: LeaderOption = None,
    remind: Annotated[int, typer.Option("--remind", help="提前几天提醒（0 表示不提醒）。")] = 7,
) -> None:
    """把有日期的时间节点导出为日历（iCalendar）：每个节点一个全天日程，带提醒，可导入 Outlook、Thunderbird 和手机日历。

    每个节点的 UID 固定，重新导入时更新而不重复。能定出日子的周期节点（每年6月底前、每季度末）按年、季、月重复；持续推进等没有日期的节点不列入，在标准错误输出中列出。
    """
    from casplan.commands import ics as command

    _handoff(lambda: command.run(plan, out, _once("--dept", dept), _once("--leader", leader), remind))


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    old: Annotated[
        str | None,
        typer.Argument(metavar="OLD", help="旧版：git 修订（HEAD~1、main、origin/main...HEAD）或目录；默认 HEAD。", show_default=False),
    ] = None,
    new: Annotated[
        str | None, typer.Argument(metavar="NEW", help="新版：git 修订或目录；默认工作区。", show_default=False)
    ] = None,
    plan: PlanOption = None,
    fmt: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="输出格式：text（终端上带颜色）、markdown（合并请求评论）、json。"),
    ] = DiffFormat.text,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="有改动时退出状态为 1。")] = False,
) -> None:
    """两个版本之间方案改了什么：按编号对应任务和子项，列出增删、移动、调序。

    还列出各角色增减的领导和单位、时间期限的新旧节点（推迟、提前）、逐字标出的文字改动，以及通知、名录和进展记录的改动。

    修订直接从 git 对象读取，不检出、不改动工作区和暂存区。A...B 表示从 A 与 B 的合并基础到 B。

    退出状态：0（有无改动都是 0，除非 --exit-code：有改动为 1）；1 修订不存在、不是 git 仓库或读不出方案；2 用法错误。
    """
    from casplan.commands import diff as command

    _handoff(lambda: command.run(old, new, plan, fmt.value, exit_code))


def main() -> None:
    """Console-script entry point: a question asked before is answered from casplan.answers."""
    args = sys.argv[1:]
    recording = False
    if any(a in ("list", "due", "show") for a in args):  # a query may have been asked before
        from casplan import answers

        replayed = answers.replay(args)
        if replayed is not None:
            sys.exit(replayed)
        answers.begin(args)
        recording = True
    commands = app.registered_commands
    app.registered_commands = _needed(args, commands)
    status = 1
    try:
        app(prog_name="casplan")
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        raise
    finally:
        if recording:
            from casplan import answers

            answers.end(status)
        app.registered_commands = commands


def _needed(args: list[str], commands: list[typer.models.CommandInfo]) -> list[typer.models.CommandInfo]:
    """Only the command being run, when the arguments name one; else all of them.

    Why: Typer builds every command's options before running one; for a query answered
    from the cache that was a tenth of its time. casplan's own options (--debug,
    --no-cache, --version) take no value, so the first word without a dash names the
    command. `casplan -h` and an unknown word still get all commands (the list, the
    nearest name).
    """
    word = next((a for a in args if not a.startswith("-")), None)
    if word is None:
        return commands
    from typer.main import get_command_name

    chosen = [c for c in commands if (c.name or get_command_name(c.callback.__name__ if c.callback else "")) == word]
    return chosen or commands


if __name__ == "__main__":  # pragma: no cover
    main()
