"""Parse a large plan's section files on two processors: a forked helper reads the second half.

Why: reading YAML is most of `validate` on a large plan (on 10,000 tasks, 200 files,
8 MB: about half of it), each file is read on its own, and a plan office's machine
and CI runners have two processors or more. While this process parses the first
half of the files, a child forked from it parses the second half and sends back
the plain values and positions (marshal: plain data only, between two processes of
the same program); this process then only unpacks them.

Nothing changes but the time: the same Documents come back (a test compares them),
every file is checked to stay inside the plan before the child opens it, and
anything unusual — a file with a YAML problem, an unreadable one, a child that
fails or sends something wrong — is simply parsed here, as without a helper, so
every diagnostic is the one a single process gives. Small plans, one processor,
a platform without fork, or CASPLAN_NO_PREFETCH=1: no helper at all.
"""

from __future__ import annotations

import marshal
import os
import sys
import threading
from pathlib import Path

from casplan.locate import confined
from casplan.yamlio import Document, YamlProblem, load

MIN_BYTES = 1_000_000
"""Below this much YAML, forking costs more than it saves."""

ENV_OFF = "CASPLAN_NO_PREFETCH"


def worthwhile(paths: list[Path]) -> bool:
    """Whether a helper would pay for itself on these files here."""
    if not hasattr(os, "fork") or os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return False
    try:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    except OSError:
        cpus = 1
    if cpus < 2 or threading.active_count() > 1 or len(paths) < 2:
        return False
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total >= MIN_BYTES


class Prefetch:
    """`load(path, file)` as yamlio.load, with the second half of `jobs` parsed by a forked helper."""

    def __init__(self, jobs: list[tuple[Path, str]], root: Path, *, force: bool = False) -> None:
        self._theirs: dict[Path, str] = {}
        self._done: dict[Path, Document] | None = None
        self._pid = 0
        self._fd = -1
        if not jobs or not (force or worthwhile([p for p, _ in jobs])):
            return
        half = jobs[(len(jobs) + 1) // 2:]
        read_fd, write_fd = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the helper: parse, send, leave without running anything of the parent's
            os.close(read_fd)
            status = 1
            try:
                _serve(half, root, write_fd)
                status = 0
            finally:
                os._exit(status)
        os.close(write_fd)
        self._pid, self._fd = pid, read_fd
        self._theirs = dict(half)

    def load(self, path: Path, file: str) -> Document:
        if path in self._theirs:
            if self._done is None:
                self._done = self._collect()
            found = self._done.pop(path, None)
            if found is not None and found.file == file:
                return found
        return load(path, file)

    def close(self) -> None:
        """Reap the helper if its results were never asked for (a run that stopped early)."""
        if self._done is None and self._pid:
            self._done = self._collect()

    def _collect(self) -> dict[Path, Document]:
        chunks = []
        try:
            while chunk := os.read(self._fd, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self._fd)
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            status = 1
        self._pid = 0
        if status != 0 or not chunks:
            return {}
        try:
            sent = marshal.loads(b"".join(chunks))
        except (EOFError, ValueError, TypeError):
            return {}
        out: dict[Path, Document] = {}
        for where, file, data, values, keys in sent if isinstance(sent, list) else []:
            if isinstance(values, dict) and isinstance(keys, dict):
                out[Path(where)] = Document(file, data, values, keys)
        return out


def _serve(jobs: list[tuple[Path, str]], root: Path, fd: int) -> None:
    sent = []
    for path, file in jobs:
        if not confined(path, root) or not path.is_file():
            continue  # the parent reports it, without anything read
        try:
            doc = load(path, file)
        except (YamlProblem, OSError, ValueError, RecursionError):
            continue  # the parent parses it again and reports what it finds
        sent.append((str(path), doc.file, doc.data, doc.values, doc.keys))
    payload = marshal.dumps(sent)
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.close(fd)
