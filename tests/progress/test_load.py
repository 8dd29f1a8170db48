"""Reading 进展/*.yaml: every file, its problems, the valid rounds in date order."""

from __future__ import annotations

from pathlib import Path

from casplan.progress.load import load_rounds, ordered, round_files


def test_no_folder_no_rounds(tmp_path: Path) -> None:
    assert round_files(tmp_path) == []
    assert load_rounds(tmp_path) == ([], [])


def test_rounds_in_date_order_and_bad_files_reported(tmp_path: Path) -> None:
    folder = tmp_path / "进展"
    folder.mkdir()
    (folder / "b-first.yaml").write_text("名称: 一\n报送截止: 2021-09-30\n", encoding="utf-8")
    (folder / "a-second.yml").write_text("名称: 二\n报送截止: 2021-12-31\n条目: []\n", encoding="utf-8")
    (folder / "c-bad.yaml").write_text("名称: 三\n", encoding="utf-8")
    (folder / "说明.txt").write_text("not a round", encoding="utf-8")
    rounds, problems = load_rounds(tmp_path)
    assert [r.id for r in rounds] == ["a-second", "b-first", "c-bad"]
    assert [r.id for r in ordered(rounds)] == ["b-first", "a-second"]
    assert [(d.file, d.line, d.code) for d in problems] == [(f"{tmp_path.as_posix()}/进展/c-bad.yaml", 1, "missing-key")]
    assert ordered(rounds)[0].name == "一"


# ---------------------------------------------------------------- many rounds, kept in compact form

import json  # noqa: E402

import pytest  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from progress_data import PROGRESS, plan_with_progress  # noqa: E402

ROUNDS = PROGRESS / "rounds"  # 40 tasks, 5 quarterly rounds (bench/synth.py, seed 13): every status, 节点 entries
ROUNDS_BAD = PROGRESS / "rounds-bad"  # the same rounds with mistakes in the oldest (2021-12) and 2022-06
GOLDEN = PROGRESS / "rounds-golden"  # written by casplan before rounds were kept in compact form

# The output of every command that reads rounds, as of the newest round and as of earlier ones
# (whose reports are read again from their files).
OUTPUTS = {
    "status-newest.txt": ["status", "--as-of", "2022-12-31"],
    "status-earlier.json": ["status", "--as-of", "2022-06-30", "--format", "json"],
    "status-first-round-dept.txt": ["status", "--as-of", "2022-01-15", "--dept", "人事局"],
    "status-overdue.yaml": ["status", "--as-of", "2023-02-01", "--overdue", "--format", "yaml"],
    "progress-newest.txt": ["render", "OUT/p.txt", "--template", "progress", "--as-of", "2022-12-31"],
    "progress-round-2022-03.txt": ["render", "OUT/p.txt", "--template", "progress", "--round", "2022-03"],
    "ledger-2022-09.txt": ["render", "OUT/p.txt", "--template", "ledger", "--as-of", "2022-09-30"],
    "sheet-2022-09.txt": ["sheet", "OUT/s.xlsx", "--dept", "人事局", "--round", "2022-09"],
    "sheet-2023-03.txt": ["sheet", "OUT/s.xlsx", "--dept", "人事局", "--round", "2023-03"],
}


def _plan(tmp_path: Path, bad: bool = False) -> Path:
    """tmp_path/plan: the rounds fixture, with the mistaken rounds laid over it when `bad`."""
    import shutil

    root = plan_with_progress(tmp_path, ROUNDS, None)
    if bad:
        shutil.copytree(ROUNDS_BAD / "进展", root / "进展", dirs_exist_ok=True)
    return root


