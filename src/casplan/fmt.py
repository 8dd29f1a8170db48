"""One canonical form for plan files, comments kept (`casplan fmt`).

The form (docs/model.md):
- keys in the model's order (a task: 编号, 标题, leaders, units, 其他字段, 具体举措,
  子项导语, 子项, 时间期限, 截止日期, 分工句式); unknown keys never reach here, since
  a file that does not validate is not rewritten;
- lists of names (名单, 别名, 主送机关, 抄送, 其他字段) in flow style `[a, b]`, every
  other list (paragraphs, items, tasks, files) one item a line;
- no quotes unless YAML needs them; a text with line breaks as a literal block `|-`;
  indentation 2 for mappings, 4/2 for lists (as the embedded plan is written);
- long text is **not folded**: a YAML line break inside a folded scalar reads as a
  space, and Chinese has no spaces, so folding would change the text (or need
  `\\` escapes no reviewer can read); a paragraph stays on one line, and a one-word
  edit stays a one-line diff.
Comments ride with their keys when keys move: an end-of-line comment with its key, own-line
comments with the key below them (ruamel stores them on the line above; `_order` moves them).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from casplan.labels import DEFAULT, NAME_ROLES, Labels
from casplan.model import (
    Attachment,
    Department,
    Departments,
    LabelsDecl,
    Leader,
    Leaders,
    Notice,
    Standalone,
    StructureDecl,
)
from casplan.yamlio import roundtrip_dump, roundtrip_load

FLOW_KEYS = frozenset({"别名", "主送机关", "抄送", "其他字段"})
"""Keys whose list is a list of names, written `[a, b]` (besides the plan's name labels)."""


def aliases(model: type[BaseModel]) -> list[str]:
    return [f.alias for f in model.model_fields.values() if f.alias]


def task_order(labels: Labels) -> list[str]:
    names = [labels.label(r) for r in NAME_ROLES]
    return ["编号", "标题", *names, *labels.other, labels.label("measures"), "子项导语", "子项",
            labels.label("deadline"), "截止日期", "分工句式"]


def subitem_order(labels: Labels) -> list[str]:
    names = [labels.label(r) for r in NAME_ROLES]
    return ["编号", "内容", *names, *labels.other, labels.label("deadline"), "截止日期", "分工句式"]


def format_text(text: str, kind: str, labels: Labels = DEFAULT) -> str:
    """`text` of a plan file of `kind` (plan, leaders, departments, section) in canonical form."""
    data = roundtrip_load(text)
    if data is None:
        return text
    flow = FLOW_KEYS | {labels.label(r) for r in NAME_ROLES}
    _canonical(data, kind, labels, flow)
    return roundtrip_dump(data)


def _canonical(data: Any, kind: str, labels: Labels, flow: frozenset[str] | set[str]) -> None:
    if kind == "plan":
        form = Standalone if "附件" not in data and "发文机关" not in data else Notice
        _order(data, aliases(form))
        if isinstance(data.get("标签"), dict):
            _order(data["标签"], aliases(LabelsDecl))
        if isinstance(data.get("结构"), dict):
            _order(data["结构"], aliases(StructureDecl))
        if isinstance(data.get("附件"), dict):
            _order(data["附件"], aliases(Attachment))
    elif kind == "leaders":
        _order(data, aliases(Leaders))
        for entry in _maps(data.get("院领导")):
            _order(entry, aliases(Leader))
    elif kind == "departments":
        _order(data, aliases(Departments))
        for entry in _maps(data.get("部门")):
            _order(entry, aliases(Department))
    else:
        _order(data, ["标题", "分组", "任务"])
        tasks = list(_maps(data.get("任务")))
        for group in _maps(data.get("分组")):
            _order(group, ["标题", "任务"])
            tasks += _maps(group.get("任务"))
        for task in tasks:
            _order(task, task_order(labels))
            for sub in _maps(task.get("子项")):
                _order(sub, subitem_order(labels))
    _styles(data, None, flow)


def _maps(value: Any) -> Iterable[Any]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _order(mapping: Any, order: list[str]) -> None:
    """Put the keys of a ruamel CommentedMap in `order` (keys not listed keep their place after them).

    ruamel keeps the comment lines above a key on the line before it (after that key's
    end-of-line comment); those lines are moved along, so that they stay above their own
    key. (Above the first key of the new order they go just below it.)
    """
    rank = {key: i for i, key in enumerate(order)}
    before = list(mapping.keys())
    keys = sorted(before, key=lambda k: rank.get(k, len(order)))
    if keys == before:
        return
    above = _detach_lines_above(mapping, before)
    for key in keys:
        mapping.move_to_end(key)
    for i, key in enumerate(keys):
        if key in above:
            _append_after(mapping, keys[i - 1] if i else key, above[key])
    if None in above:
        _append_after(mapping, keys[-1], above[None])


def _one_line(value: Any) -> bool:
    """A value written on its key's line: a scalar or a flow list (its comment token is the key's)."""
    if isinstance(value, list):
        fa: Any = getattr(value, "fa", None)  # a ruamel CommentedSeq's format attribute
        return bool(fa.flow_style()) if fa is not None else False
    return not isinstance(value, dict)


def _detach_lines_above(mapping: Any, keys: list[str]) -> dict[str | None, str]:
    """{key: the own-line comments just above it} (None: those after the last key), taken off the line before."""
    out: dict[str | None, str] = {}
    for i, key in enumerate(keys):
        token = _last_token(mapping, key)
        if token is None:
            continue
        eol, sep, rest = token.value.partition("\n")
        if rest.strip():
            out[keys[i + 1] if i + 1 < len(keys) else None] = rest
            token.value = eol + sep
    return out


def _last_token(container: Any, key: Any) -> Any:
    """The comment token after the last line of `container[key]`, descending into nested blocks."""
    value = container[key]
    if isinstance(value, list) and not _one_line(value) and len(value):
        return _last_token(value, len(value) - 1)
    if isinstance(value, dict) and value:
        return _last_token(value, list(value.keys())[-1])
    entry = container.ca.items.get(key)
    slot = 0 if isinstance(container, list) else 2
    return entry[slot] if entry and len(entry) > slot else None


def _append_after(container: Any, key: Any, lines: str) -> None:
    """Put own-line comments after the line(s) of `container[key]` (a mapping key or a list index)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    value = container[key]
    if isinstance(value, list) and not _one_line(value) and len(value):
        return _append_after(value, len(value) - 1, lines)
    if isinstance(value, dict) and value:
        return _append_after(value, list(value.keys())[-1], lines)
    slot = 0 if isinstance(container, list) else 2
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    token = entry[slot]
    if token is None:
        entry[slot] = CommentToken("\n" + lines, CommentMark(0), None)
    else:
        token.value = (token.value if token.value.endswith("\n") else token.value + "\n") + lines
    return None


def _styles(node: Any, key: Any, flow: frozenset[str] | set[str]) -> None:
    """Flow style for name lists, block style elsewhere; scalars without needless quotes."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    # CommentedMap/Seq.__setitem__ keep the old scalar's style (quotes, >-); the base classes' do not.
    if isinstance(node, CommentedMap):
        for k in list(node.keys()):
            value = node[k]
            if isinstance(value, str):
                super(CommentedMap, node).__setitem__(k, _scalar(value, LiteralScalarString))
            else:
                _styles(value, k, flow)
    elif isinstance(node, CommentedSeq):
        # A list of names goes on one line, unless a comment sits on one of its items
        # (a flow list cannot carry it: the comment is kept, the list stays one item a line).
        if key in flow and all(isinstance(v, str) for v in node) and not node.ca.items:
            node.fa.set_flow_style()
        else:
            node.fa.set_block_style()
        for i, value in enumerate(node):
            if isinstance(value, str):
                list.__setitem__(node, i, _scalar(value, LiteralScalarString))
            else:
                _styles(value, None, flow)


def _scalar(value: str, literal: type[str]) -> str:
    """A plain str (ruamel quotes it only if YAML needs), or a literal block for text with line breaks."""
    if "\n" in value:
        return value if type(value) is literal else literal(value)
    return str(value) if type(value) is not str else value
