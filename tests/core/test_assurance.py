"""The identity-assurance API every add-on relies on (communesplone.core.assurance)."""

from communesplone.core import assurance
from communesplone.core.assurance import COOKIE_NAME
from communesplone.core.assurance import IIdentityCertifiedEvent
from communesplone.core.assurance import IdentityProviderInfo
from communesplone.core.assurance import IIdentityProviderSource
from communesplone.core.assurance import InsufficientAssurance
from communesplone.core.assurance import accepted_providers
from communesplone.core.assurance import certify
from communesplone.core.assurance import clear_assurance
from communesplone.core.assurance import get_assurance
from communesplone.core.assurance import level_at_least
from communesplone.core.assurance import require_assurance
from communesplone.core.audit import entries
from datetime import timedelta
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from plone.app.testing import login
from plone.app.testing import logout
from zope.component import getGlobalSiteManager
from zope.component import provideHandler
from zope.interface import implementer

import pytest
import requests

RRN = "85073003328"


@pytest.fixture
def request_(integration):
    login(integration["portal"], TEST_USER_NAME)
    request = integration["request"]
    yield request
    request.other.pop(assurance.REQUEST_KEY, None)
    request.cookies.pop(COOKIE_NAME, None)


def certify_test_user(request, level="high", **kwargs):
    return certify(request, user_id=TEST_USER_ID, level=level, provider="eid",
                   provider_title="Belgian eID card", given_names="Jan Pieter",
                   surname="Peeters", national_number=RRN, **kwargs)


def browser_sends_cookie(request):
    """Carry the cookie set on the response into the next request, as a browser does."""
    request.cookies[COOKIE_NAME] = request.response.cookies[COOKIE_NAME]["value"]
    request.other.pop(assurance.REQUEST_KEY, None)


def test_levels_are_ordered():
    assert assurance.LEVELS == ("none", "low", "substantial", "high")
    assert level_at_least("high", "substantial")
    assert not level_at_least("low", "substantial")
    with pytest.raises(ValueError):
        level_at_least("very high", "low")


def test_certify_then_get_in_the_next_request(request_):
    record = certify_test_user(request_)
    assert record.level == "high"
    cookie = request_.response.cookies[COOKIE_NAME]
    assert cookie["HttpOnly"] is True
    assert cookie["SameSite"] == "Lax"
    assert RRN not in cookie["value"] and "Peeters" not in cookie["value"]  # encrypted
    browser_sends_cookie(request_)
    current = get_assurance(request_)
    assert current.level == "high"
    assert current.provider == "eid"
    assert current.national_number == RRN
    assert current.birth_date.isoformat() == "1985-07-30"
    assert current.expires_at - current.authenticated_at == timedelta(minutes=30)


def test_masked_record(request_):
    masked = certify_test_user(request_).masked()
    assert masked["attributes"]["national_number"] == "85.07.30-xxx.xx"
    assert masked["attributes"]["birth_date"] == "1985-07-30"
    assert masked["level"] == "high"
    assert RRN not in str(masked)


def test_anonymous_has_no_assurance(integration):
    logout()
    assert get_assurance(integration["request"]).level == "none"


def test_record_of_another_member_does_not_hold(request_, integration):
    certify_test_user(request_)
    browser_sends_cookie(request_)
    integration["portal"].acl_users.userFolderAddUser("other", "secret-Other-1", ["Member"], [])
    login(integration["portal"], "other")
    assert get_assurance(request_).level == "none"


def test_tampered_cookie_is_ignored(request_):
    certify_test_user(request_)
    browser_sends_cookie(request_)
    value = request_.cookies[COOKIE_NAME]
    request_.cookies[COOKIE_NAME] = value[:-4] + ("AAAA" if value[-4:] != "AAAA" else "BBBB")
    assert get_assurance(request_).level == "none"


def test_expired_assurance(request_, monkeypatch):
    past = assurance._utcnow() - timedelta(hours=2)
    certify_test_user(request_, authenticated_at=past)
    browser_sends_cookie(request_)
    assert get_assurance(request_).level == "none"
    with pytest.raises(InsufficientAssurance) as raised:
        require_assurance("low", request=request_)
    assert raised.value.reason == "expired"


def test_require_assurance(request_):
    with pytest.raises(InsufficientAssurance) as raised:
        require_assurance("substantial", request=request_)
    assert raised.value.reason == "no_assurance"
    assert raised.value.required_level == "substantial"
    assert require_assurance("none", request=request_).level == "none"

    certify_test_user(request_, level="low")
    browser_sends_cookie(request_)
    with pytest.raises(InsufficientAssurance) as raised:
        require_assurance("substantial", request=request_)
    assert raised.value.reason == "insufficient_level"
    assert raised.value.current.level == "low"

    certify_test_user(request_, level="high")
    browser_sends_cookie(request_)
    assert require_assurance("substantial", request=request_).level == "high"
    with pytest.raises(InsufficientAssurance) as raised:
        require_assurance("high", max_age=0, request=request_)
    assert raised.value.reason == "too_old"


def test_clear_assurance(request_):
    certify_test_user(request_)
    browser_sends_cookie(request_)
    clear_assurance(request_)
    assert request_.response.cookies[COOKIE_NAME]["value"] == "deleted"


