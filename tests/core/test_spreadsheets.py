"""CSV injection (OWASP): no cell of an export can become a spreadsheet formula."""

from communesplone.core.spreadsheets import csv_text
from communesplone.core.spreadsheets import restore_cell
from communesplone.core.spreadsheets import safe_cell

import csv
import io
import pytest

ATTACKS = ['=HYPERLINK("http://evil.example","Cliquez")', "@SUM(1+1)", "+32 81 24 60 11",
           "-2+3", "\t=1+1", "\r=1+1", "'=1+1"]


@pytest.mark.parametrize("value", ATTACKS)
def test_formula_cells_are_neutralised_and_restored(value):
    cell = safe_cell(value)
    assert cell.startswith("'")
    assert restore_cell(cell) == value


@pytest.mark.parametrize("value", ["Boulangerie", "", "1.5", "a=b", "'quoted", None])
def test_plain_cells_are_left_as_typed(value):
    assert safe_cell(value) == ("" if value is None else value)
    assert restore_cell(safe_cell(value)) == safe_cell(value)


def test_every_cell_is_quoted_so_another_separator_cannot_open_a_cell():
    text = csv_text(["name", "note"], [["a;=1+1", "=2"]], delimiter=",")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").split("\r\n")
    assert lines[1] == '"a;=1+1","\'=2"'
    # a reader that splits on ";" (a French spreadsheet) keeps "a;=1+1" in one cell
    [row] = list(csv.reader(io.StringIO(lines[1]), delimiter=";"))
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


# --- XLSX (openpyxl reads back what we write) --------------------------------


def test_xlsx_holds_the_values_as_typed_and_no_formula():
    from communesplone.core.spreadsheets import xlsx_bytes
    from spreadsheetcheck import cells
    from spreadsheetcheck import formulas

    xlsx = xlsx_bytes(["name", "total"], [[value, 12.5] for value in ATTACKS],
                      title="Commandes: 2026/01 [test]")
    assert formulas(xlsx) == []
    found = cells(xlsx)
    assert {cell[0] for cell in found} == {"Commandes  2026 01  test"}
    texts = [cell[2] for cell in found if cell[1].startswith("A")][1:]
    # the text as typed (a tab, a carriage return kept), stored as text
    assert texts == ATTACKS
    assert [cell[2:] for cell in found if cell[1] == "B2"] == [(12.5, "n")]


def test_xlsx_marks_formula_like_text_as_typed_after_an_apostrophe():
    """``quotePrefix``: the cell stays text when someone edits it in the spreadsheet."""
    from communesplone.core.spreadsheets import xlsx_bytes

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(["v"], [["=1+1"], ["Boulangerie"]])))
    sheet = book.active
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"
    assert sheet["A2"].quotePrefix is True
    assert sheet["A3"].quotePrefix is False


def test_xlsx_drops_characters_xml_cannot_hold():
    from communesplone.core.spreadsheets import xlsx_bytes
    from spreadsheetcheck import cells

    xlsx = xlsx_bytes(["v"], [["a\x00b\x0bc"], [None], [True]])
    assert [cell[2] for cell in cells(xlsx)] == ["v", "abc", "True"]
