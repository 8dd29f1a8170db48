from __future__ import annotations

import subprocess
import sys

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
        assert "Usage: casplan " + command in result.stdout
        assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stdout.split("Options")[0])


def test_cli_import_is_light() -> None:
    code = "import sys, casplan.cli; print(sorted(m for m in ('docx', 'jinja2', 'pydantic', 'ruamel.yaml', 'rich.table') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_python_dash_m() -> None:
    result = subprocess.run([sys.executable, "-m", "casplan", "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, f"casplan {__version__}\n")
