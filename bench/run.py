"""casplan's benchmark: whole processes, against the peers, on plan/ and on synthetic plans.

    python bench/run.py                       # plan/, 1,000 and 10,000 tasks (and 10,000 with 12 rounds); 5 runs
    python bench/run.py --sizes 0,1000 --runs 7 --only validate,list
    python bench/run.py --sizes 10000x12 --only status --runs 1   # the commands that read progress rounds
    python bench/run.py --docs                # also rewrite the table in docs/performance.md

Every figure is a whole process (start-up included), timed with a monotonic clock,
with its peak resident memory from os.wait4 (the kernel's ru_maxrss of that child).
Each casplan command runs interleaved with the tools it is compared with (A B A B …)
after one warm-up run of each; the table gives medians and, for each comparison, the
median of the per-pair ratios (casplan's run i / the peer's run i), so load from
other processes on the machine hits both sides of a ratio alike.

Peers: check-jsonschema (schema from `casplan schema`, ruamel.yaml's C parser when
installed) and yamllint on the same section files; the floor of reading every file of
the plan with PyYAML's C loader alone; a do-nothing Typer app (bench/noop_typer.py) run
with the same interpreter and Typer version. Install the peers with
`pip install -e '.[bench]'` (or put them on PATH / point --peers-bin at their bin/).

Commands are a table (COMMANDS below): one line adds one; a command the installed
casplan does not have is skipped and listed as such. A size NxR (10000x12) is a
synthetic plan of N tasks with R quarterly progress rounds (synth.write_rounds):
only the commands that read rounds (reads_rounds, rounds_only) are measured on it. Nothing here runs in the test
suite except a smoke test (tests/bench/test_run.py) with one tiny plan and one run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402  (bench/ is not a package)

MiB = 1024 * 1024


# ---------------------------------------------------------------- processes


@dataclass
class Run:
    seconds: float
    rss: int  # peak resident set, bytes
    status: int
    stderr: str = ""


def run_once(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """One whole process: wall time, its own peak RSS (os.wait4's rusage), exit status."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
                                env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Run(seconds, rss, proc.returncode, text[-2000:])


# ---------------------------------------------------------------- what is measured


@dataclass
class Ctx:
    """One plan under test and everything its commands need."""

    name: str  # "plan/" or "1,000 tasks"
    plan: Path
    work: Path  # scratch folder for outputs
    sections: list[Path]
    files: list[Path]  # every YAML file of the plan
    show_id: str
    schema: Path | None = None
    rounds: int = 0  # progress rounds (进展/) of a synthetic plan
    round_id: str = "2021-12"  # the round sheet and collect work on: the next one after those kept
    as_of: str = "2021-12-31"  # status as of this day
    made: dict[str, Path] = field(default_factory=dict)  # outputs earlier commands left (notice.docx …)


@dataclass(frozen=True)
class Command:
    label: str
    subcommand: str  # must exist in `casplan --help`, else the line is skipped
    argv: Callable[[Ctx], list[str] | None]  # casplan's arguments; None: cannot run here (says why in table)
    peers: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    slow: bool = False  # a render: fewer runs allowed with --slow-runs
    reads_rounds: bool = False  # reads 进展/ when there is one: measured on the plans with rounds too
    rounds_only: bool = False  # measured only on the plans with rounds

    def runs_on(self, ctx: Ctx) -> bool:
        return self.reads_rounds or self.rounds_only if ctx.rounds else not self.rounds_only


def _out(ctx: Ctx, name: str) -> Path:
    path = ctx.work / name
    ctx.made[name] = path
    return path


def _needs(ctx: Ctx, name: str) -> Path | None:
    path = ctx.made.get(name)
    return path if path is not None and path.exists() else None


def _plan_copy(ctx: Ctx, name: str, change: Callable[[Path], None] | None = None) -> Path:
    """A copy of the plan (for commands that write into it, or a second version for diff)."""
    copy = ctx.work / name
    if not copy.exists():
        shutil.copytree(ctx.plan, copy)
        if change is not None:
            change(copy)
    return copy


def _filled(ctx: Ctx, sheet: Path | None) -> Path | None:
    """A copy of the department's sheet with every row answered (推进中, a line of 进展), as one comes back."""
    if sheet is None:
        return None
    filled = ctx.work / f"{sheet.stem}-填好.xlsx"
    if not filled.exists():
        from openpyxl import load_workbook  # casplan's own dependency

        wb = load_workbook(sheet)
        ws = wb["进展报送"]
        head = {ws.cell(row=3, column=c).value: c for c in range(1, ws.max_column + 1)}
        for r in range(4, ws.max_row + 1):
            if ws.cell(row=r, column=1).value:
                ws.cell(row=r, column=head["状态"], value="推进中")
                ws.cell(row=r, column=head["进展"], value="已按计划推进，阶段性任务已完成，正在组织总结评估。")
        wb.save(filled)
    return filled


def _slip_one_deadline(copy: Path) -> None:
    first = sorted((copy / "sections").glob("*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("时间期限: ", "时间期限: 2030年年底前完成。原为", 1), encoding="utf-8")


QUERY_PEERS = ("typer-noop",)
P = "--plan"
NO_CACHE = (("CASPLAN_NO_CACHE", "1"),)
NEW_QUESTION = (("CASPLAN_NO_ANSWERS", "1"),)  # the plan cache answers, the answer is computed (casplan.answers)

COMMANDS: list[Command] = [
    Command("validate", "validate", lambda c: ["validate", P, str(c.plan)],
            ("check-jsonschema", "yamllint", "pyyaml-c-floor"), reads_rounds=True),
    Command("list --dept 人事局", "list", lambda c: ["list", P, str(c.plan), "--dept", "人事局"], QUERY_PEERS),
    Command("list --dept 人事局 (new question)", "list", lambda c: ["list", P, str(c.plan), "--dept", "人事局"],
            QUERY_PEERS, NEW_QUESTION),
    Command("list --dept 人事局 (no cache)", "list", lambda c: ["list", P, str(c.plan), "--dept", "人事局"],
            QUERY_PEERS, NO_CACHE),
    Command("due --before 2021-12-31", "due", lambda c: ["due", P, str(c.plan), "--before", "2021-12-31"], QUERY_PEERS),
    Command("due --before 2021-12-31 (new question)", "due",
            lambda c: ["due", P, str(c.plan), "--before", "2021-12-31"], QUERY_PEERS, NEW_QUESTION),
    Command("due --before 2021-12-31 (no cache)", "due", lambda c: ["due", P, str(c.plan), "--before", "2021-12-31"],
            QUERY_PEERS, NO_CACHE),
    Command("show ID", "show", lambda c: ["show", c.show_id, P, str(c.plan)], QUERY_PEERS),
    Command("show ID (new question)", "show", lambda c: ["show", c.show_id, P, str(c.plan)], QUERY_PEERS, NEW_QUESTION),
    Command("show ID (no cache)", "show", lambda c: ["show", c.show_id, P, str(c.plan)], QUERY_PEERS, NO_CACHE),
    Command("stats", "stats", lambda c: ["stats", P, str(c.plan)], QUERY_PEERS),
    Command("render notice.docx", "render", lambda c: ["render", str(_out(c, "notice.docx")), P, str(c.plan)],
            slow=True, reads_rounds=True),
    Command("render notice.docx (no cache)", "render",
            lambda c: ["render", str(c.work / "notice-cold.docx"), P, str(c.plan)], env=NO_CACHE, slow=True),
    Command("render ledger.docx", "render",
            lambda c: ["render", str(_out(c, "ledger.docx")), P, str(c.plan), "--template", "ledger"], slow=True,
            reads_rounds=True),
    Command("render progress.docx", "render",
            lambda c: ["render", str(_out(c, "progress.docx")), P, str(c.plan), "--template", "progress"], slow=True,
            rounds_only=True),
    Command("import notice.docx", "import",
            lambda c: None if (src := _needs(c, "notice.docx")) is None
            else ["import", str(src), "--out", str(c.work / "imported"), "--force"], slow=True),
    # The commands of the follow-up (督办) and review issues: measured once they land on main.
    Command("status", "status", lambda c: ["status", P, str(c.plan), "--as-of", c.as_of], QUERY_PEERS,
            reads_rounds=True),
    # As of an earlier round's date: the latest reports are older ones, read again from their files.
    Command("status --as-of 2023-06-30", "status", lambda c: ["status", P, str(c.plan), "--as-of", "2023-06-30"],
            QUERY_PEERS, rounds_only=True),
    Command("sheet --dept 人事局", "sheet",
            lambda c: ["sheet", str(_out(c, "人事局.xlsx")), "--dept", "人事局", "--round", c.round_id,
                       P, str(_plan_copy(c, "plan-progress"))], slow=True, reads_rounds=True),
    Command("collect", "collect",
            lambda c: None if (sheet := _needs(c, "人事局.xlsx")) is None
            else ["collect", str(sheet), "--round", c.round_id, P, str(_plan_copy(c, "plan-progress"))], slow=True),
    Command("collect (filled sheet)", "collect",
            lambda c: None if (sheet := _filled(c, _needs(c, "人事局.xlsx"))) is None
            else ["collect", str(sheet), "--round", c.round_id, P, str(_plan_copy(c, "plan-progress"))], slow=True,
            rounds_only=True),
    Command("diff DIR DIR", "diff",
            lambda c: ["diff", str(c.plan), str(_plan_copy(c, "plan-slipped", _slip_one_deadline)), P, str(c.plan)],
            reads_rounds=True),
    Command("ics", "ics", lambda c: ["ics", str(_out(c, "plan.ics")), P, str(c.plan)], reads_rounds=True),
]


# ---------------------------------------------------------------- the tools compared with


@dataclass
class Tools:
    casplan: list[str]
    subcommands: set[str]
    peers_bin: Path | None
    notes: list[str] = field(default_factory=list)

    def which(self, name: str) -> str | None:
        if self.peers_bin is not None and (self.peers_bin / name).exists():
            return str(self.peers_bin / name)
        beside = Path(sys.executable).parent / name
        return str(beside) if beside.exists() else shutil.which(name)

    def peer_argv(self, peer: str, ctx: Ctx) -> list[str] | None:
        sections = [str(p) for p in ctx.sections]
        if peer == "typer-noop":
            return [sys.executable, str(HERE / "noop_typer.py"), "x", "--plan", str(ctx.plan), "--dept", "人事局"]
        if peer == "pyyaml-c-floor":
            code = ("import sys, yaml\n"
                    "for f in sys.argv[1:]:\n"
                    "    with open(f, 'rb') as s: yaml.load(s, Loader=yaml.CSafeLoader)\n")
            return [sys.executable, "-c", code, *map(str, ctx.files)]
        if peer == "check-jsonschema":
            exe = self.which("check-jsonschema")
            return None if exe is None or ctx.schema is None else [exe, "--schemafile", str(ctx.schema), *sections]
        if peer == "yamllint":
            exe = self.which("yamllint")
            # Default rules, less the two that flag every line of any Chinese plan (long lines, no ---):
            # the linter still parses and checks every token, without printing thousands of lines.
            config = "{extends: default, rules: {line-length: disable, document-start: disable}}"
            return None if exe is None else [exe, "-d", config, "-f", "parsable", *sections]
        raise ValueError(peer)


def compile_bytecode() -> str:
    """Compile casplan's modules to .pyc first, as `pip install` does for the peers.

    Why: an editable install under PYTHONDONTWRITEBYTECODE=1 (as on some CI machines) would
    otherwise compile casplan's sources in every timed run while the peers load bytecode.
    """
    where = subprocess.run([sys.executable, "-c", "import casplan, os; print(os.path.dirname(casplan.__file__))"],
                           capture_output=True, text=True, check=False).stdout.strip()
    if not where:
        return "not found"
    done = subprocess.run([sys.executable, "-m", "compileall", "-q", where], capture_output=True, check=False)
    return "compiled before timing (as pip install does)" if done.returncode == 0 else "could not be compiled"


def find_casplan() -> list[str]:
    beside = Path(sys.executable).parent / "casplan"
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "casplan"]


def subcommands(casplan: list[str]) -> set[str]:
    out = subprocess.run([*casplan, "--help"], capture_output=True, text=True, check=False).stdout
    found = set()
    for line in out.splitlines():
        word = line.strip().split(" ")[0] if line.startswith("  ") else ""
        if word and word.isascii() and word.replace("-", "").isalpha():
            found.add(word)
    return found


def _python_of(exe: str) -> str | None:
    try:
        first = Path(exe).read_text(encoding="utf-8", errors="replace").splitlines()[0]
    except (OSError, IndexError):
        return None
    return first[2:].strip() if first.startswith("#!") else None


def machine(tools: Tools) -> dict[str, str]:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
    except OSError:
        pass
    info = {
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}, {os.cpu_count()} CPUs {cpu}".strip(),
        "python": platform.python_version(),
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "",
    }
    versions = subprocess.run([sys.executable, "-c", "import typer, pydantic, yaml; from importlib.metadata import "
                               "version; print(version('typer'), pydantic.VERSION, yaml.__version__, "
                               "yaml.__with_libyaml__)"], capture_output=True, text=True, check=False).stdout.split()
    if len(versions) == 4:
        info["typer / pydantic / PyYAML (libyaml)"] = f"{versions[0]} / {versions[1]} / {versions[2]} ({versions[3]})"
    casplan_version = subprocess.run([*tools.casplan, "--version"], capture_output=True, text=True,
                                     check=False).stdout.strip()
    info["casplan"] = casplan_version
    for name in ("check-jsonschema", "yamllint"):
        exe = tools.which(name)
        if exe is None:
            info[name] = "not installed (pip install -e '.[bench]')"
            continue
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False).stdout.strip()
        python = _python_of(exe)
        c_parser = ""
        if name == "check-jsonschema" and python:
            has_c = subprocess.run([python, "-c", "import _ruamel_yaml"], capture_output=True, check=False)
            c_parser = ", ruamel.yaml C parser" + ("" if has_c.returncode == 0 else " NOT installed")
        info[name] = version + c_parser
    return info


