"""HTTP caching through a real Varnish (docs/hosting/varnish.vcl) in front of Plone.

From the side of who must not see: a page fetched by a logged-in citizen is
never served to another citizen or to an anonymous visitor, nor is an order's
tracking page; what is public is served from the cache and forgotten as soon
as it changes (plone.cachepurging's PURGE, turned into a ban by the VCL).
Without varnishd the tests are skipped, except under ``CI=true``.
"""

from communesplone.hosting.proxy import start_varnish
from communesplone.hosting.proxy import varnishd
from communesplone.policy.caching import configure_proxies
from plone import api
from smtp import free_port

import os
import pytest
import requests
import time
import transaction

PASSWORD = "secret-password-123"


@pytest.fixture
def cached(functional, tmp_path):
    if varnishd() is None:
        if os.environ.get("CI"):
            pytest.fail("CI=true but no varnishd: .ci/run must install varnish")
        pytest.skip("Varnish is not installed (apt-get install varnish)")
    portal = functional["portal"]
    port = free_port()
    configure_proxies(portal, [f"http://127.0.0.1:{port}"])
    with api.env.adopt_roles(["Manager"]):
        news = api.content.create(container=portal, type="Folder", id="infos",
                                  title="Infos")
        item = api.content.create(container=news, type="News Item", id="fete",
                                  title="Fête de la musique")
        api.content.transition(news, "publish")
        api.content.transition(item, "publish")
        for user_id, fullname in (("alice", "Alice Martin"), ("bob", "Bruno Bertrand")):
            api.user.create(email=f"{user_id}@example.org", username=user_id,
                            password=PASSWORD, properties={"fullname": fullname})
    transaction.commit()
    zope = f"http://{functional['host']}:{functional['port']}"
    proxy = start_varnish([(functional["host"], functional["port"])], port, tmp_path / "varnish")
    try:
        yield type("Cached", (), {"portal": portal, "zope": zope, "site": portal.getId(),
                                  "url": f"http://127.0.0.1:{port}/{portal.getId()}",
                                  "item": item})
    finally:
        proxy.terminate()
        proxy.wait(timeout=30)


def logged_in(cached, user_id):
    session = requests.Session()
    answer = session.post(f"{cached.url}/login", data={
        "__ac_name": user_id, "__ac_password": PASSWORD, "came_from": "",
        "buttons.login": "Se connecter"}, allow_redirects=False)
    assert "__ac" in session.cookies, answer.status_code
    return session


def test_a_public_page_comes_from_the_cache_and_a_change_purges_it(cached):
    first = requests.get(f"{cached.url}/infos/fete")
    second = requests.get(f"{cached.url}/infos/fete")
    assert first.status_code == second.status_code == 200
    assert "s-maxage" in first.headers["Cache-Control"], first.headers["Cache-Control"]
    assert first.headers["X-Cache"] == "MISS" and second.headers["X-Cache"] == "HIT"
    listing = requests.get(f"{cached.url}/infos")
    assert requests.get(f"{cached.url}/infos").headers["X-Cache"] == "HIT"
    assert "Fête de la musique" in listing.text

    # an editor renames the news (through Zope, as the admin would)
    renamed = requests.patch(f"{cached.zope}/{cached.site}/infos/fete",
                             json={"title": "Fête des voisins"}, auth=("admin", "secret"),
                             headers={"Accept": "application/json"})
    assert renamed.status_code == 204, renamed.text
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # plone.cachepurging purges in a thread
        page = requests.get(f"{cached.url}/infos/fete")
        listing = requests.get(f"{cached.url}/infos")
        if "Fête des voisins" in page.text and "Fête des voisins" in listing.text:
            break
        time.sleep(0.2)
    assert "Fête des voisins" in page.text, "the news page was not purged"
    assert "Fête des voisins" in listing.text, "the folder listing was not purged"


def test_a_logged_in_page_is_never_served_to_someone_else(cached):
    alice = logged_in(cached, "alice")
    for _ in range(2):
        mine = alice.get(f"{cached.url}/@@my-space")
        assert mine.status_code == 200
        assert mine.headers["X-Cache"] == "MISS"
        assert "no-store" in mine.headers["Cache-Control"]
        front = alice.get(f"{cached.url}/infos/fete")
        assert front.headers["X-Cache"] == "MISS"
        assert "Alice Martin" in front.text
    bob = logged_in(cached, "bob")
    for page in ("@@my-space", "infos/fete"):
        seen = bob.get(f"{cached.url}/{page}")
        assert "Alice Martin" not in seen.text, page
        anonymous = requests.get(f"{cached.url}/{page}")
        assert "Alice Martin" not in anonymous.text, page
        assert "Bruno Bertrand" not in anonymous.text, page


