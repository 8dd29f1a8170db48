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
    paths = templating.search_path(user, tmp_path / "plan", own_templates=True)
    assert paths[:2] == [user, tmp_path / "templates"]
    assert (paths[2] / "notice.j2").is_file()


def test_templates_beside_the_plan_only_when_the_plan_asks(tmp_path: Path) -> None:
    """An untrusted plan repository must not bring its own code by default."""
    (tmp_path / "plan").mkdir()
    (tmp_path / "templates").mkdir()
    paths = templating.search_path(None, tmp_path / "plan")
    assert paths == [templating.packaged_templates()]


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


def _render_error(tmp_path: Path, source: str, **files: str) -> str:
    (tmp_path / "t.j2").write_text(source, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as info:
        templating.render("t", [tmp_path], {})
    (d,) = info.value.diagnostics
    assert (d.file, d.code) == (str(tmp_path / "t.j2"), "template-error")
    return f"{d.line}: {d.message}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("@正文 a\n{{ 1/0 }}\n", "2: 模板错误：除数为零"),
        ("{{ range(10**9) | list }}", "1: 模板错误：数值或范围过大"),
        ("{{ 10**(10**10) }}", "1: 模板错误：数值过大（10 的 10000000000 次方）"),
        ("{{ 'a' * 10**10 }}", "1: 模板错误：重复后的长度超过 50000000 个字符"),
        ("{{ 10**10 * 'a' }}", "1: 模板错误：重复后的长度超过 50000000 个字符"),
        ("{{ '%0999999999d' % 1 }}", "1: 模板错误：格式中的宽度或精度过大"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "1: 模板错误：递归过深（宏调用自身，或模板包含自身？）"),
        ("{% include 't.j2' %}", "1: 模板错误：递归过深（宏调用自身，或模板包含自身？）"),
        ("{{ lipsum(10**6) }}", "1: 模板错误：变量“lipsum”未定义"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{{ 'x' * 1000 }}{% endfor %}{% endfor %}",
         "0: 模板错误：模板输出超过 50000000 个字符，已停止"),
    ],
)
def test_hostile_templates_end_in_one_template_error(tmp_path: Path, source: str, expected: str) -> None:
    assert _render_error(tmp_path, source) == expected


def test_a_template_that_runs_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASPLAN_TEMPLATE_SECONDS", "0.5")
    source = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    assert _render_error(tmp_path, source).endswith("模板错误：模板运行超过 0.5 秒，已停止")


def test_an_include_linked_out_of_the_folder_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:$6$hash", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "leak.j2").symlink_to(secret)
    (folder / "t.j2").write_text("@正文 {% include 'leak.j2' %}\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        templating.render("t", [folder], {})
    (d,) = info.value.diagnostics
    assert d.message == "模板错误：模板“leak.j2”是指向模板目录之外的符号链接，拒绝读取"
    assert "root" not in d.message


def test_a_link_inside_the_folder_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.j2").write_text("@正文 好\n", encoding="utf-8")
    (tmp_path / "t.j2").symlink_to(tmp_path / "real.j2")
    assert templating.render("t", [tmp_path], {})[1] == "@正文 好\n"
