"""`casplan validate`: golden output for every diagnostic case, formats, exit status, discovery."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from casplan.diagnostics import CODES

TESTS = Path(__file__).parents[1]
REPO = TESTS.parent
MINIMAL = TESTS / "data" / "minimal"
BAD = TESTS / "data" / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir())
CONTROL_FILES = {"expected.txt", "delete.txt", "links.txt"}  # case folder files that are not plan files

LINE = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning)\[(?P<code>[a-z0-9-]+)\] (?P<message>.+)$")

MINIMAL_SUMMARY = "检查通过：2 个部分，3 项任务，2 个子项；0 个错误，0 个警告\n"
NOT_FOUND_HINT = "请用 --plan DIR 指定，或设置环境变量 $CASPLAN_PLAN，或在含 plan/ 的目录中运行"


def overlay_files(case: str) -> list[Path]:
    """The plan files a case replaces or adds, relative to the plan folder."""
    folder = BAD / case
    return sorted(
        p.relative_to(folder) for p in folder.rglob("*") if p.is_file() and p.name not in CONTROL_FILES
    )


def deleted_files(case: str) -> list[str]:
    listing = BAD / case / "delete.txt"
    return listing.read_text(encoding="utf-8").split() if listing.is_file() else []


def make_plan(tmp_path: Path, case: str | None = None) -> Path:
    """minimal/ copied to tmp_path/plan, with the case's overlay applied."""
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    if case is not None:
        for rel in overlay_files(case):
            (plan / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(BAD / case / rel, plan / rel)
        for rel in deleted_files(case):
            (plan / rel).unlink()
        for rel, target in links(case):
            (plan / rel).unlink(missing_ok=True)
            (plan / rel).symlink_to(target)
    return plan


def links(case: str) -> list[tuple[str, str]]:
    """links.txt: `name -> target` lines, symbolic links the case makes (a link out of the plan)."""
    listing = BAD / case / "links.txt"
    lines = listing.read_text(encoding="utf-8").splitlines() if listing.is_file() else []
    return [(a.strip(), b.strip()) for a, b in (line.split("->") for line in lines if line.strip())]


def parse_report(text: str) -> tuple[list[re.Match[str]], str]:
    """(diagnostic lines, summary line) of a text report; every line but the last must be a diagnostic."""
    *lines, summary = text.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), f"not a diagnostic line in {lines}"
    return matches, summary  # type: ignore[return-value]


# ------------------------------------------------------------------ golden cases


@pytest.mark.parametrize("case", CASES)
def test_bad_plan_matches_golden(case, tmp_path, run_cli, golden):
    make_plan(tmp_path, case)
    result = run_cli("validate", "--plan", "plan", cwd=tmp_path)
    expected = BAD / case / "expected.txt"
    golden(expected, result.stdout)
    assert result.stderr == ""
    diagnostics, summary = parse_report(expected.read_text(encoding="utf-8"))
    errors = [d for d in diagnostics if d["severity"] == "error"]
    assert result.exit_code == (1 if errors else 0)
    assert summary.startswith("检查未通过：" if errors else "检查通过：")
    assert summary.endswith(f"{len(errors)} 个错误，{len(diagnostics) - len(errors)} 个警告")


def validate_codes() -> set[str]:
    """The codes `validate` can emit: those named in the modules it runs (render has its own)."""
    import casplan.check, casplan.load, casplan.locate, casplan.schema_errors, casplan.yamlio

    sources = "".join(Path(m.__file__).read_text(encoding="utf-8") for m in (
        casplan.check, casplan.load, casplan.locate, casplan.schema_errors, casplan.yamlio))
    return {code for code in CODES if f'"{code}"' in sources}


def test_every_code_has_a_case():
    """Each code validate can emit is shown by at least one golden.

    But plan-not-found (tested below) and unreadable-file (needs a failing read, which
    root never gets: tests/test_load.py makes one).
    """
    shown = {
        d["code"] for case in CASES for d in parse_report((BAD / case / "expected.txt").read_text(encoding="utf-8"))[0]
    }
    assert shown == validate_codes() - {"plan-not-found", "unreadable-file"}
    assert len(shown) == 31  # a code dropped from the scan would shrink both sides


@pytest.mark.parametrize("case", [c for c in CASES if not c.startswith("many-problems")])
def test_case_shows_its_code(case):
    """A case folder named after a code (with an optional -N suffix) shows that code."""
    code = re.sub(r"-\d+$", "", case)
    assert code in CODES
    diagnostics, _ = parse_report((BAD / case / "expected.txt").read_text(encoding="utf-8"))
    assert code in {d["code"] for d in diagnostics}


