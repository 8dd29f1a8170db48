from casplan.importer.ir import Loc
from casplan.importer.report import Report


def test_unplaced_pieces_make_the_report_incomplete_and_notes_do_not() -> None:
    report = Report("方案.docx")
    report.note(None, "文档含修订")
    assert report.complete
    report.unplaced(Loc("cell", 1, 3, 2), "一段很长很长的文字" * 5, "无法判断这段文字属于哪个字段")
    report.note(Loc("para", 7), "判为新的部分", "通过深入调研")
    assert not report.complete
    assert report.text("共 1 处未放入") == (
        "方案.docx：说明：文档含修订\n"
        "方案.docx：表 1 第 3 行第 2 列：未放入：“一段很长很长的文字一段很长很长的文字一段很长很长的文字一段很…”"
        "——无法判断这段文字属于哪个字段\n"
        "方案.docx：第 7 段：说明：“通过深入调研”——判为新的部分\n"
        "共 1 处未放入\n"
    )
