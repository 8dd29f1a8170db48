"""The one module that owns YAML: how plan files are read, and how they are rewritten.

Reading goes through PyYAML's libyaml-backed composer (CSafeLoader), the fastest
reader measured for this job (about 11 ms for the embedded plan against about
140 ms per 50-task file for ruamel.yaml's round-trip mode). We build plain
Python values from the node tree ourselves, which lets us:

* keep the 1-based line and column of every key and value, keyed by its path
  (("任务", 3, "牵头部门", 0)), so any problem is reported at file:line:col;
* report *every* duplicate key instead of keeping the last one silently;
* keep dates as the strings the author wrote (2021-09-28 stays "2021-09-28",
  2025-15-12 stays a string for the model to reject, never a ValueError).

Rewriting (commands that change files) uses ruamel.yaml's round-trip mode,
which preserves comments, key order, quoting and flow style; it is imported
only by those commands. Writes are atomic: a temporary file, then a rename.
"""

from __future__ import annotations

import gc
import operator
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casplan import patterns
from casplan.diagnostics import Diagnostic

Pos = tuple[int, int]
YamlPath = tuple[str | int, ...]

try:  # Wheels of PyYAML ship libyaml; a source build without it still works, slower.
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

_IMPLICIT = {first: tuple(found) for first, found in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}
_ANY_FIRST = _IMPLICIT.pop(None, ())


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, with the tag resolution libyaml calls for every node made cheaper.

    Why: the composer runs in C but calls back into Python three times a node (a
    10,000-task plan has 270,000); the same tags come out (a test compares them):
    implicit resolvers looked up by first character, and no path resolvers — the safe
    loader has none, so descending and ascending do nothing (C callables, not Python ones).
    """

    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(gc.isenabled)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()) + _ANY_FIRST:
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_SCALARS = yaml.constructor.SafeConstructor()
# What the YAML reader refuses (PyYAML's Reader.NON_PRINTABLE), e.g. a vertical tab pasted from Word.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_MERGE_MARKER = patterns.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)")
_TAG = "tag:yaml.org,2002:"


@dataclass
class Document:
    """A parsed YAML file: its data as plain Python values, and where each node sits."""

    file: str
    data: Any
    values: dict[YamlPath, Pos] = field(default_factory=dict)
    keys: dict[YamlPath, Pos] = field(default_factory=dict)

    def pos(self, path: YamlPath, *, at_key: bool = False) -> Pos:
        """Position of the deepest node along `path` that exists.

        Segments that name nothing in the file (a Pydantic union tag, a missing
        key) are skipped, so the position is that of the last node that exists.
        """
        best = self.values.get((), (1, 1))
        known: YamlPath = ()
        for seg in path:
            candidate = (*known, seg)
            if candidate in self.values:
                known = candidate
                best = self.values[candidate]
        if at_key and known in self.keys:
            return self.keys[known]
        return best


class YamlProblem(Exception):
    """A file that cannot be turned into a Document; carries its diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


def read_text(path: Path, file: str) -> str:
    """The file's text, or YamlProblem for bytes that are not UTF-8 or merge markers."""
    return decode(path.read_bytes(), file)