def test_zope_marks_personal_answers_private_whatever_the_proxy(cached):
    """Without the proxy's help (an nginx cache, a CDN): Zope's own headers."""
    public = requests.get(f"{cached.zope}/{cached.site}/infos/fete")
    assert "s-maxage" in public.headers["Cache-Control"]
    for headers, path, why in (
        ({"Authorization": "Basic YWxpY2U6c2VjcmV0LXBhc3N3b3JkLTEyMw=="}, "infos/fete",
         "basic authentication"),
        ({}, "@@my-space", "Mon espace"),
        ({}, "infos/fete?token=0123456789abcdef", "a secret in the address"),
        ({"Cookie": 'statusmessages="abc"'}, "infos/fete", "a status message"),
    ):
        answer = requests.get(f"{cached.zope}/{cached.site}/{path}", headers=headers,
                              allow_redirects=False)
        control = answer.headers.get("Cache-Control", "")
        assert "private" in control and "s-maxage" not in control, (why, control)


# -- each add-on's public listing shows a change at once through the cache ----------

def _helpers(folder):
    import sys
    from pathlib import Path

    path = str(Path(__file__).resolve().parents[1] / folder)
    if path not in sys.path:
        sys.path.insert(0, path)


def _prime(url):
    requests.get(url)
    assert requests.get(url).headers["X-Cache"] == "HIT", url


def _shows_at_once(url, text, present=True):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # plone.cachepurging purges in a thread
        if (text in requests.get(url).text) == present:
            return True
        time.sleep(0.2)
    return False


def _as_admin(method, url, **kwargs):
    return requests.request(method, url, auth=("admin", "secret"),
                            headers={"Accept": "application/json"}, **kwargs)


def test_a_published_business_shows_in_the_directory_at_once(cached):
    _helpers("directory")
    from directoryhelpers import make_business
    from directoryhelpers import make_directory

    directory = make_directory(cached.portal)
    make_business(directory, "boulangerie-dupont")
    make_business(directory, "librairie-papyrus", state="pending")
    transaction.commit()
    listing = f"{cached.url}/entreprises"
    _prime(listing)
    assert "Librairie Papyrus" not in requests.get(listing).text
    published = _as_admin("POST", f"{cached.zope}/{cached.site}/entreprises/librairie-papyrus"
                          "/@workflow/publish")
    assert published.status_code == 200, published.text
    assert _shows_at_once(listing, "Librairie Papyrus")


def test_a_new_document_type_shows_in_the_e_guichet_at_once(cached):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=cached.portal, type="DocumentCatalog", id="e-guichet",
                           title="E-guichet")
    transaction.commit()
    listing = f"{cached.url}/e-guichet"
    _prime(listing)
    made = _as_admin("POST", f"{cached.zope}/{cached.site}/e-guichet", json={
        "@type": "DocumentType", "id": "permis-de-chasse", "title": "Permis de chasse",
        "theme": "Population", "who_may_order": "self", "required_assurance": "none",
        "order_fields": [], "delivery_methods": ["email"], "price": 5.0, "fee_post": 0.0,
        "max_quantity": 1, "processing_days": 3,
        "processing_group": "communesplone-population"})
    assert made.status_code == 201, made.text
    assert _shows_at_once(listing, "Permis de chasse")


def test_published_minutes_show_on_the_meeting_page_at_once(cached):
    _helpers("deliberations")
    import deliberationhelpers as council
    from communesplone.deliberations.votes import record_vote

    council.make_users()
    assembly = council.make_council(cached.portal)
    meeting = council.make_meeting(assembly, days=10)
    item = council.make_item(assembly, "Rénovation de la place communale",
                             category="public-works")
    council.present(item, meeting)
    council.attend(meeting)
    council.transition(meeting, "freeze")
    council.transition(meeting, "open_session")
    for brain in api.content.find(portal_type="MeetingItem", delib_meeting=meeting.UID(),
                                  unrestricted=True):
        on_agenda = brain._unrestrictedGetObject()
        with api.env.adopt_user(username="clerk"):
            record_vote(on_agenda, meeting, "summary", counts={"yes": 6})
        council.transition(on_agenda, "accept")
    for name in ("decide", "close"):
        council.transition(meeting, name)
    transaction.commit()
    page = f"{cached.url}/conseil/{meeting.getId()}"
    _prime(page)
    draft = "@@meeting-document?name=minutes"  # made on the fly until published
    assert draft in requests.get(page).text
    published = requests.post(f"{cached.zope}/{cached.site}/conseil/{meeting.getId()}"
                              "/@workflow/publish", auth=("clerk", council.PASSWORD),
                              headers={"Accept": "application/json"})
    assert published.status_code == 200, published.text
    assert _shows_at_once(page, draft, present=False), "the meeting page was not purged"
