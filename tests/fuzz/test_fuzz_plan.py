"""The fuzz suite: hostile variations of the real plan through the CLI's own path.

For every case: exit 0 or 1 (never the internal-error status 3, never a
traceback), every diagnostic a well-formed line with a known code and a
position inside its file as an editor counts lines, no control character
echoed, nothing of a file outside the plan printed, under 2 s. Whatever
validate accepts, the queries and render must handle too.

CI runs a fixed, bounded set (derandomized); a long run:
`CASPLAN_FUZZ_EXAMPLES=10000 python -m pytest tests/fuzz`; split over two processes:
`CASPLAN_FUZZ_RANDOM=1 CASPLAN_FUZZ_EXAMPLES=5000 python -m pytest tests/fuzz --hypothesis-seed=1` (and =2).
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from casplan.cli import app
from casplan.diagnostics import CODES
from mutations import SECRET, mutations, plant_secret

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "plan"
EXAMPLES = int(os.environ.get("CASPLAN_FUZZ_EXAMPLES", "200"))
# CI draws the same cases every run; a long run may be split over processes with
# CASPLAN_FUZZ_RANDOM=1 and `--hypothesis-seed=N` (a different N in each).
FUZZ = settings(
    max_examples=EXAMPLES, derandomize=not os.environ.get("CASPLAN_FUZZ_RANDOM"), deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

LINE = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?:error|warning)\[(?P<code>[a-z0-9-]+)\] .+$")
SUMMARY = re.compile(r"^检查(?:未)?通过：\d+ 个部分，\d+ 项任务，\d+ 个子项；\d+ 个错误，\d+ 个警告$")
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
SECONDS = 2.0


class Case:
    """A mutated copy of the plan in a fresh temporary folder, with the secret beside it."""

    def __init__(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="casplan-fuzz-"))
        self.root = self.tmp / "plan"
        shutil.copytree(PLAN, self.root, symlinks=True)
        plant_secret(self.tmp / "outside")

    def __enter__(self) -> Case:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def invoke(*args: str) -> tuple[int, str, str, float]:
    """Run casplan in this process; the time is CPU seconds, which a busy machine does not inflate."""
    start = time.process_time()
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "100", "NO_COLOR": "1"}, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr, time.process_time() - start


# Import what the commands import lazily, so that no case is charged for a first import.
for _warm in (["validate"], ["list"], ["due"], ["show", "learn-notice"], ["stats"]):
    invoke(*_warm, "--plan", str(PLAN))


def editor_lines(path: Path) -> list[str]:
    """The file's lines as an editor and `grep -n` count them: only LF ends a line."""
    text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
    lines = text.split("\n")
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def assert_clean(what: str, code: int, out: str, err: str, seconds: float) -> None:
    assert code in (0, 1), f"{what}: exit {code}\n{err}"
    assert "Traceback" not in err and "内部错误" not in err, f"{what}: {err}"
    assert SECRET not in out + err, f"{what}: printed a file outside the plan"
    assert not UNSAFE.search(out + err), f"{what}: a control character reached the output: {UNSAFE.search(out + err)!r}"
    assert seconds < SECONDS, f"{what}: took {seconds:.2f} s"


def assert_diagnostics(what: str, report: str) -> None:
    *lines, summary = report.splitlines()
    assert SUMMARY.match(summary), f"{what}: summary line {summary!r}"
    for line in lines:
        m = LINE.match(line)
        assert m, f"{what}: not a diagnostic line: {line!r}"
        assert m["code"] in CODES, f"{what}: unknown code in {line!r}"
        if m["line"] is None:
            continue
        path = Path(m["file"])
        if not path.is_file() or path.is_symlink():
            continue  # a name escaped for printing, or a link that was never read
        numbered = editor_lines(path)
        n, col = int(m["line"]), int(m["col"])
        assert 1 <= n <= len(numbered), f"{what}: line {n} outside the file ({len(numbered)} lines): {line!r}"
        assert 1 <= col <= len(numbered[n - 1]) + 1, f"{what}: column {col} outside line {n}: {line!r}"


