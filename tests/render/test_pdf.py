import pytest

from casplan.errors import UserError
from casplan.render import pdf


def test_missing_libreoffice_names_the_debian_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(UserError) as caught:
        pdf.soffice()
    (d,) = caught.value.diagnostics
    assert (d.code, d.message) == ("soffice-missing", "未找到 LibreOffice（soffice）：生成 PDF 和 --check 需要它；"
                                   "请安装 Debian 软件包 libreoffice-writer-nogui（apt-get install libreoffice-writer-nogui）")
