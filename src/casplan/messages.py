"""Chinese for the messages of the libraries casplan runs (Jinja's template errors).

A message casplan does not know is not passed through in English: it becomes
a Chinese sentence saying what kind of problem it is, where (the caller gives
the file and line), and what to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Jinja's token descriptions ("end of print statement") as a template author reads them.
_TOKENS = {
    "end of print statement": "“}}”",
    "end of statement block": "“%}”",
    "end of template": "模板结尾",
    "name": "名称",
    "in": "“in”",
    "string": "字符串",
    "integer": "整数",
}


def _token(text: str) -> str:
    return _TOKENS.get(text, f"“{text}”")


_JINJA: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^unexpected '(.+)', expected '(.+)'$"), lambda m: f"此处多了“{m[1]}”，应为{_token(m[2])}"),
    (re.compile(r"^unexpected '(.+)'$"), lambda m: f"此处多了“{m[1]}”（括号是否配对？）"),
    (re.compile(r"^unexpected char '(.+)' at \d+$"), lambda m: f"无法识别的字符“{m[1]}”（引号是否配对？）"),
    (re.compile(r"^Unexpected end of template\. Jinja was looking for the following tags: (.+?)\. "
                r"The innermost block that needs to be closed is '(.+)'\.$"),
     lambda m: f"模板在“{m[2]}”块结束前就结束了，缺少 " + " 或 ".join(re.findall(r"'(.+?)'", m[1]))),
    (re.compile(r"^Unexpected end of template.*$"), lambda m: "模板意外结束（是否缺少 end 标签？）"),
    (re.compile(r"^Encountered unknown tag '(.+)'\..*$", re.S), lambda m: f"未知标签“{m[1]}”（或它没有对应的开始标签）"),
    (re.compile(r"^expected token '(.+)', got '(.+)'$"), lambda m: f"此处应为{_token(m[1])}，实为{_token(m[2])}"),
    (re.compile(r"^Expected an expression, got '(.+)'$"), lambda m: f"此处缺少表达式（实为{_token(m[1])}）"),
    (re.compile(r"^Missing end of comment tag$"), lambda m: "注释缺少结尾“#}”"),
    (re.compile(r"^Missing end of raw directive$"), lambda m: "raw 块缺少 endraw"),
    (re.compile(r"^'(.+)' is undefined$"), lambda m: f"变量“{m[1]}”未定义"),
    (re.compile(r"^'(.+)' has no attribute '(.+)'$"), lambda m: f"{_object(m[1])}没有属性“{m[2]}”（键名是否写错？）"),
    (re.compile(r"^(.+) has no element (.+)$"), lambda m: f"{_object(m[1])}没有元素 {m[2]}"),
    (re.compile(r"^No filter named '(.+)'\.?$"), lambda m: f"没有名为“{m[1]}”的过滤器"),
    (re.compile(r"^No test named '(.+)'\.?$"), lambda m: f"没有名为“{m[1]}”的测试"),
    (re.compile(r"^division by zero$"), lambda m: "除数为零"),
    (re.compile(r"^can only concatenate str.*$"), lambda m: "文字只能与文字相连（可先用 |string 转成文字）"),
    (re.compile(r"^unsupported operand type.*$"), lambda m: "运算的两边类型不相容"),
]


def _object(what: str) -> str:
    what = what.strip("'")
    return {"dict object": "该对象", "list object": "该列表", "str object": "该文字"}.get(what, f"“{what}”")


def jinja_message(message: str) -> str:
    """A Jinja error message in Chinese; one casplan does not know becomes a generic Chinese sentence."""
    text = message.strip()
    for pattern, say in _JINJA:
        found = pattern.match(text)
        if found:
            return say(found)
    if not re.search(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}", text):  # casplan's own Chinese (错误("…"))
        return text
    return "模板有误，请检查这一行的标签和表达式（{{ }}、{% %} 是否配对、名称是否写错）"
