"""Bad values in every field of what visitors create over REST: a translated 400, nothing made.

The types are read from every add-on's ``profiles/default/types/*.xml``; each
has a row in :data:`TYPES` (where it is added, by whom, with which good body)
or a reason in :data:`NOT_ADDED_BY_VISITORS` (staff types, made by the
profile): a new type fails :func:`test_every_type_is_in_a_table`. Each field
of a row's schema then receives the bad values of its kind (a text: a number,
a list, an object, a megabyte, a NUL byte, an escape; a number: a text,
``true``, 10**30; a date: the year 1, 9999, month 13; a choice: a number, an
unknown value; a list: a text, a number, an object), over real HTTP on a French
site, and the answer must be a 4xx whose messages are French (the Dutch
answer is another text), without a ``traceback``, with nothing written.
"""

from pathlib import Path
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import getUtility
from zope.schema import getFieldsInOrder
from zope.schema import interfaces as kinds

import json
import sys
import transaction

TESTS = Path(__file__).resolve().parents[1]
for _folder in ("core", "booking", "eguichet", "directory"):
    sys.path.insert(0, str(TESTS / _folder))

from bookinghelpers import make_resource  # noqa: E402
from bookinghelpers import next_monday  # noqa: E402
from bookinghelpers import TZ  # noqa: E402
from datetime import timedelta  # noqa: E402
from directoryhelpers import CATEGORIES  # noqa: E402
from directoryhelpers import make_directory  # noqa: E402
from eguichethelpers import make_site  # noqa: E402
from eguichethelpers import order_json  # noqa: E402
from test_bad_input_services import refused  # noqa: E402
from test_bad_input_services import WRONG_TEXT  # noqa: E402

import pytest  # noqa: E402

from layout import package_glob  # noqa: E402


def declared_types():
    """Every type an add-on's profile defines (``policy`` only adjusts Plone's own)."""
    return {path.stem for path in package_glob("*/profiles/default/types/*.xml")
            if path.parts[-5] != "policy"}


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
    directory = make_directory(portal)
    api.user.create(email="eva@example.org", username="eva", password="secret-password-123")
    api.group.add_user(groupname="communesplone-economy", username="eva")
    transaction.commit()
    return {"portal": portal, "db": portal._p_jar.db(), "resource": resource,
            "eguichet": eguichet, "directory": directory}


def _booking(live):
    start = next_monday(weeks=2, hour=10)
    return (live["resource"].absolute_url(), None, {
        "@type": "Booking", "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(), "requester_name": "Alice Martin",
        "requester_email": "alice@example.org", "purpose": "Assemblée du club",
        "attendees": 12}, set())


def _order(live):
    eguichet = live["eguichet"]
    return (eguichet.url, "alice", order_json(eguichet.residence), {"internal_notes"})


def _business(live):
    """Entries are added over REST by the economy service (citizens propose them
    through a form, and a member's POST is refused: see below)."""
    return (live["directory"].absolute_url(), "eva", {
        "@type": "Business", "title": "Boulangerie Dubois",
        "description": "Pain au levain", "categories": [CATEGORIES[0]],
        "street": "Rue de Fer", "number": "25", "postcode": "5000", "locality": "Namur",
        "email": "info@dubois.be"}, set())


#: The types visitors and citizens create: where, by whom, a good body, and the
#: fields that person may not write (plone.restapi skips them: nothing is stored).
TYPES = {"Booking": _booking, "DocumentOrder": _order, "Business": _business}
#: The others: made by staff (whose own forms and REST go through the same
#: deserializers) or by the profile.
NOT_ADDED_BY_VISITORS = {
    "ResourceFolder", "Resource", "DocumentCatalog", "DocumentType", "BusinessDirectory",
    "Assembly", "Meeting", "MeetingItem", "Annex", "Dashboard", "DashboardCollection",
}


def test_every_type_is_in_a_table():
    declared = declared_types()
    assert not declared - set(TYPES) - NOT_ADDED_BY_VISITORS, sorted(
        declared - set(TYPES) - NOT_ADDED_BY_VISITORS)
    assert not (set(TYPES) | NOT_ADDED_BY_VISITORS) - declared


DATES = {"number": 42, "year 1": "0001-01-01T00:00", "year 9999": "9999-12-31T23:59",
         "month 13": "2026-13-45T10:00", "list": ["2026-03-14T10:00"], "NUL": "2026\x00"}
NUMBERS = {"text": "abc", "boolean": True, "huge": 10**30, "list": [1], "object": {"a": 1},
           "infinite": "1e309"}
CHOICES = {"number": 42, "list": [["a"]], "object": {"a": 1}, "unknown": "no-such-choice-0123",
           "NUL": "a\x00b"}
LISTS = {"number": 42, "object": {"a": 1}, "huge": ["x" * 1_048_576],
         "nested": [["a"]]}


def bad_values(field):
    """The bad values for ``field``'s kind (none for kinds read elsewhere: files, rich text)."""
    if kinds.IBool.providedBy(field):
        return {"text": "abc", "number": 42, "list": [True]}
    if kinds.IInt.providedBy(field) or kinds.IFloat.providedBy(field) \
            or kinds.IDecimal.providedBy(field):
        return NUMBERS
    if kinds.IDatetime.providedBy(field) or kinds.IDate.providedBy(field):
        return DATES
    if kinds.IChoice.providedBy(field):
        return CHOICES
    if kinds.ICollection.providedBy(field):
        return LISTS
    if kinds.ITextLine.providedBy(field) or (kinds.IText.providedBy(field)
                                             and type(field).__name__ == "Text"):
        return WRONG_TEXT
    return {}


@pytest.mark.parametrize("portal_type", sorted(TYPES))
def test_bad_values_in_every_field_are_refused_in_french(live, portal_type):
    url, user, good, not_writable = TYPES[portal_type](live)
    schema = getUtility(IDexterityFTI, name=portal_type).lookupSchema()
    cases = []
    for name, field in getFieldsInOrder(schema):
        if field.readonly or name in not_writable:
            continue
        for case, value in bad_values(field).items():
            data = dict(good, **{name: value})
            cases.append((f"{name}: {case}", json.dumps(
                data, ensure_ascii=False).encode("utf-8", "surrogatepass")))
    assert len(cases) > 20, cases
    failures = []
    for case, body in cases:
        try:
            refused(live, "POST", url, user, body, case)
        except AssertionError as failure:
            failures.append(" ".join(str(failure).split())[:240])
            transaction.begin()
    assert not failures, "\n".join(failures)


def test_a_refusal_is_said_in_the_sites_language(live):
    """plone.rest said "You are not authorized to access this resource." on every site."""
    url, _user, good, _skip = _business(live)
    body = json.dumps(good).encode()
    for user in ("alice", None):  # a member (403 or 401) and anonymous (401)
        answer = refused(live, "POST", url, user, body, f"added by {user}")
        assert answer.status_code in (401, 403)
        assert "ne pouvez pas" in answer.json()["message"]
    answer = refused(live, "GET", f"{live['portal'].absolute_url()}/no-such-page", None, None,
                     "not found")
    assert answer.status_code == 404
    assert answer.json()["message"].startswith("Cette adresse ne mène à rien")
