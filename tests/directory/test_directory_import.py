"""CSV import in the export's format: a round trip, all or nothing, the report of refusals."""

from communesplone.directory.browser.exports import published_brains
from communesplone.directory.exports import record
from communesplone.directory.exports import to_csv
from communesplone.directory.importer import import_csv
from directoryhelpers import entries_of
from directoryhelpers import make_business
from directoryhelpers import get
from plone import api

import csv
import io
import re
import requests
import transaction


def test_round_trip_into_another_directory(directory, integration):
    make_business(directory, "boulangerie", title="Boulangerie", box="2",
                  social_links=["https://www.facebook.com/b"], payment_methods=["cash"],
                  translations={"nl": {"title": "Bakkerij"}})
    make_business(directory, "boucherie", title="Boucherie", latitude=None, longitude=None)
    make_business(directory, "piege", title='=HYPERLINK("http://evil.example","Cliquez")',
                  description="@SUM(1+1)", phone="+32 81 24 60 11")
    data = to_csv([record(brain.getObject()) for brain in published_brains(directory)])
    # CSV injection: no cell a spreadsheet would read as a formula
    cells = [cell for row in csv.reader(io.StringIO(data.lstrip("\ufeff"))) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert "'@SUM(1+1)" in cells and "'+32 81 24 60 11" in cells
    with api.env.adopt_roles(["Manager"]):
        other = api.content.create(container=integration["portal"], type="BusinessDirectory",
                                   id="copie", title="Copie", categories=directory.categories)
        report = import_csv(other, data.encode("utf-8"), publish=True)
    assert report.ok, report.rejected
    assert sorted(report.created) == ["boucherie", "boulangerie", "piege"]
    assert other["piege"].title == directory["piege"].title  # read back as it was typed
    assert other["piege"].description == "@SUM(1+1)"
    assert other["piege"].phone == "+32 81 24 60 11"
    copy, original = other["boulangerie"], directory["boulangerie"]
    for name in ("title", "box", "postcode", "latitude", "categories", "opening_hours",
                 "social_links", "payment_methods", "translations", "email"):
        assert getattr(copy, name) == getattr(original, name), name
    assert other["boucherie"].latitude is None
    assert api.content.get_state(obj=copy) == "published"
    # the same file again updates
    with api.env.adopt_roles(["Manager"]):
        again = import_csv(other, data)
    assert sorted(again.updated) == ["boucherie", "boulangerie", "piege"]
    assert again.created == []


def _csv(rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "title", "postcode", "email", "categories",
                                             "opening_hours", "latitude"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_all_or_nothing_with_report(directory):
    data = _csv([
        {"id": "", "title": "Bon", "postcode": "5000", "email": "a@b.be"},
        {"id": "", "title": "Mauvais code", "postcode": "50", "email": "a@b.be"},
        {"id": "", "title": "", "postcode": "5000", "email": "pas-un-mail"},
        {"id": "", "title": "Heures", "opening_hours": '{"weekly": {"monday": [["18:00", '
         '"09:00"]]}}', "latitude": "95"},
        {"id": "", "title": "Catégorie", "categories": "Inconnue > Rien"},
    ])
    with api.env.adopt_roles(["Manager"]):
        report = import_csv(directory, data)
    assert not report.ok
    refused = {(line, column) for line, column, _message in report.rejected}
    assert refused == {(3, "postcode"), (4, "title"), (4, "email"), (5, "opening_hours"),
                       (5, "latitude"), (6, "categories")}
    assert report.created == []
    assert entries_of(directory) == []  # only its dashboard and faceted listing
    with api.env.adopt_roles(["Manager"]):
        assert not import_csv(directory, "nom,adresse\nx,y\n").ok


def test_import_page_for_editors_only(live):
    url = f"{live['url']}/@@import-businesses"
    assert get(url, "alice", allow_redirects=False).status_code in (302, 401, 403)
    assert get(url, allow_redirects=False).status_code in (302, 401, 403)
    session = requests.Session()
    session.auth = ("eva", "secret-password-123")
    page = session.get(url, timeout=60)
    assert page.status_code == 200
    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)
    bad = _csv([{"title": "A", "postcode": "1"}, {"title": "B", "postcode": "5000"}])
    answer = session.post(url, data={"_authenticator": token},
                          files={"file": ("a.csv", bad.encode(), "text/csv")}, timeout=60)
    assert answer.status_code == 400
    assert "postcode" in answer.text
    transaction.begin()
    assert "Business" not in [o.portal_type for o in live["directory"].objectValues()]
    good = _csv([{"title": "A", "postcode": "5000"}, {"title": "B", "postcode": "5100"}])
    answer = session.post(url, data={"_authenticator": token, "publish": "1"},
                          files={"file": ("a.csv", good.encode(), "text/csv")}, timeout=60)
    assert answer.status_code == 200, answer.text
    transaction.begin()
    assert len(list(published_brains(live["directory"]))) == 2
