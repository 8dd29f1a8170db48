"""A cache of the checked plan for the query commands (list, due, show).

Why: parsing YAML with positions and validating it is most of a query's time on a
large plan (7 s of 7.4 s for `list` on 10,000 tasks); the plan changes far less
often than it is asked. A hit answers from plain data: no YAML is parsed and no
pydantic model is built.

The key is the content, never time stamps: the hash of every file the load can
read (the plan folder's *.yaml and everything in sections/, names included, so an
added or removed file counts), casplan's version and the hash of casplan's own
source (a development checkout changes without a new version). One entry per plan
folder, in the user's cache folder ($XDG_CACHE_HOME/casplan, else ~/.cache/casplan),
never beside the plan. `casplan --no-cache` or CASPLAN_NO_CACHE=1 bypass it.

Trust: an entry is JSON (loading it cannot run code, unlike pickle), one header
line and a body whose SHA-256 the header records; it is used only if it is a
regular file owned by the current user and writable by no one else, its format,
casplan fingerprint, folder and file hashes all match, its digest matches
(truncated or corrupt files fail here) and its data has the expected shape.
Anything else is a miss: the plan is loaded and checked as without a cache and the
entry rewritten. Writing is best effort: a read-only or full cache folder only
means no cache (nothing is printed, the command's result is the same).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from casplan import __version__
from casplan.cachefiles import ENV_OFF as ENV_OFF, Miss as Miss, disabled as disabled, folder as folder  # re-exported
from casplan.cachefiles import read_owned as read_owned, store as store  # re-exported

if TYPE_CHECKING:  # imported where entries are encoded and decoded: casplan.answers needs only the keys
    from casplan.deadlines.milestone import Milestone
    from casplan.plan import Plan
    from casplan.query import Row
    from casplan.registry import Registry

FORMAT = 1
MAX_ENTRIES = 64
"""Entries kept (one per plan folder); the least recently written go first."""

_ROOT_SUFFIXES = (".yaml", ".yml")


def entry_path(root: Path, env: Mapping[str, str] | None = None) -> Path:
    where = os.path.realpath(root)
    return folder(env) / "plans" / (hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32] + ".json")


def code_fingerprint() -> str:
    """casplan's version and the name, size and modification time of each of its source files.

    Why stat and not content here: casplan's own files change only by installing or editing
    them (both touch the time), and hashing ~100 files cost 50 ms, a query's whole budget.
    The plan's files, which anyone edits or checks out, are keyed by content (`fingerprint`).
    """
    digest = hashlib.blake2b(__version__.encode(), digest_size=16)
    package = os.path.dirname(os.path.abspath(__file__))
    for where, dirs, names in sorted(os.walk(package)):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                st = os.stat(os.path.join(where, name))
                digest.update(f"{os.path.relpath(where, package)}/{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return f"{__version__}+{digest.hexdigest()}"


def fingerprint(root: Path) -> dict[str, str]:
    """name → hash of every file a load of `root` can read; OSError if one cannot be read (then no cache)."""
    out: dict[str, str] = {}
    for where, prefix, wanted in ((root, "", _ROOT_SUFFIXES), (root / "sections", "sections/", None)):
        try:
            entries = sorted(os.scandir(where), key=lambda e: e.name)
        except FileNotFoundError:
            continue
        for entry in entries:
            if wanted is not None and not entry.name.endswith(wanted):
                continue
            name = prefix + entry.name
            if entry.is_symlink():
                out[name + "@"] = os.readlink(entry.path)  # a link moved elsewhere is a change too
            if entry.is_file():
                with open(entry.path, "rb") as fh:
                    out[name] = hashlib.sha256(fh.read()).hexdigest()[:40]  # SHA-256: the fastest here (CPU instructions)
            else:
                out[name] = "not a file"
    return out


# ---------------------------------------------------------------- stand-ins for the models a query reads


class CachedSubItem:
    """What `show` and the exports read of a sub-item. Plain slotted classes, not dataclasses:
    these are defined on every query, and a dataclass costs a millisecond to define."""

    __slots__ = ("id", "text")

    def __init__(self, id: str, text: str) -> None:
        self.id = id
        self.text = text


class CachedTask:
    """What `show` and the exports read of a task: its title, measures and sub-items."""

    __slots__ = ("id", "title", "measures", "subitems", "subitems_intro")

    def __init__(self, id: str, title: str | None, measures: str | list[str] | None,
                 subitems: list[CachedSubItem] | list[str] | None, subitems_intro: str | None) -> None:
        self.id = id
        self.title = title
        self.measures = measures
        self.subitems = subitems  # ids only while the entry is being read
        self.subitems_intro = subitems_intro


class CachedPart:
    __slots__ = ("title", "tasks")

    def __init__(self, title: str | None, tasks: list[CachedTask]) -> None:
        self.title = title
        self.tasks = tasks


class CachedFrame:
    __slots__ = ("title", "preamble", "sections")

    def __init__(self, title: str, preamble: list[str] | None, sections: list[str]) -> None:
        self.title = title
        self.preamble = preamble
        self.sections = sections


# ---------------------------------------------------------------- encoding

# A row is stored as a list in this order (labels once for the plan; 具体举措 once, with its task; the
# milestones as lists in Milestone's field order, built into objects only when asked for).
_ROW_SKIP = ("labels", "measures", "part_title", "task_title", "stored")
_ROW_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,), "is_task": (bool,), "part_no": (int,), "task_id": (str,), "text": (str,), "number": (int,),
    "names": (dict,), "inherited": (list,), "deadline": (str, type(None)), "due": (str, type(None)),
    "deadline_inherited": (bool,), "context": (str, type(None)), "fields": (dict,),
}
_DAYS = ("date", "start", "first", "until")


_FIELDS: dict[str, list[str]] = {}


def _row_fields() -> list[str]:
    if "row" not in _FIELDS:
        from casplan.query import Row

        _FIELDS["row"] = [f.name for f in fields(Row) if f.name not in _ROW_SKIP]
    return _FIELDS["row"]


def _milestone_fields() -> list[str]:
    if "milestone" not in _FIELDS:
        from casplan.deadlines.milestone import Milestone

        _FIELDS["milestone"] = [f.name for f in fields(Milestone)]
    return _FIELDS["milestone"]


def _encode_milestone(m: Milestone) -> list[Any]:
    out: list[Any] = []
    for name in _milestone_fields():
        value = getattr(m, name)
        out.append(value.value if name == "kind" else _day(value) if isinstance(value, date) else value)
    return out


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def encode(plan: Plan, rows: list[Row]) -> dict[str, Any]:
    """The plain data a query needs: rows with their milestones, registries, labels, parts as tasks."""
    labels = plan.labels
    structure = labels.structure
    names = _row_fields()
    out_rows = []
    for row in rows:
        values: list[Any] = [sorted(row.inherited) if n == "inherited" else getattr(row, n) for n in names]
        values.append([_encode_milestone(m) for m in row.milestones()])
        out_rows.append(values)
    parts = []
    for part in plan.parts:
        tasks = []
        for t in part.tasks:
            measures = t.measures if t.measures is None or isinstance(t.measures, str) else list(t.measures)
            subs = None if t.subitems is None else [s.id for s in t.subitems]
            tasks.append([t.id, t.title, measures, subs, t.subitems_intro])
        parts.append([part.title, tasks])
    frame = plan.attachment
    return {
        "row_fields": names,
        "milestone_fields": _milestone_fields(),
        "rows": out_rows,
        "parts": parts,
        "frame": [frame.title, None if frame.preamble is None else list(frame.preamble), list(frame.sections)],
        "labels": {"pairs": [list(p) for p in labels.pairs], "other": list(labels.other), "declared": labels.declared,
                   "structure": [structure.parts, structure.numbering, structure.style, structure.units,
                                 structure.deadline]},
        "leaders": _encode_registry(plan.leaders),
        "departments": _encode_registry(plan.departments),
        "own_templates": plan.own_templates,
    }


def _encode_registry(reg: Registry) -> dict[str, Any]:
    return {"what": reg.what, "canonical": reg.canonical, "spellings": reg.spellings, "kinds": reg.kinds}


def decode(data: dict[str, Any], root: Path) -> tuple[Plan, list[Row]]:
    """The Plan and rows back from `encode`'s data; a wrong shape or type raises ValueError (or KeyError, TypeError)."""
    from casplan.labels import Labels, Structure
    from casplan.plan import Plan
    from casplan.query import Row
    from casplan.registry import Registry

    names = _row_fields()
    if data["row_fields"] != names or data["milestone_fields"] != _milestone_fields():
        raise ValueError("row shape")
    raw = data["labels"]
    labels = Labels(tuple((str(a), str(b)) for a, b in raw["pairs"]), tuple(raw["other"]), Structure(*raw["structure"]),
                    bool(raw["declared"]))

    def registry(d: dict[str, Any]) -> Registry:
        reg = Registry(d["what"], list(d["canonical"]), dict(d["spellings"]), dict(d["kinds"]))
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in reg.spellings.items()):
            raise ValueError("registry")
        return reg

    tasks: dict[str, tuple[str, CachedTask]] = {}
    parts: list[CachedPart] = []
    for title, task_list in data["parts"]:
        part_tasks = []
        for tid, ttitle, measures, subs, intro in task_list:
            if not isinstance(measures, (str, list, type(None))) or not isinstance(subs, (list, type(None))):
                raise ValueError("task")
            task = CachedTask(tid, ttitle, measures, subs, intro)  # sub-items as ids until the rows are read
            tasks[tid] = (title or "", task)
            part_tasks.append(task)
        parts.append(CachedPart(title, part_tasks))

    types = [_ROW_TYPES.get(n) for n in names]
    width = len(names) + 1
    rows: list[Row] = []
    texts: dict[str, str] = {}
    for values in data["rows"]:
        if not isinstance(values, list) or len(values) != width:
            raise ValueError("row")
        for value, wanted in zip(values, types):
            if wanted is not None and not isinstance(value, wanted):
                raise ValueError("row type")
        row = object.__new__(Row)  # the fields are set directly: a frozen dataclass's __init__ is slow
        attrs = row.__dict__
        attrs.update(zip(names, values))
        part_title, task = tasks[attrs["task_id"]]
        attrs["inherited"] = frozenset(attrs["inherited"])
        attrs["part_title"] = part_title
        attrs["task_title"] = task.title or part_title
        measures = task.measures if attrs["is_task"] else None
        attrs["measures"] = (measures,) if isinstance(measures, str) else tuple(measures or ())
        attrs["labels"] = labels
        milestones = values[-1]
        if not isinstance(milestones, list) or not all(_plausible(m) for m in milestones):
            raise ValueError("milestones")
        attrs["stored"] = milestones  # built into Milestones only when asked for (stored_milestones)
        texts[attrs["id"]] = attrs["text"]
        rows.append(row)
    for part in parts:
        for i, task in enumerate(part.tasks):
            if task.subitems is not None:
                subs = [CachedSubItem(sid, texts[sid]) for sid in cast(list[str], task.subitems)]
                part.tasks[i] = CachedTask(task.id, task.title, task.measures, subs, task.subitems_intro)
    title, preamble, sections = data["frame"]
    frame = CachedFrame(title, None if preamble is None else list(preamble), list(sections))
    # The stand-ins have the attributes queries read of Part, Task and Attachment (duck typing; see module doc).
    plan = Plan(root, None, cast(Any, parts), registry(data["leaders"]), registry(data["departments"]),
                cast(Any, frame), labels, bool(data["own_templates"]))
    return plan, rows




