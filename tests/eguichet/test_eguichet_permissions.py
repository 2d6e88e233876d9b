"""Who sees an order: its applicant and the processing service, nobody else.

Over the live server: the order page, REST GET, @search, the staff dashboard
and the CSV export, as the applicant (alice), another citizen (bob),
anonymous, another service (cedric, civil status) and the processing
service (paula, population).
"""

from eguichethelpers import order_json
from eguichethelpers import orders_in
from eguichethelpers import rest
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import csv
import io
import pytest
import requests

SEES = {"alice": True, "paula": True, "bob": False, None: False, "cedric": False}


@pytest.fixture
def made(live):
    answer = rest("POST", live.url, "alice", json=order_json(live.residence))
    assert answer.status_code == 201, answer.text
    return answer.json()


def _browser(url, user):
    from eguichethelpers import PASSWORD

    auth = (user, PASSWORD) if user else None
    return requests.get(url, auth=auth, timeout=60, allow_redirects=False)


@pytest.mark.parametrize("user", list(SEES))
def test_order_page_and_rest(live, made, user):
    reference = made["reference"]
    page = _browser(made["@id"], user)
    api_answer = rest("GET", made["@id"], user)
    if SEES[user]:
        assert page.status_code == 200 and reference in page.text
        assert api_answer.status_code == 200 and api_answer.json()["reference"] == reference
    else:
        assert page.status_code in (302, 401, 403, 404)
        assert reference not in page.text and "Alice Martin" not in page.text
        assert api_answer.status_code in (401, 403, 404)
        assert reference not in api_answer.text and "Alice" not in api_answer.text


@pytest.mark.parametrize("user", list(SEES))
def test_search(live, made, user):
    portal_url = live.portal.absolute_url()
    by_type = rest("GET", f"{portal_url}/@search?portal_type=DocumentOrder", user).json()
    by_text = rest("GET", f"{portal_url}/@search?SearchableText={made['reference']}",
                   user).json()
    expected = 1 if SEES[user] else 0
    assert by_type["items_total"] == expected
    assert by_text["items_total"] == expected
    listing = _browser(live.url, user)
    assert made["reference"] not in listing.text  # the public e-guichet page


@pytest.mark.parametrize("user, status, lines", [
    ("paula", 200, 1), ("cedric", 200, 0), ("alice", 401, 0), ("bob", 401, 0),
    (None, 401, 0),
])
def test_csv_export_and_dashboard(live, made, user, status, lines):
    export = _browser(f"{live.url}/@@orders-export", user)
    xlsx = _browser(f"{live.url}/@@orders-export?format=xlsx", user)
    dashboard = _browser(f"{live.url}/@@orders-dashboard?filter=all", user)
    if status == 200:
        import openpyxl

        assert xlsx.status_code == 200
        table = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(
            values_only=True))
        assert len(table) - 1 == lines
        assert "Alice" not in str(table)
        assert export.status_code == 200
        assert export.headers["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][:3] == ["reference", "created", "document"]
        assert len(rows) - 1 == lines
        assert "Alice" not in export.text  # figures, not personal data
        assert dashboard.status_code == 200
        assert (made["reference"] in dashboard.text) == bool(lines)
    else:
        assert export.status_code in (302, 401, 403)
        assert made["reference"] not in export.text
        assert xlsx.status_code in (302, 401, 403)
        assert not xlsx.content.startswith(b"PK")  # no workbook, whatever the status
        assert dashboard.status_code in (302, 401, 403)


def test_anonymous_tracking_link(live):
    made = rest("POST", live.url, json=order_json(live.regulation, answers={},
                                                  applicant_email="zoe@example.org"))
    assert made.status_code == 201, made.text
    [order] = orders_in(live.catalog)
    from communesplone.eguichet.tracking import tracking_url

    link = tracking_url(order)
    query = parse_qs(urlsplit(link).query)
    assert query["ref"] == [order.reference] and len(query["token"][0]) >= 40
    page = requests.get(link, timeout=60)
    assert page.status_code == 200 and order.reference in page.text, page.text[-3000:]
    wrong = requests.get(link.replace(query["token"][0], "x" * 43), timeout=60)
    assert wrong.status_code == 404 and order.reference not in wrong.text
    # the order itself stays closed to anonymous
    assert requests.get(order.absolute_url(), timeout=60,
                        allow_redirects=False).status_code in (302, 401, 403)
    # cancel through the link (with the form's CSRF token from the page)
    session = requests.Session()
    page = session.get(link, timeout=60)
    import re

    token = re.search(r'name="_authenticator"\s+value="([^"]+)"', page.text).group(1)
    cancelled = session.post(link.split("?")[0], data={
        "_authenticator": token, "action": "cancel", "ref": order.reference,
        "token": query["token"][0]}, timeout=60)
    assert cancelled.status_code == 200, cancelled.text[-2000:]
    from plone import api
    import transaction

    transaction.begin()
    assert api.content.get_state(order) == "cancelled"
