import pytest

from casplan.blocks import Block, BlockProblem, Role, parse_blocks


def test_parse_roles_numbers_and_continuations() -> None:
    out = "@标题 第一行\n第二行\n\n@一级标题[12] 部分\n@字段 牵头部门：人事局\n@正文\n"
    assert parse_blocks(out, "t.j2") == [
        Block(Role.TITLE, "第一行\n第二行"),
        Block(Role.LEVEL1, "部分", 12),
        Block(Role.FIELD, "牵头部门：人事局"),
        Block(Role.BODY, ""),
    ]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("开头没有角色\n", "t.j2:1:1: 模板输出第 1 行：第一行应以“@角色”开头，实为“开头没有角色”"),
        ("@正文 a\n@未知 b\n", "t.j2:2:1: 模板输出第 2 行：未知角色“未知”，可用："),
        ("@正文[1] a\n", "t.j2:1:1: 模板输出第 1 行：角色“正文”不带序号，只有各级标题可以写 [n]"),
        ("@一级标题[x] a\n", "t.j2:1:1: 模板输出第 1 行：无法解析的块“@一级标题[x] a”，应为“@角色 文字”或“@角色[序号] 文字”"),
    ],
)
def test_bad_output_names_template_and_line(output: str, message: str) -> None:
    with pytest.raises(BlockProblem) as info:
        parse_blocks(output, "t.j2")
    d = info.value.diagnostic
    assert d.code == "template-error"
    assert f"{d.file}:{d.line}:{d.column}: {d.message}".startswith(message)


def test_heading_number_zero_is_a_template_error():
    with pytest.raises(BlockProblem) as exc:
        parse_blocks("@一级标题[0] 总体要求\n", "t.j2")
    assert exc.value.diagnostic.message == "模板输出第 1 行：标题序号从 1 开始，不能为 0"