def queries(what: str, root: Path) -> None:
    """What validate accepts, every reading command handles: exit 0, clean output."""
    plan = str(root)
    for args in (["list"], ["due", "--include-ongoing"], ["stats"], ["list", "--format", "json"],
                 ["render", str(root.parent / "out.txt")]):
        code, out, err, seconds = invoke(*args, "--plan", plan)
        assert_clean(f"{what}: {' '.join(args)}", code, out, err, seconds)
        assert code == 0, f"{what}: {' '.join(args)} refused a plan validate accepted:\n{err}"
    listed = invoke("list", "--plan", plan, "--format", "csv")[1].splitlines()[1:]
    for row in listed[:3]:
        item = row.split(",", 1)[0]
        code, out, err, seconds = invoke("show", item, "--plan", plan)
        assert_clean(f"{what}: show {item}", code, out, err, seconds)


@FUZZ
@given(data=st.data())
def test_validate_survives_any_mutation(data: st.DataObject) -> None:
    with Case() as case:
        what = " + ".join(data.draw(mutations(case.tmp / "outside"))(case.root) for _ in range(data.draw(st.integers(1, 3))))
        code, out, err, seconds = invoke("validate", "--plan", str(case.root))
        assert_clean(what, code, out, err, seconds)
        assert_diagnostics(what, out)
        assert err == "", f"{what}: validate wrote to stderr: {err}"
        for fmt in ("json", "github"):
            code2, out2, err2, seconds2 = invoke("validate", "--plan", str(case.root), "--format", fmt)
            assert_clean(f"{what} ({fmt})", code2, out2, err2, seconds2)
            assert code2 == code
        if code == 0:
            queries(what, case.root)


@settings(FUZZ, max_examples=max(EXAMPLES // 25, 8))
@given(data=st.data())
def test_the_real_command_line_survives_mutations(data: st.DataObject) -> None:
    """A share of the cases through the installed program itself: a new interpreter, real stdout."""
    with Case() as case:
        what = data.draw(mutations(case.tmp / "outside"))(case.root)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run([sys.executable, "-m", "casplan", "validate", "--plan", str(case.root)],
                              capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        assert_clean(what, proc.returncode, proc.stdout, proc.stderr, cpu)
        assert_diagnostics(what, proc.stdout)


@settings(FUZZ, max_examples=max(EXAMPLES // 25, 8))
@given(data=st.data())
def test_render_docx_on_whatever_validates(data: st.DataObject) -> None:
    with Case() as case:
        what = data.draw(mutations(case.tmp / "outside"))(case.root)
        if invoke("validate", "--plan", str(case.root))[0] != 0:
            return
        code, out, err, _ = invoke("render", str(case.tmp / "out.docx"), "--plan", str(case.root))
        assert_clean(what, code, out, err, 0.0)
        assert code == 0, f"{what}: render refused a plan validate accepted:\n{err}"


DEADLINE_PIECES = [
    "2021年", "二〇二一年", "2021—2025年", "9月底前", "年底前", "上半年", "一季度末", "每年", "每季度", "每月5日前",
    "“十四五”", "十四五", "期间", "末", "自", "从", "起", "开始", "至", "到", "前", "以前", "之前", "内", "个工作日",
    "本方案印发之日起", "30日", "三个月", "持续推进", "长期坚持", "按照国家有关部门工作推进进度", "立即", "到2025年",
    "十十月", "九五十月", "二〇十一年", "根据十四五季度", "０", "１２月", "〇", "○", "十", "百", "千", "万", "亿", "零",
    "，", "。", "；", "、", "（", "）", "\x1b[2J", "\u202e", "\n", "2月30日", "13月", "0月", "9999年", "0年", "-1年",
]


@FUZZ
@given(pieces=st.lists(st.sampled_from(DEADLINE_PIECES) | st.text(max_size=4), min_size=1, max_size=8),
       fmt=st.sampled_from(["text", "json", "yaml"]))
def test_deadline_reads_any_text(pieces: list[str], fmt: str) -> None:
    """`casplan deadline TEXT`: any text gets a reading or a clear 'cannot read', exit 0 or 1, clean output."""
    text = "".join(pieces)
    if not text.strip() or text.startswith("-"):
        return
    code, out, err, seconds = invoke("deadline", text, "--date", "2021-09-28", "--format", fmt)
    assert_clean(f"deadline {text!r}", code, out, err, seconds)
