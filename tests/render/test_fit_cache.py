"""The fit's cache: a key of everything the measurement read, entries trusted only when they are ours and whole."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from casplan.blocks import Block, Role
from casplan.render import fit, fit_cache
from casplan.render.docx_writer import Adjust, Options, write_docx
from casplan.render.layout import GBT9704

BLOCKS = [Block(Role.MASTHEAD, "某某机关文件"), Block(Role.TITLE, "关于某事的通知"), Block(Role.RECIPIENTS, "各单位："),
          Block(Role.BODY, "现将方案印发给你们，请认真贯彻落实。"), Block(Role.SIGNATURE, "某某机关"),
          Block(Role.DATE, "2021年9月28日")]
ADJUST = Adjust(body_pitch_pt=29.45, no_imprint_number=True)


@pytest.fixture(autouse=True)
def _office(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A LibreOffice of our own (never run here), a cache folder of our own, no process memo."""
    program = tmp_path / "lo" / "program" / "soffice"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\nexit 1\n")
    (program.parent / "versionrc").write_text("[Version]\nbuildid=1\n")
    real_which = fit_cache.shutil.which
    monkeypatch.setattr(fit_cache.shutil, "which", lambda name: str(program) if name == "soffice" else real_which(name))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CASPLAN_NO_CACHE", raising=False)
    monkeypatch.setattr(fit, "_memo", {})
    return program


def _key(blocks: list[Block] = BLOCKS, options: Options = Options()) -> str:
    name = fit_cache.key(blocks, options, GBT9704)
    assert name is not None
    return name


def test_the_key_changes_with_what_the_measurement_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          _office: Path) -> None:
    first = _key()
    assert _key() == first  # the same document, fonts and LibreOffice: the same key
    assert _key(BLOCKS[:-1] + [Block(Role.DATE, "2021年9月29日")]) != first
    assert _key(options=Options(party_organ=True)) != first
    conf = tmp_path / "fonts.conf"
    conf.write_text("<fontconfig/>")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    with_conf = _key()
    assert with_conf != first
    conf.write_text("<fontconfig><dir>/nowhere</dir></fontconfig>")
    assert _key() != with_conf  # the setup file's content, not only its name
    monkeypatch.delenv("FONTCONFIG_FILE")
    (_office.parent / "versionrc").write_text("[Version]\nbuildid=2\n")
    assert _key() != first  # another LibreOffice


def test_a_picture_counts_by_its_content_not_its_temporary_path(tmp_path: Path) -> None:
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    a.write_bytes(b"chart")
    b.write_bytes(b"chart")
    blocks_a, blocks_b = BLOCKS + [Block(Role.IMAGE, str(a))], BLOCKS + [Block(Role.IMAGE, str(b))]
    assert _key(blocks_a) == _key(blocks_b)
    b.write_bytes(b"another chart")
    assert _key(blocks_a) != _key(blocks_b)


def test_without_libreoffice_there_is_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit_cache.shutil, "which", lambda name: None)
    assert fit_cache.key(BLOCKS, Options(), GBT9704) is None


def test_an_entry_is_read_back_as_it_was_stored() -> None:
    name = _key()
    assert fit_cache.lookup(name) is None
    fit_cache.store(name, ADJUST)
    assert fit_cache.lookup(name) == ADJUST
    path = fit_cache.folder() / f"{name}.json"
    assert json.loads(path.read_text())["adjust"]["body_pitch_pt"] == 29.45


@pytest.mark.parametrize("damage", ["truncated", "not json", "foreign key", "other format", "wrong shape",
                                    "negative", "a string", "too big", "group writable", "a directory", "a link"])
