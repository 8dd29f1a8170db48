"""Reading 进展/*.yaml, one reporting round per file, with positions for every diagnostic."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from datetime import date
from pathlib import Path

from casplan.diagnostics import Diagnostic
from casplan.load import display, load_file
from casplan.progress import FOLDER as FOLDER  # re-exported
from casplan.progress.model import Round
from casplan.yamlio import Document


@dataclass(frozen=True)
class RoundFile:
    """One round: its id (the file's stem, 2021-12), where it is, what it says."""

    id: str
    path: Path
    file: str  # as diagnostics show it
    doc: Document | None
    model: Round | None

    @cached_property
    def date(self) -> date:  # read for every point and round a status is worked out for: parsed once
        assert self.model is not None
        return date.fromisoformat(self.model.date)

    @property
    def name(self) -> str:
        assert self.model is not None
        return self.model.name


def folder(plan_root: Path) -> Path:
    return plan_root / FOLDER


def round_files(plan_root: Path) -> list[Path]:
    here = folder(plan_root)
    if not here.is_dir():
        return []
    return sorted(p for p in here.iterdir() if p.is_file() and p.suffix in {".yaml", ".yml"})


def load_rounds(plan_root: Path) -> tuple[list[RoundFile], list[Diagnostic]]:
    """Every round file (those that failed validation with model None), and their problems."""
    diags: list[Diagnostic] = []
    out = []
    for path in round_files(plan_root):
        loaded = load_file(path, display(plan_root, FOLDER, path.name), Round, diags, plan_root)
        out.append(RoundFile(path.stem, path, loaded.file, loaded.doc, loaded.model))
    return out, diags


def ordered(rounds: list[RoundFile]) -> list[RoundFile]:
    """The valid rounds, oldest first (by 报送截止, then id)."""
    return sorted((r for r in rounds if r.model is not None), key=lambda r: (r.date, r.id))