def test_event_and_audit_entry(request_):
    seen = []
    provideHandler(seen.append, (IIdentityCertifiedEvent,))
    try:
        certify_test_user(request_)
    finally:
        getGlobalSiteManager().unregisterHandler(seen.append, (IIdentityCertifiedEvent,))
    assert [event.user_id for event in seen] == [TEST_USER_ID]
    [entry] = entries()
    assert entry["event"] == "certified"
    assert entry["user_id"] == TEST_USER_ID
    assert (entry["provider"], entry["level"]) == ("eid", "high")
    assert RRN not in str(entry)


def test_audit_log_keeps_no_other_data(integration):
    from communesplone.core.audit import append

    with pytest.raises(ValueError, match="does not keep 'national_number'"):
        append("refused", national_number=RRN)


def test_accepted_providers_by_level(integration):
    @implementer(IIdentityProviderSource)
    class Source:
        def providers(self, site):
            url = site.absolute_url()
            return [
                IdentityProviderInfo("test-card", "Carte", "high", f"{url}/@@card-login"),
                IdentityProviderInfo("test-app", "App", "substantial", f"{url}/@@app-login"),
                IdentityProviderInfo("test-mail", "E-mail", "low", f"{url}/@@mail-login"),
            ]

    source = Source()
    gsm = getGlobalSiteManager()
    gsm.registerUtility(source, IIdentityProviderSource, name="test")
    try:
        found = accepted_providers("substantial", came_from="http://nohost/plone/form")
    finally:
        gsm.unregisterUtility(source, IIdentityProviderSource, name="test")
    ours = [provider for provider in found if provider["id"].startswith("test-")]
    assert [provider["id"] for provider in ours] == ["test-card", "test-app"]  # strongest first
    assert ours[0]["url"].endswith(
        "/@@card-login?level=substantial&came_from=http%3A%2F%2Fnohost%2Fplone%2Fform"
    )


@pytest.fixture
def site_url(functional):
    return functional["portal"].absolute_url()


def test_rest_identity_assurance_anonymous(site_url):
    response = requests.get(f"{site_url}/@identity-assurance",
                            headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 200
    assert response.json()["level"] == "none"


@pytest.mark.parametrize("auth", [None, (TEST_USER_NAME, TEST_USER_PASSWORD)],
                         ids=["anonymous", "member"])
def test_audit_log_refused_to_citizens(site_url, auth):
    for path in ("@identity-audit", "@@identity-audit"):
        response = requests.get(f"{site_url}/{path}", auth=auth, allow_redirects=False,
                                headers={"Accept": "application/json"}, timeout=60)
        assert response.status_code in (302, 401), path


def test_audit_log_readable_by_site_administrator(site_url):
    response = requests.get(f"{site_url}/@identity-audit",
                            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
                            headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 200
    assert response.json() == {"items": []}


def test_a_password_member_with_a_confirmed_address_meets_low_not_substantial(integration):
    """docs/eid.md: a password account whose e-mail address the site confirmed is "low"."""
    portal = integration["portal"]
    request = integration["request"]
    portal.acl_users.userFolderAddUser("marie", "secret-Marie-1", ["Member"], [])
    from plone import api

    api.user.get(userid="marie").setMemberProperties({"email": "marie@example.org"})
    login(portal, "marie")
    record = require_assurance("low", request=request)
    assert record.level == "low"
    assert record.provider == assurance.ACCOUNT_PROVIDER
    assert record.national_number is None
    with pytest.raises(InsufficientAssurance) as raised:
        require_assurance("substantial", request=request)
    assert raised.value.reason == "insufficient_level"
    with pytest.raises(InsufficientAssurance):
        require_assurance("low", max_age=60, request=request)  # no login time to compare


def test_an_account_proves_nothing_without_a_confirmed_address(integration):
    """No e-mail address, or a site where people choose their password at registration."""
    portal = integration["portal"]
    request = integration["request"]
    from plone import api

    login(portal, TEST_USER_NAME)  # the test user has no e-mail address
    assert get_assurance(request).level == "none"
    api.user.get(userid=TEST_USER_ID).setMemberProperties({"email": "test@example.org"})
    assert get_assurance(request).level == "low"
    api.portal.set_registry_record("plone.enable_user_pwd_choice", True)
    assert get_assurance(request).level == "none"
    with pytest.raises(InsufficientAssurance) as raised:
        require_assurance("low", request=request)
    assert raised.value.reason == "no_assurance"


def test_back_link_never_loops(integration):
    """Back goes where the visitor came from, on this site, never to the asking page."""
    from communesplone.core.browser.assurance import back_url

    url = integration["portal"].absolute_url()
    order = f"{url}/e-guichet/extrait/@@order"
    assert back_url((f"{url}/e-guichet/extrait",), (order,)) == f"{url}/e-guichet/extrait"
    assert back_url((order, f"{url}/e-guichet/extrait"), (order,)) == f"{url}/e-guichet/extrait"
    assert back_url(("https://evil.example/", None), (order,)) == url
    assert back_url((f"{url}/@@identity-step-up?level=high",), ()) == url


def test_means_for_an_anonymous_visitor(integration):
    """The account is offered where "low" is enough, with came_from; never for "substantial"."""
    from communesplone.core.means import means_for

    logout()
    url = integration["portal"].absolute_url()
    low = means_for("low", came_from=f"{url}/form")
    assert [m["id"] for m in low if m["kind"] == "account"] == ["login"]  # no self-registration
    assert "came_from=" in low[0]["url"]
    assert [m for m in means_for("substantial") if m["kind"] == "account"] == []
