from pathlib import Path

import pytest

from casplan.errors import UserError
from casplan.render import templating


def test_names_filter_keeps_trailing_etc() -> None:
    assert templating.names_filter(["学部工作局", "发展规划局", "等"]) == "学部工作局、发展规划局等"
    assert templating.names_filter(["周琪", "汪克强"]) == "周琪、汪克强"
    assert templating.names_filter(None) == ""


def test_search_path_order(tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()
    (tmp_path / "templates").mkdir()
    user = tmp_path / "mine"
    paths = templating.search_path(user, tmp_path / "plan")
    assert paths[:2] == [user, tmp_path / "templates"]
    assert (paths[2] / "notice.j2").is_file()


def test_packaged_templates_hold_notice() -> None:
    assert {p.name for p in templating.packaged_templates().glob("*.j2")} >= {"notice.j2", "_attachment.j2"}


def test_sandbox_blocks_unsafe_access(tmp_path: Path) -> None:
    (tmp_path / "evil.j2").write_text("@正文 {{ 通知.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        templating.render("evil", [tmp_path], {"通知": {}})
    d = info.value.diagnostics[0]
    assert (d.file, d.line, d.code) == (str(tmp_path / "evil.j2"), 1, "template-error")


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.j2").write_text("@正文 a\n{% if %}\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        templating.render("bad", [tmp_path], {})
    d = info.value.diagnostics[0]
    assert (d.file, d.line, d.code) == (str(tmp_path / "bad.j2"), 2, "template-error")
    assert d.message == "模板错误：此处缺少表达式（实为“%}”）"