def test_a_damaged_or_foreign_entry_is_never_trusted(damage: str, tmp_path: Path) -> None:
    name = _key()
    fit_cache.store(name, ADJUST)
    path = fit_cache.folder() / f"{name}.json"
    data = json.loads(path.read_text())
    if damage == "truncated":
        path.write_text(path.read_text()[:-7])
    elif damage == "not json":
        path.write_bytes(b"\x80\x81 not json")
    elif damage == "foreign key":
        data["key"] = "0" * 40
        path.write_text(json.dumps(data))
    elif damage == "other format":
        data["format"] = fit_cache.FORMAT + 1
        path.write_text(json.dumps(data))
    elif damage == "wrong shape":
        del data["adjust"]["body_before_pt"]
        path.write_text(json.dumps(data))
    elif damage == "negative":
        data["adjust"]["body_before_pt"] = -3
        path.write_text(json.dumps(data))
    elif damage == "a string":
        data["adjust"]["body_pitch_pt"] = "29.45"
        path.write_text(json.dumps(data))
    elif damage == "too big":
        data["padding"] = "x" * fit_cache.MAX_BYTES
        path.write_text(json.dumps(data))
    elif damage == "group writable":
        path.chmod(0o664)
    elif damage == "a directory":
        path.unlink()
        path.mkdir()
    else:
        elsewhere = tmp_path / "elsewhere.json"
        elsewhere.write_text(path.read_text())
        path.unlink()
        path.symlink_to(elsewhere)
    assert fit_cache.lookup(name) is None


def test_a_read_only_or_full_cache_folder_only_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    name = _key()
    with monkeypatch.context() as patched:
        patched.setattr(tempfile, "mkstemp", refuse)  # the entry is written through casplan.cache.store
        fit_cache.store(name, ADJUST)  # no exception
    assert fit_cache.lookup(name) is None
    with monkeypatch.context() as patched:
        patched.setattr(fit_cache.os, "replace", lambda a, b: refuse())  # full disk at the last step
        fit_cache.store(name, ADJUST)
    assert fit_cache.lookup(name) is None
    assert list(fit_cache.folder().iterdir()) == []  # the temporary file is gone too


def test_the_folder_keeps_the_newest_entries_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit_cache, "MAX_ENTRIES", 3)
    names = [f"{k:040x}" for k in range(5)]
    for k, name in enumerate(names):
        fit_cache.store(name, ADJUST)
        os.utime(fit_cache.folder() / f"{name}.json", ns=(k * 10**9, k * 10**9))
    fit_cache.store(names[-1], ADJUST)
    assert sorted(p.stem for p in fit_cache.folder().glob("*.json")) == names[2:]


def _document(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_a_stored_fit_is_used_without_running_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_office(*args: object) -> None:
        raise AssertionError("LibreOffice was run")

    monkeypatch.setattr(fit.shutil, "which", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(fit, "_fit", no_office)
    fit_cache.store(_key(), ADJUST)
    assert _document(fit.fit(BLOCKS, Options())) == _document(write_docx(BLOCKS, Options(adjust=ADJUST)))


def test_a_measured_fit_is_stored_and_found_by_the_next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = []

    def measured(jobs: object, todo: list[int], keys: list[object], profile: object, tmp: object) -> None:
        runs.append(todo)
        for i in todo:
            fit._memo[keys[i]] = ADJUST  # type: ignore[index]

    monkeypatch.setattr(fit.shutil, "which", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(fit, "_fit", measured)
    first = fit.fit(BLOCKS, Options())
    assert fit_cache.lookup(_key()) == ADJUST
    monkeypatch.setattr(fit, "_memo", {})  # a new process
    assert _document(fit.fit(BLOCKS, Options())) == _document(first)
    assert runs == [[0]]


def test_the_cache_is_bypassed_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    runs = []

    def measured(jobs: object, todo: list[int], keys: list[object], profile: object, tmp: object) -> None:
        runs.append(todo)
        for i in todo:
            fit._memo[keys[i]] = ADJUST  # type: ignore[index]

    monkeypatch.setenv("CASPLAN_NO_CACHE", "1")
    monkeypatch.setattr(fit.shutil, "which", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(fit, "_fit", measured)
    fit_cache.store(_key(), Adjust(closing_blank_pt=14.0))
    fit.fit(BLOCKS, Options())
    assert runs == [[0]]  # measured, not read
    assert fit_cache.lookup(_key()) == Adjust(closing_blank_pt=14.0)  # and not written


def test_a_failed_measurement_is_not_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    from casplan.diagnostics import Diagnostic
    from casplan.errors import UserError

    def broken(*args: object) -> None:
        raise UserError([Diagnostic.make("x.docx", (0, 0), "render-failed", "LibreOffice 未能生成 PDF：超时")])

    monkeypatch.setattr(fit.shutil, "which", lambda name: "/usr/bin/soffice")
    monkeypatch.setattr(fit, "_fit", broken)
    fit.fit(BLOCKS, Options())
    assert fit_cache.lookup(_key()) is None
