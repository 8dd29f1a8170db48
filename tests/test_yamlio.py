"""casplan.yamlio: positions, duplicate keys, scalar policy, text checks, round trip, atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casplan.report import text_line
from casplan.yamlio import (
    YamlProblem,
    atomic_write,
    load,
    parse,
    read_text,
    roundtrip_dump,
    roundtrip_load,
)

PLAN = Path(__file__).resolve().parents[1] / "plan"
PLAN_FILES = sorted(PLAN.rglob("*.yaml"))


def problems(text: str) -> list[str]:
    """The diagnostics parse() raises for `text`, as report lines."""
    with pytest.raises(YamlProblem) as info:
        parse(text, "f.yaml")
    return [text_line(d) for d in info.value.diagnostics]


def read_problems(tmp_path: Path, raw: bytes) -> list[str]:
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    with pytest.raises(YamlProblem) as info:
        read_text(path, "f.yaml")
    return [text_line(d) for d in info.value.diagnostics]


# ------------------------------------------------------------------ positions

TASK = """\
标题: 组织学习
任务:
  - 编号: learn-notice
    牵头部门: [办公厅, 人事局]
    具体举措:
      - 第一条。
      - 第二条。
"""


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        (("标题",), (1, 1), (1, 5)),
        (("任务",), (2, 1), (3, 3)),
        (("任务", 0, "编号"), (3, 5), (3, 9)),
        (("任务", 0, "牵头部门"), (4, 5), (4, 11)),
        (("任务", 0, "具体举措"), (5, 5), (6, 7)),
    ],
)
def test_key_and_value_positions_are_one_based(path, key, value):
    doc = parse(TASK, "f.yaml")
    assert (doc.keys[path], doc.values[path]) == (key, value)


def test_sequence_item_positions():
    doc = parse(TASK, "f.yaml")
    assert doc.values[()] == (1, 1)
    assert doc.values[("任务", 0)] == (3, 5)  # a block item's mapping starts at its first key
    assert doc.values[("任务", 0, "牵头部门", 0)] == (4, 12)  # flow items count characters, not bytes
    assert doc.values[("任务", 0, "牵头部门", 1)] == (4, 17)
    assert doc.values[("任务", 0, "具体举措", 1)] == (7, 9)


@pytest.mark.parametrize(
    ("path", "at_key", "expected"),
    [
        (("任务", 0, "牵头部门", 1), False, (4, 17)),
        (("任务", 0, "牵头部门"), True, (4, 5)),
        (("任务", 0, "具体举措", "items", 1), False, (7, 9)),  # a union tag names nothing: skipped
        (("任务", 0, "牵头院领导"), False, (3, 5)),  # a missing key: its mapping
        (("任务", 0, "牵头院领导"), True, (3, 5)),  # no such key to point at: still its mapping
        (("任务", 5), False, (3, 3)),  # no such item: the list
        ((), False, (1, 1)),
    ],
)
def test_pos_finds_the_deepest_existing_node(path, at_key, expected):
    assert parse(TASK, "f.yaml").pos(path, at_key=at_key) == expected


def test_pos_of_an_empty_document():
    doc = parse("", "f.yaml")
    assert (doc.data, doc.pos(("标题",))) == (None, (1, 1))


# ------------------------------------------------------------------ duplicate keys


def test_every_duplicate_key_is_reported():
    text = "标题: 一\n任务:\n  - 编号: a\n    编号: b\n    编号: c\n标题: 二\n"
    assert problems(text) == [
        "f.yaml:4:5: error[duplicate-key] 重复的键“编号”（首次出现在第 3 行第 5 列）",
        "f.yaml:5:5: error[duplicate-key] 重复的键“编号”（首次出现在第 3 行第 5 列）",
        "f.yaml:6:1: error[duplicate-key] 重复的键“标题”（首次出现在第 1 行第 1 列）",
    ]


def test_duplicate_keys_in_flow_mappings():
    assert problems("a: {b: 1, b: 2}\n") == ["f.yaml:1:11: error[duplicate-key] 重复的键“b”（首次出现在第 1 行第 5 列）"]


def test_same_key_in_different_mappings_is_fine():
    assert parse("a: {b: 1}\nc: {b: 2}\n", "f.yaml").data == {"a": {"b": 1}, "c": {"b": 2}}


# ------------------------------------------------------------------ scalars


def test_dates_stay_strings():
    data = parse("成文日期: 2021-09-28\n印发日期: 2025-15-12\n时刻: 2021-09-28 10:00:00\n", "f.yaml").data
    assert data == {"成文日期": "2021-09-28", "印发日期": "2025-15-12", "时刻": "2021-09-28 10:00:00"}
    assert all(type(v) is str for v in data.values())


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("42", 42),
        ("0x1F", 31),
        ("-7", -7),
        ("1.5", 1.5),
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ('"42"', "42"),
        ("'true'", "true"),
        ("人事局", "人事局"),
        ("2021年9月底前完成。", "2021年9月底前完成。"),
        # Tags or patterns the constructors choke on keep their text: the model rejects it.
        ("!!int abc", "abc"),
        ("!!bool 也许", "也许"),
        ("0x_", "0x_"),
    ],
)
def test_scalar_values(text, value):
    result = parse(f"v: {text}\n", "f.yaml").data["v"]
    assert (type(result), result) == (type(value), value)


# ------------------------------------------------------------------ syntax errors


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: [x, y\nb: 1\n", "f.yaml:1:4: error[yaml-syntax] YAML 语法错误：从此处开始的“[”未闭合（在第 2 行第 2 列发现：找不到应有的“,”或“]”）"),
        ("a: {x: 1\nb: 2\n", "f.yaml:1:4: error[yaml-syntax] YAML 语法错误：从此处开始的“{”未闭合（在第 2 行第 2 列发现：找不到应有的“,”或“}”）"),
        ('a: "abc\nb: 1\n', "f.yaml:1:4: error[yaml-syntax] YAML 语法错误：从此处开始的引号未闭合（在第 2 行第 5 列发现：文件意外结束）"),
        ("a: [x: y: z]\n", "f.yaml:1:9: error[yaml-syntax] YAML 语法错误：找不到应有的“,”或“]”"),
        ("内容: 说明: 细节\n", "f.yaml:1:7: error[yaml-syntax] YAML 语法错误：此处不允许出现映射值（文字中的“: ”须加引号，或缺少换行、缩进不对？）"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: error[yaml-syntax] YAML 语法错误：出现了不能作为开头的字符（例如制表符、“@”或“`”）"),
        ("a:\n  - x\n - y\n", "f.yaml:3:2: error[yaml-syntax] YAML 语法错误：找不到应有的键（缩进不对？）"),
        ("- a\nb: 1\n", "f.yaml:2:1: error[yaml-syntax] YAML 语法错误：找不到应有的“-”（列表缩进不对？）"),
        ("a: *nope\n", "f.yaml:1:4: error[yaml-syntax] YAML 语法错误：引用了未定义的锚点"),
        ("a: &x 1\nb: &x 2\n", "f.yaml:2:4: error[yaml-syntax] YAML 语法错误：锚点重复定义"),
        ('a: "C:\\文件"\n', "f.yaml:1:7: error[yaml-syntax] YAML 语法错误：双引号内出现了未知的转义字符（“\\”须写成“\\\\”，或改用单引号）"),
        ("发文机关: [\n", "f.yaml:1:8: error[yaml-syntax] YAML 语法错误：找不到应有的内容"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error[yaml-syntax] YAML 语法错误：一个文件只能有一个 YAML 文档"),
        ("a: &x [1, *x]\n", "f.yaml:1:4: error[yaml-syntax] YAML 语法错误：锚点引用了包含它自身的节点（循环引用）"),
        ("a:\n  - &y\n    b: [c, *y]\n", "f.yaml:3:8: error[yaml-syntax] YAML 语法错误：锚点引用了包含它自身的节点（循环引用）"),
        ("标题: 张\x0b涛\n", "f.yaml:1:6: error[yaml-syntax] YAML 语法错误：出现了不允许的控制字符 U+000B，请删除"),
        ("a: 1\n标题: 中文\x07\n", "f.yaml:2:7: error[yaml-syntax] YAML 语法错误：出现了不允许的控制字符 U+0007，请删除"),
    ],
    ids=[
        "unclosed-flow-list", "unclosed-flow-map", "unclosed-quote", "flow-list-same-line", "colon-in-text",
        "tab", "indent", "dash", "undefined-alias", "duplicate-anchor", "backslash", "open-flow-at-end",
        "two-documents", "recursive-alias", "recursive-alias-in-mapping", "vertical-tab", "bell",
    ],
)
def test_syntax_errors_are_one_chinese_line(text, line):
    assert problems(text) == [line]


def test_aliases_to_siblings_are_fine():
    assert parse("a: &x [1, 2]\nb: *x\n", "f.yaml").data == {"a": [1, 2], "b": [1, 2]}


# ------------------------------------------------------------------ read_text


def test_read_text_rejects_gbk_at_the_first_bad_byte(tmp_path):
    raw = "标题: 中文\n".encode() + "内容: 测试\n".encode("gbk")
    assert read_problems(tmp_path, raw) == [
        "f.yaml:2:1: error[not-utf8] 文件不是 UTF-8 编码（第 16 字节 0xC4 无法解码），请以 UTF-8 保存"
    ]


def test_read_text_column_counts_characters_not_bytes(tmp_path):
    raw = "a:\n标题: 中文".encode() + b"\xff\n"
    assert read_problems(tmp_path, raw) == [
        "f.yaml:2:7: error[not-utf8] 文件不是 UTF-8 编码（第 18 字节 0xFF 无法解码），请以 UTF-8 保存"
    ]


def test_read_text_column_after_a_bom(tmp_path):
    raw = b"\xef\xbb\xbfa: \xff\n"
    assert read_problems(tmp_path, raw) == [
        "f.yaml:1:4: error[not-utf8] 文件不是 UTF-8 编码（第 7 字节 0xFF 无法解码），请以 UTF-8 保存"
    ]


def test_read_text_reports_every_merge_marker(tmp_path):
    raw = "a: 1\n<<<<<<< HEAD\nb: 2\n||||||| base\nb: 0\n=======\nb: 3\n>>>>>>> feature\n".encode()
    assert read_problems(tmp_path, raw) == [
        "f.yaml:2:1: error[merge-conflict] 残留的合并冲突标记“<<<<<<<”，请先解决冲突",
        "f.yaml:4:1: error[merge-conflict] 残留的合并冲突标记“|||||||”，请先解决冲突",
        "f.yaml:6:1: error[merge-conflict] 残留的合并冲突标记“=======”，请先解决冲突",
        "f.yaml:8:1: error[merge-conflict] 残留的合并冲突标记“>>>>>>>”，请先解决冲突",
    ]


def test_merge_markers_in_a_crlf_file(tmp_path):
    raw = b"a: 1\r\n<<<<<<< HEAD\r\nb: 2\r\n=======\r\nb: 3\r\n>>>>>>> x\r\n"
    assert [line.split(": ", 1)[0] for line in read_problems(tmp_path, raw)] == ["f.yaml:2:1", "f.yaml:4:1", "f.yaml:6:1"]


@pytest.mark.parametrize("line", ["========", "a: =======", " =======", "<<<<<<<x", "标题: >>>>>>> 不是标记"])
def test_lookalikes_are_not_merge_markers(tmp_path, line):
    path = tmp_path / "f.yaml"
    path.write_text(f"a: 1\n{line}\n", encoding="utf-8")
    assert read_text(path, "f.yaml") == f"a: 1\n{line}\n"


def test_bom_is_accepted_and_dropped(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes("\ufeff标题: 中文\n".encode())
    assert read_text(path, "f.yaml") == "标题: 中文\n"
    doc = load(path, "f.yaml")
    assert (doc.data, doc.keys[("标题",)]) == ({"标题": "中文"}, (1, 1))


def test_load_names_diagnostics_with_the_given_file(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(YamlProblem) as info:
        load(path, "plan/x.yaml")
    assert [d.file for d in info.value.diagnostics] == ["plan/x.yaml"]


# ------------------------------------------------------------------ round trip and writes


@pytest.mark.parametrize("path", PLAN_FILES, ids=[p.name for p in PLAN_FILES])
def test_roundtrip_is_byte_identical(path):
    text = path.read_text(encoding="utf-8")
    assert roundtrip_dump(roundtrip_load(text)) == text


def test_roundtrip_keeps_an_edit_local():
    text = (PLAN / "sections" / "01-学习部署.yaml").read_text(encoding="utf-8")
    data = roundtrip_load(text)
    data["任务"][0]["时间期限"] = "2021年10月底前完成。"
    assert roundtrip_dump(data) == text.replace("时间期限: 2021年9月底前完成。", "时间期限: 2021年10月底前完成。", 1)


@pytest.mark.parametrize("data", ["新内容\n", "新内容\n".encode()], ids=["str", "bytes"])
def test_atomic_write_replaces_content_and_leaves_no_temp_file(tmp_path, data):
    path = tmp_path / "plan.yaml"
    path.write_text("旧内容\n", encoding="utf-8")
    atomic_write(path, data)
    assert path.read_bytes() == "新内容\n".encode()
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]


def test_atomic_write_creates_a_new_file(tmp_path):
    atomic_write(tmp_path / "new.yaml", "a: 1\n")
    assert sorted(os.listdir(tmp_path)) == ["new.yaml"]
    assert (tmp_path / "new.yaml").read_text(encoding="utf-8") == "a: 1\n"


def test_atomic_write_failure_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "plan.yaml"
    path.write_text("旧内容\n", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(path, "新内容\n")
    assert path.read_text(encoding="utf-8") == "旧内容\n"
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]


def test_alias_bomb_is_refused_quickly():
    """Nested aliases ("billion laughs") are measured before they are expanded."""
    lines = ['a: &a ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(YamlProblem) as info:
        parse("\n".join(lines) + "\n", "f.yaml")
    assert [text_line(d) for d in info.value.diagnostics] == [
        "f.yaml:5:4: error[yaml-syntax] YAML 语法错误：别名（*）展开后超过 10000 个节点或 1000000 个字符，拒绝读取"
    ]


def test_modest_aliases_are_fine():
    doc = parse("a: &x [侯建国]\nb: *x\n", "f.yaml")
    assert doc.data == {"a": ["侯建国"], "b": ["侯建国"]}


def test_atomic_write_gives_a_new_file_the_usual_mode_and_keeps_an_old_files(tmp_path):
    old_mask = os.umask(0o022)
    try:
        fresh = tmp_path / "new.txt"
        atomic_write(fresh, "新")
        assert fresh.stat().st_mode & 0o777 == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("旧", encoding="utf-8")
        kept.chmod(0o640)
        atomic_write(kept, "新")
        assert (kept.stat().st_mode & 0o777, kept.read_text(encoding="utf-8")) == (0o640, "新")
    finally:
        os.umask(old_mask)


# ------------------------------------------------------- hostile input (issue 7)


def test_a_bomb_padded_with_a_large_comment_is_still_refused():
    """The bound is absolute: a 2 MB comment does not buy a bigger expansion (it used to: 34 M nodes)."""
    lines = ["# " + "填充" * 1_000_000, 'a: &a ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for prev, name in zip("abcdef", "bcdefg"):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    assert problems("\n".join(lines) + "\n") == [
        "f.yaml:6:4: error[yaml-syntax] YAML 语法错误：别名（*）展开后超过 10000 个节点或 1000000 个字符，拒绝读取"
    ]


def test_a_long_text_repeated_by_aliases_is_refused():
    text = f"a: &a {'长' * 200_000}\nb: [*a, *a, *a, *a, *a, *a]\n"
    assert problems(text) == [
        "f.yaml:2:4: error[yaml-syntax] YAML 语法错误：别名（*）展开后超过 10000 个节点或 1000000 个字符，拒绝读取"
    ]


@pytest.mark.parametrize("depth", [65, 500, 999])
def test_deep_nesting_is_one_diagnostic_not_a_recursion_error(depth):
    message = problems(f"a: {'[' * depth}x{']' * depth}\n")
    assert message == ["f.yaml:1:68: error[yaml-syntax] YAML 语法错误：嵌套超过 64 层，不是方案文件应有的结构"]


def test_nesting_reached_through_an_alias_is_counted():
    """400 levels written as 40 levels aliased ten times over (it used to end in RecursionError)."""
    lines = [f"l0: &l0 {'[' * 40}x{']' * 40}"] + [f"l{i}: &l{i} {'[' * 40}*l{i - 1}{']' * 40}" for i in range(1, 10)]
    (line,) = problems("\n".join(lines) + "\n")
    assert line.endswith("error[yaml-syntax] YAML 语法错误：嵌套超过 64 层，不是方案文件应有的结构")


@pytest.mark.parametrize("text", ['x: !!int ""\n', "x: !!float\n", 'x: !!int "-"\n', "x: !!bool maybe\n", "x: !!int 0x_\n"])
def test_scalar_tags_that_cannot_be_built_stay_text(text):
    """The model then rejects the text as the wrong type; the reader never raises (IndexError before)."""
    value = parse(text, "f.yaml").data["x"]
    assert isinstance(value, str)


@pytest.mark.parametrize(
    ("escape", "code"), [("\\e[2J", "001B"), ("\\x01", "0001"), ("\\x7F", "007F"), ("\\x85", "0085"), ("\\uFFFF", "FFFF")]
)
def test_escaped_control_characters_are_refused(escape, code):
    """Only a double-quoted escape can write them; render could not (lxml refuses them)."""
    assert problems(f'a: 1\nb: "文字{escape}文字"\n') == [
        f"f.yaml:2:4: error[control-char] 文字中含有无法写入文档的控制字符 U+{code}（由双引号内的转义写出），请删除"
    ]


def test_escaped_tab_and_newline_are_text():
    assert parse('a: "第一行\\n第二行\\t完"\n', "f.yaml").data == {"a": "第一行\n第二行\t完"}


@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028", "\u2029"])
def test_lines_are_counted_as_an_editor_counts_them(brk):
    """Only LF ends a line: a lone CR, NEL, LS or PS inside a line does not move the line number."""
    text = f'a: 1\nb: "文字{brk}还是这一行"\nc: [x, y\n'
    assert problems(text)[0].startswith("f.yaml:3:9: error[yaml-syntax]")
    doc = parse(f'a: 1\nb: "文字{brk}续"\nc: 2\n', "f.yaml")
    assert doc.pos(("c",)) == (3, 4)


@pytest.mark.parametrize("final_newline", ["", "\n"])
def test_the_end_of_a_file_is_on_its_last_line(final_newline):
    assert problems('a: 1\nb: "x' + final_newline) == [
        "f.yaml:2:6: error[yaml-syntax] YAML 语法错误：文件意外结束（引号或括号未闭合？）"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("%FOO bar\n---\na: 1\n", "f.yaml:1:5: error[yaml-syntax] YAML 语法错误：出现了未知的指令（以“%”开头的行须加引号？）"),
        ("a:\n\t- b\n", "f.yaml:2:1: error[yaml-syntax] YAML 语法错误：出现了不能作为开头的字符（例如制表符、“@”或“`”）"),
        ("a: |0\n  x\n", "f.yaml:1:5: error[yaml-syntax] YAML 语法错误：块文字的缩进指示符不能为 0"),
        ("a: !<x\n", "f.yaml:1:7: error[yaml-syntax] YAML 语法错误：标签中找不到应有的“>”"),
        ("a: &\n", "f.yaml:1:5: error[yaml-syntax] YAML 语法错误：锚点或别名的名称应由字母、数字组成"),
    ],
)
def test_libyaml_messages_are_chinese(text, message):
    assert problems(text) == [message]


def test_every_known_libyaml_message_is_translated_and_none_reaches_users_in_english():
    from casplan.yamlio import _GENERIC_PROBLEM, _translate_yaml_problem

    assert _translate_yaml_problem("some message libyaml may add one day") == _GENERIC_PROBLEM
    assert _translate_yaml_problem("found duplicate anchor 'a'; first occurrence") == "锚点重复定义"


def test_a_temporary_file_left_by_a_killed_write_is_removed_by_the_next(tmp_path):
    out = tmp_path / "notice.txt"
    stale = tmp_path / ".notice.txt.casplan-999999999-abc.tmp"  # no such process
    live = tmp_path / f".notice.txt.casplan-{os.getpid()}-abc.tmp"  # a write under way in this process
    stale.write_text("半截", encoding="utf-8")
    live.write_text("写入中", encoding="utf-8")
    atomic_write(out, "新内容\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "notice.txt"]


def test_a_read_only_file_is_not_replaced(tmp_path):
    from casplan.yamlio import ReadOnlyTarget

    out = tmp_path / "notice.txt"
    out.write_text("旧\n", encoding="utf-8")
    out.chmod(0o444)
    with pytest.raises(ReadOnlyTarget):
        atomic_write(out, "新\n")
    assert out.read_text(encoding="utf-8") == "旧\n"


def test_the_fast_loader_resolves_every_tag_as_the_safe_loader_does():
    """yamlio._Loader's cheaper resolution gives the tags PyYAML's own safe loader gives."""
    import yaml

    from casplan import yamlio

    text = "\n".join([
        "a: 1", "b: -2", "c: 0x1F", "d: 1_000", "e: 0o17", "f: 1.5", "g: .inf", "h: -.Inf", "i: .nan", "j: 1e3",
        "k: true", "l: False", "m: yes", "n: off", "o: ~", "p: null", "q:", "r: ''", "s: '1'", 't: "true"',
        "u: 2021-12-31", "v: 2021-12-31T10:00:00Z", "w: 文字", "x: 2021年底前", "y: =", "z: <<",
        "aa: [1, '2', 三, ~]", "bb: {c: 1.0, d: 否}", "cc: !!str 1", "dd: |\n  1\n", "ee: +1", "ff: 0",
        "gg: '-'", "hh: .5", "ii: 1:20", "jj: Null", "kk: NULL", "ll: On", "mm: .", "nn: 0b101",
    ])

    def tags(node):
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value)
        if isinstance(node, yaml.SequenceNode):
            return (node.tag, [tags(n) for n in node.value])
        return (node.tag, [(tags(k), tags(v)) for k, v in node.value])

    ours = tags(yaml.compose(text, Loader=yamlio._Loader))
    theirs = tags(yaml.compose(text, Loader=yaml.CSafeLoader))
    assert ours == theirs
    assert len({tag for _, (tag, _) in ours[1]}) >= 6  # the sample reaches int, float, bool, null, timestamp, str


def test_lists_built_item_by_item_give_the_same_document() -> None:
    """Without aliases each list's nodes are freed as its items are built; the Document is the same either way."""
    text = PLAN_FILES[-1].read_text(encoding="utf-8") + "条目:\n" + "".join(
        f"  - 编号: x-{i}\n    列: [{i}, 二, {{k: v}}]\n    内:\n      - [a, [b]]\n" for i in range(50))
    assert "*" not in text
    consumed = parse(text, "f.yaml")
    kept = parse(text + "# 一个星号 * 让读取器保留整棵节点树（可能有别名）\n", "f.yaml")
    assert (consumed.data, consumed.values, consumed.keys) == (kept.data, kept.values, kept.keys)
    assert consumed.data["条目"][49] == {"编号": "x-49", "列": [49, "二", {"k": "v"}], "内": [["a", ["b"]]]}
    assert consumed.pos(("条目", 49, "内", 0, 1, 0)) == kept.pos(("条目", 49, "内", 0, 1, 0)) != (1, 1)


def test_parsing_leaves_nothing_for_the_collector() -> None:
    """A dropped Document is freed at once: commands that pause the collector must not keep every file read."""
    import gc

    text = "条目:\n" + "".join(f"  - 编号: x-{i}\n    列: [{i}, 二]\n" for i in range(200))
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        parse(text, "f.yaml")
        parse(text + "别名: &a [1]\n又: *a\n", "f.yaml")
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()
