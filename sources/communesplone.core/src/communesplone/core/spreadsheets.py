"""CSV that a spreadsheet reads as data, never as a formula (CSV injection).

Staff open the exports in LibreOffice Calc or Excel. A cell that starts with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before one) is read
as a formula there: a business named ``=HYPERLINK("http://…","Cliquez")`` or a
description ``@SUM(1+1)`` would run when the export is opened. OWASP's remedy,
applied to every cell of every CSV the project writes: prefix such a cell
with a single quote (the spreadsheet shows the text as typed) and wrap every
cell in double quotes, so that a reader that splits on another separator (a
French Excel splits on ``;``) cannot start a new cell inside a value.

:func:`restore_cell` undoes the prefix for the files we read back (the
directory imports its own export).

:func:`xlsx_bytes` writes the same table as an XLSX workbook (openpyxl), since
that is what staff open. There the same cells are neutralised the way a
spreadsheet itself stores a text typed after an apostrophe: a text cell (never
a formula cell) with the ``quotePrefix`` style, so the value reads as typed and
stays text when someone edits it. Numbers stay numbers (a total can be summed).
"""

from decimal import Decimal

import csv
import io

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as text a spreadsheet shows as typed; ``None`` is an empty cell."""
    text = "" if value is None else str(value)
    if text.startswith(TRIGGERS) or (text.startswith("'") and text[1:].startswith(TRIGGERS)):
        # the second case keeps the round trip exact: "'=x" is written "''=x"
        return "'" + text
    return text


def restore_cell(text):
    """The value :func:`safe_cell` neutralised, back as it was typed."""
    if text and text.startswith("'") and (text[1:].startswith(TRIGGERS)
                                          or text[1:].startswith("'")
                                          and text[2:].startswith(TRIGGERS)):
        return text[1:]
    return text


def csv_text(header, rows, delimiter=",", bom=True):
    """A whole CSV file (CRLF lines, every cell quoted and neutralised) as text.

    ``bom``: a UTF-8 byte-order mark first, so that spreadsheets read the
    accents right.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" if bom else "") + out.getvalue()


#: The media type of an XLSX workbook (ECMA-376, as registered with IANA).
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Characters a sheet's title may not hold (ECMA-376 18.3.1.1 / Excel).
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return WriteOnlyCell(sheet, value)
    # control characters other than tab and line breaks are not allowed in XML
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    cell = WriteOnlyCell(sheet, text)
    # openpyxl makes any text that starts with "=" a formula: never here
    cell.data_type = "s"
    if text.startswith(TRIGGERS):
        cell.quotePrefix = True
    return cell


def xlsx_bytes(header, rows, title="Export"):
    """The table of :func:`csv_text` as an XLSX workbook of one sheet, as bytes.

    Every text cell is stored as text, so no cell is a formula whatever it holds;
    ``int``, ``float`` and ``Decimal`` values are stored as numbers. ``title``:
    the sheet's name (cut to the 31 characters a spreadsheet allows).
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=(str(title).translate(_SHEET_TITLE_FORBIDDEN).strip()
                                     or "Export")[:31])
    sheet.append([_xlsx_cell(sheet, cell) for cell in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
