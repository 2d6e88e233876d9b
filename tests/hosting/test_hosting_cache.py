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
