"""Regular expressions compiled once per Python, not once per run: bytecode for patterns.

Why: Python compiles each `re.compile` pattern from its text in every process, and
the deadline reader's patterns (Chinese numerals in character classes, long
alternations) cost about 25 ms to compile, a tenth of `casplan validate` on a
small plan. Python keeps compiled code in .pyc files; for patterns it keeps
nothing. This module does: the opcodes Python's own regex compiler (re._compiler)
produces are kept in the user's cache folder and handed back to the regex engine
(`_sre.compile`), exactly as `re.compile` does after compiling.

The key is the Python build (its version, the engine's MAGIC number and its cache
tag): a different Python never sees another's opcodes. The engine checks opcodes
before it accepts them. The file is read as casplan's other cache files are (a
regular file of this user that no one else may write, its SHA-256 in the header)
and holds marshal data (plain lists, numbers and strings; loading runs no code).
Anything amiss (no cache folder, a corrupt or foreign file, --no-cache,
CASPLAN_NO_CACHE, a Python whose regex internals differ) means: compile as usual.
New patterns are written back at exit, best effort.

Only casplan's own fixed patterns go through here (module constants), never ones
built from plan text, so the file stays small.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the regex engine, loaded by re already; no stubs
import atexit
import hashlib
import marshal
import re
import sys
from pathlib import Path
from typing import Any

FORMAT = b"casplan-patterns 1"
MAX_PATTERNS = 512
MAX_BYTES = 4 * 1024 * 1024

Compiled = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What the engine takes after the pattern text: final flags, opcodes, groups, name→index, index→name."""

_table: dict[tuple[str, int], Compiled] | None = None
_dirty = False


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the name re uses
    """`re.compile(pattern, flags)`, from the compiled form kept by an earlier run when there is one."""
    table = _load() if hasattr(_sre, "compile") else None
    if table is None:
        return re.compile(pattern, flags)
    flags = int(flags)
    known = table.get((pattern, flags))
    if known is not None:
        try:
            return _engine(pattern, known)
        except Exception:  # opcodes the engine refuses: compile afresh and rewrite the entry
            pass
    try:
        fresh = _compile(pattern, flags)
        built = _engine(pattern, fresh)
    except Exception:  # regex internals not as expected: the public way, and nothing kept
        return re.compile(pattern, flags)
    if len(table) < MAX_PATTERNS:
        _remember(table, (pattern, flags), fresh)
    return built


def _engine(pattern: str, compiled: Compiled) -> re.Pattern[str]:
    final, code, groups, groupindex, indexgroup = compiled
    made: re.Pattern[str] = _sre.compile(pattern, final, code, groups, groupindex, indexgroup)
    return made


def _compile(pattern: str, flags: int) -> Compiled:
    """What re._compiler.compile computes before it calls the engine (CPython 3.11–3.13)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = {str(k): int(v) for k, v in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, int(parsed.state.groups - 1), groupindex, tuple(indexgroup)


def tag() -> str:
    """This Python build, as far as compiled patterns go."""
    return f"{sys.implementation.cache_tag}-{sys.version_info.releaselevel}-{'.'.join(map(str, sys.version_info[:3]))}" \
           f"-sre{getattr(_sre, 'MAGIC', 'unknown')}-{sys.maxunicode}"


def path() -> Path:
    from casplan import cachefiles

    return cachefiles.folder() / "patterns" / f"{tag()}.bin"


def _load() -> dict[tuple[str, int], Compiled] | None:
    """The table of compiled patterns (empty when there is no usable file); None when caching is off."""
    global _table
    if _table is not None:
        return _table
    from casplan import cachefiles

    if cachefiles.disabled():
        return None
    try:
        _table = _decode(cachefiles.read_owned(path(), MAX_BYTES))
    except Exception:  # absent, foreign, truncated, corrupt, not marshal, wrong shape: start afresh
        _table = {}
    return _table


def _decode(raw: bytes) -> dict[tuple[str, int], Compiled]:
    head, _, body = raw.partition(b"\n")
    if head != FORMAT + b" " + hashlib.sha256(body).hexdigest().encode():
        raise ValueError("not a patterns file of this format, or its body does not match its digest")
    entries = marshal.loads(body)
    table: dict[tuple[str, int], Compiled] = {}
    for entry in entries:
        pattern, flags, final, code, groups, groupindex, indexgroup = entry
        # The opcodes themselves are the engine's to check: _sre.compile refuses what is not
        # a well-formed program (test_opcodes_the_engine_refuses_are_compiled_afresh).
        if not (isinstance(pattern, str) and isinstance(code, list) and isinstance(groupindex, dict)
                and isinstance(indexgroup, tuple)):
            raise ValueError("an entry of the wrong shape")
        table[(pattern, int(flags))] = (int(final), code, int(groups), groupindex, indexgroup)
    return table


def encode(table: dict[tuple[str, int], Compiled]) -> bytes:
    entries: list[Any] = [(pattern, flags, *compiled) for (pattern, flags), compiled in sorted(table.items())]
    body = marshal.dumps(entries)
    return FORMAT + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def _remember(table: dict[tuple[str, int], Compiled], key: tuple[str, int], compiled: Compiled) -> None:
    global _dirty
    table[key] = compiled
    if not _dirty:
        _dirty = True
        atexit.register(save)


def save() -> bool:
    """Write the table back if this run compiled something new; False when it could not (no matter)."""
    global _dirty
    if not _dirty or _table is None:
        return False
    _dirty = False
    from casplan import cachefiles

    try:
        if cachefiles.disabled():
            return False
        return cachefiles.store(path(), encode(_table), keep=8)
    except Exception:  # at exit, of all times, a cache must not print a traceback
        return False
