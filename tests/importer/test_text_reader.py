import pytest

from casplan.importer.text_reader import SourceProblem, read_text

TEXT = "[bookmark: _Hlk1]牵头部门：人事局\n\u3000\u3000具体举措：做好工作。\u00a0\n\n"


def _lines(raw: bytes) -> list[tuple[int, str]]:
    return [(p.loc.n, p.text) for p in read_text(raw, "a.txt").blocks]  # type: ignore[union-attr]


def test_utf8_with_and_without_bom_debris_and_padding_dropped() -> None:
    expected = [(1, "牵头部门：人事局"), (2, "具体举措：做好工作。")]
    assert _lines(TEXT.encode("utf-8")) == expected
    assert _lines(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == expected
    assert read_text(TEXT.encode("utf-8"), "a.txt").notes == [(None, "删去了文字提取留下的书签标记“[bookmark: …]”（第 1 行）")]


def test_gbk_is_read_with_a_note_not_mojibake() -> None:
    source = read_text("一、总体要求\r\n牵头单位：办公厅\r\n".encode("gbk"), "a.txt")
    assert [p.text for p in source.blocks] == ["一、总体要求", "牵头单位：办公厅"]  # type: ignore[union-attr]
    assert source.notes == [(None, "文件为 GB18030/GBK 编码（不是 UTF-8），已按 GB18030 读取；导入后的方案文件为 UTF-8")]


def test_undecodable_bytes_are_one_clear_error() -> None:
    with pytest.raises(SourceProblem) as caught:
        read_text(b"\x81\x20abc", "坏.txt")
    assert caught.value.message == "无法识别“坏.txt”的编码：既不是 UTF-8，也不是 GB18030/GBK（第 1 行第 1 字节无法解码）"


def test_tab_separated_lines_are_a_table() -> None:
    from casplan.importer.source import Table

    source = read_text("标题\n序号\t任务\n1\t做事\n\t（1）细项\n结尾\n".encode("utf-8"), "t.txt")
    kinds = [type(b).__name__ for b in source.blocks]
    assert kinds == ["Para", "Table", "Para"]
    table = source.blocks[1]
    assert isinstance(table, Table)
    assert [[c.text for c in row] for row in table.rows] == [["序号", "任务"], ["1", "做事"], ["", "（1）细项"]]
    assert str(table.rows[2][1].loc) == "第 4 行第 2 列"
