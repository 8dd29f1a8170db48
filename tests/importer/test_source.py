from casplan.importer.ir import Loc
from casplan.importer.source import Cell, Para, Source, Table


def test_a_source_keeps_paragraphs_and_tables_in_order() -> None:
    table = Table(1, [[Cell(Loc("cell", 1, 1, 1), "序号"), Cell(Loc("cell", 1, 1, 2), "任务", span=2)]])
    source = Source("x.docx", [Para(Loc("para", 1), "标题", number="一、", level=1), table])
    assert [type(b).__name__ for b in source.blocks] == ["Para", "Table"]
    assert table.rows[0][1].span == 2 and not table.rows[0][1].continued
