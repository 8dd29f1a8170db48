"""Reporters: diagnostics as text lines, JSON, or GitHub Actions workflow commands."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from casplan.diagnostics import Diagnostic, Severity, count
from casplan.output import ReportFormat as Format  # noqa: F401 - re-exported (defined with the other formats, light for cli.py)

__all__ = ["Format", "GROUP_AFTER", "MAX_LINES", "Summary", "as_json", "github_line", "render", "summarize", "text_line"]


GROUP_AFTER = 10
"""More diagnostics than this are wrapped in ::group:: … ::endgroup:: in the github format."""


@dataclass(frozen=True)
class Summary:
    parts: int
    tasks: int
    subitems: int
    errors: int
    warnings: int
    accepted: int = 0  # warnings the plan marks as accepted (validate: 校验.忽略, or # casplan: 忽略 …)

    def line(self) -> str:
        verdict = "未通过" if self.errors else "通过"
        accepted = f"（另有 {self.accepted} 个已接受的警告）" if self.accepted else ""
        return (
            f"检查{verdict}：{self.parts} 个部分，{self.tasks} 项任务，{self.subitems} 个子项；"
            f"{self.errors} 个错误，{self.warnings} 个警告{accepted}"
        )


def text_line(d: Diagnostic) -> str:
    """`path:line:col: severity[code] message` — the form editors make clickable."""
    where = f"{d.file}:{d.line}:{d.column}" if d.line else d.file
    return f"{where}: {d.severity.value}[{d.code}] {d.message}"


def github_line(d: Diagnostic) -> str:
    """A GitHub Actions workflow command (::error file=…,line=…,col=…::message)."""
    props = [f"file={_escape_property(d.file)}"]
    if d.line:
        props += [f"line={d.line}", f"col={d.column}"]
    props.append(f"title={_escape_property(d.code)}")
    return f"::{d.severity.value} {','.join(props)}::{_escape_data(d.message)}"


def as_json(diagnostics: Iterable[Diagnostic]) -> str:
    rows = [
        {
            "file": d.file,
            "line": d.line,
            "column": d.column,
            "severity": d.severity.value,
            "code": d.code,
            "message": d.message,
        }
        for d in diagnostics
    ]
    import json  # only for --format json

    return json.dumps(rows, ensure_ascii=False, indent=2)


MAX_LINES = 1_000
"""How many diagnostics a text or github report prints; the rest are counted (json has them all)."""


def render(diagnostics: list[Diagnostic], summary: Summary, fmt: Format) -> str:
    """The whole report for one run, ending in a newline."""
    if fmt is Format.JSON:
        return as_json(diagnostics) + "\n"
    if fmt is Format.GITHUB:
        lines = [github_line(d) for d in diagnostics[:MAX_LINES]]
        if len(diagnostics) > MAX_LINES:
            lines.append(f"……另有 {len(diagnostics) - MAX_LINES} 个问题未列出（--format json 列出全部）")
        if len(lines) > GROUP_AFTER:
            # A long list folds in the log; the annotations still show, and the summary stays in view.
            lines = [f"::group::casplan validate：{len(diagnostics)} 个问题", *lines, "::endgroup::"]
        return "".join(line + "\n" for line in lines) + summary.line() + "\n"
    shown = "".join(text_line(d) + "\n" for d in diagnostics[:MAX_LINES])
    if len(diagnostics) > MAX_LINES:
        shown += f"……另有 {len(diagnostics) - MAX_LINES} 个问题未列出（--format json 列出全部）\n"
    return shown + summary.line() + "\n"


def summarize(diagnostics: list[Diagnostic], parts: int, tasks: int, subitems: int, accepted: int = 0) -> Summary:
    return Summary(parts, tasks, subitems, count(diagnostics, Severity.ERROR), count(diagnostics, Severity.WARNING),
                   accepted)


# https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")
