"""Answers already given: a query asked again of an unchanged plan is replayed, not recomputed.

Why: the plan office and CI ask the same questions over and over (`casplan list
--dept 人事局` each morning, the same `due` on every push), and on a large plan
printing the answer — 1,400 rows folded into a table — costs more than all the
rest of a query from the plan cache (casplan.cache). A question asked before, of
the same plan, by the same casplan, in the same setting, has the same answer: it
is written back as it was printed, before the command line is even parsed.

The key is everything such an answer depends on; any difference is a new question:
- the command line as written after `casplan`, and the working directory;
- the plan: its folder and the content hash of every file a load reads
  (`cache.fingerprint`, the plan cache's own key), never time stamps alone;
- casplan's code (`cache.code_fingerprint`), the interpreter, and the folders it
  imports from (installing or upgrading a package changes them);
- today's date (`due --before 本月`, `+30d` …);
- where the answer goes: whether stdout and stderr are terminals, the terminal's
  width, their encodings and error handlers;
- the environment casplan and its output read: every CASPLAN_* variable,
  COLUMNS, NO_COLOR, FORCE_COLOR, TERM, TZ, the locale and Python's I/O settings.

Only `list`, `due` and `show` are remembered, and only a run that ended
with status 0, answered from the whole plan (no file left out for its errors, see
`cache.open_query`), whose output went entirely through text writes to stdout and
stderr. Anything else — help, a usage error, a plan with errors — runs as usual.
`--no-cache` and CASPLAN_NO_CACHE turn this off with the plan cache; CASPLAN_NO_ANSWERS
turns off only this (the plan cache still answers).

Entries sit beside the plan cache's ($XDG_CACHE_HOME/casplan/answers), one file an
answer, trusted as those are: a regular file of this user that no one else may
write, whose recorded key and SHA-256 digest match; anything else is a miss (the
command runs). Writing is best effort and never fails a command.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

FORMAT = 1
COMMANDS = frozenset({"list", "due", "show"})
"""The commands whose answer depends on nothing but the key (they read the plan through the plan cache)."""

ENV_OFF = "CASPLAN_NO_ANSWERS"
"""Set (to anything but empty, 0, false, no): ask anew, through the plan cache (the benchmark measures both)."""

MAX_ANSWERS = 256
"""Answers kept; the least recently written go first."""

_ENV_EXACT = ("COLUMNS", "NO_COLOR", "FORCE_COLOR", "TERM", "TZ", "LANG", "LANGUAGE", "PYTHONIOENCODING",
              "PYTHONUTF8", "PYTHONLEGACYWINDOWSSTDIO")
_ENV_PREFIXES = ("CASPLAN_", "LC_")
_GROUP_FLAGS = frozenset({"--debug"})
"""casplan's own options that may stand before the command and change nothing in an answer."""

_state: dict[str, Any] = {}
"""This run: the key being recorded, the tees, and the folder the query answered from."""


def command_of(args: Sequence[str]) -> str | None:
    """The command a query's arguments name, when they are a plain run of one (no help, no version)."""
    for i, arg in enumerate(args):
        if arg.startswith("-"):
            if arg not in _GROUP_FLAGS:
                return None  # --no-cache, --version, -h, or something typer must judge
            continue
        rest = args[i + 1:]
        if arg not in COMMANDS or any(a in ("-h", "--help", "--no-cache") for a in rest):
            return None
        return arg
    return None


def plan_of(args: Sequence[str], env: dict[str, str] | os._Environ[str]) -> Path | None:
    """The plan folder the arguments point at, as casplan.locate finds it; None when unsure."""
    given = [a for a in args if a == "--plan" or a.startswith("--plan=")]
    if len(given) > 1:
        return None
    if given:
        if given[0].startswith("--plan="):
            value = given[0].removeprefix("--plan=")
        else:
            at = list(args).index("--plan")
            if at + 1 >= len(args):
                return None
            value = args[at + 1]
        return Path(value) if value else None
    return Path(env.get("CASPLAN_PLAN") or "plan")


def _terminal(stream: TextIO) -> list[Any]:
    try:
        if stream.isatty():
            size = os.get_terminal_size(stream.fileno())
            return [True, size.columns, size.lines]
        return [False]
    except (AttributeError, OSError, ValueError):
        return [None]


def _imports() -> list[Any]:
    """The folders Python imports from, with their change times: an install or upgrade touches them."""
    out: list[Any] = []
    for entry in sys.path:
        if not os.path.isabs(entry):  # the working folder (python -c): its own key, and it changes with any file
            continue
        try:
            st = os.stat(entry)
        except OSError:
            continue
        out.append([entry, st.st_mtime_ns])
    return out


