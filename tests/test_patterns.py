from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from casplan import patterns, yamlio
from casplan.commands import validate
from casplan.deadlines import lexer, reader

PHRASES = Path(__file__).parent / "data" / "deadlines" / "phrases.yaml"
SAMPLES = [entry["text"] for entry in yaml.safe_load(PHRASES.read_text(encoding="utf-8"))["phrases"]]
PLAN = Path(__file__).resolve().parents[1] / "plan"
SAMPLES += [line for path in sorted(PLAN.rglob("*.yaml")) for line in path.read_text(encoding="utf-8").splitlines()]
SAMPLES += ["<<<<<<< HEAD", "标题：学习", "- 标题:x", "# casplan: 忽略: missing-deadline", "a\rb\x85c\u2028", "\x07\ufffe"]


def _own_patterns() -> list[re.Pattern[str]]:
    found = [pattern for _, pattern in lexer._PATTERNS] + [pattern for _, pattern in reader._KINDS]
    for module in (lexer, reader, yamlio, validate):
        found += [value for value in vars(module).values() if isinstance(value, re.Pattern)]
    return found


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache folder of its own and an empty table, as in a new process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CASPLAN_NO_CACHE", raising=False)
    monkeypatch.setattr(patterns, "_table", None)
    monkeypatch.setattr(patterns, "_dirty", False)
    monkeypatch.setattr(patterns.atexit, "register", lambda _: None)  # tests save by hand
    yield tmp_path / "casplan" / "patterns" / f"{patterns.tag()}.bin"


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "_table", None)
    monkeypatch.setattr(patterns, "_dirty", False)


def _refuse_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(pattern: str, flags: int) -> patterns.Compiled:
        raise AssertionError(f"compiled afresh: {pattern}")

    monkeypatch.setattr(patterns, "_compile", refuse)


