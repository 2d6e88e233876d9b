"""The spreadsheet round trip: LibreOffice opens our CSV (headless, converting it to
XLSX as Calc reads it) and openpyxl finds no formula in what it made; the same
cells written without the OWASP prefix do become formulas there (so the check
can fail), and our own XLSX stays formula-free through LibreOffice too."""

from communesplone.core.spreadsheets import csv_text
from communesplone.core.spreadsheets import xlsx_bytes
from spreadsheetcheck import cells
from spreadsheetcheck import formulas
from spreadsheetcheck import libreoffice_xlsx
from test_spreadsheets import ATTACKS

import csv
import io


def _raw_csv(rows, delimiter):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
        rows)
    return out.getvalue()


def test_libreoffice_reads_no_formula_from_our_csv_or_xlsx():
    rows = [[value, "Boulangerie"] for value in ATTACKS]
    converted = libreoffice_xlsx({
        "ours.csv": csv_text(["name", "note"], rows).encode("utf-8"),
        "unsafe.csv": _raw_csv([["name", "note"], *rows], ",").encode("utf-8"),
        "ours-xlsx.xlsx": xlsx_bytes(["name", "note"], rows),
    })
    # the control: written as given, LibreOffice computes the formulas
    assert [cell[2] for cell in formulas(converted["unsafe.csv"])] == [ATTACKS[0]]
    assert formulas(converted["ours.csv"]) == []
    assert formulas(converted["ours-xlsx.xlsx"]) == []
    # and LibreOffice still reads our XLSX's text as typed
    values = [cell[2] for cell in cells(converted["ours-xlsx.xlsx"]) if cell[1][0] == "A"]
    assert values[1] == ATTACKS[0]


def test_libreoffice_reads_no_formula_from_a_semicolon_csv():
    """The accounting export is split on ``;`` (a French spreadsheet's separator)."""
    rows = [[value, "12.50"] for value in ATTACKS]
    converted = libreoffice_xlsx({"orders.csv": csv_text(["document", "total"], rows,
                                                         delimiter=";").encode("utf-8")},
                                 delimiter=";")
    assert formulas(converted["orders.csv"]) == []
    assert len([cell for cell in cells(converted["orders.csv"]) if cell[1][0] == "B"]) == 8
