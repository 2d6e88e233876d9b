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