@pytest.mark.parametrize("case", CASES)
def test_case_is_a_true_overlay(case):
    """A case holds only files that differ from minimal/, and deletes only files that exist."""
    assert overlay_files(case) or deleted_files(case) or links(case)
    for rel in overlay_files(case):
        original = MINIMAL / rel
        assert not original.is_file() or original.read_bytes() != (BAD / case / rel).read_bytes(), rel
    for rel in deleted_files(case):
        assert (MINIMAL / rel).is_file(), rel


def test_many_problems_reports_every_file():
    """One run reports problems in every file the case breaks, several in some files."""
    diagnostics, summary = parse_report((BAD / "many-problems" / "expected.txt").read_text(encoding="utf-8"))
    files = [d["file"] for d in diagnostics]
    assert set(files) == {f"plan/{rel.as_posix()}" for rel in overlay_files("many-problems")}
    assert max(files.count(f) for f in files) >= 3
    assert len({d["code"] for d in diagnostics}) >= 8


def test_schema_error_does_not_hide_cross_file_checks():
    """A file with a wrong type still has its names checked, in the same run."""
    diagnostics, _ = parse_report((BAD / "many-problems-2" / "expected.txt").read_text(encoding="utf-8"))
    assert [(d["file"], d["code"]) for d in diagnostics] == [
        ("plan/sections/01-学习部署.yaml", "unknown-department"),
        ("plan/sections/01-学习部署.yaml", "wrong-type"),
    ]


# ------------------------------------------------------------------ clean plans


def test_minimal_plan_is_clean(run_cli):
    result = run_cli("validate", "--plan", str(MINIMAL))
    assert (result.exit_code, result.stdout, result.stderr) == (0, MINIMAL_SUMMARY, "")


def test_embedded_plan_has_only_the_two_known_warnings(run_cli):
    result = run_cli("validate", "--plan", "plan", cwd=REPO)
    assert result.stdout == (
        "plan/plan.yaml:4:1: warning[missing-doc-number] 通知没有发文字号（如属实可忽略；不要编造）\n"
        "plan/sections/07-财政投入.yaml:10:5: warning[missing-deadline] 任务 funding-reform-rules 没有时间期限\n"
        "检查通过：15 个部分，40 项任务，7 个子项；0 个错误，2 个警告\n"
    )
    assert (result.exit_code, result.stderr) == (0, "")


# ------------------------------------------------------------------ formats and --strict