# ---------------------------------------------------------------- plans


def first_id(sections: list[Path]) -> str:
    for path in sections:
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip().removeprefix("- ")
            if stripped.startswith("编号:"):
                return stripped.split(":", 1)[1].split("#")[0].strip()
    raise SystemExit(f"no 编号 in {sections[0].parent}")


def prepare(name: str, plan: Path, work: Path, tools: Tools) -> Ctx:
    sections = sorted((plan / "sections").glob("*.yaml"))
    files = sorted(plan.glob("*.yaml")) + sections
    ctx = Ctx(name, plan, work, sections, files, first_id(sections))
    schema = work / "section.schema.json"
    got = subprocess.run([*tools.casplan, "schema", "--kind", "section", P, str(plan)], capture_output=True,
                         check=False)
    if got.returncode == 0:
        schema.write_bytes(got.stdout)
        ctx.schema = schema
    return ctx


def parse_size(text: str) -> tuple[int, int]:
    """`10000` → (10000, 0); `10000x12` → 10,000 tasks with 12 progress rounds."""
    size, _, rounds = text.strip().partition("x")
    return int(size), int(rounds or 0)


def plans(sizes: list[tuple[int, int]], seed: int, scratch: Path, tools: Tools) -> list[Ctx]:
    out = []
    for size, rounds in sizes:
        tag = f"{size}x{rounds}" if rounds else str(size)
        work = scratch / f"work-{tag}"
        work.mkdir()
        if size == 0:
            out.append(prepare("plan/", ROOT / "plan", work, tools))
            continue
        folder = scratch / f"plan-{tag}"
        synth.write_plan(folder, size, seed, frame=ROOT / "plan" / "plan.yaml")
        if rounds:
            synth.write_rounds(folder, rounds, seed)
        check = run_once([*tools.casplan, "validate", P, str(folder)])
        if check.status != 0:
            raise SystemExit(f"the synthetic plan {tag} does not validate:\n{check.stderr}")
        name = f"{size:,} tasks × {rounds} rounds" if rounds else f"{size:,} tasks"
        ctx = prepare(name, folder, work, tools)
        if rounds:
            last = synth.round_dates(rounds + 1)
            ctx.rounds, ctx.as_of = rounds, last[-2].isoformat()  # as of the newest round
            ctx.round_id = f"{last[-1].year}-{last[-1].month:02d}"  # the next round
        out.append(ctx)
    return out


