"""casplan.report: text, JSON and GitHub Actions output, and the summary line."""

from __future__ import annotations

import json

import pytest

from casplan.diagnostics import Diagnostic
from casplan.report import Format, Summary, as_json, github_line, render, summarize, text_line

UNKNOWN = Diagnostic.make("plan/sections/09-人才.yaml", (41, 7), "unknown-department", "未知部门“人时局”（是否为“人事局”？）")
NO_DEADLINE = Diagnostic.make("plan/sections/07-经费.yaml", (23, 5), "missing-deadline", "任务 fin-measures 没有时间期限")
NO_FILE = Diagnostic.make("plan/leaders.yaml", (0, 0), "missing-file", "缺少文件 leaders.yaml")


def test_text_line():
    assert text_line(UNKNOWN) == "plan/sections/09-人才.yaml:41:7: error[unknown-department] 未知部门“人时局”（是否为“人事局”？）"
    assert text_line(NO_DEADLINE) == "plan/sections/07-经费.yaml:23:5: warning[missing-deadline] 任务 fin-measures 没有时间期限"


def test_text_line_for_a_whole_file_has_no_position():
    assert text_line(NO_FILE) == "plan/leaders.yaml: error[missing-file] 缺少文件 leaders.yaml"


def test_github_line():
    assert github_line(UNKNOWN) == (
        "::error file=plan/sections/09-人才.yaml,line=41,col=7,title=unknown-department"
        "::未知部门“人时局”（是否为“人事局”？）"
    )
    assert github_line(NO_DEADLINE) == (
        "::warning file=plan/sections/07-经费.yaml,line=23,col=5,title=missing-deadline::任务 fin-measures 没有时间期限"
    )
    assert github_line(NO_FILE) == "::error file=plan/leaders.yaml,title=missing-file::缺少文件 leaders.yaml"


def test_github_escapes_message_data():
    """In the message: %, CR and LF are escaped; colon and comma are not."""
    d = Diagnostic("f.yaml", 1, 2, "yaml-syntax", "100% 完成\r\n第二行: a, b")  # unescaped, as if made by hand
    assert github_line(d) == "::error file=f.yaml,line=1,col=2,title=yaml-syntax::100%25 完成%0D%0A第二行: a, b"


def test_github_escapes_properties():
    """In file=…: %, CR, LF, colon and comma are escaped too, or they would end the property."""
    d = Diagnostic("C:/计划,副本/100%\n.yaml", 3, 4, "bad-id", "x")
    assert github_line(d) == "::error file=C%3A/计划%2C副本/100%25%0A.yaml,line=3,col=4,title=bad-id::x"


def test_json_rows():
    rows = json.loads(as_json([UNKNOWN, NO_FILE]))
    assert rows == [
        {
            "file": "plan/sections/09-人才.yaml",
            "line": 41,
            "column": 7,
            "severity": "error",
            "code": "unknown-department",
            "message": "未知部门“人时局”（是否为“人事局”？）",
        },
        {"file": "plan/leaders.yaml", "line": 0, "column": 0, "severity": "error", "code": "missing-file",
         "message": "缺少文件 leaders.yaml"},
    ]


def test_json_keeps_chinese_readable():
    assert "人时局" in as_json([UNKNOWN])
    assert "\\u" not in as_json([UNKNOWN])


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        (Summary(15, 40, 7, 0, 2), "检查通过：15 个部分，40 项任务，7 个子项；0 个错误，2 个警告"),
        (Summary(1, 2, 0, 3, 0), "检查未通过：1 个部分，2 项任务，0 个子项；3 个错误，0 个警告"),
    ],
)
def test_summary_line(summary, line):
    assert summary.line() == line


def test_summarize_counts_by_severity():
    assert summarize([UNKNOWN, NO_DEADLINE, NO_FILE], 2, 3, 4) == Summary(2, 3, 4, 2, 1)


def test_render_text():
    summary = summarize([UNKNOWN, NO_DEADLINE], 1, 1, 0)
    assert render([UNKNOWN, NO_DEADLINE], summary, Format.TEXT) == (
        f"{text_line(UNKNOWN)}\n{text_line(NO_DEADLINE)}\n检查未通过：1 个部分，1 项任务，0 个子项；1 个错误，1 个警告\n"
    )


def test_render_github():
    summary = summarize([NO_DEADLINE], 1, 1, 0)
    assert render([NO_DEADLINE], summary, Format.GITHUB) == (
        f"{github_line(NO_DEADLINE)}\n检查通过：1 个部分，1 项任务，0 个子项；0 个错误，1 个警告\n"
    )


def test_render_github_groups_a_long_list():
    many = [Diagnostic.make("f.yaml", (n, 1), "missing-deadline", f"任务 t{n} 没有时间期限") for n in range(1, 12)]
    out = render(many, summarize(many, 1, 11, 0), Format.GITHUB).splitlines()
    assert out[0] == "::group::casplan validate：11 个问题"
    assert out[1:12] == [github_line(d) for d in many]
    assert out[12:] == ["::endgroup::", "检查通过：1 个部分，11 项任务，0 个子项；0 个错误，11 个警告"]
    ten = many[:10]
    assert not render(ten, summarize(ten, 1, 10, 0), Format.GITHUB).startswith("::group::")


def test_render_json_is_only_the_list():
    out = render([NO_FILE], summarize([NO_FILE], 0, 0, 0), Format.JSON)
    assert out.endswith("]\n")
    assert json.loads(out) == json.loads(as_json([NO_FILE]))


def test_render_clean():
    summary = summarize([], 2, 3, 2)
    assert render([], summary, Format.TEXT) == "检查通过：2 个部分，3 项任务，2 个子项；0 个错误，0 个警告\n"
    assert render([], summary, Format.JSON) == "[]\n"


def test_made_diagnostics_print_on_one_line_with_escapes():
    """Diagnostic.make escapes what it echoes: no ESC, no forged second line, in every format."""
    d = Diagnostic.make("x\n.yaml", (1, 1), "unknown-key", "未知键“\x1b[2J\x1b[H\n假的一行”")
    assert text_line(d) == "x\\n.yaml:1:1: error[unknown-key] 未知键“\\x1B[2J\\x1B[H\\n假的一行”"
    assert github_line(d) == "::error file=x\\n.yaml,line=1,col=1,title=unknown-key::未知键“\\x1B[2J\\x1B[H\\n假的一行”"


def test_summary_counts_accepted_warnings() -> None:
    from casplan.report import Summary

    assert Summary(2, 3, 2, 0, 1, accepted=2).line() == "检查通过：2 个部分，3 项任务，2 个子项；0 个错误，1 个警告（另有 2 个已接受的警告）"
    assert Summary(2, 3, 2, 1, 0).line() == "检查未通过：2 个部分，3 项任务，2 个子项；1 个错误，0 个警告"
