"""casplan.answers: a question asked again of an unchanged plan is replayed exactly; anything else runs anew."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from casplan import answers

ROOT = Path(__file__).resolve().parents[1]
CASPLAN = [sys.executable, "-c", "import sys; from casplan.cli import main; sys.argv[0] = 'casplan'; main()"]
QUERY = ["list", "--plan", "plan", "--dept", "人事局"]


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """A working folder holding a copy of the embedded plan at plan/, and its own cache folder."""
    shutil.copytree(ROOT / "plan", tmp_path / "plan")
    return tmp_path


def run(here: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("CASPLAN_")}
    environ.update({"XDG_CACHE_HOME": str(here / "xdg"), "COLUMNS": "100", **env})
    return subprocess.run([*CASPLAN, *args], cwd=here, env=environ, capture_output=True, text=True, check=False)


def stored(here: Path) -> list[Path]:
    folder = here / "xdg" / "casplan" / "answers"
    return sorted(folder.glob("*.json")) if folder.exists() else []


def forge(entry: Path, text: str) -> None:
    """Rewrite a stored answer as a valid entry that prints `text`: only a replay can print it."""
    header = json.loads(entry.read_bytes().partition(b"\n")[0])
    body = json.dumps([[1, text]]).encode()
    header["body"] = hashlib.sha256(body).hexdigest()
    entry.write_bytes(json.dumps(header).encode() + b"\n" + body)


def test_a_repeated_question_is_replayed_byte_for_byte(here):
    first = run(here, *QUERY)
    assert first.returncode == 0 and "共 " in first.stdout
    assert first.stderr.startswith("注：集体单位不展开为具体部门")
    (entry,) = stored(here)
    second = run(here, *QUERY)
    assert (second.returncode, second.stdout, second.stderr) == (0, first.stdout, first.stderr)
    forge(entry, "只有重放才会印出这一行\n")
    assert run(here, *QUERY).stdout == "只有重放才会印出这一行\n"


def test_an_edited_plan_is_a_new_question(here):
    run(here, *QUERY)
    forge(stored(here)[0], "旧答案\n")
    section = next((here / "plan" / "sections").glob("01-*.yaml"))
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("制定《中共中科院党组", "制定《中共中国科学院党组", 1), encoding="utf-8")
    again = run(here, *QUERY)
    assert again.returncode == 0 and "旧答案" not in again.stdout
    assert "中共中国科学院党组" in again.stdout.replace("\n", "").replace(" ", "")


@pytest.mark.parametrize("change", [
    {"COLUMNS": "60"},  # how the answer is folded
    {"CASPLAN_TODAY_FOR_TESTS": "x"},  # any CASPLAN_ variable
    {"NO_COLOR": "1"},
])
def test_another_setting_is_a_new_question(here, change):
    run(here, *QUERY)
    forge(stored(here)[0], "旧答案\n")
    assert "旧答案" not in run(here, *QUERY, **change).stdout


def test_other_arguments_are_a_new_question(here):
    run(here, *QUERY)
    forge(stored(here)[0], "旧答案\n")
    assert "旧答案" not in run(here, "list", "--plan", "plan", "--dept", "人事局", "--role", "lead").stdout
    assert "旧答案" not in run(here, "list", "--plan", "./plan", "--dept", "人事局").stdout


@pytest.mark.parametrize("damage", ["truncate", "flip", "foreign", "other-key"])
def test_a_bad_entry_is_never_trusted(here, damage):
    first = run(here, *QUERY)
    (entry,) = stored(here)
    raw = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "flip":
        entry.write_bytes(raw[:-5] + bytes([raw[-5] ^ 1]) + raw[-4:])
    elif damage == "foreign":
        forge(entry, "别人写的\n")
        entry.chmod(0o666)  # writable by others: not ours to trust
    else:
        forge(entry, "别的问题的答案\n")
        header, _, body = entry.read_bytes().partition(b"\n")
        fields = json.loads(header)
        fields["key"] = "0" * 64
        entry.write_bytes(json.dumps(fields).encode() + b"\n" + body)
    again = run(here, *QUERY)
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, first.stderr)


def test_only_a_clean_answer_from_the_whole_plan_is_kept(here):
    assert run(here, "list", "--plan", "plan", "--dept", "人士局").returncode == 2  # usage error
    assert run(here, "list", "--plan", "plan", "-h").returncode == 0  # help
    assert run(here, "stats", "--plan", "plan").returncode == 0  # not a remembered command
    assert stored(here) == []
    section = next((here / "plan" / "sections").glob("02-*.yaml"))
    section.write_text(section.read_text(encoding="utf-8") + "\n坏: [\n", encoding="utf-8")
    partial = run(here, *QUERY)
    assert partial.returncode == 1 and "警告：以下文件有错误" in partial.stderr
    assert stored(here) == []


@pytest.mark.parametrize("env", [{"CASPLAN_NO_CACHE": "1"}, {"CASPLAN_NO_ANSWERS": "1"}])
def test_switched_off(here, env):
    run(here, *QUERY, **env)
    assert stored(here) == []
    run(here, *QUERY)
    forge(stored(here)[0], "旧答案\n")
    assert "旧答案" not in run(here, *QUERY, **env).stdout
    assert "旧答案" not in run(here, "--no-cache", *QUERY).stdout


def test_a_cache_folder_that_cannot_be_written_changes_nothing(here):
    (here / "xdg").write_text("a file where the folder should be", encoding="utf-8")
    first, second = run(here, *QUERY), run(here, *QUERY)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout and "共 " in first.stdout


def test_the_answer_keeps_the_order_of_stdout_and_stderr(here):
    first = run(here, *QUERY)
    assert first.returncode == 0 and first.stderr
    merged = subprocess.run([*CASPLAN, *QUERY],
                            cwd=here, env={**os.environ, "XDG_CACHE_HOME": str(here / "xdg"), "COLUMNS": "100"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    (entry,) = stored(here)
    chunks = json.loads(entry.read_bytes().partition(b"\n")[2])
    assert [stream for stream, _ in chunks][-1] == 2  # the note on stderr came after the table
    assert "".join(text for _, text in chunks) == merged.stdout == first.stdout + first.stderr


@pytest.mark.parametrize(("args", "command"), [
    (["list", "--dept", "x"], "list"),
    (["--debug", "due", "--before", "2021-12-31"], "due"),
    (["show", "x"], "show"),
    (["--no-cache", "list"], None),
    (["--version"], None),
    (["list", "-h"], None),
    (["render", "x.docx"], None),
    (["stats"], None),
    ([], None),
])
def test_command_of(args, command):
    assert answers.command_of(args) == command


@pytest.mark.parametrize(("args", "env", "plan"), [
    (["list", "--plan", "a"], {}, Path("a")),
    (["list", "--plan=a/b"], {}, Path("a/b")),
    (["list"], {"CASPLAN_PLAN": "p"}, Path("p")),
    (["list"], {}, Path("plan")),
    (["list", "--plan", "a", "--plan", "b"], {}, None),  # typer judges that
    (["list", "--plan"], {}, None),
])
def test_plan_of(args, env, plan):
    assert answers.plan_of(args, env) == plan
