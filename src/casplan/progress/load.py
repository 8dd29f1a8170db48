"""Reading 进展/*.yaml, one reporting round per file, with positions for every diagnostic.

Why rounds are kept in a compact form: a plan followed for years has many
rounds of thousands of entries each (10,000 tasks × 12 quarters is ~150,000
entries, 50 MB of YAML). A parsed file with the position of every node costs
about eight times its size, its pydantic models twice more, so keeping every
round as read would take over 400 MiB. What the commands need from each round
is much less, and that is what a RoundFile keeps once its file is read:

- a Brief of every entry: the fields that statuses and checks are worked out
  from (编号, 节点, 状态, 完成日期, 报送单位, whether a 延期原因 is given);
- the positions of the keys diagnostics point at (POSITIONED), in one array;
- the full entry (进展, 下步计划 …) only where this round has the newest report
  of its (编号, 节点) among the rounds read, as the mapping read (a third of its
  model's size; the model is made again when asked for); an older one, needed
  for a status as of an earlier date or a sheet of an earlier round, is read
  again from the file on demand (`fetch`, one read per round), and refused if
  the file changed meanwhile.

Only one round's parsed document and models are alive at a time.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from casplan.diagnostics import Diagnostic
from casplan.errors import UserError
from casplan.load import Loaded, display, load_file
from casplan.progress import FOLDER as FOLDER  # re-exported
from casplan.progress.model import Entry, Round
from casplan.yamlio import Document, decode, parse

POSITIONED: tuple[str, ...] = ("编号", "节点", "状态", "完成日期", "报送单位")
"""The keys of an entry that diagnostics point at: their positions are kept, the rest are not."""

_SLOT = {key: k for k, key in enumerate(POSITIONED)}
_intern = sys.intern


class Brief:
    """What statuses and checks need of one entry; its strings shared across rounds (interned)."""

    __slots__ = ("id", "milestone", "status", "done_on", "unit", "delay_reason")

    def __init__(self, id: str, milestone: str | None, status: str, done_on: str | None, unit: str | None,
                 delay_reason: bool) -> None:
        self.id = _intern(id)
        self.milestone = _intern(milestone) if milestone is not None else None
        self.status = _intern(status)
        self.done_on = _intern(done_on) if done_on is not None else None
        self.unit = _intern(unit) if unit is not None else None
        self.delay_reason = delay_reason


def _packed(doc: Document | None, model: Round, whole: bool) -> tuple[bytes, list[int]]:
    """The round's Briefs and full entries as one blob, with each entry's end in it.

    Why: what a round keeps is then made from the blob after its parsed file and
    models are gone, packed together in memory instead of scattered among the
    freed remains of every round (which would keep that memory from the system).
    """
    raw = doc.data.get("条目") if doc is not None and not whole else None
    # The mappings read, when this is what the model was made from: a mapping costs a third of its model.
    full: list[Any] = raw if isinstance(raw, list) and len(raw) == len(model.entries) else []
    briefs = marshal.dumps([(e.id, e.milestone, e.status, e.done_on, e.unit, e.delay_reason is not None)
                            for e in model.entries])
    parts, ends = [briefs], [len(briefs)]
    for e in full:
        parts.append(marshal.dumps(e))
        ends.append(ends[-1] + len(parts[-1]))
    return b"".join(parts), ends


class RoundFile:
    """One round: its id (the file's stem, 2021-12), where it is, what it says (see the module's docstring).

    Built from the file's Document and model (both None when the file did not
    parse or validate), which it does not keep. `digest` is the file's content
    as read: with it, full entries are released to be read again on demand;
    without it (a round built in memory) every full entry is kept.
    """

    def __init__(self, id: str, path: Path, file: str, doc: Document | None, model: Round | None,
                 digest: bytes | None = None) -> None:
        self.id = id
        self.path = path
        self.file = file  # as diagnostics show it
        self.digest = digest
        self.valid = model is not None
        self.entries: list[Brief] = []
        self._full: dict[int, Entry | bytes] = {}  # a model, or its mapping as read (validated), marshalled
        self._positions = array("i")
        self._name = ""
        self._date_text = ""
        self.date = date.min  # 报送截止, read for every point and round a status is worked out for; a bad round has none
        if model is None:
            return
        self._name, self._date_text = str(model.name), str(model.date)
        self.date = date.fromisoformat(model.date)
        if doc is not None:
            self._positions = _positions(doc, len(model.entries))
        blob, ends = _packed(doc, model, digest is None)
        if digest is None:  # a round built in memory: its models are kept as they are
            self._full = dict(enumerate(model.entries))
        self._unpack(blob, ends)

    @classmethod
    def read(cls, id: str, path: Path, loaded: Loaded[Round], digest: bytes) -> RoundFile:
        """A round read from its file (`loaded` is emptied): built once its document and models are gone (see _packed)."""
        doc, model, loaded.doc, loaded.model = loaded.doc, loaded.model, None, None
        empty = cls(id, path, loaded.file, None, None, digest)
        if model is None:
            return empty
        positions = _positions(doc, len(model.entries)) if doc is not None else array("i")
        name, date_text = str(model.name), str(model.date)
        blob, ends = _packed(doc, model, False)
        del doc, model  # the caller's references are gone too: the parsed file is freed here
        empty._name, empty._date_text, empty.date, empty.valid = name, date_text, date.fromisoformat(date_text), True
        empty._positions = positions
        empty._unpack(blob, ends)
        return empty

    def _unpack(self, blob: bytes, ends: list[int]) -> None:
        self.entries = [Brief(*t) for t in marshal.loads(blob[:ends[0]])]
        for i, (start, end) in enumerate(zip(ends, ends[1:])):
            self._full[i] = blob[start:end]

    def __repr__(self) -> str:
        return f"RoundFile({self.id!r}, {self.file!r}, {len(self.entries)} entries, {self.kept} kept in full)"

    @property
    def kept(self) -> int:
        """How many full entries are at hand (the others are read again when asked for)."""
        return len(self._full)

    @property
    def name(self) -> str:
        assert self.valid
        return self._name

    @property
    def date_text(self) -> str:
        """报送截止 as written (2021-12-31)."""
        assert self.valid
        return self._date_text

    def pos(self, index: int, key: str) -> tuple[int, int]:
        """Where entry `index`'s `key` (one of POSITIONED) is; the entry's own place when the key is absent.

        The same position the round's Document gives for ("条目", index, key).
        """
        at = (index * len(POSITIONED) + _SLOT[key]) * 2
        if at + 1 >= len(self._positions):
            return (1, 1)  # a round built without its document
        return (self._positions[at], self._positions[at + 1])

    def entry(self, index: int) -> Entry:
        """The full entry `index` (进展, 下步计划 …), read again from the file if it was released."""
        if index not in self._full:
            fetch([(self, index)])
        found = self._full[index]
        return found if isinstance(found, Entry) else Entry.model_validate(marshal.loads(found))

    def release(self, index: int) -> None:
        """Drop the full entry `index` (it can be read again): only for a round read from a file."""
        if self.digest is not None:
            self._full.pop(index, None)

    def compact(self) -> None:
        """After releases: the table of full entries sized for what it holds (a dict never shrinks)."""
        self._full = dict(self._full)

    def _refill(self, wanted: set[int]) -> None:
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise _changed(self.file, str(exc.strerror or exc)) from None
        if hashlib.blake2b(raw).digest() != self.digest:
            raise _changed(self.file, "本次运行中文件已被改动，请重新运行")
        entries = parse(decode(raw, self.file), self.file).data["条目"]  # as read before: it validated then
        for i in wanted:
            self._full[i] = marshal.dumps(entries[i])


def _changed(file: str, reason: str) -> UserError:
    return UserError([Diagnostic.make(file, (0, 0), "unreadable-file", f"无法读取：{reason}")])


def _positions(doc: Document, count: int) -> array[int]:
    """The positions of POSITIONED keys of every entry, flat: line, column, line, column … (32 bits each)."""
    values = doc.values
    out = array("i")
    append = out.append
    for i in range(count):
        entry = values.get(("条目", i), (1, 1))
        for key in POSITIONED:
            line, column = values.get(("条目", i, key), entry)
            append(line)
            append(column)
    return out


def fetch(wanted: Iterable[tuple[RoundFile, int]]) -> None:
    """Make the full entries (round, index) available, reading each round that released one once."""
    missing: dict[int, tuple[RoundFile, set[int]]] = {}
    for rnd, index in wanted:
        if index not in rnd._full:
            missing.setdefault(id(rnd), (rnd, set()))[1].add(index)
    for rnd, indices in missing.values():
        rnd._refill(indices)


def folder(plan_root: Path) -> Path:
    return plan_root / FOLDER


def round_files(plan_root: Path) -> list[Path]:
    here = folder(plan_root)
    if not here.is_dir():
        return []
    return sorted(p for p in here.iterdir() if p.is_file() and p.suffix in {".yaml", ".yml"})


@dataclass
class _Digest:
    """The parser load_file calls, remembering a hash of the bytes it parsed."""

    value: bytes | None = None

    def __call__(self, path: Path, file: str) -> Document:
        raw = path.read_bytes()
        self.value = hashlib.blake2b(raw).digest()
        return parse(decode(raw, file), file)


def load_rounds(plan_root: Path) -> tuple[list[RoundFile], list[Diagnostic]]:
    """Every round file (those that failed validation not valid), and their problems.

    Of each (编号, 节点), the full entry of the newest report (by 报送截止, then
    file name, then place in the file) is kept; the older ones are released.
    """
    diags: list[Diagnostic] = []
    out = []
    newest: dict[tuple[str, str | None], tuple[tuple[date, str], RoundFile, int]] = {}
    for path in round_files(plan_root):
        digest = _Digest()
        loaded = load_file(path, display(plan_root, FOLDER, path.name), Round, diags, plan_root, digest)
        rnd = RoundFile.read(path.stem, path, loaded, digest.value or b"")  # one round's document at a time
        out.append(rnd)
        if not rnd.valid:
            continue
        order = (rnd.date, rnd.id)
        for i, b in enumerate(rnd.entries):
            key = (b.id, b.milestone)
            seen = newest.get(key)
            if seen is not None and seen[0] > order:
                rnd.release(i)
                continue
            if seen is not None:
                seen[1].release(seen[2])
            newest[key] = (order, rnd, i)
    for rnd in out:
        rnd.compact()
    return out, diags


def ordered(rounds: list[RoundFile]) -> list[RoundFile]:
    """The valid rounds, oldest first (by 报送截止, then id)."""
    return sorted((r for r in rounds if r.valid), key=lambda r: (r.date, r.id))