# ---------------------------------------------------------------- measuring


@dataclass
class Row:
    plan: str
    label: str
    runs: list[Run] = field(default_factory=list)
    peers: dict[str, list[Run]] = field(default_factory=dict)
    skipped: str = ""

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak(self) -> int:
        return max(r.rss for r in self.runs)

    def ratio(self, peer: str) -> float:
        pairs = zip(self.runs, self.peers[peer])
        return statistics.median(a.seconds / b.seconds for a, b in pairs)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"plan": self.plan, "command": self.label}
        if self.skipped:
            out["skipped"] = self.skipped
            return out
        out.update(seconds=[r.seconds for r in self.runs], rss_mib=[r.rss / MiB for r in self.runs], median=self.median,
                   peak_mib=self.peak / MiB, status=sorted({r.status for r in self.runs}))
        out["peers"] = {p: {"seconds": [r.seconds for r in rs], "median": statistics.median(r.seconds for r in rs),
                            "ratio": self.ratio(p), "peak_mib": max(r.rss for r in rs) / MiB}
                        for p, rs in self.peers.items()}
        return out


def measure(cmd: Command, ctx: Ctx, tools: Tools, runs: int, env_base: dict[str, str]) -> Row:
    row = Row(ctx.name, cmd.label)
    if cmd.subcommand not in tools.subcommands:
        row.skipped = f"casplan {cmd.subcommand} 尚不存在"
        return row
    args = cmd.argv(ctx)
    if args is None:
        row.skipped = "缺少前一命令的输出"
        return row
    env = {**env_base, **dict(cmd.env)}
    sides: list[tuple[str, list[str]]] = [("casplan", [*tools.casplan, *args])]
    for peer in cmd.peers:
        argv = tools.peer_argv(peer, ctx)
        if argv is not None:
            sides.append((peer, argv))
    results: dict[str, list[Run]] = {name: [] for name, _ in sides}
    for i in range(runs + 1):  # the first round is the warm-up (page cache, casplan's cache)
        for name, argv in sides:
            got = run_once(argv, env, cwd=ctx.work)
            if i:
                results[name].append(got)
    row.runs = results.pop("casplan")
    row.peers = results
    if any(r.status not in (0, 1) for r in row.runs):
        row.skipped = f"退出状态 {row.runs[0].status}：{row.runs[0].stderr.strip().splitlines()[-1:]}"
    return row


