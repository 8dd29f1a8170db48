import csv
import io
import json

import yaml

from casplan.output import DataFormat, plain, table, to_csv, write_records

RECORDS = [{"编号": "a", "协助部门": ["学部工作局", "发展规划局", "等"]}, {"编号": "b", "时间期限": "持续推进。"}]


def test_plain() -> None:
    assert (plain(["甲", "乙", "等"]), plain(["甲", "乙"]), plain(None), plain(3)) == ("甲、乙等", "甲、乙", "", "3")


def test_csv_has_bom_crlf_and_every_key() -> None:
    text = to_csv(RECORDS)
    assert text.startswith("\ufeff编号,时间期限,协助部门\r\n")  # a later row's key goes after the key it follows
    rows = list(csv.DictReader(io.StringIO(text.encode("utf-8").decode("utf-8-sig"))))
    assert rows == [{"编号": "a", "协助部门": "学部工作局、发展规划局等", "时间期限": ""},
                    {"编号": "b", "协助部门": "", "时间期限": "持续推进。"}]


def test_json_and_yaml_carry_the_same_records() -> None:
    out_json, out_yaml = io.StringIO(), io.StringIO()
    write_records(RECORDS, DataFormat.JSON, out_json)
    write_records(RECORDS, DataFormat.YAML, out_yaml)
    assert json.loads(out_json.getvalue()) == RECORDS == yaml.safe_load(out_yaml.getvalue())
    empty = io.StringIO()
    write_records([], DataFormat.YAML, empty)
    assert yaml.safe_load(empty.getvalue()) == []


def test_plain_table_without_a_terminal_has_no_boxes_and_folds(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "40")
    out = io.StringIO()
    long = "这是一个非常长的任务标题，没有空格也必须完整折行显示而不是被截断"
    table(["编号", "事项"], [["learn-notice", long]], out=out, keep=("编号",))
    text = out.getvalue()
    assert "\x1b[" not in text and not set("─│┌┐└┘━") & set(text)
    assert "…" not in text
    assert long in "".join(line[14:].strip() for line in text.splitlines()[1:])
    assert "learn-notice" in text.splitlines()[1]


# ------------------------------------------------------------------ table layout: the width sweep

import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
import unicodedata  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from collections.abc import Callable  # noqa: E402

from casplan.output import NO_END, NO_START, column_widths, wrap  # noqa: E402

PLAN = Path(__file__).resolve().parents[1] / "plan"
WIDTHS = range(40, 201)
# Every command that prints a table, with the arguments a clerk uses.
TABLE_COMMANDS = [
    ["list", "--dept", "人事局"],
    ["due", "--dept", "人事局"],
    ["list", "--leader", "周琪"],
    ["list"],
    ["list", "--dept", "人事局", "--leader", "阴和俊"],
    ["due", "--include-ongoing"],
    ["due", "--leader", "周琪", "--include-ongoing"],
    ["stats"],
    ["stats", "--by", "leader"],
    ["stats", "--by", "month"],
    ["names"],
    ["due", "--dept", "人事局", "--dept", "办公厅", "--before", "2022-12-31"],
]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
STARTS = "，。、；：）》”"  # the 避头尾 marks, checked literally
ENDS = "（《“"


_WIDE: dict[str, int] = {}


def _cells(char: str) -> int:
    if char not in _WIDE:
        _WIDE[char] = 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return _WIDE[char]


class _Widths(dict[str, int]):
    def __missing__(self, char: str) -> int:
        self[char] = _cells(char)
        return self[char]


_WIDTHS = _Widths()


def _line_cells(line: str) -> int:
    return len(line) if line.isascii() else sum(map(_WIDTHS.__getitem__, line))


_BLANK = re.compile(r"\s|─")


def _ink(text: str) -> Counter[str]:
    """The non-space characters of an output (colour codes and the header rule dropped)."""
    return Counter(_BLANK.sub("", ANSI.sub("", text)))


def _check(output: str, reference: str, width: int, what: str) -> None:
    plain = ANSI.sub("", output)
    lost = _ink(reference) - _ink(plain)
    assert not lost, f"{what} at {width} columns lost {sum(lost.values())} characters: {''.join(lost.elements())[:40]}"
    for line in plain.splitlines():
        assert _line_cells(line) <= width, f"{what} at {width}: line too wide: {line!r}"
        for cell in re.split(r" {2,}", line.strip()):
            assert not cell or cell[0] not in STARTS, f"{what} at {width}: a line starts with {cell[:1]}: {line!r}"
            assert not cell or cell[-1] not in ENDS, f"{what} at {width}: a line ends with {cell[-1]}: {line!r}"


def _fast_cli() -> Callable[[list[str]], str]:
    """The table commands in-process, fast enough to sweep 161 widths: one click command, the plan read once.

    Used by both sweeps; the layout, the width detection and the commands' own code all run as in real use.
    """
    import contextlib
    import functools

    import typer

    from casplan.cli import app
    from casplan.commands import due, list as list_, names, stats

    command = typer.main.get_command(app)
    for module in (due, list_, names, stats):
        for name in ("open_plan", "open_for_query"):
            if hasattr(module, name):
                setattr(module, name, functools.cache(getattr(module, name)))

    def run(args: list[str]) -> str:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = command.main([*args, "--plan", str(PLAN)], prog_name="casplan", standalone_mode=False)
        assert status in (0, None), err.getvalue()
        return out.getvalue()

    return run


