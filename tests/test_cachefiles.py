from __future__ import annotations

import os
from pathlib import Path

import pytest

from casplan import cachefiles
from casplan.cachefiles import Miss, read_owned, store


@pytest.mark.parametrize(("value", "off"), [("", False), ("0", False), ("false", False), ("1", True), ("yes", True)])
def test_casplan_no_cache(value: str, off: bool) -> None:
    assert cachefiles.disabled({"CASPLAN_NO_CACHE": value}) is off


def test_the_cache_folder_follows_xdg(tmp_path: Path) -> None:
    assert cachefiles.folder({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "casplan"
    assert cachefiles.folder({"XDG_CACHE_HOME": "relative/dir"}) == Path.home() / ".cache" / "casplan"
    assert cachefiles.folder({}) == Path.home() / ".cache" / "casplan"


def test_a_stored_file_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "entry.bin"
    assert store(target, b"payload", keep=4) is True
    assert read_owned(target) == b"payload"
    assert oct(target.parent.stat().st_mode & 0o777) == "0o700"


def test_a_file_others_may_write_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "entry.bin"
    store(target, b"payload", keep=4)
    target.chmod(0o666)
    with pytest.raises(Miss, match="foreign"):
        read_owned(target)


def test_a_link_and_a_folder_are_refused(tmp_path: Path) -> None:
    real = tmp_path / "real.bin"
    store(real, b"payload", keep=4)
    (tmp_path / "link.bin").symlink_to(real)
    (tmp_path / "folder.bin").mkdir()
    with pytest.raises(Miss, match="absent"):
        read_owned(tmp_path / "link.bin")
    with pytest.raises(Miss, match="not a regular file"):
        read_owned(tmp_path / "folder.bin")


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    target = tmp_path / "entry.bin"
    store(target, b"x" * 100, keep=4)
    assert read_owned(target, limit=100) == b"x" * 100
    with pytest.raises(Miss, match="too large"):
        read_owned(target, limit=99)


def test_pruning_keeps_the_newest_of_the_same_kind_only(tmp_path: Path) -> None:
    for i in range(4):
        store(tmp_path / f"e{i}.bin", b"", keep=10)
        os.utime(tmp_path / f"e{i}.bin", (i, i))
    (tmp_path / "other.json").write_bytes(b"")
    os.utime(tmp_path / "other.json", (0, 0))
    store(tmp_path / "e4.bin", b"", keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e3.bin", "e4.bin", "other.json"]


def test_a_write_that_fails_leaves_nothing_and_says_false(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    assert store(tmp_path / "entry.bin", b"payload", keep=4) is False
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_says_false(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"")
    assert store(blocker / "entry.bin", b"payload", keep=4) is False
    assert blocker.read_bytes() == b""  # the file in the way is left as it was