# ---------------------------------------------------------------- reporting

PEER_NAMES = {"check-jsonschema": "check-jsonschema", "yamllint": "yamllint", "pyyaml-c-floor": "PyYAML C 读取下限",
              "typer-noop": "空 Typer 程序"}


def table(rows: list[Row]) -> str:
    lines = ["| 方案 | 命令 | casplan（中位数） | 峰值内存 | 对比（每对运行之比的中位数；对方的中位数） |",
             "|---|---|---:|---:|---|"]
    for row in rows:
        if row.skipped and not row.runs:
            lines.append(f"| {row.plan} | {row.label} | — | — | 未测：{row.skipped} |")
            continue
        ratios = "；".join(f"{row.ratio(p):.2f} × {PEER_NAMES[p]}（{statistics.median(r.seconds for r in rs):.2f} s）"
                          for p, rs in row.peers.items())
        status = sorted({r.status for r in row.runs})
        note = f"（退出状态 {status}）" if status != [0] else ""
        if row.skipped:
            note += f" {row.skipped}"
        lines.append(f"| {row.plan} | {row.label} | {row.median:.2f} s | {row.peak / MiB:.0f} MiB | {ratios}{note} |")
    return "\n".join(lines)


@dataclass(frozen=True)
class Target:
    what: str
    plan: str
    label: str
    check: Callable[[Row], tuple[bool, str]]


