"""Every bad input gets a translated 400 (or 413), never a 500, and leaves nothing behind.

From the attacker's side, over real HTTP on a French site: a table of bodies
(malformed JSON, a list, ``null``, a string, invalid UTF-8, NaN, too large)
sent to every REST endpoint that accepts a body, and a table of bad field
values (wrong types, nulls, huge and control-character strings, huge
numbers, dates out of range) sent where citizens write. Each answer must be
a 4xx JSON error whose message is French (none of the English that Python,
zope.schema or plone.restapi would say), without a ``traceback`` key, and no
booking or order may be left behind.
"""

from datetime import timedelta
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import sys
import transaction

for _folder in ("booking", "eguichet"):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / _folder))

from bookinghelpers import booking_json  # noqa: E402
from bookinghelpers import make_resource  # noqa: E402
from bookinghelpers import next_monday  # noqa: E402
from bookinghelpers import TZ  # noqa: E402
from eguichethelpers import make_site  # noqa: E402
from eguichethelpers import order_json  # noqa: E402
from eguichethelpers import orders_in  # noqa: E402
from eguichethelpers import PASSWORD  # noqa: E402

#: What must never reach a citizen: Python's, zope.schema's, plone.restapi's English.
ENGLISH = ("invalid literal", "Setting it to null", "is a required field", "wrong type",
           "No JSON object", "Malformed body", "Traceback", "Object is of", "Error",
           "Constraint not satisfied", "is not valid", "Value is too")


@pytest.fixture
def live(functional):
    portal = functional["portal"]
    api.portal.set_registry_record("plone.portal_timezone", TZ)
    eguichet = make_site(portal)
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                    title="Salles")
    resource = make_resource(folder, "salle-ouverte", audience="anonymous")
    transaction.commit()
    return {"portal": portal, "resource": resource, "eguichet": eguichet}


def send(method, url, user=None, body=None, json=None, headers=None):
    sent = {"Accept": "application/json", "Content-Type": "application/json",
            "Accept-Language": "fr"}
    sent.update(headers or {})
    auth = (user, SITE_OWNER_PASSWORD if user == SITE_OWNER_NAME else PASSWORD) \
        if user else None
    return requests.request(method, url, headers=sent, auth=auth, timeout=60, data=body,
                            json=json)


def assert_refused_in_french(answer, statuses=(400,)):
    assert answer.status_code in statuses, (answer.status_code, answer.text[:500])
    data = answer.json()
    assert "traceback" not in data and "traceback" not in data.get("error", {})
    error = data.get("error", data)
    message = error["message"]
    texts = [message] + [item["message"] for item in error.get("errors", [])]
    for text in texts:
        assert text and not any(word in text for word in ENGLISH), text
    return error


def nothing_left(live):
    assert orders_in(live["eguichet"].catalog) == []
    assert live["resource"].objectIds() == []


BODIES = {
    "malformed": b'{"@type": "Booking", "title": ',
    "list": b'[{"@type": "Booking"}]',
    "null": b"null",
    "string": b'"Booking"',
    "number": b"42",
    "invalid utf-8": b'{"requester_name": "\xff\xfe caf\xe9"}',
    "NaN": b'{"attendees": NaN}',
    "deep": b"[" * 100_000 + b"]" * 100_000,
}


def _endpoints(live):
    """``(method, url, user)``: every REST endpoint of the site's content that takes a body."""
    resource = live["resource"].absolute_url()
    catalog = live["eguichet"].catalog.absolute_url()
    return [
        ("POST", resource, None),  # a booking, anonymous
        ("POST", f"{resource}/@booking-access", SITE_OWNER_NAME),
        ("POST", catalog, "alice"),  # an order
        ("POST", f"{catalog}/@import-statement", "paula"),
        ("PATCH", resource, SITE_OWNER_NAME),
        ("POST", f"{resource}/@workflow/publish", SITE_OWNER_NAME),
    ]


def test_unreadable_bodies_answer_400_in_french_everywhere(live):
    for method, url, user in _endpoints(live):
        for name, body in BODIES.items():
            answer = send(method, url, user, body=body)
            assert answer.status_code != 500, (method, url, name, answer.text[:300])
            error = assert_refused_in_french(answer)
            assert error["message"].startswith("Le corps de la requête"), (name, url, error)
    nothing_left(live)


def test_a_body_too_large_answers_413(live):
    body = b'{"requester_name": "' + b"x" * (3 * 1024 * 1024) + b'"}'
    answer = send("POST", live["resource"].absolute_url(), body=body)
    error = assert_refused_in_french(answer, statuses=(413,))
    assert "Mo" in error["message"]
    nothing_left(live)


def _booking(**fields):
    start = next_monday(weeks=2, hour=10)
    data = booking_json(start, start + timedelta(hours=1))
    data.update(fields)
    return data


HUGE = "x" * 1_048_576
BAD_BOOKINGS = {
    "huge name": ({"requester_name": HUGE}, "requester_name"),
    "huge purpose": ({"purpose": HUGE}, "purpose"),
    "huge notes": ({"notes": "y" * 5001}, "notes"),
    "NUL in name": ({"requester_name": "Alice\x00Martin"}, "requester_name"),
    "escape in notes": ({"notes": "a\x1b[31mred"}, "notes"),
    "line break in a name": ({"requester_name": "Alice\nMartin"}, "requester_name"),
    "lone surrogate": ({"purpose": "caf\ud800"}, "purpose"),
    "null name": ({"requester_name": None}, "requester_name"),
    "number as name": ({"requester_name": 42}, "requester_name"),
    "true attendees": ({"attendees": True}, "attendees"),
    "text attendees": ({"attendees": "abc"}, "attendees"),
    "float attendees": ({"attendees": 2.5}, "attendees"),
    "huge attendees": ({"attendees": 10**30}, "attendees"),
    "negative attendees": ({"attendees": -5}, "attendees"),
    "year 9999": ({"start": "9999-12-31T00:00", "end": "9999-12-31T23:00"}, "start"),
    "list as start": ({"start": ["a", "b"]}, "start"),
    "object as start": ({"start": {"a": 1}}, "start"),
    "bad choice": ({"repeat": "hourly"}, "repeat"),
}