def key(args: Sequence[str], root: Path) -> str | None:
    """The hex key of this question, or None when the plan cannot be fingerprinted (the run will say why)."""
    from casplan import cache

    try:
        files = cache.fingerprint(root)
        if not files:
            return None
        material = {
            "format": FORMAT,
            "args": list(args),
            "cwd": os.getcwd(),
            "root": os.path.realpath(root),
            "files": files,
            "casplan": cache.code_fingerprint(),
            "python": [sys.version, sys.executable, _imports()],
            "today": date.today().isoformat(),
            "env": sorted((k, v) for k, v in os.environ.items()
                          if k in _ENV_EXACT or k.startswith(_ENV_PREFIXES)),
            "streams": [_terminal(sys.stdout), _terminal(sys.stderr),
                        [getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None)],
                        [getattr(sys.stderr, "encoding", None), getattr(sys.stderr, "errors", None)]],
        }
    except OSError:
        return None
    import hashlib

    text = json.dumps(material, sort_keys=True, separators=(",", ":"))  # ASCII: any argument survives, even a lone surrogate
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _path(digest: str) -> Path:
    from casplan import cache

    return cache.folder() / "answers" / (digest[:40] + ".json")


def replay(args: Sequence[str]) -> int | None:
    """Print the remembered answer to this question and return its exit status; None: run the command."""
    if command_of(args) is None or _off():  # checked first: every other command pays only this
        return None
    from casplan import cache

    if cache.disabled():
        return None
    root = plan_of(args, os.environ)
    if root is None or not root.is_dir():
        return None
    digest = key(args, root)
    if digest is None:
        return None
    _state["key"] = digest  # a miss is recorded under it (see begin)
    chunks = _read(_path(digest), digest)
    if chunks is None:
        return None
    try:
        for stream, text in chunks:
            (sys.stdout if stream == 1 else sys.stderr).write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        return _broken_pipe()
    return 0


def _off() -> bool:
    return os.environ.get(ENV_OFF, "").strip().lower() not in ("", "0", "false", "no")


def _broken_pipe() -> int:
    from casplan.errors import BROKEN_PIPE

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return BROKEN_PIPE


def _read(path: Path, digest: str) -> list[tuple[int, str]] | None:
    import hashlib

    from casplan import cache

    try:
        raw = cache.read_owned(path)
    except cache.Miss:
        return None
    head, sep, body = raw.partition(b"\n")
    try:
        header = json.loads(head)
        if not sep or header != {"format": FORMAT, "key": digest, "body": hashlib.sha256(body).hexdigest()}:
            return None
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, list) or not all(
            isinstance(c, list) and len(c) == 2 and c[0] in (1, 2) and isinstance(c[1], str) for c in data):
        return None
    return [(int(c[0]), str(c[1])) for c in data]


# ---------------------------------------------------------------- recording a run


class _Tee:
    """A text stream that keeps a copy of what is written through it (in order, with the other stream's)."""

    def __init__(self, stream: TextIO, number: int, log: list[list[Any]]) -> None:
        self._stream = stream
        self._number = number
        self._log = log

    def write(self, text: str) -> int:
        self._log.append([self._number, text])
        return self._stream.write(text)

    def writelines(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # bytes written past the copy: such a run is not remembered
            _state["tainted"] = True
        return getattr(self._stream, name)


def begin(args: Sequence[str]) -> None:
    """Before a run that `replay` did not answer: keep a copy of its output if it can be remembered."""
    if "key" not in _state or command_of(args) is None:
        return
    log: list[list[Any]] = []
    _state.update(log=log, streams=(sys.stdout, sys.stderr), args=list(args), answered=None, tainted=False)
    sys.stdout = _Tee(sys.stdout, 1, log)
    sys.stderr = _Tee(sys.stderr, 2, log)


def answered_from(root: Path) -> None:
    """Called by the plan cache when a query was answered from the whole plan at `root`."""
    _state["answered"] = os.path.realpath(root)


def end(status: int) -> None:
    """After the run: restore the streams; remember the answer if the run may be replayed."""
    if "log" not in _state:
        return
    sys.stdout, sys.stderr = _state.pop("streams")
    log = _state.pop("log")
    root = plan_of(_state["args"], os.environ)
    if status != 0 or _state["tainted"] or root is None or _state["answered"] != os.path.realpath(root):
        return
    _write(_path(_state["key"]), _state["key"], log)


def _write(path: Path, digest: str, log: list[list[Any]]) -> None:
    import hashlib

    from casplan import cache

    body = json.dumps(log, separators=(",", ":")).encode("ascii")  # \u escapes keep every character as printed
    header = json.dumps({"format": FORMAT, "key": digest, "body": hashlib.sha256(body).hexdigest()}).encode()
    cache.store(path, header + b"\n" + body, MAX_ANSWERS)