def _ratio_at_most(peer: str, limit: float) -> Callable[[Row], tuple[bool, str]]:
    def check(row: Row) -> tuple[bool, str]:
        if peer not in row.peers:
            return False, f"没有 {PEER_NAMES[peer]}"
        value = row.ratio(peer)
        return value <= limit, f"{value:.2f} ×"
    return check


def _seconds_at_most(limit: float) -> Callable[[Row], tuple[bool, str]]:
    return lambda row: (row.median <= limit, f"{row.median:.2f} s")


TARGETS = [
    Target("validate ≤ 0.75 × check-jsonschema", "plan/", "validate", _ratio_at_most("check-jsonschema", 0.75)),
    Target("validate ≤ 0.35 × check-jsonschema", "10,000 tasks", "validate", _ratio_at_most("check-jsonschema", 0.35)),
    Target("validate ≤ 2 × PyYAML C 读取下限", "10,000 tasks", "validate", _ratio_at_most("pyyaml-c-floor", 2.0)),
    *(Target(f"{q} ≤ 1.15 × 空 Typer 程序", size, q, _ratio_at_most("typer-noop", 1.15))
      for size in ("plan/", "10,000 tasks") for q in ("list --dept 人事局", "due --before 2021-12-31", "show ID")),
    Target("render notice.docx ≤ 1.5 s", "plan/", "render notice.docx", _seconds_at_most(1.5)),
    Target("render notice.docx ≤ 3 s", "1,000 tasks", "render notice.docx", _seconds_at_most(3.0)),
    Target("render notice.docx ≤ 20 s", "10,000 tasks", "render notice.docx", _seconds_at_most(20.0)),
]


