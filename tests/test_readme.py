"""The README stays true to the code: every diagnostic code and command is documented."""

import re
from pathlib import Path

from casplan.cli import app
from casplan.diagnostics import CODES

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_code_is_in_the_table_with_its_severity() -> None:
    rows = dict(re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning) \|", README, flags=re.M))
    assert rows == {code: severity.value for code, severity in CODES.items()}


def test_every_command_has_a_section() -> None:
    commands = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    documented = set(re.findall(r"^### `casplan (\w+)", README, flags=re.M))
    assert commands <= documented


def test_first_two_commands_install_run_and_test() -> None:
    blocks = re.findall(r"```sh\n(.+?)\n```", README)
    assert blocks[0] == "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/casplan validate"
    assert blocks[1] == "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/pip install --quiet '.[test]'" in ci
    assert ".venv/bin/python -m pytest" in ci