def test_json_has_the_text_report_rows(tmp_path, run_cli):
    make_plan(tmp_path, "many-problems")
    text = run_cli("validate", "--plan", "plan", cwd=tmp_path)
    result = run_cli("validate", "--plan", "plan", "--format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    assert all(set(row) == {"file", "line", "column", "severity", "code", "message"} for row in rows)
    as_text = [f"{r['file']}:{r['line']}:{r['column']}: {r['severity']}[{r['code']}] {r['message']}" for r in rows]
    assert as_text == text.stdout.splitlines()[:-1]
    assert all(isinstance(r["line"], int) and isinstance(r["column"], int) for r in rows)


def test_json_clean_plan_is_an_empty_list(run_cli):
    result = run_cli("validate", "--plan", str(MINIMAL), "-f", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_github_format(tmp_path, run_cli):
    make_plan(tmp_path, "unknown-department")
    result = run_cli("validate", "--plan", "plan", "--format", "github", cwd=tmp_path)
    assert result.stdout == (
        "::error file=plan/sections/02-改革建议.yaml,line=10,col=16,title=unknown-department"
        "::未知部门“人时局”（是否为“人事局”？）\n"
        "检查未通过：2 个部分，3 项任务，2 个子项；1 个错误，0 个警告\n"
    )
    assert result.exit_code == 1


def test_github_format_is_chosen_inside_github_actions(tmp_path, run_cli, monkeypatch):
    """GITHUB_ACTIONS=true and no --format: annotations, as yamllint does; an explicit --format wins."""
    make_plan(tmp_path, "unknown-department")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("validate", "--plan", "plan", cwd=tmp_path)
    assert result.stdout.startswith("::error file=plan/sections/02-改革建议.yaml,line=10,col=16,title=unknown-department::")
    assert run_cli("validate", "--plan", "plan", "-f", "text", cwd=tmp_path).stdout.startswith("plan/sections/02-改革建议.yaml:10:16: error")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run_cli("validate", "--plan", "plan", cwd=tmp_path).stdout.startswith("plan/sections/02-改革建议.yaml:10:16: error")


def test_github_format_warning_and_whole_file(tmp_path, run_cli):
    """A warning becomes ::warning; a whole-file problem has no line= or col=."""
    make_plan(tmp_path, "missing-doc-number")
    (tmp_path / "plan" / "leaders.yaml").unlink()
    result = run_cli("validate", "--plan", "plan", "-f", "github", cwd=tmp_path)
    assert result.stdout == (
        "::error file=plan/leaders.yaml,title=missing-file::缺少文件 leaders.yaml\n"
        "::warning file=plan/plan.yaml,line=2,col=1,title=missing-doc-number::通知没有发文字号（如属实可忽略；不要编造）\n"
        "检查未通过：2 个部分，3 项任务，2 个子项；1 个错误，1 个警告\n"
    )
    assert result.exit_code == 1


def test_strict_turns_warnings_into_errors(tmp_path, run_cli):
    make_plan(tmp_path, "missing-doc-number")
    relaxed = run_cli("validate", "--plan", "plan", cwd=tmp_path)
    strict = run_cli("validate", "--plan", "plan", "--strict", cwd=tmp_path)
    assert relaxed.exit_code == 0
    assert relaxed.stdout == (BAD / "missing-doc-number" / "expected.txt").read_text(encoding="utf-8")
    assert strict.exit_code == 1
    assert strict.stdout == (
        "plan/plan.yaml:2:1: error[missing-doc-number] 通知没有发文字号（如属实可忽略；不要编造）\n"
        "检查未通过：2 个部分，3 项任务，2 个子项；1 个错误，0 个警告\n"
    )


def test_strict_on_a_clean_plan_passes(run_cli):
    result = run_cli("validate", "--plan", str(MINIMAL), "--strict")
    assert (result.exit_code, result.stdout) == (0, MINIMAL_SUMMARY)


# ------------------------------------------------------------------ finding the plan


def test_plan_from_environment(tmp_path, run_cli, monkeypatch):
    shutil.copytree(MINIMAL, tmp_path / "elsewhere")
    monkeypatch.setenv("CASPLAN_PLAN", "elsewhere")
    result = run_cli("validate", cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (0, MINIMAL_SUMMARY, "")


def test_plan_from_current_directory(tmp_path, run_cli):
    make_plan(tmp_path, "missing-doc-number")
    result = run_cli("validate", cwd=tmp_path)
    assert result.stdout == (BAD / "missing-doc-number" / "expected.txt").read_text(encoding="utf-8")


def test_option_wins_over_environment_and_environment_over_cwd(tmp_path, run_cli, monkeypatch):
    make_plan(tmp_path, "missing-doc-number")  # ./plan: would warn
    shutil.copytree(MINIMAL, tmp_path / "from-env")
    monkeypatch.setenv("CASPLAN_PLAN", "from-env")
    from_env = run_cli("validate", cwd=tmp_path)
    assert from_env.stdout == MINIMAL_SUMMARY
    monkeypatch.setenv("CASPLAN_PLAN", "nowhere")
    from_option = run_cli("validate", "--plan", "from-env", cwd=tmp_path)
    assert from_option.stdout == MINIMAL_SUMMARY


@pytest.mark.parametrize(
    ("args", "env", "line"),
    [
        ((), None, f"plan: error[plan-not-found] 找不到计划目录：当前目录下的“plan”不是目录。{NOT_FOUND_HINT}"),
        (("--plan", "missing"), None, f"missing: error[plan-not-found] 找不到计划目录：--plan 指定的“missing”不是目录。{NOT_FOUND_HINT}"),
        ((), "gone", f"gone: error[plan-not-found] 找不到计划目录：$CASPLAN_PLAN 指定的“gone”不是目录。{NOT_FOUND_HINT}"),
        (("--plan", "plan.yaml"), None, f"plan.yaml: error[plan-not-found] 找不到计划目录：--plan 指定的“plan.yaml”不是目录。{NOT_FOUND_HINT}"),
    ],
    ids=["cwd", "option", "environment", "option-is-a-file"],
)
def test_plan_not_found(tmp_path, run_cli, monkeypatch, args, env, line):
    (tmp_path / "plan.yaml").write_text("发文机关: x\n", encoding="utf-8")
    if env is not None:
        monkeypatch.setenv("CASPLAN_PLAN", env)
    result = run_cli("validate", *args, cwd=tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", line + "\n")


# ------------------------------------------------------------------ usage and side effects


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "xml"), "--format / -f 的取值“xml”无效；可选：text、json、github"),
    (("--bogus",), "没有选项“--bogus”"),
    (("extra-argument",), "多余的参数：extra-argument"),
])
def test_usage_error_exits_2(run_cli, args, message):
    result = run_cli("validate", "--plan", str(MINIMAL), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"用法错误：{message}；用 casplan validate -h 查看用法\n"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and every entry's mtime under `folder`."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else b"", p.stat().st_mtime_ns)
        for p in folder.rglob("*")
    }