def _plausible(values: Any) -> bool:
    """A stored milestone's shape: its length, a known kind, its days ISO dates (checked before use, cheaply)."""
    from casplan.deadlines.milestone import Kind

    fields_ = _milestone_fields()
    if not isinstance(values, list) or len(values) != len(fields_):
        return False
    at = _places()
    if values[at["kind"]] not in Kind._value2member_map_ or not isinstance(values[at["clause"]], str):
        return False
    for k in _DAYS:
        day = values[at[k]]
        if day is not None and not (isinstance(day, str) and len(day) == 10):
            return False
    return True


def _places() -> dict[str, int]:
    """Where each of Milestone's fields sits in a stored milestone (computed once)."""
    if not _AT:
        _AT.update({name: i for i, name in enumerate(_milestone_fields())})
    return _AT


_AT: dict[str, int] = {}


def stored_milestones(stored: list[list[Any]]) -> list[Milestone]:
    """A cached row's milestones (Row.stored), as the reader gave them when the entry was written."""
    return [_milestone(values) for values in stored]


def _milestone(values: list[Any]) -> Milestone:
    from casplan.deadlines.milestone import Kind, Milestone

    d = dict(zip(_milestone_fields(), values, strict=True))
    d["kind"] = Kind(d["kind"])
    for key in _DAYS:
        if d.get(key) is not None:
            d[key] = date.fromisoformat(d[key])
    return Milestone(**d)


