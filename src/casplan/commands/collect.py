"""`casplan collect`: filled department sheets back into the round's YAML file."""

from __future__ import annotations

import sys
from pathlib import Path

from casplan.diagnostics import Diagnostic, Severity
from casplan.errors import UsageError, UserError
from casplan.plan import Plan, open_plan
from casplan.progress.check import check_rounds, open_rounds
from casplan.progress.load import FOLDER, RoundFile, folder
from casplan.report import text_line
from casplan.yamlio import YamlProblem, atomic_write, parse


def run(plan_option: Path | None, files: list[Path], round_id: str) -> int:
    if not files:
        raise UsageError("请给出至少一个报送表（.xlsx）")
    plan = open_plan(plan_option)
    rounds = open_rounds(plan)

    from casplan.progress import collect  # openpyxl: only when collecting

    sheets = [collect.read_sheet(f, plan, round_id) for f in files]
    seen: dict[str, str] = {}
    for s in sheets:
        if s.dept and s.info is not None and not s.diagnostics:
            if s.dept in seen:
                s.diagnostics.append(collect.at(s.file, "进展报送", "A1", "wrong-department",
                                                f"{s.dept}的报送表已在 {seen[s.dept]} 中给出，同一部门只能交一张"))
            seen.setdefault(s.dept, s.file)
    problems = sorted((d for s in sheets for d in s.diagnostics), key=Diagnostic.sort_key)
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if errors:
        raise UserError(problems)
    for d in problems:
        print(text_line(d), file=sys.stderr)
    info = next(s.info for s in sheets if s.info is not None)
    target = folder(plan.root) / f"{round_id}.yaml"
    old = target.read_text(encoding="utf-8") if target.is_file() else None
    answers = [a for s in sheets for a in s.answers]
    text, added, updated = collect.merge(old, info, answers)
    _recheck(plan, rounds, target, text)
    target.parent.mkdir(exist_ok=True)
    atomic_write(target, text)
    name = f"{plan.root.as_posix()}/{FOLDER}/{target.name}"
    print(f"已汇总 {len(sheets)} 张报送表、{len(answers)} 条进展到 {name}（新增 {added} 条，更新 {updated} 条）")
    return 0


def _recheck(plan: Plan, rounds: list[RoundFile], target: Path, text: str) -> None:
    """The merged round must pass the same checks as a hand-written one before it is written.

    Why: a sheet's answers are checked cell by cell, but only the merged file
    shows, e.g., an entry the department sent that another entry contradicts.
    """
    from pydantic import ValidationError

    from casplan.progress.model import Round
    from casplan.schema_errors import to_diagnostics

    file = target.as_posix()
    try:
        doc = parse(text, file)
        model = Round.model_validate(doc.data)
    except YamlProblem as problem:  # pragma: no cover - our own dump always parses
        raise UserError(problem.diagnostics) from None
    except ValidationError as exc:
        raise UserError(to_diagnostics(exc, doc, Round)) from None
    merged = RoundFile(target.stem, target, file, doc, model)
    others = [r for r in rounds if r.id != target.stem]
    errors = [d for d in check_rounds(plan, [*others, merged]) if d.severity is Severity.ERROR and d.file == file]
    if errors:
        raise UserError(errors)