def targets(rows: list[Row]) -> str:
    lines = ["| 目标 | 方案 | 实测 | 达到 |", "|---|---|---:|---|"]
    by = {(r.plan, r.label): r for r in rows}
    for t in TARGETS:
        row = by.get((t.plan, t.label))
        if row is None or not row.runs:
            lines.append(f"| {t.what} | {t.plan} | 未测 | — |")
            continue
        ok, shown = t.check(row)
        lines.append(f"| {t.what} | {t.plan} | {shown} | {'是' if ok else '**否**'} |")
    big = [r for r in rows if r.plan.startswith("10,000 tasks") and r.runs]
    if big:
        worst = max(big, key=lambda r: r.peak)
        ok = worst.peak < 300 * MiB
        lines.append(f"| 峰值内存 < 300 MiB（每个命令） | {worst.plan} | {worst.peak / MiB:.0f} MiB（{worst.label}） | "
                     f"{'是' if ok else '**否**'} |")
    return "\n".join(lines)


def report(rows: list[Row], info: dict[str, str], args: argparse.Namespace) -> str:
    head = [f"- {k}: {v}" for k, v in info.items() if v]
    if args.merge:
        head.append(f"- 合并自 {'、'.join(str(p) for p in args.merge)}（各次运行的次数见其命令行）")
        return "\n".join(["机器与版本：", "", *head, "", table(rows), "", "目标：", "", targets(rows), ""])
    head.append(f"- 每个命令 {args.runs} 次（另有 1 次预热）" +
                (f"，排版与导入类命令 {args.slow_runs} 次" if args.slow_runs != args.runs else "") +
                f"；合成方案种子 {args.seed}；`python bench/run.py {' '.join(args.argv)}`".rstrip())
    return "\n".join(["机器与版本：", "", *head, "", table(rows), "", "目标：", "", targets(rows), ""])


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def update_docs(text: str, doc: Path) -> None:
    old = doc.read_text(encoding="utf-8")
    if BEGIN not in old or END not in old:
        raise SystemExit(f"{doc} has no {BEGIN} … {END} block")
    before, rest = old.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    doc.write_text(f"{before}{BEGIN}\n{text}{END}{after}", encoding="utf-8")


