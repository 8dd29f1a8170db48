"""Pydantic validation errors → diagnostics at the YAML line and column.

Why: Pydantic reports a location as a path of keys and indices (("任务", 2,
"牵头部门", 0)), sometimes with segments that name nothing in the file (a
union tag). The Document knows where each path sits, so each error becomes one
Chinese line at the right place with a stable code.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from casplan.diagnostics import Diagnostic, did_you_mean, suggest
from casplan.yamlio import Document

_TYPE_NAMES = {
    "string_type": "文字",
    "list_type": "列表",
    "dict_type": "映射（键: 值）",
    "model_type": "映射（键: 值）",
    "model_attributes_type": "映射（键: 值）",
    "bool_type": "布尔值（true 或 false）",
    "int_type": "整数",
}


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, int | float):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return type(value).__name__


def to_diagnostics(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[Diagnostic]:
    """One diagnostic per Pydantic error, deduplicated by place and code."""
    seen: set[tuple[int, int, str]] = set()
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        diag = _one(err, doc, model)
        key = (diag.line, diag.column, diag.code)
        if key not in seen:
            seen.add(key)
            out.append(diag)
    return out


def _one(err: ErrorDetails, doc: Document, model: type[BaseModel]) -> Diagnostic:
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return Diagnostic.make(doc.file, doc.pos(loc[:-1]), "missing-key", f"缺少必填键“{loc[-1]}”")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        hint = did_you_mean(suggest(key, allowed_keys(model, loc[:-1])))
        return Diagnostic.make(doc.file, doc.pos(loc, at_key=True), "unknown-key", f"未知键“{key}”{hint}")
    pos = doc.pos(loc)
    if kind in _TYPE_NAMES and (value is None or value == ""):
        return Diagnostic.make(doc.file, pos, "empty-value", _empty(loc))
    if kind == "empty_value":
        return Diagnostic.make(doc.file, pos, "empty-value", _empty(loc))
    if kind == "too_short":
        return Diagnostic.make(doc.file, pos, "empty-value", f"“{_label(loc)}”列表为空")
    if kind in _TYPE_NAMES:
        if isinstance(value, str) and (fix := slip_fix(value, kind)) is not None:
            return Diagnostic.make(doc.file, pos, "typing-slip", fix)
        msg = f"类型错误：应为{_TYPE_NAMES[kind]}，实为{_kind(value)}"
        return Diagnostic.make(doc.file, pos, "wrong-type", msg)
    if kind == "measures_type":
        return Diagnostic.make(doc.file, pos, "wrong-type", f"类型错误：{err['msg']}，实为{_kind(value)}")
    if kind == "bad_date":
        return Diagnostic.make(doc.file, pos, "bad-date", err["msg"])
    if kind == "bad_id":
        return Diagnostic.make(doc.file, pos, "bad-id", err["msg"])
    if kind == "missing_work":
        return Diagnostic.make(doc.file, pos, "missing-key", err["msg"])
    if kind == "literal_error":
        # Pydantic words the choices in English ("'部门', '单位' or '集体'"); list them in Chinese.
        expected = "、".join(f"“{c}”" for c in re.findall(r"'([^']*)'", err.get("ctx", {}).get("expected", "")))
        return Diagnostic.make(doc.file, pos, "bad-value", f"取值“{value}”无效，应为{expected}之一")
    # Unknown to us: still one clean line, with Pydantic's own words.
    return Diagnostic.make(doc.file, pos, "wrong-type", f"{err['msg']}")


_KEY_FULLWIDTH = re.compile(r"^[^\s:：]{1,16}：")
_KEY_NO_SPACE = re.compile(r"^[^\s:：]{1,16}:[^\s/]")


def slip_fix(text: str, kind: str) -> str | None:
    """A typing slip that turned a mapping or a list into text, with its fix; None if it is not one."""
    if kind in {"dict_type", "model_type"} and _KEY_FULLWIDTH.match(text):
        return f"“{text[:20]}”像是“键: 值”，但用了全角冒号；把全角冒号“：”改为“: ”（半角冒号加一个空格）"
    if kind in {"dict_type", "model_type"} and _KEY_NO_SPACE.match(text):
        return f"“{text[:20]}”像是“键: 值”，但冒号“:”后缺少空格；应写成“键: 值”"
    if kind == "list_type" and text.startswith("【") and text.endswith("】"):
        return "列表用了全角方括号；把“【】”改为半角“[ ]”，各项以半角逗号“,”分隔"
    if kind == "list_type" and text.startswith("［") and text.endswith("］"):
        return "列表用了全角方括号；把“［］”改为半角“[ ]”，各项以半角逗号“,”分隔"
    return None


def _label(loc: tuple[int | str, ...]) -> str:
    """The innermost YAML key on `loc` (union tags such as 'items' are not keys)."""
    keys = [seg for seg in loc if isinstance(seg, str) and not seg.isascii()]
    return keys[-1] if keys else "值"


def _empty(loc: tuple[int | str, ...]) -> str:
    if loc and isinstance(loc[-1], int):
        return f"“{_label(loc)}”的第 {loc[-1] + 1} 项为空"
    return f"“{_label(loc)}”的值为空"


def allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The YAML keys the model accepts at `loc` (for “did you mean” on unknown keys)."""
    current: Any = model
    for seg in loc:
        current = _unwrap(current)
        if isinstance(seg, int):
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = next((f for f in current.model_fields.values() if f.alias == seg), None)
        if field is None:
            return []
        current = field.annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias for f in current.model_fields.values() if f.alias]
    return []


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional down to the type that holds the data."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp
