"""Find a plan folder and load every file in it into models, collecting problems.

A bad file never stops the run: each file's problems are collected and the
others are still read, so one `validate` shows everything at once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

from casplan.diagnostics import Diagnostic, Severity
from casplan.errors import UserError, os_reason
from casplan.model import Departments, Leaders, Notice, Part
from casplan.schema_errors import to_diagnostics
from casplan.yamlio import Document, YamlProblem, gc_paused, load

PLAN_FILE = "plan.yaml"
LEADERS_FILE = "leaders.yaml"
DEPARTMENTS_FILE = "departments.yaml"
SECTIONS_DIR = "sections"
ENV_VAR = "CASPLAN_PLAN"

M = TypeVar("M", bound=BaseModel)


def find_plan(option: Path | None, env: Mapping[str, str] | None = None) -> Path:
    """--plan DIR, else $CASPLAN_PLAN, else ./plan — or one error naming all three."""
    env = os.environ if env is None else env
    if option is not None:
        candidates = [(option, f"--plan 指定的“{option}”")]
    elif env.get(ENV_VAR):
        candidates = [(Path(env[ENV_VAR]), f"${ENV_VAR} 指定的“{env[ENV_VAR]}”")]
    else:
        candidates = [(Path("plan"), "当前目录下的“plan”")]
    path, origin = candidates[0]
    if path.is_dir():
        return path
    msg = (
        f"找不到计划目录：{origin}不是目录。"
        f"请用 --plan DIR 指定，或设置环境变量 ${ENV_VAR}，或在含 plan/ 的目录中运行"
    )
    raise UserError([Diagnostic.make(str(path), (0, 0), "plan-not-found", msg)])


@dataclass
class Loaded(Generic[M]):
    """One file: its parsed document (if it parsed) and its model (if it validated)."""

    file: str
    doc: Document | None = None
    model: M | None = None


@dataclass
class Section(Loaded[Part]):
    name: str = ""  # the file name as listed in plan.yaml


@dataclass
class LoadedPlan:
    root: Path
    notice: Loaded[Notice]
    leaders: Loaded[Leaders]
    departments: Loaded[Departments]
    sections: list[Section] = field(default_factory=list)  # listed, present, in plan order
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def parts(self) -> list[Part]:
        return [s.model for s in self.sections if s.model is not None]


def display(root: Path, *parts: str) -> str:
    """The name a diagnostic shows: the plan folder as the user gave it, then the file."""
    return root.joinpath(*parts).as_posix()


def load_file(path: Path, file: str, model: type[M], out: list[Diagnostic]) -> Loaded[M]:
    loaded: Loaded[M] = Loaded(file)
    if path.is_dir():
        out.append(Diagnostic.make(file, (0, 0), "unreadable-file", f"无法读取文件：{path.name} 是目录，应为 YAML 文件"))
        return loaded
    if not path.is_file():
        out.append(Diagnostic.make(file, (0, 0), "missing-file", f"缺少文件 {path.name}"))
        return loaded
    try:
        loaded.doc = load(path, file)
    except YamlProblem as problem:
        out.extend(problem.diagnostics)
        return loaded
    except OSError as exc:  # unreadable: no permission, a directory, an I/O error
        out.append(Diagnostic.make(file, (0, 0), "unreadable-file", f"无法读取文件：{os_reason(exc)}"))
        return loaded
    if not isinstance(loaded.doc.data, dict):
        kind = "空文件" if loaded.doc.data is None else "非映射内容"
        out.append(Diagnostic.make(file, (1, 1), "wrong-type", f"类型错误：文件顶层应为映射（键: 值），实为{kind}"))
        return loaded
    try:
        loaded.model = model.model_validate(loaded.doc.data)
    except ValidationError as exc:
        out.extend(to_diagnostics(exc, loaded.doc, model))
    return loaded


def load_plan(root: Path) -> LoadedPlan:
    """Load plan.yaml, the registries and every section file under `root`."""
    with gc_paused():
        return _load_plan(root)


def _load_plan(root: Path) -> LoadedPlan:
    diags: list[Diagnostic] = []
    plan = LoadedPlan(
        root,
        notice=load_file(root / PLAN_FILE, display(root, PLAN_FILE), Notice, diags),
        leaders=load_file(root / LEADERS_FILE, display(root, LEADERS_FILE), Leaders, diags),
        departments=load_file(root / DEPARTMENTS_FILE, display(root, DEPARTMENTS_FILE), Departments, diags),
    )
    listed = _listed_sections(plan.notice)
    present = _present_sections(root / SECTIONS_DIR)
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
        if name not in present:
            msg = f"plan.yaml 列出的部分文件“{name}”不存在（应在 {display(root, SECTIONS_DIR)}/ 下）"
            diags.append(Diagnostic.make(plan.notice.file, pos, "missing-section", msg))
            continue
        loaded = load_file(root / SECTIONS_DIR / name, file, Part, diags)
        plan.sections.append(Section(loaded.file, loaded.doc, loaded.model, name=name))
    if has_order:
        for name in sorted(present - seen):
            file = display(root, SECTIONS_DIR, name)
            diags.append(
                Diagnostic.make(file, (1, 1), "unlisted-section", f"部分文件“{name}”未列入 plan.yaml 的“附件: 部分”顺序")
            )
            load_file(root / SECTIONS_DIR / name, file, Part, diags)  # its own problems still count
    plan.diagnostics = diags
    return plan


def _listed_sections(notice: Loaded[Notice]) -> list[tuple[int | None, str]] | None:
    """(index, file name) in plan order, read from the raw data even if the model failed.

    None when plan.yaml gives no readable list at all.
    """
    data = notice.doc.data if notice.doc else None
    attachment = data.get("附件") if isinstance(data, dict) else None
    listed = attachment.get("部分") if isinstance(attachment, dict) else None
    if not isinstance(listed, list):
        return None
    return [(i, s) for i, s in enumerate(listed) if isinstance(s, str) and s.strip()]


def _present_sections(folder: Path) -> set[str]:
    if not folder.is_dir():
        return set()
    return {p.name for p in folder.iterdir() if p.is_file() and p.suffix in {".yaml", ".yml"}}


def _listing_pos(notice: Loaded[Notice], index: int | None) -> tuple[int, int]:
    if notice.doc is None or index is None:
        return (1, 1)
    return notice.doc.pos(("附件", "部分", index))