def test_every_pattern_from_the_cache_is_the_pattern_re_compiles(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = _own_patterns()
    assert len(own) > 20
    for pattern in own:
        patterns.compile(pattern.pattern, pattern.flags & ~re.UNICODE)
    assert patterns.save() is True
    _new_process(monkeypatch)
    _refuse_compiling(monkeypatch)  # every one must now come from the file
    for pattern in own:
        again = patterns.compile(pattern.pattern, pattern.flags & ~re.UNICODE)
        plain = re.compile(pattern.pattern, pattern.flags & ~re.UNICODE)
        assert (again.pattern, again.flags, again.groups, again.groupindex) == (
            plain.pattern, plain.flags, plain.groups, plain.groupindex)
        for text in SAMPLES:
            normalized = lexer.normalize(text)
            assert [(m.span(), m.groupdict()) for m in again.finditer(normalized)] == [
                (m.span(), m.groupdict()) for m in plain.finditer(normalized)]


def test_the_deadline_reader_reads_the_same_from_cached_patterns() -> None:
    """The whole reader in a new process whose patterns all come from the file the last one wrote."""
    code = ("import json, sys, yaml\n"
            "from casplan import patterns\n"
            "from casplan.deadlines.reader import read\n"
            "texts = [e['text'] for e in yaml.safe_load(open(sys.argv[1], encoding='utf-8'))['phrases']]\n"
            "print(json.dumps([[str(m) for m in read(t, context=None).milestones] for t in texts],"
            " ensure_ascii=False))\n"
            "print(patterns._dirty)\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(Path(os.environ["XDG_CACHE_HOME"]) / "reader-run")}
    runs = [subprocess.run([sys.executable, "-c", code, str(PHRASES)], capture_output=True, text=True, env=env,
                           check=True).stdout.splitlines() for _ in range(2)]
    assert runs[0][1] == "True" and runs[1][1] == "False"  # the first compiled and wrote, the second only read
    assert runs[0][0] == runs[1][0]
    off = subprocess.run([sys.executable, "-c", code, str(PHRASES)], capture_output=True, text=True, check=True,
                         env={**env, "CASPLAN_NO_CACHE": "1"}).stdout.splitlines()
    assert off[0] == runs[0][0]


@pytest.mark.parametrize("damage", ["truncated", "flipped", "not marshal", "wrong shape", "other format"])
def test_a_damaged_file_means_compiling_as_usual(fresh: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    patterns.compile(r"[一二三]年")
    patterns.save()
    raw = fresh.read_bytes()
    head, _, body = raw.partition(b"\n")
    import hashlib

    def signed(new_body: bytes) -> bytes:
        return patterns.FORMAT + b" " + hashlib.sha256(new_body).hexdigest().encode() + b"\n" + new_body

    forged = {
        "truncated": raw[: len(raw) // 2],
        "flipped": head + b"\n" + body[:-1] + bytes([body[-1] ^ 1]),
        "not marshal": signed(b"\xff\xfe not marshal"),
        "wrong shape": signed(marshal.dumps([("x", 0, 0, "not a list", 0, {}, ())])),
        "other format": b"casplan-patterns 0 " + raw.split(b" ", 2)[2],
    }[damage]
    fresh.write_bytes(forged)
    _new_process(monkeypatch)
    compiled = patterns.compile(r"[一二三]年")
    assert compiled.match("二年") and not compiled.match("四年")
    assert patterns.save() is True  # rewritten whole
    _new_process(monkeypatch)
    _refuse_compiling(monkeypatch)
    assert patterns.compile(r"[一二三]年").match("三年")


@pytest.mark.parametrize("code", [[999, 1, 2], [14, "not an opcode", 1], [], [2**70]])
def test_opcodes_the_engine_refuses_are_compiled_afresh(fresh: Path, code: list[object]) -> None:
    table: dict[tuple[str, int], patterns.Compiled] = {(r"a+b", 0): (32, code, 0, {}, (None,))}  # type: ignore[dict-item]
    fresh.parent.mkdir(parents=True)
    fresh.write_bytes(patterns.encode(table))
    fresh.chmod(0o600)
    compiled = patterns.compile(r"a+b")
    assert compiled.fullmatch("aab") and not compiled.fullmatch("b")
    assert patterns._table is not None and patterns._table[(r"a+b", 0)][1] != code


def test_a_file_others_may_write_is_not_trusted(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns.compile(r"x(?P<n>\d+)")
    patterns.save()
    fresh.chmod(0o666)
    _new_process(monkeypatch)
    patterns.compile(r"x(?P<n>\d+)")
    assert patterns._dirty is True  # not read: compiled again


def test_no_cache_compiles_as_usual_and_writes_nothing(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPLAN_NO_CACHE", "1")
    _refuse_compiling(monkeypatch)  # the internals are not even used
    assert patterns.compile(r"\d{4}年").match("2021年")
    assert patterns.save() is False
    assert not fresh.exists()


def test_regex_internals_that_differ_mean_the_public_way(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def gone(pattern: str, flags: int) -> patterns.Compiled:
        raise AttributeError("module 're._compiler' has no attribute '_code'")

    monkeypatch.setattr(patterns, "_compile", gone)
    assert patterns.compile(r"(?P<y>\d{4})年").match("2021年")["y"] == "2021"
    assert patterns.save() is False  # nothing new was kept


def test_the_table_is_bounded(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MAX_PATTERNS", 3)
    for i in range(5):
        assert patterns.compile(f"a{{{i}}}").fullmatch("a" * i)
    assert patterns._table is not None and len(patterns._table) == 3


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(patterns, "_table", None)
    monkeypatch.setattr(patterns, "_dirty", False)
    monkeypatch.setattr(patterns.atexit, "register", lambda _: None)
    assert patterns.compile(r"[上下]半年").match("下半年")
    assert patterns.save() is False


def test_the_file_is_named_for_this_python_build() -> None:
    import _sre

    name = patterns.tag()
    assert sys.implementation.cache_tag in name
    assert ".".join(map(str, sys.version_info[:3])) in name
    assert f"sre{_sre.MAGIC}" in name


def test_saving_at_exit_never_raises(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns.compile(r"[春夏秋冬]季")

    def broken() -> Path:
        raise RuntimeError("no home folder")

    monkeypatch.setattr(patterns, "path", broken)
    assert patterns.save() is False
