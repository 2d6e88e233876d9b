"""Bad input to every REST service of every add-on that takes a body: a translated 4xx.

The services are read from every add-on's ``services/**/configure.zcml``
(``<plone:service method="POST|PATCH|PUT">``), not listed by hand: a new
service without a row in :data:`TABLE` fails
:func:`test_every_service_that_takes_a_body_is_in_the_table`. Each row says
where the service is called (a context made by :func:`live`), by whom, with
which good body, and what kind of value each of its fields holds. Every
service then receives, over real HTTP on a French site:

* bodies no reader can take (malformed JSON, a list, ``null``, a string, a
  number, invalid UTF-8, ``NaN``, 100,000 nested lists);
* the good body with one field replaced by a value of the wrong kind, ``null``,
  a 1 MB string, control characters, negative and huge numbers, dates out of
  range, lists and objects where a text is expected.

Each answer must be a 4xx (never a 5xx) JSON error whose message is French
(the Dutch answer to the same request is another text: it was translated),
without a ``traceback`` key; and the database must not have changed (no
transaction committed: nothing half-written is left behind).
"""

from datetime import timedelta
from pathlib import Path
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from xml.etree import ElementTree

import json
import pytest
import requests
import sys
import transaction

TESTS = Path(__file__).resolve().parents[1]
for _folder in ("booking", "eguichet", "deliberations"):
    sys.path.insert(0, str(TESTS / _folder))

from bookinghelpers import make_resource  # noqa: E402
from bookinghelpers import next_monday  # noqa: E402
from bookinghelpers import TZ  # noqa: E402
from deliberationhelpers import attend  # noqa: E402
from deliberationhelpers import make_council  # noqa: E402
from deliberationhelpers import make_item  # noqa: E402
from deliberationhelpers import make_meeting  # noqa: E402
from deliberationhelpers import make_users  # noqa: E402
from deliberationhelpers import present  # noqa: E402
from deliberationhelpers import published_meeting  # noqa: E402
from deliberationhelpers import transition  # noqa: E402
from communesplone.deliberations.advice import request_advice  # noqa: E402
from eguichethelpers import make_site  # noqa: E402
from eguichethelpers import PASSWORD  # noqa: E402

from layout import package_glob  # noqa: E402
PLONE = "{http://namespaces.plone.org/plone}service"
WRITES = ("POST", "PATCH", "PUT")

#: What must never reach a citizen: Python's, zope.schema's, plone.restapi's English.
ENGLISH = ("invalid literal", "Setting it to null", "is a required field", "wrong type",
           "No JSON object", "Malformed body", "Traceback", "Object is of", "Error",
           "Constraint not satisfied", "is not valid", "Value is too", "unhashable",
           "object has no attribute", "NoneType", "not supported", "Unknown", "must be",
           "This link", "Invalid", "None")


def declared_services():
    """``{(name, method, for)}`` of every ``plone:service`` with a body, in every add-on."""
    found = set()
    for zcml in package_glob("*/services/**/configure.zcml"):
        for element in ElementTree.parse(zcml).getroot().iter(PLONE):
            method = element.get("method", "GET").upper()
            if method in WRITES:
                found.add((element.get("name"), method, element.get("for").rsplit(".", 1)[1]))
    return found


# --- the contexts ----------------------------------------------------------------


def _anonymous_booking(resource):
    from plone.dexterity.utils import createContentInContainer

    start = next_monday(weeks=3, hour=14)
    with api.env.adopt_roles(["Anonymous"]):
        return createContentInContainer(
            resource, "Booking", title="booking", start=start, end=start + timedelta(hours=1),
            requester_name="Jean Visiteur", requester_email="jean@example.org",
            purpose="Réunion de parents", attendees=5)


@pytest.fixture
def live(functional):
    portal = functional["portal"]
    api.portal.set_registry_record("plone.portal_timezone", TZ)
    api.portal.set_registry_record("plone.default_language", "fr")
    api.portal.set_registry_record("plone.available_languages", ["fr", "nl"])
    eguichet = make_site(portal)
    with api.env.adopt_roles(["Manager"]):
        folder = api.content.create(container=portal, type="ResourceFolder", id="salles",
                                    title="Salles")
    resource = make_resource(folder, "salle-ouverte", audience="anonymous")
    booking = _anonymous_booking(resource)
    make_users()
    council = make_council(portal)
    _meeting, decided, _closed = published_meeting(council)
    # an agenda still being built, and an item waiting for it
    building = make_meeting(council, days=30)
    waiting = make_item(council, "Point en attente")
    transition(waiting, "propose", "eco")
    transition(waiting, "validate")
    # a session in progress with an item to vote on
    session = make_meeting(council, days=12)
    voting = make_item(council, "Point à voter")
    present(voting, session)
    attend(session)
    transition(session, "freeze")
    transition(session, "open_session")
    # an item that waits for advice
    advised = make_item(council, "Point pour avis", financial_impact=50000)
    transition(advised, "propose", "eco")
    with api.env.adopt_user(username="clerk"):
        request_advice(advised, "communesplone-population")
    transaction.commit()
    return {"portal": portal, "db": portal._p_jar.db(), "resource": resource,
            "booking": booking, "eguichet": eguichet, "council": council,
            "decided": decided, "building": building, "waiting": waiting,
            "voting": voting, "advised": advised}