def decode(raw: bytes, file: str) -> str:
    """`raw` (a file's bytes) as text, or YamlProblem for bytes that are not UTF-8 or merge markers."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # Everything before exc.start decoded, so the line's prefix gives a character column.
        prefix = raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8")
        column = len(prefix.removeprefix("\ufeff") if line == 1 else prefix) + 1
        msg = f"文件不是 UTF-8 编码（第 {exc.start + 1} 字节 0x{raw[exc.start]:02X} 无法解码），请以 UTF-8 保存"
        raise YamlProblem([Diagnostic.make(file, (line, column), "not-utf8", msg)]) from None
    text = text.removeprefix("\ufeff")
    if not any(marker in text for marker in ("<" * 7, "=" * 7, ">" * 7, "|" * 7)):
        return text  # the common case, found without splitting the file into lines
    conflicts = [
        Diagnostic.make(file, (n, 1), "merge-conflict", f"残留的合并冲突标记“{m.group(1)}”，请先解决冲突")
        for n, line_text in enumerate(text.splitlines(), start=1)
        if (m := _MERGE_MARKER.match(line_text))
    ]
    if conflicts:
        raise YamlProblem(conflicts)
    return text


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while files become nodes and values.

    Why: parsing allocates hundreds of thousands of objects that all survive,
    so the collector keeps rescanning them for nothing; pausing it cut the time
    to read a 10,000-task plan by more than half here. Nothing parsed is cyclic
    (aliases that loop are refused), so nothing is left for it to collect.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse(text: str, file: str) -> Document:
    """Parse one YAML document into a Document, or raise YamlProblem."""
    with gc_paused():
        return _parse(text, file)


def _parse(text: str, file: str) -> Document:
    lines = _Lines(text)
    if bad := _NON_PRINTABLE.search(text):
        msg = f"YAML 语法错误：出现了不允许的控制字符 U+{ord(bad.group()):04X}，请删除"
        raise YamlProblem([Diagnostic.make(file, lines.at(bad.start()), "yaml-syntax", msg)])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = lines.mark(mark) if mark else (1, 1)
        problem = _translate_yaml_problem(exc.problem or exc.context or "")
        message = f"YAML 语法错误：{problem}"
        opener = _OPENERS.get(exc.context or "")
        start = exc.context_mark
        if opener and start and mark and lines.mark(start)[0] < pos[0]:
            # An unclosed [ { or quote is only noticed lines later; point at where it opened.
            found = re.sub(r"（[^（）]*）$", "", problem)
            message = f"YAML 语法错误：从此处开始的{opener}未闭合（在第 {pos[0]} 行第 {pos[1]} 列发现：{found}）"
            pos = lines.mark(start)
        if (slip := typing_slip(text, pos[0])) is not None:
            raise YamlProblem([Diagnostic.make(file, slip[0], "typing-slip", slip[1])]) from None
        raise YamlProblem([Diagnostic.make(file, pos, "yaml-syntax", message)]) from None
    except yaml.YAMLError:  # not marked: nothing better to say than where the file starts
        raise YamlProblem([Diagnostic.make(file, (1, 1), "yaml-syntax", f"YAML 语法错误：{_GENERIC_PROBLEM}")]) from None
    # Only a file with an alias (*name) can loop or multiply; the check stays off the common path.
    if "*" in text and (alias := _alias_problem(root, lines)) is not None:
        raise YamlProblem([Diagnostic.make(file, alias[0], "yaml-syntax", alias[1])])
    builder = _Builder(Document(file, None), lines)
    try:
        builder.doc.data = builder.build(root, (), 0) if root is not None else None
    except _TooDeep as deep:
        msg = f"YAML 语法错误：嵌套超过 {MAX_DEPTH} 层，不是方案文件应有的结构"
        raise YamlProblem([Diagnostic.make(file, deep.pos, "yaml-syntax", msg)]) from None
    if builder.problems:
        raise YamlProblem(builder.problems)
    return builder.doc


def load(path: Path, file: str) -> Document:
    """Read and parse `path`; `file` is the name diagnostics show."""
    return parse(read_text(path, file), file)


# Slips of Chinese typing that break a key line: `标题：…` (full-width colon), `标题:…` (no space).
_FULLWIDTH_COLON = patterns.compile(r"^(\s*(?:-\s+)?)([^\s#:：'\"\[\]{}][^\s:：]{0,15})：")
_NO_SPACE = patterns.compile(r"^(\s*(?:-\s+)?)([^\s#:：'\"\[\]{}][^\s:：]{0,15}):(?=[^\s/])")
FULLWIDTH_COLON_FIX = "键后用了全角冒号；把全角冒号“：”改为“: ”（半角冒号加一个空格）"
NO_SPACE_FIX = "冒号“:”后缺少空格；应写成“键: 值”（半角冒号加一个空格）"


def typing_slip(text: str, error_line: int) -> tuple[Pos, str] | None:
    """The slip that most likely caused a syntax error found on `error_line`: on it or on the two lines above.

    libyaml notices `标题：组织部署` only on the next line (it reads the whole line
    as text); the user must be sent to the line with the slip, told the fix.
    """
    numbered = text.split("\n")
    for n in range(min(error_line, len(numbered)), max(error_line - 3, 0), -1):
        line = numbered[n - 1]
        for pattern, fix in ((_FULLWIDTH_COLON, FULLWIDTH_COLON_FIX), (_NO_SPACE, NO_SPACE_FIX)):
            if m := pattern.match(line):
                return (n, len(m.group(1)) + len(m.group(2)) + 1), fix
    return None


# Line breaks other than LF that libyaml counts but editors and `grep -n` do not.
_ODD_BREAKS = patterns.compile("\r(?!\n)|[\x85\u2028\u2029]")


class _Lines:
    """Positions as an editor shows them: only LF (or CRLF) ends a line.

    libyaml also breaks lines at a lone CR, NEL, LS and PS, and reports the end
    of a file as a line past its last one; marks carry a character index, from
    which the editor's line and column are computed whenever they could differ.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.remap = _ODD_BREAKS.search(text) is not None
        self.last = text.count("\n") if not text.endswith("\n") else text.count("\n") - 1  # 0-based last line

    def at(self, index: int) -> Pos:
        """1-based (line, column) of the character at `index` (the end of the file: its last line)."""
        index = min(index, len(self.text))
        if index == len(self.text) and self.text.endswith("\n"):
            index -= 1  # the end of a file is the end of its last line, not an empty line after it
        start = self.text.rfind("\n", 0, index) + 1
        return (self.text.count("\n", 0, index) + 1, index - start + 1)

    def mark(self, mark: yaml.Mark) -> Pos:
        if self.remap or mark.line > self.last:
            return self.at(mark.index)
        return (mark.line + 1, mark.column + 1)


