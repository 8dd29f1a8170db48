import pytest

from casplan.messages import jinja_message


@pytest.mark.parametrize(("english", "chinese"), [
    ("unexpected '}'", "此处多了“}”（括号是否配对？）"),
    ("unexpected '}', expected ')'", "此处多了“}”，应为“)”"),
    ("Unexpected end of template. Jinja was looking for the following tags: 'endfor' or 'else'. "
     "The innermost block that needs to be closed is 'for'.", "模板在“for”块结束前就结束了，缺少 endfor 或 else"),
    ("Encountered unknown tag 'foo'.", "未知标签“foo”（或它没有对应的开始标签）"),
    ("expected token 'end of print statement', got 'y'", "此处应为“}}”，实为“y”"),
    ("Expected an expression, got 'end of statement block'", "此处缺少表达式（实为“%}”）"),
    ("unexpected char '\"' at 3", "无法识别的字符“\"”（引号是否配对？）"),
    ("Missing end of comment tag", "注释缺少结尾“#}”"),
    ("'x' is undefined", "变量“x”未定义"),
    ("'dict object' has no attribute '标'", "该对象没有属性“标”（键名是否写错？）"),
    ("No filter named 'nof'.", "没有名为“nof”的过滤器"),
    ("division by zero", "除数为零"),
])
def test_jinja_messages_in_chinese(english: str, chinese: str) -> None:
    assert jinja_message(english) == chinese


def test_unknown_english_is_not_passed_through_but_chinese_is() -> None:
    assert jinja_message("something went wrong in the lexer") == (
        "模板有误，请检查这一行的标签和表达式（{{ }}、{% %} 是否配对、名称是否写错）"
    )
    assert jinja_message("dept 模板需要 --dept 部门名称") == "dept 模板需要 --dept 部门名称"
