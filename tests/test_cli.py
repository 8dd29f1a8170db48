from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casplan import __version__


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"casplan {__version__}\n")


def test_no_arguments_shows_help(run_cli) -> None:
    result = run_cli()
    assert result.exit_code == 2
    for command in ("validate", "render", "schema"):
        assert command in result.output


def test_every_command_has_chinese_help(run_cli) -> None:
    for command in ("validate", "render", "schema"):
        result = run_cli(command, "--help")
        assert result.exit_code == 0
        assert "用法：casplan " + command in result.stdout
        assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stdout.split("选项：")[0])


def test_cli_import_is_light() -> None:
    code = "import sys, casplan.cli; print(sorted(m for m in ('docx', 'jinja2', 'pydantic', 'ruamel.yaml', 'rich.table', 'openpyxl', 'icalendar', 'matplotlib') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_python_dash_m() -> None:
    result = subprocess.run([sys.executable, "-m", "casplan", "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, f"casplan {__version__}\n")


def _crash() -> int:
    raise RuntimeError("boom")


def test_internal_error_exits_3_with_one_chinese_line(run_cli, monkeypatch) -> None:
    from casplan.commands import validate

    monkeypatch.setattr(validate, "run", lambda *a: _crash())
    monkeypatch.setattr("casplan.cli._DEBUG", {"on": False})
    result = run_cli("validate")
    assert result.exit_code == 3
    assert result.stderr == (
        "casplan 内部错误（RuntimeError）：这是 casplan 的缺陷，不是方案的问题。"
        "请把所用命令和方案文件报告给维护者；加 --debug 可显示调用栈。\n"
    )
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(run_cli, monkeypatch) -> None:
    from casplan.commands import validate

    monkeypatch.setattr(validate, "run", lambda *a: _crash())
    monkeypatch.setattr("casplan.cli._DEBUG", {"on": False})
    result = run_cli("--debug", "validate")
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.stderr and "RuntimeError: boom" in result.stderr


def test_usage_error_is_printed_escaped(run_cli) -> None:
    result = run_cli("list", "--dept", "\x1b[2J人时局")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert result.stderr.startswith("用法错误：未知部门“\\x1B[2J人时局”")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "casplan", *args]


def test_a_closed_pipe_ends_quietly() -> None:
    """`casplan due | head -0`: no traceback, no 'Exception ignored', status 141 (128 + SIGPIPE)."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write: every write is EPIPE
    try:
        result = subprocess.run(_cli("due"), stdout=write_end, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, "")


def test_a_full_disk_on_stdout_is_one_line() -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(_cli("list"), stdout=full, stderr=subprocess.PIPE, text=True)
    assert (result.returncode, result.stderr) == (1, "无法输出结果：磁盘空间不足\n")


_PROBE = ("import atexit, os, sys\n"
          "watched = os.environ['WATCHED'].split(',')\n"
          "atexit.register(lambda: print(sorted(m for m in watched if m in sys.modules), file=sys.stderr))\n"
          "from casplan.cli import main\n"
          "sys.argv = ['casplan', *sys.argv[1:]]\n"
          "main()\n")


def _imported(args: list[str], watched: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run `casplan ARGS` in a fresh interpreter; which of `watched` it had imported when it ended."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          env={**os.environ, **env, "WATCHED": ",".join(watched)}, check=False)
    return done.returncode, done.stderr.strip().splitlines()[-1]


HEAVY = ["docx", "jinja2", "openpyxl", "lxml", "icalendar", "matplotlib"]
PLAN = str(Path(__file__).resolve().parents[1] / "plan")


@pytest.mark.parametrize("args", [["--help"], ["list", "--plan", PLAN, "--dept", "人事局"],
                                  ["due", "--plan", PLAN, "--before", "2021-12-31"],
                                  ["show", "--plan", PLAN, "funding-reform-rules"], ["validate", "--plan", PLAN]])
def test_start_up_never_imports_the_heavy_libraries(args, tmp_path) -> None:
    status, imported = _imported(args, HEAVY, {"XDG_CACHE_HOME": str(tmp_path)})
    assert (status, imported) == (0, "[]")


@pytest.mark.parametrize("args", [["list", "--plan", PLAN, "--dept", "人事局"],
                                  ["due", "--plan", PLAN, "--before", "2021-12-31"],
                                  ["show", "--plan", PLAN, "funding-reform-rules"]])
def test_a_query_from_the_cache_parses_no_yaml_and_builds_no_model(args, tmp_path) -> None:
    """The first run fills the cache; a new question of the same plan reads neither YAML nor the models."""
    env = {"XDG_CACHE_HOME": str(tmp_path), "CASPLAN_NO_ANSWERS": "1"}
    watched = ["yaml", "casplan.yamlio", "casplan.load", "casplan.model", "casplan.check", "casplan.deadlines.reader"]
    assert _imported(args, watched, env)[0] == 0
    assert _imported(args, watched, env) == (0, "[]")
    plain = {"XDG_CACHE_HOME": str(tmp_path)}
    assert _imported(args, ["casplan.query"], plain) == (0, "['casplan.query']")  # answered, and remembered
    assert _imported(args, [*watched, "casplan.query"], plain) == (0, "[]")  # asked again: replayed, nothing computed


def test_the_program_starts_without_the_collector_and_works_with_it(tmp_path) -> None:
    """casplan.__main__ turns the collector off for start-up; the command runs with it on, start-up frozen."""
    probe = ("import atexit, gc, sys\n"
             "import casplan.__main__ as program\n"
             "from casplan.commands import validate\n"
             "seen = []\n"
             "real = validate.run\n"
             "def run(*args):\n"
             "    seen.append((gc.isenabled(), gc.get_freeze_count() > 0))\n"
             "    return real(*args)\n"
             "validate.run = run\n"
             "atexit.register(lambda: print(seen, file=sys.stderr))\n"
             "sys.argv = ['casplan', 'validate', '--plan', sys.argv[1]]\n"
             "program.main()\n")
    done = subprocess.run([sys.executable, "-c", probe, PLAN], capture_output=True, text=True, check=False,
                          env={**os.environ, "XDG_CACHE_HOME": str(tmp_path)})
    assert (done.returncode, done.stderr.strip().splitlines()[-1]) == (0, "[(True, True)]")


def test_a_command_run_in_process_leaves_the_collector_as_it_was(run_cli) -> None:
    import gc

    frozen = gc.get_freeze_count()
    assert run_cli("validate", "--plan", PLAN).exit_code == 0
    assert (gc.isenabled(), gc.get_freeze_count()) == (True, frozen)
