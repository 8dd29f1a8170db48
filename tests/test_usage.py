"""The command line speaks Chinese: help pages, click's usage errors, every error path.

`test_no_english_reaches_the_user` is permanent: it runs every command's help
and its error paths (and every bad-plan fixture, template errors, file errors)
and fails on any English sentence in what the user sees.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from casplan.cli import app
from casplan.usage import chinese_help, usage_message

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "plan"
BAD = ROOT / "tests" / "data" / "bad"
# Three or more Latin words in a row is an English sentence (a name such as “JSON Schema” is two).
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,']+[A-Za-z]{2,}){2,}")


def _cells(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _commands() -> list[str]:
    return [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]


def _has_plan_option(command: str) -> bool:
    info = next(c for c in app.registered_commands if (c.name or (c.callback.__name__ if c.callback else "")) == command)
    import inspect

    return "plan" in inspect.signature(info.callback).parameters if info.callback else False


def _error_paths(tmp: Path) -> list[list[str]]:
    templates = tmp / "templates"
    templates.mkdir()
    bad_templates = {
        "brace": "{{ x }\n", "endfor": "{% for x in y %}\n", "tag": "{% foo %}\n", "token": "{{ x y }}\n",
        "attr": "{{ 通知.x }}\n", "filter": "{{ 通知|nofilter }}\n", "zero": "{{ 1/0 }}\n", "quote": '{{ "a }}\n',
        "comment": "{# c\n", "concat": '{{ "a" + 1 }}\n', "undefined": "{{ nothing }}\n",
    }
    for name, text in bad_templates.items():
        (templates / f"{name}.j2").write_text(text, encoding="utf-8")
    paths: list[list[str]] = [[], ["-h"], ["--bogus"], ["nope"], ["lsit"], ["--dept", "x"]]
    for command in _commands():
        paths += [[command, "-h"], [command, "--help"], [command, "--bogus"], [command, "-Z"]]
        if _has_plan_option(command):
            paths += [[command, "--plan"], [command, "--plan", str(tmp / "no-such-plan")]]
    paths += [
        ["list", "-f", "xml"], ["list", "--part", "x"], ["list", "--role", "boss"], ["list", "--dept", "人时局"],
        ["list", "--leader", "周奇"], ["list", "--part", "0"], ["stats", "--by", "year"], ["show"], ["show", "a", "b"],
        ["show", "no-such-id"], ["due", "--before", "明年"], ["due", "--after", "2021-13-01"], ["render"],
        ["render", str(tmp / "out.xyz")], ["render", str(tmp / "missing" / "out.txt")], ["render", str(tmp)],
        ["render", str(tmp / "o.txt"), "-t", "nonexistent"], ["schema", "--kind", "x"], ["deadline"],
        ["deadline", "不知何时"], ["validate", "--format", "xml"], ["validate", "-f", "json", "--plan", str(tmp / "x")],
        ["validate", "-f", "github", "--plan", str(tmp / "x")],
        ["names", "--kind", "x"], ["show", "learn-notice", "-f", "csv"], ["show", "九、（九）"], ["show", "一"],
        ["due", "--today", "昨天吧"], ["due", "--after", "本月", "--before", "上月", "--today", "2021-05-05"],
        ["list", "--role", "lead"], ["list", "--dept", ""], ["render", str(tmp / "o.txt"), "-t", "dept", "--dept", "人事局",
                                                              "--dept", "办公厅"],
        ["render", str(tmp / "o.txt"), "--dept", "人事局"], ["deadline", "--bogus"],
    ]
    paths += [["render", str(tmp / "o.txt"), "--templates", str(templates), "-t", n] for n in bad_templates]
    for fixture in sorted(BAD.iterdir()):
        for fmt in ("text", "json", "github"):
            paths.append(["validate", "--plan", str(fixture), "--format", fmt])
    return paths


def test_no_english_reaches_the_user(run_cli, tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(PLAN, work / "plan")
    leaks = []
    for args in _error_paths(tmp_path):
        result = run_cli(*args, cwd=work)
        assert result.exit_code != 3, (args, result.stderr)  # never an internal error
        for stream in (result.stdout, result.stderr):
            text = stream
            if "-f" in args or "--format" in args:
                text = re.sub(r'"(file|line|column|severity|code|message)"', "", text)  # JSON keys are an interface
            text = re.sub(r"title=[a-z-]+", "", text)  # GitHub's annotation syntax
            found = ENGLISH.search(text)
            if found:
                leaks.append(f"casplan {' '.join(args)}: {found[0]!r}")
    assert leaks == []


def test_the_english_detector_finds_click_and_os_messages() -> None:
    # The control for the permanent test: what typer, click and the C library would have printed.
    for english in ("Error: No such option: --bogus", "Show this message and exit.", "Missing argument 'ID'.",
                    "Permission denied", "Is a directory", "unexpected end of template"):
        assert ENGLISH.search(english) or re.search(r"[A-Z][a-z]+ [a-z]+", english), english
    assert not ENGLISH.search("用法：casplan list [选项]  JSON Schema，供编辑器（yaml-language-server）")


@pytest.mark.parametrize("columns", [40, 50, 60, 80, 120])
def test_help_is_wrapped_by_display_width(run_cli, monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    from typer.testing import CliRunner

    for command in [[], *([c] for c in _commands())]:
        result = CliRunner().invoke(app, [*command, "--help"], prog_name="casplan",
                                    env={"COLUMNS": str(columns), "NO_COLOR": "1"})
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert lines[0].startswith("用法：casplan")
        too_wide = [line for line in lines if _cells(line) > columns]
        assert too_wide == [], command


def test_help_words_are_chinese(run_cli) -> None:
    result = run_cli("list", "--help")
    assert "用法：casplan list [选项]" in result.stdout
    assert "选项：\n" in result.stdout
    assert "显示本帮助并退出。" in result.stdout
    assert "[默认：any]" in result.stdout
    assert "--plan <路径>" in result.stdout
    top = run_cli("--help").stdout
    assert top.startswith("用法：casplan [选项] 命令 [参数]...\n") and "命令：\n" in top
    # Command summaries are whole sentences, not cut to “...”.
    assert "  stats     统计：" in top and "..." not in top.split("命令：")[1]


@pytest.mark.parametrize(("args", "stderr"), [
    (["list", "--bogus"], "用法错误：没有选项“--bogus”；用 casplan list -h 查看用法\n"),
    (["list", "--deptt", "人事局"], "用法错误：没有选项“--deptt”（是否为“--dept”？）；用 casplan list -h 查看用法\n"),
    (["list", "-f", "xml"], "用法错误：--format / -f 的取值“xml”无效；可选：table、json、csv、yaml；用 casplan list -h 查看用法\n"),
    (["list", "--part", "x"], "用法错误：--part 应为整数；用 casplan list -h 查看用法\n"),
    (["show"], "用法错误：缺少参数 ID（任务或子项的编号（不分大小写），或它在方案中的位置：九、（一）、十五、（3）、9.1）；"
               "用 casplan show -h 查看用法\n"),
    (["show", "a", "b"], "用法错误：多余的参数：b；用 casplan show -h 查看用法\n"),
    (["lsit"], "用法错误：没有命令“lsit”（是否为“list”？）；用 casplan -h 查看用法\n"),
    (["stats", "--by"], "用法错误：选项 --by 后面要写一个值\n"),
])
def test_click_errors_in_chinese(run_cli, args: list[str], stderr: str) -> None:
    result = run_cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


def test_no_arguments_prints_the_chinese_help_exit_2(run_cli) -> None:
    result = run_cli()
    assert result.exit_code == 2
    assert result.stderr.startswith("用法：casplan [选项] 命令")


def test_chinese_help_and_unknown_errors() -> None:
    assert chinese_help("部门。  [default: any]") == "部门。  [默认：any]"
    assert chinese_help("[required]") == "[必填]"

    class Strange(Exception):
        message = "Something entirely new happened here"
        ctx = None

    assert usage_message(Strange()) == "命令行参数有误"