# ---------------------------------------------------------------- reading and writing entries


def _header(root: Path, files: dict[str, str], code: str, digest: str) -> dict[str, Any]:
    return {"format": FORMAT, "casplan": code, "root": os.path.realpath(root), "files": files, "body": digest}


def read(path: Path, root: Path, files: dict[str, str], code: str) -> dict[str, Any]:
    """The body of a valid entry for this plan and this casplan, or Miss."""
    head, sep, body = read_owned(path).partition(b"\n")
    if not sep:
        raise Miss("truncated: no header line")
    try:
        header = json.loads(head)
    except (ValueError, UnicodeDecodeError):
        raise Miss("corrupt header") from None
    if not isinstance(header, dict):
        raise Miss("corrupt header")
    expected = _header(root, files, code, hashlib.sha256(body).hexdigest())
    for key in ("format", "casplan", "root", "files", "body"):
        if header.get(key) != expected[key]:
            raise Miss(f"stale or corrupt: {key} differs")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Miss("corrupt body") from None
    if not isinstance(data, dict):
        raise Miss("corrupt body")
    return data


def write(path: Path, root: Path, files: dict[str, str], code: str, data: dict[str, Any]) -> bool:
    """Write the entry atomically; False (and nothing left behind) when the folder is read-only, full, …"""
    try:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError):  # a value JSON cannot hold: no cache rather than a wrong one
        return False
    header = json.dumps(_header(root, files, code, hashlib.sha256(body).hexdigest()), ensure_ascii=False,
                        separators=(",", ":")).encode("utf-8")
    return store(path, header + b"\n" + body, MAX_ENTRIES)