def _run(args: list[str], columns: int) -> str:
    from typer.testing import CliRunner

    from casplan.cli import app

    result = CliRunner().invoke(app, [*args, "--plan", str(PLAN)], prog_name="casplan",
                                env={"COLUMNS": str(columns), "NO_COLOR": "1", "CASPLAN_PLAN": None})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_piped_tables_lose_no_character_at_any_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped, $COLUMNS from 40 to 200: every character of the COLUMNS=1000 table is there, 避头尾 kept."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("CASPLAN_PLAN", raising=False)
    for module in ("casplan.commands.due", "casplan.commands.list", "casplan.commands.names", "casplan.commands.stats"):
        __import__(module)
        for name in ("open_plan", "open_for_query"):
            if hasattr(sys.modules[module], name):
                monkeypatch.setattr(sys.modules[module], name, getattr(sys.modules[module], name))  # restored after
    run = _fast_cli()
    for args in TABLE_COMMANDS:
        monkeypatch.setenv("COLUMNS", "1000")
        reference = run(args)
        assert reference == _run(args, 1000)  # the fast path prints what the CLI prints
        for width in WIDTHS:
            monkeypatch.setenv("COLUMNS", str(width))
            _check(run(args), reference, width, " ".join(args))


_PTY_DRIVER = textwrap.dedent(r'''
    import contextlib, fcntl, functools, json, os, pty, struct, sys, termios, threading
    import typer
    from casplan.cli import app
    from casplan.commands import due, list as list_, stats
    command = typer.main.get_command(app)
    for module in (due, list_, stats):
        for name in ("open_plan", "open_for_query"):
            if hasattr(module, name):
                setattr(module, name, functools.cache(getattr(module, name)))

    commands, plan = json.loads(sys.argv[1]), sys.argv[2]
    master, slave = pty.openpty()
    chunks = []
    reader = threading.Thread(target=lambda: [chunks.append(b) for b in iter(lambda: _read(), b"")], daemon=True)
    def _read():
        try:
            return os.read(master, 65536)
        except OSError:
            return b""
    reader.start()
    tty = open(slave, "w", encoding="utf-8", closefd=False)
    real = sys.stdout
    sys.stdout = tty
    for args in commands:
        for width in range(40, 201):
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, width, 0, 0))
            status = command.main([*args, "--plan", plan], prog_name="casplan", standalone_mode=False)
            assert status in (0, None), (args, width, status)
            tty.write("\x00%s\x00%d\x00\n" % (" ".join(args), width))
            tty.flush()
    tty.write("\x00END\x00\n")
    tty.flush()
    import time
    while b"\x00END\x00" not in b"".join(chunks[-2:]):
        time.sleep(0.01)
    real.buffer.write(b"".join(chunks))
''')


def test_tables_in_a_real_terminal_lose_no_character_at_any_width() -> None:
    """In a pseudo-terminal sized 40 to 200 columns (no $COLUMNS): the width comes from the terminal itself."""
    commands = TABLE_COMMANDS[:3] + [["stats"]]
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "NO_COLOR", "FORCE_COLOR", "CASPLAN_PLAN"}}
    import json

    done = subprocess.run([sys.executable, "-c", _PTY_DRIVER, json.dumps(commands), str(PLAN)],
                          capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    text = done.stdout.decode("utf-8").replace("\r\n", "\n")
    pieces = text.split("\x00")
    outputs = {(pieces[i + 1], int(pieces[i + 2])): pieces[i] for i in range(0, len(pieces) - 3, 3)}
    assert len(outputs) == len(commands) * len(WIDTHS)
    for args in commands:
        reference = _run(args, 1000)
        for width in WIDTHS:
            out = outputs[(" ".join(args), width)].lstrip("\n")
            assert "\x1b[1m" in out  # a terminal: the header is bold, so this is the terminal's path
            _check(out, reference, width, "pty " + " ".join(args))


def test_wrap_keeps_every_character_and_the_kinsoku_rules() -> None:
    text = "完成“使命导向”的研究所（试点），并按要求进行过程监测、动态调整。"
    for cells in range(2, 40):
        lines = wrap(text, cells)
        assert "".join(lines) == text
        assert all(sum(_cells(c) for c in line) <= cells for line in lines)
        if cells < 6:  # narrower than a glued pair (“使 or ）， is 4 cells): only the width is promised
            continue
        assert not any(line[0] in NO_START for line in lines[1:])
        assert not any(line[-1] in NO_END for line in lines)


def test_wrap_control_catches_a_bad_break() -> None:
    # The control for the kinsoku test: a naive cut at 4 cells starts a line with “，”.
    naive = [("甲乙，丙丁")[i:i + 2] for i in range(0, 5, 2)]
    assert naive[1][0] == "，" and naive[1][0] in NO_START


def test_widths_follow_the_content_ids_whole_text_gets_the_room() -> None:
    columns = ["编号", "事项", "时间期限"]
    cells = [["special-research-posts", "建立完善特聘研究岗位制度，" * 8, "2021年年底前启动首批试点。"]]
    widths = column_widths(columns, cells, 80, keep=("编号",))
    assert widths is not None
    assert widths[0] == len("special-research-posts")
    assert widths[1] > widths[2] >= 8
    assert sum(widths) + 4 == 80
    assert column_widths(columns, [["a", "短", "短"]], 80, keep=("编号",)) == [4, 4, 8]  # natural widths
    assert column_widths(columns, cells, 40, keep=("编号",)) is None  # then cards


def test_a_table_too_wide_for_the_terminal_becomes_cards(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("NO_COLOR", "1")
    out = io.StringIO()
    table(["编号", "事项", "时间期限"], [["special-research-posts", "建立完善特聘研究岗位制度", "2021年年底前"]],
          out=out, keep=("编号",))
    assert out.getvalue() == (
        "编号      special-research-posts\n"
        "事项      建立完善特聘研究岗位制度\n"
        "时间期限  2021年年底前\n"
    )
