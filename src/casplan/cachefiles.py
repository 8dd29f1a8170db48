"""Files in casplan's cache folder: where it is, whether it is off, and a safe read and an atomic write.

Shared by every cache (the query cache in casplan.cache, the answers, render's fit,
the compiled patterns), and kept free of heavy imports: casplan.patterns reads
through it when the deadline reader is first imported.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

ENV_OFF = "CASPLAN_NO_CACHE"


class Miss(Exception):
    """The entry cannot be used (absent, stale, corrupt, foreign); `reason` says which, for tests and --debug."""


def disabled(env: Mapping[str, str] | None = None) -> bool:
    """`casplan --no-cache …`, or CASPLAN_NO_CACHE set to anything but empty, 0, false or no."""
    cli = sys.modules.get("casplan.cli")
    if cli is not None and getattr(cli, "NO_CACHE", {}).get("on"):
        return True
    value = (os.environ if env is None else env).get(ENV_OFF, "")
    return value.strip().lower() not in ("", "0", "false", "no")


def folder(env: Mapping[str, str] | None = None) -> Path:
    """$XDG_CACHE_HOME/casplan (when absolute, as the XDG spec asks), else ~/.cache/casplan."""
    env = os.environ if env is None else env
    base = env.get("XDG_CACHE_HOME", "")
    if not base or not os.path.isabs(base):
        base = str(Path.home() / ".cache")
    return Path(base) / "casplan"



def read_owned(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a cache file: a regular file (not a link) of this user that no one else may write; else Miss.

    `limit`: larger files are refused unread.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise Miss(f"absent: {exc.strerror}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):  # a folder opens too, but cannot be read as a file
        os.close(fd)
        raise Miss("not a regular file")
    with os.fdopen(fd, "rb") as fh:
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            raise Miss("foreign: not owned by this user, or writable by others")
        if limit is not None and st.st_size > limit:
            raise Miss("too large")
        try:
            return fh.read()
        except OSError as exc:
            raise Miss(f"unreadable: {exc.strerror}") from None


def store(path: Path, payload: bytes, keep: int) -> bool:
    """Write `payload` to `path` atomically, then keep the `keep` newest entries of its folder.

    False, with nothing left behind, when the folder is read-only, full, a file, …: a cache that
    cannot be written only means no cache.
    """
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
        tmp = None
        _prune(path.parent, keep, path.suffix)
        return True
    except OSError:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(where: Path, keep: int, suffix: str = ".json") -> None:
    """Remove all but the `keep` most recently written entries named *suffix (one vanishing meanwhile is no matter)."""
    entries = []
    for entry in os.scandir(where):
        if entry.name.endswith(suffix):
            try:
                entries.append((entry.stat().st_mtime_ns, entry.path))
            except OSError:
                continue
    for _, old in sorted(entries, reverse=True)[keep:]:
        try:
            os.unlink(old)
        except OSError:
            pass
