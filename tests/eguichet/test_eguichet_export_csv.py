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
