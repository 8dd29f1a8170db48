"""casplan.diagnostics: codes and severities, the Diagnostic record, suggestions."""

from __future__ import annotations

import re

import pytest

from casplan.diagnostics import CODES, Diagnostic, Severity, count, did_you_mean, strict, suggest

DEPARTMENTS = ["办公厅", "发展规划局", "人事局", "学部工作局", "院国家重点实验室体系重组专项工作组办公室"]


def test_warning_codes():
    warnings = {code for code, severity in CODES.items() if severity is Severity.WARNING}
    assert warnings == {"missing-deadline", "missing-doc-number", "unreadable-deadline", "relative-deadline",
                        "alias-in-text", "missing-done-date", "not-responsible", "missing-delay-reason"}


def test_codes_are_kebab_case():
    assert [c for c in CODES if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", c)] == []


def test_make_takes_the_severity_of_the_code():
    error = Diagnostic.make("plan/plan.yaml", (3, 7), "bad-date", "日期无效")
    warning = Diagnostic.make("plan/plan.yaml", (1, 1), "missing-doc-number", "没有发文字号")
    assert error == Diagnostic("plan/plan.yaml", 3, 7, "bad-date", "日期无效", Severity.ERROR)
    assert warning.severity is Severity.WARNING


def test_make_refuses_an_unknown_code():
    with pytest.raises(KeyError, match="no-such-code"):
        Diagnostic.make("f.yaml", (1, 1), "no-such-code", "x")


def test_sort_key_orders_by_file_line_column_code():
    diags = [
        Diagnostic.make("b.yaml", (1, 1), "bad-id", "x"),
        Diagnostic.make("a.yaml", (10, 1), "bad-id", "x"),
        Diagnostic.make("a.yaml", (2, 9), "wrong-type", "x"),
        Diagnostic.make("a.yaml", (2, 9), "bad-date", "x"),
        Diagnostic.make("a.yaml", (0, 0), "missing-file", "x"),
    ]
    ordered = sorted(diags, key=Diagnostic.sort_key)
    assert [(d.file, d.line, d.column, d.code) for d in ordered] == [
        ("a.yaml", 0, 0, "missing-file"),
        ("a.yaml", 2, 9, "bad-date"),
        ("a.yaml", 2, 9, "wrong-type"),
        ("a.yaml", 10, 1, "bad-id"),
        ("b.yaml", 1, 1, "bad-id"),
    ]


def test_strict_makes_every_warning_an_error_and_keeps_the_rest():
    warning = Diagnostic.make("f.yaml", (4, 5), "missing-deadline", "任务 a 没有时间期限")
    error = Diagnostic.make("f.yaml", (1, 1), "bad-id", "编号无效")
    assert strict([warning, error]) == [
        Diagnostic("f.yaml", 4, 5, "missing-deadline", "任务 a 没有时间期限", Severity.ERROR),
        error,
    ]
    assert warning.severity is Severity.WARNING  # frozen: the original is untouched


def test_count_by_severity():
    diags = [
        Diagnostic.make("f.yaml", (1, 1), "bad-id", "x"),
        Diagnostic.make("f.yaml", (2, 1), "missing-deadline", "x"),
        Diagnostic.make("f.yaml", (3, 1), "missing-doc-number", "x"),
    ]
    assert (count(diags, Severity.ERROR), count(diags, Severity.WARNING), count([], Severity.ERROR)) == (1, 2, 0)


@pytest.mark.parametrize(
    ("name", "known", "expected"),
    [
        ("人时局", DEPARTMENTS, ["人事局"]),
        ("发展规划", DEPARTMENTS, ["发展规划局"]),
        ("候建国", ["侯建国", "汪克强", "周琪"], ["侯建国"]),
        ("周棋", ["侯建国", "汪克强", "周琪"], ["周琪"]),
        ("牵头部", ["标题", "牵头院领导", "配合院领导", "牵头部门", "协助部门"], ["牵头部门", "牵头院领导"]),
        # Too far for the ratio, but contained in a long registered name.
        ("重点实验室体系重组", DEPARTMENTS, ["院国家重点实验室体系重组专项工作组办公室"]),
        ("张三", ["侯建国", "汪克强", "周琪"], []),
        ("", DEPARTMENTS, []),
        ("人事局", ["人事局", "人事局"], ["人事局"]),  # spellings listed twice are offered once
    ],
)
def test_suggest(name, known, expected):
    assert suggest(name, known) == expected


def test_suggest_limit():
    known = ["人事处长", "人事", "办公厅", "人事局"]
    assert suggest("人事局", known) == ["人事局", "人事", "人事处长"]  # best first
    assert suggest("人事局", known, limit=2) == ["人事局", "人事"]


@pytest.mark.parametrize(
    ("candidates", "hint"),
    [
        ([], ""),
        (["人事局"], "（是否为“人事局”？）"),
        (["牵头部门", "牵头院领导"], "（是否为“牵头部门”或“牵头院领导”？）"),
    ],
)
def test_did_you_mean(candidates, hint):
    assert did_you_mean(candidates) == hint