# --- one row per service: where, who, a good body, the kind of each field ---------

def _access(live):
    booking = live["booking"]
    start = next_monday(weeks=3, hour=16)
    return (f"{live['resource'].absolute_url()}/@booking-access", None,
            {"booking": booking.UID(), "token": booking._access_token, "action": "move",
             "occurrence": booking.start.isoformat(), "scope": "one",
             "start": start.isoformat(), "end": (start + timedelta(hours=1)).isoformat(),
             "comment": "Plus tard"},
            {"booking": "id!", "token": "id!", "action": "id!", "occurrence": "datetime",
             "scope": "id", "start": "datetime", "end": "datetime", "comment": "text"})


def _occurrences(live):
    booking = live["booking"]
    start = next_monday(weeks=3, hour=18)
    return (f"{booking.absolute_url()}/@occurrences", SITE_OWNER_NAME,
            {"action": "move", "occurrence": booking.start.isoformat(), "scope": "one",
             "start": start.isoformat(), "end": (start + timedelta(hours=1)).isoformat(),
             "comment": "Déplacée"},
            {"action": "id!", "occurrence": "datetime", "scope": "id", "start": "datetime",
             "end": "datetime", "comment": "text"})


def _statement(live):
    return (f"{live['eguichet'].url}/@import-statement", "paula",
            {"filename": "releve.csv", "data": "bm9uZQ==", "format": "csv"},
            {"filename": "text", "data": "text", "format": "id"})


def _agenda(live):
    return (f"{live['building'].absolute_url()}/@agenda", "clerk",
            {"action": "add", "item": live["waiting"].UID()},
            {"action": "id!", "item": "id", "order": "list"})


def _vote(live):
    url = f"{live['voting'].absolute_url()}/@vote"
    return [(url, "clerk", {"mode": "nominal", "votes": {"m1": "yes", "m2": "no"}},
             {"mode": "id", "votes": "votes"}),
            (url, "clerk", {"mode": "summary", "counts": {"yes": 2, "no": 4},
                            "outcome": "accepted", "reason": "Erreur de comptage"},
             {"counts": "counts", "outcome": "id", "reason": "text"})]


def _advice(live):
    url = f"{live['advised'].absolute_url()}/@advice"
    return [(url, "clerk", {"request": "communesplone-finance"}, {"request": "id!"}),
            (url, "pop", {"service": "communesplone-population", "answer": "remarks",
                          "comment": "Voir le plan"},
             {"service": "id!", "answer": "id!", "comment": "text"})]


def _send_to(live):
    return (f"{live['decided'].absolute_url()}/@send-to", "clerk",
            {"assembly": live["council"].UID()}, {"assembly": "id"})


def _correction(live):
    return (f"{live['decided'].absolute_url()}/@correction", "clerk",
            {"field": "title", "value": "Rénovation de la place", "reason": "Coquille"},
            {"field": "id", "value": "text", "reason": "text"})


def _meeting_workflow(live):
    return (f"{live['building'].absolute_url()}/@workflow/freeze", "clerk",
            {"comment": "Ordre du jour arrêté"}, {"comment": "text"})


def _item_workflow(live):
    return (f"{live['waiting'].absolute_url()}/@workflow/present", "clerk",
            {"comment": "Présenté"}, {"comment": "text"})


TABLE = {
    ("@booking-access", "POST", "IResource"): _access,
    ("@occurrences", "POST", "IBooking"): _occurrences,
    ("@import-statement", "POST", "IDocumentCatalog"): _statement,
    ("@agenda", "POST", "IMeeting"): _agenda,
    ("@vote", "POST", "IMeetingItem"): _vote,
    ("@advice", "POST", "IMeetingItem"): _advice,
    ("@send-to", "POST", "IMeetingItem"): _send_to,
    ("@correction", "POST", "IMeetingItem"): _correction,
    ("@workflow", "POST", "IMeeting"): _meeting_workflow,
    ("@workflow", "POST", "IMeetingItem"): _item_workflow,
}


def test_every_service_that_takes_a_body_is_in_the_table():
    declared = declared_services()
    assert {"@occurrences", "@vote", "@advice", "@send-to", "@correction", "@agenda"} <= {
        name for name, _method, _for in declared}
    missing = declared - set(TABLE)
    assert not missing, f"services with a body but no row in TABLE: {sorted(missing)}"
    assert not set(TABLE) - declared, "rows of TABLE for services that no longer exist"


# --- the bad inputs -------------------------------------------------------------