MAX_DEPTH = 64
"""How deeply collections may nest; a plan needs about six levels."""

MAX_ALIAS_NODES = 10_000
"""How many nodes the aliases (*name) of one file may add when expanded, whatever the file's size."""

MAX_ALIAS_CHARS = 1_000_000
"""How many characters of text the aliases of one file may add when expanded."""


class _TooDeep(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


def _alias_problem(root: yaml.Node | None, lines: _Lines) -> tuple[Pos, str] | None:
    """An alias that loops (`&a [*a]`), nests too deep, or expands the file enormously ("billion laughs").

    Why: the composer hands an alias back as the very node it names, so a loop
    would recurse until RecursionError, and nested aliases multiply: a 1 kB file
    can stand for billions of nodes. Sizes are memoized per node, so this check
    costs one pass over the distinct nodes; every second reference to a node is
    an alias, and what the aliases add is bounded absolutely (not relative to the
    file's size, which a padding comment could inflate).
    """
    sizes: dict[int, tuple[int, int, int]] = {}  # id → (nodes, characters, height)
    open_: set[int] = set()
    added = [0, 0]

    def size(node: yaml.Node, parent: yaml.Node, depth: int) -> tuple[int, int, int]:
        key = id(node)
        if key in sizes:
            found = sizes[key]
            added[0] += found[0]
            added[1] += found[1]
            # An alias hands back the node it names, whose mark is the anchor's: point at the collection using it.
            if added[0] > MAX_ALIAS_NODES or added[1] > MAX_ALIAS_CHARS:
                raise _Bomb(lines.mark(parent.start_mark))
            if depth + found[2] > MAX_DEPTH:
                raise _TooDeep(lines.mark(parent.start_mark))
            return found
        if depth > MAX_DEPTH:
            raise _TooDeep(lines.mark(node.start_mark))
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = (1, len(node.value), 0)
            return sizes[key]
        if key in open_:
            raise _Loop(lines.mark(parent.start_mark))  # the collection that holds the looping alias
        open_.add(key)
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else node.value
        nodes, chars, height = 1, 0, 0
        for child in children:
            n, c, h = size(child, node, depth + 1)
            nodes, chars, height = nodes + n, chars + c, max(height, h + 1)
        sizes[key] = (nodes, chars, height)
        open_.discard(key)
        return sizes[key]

    if root is None:
        return None
    try:
        size(root, root, 0)
    except _Loop as loop:
        return loop.pos, "YAML 语法错误：锚点引用了包含它自身的节点（循环引用）"
    except _Bomb as bomb:
        return bomb.pos, (
            f"YAML 语法错误：别名（*）展开后超过 {MAX_ALIAS_NODES} 个节点或 {MAX_ALIAS_CHARS} 个字符，拒绝读取"
        )
    except _TooDeep as deep:
        return deep.pos, f"YAML 语法错误：嵌套超过 {MAX_DEPTH} 层，不是方案文件应有的结构"
    finally:
        del size  # it refers to itself through its closure: a cycle holding a size for every node
    return None


class _Loop(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


class _Bomb(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


# Characters a double-quoted escape can write that no document can hold (lxml refuses them):
# C0 controls but tab and line feed, DEL, C1 controls, non-characters and lone surrogates.
_UNWRITABLE = patterns.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


class _Builder:
    """Plain Python values from the node tree, recording every node's position and every duplicate key.

    Written for speed (a 10,000-task plan has ~270,000 nodes): locals instead of
    attribute lookups, and plain text, most of the nodes, returned without a call.
    """

    def __init__(self, doc: Document, lines: _Lines) -> None:
        self.doc = doc
        self.lines = lines
        self.problems: list[Diagnostic] = []
        self.escapes = "\\" in lines.text

    def pos(self, node: yaml.Node) -> Pos:
        return self.lines.mark(node.start_mark)

    def build(self, root: yaml.Node, path: YamlPath, depth: int) -> Any:
        values, keys = self.doc.values, self.doc.keys
        lines = self.lines
        slow_marks, last, at = lines.remap, lines.last, lines.at
        scalar = self.scalar
        consume = "*" not in lines.text  # without aliases no node is reached twice: each can go once built
        mapping_node, sequence_node = yaml.MappingNode, yaml.SequenceNode

        def position(node: yaml.Node) -> Pos:
            m = node.start_mark
            if slow_marks or m.line > last:
                return at(m.index)
            return (m.line + 1, m.column + 1)

        def build(node: yaml.Node, path: YamlPath, depth: int) -> Any:
            pos = values[path] = position(node)
            if depth > MAX_DEPTH:
                raise _TooDeep(pos)
            kind = type(node)
            if kind is not mapping_node and kind is not sequence_node:
                if node.tag == _STR and node.style != '"':  # type: ignore[attr-defined]
                    return node.value
                return scalar(node)  # type: ignore[arg-type]
            if kind is sequence_node:
                if not consume:
                    return [build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
                # Each item's nodes freed once it is built: a long list (a round's 条目) never has
                # its whole node tree and its whole Document alive at once.
                items, node.value = node.value, []
                items.reverse()
                built: list[Any] = []
                while items:
                    built.append(build(items.pop(), (*path, len(built)), depth + 1))
                return built
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is mapping_node or type(key_node) is sequence_node:
                    key = str(position(key_node))
                elif key_node.tag == _STR and key_node.style != '"':
                    key = key_node.value
                else:
                    key = scalar(key_node)
                    key = key if isinstance(key, str) else str(key)
                if key in result:
                    first = keys[(*path, key)]
                    self.problems.append(
                        Diagnostic.make(
                            self.doc.file, position(key_node), "duplicate-key",
                            f"重复的键“{key}”（首次出现在第 {first[0]} 行第 {first[1]} 列）",
                        )
                    )
                    continue
                key_path = (*path, key)
                keys[key_path] = position(key_node)
                result[key] = build(value_node, key_path, depth + 1)
            return result

        try:
            return build(root, path, depth)
        finally:
            # `build` refers to itself through its closure: a cycle that would keep the position tables
            # alive until the collector runs (never, in a command that pauses it) after the Document is dropped.
            del build

    def scalar(self, node: yaml.ScalarNode) -> Any:
        # Only an escape can write what is searched for, and a file without a backslash has none.
        if node.style == '"' and self.escapes and (bad := _UNWRITABLE.search(node.value)):
            # Only a double-quoted escape (\e, \x01, \uFFFF) can write these; raw ones were refused earlier.
            msg = f"文字中含有无法写入文档的控制字符 U+{ord(bad.group()):04X}（由双引号内的转义写出），请删除"
            self.problems.append(Diagnostic.make(self.doc.file, self.pos(node), "control-char", msg))
        return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar's value. Policy: dates and times stay the strings written."""
    if node.tag == _STR:
        return str(node.value)
    tag = node.tag.removeprefix(_TAG)
    try:
        if tag == "null":
            return None
        if tag == "bool":
            return _SCALARS.construct_yaml_bool(node)
        if tag == "int":
            return _SCALARS.construct_yaml_int(node)
        if tag == "float":
            return _SCALARS.construct_yaml_float(node)
    except Exception:  # noqa: BLE001 - `!!int ""`, `!!int "-"`, `!!float`, `!!bool abc`: the model rejects the text
        pass
    return str(node.value)


_YAML_PROBLEMS = {
    # libyaml's scanner, parser and reader, and PyYAML's composer: every message they can give.
    "mapping values are not allowed here": "此处不允许出现映射值（缺少换行或缩进不对？）",
    "mapping values are not allowed in this context": "此处不允许出现映射值（文字中的“: ”须加引号，或缺少换行、缩进不对？）",
    "mapping keys are not allowed in this context": "此处不允许出现映射键（“?”须加引号？）",
    "block sequence entries are not allowed in this context": "此处不允许出现列表项“-”（缩进不对，或“- ”须加引号？）",
    "could not find expected ':'": "找不到应有的“:”",
    "could not find expected directive name": "找不到指令名（以“%”开头的行须加引号？）",
    "did not find expected key": "找不到应有的键（缩进不对？）",
    "did not find expected '-' indicator": "找不到应有的“-”（列表缩进不对？）",
    "did not find expected ',' or ']'": "找不到应有的“,”或“]”",
    "did not find expected ',' or '}'": "找不到应有的“,”或“}”",
    "did not find expected node content": "找不到应有的内容",
    "did not find expected <document start>": "找不到文档的开头（“---”）",
    "did not find expected <stream-start>": "文件开头无法解析",
    "did not find expected alphabetic or numeric character": "锚点或别名的名称应由字母、数字组成",
    "did not find expected comment or line break": "此处应为注释或换行",
    "did not find expected digit or '.' character": "版本号中应为数字或“.”",
    "did not find expected hexdecimal number": "转义序列中应为十六进制数字",
    "did not find expected tag URI": "找不到应有的标签（“!”开头的文字须加引号？）",
    "did not find expected version number": "找不到应有的版本号",
    "did not find expected whitespace": "此处应有空格",
    "did not find expected whitespace or line break": "此处应有空格或换行",
    "did not find expected '!'": "标签中找不到应有的“!”",
    "did not find the expected '>'": "标签中找不到应有的“>”",
    "did not find URI escaped octet": "标签中的“%”转义不完整",
    "found character that cannot start any token": "出现了不能作为开头的字符（例如制表符、“@”或“`”）",
    "found undefined alias": "引用了未定义的锚点",
    "found undefined tag handle": "使用了未定义的标签前缀",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "found unexpected ':'": "出现了意外的“:”",
    "found a tab character that violates indentation": "缩进中出现了制表符（请改用空格）",
    "found a tab character where an indentation space is expected": "缩进中出现了制表符（请改用空格）",
    "found an indentation indicator equal to 0": "块文字的缩进指示符不能为 0",
    "found unknown directive name": "出现了未知的指令（以“%”开头的行须加引号？）",
    "found duplicate %YAML directive": "重复的 %YAML 指令",
    "found duplicate %TAG directive": "重复的 %TAG 指令",
    "found incompatible YAML document": "不支持的 YAML 版本",
    "found extremely long version number": "版本号过长",
    "found unexpected non-alphabetical character": "出现了意外的非字母字符",
    "found unknown escape character": "双引号内出现了未知的转义字符（“\\”须写成“\\\\”，或改用单引号）",
    "found invalid Unicode character escape code": "双引号内的 Unicode 转义无效",
    "found unexpected document indicator": "出现了意外的文档分隔符（“---”或“...”）",
    "found an incorrect leading UTF-8 octet": "文件不是有效的 UTF-8",
    "found an incorrect trailing UTF-8 octet": "文件不是有效的 UTF-8",
    "invalid leading UTF-8 octet": "文件不是有效的 UTF-8",
    "invalid trailing UTF-8 octet": "文件不是有效的 UTF-8",
    "invalid length of a UTF-8 sequence": "文件不是有效的 UTF-8",
    "incomplete UTF-8 octet sequence": "文件不是有效的 UTF-8",
    "invalid Unicode character": "出现了无效的 Unicode 字符",
    "control characters are not allowed": "出现了不允许的控制字符",
    "input is too long": "文件过大",
    "exceeded maximum nesting depth": "嵌套层数过多",
    "expected <block end>, but found '-'": "列表项缩进不对",
    "expected <block end>, but found '<block sequence start>'": "列表缩进不对",
    "expected <block end>, but found '<block mapping start>'": "映射缩进不对",
    "expected <block end>, but found '<scalar>'": "缩进不对",
    "expected a single document in the stream": "一个文件只能有一个 YAML 文档",
    "but found another document": "一个文件只能有一个 YAML 文档",
    "expected nothing after STREAM-END": "文件结尾之后还有内容",
    "second occurrence": "锚点重复定义",
}
_GENERIC_PROBLEM = "无法解析此处的内容"


_OPENERS = {
    "while parsing a flow sequence": "“[”",
    "while parsing a flow mapping": "“{”",
    "while scanning a quoted scalar": "引号",
}


def _translate_yaml_problem(problem: str) -> str:
    """libyaml's English problem in Chinese; one we do not know gets a general line, never English."""
    if problem in _YAML_PROBLEMS:
        return _YAML_PROBLEMS[problem]
    if problem.startswith("found duplicate anchor"):
        return "锚点重复定义"
    if problem.startswith("expected <block end>"):
        return "缩进不对"
    return _GENERIC_PROBLEM


# ---------------------------------------------------------------- round trip


def roundtrip_yaml() -> Any:
    """ruamel.yaml in round-trip mode, set up to reproduce our files byte for byte."""
    from ruamel.yaml import YAML  # imported here: only rewriting commands pay for it

    rt = YAML(typ="rt")
    rt.width = 4096  # never fold long Chinese lines: folding would insert spaces
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.preserve_quotes = True
    rt.allow_unicode = True
    return rt


def roundtrip_load(text: str) -> Any:
    return roundtrip_yaml().load(text)


def roundtrip_dump(data: Any) -> str:
    import io

    out = io.StringIO()
    roundtrip_yaml().dump(data, out)
    return out.getvalue()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ReadOnlyTarget(PermissionError):
    """The file to replace has no write permission bit: casplan does not replace it (root could)."""


_TMP = ".casplan-"
"""Temporary files are `.NAME.casplan-PID-RANDOM.tmp` beside their target."""


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    A crash or a failed write leaves the previous file intact and no partial file;
    a temporary file left by a killed run (its process gone) is removed by the next
    write to the same path. A read-only target (no write bit) is refused, not replaced.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    existing = path.stat() if path.exists() else None
    if existing is not None and not existing.st_mode & 0o222:
        raise ReadOnlyTarget(13, "read-only", str(path))
    _remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}{_TMP}{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600): give it the mode a plain write would have.
        os.chmod(tmp, existing.st_mode & 0o777 if existing is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale_temporaries(path: Path) -> None:
    """Remove `.NAME.casplan-PID-*.tmp` files whose writing process no longer exists."""
    prefix = f".{path.name}{_TMP}"
    try:
        candidates = [p for p in path.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(".tmp")]
    except OSError:
        return
    for candidate in candidates:
        pid = candidate.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            candidate.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours to signal
        return True
    return True
