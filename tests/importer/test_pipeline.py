"""import(source) equals the plan typed by hand; import(render(plan)) equals the plan; bad sources."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from compare import errors, ids, without_ids

from casplan.importer.pipeline import SourceProblem, import_plan, read_source

ROOT = Path(__file__).resolve().parents[2]
RAW = Path(__file__).parent / "data" / "cas-plan-2021-raw.txt"


def imported(source: Path, out: Path) -> Path:
    result = import_plan(read_source(source))
    for rel, text in result.files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    return out


def test_the_source_text_imports_to_the_embedded_plan(tmp_path: Path) -> None:
    result = import_plan(read_source(RAW))
    assert result.report.complete
    out = imported(RAW, tmp_path / "plan")
    assert errors(out) == []
    assert without_ids(out) == without_ids(ROOT / "plan")


def test_the_report_names_what_import_decided(tmp_path: Path) -> None:
    result = import_plan(read_source(RAW))
    assert result.report.lines() == [
        "cas-plan-2021-raw.txt：说明：删去了文字提取留下的书签标记“[bookmark: …]”（第 70、71、121 行）",
        "cas-plan-2021-raw.txt：第 289 行：说明：“通过深入调研，积极向国家有关部门提出科技管理改革的意见建议”"
        "——原文无序号：这一行下直接是字段，其工作分为各有分工的子项，按新的部分（其唯一任务无标题）处理",
    ]


def test_ids_are_readable_and_the_same_on_every_import(tmp_path: Path) -> None:
    first = ids(imported(RAW, tmp_path / "a"))
    assert first == ids(imported(RAW, tmp_path / "b"))
    assert first[:4] == ["t1-1", "t1-2", "t1-3", "t2-1"]
    assert first[-1] == "t15-1"
    assert len(set(first)) == len(first)


@pytest.mark.parametrize("name,template", [("notice.docx", "notice"), ("notice.txt", "notice")])
def test_the_rendered_plan_imports_back_to_the_plan(run_cli, tmp_path: Path, name: str, template: str) -> None:
    rendered = tmp_path / name
    assert run_cli("render", str(rendered), "--plan", str(ROOT / "plan"), "--template", template).exit_code == 0
    result = import_plan(read_source(rendered))
    assert result.report.lines() == []
    out = imported(rendered, tmp_path / "plan")
    assert errors(out) == []
    assert without_ids(out) == without_ids(ROOT / "plan")


def test_the_plan_template_imports_as_a_plan_issued_alone(run_cli, tmp_path: Path) -> None:
    rendered = tmp_path / "plan.docx"
    assert run_cli("render", str(rendered), "--plan", str(ROOT / "plan"), "--template", "plan").exit_code == 0
    result = import_plan(read_source(rendered))
    assert result.report.lines() == []
    assert result.plan.notice is None
    assert result.plan.title == "中共中国科学院党组贯彻落实习近平总书记\n在两院院士大会上重要讲话和大会精神\n重点工作分工方案"
    expected = without_ids(ROOT / "plan")["parts"]
    assert [p.title for p in result.plan.parts] == [p["标题"] for p in expected]
    assert [len(p.tasks) for p in result.plan.parts] == [len(p["任务"]) for p in expected]
    assert result.files["plan.yaml"].splitlines()[1:4] == ["标题: |-", "  中共中国科学院党组贯彻落实习近平总书记", "  在两院院士大会上重要讲话和大会精神"]


def _problem(path: Path) -> str:
    with pytest.raises(SourceProblem) as caught:
        read_source(path)
    return caught.value.message


def test_an_empty_file_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "空.txt").write_bytes(b"")
    assert _problem(tmp_path / "空.txt") == "“空.txt”是空文件（没有任何内容）"
    (tmp_path / "blank.txt").write_text("\n  \n\u3000\n", encoding="utf-8")
    assert _problem(tmp_path / "blank.txt") == "“blank.txt”是空文件（没有任何文字）"


def test_old_binary_word_asks_for_docx(tmp_path: Path) -> None:
    (tmp_path / "方案.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    assert _problem(tmp_path / "方案.doc") == "“方案.doc”是旧版 Word 二进制格式（.doc）；请在 Word 或 WPS 中“另存为” .docx 后再导入"


def test_an_encrypted_docx_is_named(tmp_path: Path) -> None:
    # Word saves a password-protected .docx as a compound file holding EncryptedPackage.
    (tmp_path / "加密.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    assert _problem(tmp_path / "加密.docx") == "“加密.docx”已加密（设置了打开密码）；请在 Word 中取消密码、另存为 .docx 后再导入"


def test_a_corrupt_docx_is_named(tmp_path: Path) -> None:
    (tmp_path / "坏.docx").write_bytes(b"PK\x03\x04" + b"garbage" * 20)
    assert _problem(tmp_path / "坏.docx") == "“坏.docx”已损坏：不是完整的 .docx（压缩包无法打开）"


def test_a_zip_that_is_not_word_is_named(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "表.docx", "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert _problem(tmp_path / "表.docx") == "“表.docx”不是 Word 文档（压缩包中没有 word/document.xml）"


def test_a_binary_file_is_not_text(tmp_path: Path) -> None:
    (tmp_path / "图.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _problem(tmp_path / "图.png") == "“图.png”不是文本文件，也不是 .docx；casplan import 读取 .docx 和 .txt"


def test_a_pdf_is_named(tmp_path: Path) -> None:
    (tmp_path / "方案.pdf").write_bytes(b"%PDF-1.7\n")
    assert _problem(tmp_path / "方案.pdf") == "“方案.pdf”不是PDF 文件；casplan import 读取 .docx 和 .txt"


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    assert _problem(tmp_path / "无.txt") == f"找不到源文件“{tmp_path / '无.txt'}”"


# ---------------------------------------------------------------- other shapes (the general model)

from layouts import CITY, GUOFA, LABELLED, model_has_labels  # noqa: E402

needs_model = pytest.mark.skipif(not model_has_labels(), reason="needs the general model (标签/结构, docs/model.md)")
SHAPES = ROOT / "tests" / "data" / "shapes"
SHAPE_NAMES = sorted(p.name for p in SHAPES.iterdir() if (p / "source.txt").is_file()) if SHAPES.is_dir() else []


def _by_role(root: Path) -> list[object]:
    """Every part and work by the model's role attributes (docs/model.md §6), whatever the labels; no ids."""
    from casplan.load import load_plan

    def work(w: object) -> dict[str, object]:
        keys = ("title", "text", "lead_leaders", "assist_leaders", "lead_depts", "assist_depts", "first_leads",
                "measures", "subitems_intro", "deadline", "due", "other", "wording")
        out = {k: getattr(w, k) for k in keys if getattr(w, k, None) not in (None, {}, [])}
        if getattr(w, "subitems", None):
            out["subitems"] = [work(s) for s in w.subitems]  # type: ignore[attr-defined]
        return out

    return [(p.title, [work(t) for t in p.tasks]) for p in load_plan(root).parts]


