"""The query cache: a hit answers without YAML or models; every bad entry is a miss, rebuilt; writing never fails a command."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from casplan import cache
from casplan.errors import UserError
from casplan.query import rows

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the embedded plan, with its own empty cache folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("CASPLAN_NO_CACHE", raising=False)
    folder = tmp_path / "plan"
    shutil.copytree(ROOT / "plan", folder)
    return folder


def _entry(plan: Path) -> Path:
    return cache.entry_path(plan)


def _no_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make reading YAML or building the plan's models fail: only a cache hit can answer."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the plan was loaded")

    monkeypatch.setattr(cache, "_load", refuse)
    monkeypatch.setattr("casplan.yamlio.load", refuse)
    monkeypatch.setattr("casplan.load.load_plan", refuse)


def _first_section(plan: Path) -> Path:
    return sorted((plan / "sections").glob("*.yaml"))[0]


def test_a_hit_gives_the_same_rows_without_parsing_yaml_or_building_models(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, fresh_rows = cache.open_rows(plan)
    assert _entry(plan).is_file()
    _no_load(monkeypatch)
    hit, hit_rows = cache.open_rows(plan)
    assert [r.record() for r in hit_rows] == [r.record() for r in fresh_rows]
    assert [r.milestones() for r in hit_rows] == [r.milestones() for r in rows(fresh)]
    assert type(hit.parts[0]).__name__ == "CachedPart"
    assert [t.id for p in hit.parts for t in p.tasks] == [t.id for p in fresh.parts for t in p.tasks]
    assert hit.departments.spellings == fresh.departments.spellings
    assert hit.departments.kinds == fresh.departments.kinds
    assert hit.leaders.canonical == fresh.leaders.canonical
    assert hit.labels == fresh.labels
    assert hit.attachment.sections == fresh.attachment.sections
    assert hit.root == plan


def test_an_edit_that_keeps_size_and_time_stamp_is_seen(plan: Path) -> None:
    cache.open_rows(plan)
    section = _first_section(plan)
    before = os.stat(section)
    text = section.read_text(encoding="utf-8")
    changed = text.replace("2021年9月底前", "2022年9月底前", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    section.write_text(changed, encoding="utf-8")
    os.utime(section, ns=(before.st_atime_ns, before.st_mtime_ns))
    _, got = cache.open_rows(plan)
    assert any(r.deadline and r.deadline.startswith("2022年9月底前") for r in got)


def test_a_new_file_in_sections_changes_the_key(plan: Path) -> None:
    before = cache.fingerprint(plan)
    (plan / "sections" / "99-草稿.yaml").write_text("标题: 草稿\n", encoding="utf-8")
    after = cache.fingerprint(plan)
    assert set(after) - set(before) == {"sections/99-草稿.yaml"}


def test_a_symbolic_link_counts_with_its_target(plan: Path) -> None:
    (plan / "sections" / "link.yaml").symlink_to(_first_section(plan).name)
    assert cache.fingerprint(plan)["sections/link.yaml@"] == _first_section(plan).name


def _miss_reason(plan: Path) -> str:
    with pytest.raises(cache.Miss) as miss:
        cache.read(_entry(plan), plan, cache.fingerprint(plan), cache.code_fingerprint())
    return str(miss.value)


def _rebuilt(plan: Path) -> None:
    """After a bad entry, the command answers from the files and leaves a good entry."""
    _, got = cache.open_rows(plan)
    assert len(got) == 47
    cache.read(_entry(plan), plan, cache.fingerprint(plan), cache.code_fingerprint())


def test_a_corrupt_body_is_a_miss_and_rebuilt(plan: Path) -> None:
    cache.open_rows(plan)
    raw = bytearray(_entry(plan).read_bytes())
    raw[-10] ^= 0x01
    _entry(plan).write_bytes(bytes(raw))
    assert _miss_reason(plan) == "stale or corrupt: body differs"
    _rebuilt(plan)


@pytest.mark.parametrize("keep", [0, 10, 0.5])
def test_a_truncated_entry_is_a_miss_and_rebuilt(plan: Path, keep: float) -> None:
    cache.open_rows(plan)
    raw = _entry(plan).read_bytes()
    _entry(plan).write_bytes(raw[: int(len(raw) * keep) if isinstance(keep, float) else keep])
    assert _miss_reason(plan) in {"truncated: no header line", "stale or corrupt: body differs", "corrupt header"}
    _rebuilt(plan)


def test_an_entry_of_another_casplan_is_a_miss(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.open_rows(plan)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "9.9.9+other")
    assert _miss_reason(plan) == "stale or corrupt: casplan differs"


def test_an_entry_of_another_plan_folder_is_a_miss(plan: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(plan, other)
    cache.open_rows(other)
    _entry(plan).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(_entry(other), _entry(plan))
    assert _miss_reason(plan) == "stale or corrupt: root differs"
    _rebuilt(plan)


def test_an_entry_others_may_write_is_not_trusted(plan: Path) -> None:
    cache.open_rows(plan)
    _entry(plan).chmod(0o666)
    assert _miss_reason(plan) == "foreign: not owned by this user, or writable by others"
    _rebuilt(plan)
    assert _entry(plan).stat().st_mode & 0o077 == 0


def test_an_entry_that_is_a_link_is_not_followed(plan: Path, tmp_path: Path) -> None:
    cache.open_rows(plan)
    elsewhere = tmp_path / "elsewhere.json"
    _entry(plan).rename(elsewhere)
    _entry(plan).symlink_to(elsewhere)
    assert _miss_reason(plan).startswith("absent: ")


def test_a_well_formed_entry_with_the_wrong_shape_is_rebuilt(plan: Path) -> None:
    """A forged entry with a correct digest but data casplan did not write: decoding fails, the files answer."""
    files, code = cache.fingerprint(plan), cache.code_fingerprint()
    assert cache.write(_entry(plan), plan, files, code, {"rows": [{"id": "x"}], "labels": 5})
    _rebuilt(plan)


@pytest.mark.parametrize("forge", ["row type", "row length", "milestone kind", "milestone day", "unknown task"])
def test_an_entry_with_wrong_values_is_rebuilt_not_used(plan: Path, forge: str) -> None:
    """Values of the wrong type or shape, under a correct digest: a miss before any command reads them."""
    cache.open_rows(plan)
    files, code = cache.fingerprint(plan), cache.code_fingerprint()
    data = json.loads(_entry(plan).read_bytes().partition(b"\n")[2])
    row = next(r for r in data["rows"] if r[-1])
    if forge == "row type":
        row[data["row_fields"].index("names")] = 5
    elif forge == "row length":
        row.pop(0)
    elif forge == "milestone kind":
        row[-1][0][data["milestone_fields"].index("kind")] = "whenever"
    elif forge == "milestone day":
        row[-1][0][data["milestone_fields"].index("date")] = 20211231
    else:
        row[data["row_fields"].index("task_id")] = "no-such-task"
    assert cache.write(_entry(plan), plan, files, code, data)
    with pytest.raises((ValueError, KeyError)):
        cache.decode(data, plan)
    _rebuilt(plan)


def test_json_only_no_code_runs(plan: Path) -> None:
    cache.open_rows(plan)
    head, _, body = _entry(plan).read_bytes().partition(b"\n")
    header = json.loads(head)
    assert set(header) == {"format", "casplan", "root", "files", "body"}
    assert set(json.loads(body)) == {"row_fields", "milestone_fields", "rows", "parts", "frame", "labels", "leaders",
                                     "departments", "own_templates"}


def test_a_cache_folder_that_cannot_be_made_only_means_no_cache(plan: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # its casplan/ folder can never be made
    _, got = cache.open_rows(plan)
    assert len(got) == 47
    assert not _entry(plan).exists()


def test_a_full_disk_leaves_no_partial_entry(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "replace", full)
    _, got = cache.open_rows(plan)
    assert len(got) == 47
    assert list(_entry(plan).parent.iterdir()) == []


def test_a_partial_plan_is_answered_but_never_stored(plan: Path) -> None:
    """An opener that leaves a broken file out (as queries may): its answer is passed on, not cached."""
    from casplan.plan import open_plan

    def partial(root: Path) -> tuple[object, list[str]]:
        return open_plan(root), ["plan/sections/09-人才队伍.yaml"]

    _, got, broken = cache.open_query(plan, partial)
    assert (len(got), broken) == (47, ["plan/sections/09-人才队伍.yaml"])
    assert not _entry(plan).exists()
    _, _, broken = cache.open_query(plan, cache._whole)
    assert broken == [] and _entry(plan).exists()


def test_a_plan_with_errors_is_never_stored(plan: Path) -> None:
    section = _first_section(plan)
    section.write_text(section.read_text(encoding="utf-8").replace("牵头部门: [", "牵头部门: [人时局, ", 1),
                       encoding="utf-8")
    with pytest.raises(UserError):
        cache.open_rows(plan)
    assert not _entry(plan).exists()


def test_old_entries_are_pruned(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    where = _entry(plan).parent
    where.mkdir(parents=True)
    for i in range(3):
        (where / f"old{i}.json").write_text("", encoding="utf-8")
        os.utime(where / f"old{i}.json", (i, i))
    cache.open_rows(plan)
    assert sorted(p.name for p in where.iterdir()) == sorted([_entry(plan).name, "old2.json"])


QUERIES = [["list", "--dept", "人事局"], ["list", "--leader", "周琪", "--format", "json"],
           ["due", "--before", "2021-12-31", "--include-ongoing"], ["due", "--format", "json"],
           ["show", "reform-advice"], ["show", "advise-staffing"]]


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_queries_answer_the_same_from_the_cache(plan: Path, run_cli: Callable[..., Result], args: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    uncached = run_cli("--no-cache", *args, "--plan", str(plan))
    assert not _entry(plan).exists()  # --no-cache neither reads nor writes
    filling = run_cli(*args, "--plan", str(plan))
    assert _entry(plan).exists()
    _no_load(monkeypatch)
    hit = run_cli(*args, "--plan", str(plan))
    assert (hit.exit_code, hit.stdout, hit.stderr) == (filling.exit_code, filling.stdout, filling.stderr)
    assert (hit.exit_code, hit.stdout, hit.stderr) == (uncached.exit_code, uncached.stdout, uncached.stderr)


def test_casplan_no_cache_variable_bypasses_it(plan: Path, run_cli: Callable[..., Result],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPLAN_NO_CACHE", "1")
    assert run_cli("list", "--plan", str(plan)).exit_code == 0
    assert not _entry(plan).exists()


def test_a_usage_error_on_a_hit_is_the_same(plan: Path, run_cli: Callable[..., Result],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    run_cli("list", "--plan", str(plan))
    _no_load(monkeypatch)
    got = run_cli("list", "--dept", "人时局", "--plan", str(plan))
    assert (got.exit_code, got.stderr) == (2, "用法错误：未知部门“人时局”（是否为“人事局”？）\n")
