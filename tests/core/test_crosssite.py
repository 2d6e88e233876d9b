"""Cross-site requests on REST with a cookie session change nothing (issue 16, part 1).

A logged-in clerk's browser sends what another site's page asks: a form
(``application/x-www-form-urlencoded``, ``multipart/form-data``) or a
``text/plain`` body, with that site's ``Origin``. Every state-changing endpoint
of every add-on (content add and PATCH, ``@workflow`` on an order, a booking and
a meeting, the add-ons' own services, listed from their ``configure.zcml``)
refuses it with a translated 403 and changes nothing; JSON from the site's own
pages, plone.protect's token, and API clients (Basic or Bearer) keep working.
"""

from communesplone.core.crosssite import MSG_FOREIGN_ORIGIN
from communesplone.core.crosssite import MSG_NOT_JSON
from plone import api
from plone.protect.authenticator import createToken
from urllib.parse import urlsplit

import pytest
import requests
import transaction

PASSWORD = "secret-Clerk-1"
FOREIGN = "https://autre-commune.example.be"
#: What a cross-site page can make a browser send without a CORS preflight.
SIMPLE_BODIES = {
    "text/plain": {"data": '{"title": "Piraté"}',
                   "headers": {"Content-Type": "text/plain"}},
    "application/x-www-form-urlencoded": {"data": {"title": "Piraté"}},
    "multipart/form-data": {"files": {"title": (None, "Piraté")}},
}


def _first(portal_type, **query):
    """The oldest object of ``portal_type``: one a Manager may still change (a
    decided item is closed to everyone, and answers 401 before any origin is read)."""
    [brain] = api.content.find(portal_type=portal_type, sort_on="created", sort_limit=1,
                               unrestricted=True, **query)[:1]
    return brain.getURL()


def endpoints():
    """(method, URL) of every state change, the add-ons' services included."""
    catalog, order = _first("DocumentCatalog"), _first("DocumentOrder")
    resource, booking = _first("Resource"), _first("Booking")
    directory, business = _first("BusinessDirectory"), _first("Business")
    meeting = _first("Meeting", review_state="created")
    item = _first("MeetingItem", review_state=["created", "proposed", "validated"])
    return [
        ("POST", catalog), ("POST", resource), ("POST", directory),  # content add
        ("PATCH", order), ("PATCH", booking), ("PATCH", business), ("PATCH", meeting),
        ("PATCH", item),
        ("POST", f"{order}/@workflow/confirm_payment"),
        ("POST", f"{booking}/@workflow/confirm"),
        ("POST", f"{meeting}/@workflow/freeze"),
        ("POST", f"{business}/@sharing"),
        ("POST", f"{resource}/@booking-access"),  # booking/services/access
        ("POST", f"{booking}/@occurrences"),  # booking/services/occurrences
        ("POST", f"{catalog}/@import-statement"),  # eguichet/services/statement
        ("POST", f"{item}/@vote"),  # deliberations/services/vote
        ("POST", f"{item}/@advice"),  # deliberations/services/advice
        ("POST", f"{item}/@send-to"),  # deliberations/services/sendto
        ("POST", f"{item}/@correction"),  # deliberations/services/correction
        ("DELETE", business),
    ]


def snapshot():
    """What the attempts must leave as it was: every object's state and title."""
    transaction.begin()
    return sorted((brain.getPath(), brain.review_state, brain.Title, str(brain.modified))
                  for brain in api.content.find(unrestricted=True))


@pytest.fixture
def clerk(demo_commune):
    """A clerk who may do everything (Manager), logged in with the session cookie."""
    api.user.create(email="clerk@example.org", username="clerk", password=PASSWORD)
    demo_commune["portal"].acl_users.portal_role_manager.assignRoleToPrincipal(
        "Manager", "clerk")
    transaction.commit()
    url = demo_commune["portal"].absolute_url()
    session = requests.Session()
    session.post(f"{url}/login", timeout=60, data={
        "__ac_name": "clerk", "__ac_password": PASSWORD, "buttons.login": "Log in"})
    assert "__ac" in session.cookies
    session.headers["Accept"] = "application/json"
    return session, url


