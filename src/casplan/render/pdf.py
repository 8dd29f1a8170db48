"""The PDF: the .docx converted by LibreOffice (`soffice --headless --convert-to pdf`).

LibreOffice is optional at run time: only `render X.pdf` and `render X.docx --check` need it,
and say which Debian package to install when it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from casplan.diagnostics import Diagnostic
from casplan.errors import UserError

PACKAGE = "libreoffice-writer-nogui"
# Keep the blank page an even-page section start inserts (before the 版记): it is part of the document.
FILTER = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'
TIMEOUT_S = 300


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise UserError([Diagnostic.make("soffice", (0, 0), "soffice-missing",
                                         f"未找到 LibreOffice（soffice）：生成 PDF 和 --check 需要它；"
                                         f"请安装 Debian 软件包 {PACKAGE}（apt-get install {PACKAGE}）")])
    return found


def convert(docx_files: list[Path], outdir: Path, env: dict[str, str] | None = None) -> list[Path]:
    """Convert .docx files to PDF in `outdir` in one LibreOffice run; the PDFs' paths, in order.

    A private LibreOffice profile keeps a running LibreOffice (or a locked profile) out of the way.
    """
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="casplan-lo-") as profile:
        cmd = [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", FILTER,
               "--outdir", str(outdir), *map(str, docx_files)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S,
                                  env={**os.environ, **(env or {})})
        except subprocess.TimeoutExpired:
            done = None
    pdfs = [outdir / (f.stem + ".pdf") for f in docx_files]
    missing = [p for p in pdfs if not p.is_file()]
    if done is None or missing:
        why = "超时" if done is None else (done.stderr.strip().splitlines() or ["无输出"])[-1]
        name = str(missing[0] if missing else pdfs[0])
        raise UserError([Diagnostic.make(name, (0, 0), "render-failed", f"LibreOffice 未能生成 PDF：{why}")])
    return pdfs
