"""Login through a real OpenID provider (HTTP, signed JWTs) to a certified identity."""

from communesplone.core.audit import entries
from communesplone.eid.oidc import clear_cache
from communesplone.eid.testing_oidc import DEFAULT_ACR_LEVELS
from communesplone.eid.testing_oidc import TestOpenIDProvider
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD

import json
import pytest
import requests
import transaction


@pytest.fixture
def site_url(functional):
    return functional["portal"].absolute_url()


@pytest.fixture
def op(functional, site_url):
    clear_cache()
    with TestOpenIDProvider(redirect_uris=[f"{site_url}/@@oidc-callback"]) as provider:
        api.portal.set_registry_record("communesplone.eid.oidc.providers", json.dumps([{
            "id": "csam",
            "title": "CSAM",
            "issuer": provider.issuer,
            "client_id": provider.client_id,
            "client_secret": provider.client_secret,
            "scopes": ["openid", "profile", "email"],
            "acr_levels": DEFAULT_ACR_LEVELS,
            "attribute_map": {"given_name": "given_names", "family_name": "surname",
                              "rrn": "national_number"},
        }]))
        transaction.commit()
        yield provider
    clear_cache()


def login_through(site_url, level="substantial", session=None, came_from=None):
    session = session or requests.Session()
    params = {"provider": "csam", "level": level}
    if came_from:
        params["came_from"] = came_from
    response = session.get(f"{site_url}/@@oidc-login", params=params, timeout=60)
    return session, response


def assurance_of(session, site_url):
    return session.get(f"{site_url}/@identity-assurance",
                       headers={"Accept": "application/json"}, timeout=60).json()


def test_login_certifies_at_the_level_of_the_acr(op, site_url):
    session, response = login_through(site_url, level="high", came_from=f"{site_url}/contact")
    assert response.history[0].status_code == 302  # to the provider
    assert response.url == f"{site_url}/contact" or response.history[-1].headers[
        "Location"] == f"{site_url}/contact"
    [authorization] = op.authorization_requests
    assert authorization["code_challenge_method"] == "S256"
    assert "http://eidas.europa.eu/LoA/high" in authorization["acr_values"]
    record = assurance_of(session, site_url)
    assert record["level"] == "high"
    assert record["provider"] == "oidc:csam"
    assert record["attributes"]["national_number"] == "85.07.30-xxx.xx"
    assert record["attributes"]["surname"] == "Peeters"
    transaction.begin()
    [entry] = entries(event="certified")
    assert entry["provider"] == "oidc:csam"
    assert entry["user_id"].startswith("eid-")
    assert "85073003328" not in entry["user_id"]


def test_same_person_same_account(op, site_url):
    first, _ = login_through(site_url)
    second, _ = login_through(site_url)
    transaction.begin()
    [one, two] = entries(event="certified")
    assert one["user_id"] == two["user_id"]


def test_acr_below_the_level_asked_is_refused(op, site_url):
    op.current_user = "marie"  # can only reach "low"
    session, response = login_through(site_url, level="substantial")
    assert response.status_code == 403
    assert "not strong enough" in response.text
    assert assurance_of(session, site_url)["level"] == "none"
    transaction.begin()
    [entry] = entries(event="refused")
    assert entry["reason"] == "insufficient_acr"


def test_callback_without_the_login_cookie_is_refused(op, site_url):
    response = requests.get(f"{site_url}/@@oidc-callback",
                            params={"code": "x", "state": "forged"}, timeout=60)
    assert response.status_code == 403
    assert "please start again" in response.text


def test_callback_with_a_wrong_state_is_refused(op, site_url):
    session = requests.Session()
    start = session.get(f"{site_url}/@@oidc-login", params={"provider": "csam"},
                        allow_redirects=False, timeout=60)
    assert start.status_code == 302
    response = session.get(f"{site_url}/@@oidc-callback",
                           params={"code": "stolen", "state": "not-the-one"}, timeout=60)
    assert response.status_code == 403
    transaction.begin()
    assert entries(event="refused")[0]["reason"] == "bad_state"


def test_provider_error_is_refused(op, site_url):
    op.authorize_error = "access_denied"
    session, response = login_through(site_url)
    assert response.status_code == 403
    assert "did not identify you" in response.text


def test_unknown_provider(site_url):
    response = requests.get(f"{site_url}/@@oidc-login", params={"provider": "nope"}, timeout=60)
    assert response.status_code == 404


def test_password_member_is_linked(op, site_url, functional):
    session = requests.Session()
    # Logged in with the password through Plone's login form (a session cookie,
    # which the browser sends back to the callback, unlike HTTP basic auth).
    logged_in = session.post(f"{site_url}/login", timeout=60, data={
        "__ac_name": TEST_USER_NAME, "__ac_password": TEST_USER_PASSWORD,
        "buttons.login": "Log in"})
    assert "__ac" in session.cookies, logged_in.status_code
    login_through(site_url, session=session)
    transaction.begin()
    [entry] = entries(event="certified")
    assert entry["user_id"] == functional["portal"].acl_users.getUser(TEST_USER_NAME).getId()


def test_step_up_page_offers_the_provider(op, site_url):
    page = requests.get(f"{site_url}/@@identity-step-up", params={"level": "high"}, timeout=60)
    assert "CSAM" in page.text
    assert "@@oidc-login?provider=csam" in page.text


def test_controlpanel_refuses_invalid_providers(site_url):
    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    bad = [{"id": "x", "title": "X", "issuer": "http://evil.example", "client_id": "a",
            "client_secret": "b", "acr_levels": {}}]
    response = requests.patch(f"{site_url}/@controlpanels/identity-providers", auth=auth,
                              headers={"Accept": "application/json"},
                              json={"providers": json.dumps(bad)}, timeout=60)
    assert response.status_code == 400
    assert "https" in response.text


@pytest.mark.parametrize("auth", [None, (TEST_USER_NAME, TEST_USER_PASSWORD)],
                         ids=["anonymous", "member"])
def test_controlpanel_refused_to_citizens(site_url, auth):
    response = requests.get(f"{site_url}/@controlpanels/identity-providers", auth=auth,
                            headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 401
