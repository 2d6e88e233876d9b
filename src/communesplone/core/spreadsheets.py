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
"""

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