def test_cross_site_state_changes_are_refused(clerk):
    session, url = clerk
    calls = endpoints()
    before = snapshot()
    messages = {
        "fr": api.portal.translate(MSG_FOREIGN_ORIGIN, lang="fr"),
        "json": api.portal.translate(MSG_NOT_JSON, lang="fr"),
    }
    assert "autre site" in messages["fr"]
    for method, target in calls:
        for kind, body in SIMPLE_BODIES.items():
            headers = {"Origin": FOREIGN, "Accept-Language": "fr", **body.get("headers", {})}
            answer = session.request(method, target, timeout=60, headers=headers,
                                     **{k: v for k, v in body.items() if k != "headers"})
            assert answer.status_code == 403, (method, target, kind, answer.text[:200])
            assert answer.json()["error"]["message"] == messages["fr"]
        # JSON from a foreign page (after a preflight Plone never grants)
        answer = session.request(method, target, json={"title": "Piraté"}, timeout=60,
                                 headers={"Origin": FOREIGN, "Accept-Language": "fr"})
        assert answer.status_code == 403, (method, target, "json", answer.text[:200])
        if method != "DELETE":
            # no Origin and no Referer (an old browser, a privacy add-on): JSON or token
            answer = session.request(method, target, data="title=x", timeout=60, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "fr"})
            assert answer.status_code == 403, (method, target, answer.text[:200])
            assert answer.json()["error"]["message"] == messages["json"]
    assert snapshot() == before


@pytest.mark.parametrize("headers", [
    {"Origin": "null"},
    {"Referer": f"{FOREIGN}/page.html"},
    {"Origin": "http://localhost:1"},  # same host, another port: another origin
])
def test_other_ways_to_name_a_foreign_origin(clerk, headers):
    session, url = clerk
    order = _first("DocumentOrder")
    answer = session.post(f"{order}/@workflow/confirm_payment", json={}, timeout=60,
                          headers=headers)
    assert answer.status_code == 403, answer.text


def test_the_site_s_own_requests_still_work(clerk):
    session, url = clerk
    business = _first("Business")
    # JSON from the site's own page
    own = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    answer = session.patch(business, json={"title": "Boulangerie renommée"}, timeout=60,
                           headers={"Origin": own})
    assert answer.status_code == 204, answer.text
    # JSON without an Origin, with the site's Referer
    answer = session.patch(business, json={"title": "Boulangerie"}, timeout=60,
                           headers={"Referer": f"{url}/edit"})
    assert answer.status_code == 204, answer.text
    # a form body with plone.protect's token (in the header as the site's scripts send it)
    transaction.begin()
    with api.env.adopt_user(username="clerk"):
        token = createToken()
    answer = session.patch(business, data='{"title": "Boulangerie du coin"}', timeout=60,
                           headers={"Content-Type": "text/plain", "X-CSRF-TOKEN": token})
    assert answer.status_code != 403, answer.text
    # reading is never refused
    assert session.get(business, headers={"Origin": FOREIGN}, timeout=60).status_code == 200


def test_api_clients_keep_working(clerk):
    """Basic and Bearer authentication are no browser's ambient credentials (a
    cross-site page cannot add the header): a script may send from anywhere."""
    _session, url = clerk
    business = _first("Business")
    answer = requests.patch(business, json={"title": "Par l'API"}, timeout=60,
                            auth=("clerk", PASSWORD),
                            headers={"Accept": "application/json", "Origin": FOREIGN})
    assert answer.status_code == 204, answer.text
    login = requests.post(f"{url}/@login", timeout=60, headers={"Accept": "application/json"},
                          json={"login": "clerk", "password": PASSWORD})
    assert login.status_code == 200, login.text
    answer = requests.post(f"{_first('DocumentOrder')}/@workflow/confirm_payment",
                           data="{}", timeout=60, headers={
                               "Accept": "application/json", "Origin": FOREIGN,
                               "Content-Type": "text/plain",
                               "Authorization": f"Bearer {login.json()['token']}"})
    assert answer.status_code != 403, answer.text