# ---------------------------------------------------------------- the hook the query commands call


Opener = Callable[[Path], "tuple[Plan, list[str]]"]
"""Loads and checks a plan folder: the plan and the files left out for their errors (none: the whole plan)."""


def open_rows(option: Path | None) -> tuple[Plan, list[Row]]:
    """The checked plan and its rows, from the cache when it holds this plan's files; else loaded, checked, stored.

    A plan with errors is never stored: open_plan raises its UserError as without a cache.
    """
    plan, rows, _ = open_query(option, _whole)
    return plan, rows


def open_query(option: Path | None, opener: Opener) -> tuple[Plan, list[Row], list[str]]:
    """As open_rows, for an opener that may leave broken files out: such a partial plan is answered, never stored."""
    from casplan.locate import find_plan

    root = find_plan(option)
    if disabled():
        return _load(root, opener)
    try:
        files = fingerprint(root)
        code = code_fingerprint()
    except OSError:  # an unreadable file: the load reports it
        return _load(root, opener)
    path = entry_path(root)
    try:
        plan, rows = decode(read(path, root, files, code), root)
        _answered(root)
        return plan, rows, []
    except Miss as miss:
        _debug(f"缓存未命中：{miss}")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        _debug(f"缓存内容无效：{type(exc).__name__}")
    plan, rows, broken = _load(root, opener)
    if broken:
        return plan, rows, broken
    _answered(root)
    try:
        data = encode(plan, rows)
    except (TypeError, ValueError, AttributeError):  # a plan shape the cache does not know: no cache
        return plan, rows, broken
    write(path, root, files, code, data)
    return plan, rows, broken


def _answered(root: Path) -> None:
    """Tell casplan.answers (when this run records one) that the answer comes from the whole plan."""
    answers = sys.modules.get("casplan.answers")
    if answers is not None:
        answers.answered_from(root)


def _whole(root: Path) -> tuple[Plan, list[str]]:
    from casplan.plan import open_plan

    return open_plan(root), []


def _load(root: Path, opener: Opener) -> tuple[Plan, list[Row], list[str]]:
    from casplan.query import rows

    plan, broken = opener(root)
    return plan, rows(plan), broken


def _debug(message: str) -> None:
    if os.environ.get("CASPLAN_DEBUG"):
        print(message, file=sys.stderr)