@needs_model
@pytest.mark.skipif(not SHAPE_NAMES, reason="no fixture plans with their source under tests/data/shapes")
@pytest.mark.parametrize("name", SHAPE_NAMES)
def test_a_shape_imports_to_its_hand_made_plan_and_renders_back(run_cli, tmp_path: Path, name: str) -> None:
    source = SHAPES / name / "source.txt"
    out = tmp_path / "plan"
    result = run_cli("import", str(source), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert _by_role(out) == _by_role(SHAPES / name)
    rendered = tmp_path / "back.txt"
    assert run_cli("render", str(rendered), "--plan", str(out)).exit_code == 0
    assert rendered.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")


@needs_model
@pytest.mark.parametrize(("text", "dept", "expected"), [
    (GUOFA, "科技部", ["t1", "t2", "t3"]),
    (GUOFA, "教育部", ["t2"]),
    (CITY, "市发展改革委", ["t1", "t2"]),
    (CITY, "各区人民政府", ["t3"]),
    (LABELLED, "组织部", ["t1-1", "t1-2"]),
], ids=["guofa-lead", "guofa-assist", "city-lead", "city-collective", "labelled"])
def test_other_layouts_validate_query_and_render_back(run_cli, tmp_path: Path, text: str, dept: str,
                                                      expected: list[str]) -> None:
    source = tmp_path / "方案.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "plan"
    result = run_cli("import", str(source), "--out", str(out))
    assert result.exit_code == 0, result.output
    rows = run_cli("list", "--plan", str(out), "--dept", dept, "--format", "csv").stdout.splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == expected
    rendered = tmp_path / "back.txt"
    assert run_cli("render", str(rendered), "--plan", str(out)).exit_code == 0
    back = [line for line in rendered.read_text(encoding="utf-8").splitlines() if line]
    assert back == [line for line in text.splitlines() if line]
