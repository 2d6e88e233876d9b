"""The accounting export cannot carry a formula into the spreadsheet staff open (CSV
injection): a document type named like a formula comes out as text."""

from eguichethelpers import make_type
from eguichethelpers import order
from plone import api
from plone.app.testing import login

import csv
import io

FORMULA = '=HYPERLINK("http://evil.example","Cliquez")'


def test_orders_export_neutralises_formulas(site):
    doctype = make_type(site.catalog, "piege", title=FORMULA)
    login(site.portal, "alice")
    order(site.catalog, doctype)
    login(site.portal, "paula")
    request = site.portal.REQUEST
    body = api.content.get_view("orders-export", site.catalog, request)()
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["reference", "created", "document"]
    [line] = rows[1:]
    assert line[2] == "'" + FORMULA
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows
                   for cell in row)


def test_orders_export_as_xlsx_has_the_same_table_and_no_formula(site):
    """``format=xlsx``: the same columns and rows, totals as numbers, no formula, also
    once LibreOffice has opened the CSV and the XLSX."""
    from communesplone.core.spreadsheets import XLSX_MIMETYPE
    from spreadsheetcheck import formulas
    from spreadsheetcheck import libreoffice_xlsx

    import openpyxl

    doctype = make_type(site.catalog, "piege", title=FORMULA)
    login(site.portal, "alice")
    order(site.catalog, doctype)
    login(site.portal, "paula")
    request = site.portal.REQUEST
    csv_body = api.content.get_view("orders-export", site.catalog, request)()
    request.form["format"] = "xlsx"
    xlsx = api.content.get_view("orders-export", site.catalog, request)()
    assert request.response.getHeader("Content-Type") == XLSX_MIMETYPE
    assert formulas(xlsx) == []
    table = list(openpyxl.load_workbook(io.BytesIO(xlsx)).active.iter_rows(values_only=True))
    rows = list(csv.reader(io.StringIO(csv_body.lstrip("\ufeff")), delimiter=";"))
    assert list(table[0]) == rows[0]
    [line] = table[1:]
    assert line[2] == FORMULA
    assert isinstance(line[5], (int, float)) and f"{line[5]:.2f}" == rows[1][5]
    converted = libreoffice_xlsx({"orders.csv": csv_body.encode("utf-8")}, delimiter=";")
    assert formulas(converted["orders.csv"]) == []
    assert formulas(libreoffice_xlsx({"orders.xlsx": xlsx})["orders.xlsx"]) == []


def test_the_dashboard_offers_both_exports(site):
    login(site.portal, "paula")
    page = api.content.get_view("orders-dashboard", site.catalog, site.portal.REQUEST)()
    assert 'name="format" value="xlsx"' in page and 'name="format" value="csv"' in page