def merged(files: list[Path]) -> tuple[list[Row], dict[str, str]]:
    """Rows and machine notes from earlier runs' JSON, in the order of the files."""
    rows: list[Row] = []
    info: dict[str, str] = {}
    loads = []
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        for key, value in data["machine"].items():
            if key == "load average at start":
                loads.append(value)
            else:
                info.setdefault(key, value)
        for r in data["rows"]:
            row = Row(r["plan"], r["command"], skipped=r.get("skipped", ""))
            status = max(r.get("status", [0]))
            rss = r.get("rss_mib") or [r.get("peak_mib", 0)] * len(r.get("seconds", []))
            row.runs = [Run(sec, int(m * MiB), status) for sec, m in zip(r.get("seconds", []), rss)]
            row.peers = {name: [Run(sec, int(peer["peak_mib"] * MiB), 0) for sec in peer["seconds"]]
                         for name, peer in r.get("peers", {}).items()}
            rows.append(row)
    info["load average at start"] = "；".join(loads)
    # One line per (plan, command), where it first appears; a later file's figure replaces an earlier one,
    # and a line measured in any file replaces "not measured".
    latest: dict[tuple[str, str], Row] = {}
    for r in rows:
        key = (r.plan, r.label)
        if r.runs or key not in latest or not latest[key].runs:
            latest[key] = r
    order = list(dict.fromkeys((r.plan, r.label) for r in rows))
    return [latest[k] for k in order], info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0,1000,10000,10000x12",
                        help="comma-separated task counts; 0 is the embedded plan/, NxR a plan of N tasks with R "
                             "progress rounds (default: 0,1000,10000,10000x12)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command (after one warm-up)")
    parser.add_argument("--slow-runs", type=int, default=None,
                        help="timed runs of render/import/sheet/collect (default: --runs)")
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--only", default="",
                        help="comma-separated subcommands or row labels to run (default: all), e.g. list,'show ID'")
    parser.add_argument("--peers-bin", type=Path, default=None, help="folder with check-jsonschema and yamllint")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="writes OUT.md and OUT.json")
    parser.add_argument("--docs", action="store_true", help="rewrite the table in docs/performance.md")
    parser.add_argument("--merge", type=Path, nargs="+", default=None, metavar="RESULTS.json",
                        help="measure nothing: one table from earlier runs' JSON (sizes or commands run apart; a later file's "
                             "figure replaces an earlier one)")
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    args.slow_runs = args.runs if args.slow_runs is None else args.slow_runs
    only = {s for s in args.only.split(",") if s}

    if args.merge:
        rows, info = merged(args.merge)
        return finish(rows, info, args)
    casplan = find_casplan()
    tools = Tools(casplan, subcommands(casplan), args.peers_bin)
    info = machine(tools)
    info["casplan bytecode"] = compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="casplan-bench-") as tmp:
        scratch = Path(tmp)
        env = {**os.environ, "XDG_CACHE_HOME": str(scratch / "cache"), "NO_COLOR": "1", "COLUMNS": "120"}
        env.pop("CASPLAN_NO_CACHE", None)
        env.pop("CASPLAN_PLAN", None)
        rows: list[Row] = []
        for ctx in plans([parse_size(s) for s in args.sizes.split(",")], args.seed, scratch, tools):
            for cmd in COMMANDS:
                if only and cmd.subcommand not in only and cmd.label not in only or not cmd.runs_on(ctx):
                    continue
                print(f"{ctx.name:>13}  {cmd.label} …", file=sys.stderr, flush=True)
                row = measure(cmd, ctx, tools, args.slow_runs if cmd.slow else args.runs, env)
                rows.append(row)
    return finish(rows, info, args)


def finish(rows: list[Row], info: dict[str, str], args: argparse.Namespace) -> int:
    text = report(rows, info, args)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".md").write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(
        json.dumps({"machine": info, "rows": [r.as_json() for r in rows]}, ensure_ascii=False, indent=1),
        encoding="utf-8")
    if args.docs:
        update_docs(text, ROOT / "docs" / "performance.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
