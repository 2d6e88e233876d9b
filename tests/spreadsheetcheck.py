"""Spreadsheet readers that are not ours: LibreOffice (headless) and openpyxl.

LibreOffice converts a CSV to XLSX as it would when staff open it (it turns a
cell such as ``=1+1`` into a live formula); openpyxl then says which cells of a
workbook are formulas. Used by the spreadsheet round trips of the exports.
"""

from pathlib import Path

import io
import openpyxl
import os
import pytest
import shutil
import subprocess
import tempfile

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def need_libreoffice():
    """Skip without LibreOffice on a developer's machine; in CI (``.ci/run`` installs
    it) its absence is a failure, so a missing install step cannot pass unseen."""
    if SOFFICE:
        return
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is missing: .ci/run installs libreoffice-calc-nogui")
    pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")


def libreoffice_xlsx(files, delimiter=","):
    """``{name: bytes}`` of CSV or XLSX files, converted to XLSX by LibreOffice in one
    run; answers ``{name: xlsx bytes}``. A private profile keeps it from handing the
    job to another LibreOffice that may run on the machine."""
    need_libreoffice()
    with tempfile.TemporaryDirectory(prefix="communesplone-lo-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        paths = []
        for name, data in files.items():
            path = root / "in" / name
            path.write_bytes(data)
            paths.append(str(path))
        # CSV filter: separator, text quote ("), UTF-8 (76), from line 1
        csv_filter = f"CSV:{ord(delimiter)},34,76,1"
        result = subprocess.run(
            [SOFFICE, f"-env:UserInstallation=file://{root}/profile", "--headless",
             "--norestore", f"--infilter={csv_filter}", "--convert-to", "xlsx",
             "--outdir", str(root / "out"), *paths],
            capture_output=True, text=True, timeout=180, env=dict(os.environ, HOME=tmp))
        out = {}
        for name in files:
            target = root / "out" / (Path(name).stem + ".xlsx")
            assert target.exists(), (name, result.stdout, result.stderr)
            out[name] = target.read_bytes()
        return out


def cells(xlsx):
    """Every non-empty cell of a workbook: ``(sheet, coordinate, value, data_type)``."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    return [(sheet.title, cell.coordinate, cell.value, cell.data_type)
            for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def formulas(xlsx):
    """The cells of a workbook that a spreadsheet would compute."""
    return [cell for cell in cells(xlsx) if cell[3] == "f"
            or isinstance(cell[2], str) and cell[2].startswith("=") and cell[3] != "s"]