@pytest.mark.parametrize("case", [None, "many-problems", "not-utf8", "merge-conflict"])
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_validate_changes_nothing_on_disk(tmp_path, run_cli, case, fmt):
    make_plan(tmp_path, case)
    before = snapshot(tmp_path)
    result = run_cli("validate", "--plan", "plan", "--format", fmt, "--strict", cwd=tmp_path)
    assert result.exit_code == (0 if case is None else 1)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_a_missing_plan_is_reported_in_the_format_asked_for(run_cli, tmp_path, fmt):
    result = run_cli("validate", "--format", fmt, cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stderr == ""
    message = ("找不到计划目录：当前目录下的“plan”不是目录。"
               "请用 --plan DIR 指定，或设置环境变量 $CASPLAN_PLAN，或在含 plan/ 的目录中运行")
    if fmt == "json":
        assert json.loads(result.stdout) == [{"file": "plan", "line": 0, "column": 0, "severity": "error",
                                              "code": "plan-not-found", "message": message}]
    else:
        assert result.stdout == (f"::error file=plan,title=plan-not-found::{message}\n"
                                 "检查未通过：0 个部分，0 项任务，0 个子项；1 个错误，0 个警告\n")


# ------------------------------------------------------------------ accepted warnings


def test_accepted_warnings_are_counted_not_shown_and_strict_still_guards(run_cli, tmp_path):
    """The embedded plan's two warnings, accepted: one plan-wide in plan.yaml, one by a comment on its line."""
    plan = tmp_path / "plan"
    shutil.copytree(TESTS.parent / "plan", plan)
    notice = plan / "plan.yaml"
    notice.write_text(notice.read_text(encoding="utf-8") + "校验:\n  忽略: [missing-doc-number]\n", encoding="utf-8")
    section = plan / "sections" / "07-财政投入.yaml"
    text = section.read_text(encoding="utf-8")
    assert text.count("  - 编号: funding-reform-rules\n") == 1
    section.write_text(text.replace("  - 编号: funding-reform-rules\n",
                                    "  - 编号: funding-reform-rules  # casplan: 忽略 missing-deadline（原文如此）\n"),
                       encoding="utf-8")
    result = run_cli("validate", "--strict", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (
        0, "检查通过：15 个部分，40 项任务，7 个子项；0 个错误，0 个警告（另有 2 个已接受的警告）\n")
    # A new warning is not accepted: --strict fails on it.
    text = section.read_text(encoding="utf-8")
    section.write_text(re.sub(r"(?m)^    时间期限: .*$", "    时间期限: 尽快。", text, count=1), encoding="utf-8")
    result = run_cli("validate", "--strict", cwd=tmp_path)
    assert result.exit_code == 1
    assert "error[unreadable-deadline]" in result.stdout
    assert result.stdout.splitlines()[-1].endswith("1 个错误，0 个警告（另有 2 个已接受的警告）")


def test_only_known_warning_codes_can_be_accepted(run_cli, tmp_path):
    plan = make_plan(tmp_path)
    notice = plan / "plan.yaml"
    notice.write_text(notice.read_text(encoding="utf-8") + "校验:\n  忽略: [missing-deadlin, duplicate-id]\n",
                      encoding="utf-8")
    result = run_cli("validate", "--plan", "plan", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "plan/plan.yaml:22:8: error[bad-value] “missing-deadlin”不是 casplan 的诊断代码，不能忽略"
        "（是否为“missing-deadline”或“missing-delay-reason”或“missing-done-date”？）",
        "plan/plan.yaml:22:25: error[bad-value] “duplicate-id”是错误，不能忽略；只有警告可以接受",
    ]


def test_a_comment_accepts_only_the_codes_it_names(run_cli, tmp_path):
    plan = make_plan(tmp_path, "missing-deadline")
    before = run_cli("validate", "--plan", "plan", cwd=tmp_path).stdout.splitlines()
    (line,) = [d for d in before[:-1]]
    file, number = line.split(":")[0], int(line.split(":")[1])
    path = tmp_path / file
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] += "  # casplan: 忽略 missing-doc-number"  # another code: does not accept this one
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_cli("validate", "--plan", "plan", cwd=tmp_path).stdout.splitlines() == before
    lines[number - 1] += "、missing-deadline"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_cli("validate", "--plan", "plan", cwd=tmp_path).stdout.splitlines() == [
        before[-1].replace("1 个警告", "0 个警告（另有 1 个已接受的警告）")]
