"""Reading 进展/*.yaml: every file, its problems, the valid rounds in date order."""

from __future__ import annotations

from pathlib import Path

from casplan.progress.load import load_rounds, ordered, round_files


def test_no_folder_no_rounds(tmp_path: Path) -> None:
    assert round_files(tmp_path) == []
    assert load_rounds(tmp_path) == ([], [])


def test_rounds_in_date_order_and_bad_files_reported(tmp_path: Path) -> None:
    folder = tmp_path / "进展"
    folder.mkdir()
    (folder / "b-first.yaml").write_text("名称: 一\n报送截止: 2021-09-30\n", encoding="utf-8")
    (folder / "a-second.yml").write_text("名称: 二\n报送截止: 2021-12-31\n条目: []\n", encoding="utf-8")
    (folder / "c-bad.yaml").write_text("名称: 三\n", encoding="utf-8")
    (folder / "说明.txt").write_text("not a round", encoding="utf-8")
    rounds, problems = load_rounds(tmp_path)
    assert [r.id for r in rounds] == ["a-second", "b-first", "c-bad"]
    assert [r.id for r in ordered(rounds)] == ["b-first", "a-second"]
    assert [(d.file, d.line, d.code) for d in problems] == [(f"{tmp_path.as_posix()}/进展/c-bad.yaml", 1, "missing-key")]
    assert ordered(rounds)[0].name == "一"