def _cells(path: Path) -> str:
    wb = load_workbook(path)
    return "".join("\t".join("" if c.value is None else str(c.value) for c in row) + "\n"
                   for name in wb.sheetnames for row in wb[name].iter_rows())


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_outputs_over_many_rounds_are_unchanged(name: str, tmp_path: Path, run_cli, golden) -> None:
    _plan(tmp_path)
    args = [a.replace("OUT", str(tmp_path)) for a in OUTPUTS[name]]
    result = run_cli(*args, "--plan", "plan", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    out = tmp_path / args[1] if args[0] in ("render", "sheet") else None
    if out is not None and out.suffix == ".xlsx":
        text = _cells(out)
    elif out is not None:
        text = out.read_text(encoding="utf-8")
    else:
        text = result.stdout
    golden(GOLDEN / name, text)


@pytest.mark.parametrize("command", ["validate", "status"])
def test_diagnostics_over_many_rounds_are_unchanged(command: str, tmp_path: Path, run_cli, golden) -> None:
    _plan(tmp_path, bad=True)
    result = run_cli(command, "--plan", "plan", cwd=tmp_path)
    assert result.exit_code == 1
    golden(GOLDEN / f"{command}-bad.txt", result.stdout + result.stderr)


@pytest.mark.parametrize("fixture", ["rounds", "rounds-bad", "city", "embedded"])
def test_positions_kept_are_the_documents(fixture: str, tmp_path: Path) -> None:
    """Every position a diagnostic can ask for is the one the round's parsed file gives."""
    from casplan.progress.load import POSITIONED
    from casplan.yamlio import load

    root = _plan(tmp_path, bad=True) if fixture == "rounds-bad" else PROGRESS / fixture
    rounds, _ = load_rounds(root)
    checked = 0
    for rnd in ordered(rounds):
        doc = load(rnd.path, rnd.file)
        for i in range(len(rnd.entries)):
            for key in POSITIONED:
                assert rnd.pos(i, key) == doc.pos(("条目", i, key)), (rnd.file, i, key)
                checked += 1
    assert checked >= 5 * len(POSITIONED)


def test_an_older_rounds_diagnostics_point_at_what_they_name(tmp_path: Path) -> None:
    """The oldest round keeps no document and, superseded, hardly a full entry: its positions are still exact."""
    from casplan.plan import open_plan
    from casplan.progress.check import check_rounds

    root = _plan(tmp_path, bad=True)
    rounds, _ = load_rounds(root)
    oldest = ordered(rounds)[0]
    assert oldest.id == "2021-12" and not hasattr(oldest, "doc") and oldest.kept < len(oldest.entries) // 4
    found = {(d.line, d.column, d.code) for d in check_rounds(open_plan(root), rounds) if d.file == oldest.file}
    assert found == {(31, 9, "missing-delay-reason"), (62, 9, "unknown-status"), (96, 11, "done-after-round"),
                     (122, 9, "unknown-item"), (153, 11, "not-responsible"), (171, 11, "unknown-department")}
    lines = oldest.path.read_text(encoding="utf-8").splitlines()
    named = {line_no: lines[line_no - 1][col - 1:] for line_no, col, _ in found}
    assert named == {31: "推进中", 62: "进行中", 96: "2022-02-01", 122: "task-0O021", 153: "档案馆", 171: "人事处"}


def test_the_newest_report_of_each_item_is_kept_the_others_read_again(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from casplan.plan import open_plan
    from casplan.progress.load import RoundFile
    from casplan.progress.status import statuses

    root = _plan(tmp_path)
    plan = open_plan(root)
    rounds, _ = load_rounds(root)
    reads: list[str] = []
    refill = RoundFile._refill
    monkeypatch.setattr(RoundFile, "_refill", lambda self, wanted: (reads.append(self.id), refill(self, wanted)))
    newest = statuses(plan, rounds, date(2022, 12, 31))
    assert reads == []  # as of the newest round: every latest report's entry was kept
    earlier = statuses(plan, rounds, date(2022, 6, 30))
    assert sorted(reads) == ["2022-03", "2022-06"]  # each older round that holds a latest report, once
    texts = {ps.point.key: ps.latest.entry.progress for ps in earlier if ps.latest is not None}
    assert len(texts) == len(earlier) and sum(1 for t in texts.values() if t) > len(texts) // 2
    assert [ps.latest.round.id for ps in newest if ps.latest] != [ps.latest.round.id for ps in earlier if ps.latest]
    statuses(plan, rounds, date(2022, 6, 30))
    assert len(reads) == 2  # what was read again stays at hand


def test_a_round_changed_since_it_was_read_is_refused(tmp_path: Path) -> None:
    from datetime import date

    from casplan.errors import UserError
    from casplan.plan import open_plan
    from casplan.progress.status import statuses

    root = _plan(tmp_path)
    plan = open_plan(root)
    rounds, _ = load_rounds(root)
    first = root / "进展" / "2021-12.yaml"
    first.write_text(first.read_text(encoding="utf-8").replace("推进中", "已完成", 1), encoding="utf-8")
    with pytest.raises(UserError) as raised:
        statuses(plan, rounds, date(2022, 1, 15))
    assert [d.message for d in raised.value.diagnostics] == ["无法读取：本次运行中文件已被改动，请重新运行"]
    assert raised.value.diagnostics[0].file == first.as_posix()
