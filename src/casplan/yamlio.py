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
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from casplan.diagnostics import Diagnostic

Pos = tuple[int, int]
YamlPath = tuple[str | int, ...]

try:  # Wheels of PyYAML ship libyaml; a source build without it still works, slower.
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_STR = "tag:yaml.org,2002:str"

_SCALARS = yaml.constructor.SafeConstructor()
# What the YAML reader refuses (PyYAML's Reader.NON_PRINTABLE), e.g. a vertical tab pasted from Word.
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_MERGE_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)")
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
    raw = path.read_bytes()
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
    if bad := _NON_PRINTABLE.search(text):
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        msg = f"YAML 语法错误：出现了不允许的控制字符 U+{ord(bad.group()):04X}，请删除"
        raise YamlProblem([Diagnostic.make(file, (line, column), "yaml-syntax", msg)])
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = _translate_yaml_problem(exc.problem or exc.context or "")
        message = f"YAML 语法错误：{problem}"
        opener = _OPENERS.get(exc.context or "")
        start = exc.context_mark
        if opener and start and mark and mark.line > start.line:
            # An unclosed [ { or quote is only noticed lines later; point at where it opened.
            found = re.sub(r"（[^（）]*）$", "", problem)
            message = f"YAML 语法错误：从此处开始的{opener}未闭合（在第 {pos[0]} 行第 {pos[1]} 列发现：{found}）"
            pos = (start.line + 1, start.column + 1)
        raise YamlProblem([Diagnostic.make(file, pos, "yaml-syntax", message)]) from None
    except yaml.YAMLError as exc:  # e.g. a second document in the stream
        raise YamlProblem([Diagnostic.make(file, (1, 1), "yaml-syntax", f"YAML 语法错误：{exc}")]) from None
    doc = Document(file, None)
    duplicates: list[Diagnostic] = []
    # Only a file with an alias (*name) can loop; the check stays off the common path.
    if "*" in text and (alias := _alias_problem(root, len(text))) is not None:
        raise YamlProblem([Diagnostic.make(file, alias[0], "yaml-syntax", alias[1])])
    doc.data = _build(root, (), doc, duplicates) if root is not None else None
    if duplicates:
        raise YamlProblem(duplicates)
    return doc


def load(path: Path, file: str) -> Document:
    """Read and parse `path`; `file` is the name diagnostics show."""
    return parse(read_text(path, file), file)


def _mark(node: yaml.Node) -> Pos:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


MAX_EXPANSION = 20
"""How many times larger than its text a file may grow when its aliases (*name) are expanded."""


def _alias_problem(root: yaml.Node | None, text_length: int) -> tuple[Pos, str] | None:
    """An alias that loops (`&a [*a]`) or expands the file enormously ("billion laughs").

    Why: the composer hands an alias back as the very node it names, so a loop
    would recurse until RecursionError, and nested aliases multiply: a 1 kB file
    can stand for billions of nodes. Sizes are memoized per node, so this check
    costs one pass over the distinct nodes.
    """
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def size(node: yaml.Node, parent: yaml.Node) -> int:
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_:
            raise _Loop(_mark(parent))  # the collection that holds the looping alias
        open_.add(key)
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else node.value
        sizes[key] = 1 + sum(size(child, node) for child in children)
        open_.discard(key)
        return sizes[key]

    if root is None:
        return None
    try:
        total = size(root, root)
    except _Loop as loop:
        return loop.pos, "YAML 语法错误：锚点引用了包含它自身的节点（循环引用）"
    if total > MAX_EXPANSION * max(text_length, 1000):
        return _mark(root), f"YAML 语法错误：别名（*）展开后有 {total} 个节点，远超文件本身，拒绝读取"
    return None


class _Loop(Exception):
    def __init__(self, pos: Pos) -> None:
        self.pos = pos


def _build(node: yaml.Node, path: YamlPath, doc: Document, dups: list[Diagnostic]) -> Any:
    doc.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else str(_mark(key_node))
            key = key if isinstance(key, str) else str(key)
            if key in result:
                first = doc.keys[(*path, key)]
                dups.append(
                    Diagnostic.make(
                        doc.file, _mark(key_node), "duplicate-key",
                        f"重复的键“{key}”（首次出现在第 {first[0]} 行第 {first[1]} 列）",
                    )
                )
                continue
            doc.keys[(*path, key)] = _mark(key_node)
            result[key] = _build(value_node, (*path, key), doc, dups)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), doc, dups) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
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
    except (ValueError, KeyError):  # `!!int abc`, `!!bool abc`, `0x_`: the model rejects the text
        pass
    return str(node.value)


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "此处不允许出现映射值（缺少换行或缩进不对？）",
    "mapping values are not allowed in this context": "此处不允许出现映射值（文字中的“: ”须加引号，或缺少换行、缩进不对？）",
    "could not find expected ':'": "找不到应有的“:”",
    "did not find expected key": "找不到应有的键（缩进不对？）",
    "did not find expected '-' indicator": "找不到应有的“-”（列表缩进不对？）",
    "found character that cannot start any token": "出现了不能作为开头的字符（例如制表符）",
    "found undefined alias": "引用了未定义的锚点",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合？）",
    "did not find expected ',' or ']'": "找不到应有的“,”或“]”",
    "did not find expected ',' or '}'": "找不到应有的“,”或“}”",
    "found unexpected ':'": "出现了意外的“:”",
    "found a tab character that violates indentation": "缩进中出现了制表符",
    "expected <block end>, but found '-'": "列表项缩进不对",
    "expected <block end>, but found '<block sequence start>'": "列表缩进不对",
    "expected <block end>, but found '<block mapping start>'": "映射缩进不对",
    "expected <block end>, but found '<scalar>'": "缩进不对",
    "expected a single document in the stream": "一个文件只能有一个 YAML 文档",
    "but found another document": "一个文件只能有一个 YAML 文档",
    "did not find expected node content": "找不到应有的内容",
    "found unknown escape character": "双引号内出现了未知的转义字符（“\\”须写成“\\\\”，或改用单引号）",
    "found unexpected document indicator": "出现了意外的文档分隔符",
    "second occurrence": "锚点重复定义",
}


_OPENERS = {
    "while parsing a flow sequence": "“[”",
    "while parsing a flow mapping": "“{”",
    "while scanning a quoted scalar": "引号",
}


def _translate_yaml_problem(problem: str) -> str:
    return _YAML_PROBLEMS.get(problem, problem)


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


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    A crash or a failed write leaves the previous file intact and no partial file.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600): give it the mode a plain write would have.
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