def test_bad_booking_fields_answer_400_per_field_in_french(live):
    url = live["resource"].absolute_url()
    for name, (fields, field) in BAD_BOOKINGS.items():
        answer = send("POST", url, json=_booking(**fields))
        error = assert_refused_in_french(answer)
        assert field in [item["field"] for item in error["errors"]], (name, error)
    nothing_left(live)


def test_type_errors_name_the_field_in_the_sites_language(live):
    url = live["resource"].absolute_url()
    body = _booking(attendees=1)
    raw = __import__("json").dumps(body).replace('"attendees": 1', '"attendees": 1e309')
    answer = send("POST", url, body=raw.encode())
    [item] = assert_refused_in_french(answer)["errors"]
    assert item["field"] == "attendees"
    answer = send("POST", url, json=_booking(attendees=True))
    [item] = assert_refused_in_french(answer)["errors"]
    assert item["message"] == "Nombre de personnes : un nombre entier est attendu"
    answer = send("POST", url, json=_booking(requester_name=None))
    [item] = assert_refused_in_french(answer)["errors"]
    assert item["message"] == "Votre nom : ce champ est obligatoire"
    answer = send("POST", url, json=_booking(requester_name="Alice\x00"),
                  headers={"Accept-Language": "nl"})
    assert answer.status_code == 400


BAD_ORDERS = {
    "text quantity": ({"quantity": "abc"}, "quantity"),
    "true quantity": ({"quantity": True}, "quantity"),
    "huge quantity": ({"quantity": 10**40}, "quantity"),
    "null name": ({"applicant_name": None}, "applicant_name"),
    "NUL in name": ({"applicant_name": "Alice\x00"}, "applicant_name"),
    "huge name": ({"applicant_name": HUGE}, "applicant_name"),
    "huge address": ({"applicant_address": HUGE}, "applicant_address"),
    "list as e-mail": ({"applicant_email": ["a@b.be"]}, "applicant_email"),
}


def test_bad_order_fields_answer_400_per_field_in_french(live):
    eguichet = live["eguichet"]
    for name, (fields, field) in BAD_ORDERS.items():
        answer = send("POST", eguichet.url, "alice",
                      json=order_json(eguichet.residence, **fields))
        error = assert_refused_in_french(answer)
        assert field in [item["field"] for item in error["errors"]], (name, error)
    answer = send("POST", eguichet.url, "alice",
                  json=order_json(eguichet.residence, quantity="abc"))
    [item] = [i for i in answer.json()["error"]["errors"] if i["field"] == "quantity"]
    assert item["message"] == "Nombre d'exemplaires : un nombre entier est attendu"
    nothing_left(live)


@pytest.mark.parametrize("query", [
    "start=9999-12-31T00:00&end=9999-12-31T23:00",
    "start:list=a&start:list=b",
    "start=0001-01-01T00:00",
    "start=2026-13-45",
    "end.x:record=1",
])
def test_availability_answers_400_for_dates_it_cannot_read(live, query):
    answer = requests.get(f"{live['resource'].absolute_url()}/@availability?{query}",
                          headers={"Accept": "application/json", "Accept-Language": "fr"},
                          timeout=60)
    assert_refused_in_french(answer)


def test_administrators_errors_carry_no_traceback(live):
    portal_url = live["portal"].absolute_url()
    answer = send("POST", portal_url, SITE_OWNER_NAME,
                  json={"@type": "Document", "title": "x", "effective": "not a date"})
    assert 400 <= answer.status_code < 500, answer.text
    assert "traceback" not in answer.json()
    answer = send("GET", f"{portal_url}/no-such-thing", SITE_OWNER_NAME)
    assert answer.status_code == 404 and "traceback" not in answer.json()


def test_a_good_booking_still_goes_through(live):
    answer = send("POST", live["resource"].absolute_url(),
                  json=_booking(requester_name="Zoë d'Ans\tMartin", notes="Ligne 1\nLigne 2"))
    assert answer.status_code == 201, answer.text


def french_site():
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl"])
    transaction.commit()


def test_state_titles_in_rest_answers_are_in_the_sites_language(live):
    french_site()
    made = send("POST", live["resource"].absolute_url(), json=_booking())
    assert made.status_code == 201, made.text
    url = made.json()["@id"]
    answer = send("GET", f"{url}/@workflow", SITE_OWNER_NAME)
    assert answer.status_code == 200, answer.text
    assert answer.json()["state"] == {"id": "pending", "title": "En attente"}
    assert {item["title"] for item in answer.json()["transitions"]} == {
        "Annuler", "Confirmer", "Refuser"}
    order = send("POST", live["eguichet"].url, "alice",
                 json=order_json(live["eguichet"].residence))
    assert order.status_code == 201, order.text
    answer = send("GET", f"{order.json()['@id']}/@workflow", "alice")
    title = answer.json()["state"]["title"]
    assert title not in ("Awaiting payment", "Submitted"), title
    answer = send("GET", order.json()["@id"], "alice")
    assert answer.status_code == 200
