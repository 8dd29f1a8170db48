"""Find a plan folder and load every file in it into models, collecting problems.

A bad file never stops the run: each file's problems are collected and the
others are still read, so one `validate` shows everything at once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from casplan.diagnostics import Diagnostic, Severity
from casplan.errors import UserError, os_reason
from casplan.labels import DEFAULT, Labels, declarations_ok, from_plan
from casplan.model import (
    Departments,
    Grouped,
    Leaders,
    Notice,
    Part,
    PlanFile,
    Standalone,
    Tasks,
    plan_file_model,
    section_model,
)
# Re-exported: where a plan is found, and which of its files may be read (casplan.locate).
from casplan.locate import DEPARTMENTS_FILE as DEPARTMENTS_FILE, ENV_VAR as ENV_VAR, LEADERS_FILE as LEADERS_FILE
from casplan.locate import PLAN_FILE as PLAN_FILE, SECTIONS_DIR as SECTIONS_DIR
from casplan.locate import confined as confined, find_plan as find_plan, outside as outside
from casplan.yamlio import Document, YamlProblem, gc_paused, load

M = TypeVar("M", bound=BaseModel)


def unreadable(file: str, exc: OSError) -> Diagnostic:
    return Diagnostic.make(file, (0, 0), "unreadable-file", f"无法读取：{os_reason(exc)}")


@dataclass
class Loaded(Generic[M]):
    """One file: its parsed document (if it parsed) and its model (if it validated)."""

    file: str
    doc: Document | None = None
    model: M | None = None


@dataclass
class Section(Loaded[Part | Tasks | Grouped]):
    name: str = ""  # the file name as listed in plan.yaml


@dataclass
class LoadedPlan:
    root: Path
    notice: Loaded[PlanFile]  # the notice, or (a plan issued alone) the plan's frame
    leaders: Loaded[Leaders]
    departments: Loaded[Departments]
    sections: list[Section] = field(default_factory=list)  # listed, present, in plan order
    diagnostics: list[Diagnostic] = field(default_factory=list)
    labels: Labels = DEFAULT  # as plan.yaml declares them (defaults if it declares none or is unreadable)
    has_leaders: bool = True  # leaders.yaml is optional: a plan may have no leaders at all

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def parts(self) -> list[Part | Tasks | Grouped]:
        return [s.model for s in self.sections if s.model is not None]


def display(root: Path, *parts: str) -> str:
    """The name a diagnostic shows: the plan folder as the user gave it, then the file."""
    return root.joinpath(*parts).as_posix()


def load_file(path: Path, file: str, model: type[M], out: list[Diagnostic], root: Path) -> Loaded[M]:
    """Read, parse and validate one file of the plan under `root`; every problem goes to `out`."""
    loaded: Loaded[M] = Loaded(file)
    try:
        if not confined(path, root):
            out.append(outside(file))
            return loaded
        if not path.is_file():
            out.append(Diagnostic.make(file, (0, 0), "missing-file", f"缺少文件 {path.name}"))
            return loaded
        loaded.doc = load(path, file)
    except YamlProblem as problem:
        out.extend(problem.diagnostics)
        return loaded
    except OSError as exc:  # no permission, deleted meanwhile, a folder where a file should be
        out.append(unreadable(file, exc))
        return loaded
    if isinstance(loaded.doc.data, str) and (fix := _slip_fix(loaded.doc.data, "dict_type")) is not None:
        out.append(Diagnostic.make(file, (1, 1), "typing-slip", fix))
        return loaded
    if not isinstance(loaded.doc.data, dict):
        kind = "空文件" if loaded.doc.data is None else "非映射内容"
        out.append(Diagnostic.make(file, (1, 1), "wrong-type", f"类型错误：文件顶层应为映射（键: 值），实为{kind}"))
        return loaded
    try:
        loaded.model = model.model_validate(loaded.doc.data)
    except ValidationError as exc:
        from casplan.schema_errors import to_diagnostics  # only a file with errors needs them explained

        out.extend(to_diagnostics(exc, loaded.doc, model))
    return loaded


def _slip_fix(text: str, error: str) -> str | None:
    from casplan.schema_errors import slip_fix

    return slip_fix(text, error)


def load_plan(root: Path) -> LoadedPlan:
    """Load plan.yaml, the registries and every section file under `root`."""
    with gc_paused():
        return _load_plan(root)


def _load_plan(root: Path) -> LoadedPlan:
    diags: list[Diagnostic] = []
    notice = _load_plan_file(root, diags)
    labels = from_plan(notice.doc.data if notice.doc else None)
    has_leaders = os.path.lexists(root / LEADERS_FILE)  # a link counts: load_file reports where it points
    plan = LoadedPlan(
        root,
        notice=notice,
        leaders=load_file(root / LEADERS_FILE, display(root, LEADERS_FILE), Leaders, diags, root)
        if has_leaders else Loaded(display(root, LEADERS_FILE)),
        departments=load_file(root / DEPARTMENTS_FILE, display(root, DEPARTMENTS_FILE), Departments, diags, root),
        labels=labels,
        has_leaders=has_leaders,
    )
    part_model = section_model(labels, has_leaders)
    # With 标签/结构/其他字段 unreadable, the section files' keys and layout are unknown: their
    # schema errors would be guesses. They are still parsed (and cross-checked); plan.yaml's own
    # error says what to fix first.
    trust = declarations_ok(notice.doc.data if notice.doc else None)
    listed = _listed_sections(plan.notice)
    present, refused = _present_sections(root, diags)
    has_order = listed is not None
    if listed is None:  # plan.yaml unreadable: still check every section file, in name order
        listed = [(None, name) for name in sorted(present)]
    seen: set[str] = set()
    for index, name in listed:
        pos = _listing_pos(plan.notice, index)
        file = display(root, SECTIONS_DIR, name)
        if name in seen:
            diags.append(Diagnostic.make(plan.notice.file, pos, "duplicate-section", f"部分文件“{name}”重复列出"))
            continue
        seen.add(name)
        if _is_path(name):
            msg = f"部分文件名“{name}”只能是 {SECTIONS_DIR}/ 下的文件名，不能含路径"
            diags.append(Diagnostic.make(plan.notice.file, pos, "bad-section-name", msg))
            continue
        if name in refused or ALL in refused:  # already reported once: the link, or the folder
            continue
        if name not in present:
            msg = f"plan.yaml 列出的部分文件“{name}”不存在（应在 {display(root, SECTIONS_DIR)}/ 下）"
            diags.append(Diagnostic.make(plan.notice.file, pos, "missing-section", msg))
            continue
        loaded = _load_section(root, name, file, part_model, diags, trust)
        plan.sections.append(Section(loaded.file, loaded.doc, loaded.model, name=name))
    if has_order:
        for name in sorted(present - seen):
            file = display(root, SECTIONS_DIR, name)
            diags.append(
                Diagnostic.make(file, (1, 1), "unlisted-section", f"部分文件“{name}”未列入 plan.yaml 的“附件: 部分”顺序")
            )
            _load_section(root, name, file, part_model, diags, trust)  # its own problems still count
    plan.diagnostics = diags
    return plan


def _load_section(root: Path, name: str, file: str, model: type[Part] | type[Tasks] | type[Grouped],
                  diags: list[Diagnostic], trust: bool) -> Loaded[Part | Tasks | Grouped]:
    found: list[Diagnostic] = []
    loaded: Loaded[Part | Tasks | Grouped] = load_file(root / SECTIONS_DIR / name, file, model, found, root)
    if trust or loaded.doc is None or not isinstance(loaded.doc.data, dict):
        diags.extend(found)  # read and YAML problems always count
    return loaded


def _load_plan_file(root: Path, diags: list[Diagnostic]) -> Loaded[PlanFile]:
    """plan.yaml in either form: a notice (with 附件), or a plan issued alone (read once, validated as its form)."""
    found: list[Diagnostic] = []
    loaded: Loaded[PlanFile] = load_file(root / PLAN_FILE, display(root, PLAN_FILE), Notice, found, root)
    doc = loaded.doc
    if doc is not None and isinstance(doc.data, dict) and plan_file_model(doc.data) is Standalone:
        found, loaded.model = [], None  # every problem found was the notice schema's
        try:
            loaded.model = Standalone.model_validate(doc.data)
        except ValidationError as exc:
            from casplan.schema_errors import to_diagnostics

            found = to_diagnostics(exc, doc, Standalone)
    diags.extend(found)
    return loaded


def _listed_sections(notice: Loaded[PlanFile]) -> list[tuple[int | None, str]] | None:
    """(index, file name) in plan order, read from the raw data even if the model failed.

    None when plan.yaml gives no readable list at all.
    """
    data = notice.doc.data if notice.doc else None
    attachment = data.get("附件", data) if isinstance(data, dict) else None
    listed = attachment.get("部分") if isinstance(attachment, dict) else None
    if not isinstance(listed, list):
        return None
    return [(i, s) for i, s in enumerate(listed) if isinstance(s, str) and s.strip()]


def _is_path(name: str) -> bool:
    """`../x.yaml`, `/etc/passwd`, `a/b.yaml`: not a plain file name in sections/."""
    return "/" in name or "\\" in name or name in {".", ".."} or "\x00" in name


ALL = "\x00all"
"""In the refused names: the whole sections/ folder was refused or unreadable."""


def _present_sections(root: Path, out: list[Diagnostic]) -> tuple[set[str], set[str]]:
    """(names of the YAML files in sections/, names refused): a link out of the plan is reported once, read by no one."""
    folder = root / SECTIONS_DIR
    file = display(root, SECTIONS_DIR)
    try:
        if not confined(folder, root):
            out.append(outside(file))
            return set(), {ALL}
        if not folder.is_dir():
            return set(), set()
        entries = list(folder.iterdir())
    except OSError as exc:
        out.append(unreadable(file, exc))
        return set(), {ALL}
    present: set[str] = set()
    refused: set[str] = set()
    for entry in entries:
        if entry.suffix not in {".yaml", ".yml"}:
            continue
        try:
            if entry.is_symlink() and not confined(entry, root):
                out.append(outside(display(root, SECTIONS_DIR, entry.name)))
                refused.add(entry.name)
            elif entry.is_file():
                present.add(entry.name)
        except OSError as exc:  # vanished or unreadable while we looked
            out.append(unreadable(display(root, SECTIONS_DIR, entry.name), exc))
            refused.add(entry.name)
    return present, refused


def _listing_pos(notice: Loaded[PlanFile], index: int | None) -> tuple[int, int]:
    if notice.doc is None or index is None:
        return (1, 1)
    inside = ("附件",) if isinstance(notice.doc.data, dict) and "附件" in notice.doc.data else ()
    return notice.doc.pos((*inside, "部分", index))