HUGE = "x" * 1_048_576
BODIES = {
    "malformed": b'{"action": "move", "comment": ',
    "list": b'[{"action": "move"}]',
    "null": b"null",
    "string": b'"move"',
    "number": b"42",
    "invalid utf-8": b'{"comment": "\xff\xfe caf\xe9"}',
    "NaN": b'{"comment": NaN}',
    "deep": b"[" * 100_000 + b"]" * 100_000,
}
WRONG_TEXT = {"number": 42, "list": ["a", "b"], "object": {"a": 1}, "boolean": True,
              "huge": HUGE, "NUL": "a\x00b", "escape": "a\x1b[31mb",
              "lone surrogate": "caf\ud800"}
#: Bad values for each kind of field.
BAD_VALUES = {
    "text": WRONG_TEXT,
    "id": {**WRONG_TEXT, "unknown": "no-such-thing-0123",
           "catalog query": {"query": ["a", "b"]}, "negative": -5, "huge number": 10**30},
    "datetime": {"number": 42, "year 9999": "9999-12-31T23:59",
                 "year 1": "0001-01-01T00:00", "month 13": "2026-13-45T10:00",
                 "list": ["2026-03-14T10:00"], "huge": HUGE, "NUL": "2026-03-14T10:00\x00"},
    "list": {"text": "abc", "number": 42, "object": {"a": 1}, "numbers": [42, -5],
             "huge": [HUGE], "nulls": [None], "lists": [["a"]]},
    "counts": {"text": "abc", "list": [6], "negative": {"yes": -5},
               "huge": {"yes": 10**30}, "float": {"yes": 1e308}, "boolean": {"yes": True},
               "text count": {"yes": "abc"}, "unknown key": {"maybe": 3},
               "null count": {"yes": None}},
    "votes": {"text": "abc", "list": ["m1"], "number": 42, "bad choice": {"m1": 42},
              "huge": {"m1": HUGE}, "unknown member": {HUGE: "yes"},
              "list choice": {"m1": ["yes"]}},
}


def send(method, url, user, body, language="fr"):
    headers = {"Accept": "application/json", "Content-Type": "application/json",
               "Accept-Language": language}
    auth = None
    if user:
        auth = (user, SITE_OWNER_PASSWORD if user == SITE_OWNER_NAME else PASSWORD)
    return requests.request(method, url, headers=headers, auth=auth, timeout=120, data=body)


def _message(answer):
    """``(message, [field messages])`` of a JSON error answer, or an AssertionError."""
    try:
        data = answer.json()
    except ValueError:
        raise AssertionError(f"not JSON: {answer.text[:300]}") from None
    assert isinstance(data, dict), data
    assert "traceback" not in data, data
    error = data.get("error", data)
    assert isinstance(error, dict) and "traceback" not in error, data
    message = error.get("message")
    assert isinstance(message, str) and message.strip(), data
    fields = [item.get("message", "") for item in error.get("errors", [])]
    return message, fields


def refused(live, method, url, user, body, case):
    """Send ``body``; fail unless it is refused (4xx) in French, with nothing written."""
    before = live["db"].lastTransaction()
    answer = send(method, url, user, body)
    where = (url.split("/plone/", 1)[-1], case)
    assert answer.status_code < 500, (where, answer.status_code, answer.text[:400])
    assert 400 <= answer.status_code < 500, (where, answer.status_code, answer.text[:400])
    message, fields = _message(answer)
    for text in [message, *fields]:
        assert not any(word in text for word in ENGLISH), (where, text)
    assert live["db"].lastTransaction() == before, (where, "something was written")
    dutch = send(method, url, user, body, language="nl")
    assert dutch.status_code == answer.status_code, (where, dutch.text[:300])
    assert _message(dutch)[0] != message, (where, "the same message in Dutch", message)
    return answer


def test_bad_bodies_and_bad_fields_are_refused_in_french(live):
    """Every service of :data:`TABLE` in one test: nothing is written, so one site
    (made once, a dozen seconds) serves them all."""
    cases = []
    for (_name, method, _for), row in sorted(TABLE.items()):
        rows = row(live)
        for url, user, good, kinds in rows if isinstance(rows, list) else [rows]:
            cases.extend((method, url, user, case, body) for case, body in BODIES.items())
            for field, kind in kinds.items():
                bad = dict(BAD_VALUES[kind.rstrip("!")])
                if kind.endswith("!"):  # required: null and absent are refused too
                    bad["null"] = None
                for case, value in bad.items():
                    data = dict(good, **{field: value})
                    cases.append((method, url, user, f"{field}: {case}", json.dumps(
                        data, ensure_ascii=False).encode("utf-8", "surrogatepass")))
    failures = []
    for method, url, user, case, body in cases:
        try:
            refused(live, method, url, user, body, case)
        except AssertionError as failure:  # every failure of every service at once
            failures.append(" ".join(str(failure).split())[:240])
            transaction.begin()
    assert not failures, "\n".join(failures)
