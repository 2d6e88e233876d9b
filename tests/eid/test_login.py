"""Log in with the eID card through the live server, as the reverse proxy would forward it.

The test client is 127.0.0.1 (or ::1): a trusted proxy by default. The site
trusts a throw-away PKI (``TestPKI``) and reads its CRL from a file.
"""

from Acquisition import aq_base
from communesplone.core.audit import entries
from communesplone.core.sessions import user_secret
from communesplone.eid.members import get_plugin
from communesplone.eid.testing_pki import TestPKI
from communesplone.eid.testing_pki import der_b64
from communesplone.eid.testing_pki import nginx_escaped
from communesplone.eid.testing_pki import pem
from communesplone.eid.verification import clear_caches
from datetime import timedelta
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.session import tktauth
from types import SimpleNamespace
from urllib.parse import parse_qs
from urllib.parse import urlsplit

import binascii
import logging
import pytest
import requests
import transaction

RRN = "85073003328"
RRN_FORMATTED = "85.07.30-033.28"
GIVEN = "Jan Pieter"
SURNAME = "Specimen"
PASSWORD = "secret-Member-1"


def valid_rrn(base):
    """A valid national register number (born before 2000) from 9 digits."""
    return f"{base}{97 - int(base) % 97:02d}"


@pytest.fixture
def pki():
    return TestPKI()


@pytest.fixture
def site(functional, pki, tmp_path):
    """The functional site trusting the test PKI, with a current CRL on disk."""
    portal = functional["portal"]
    files = pki.write_files(tmp_path)
    api.portal.set_registry_record("communesplone.eid.trust_anchors", pem(pki.root.certificate))
    api.portal.set_registry_record(
        "communesplone.eid.intermediate_certificates", pem(pki.citizen_ca.certificate)
    )
    api.portal.set_registry_record("communesplone.eid.crl_files", [str(files["crl.pem"])])
    api.portal.set_registry_record("communesplone.eid.check_revocation", True)
    transaction.commit()
    clear_caches()
    yield SimpleNamespace(
        portal=portal,
        url=portal.absolute_url(),
        secret=api.portal.get_registry_record("communesplone.eid.proxy_secret"),
        crl=files["crl.pem"],
        pki=pki,
    )
    clear_caches()


def set_record(name, value):
    api.portal.set_registry_record(f"communesplone.eid.{name}", value)
    transaction.commit()


def proxy_headers(site, certificate, secret=None, encode=nginx_escaped):
    value = certificate if isinstance(certificate, str) else encode(certificate)
    headers = {
        "X-Client-Cert": value,
        "X-Eid-Proxy-Secret": site.secret if secret is None else secret,
    }
    if secret == "":
        del headers["X-Eid-Proxy-Secret"]
    return headers


def eid_login(site, certificate, session=None, came_from=None, **kwargs):
    """GET @@eid-login through the "proxy"; the response is not followed."""
    session = session or requests.Session()
    params = {"came_from": came_from} if came_from else None
    response = session.get(
        f"{site.url}/@@eid-login", params=params,
        headers=proxy_headers(site, certificate, **kwargs), allow_redirects=False, timeout=60,
    )
    return session, response


def assurance(session, site):
    response = session.get(f"{site.url}/@identity-assurance",
                           headers={"Accept": "application/json"}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def audit(event=None):
    transaction.begin()
    return entries(event=event)


def add_member(site, user_id="jdoe", fullname="Jane Doe"):
    site.portal.acl_users.userFolderAddUser(user_id, PASSWORD, ["Member"], [])
    if fullname:
        api.user.get(userid=user_id).setMemberProperties({"fullname": fullname})
    transaction.commit()
    return user_id


def linked_member(site, rrn=RRN):
    transaction.begin()
    plugin = get_plugin(site.portal)
    return plugin.linked_user(plugin.key_for(rrn))


# --- success ------------------------------------------------------------------------


def test_valid_card_certifies_at_high_and_creates_a_member(site):
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    session, response = eid_login(site, leaf)
    assert response.status_code == 302, response.text
    assert response.headers["Location"] == site.url
    assert "__ac" in session.cookies and "__cp_assurance" in session.cookies

    record = assurance(session, site)
    assert record["level"] == "high"
    assert record["provider"] == "eid"
    assert record["provider_title"] == "Belgian eID card"
    assert record["attributes"]["national_number"] == "85.07.30-xxx.xx"
    assert record["attributes"]["given_names"] == GIVEN
    assert record["attributes"]["surname"] == SURNAME
    assert record["attributes"]["birth_date"] == "1985-07-30"

    user_id = linked_member(site)
    assert user_id.startswith("eid-") and len(user_id) == len("eid-") + 16
    member = api.user.get(userid=user_id)
    assert member.getProperty("fullname") == f"{GIVEN} {SURNAME}"
    assert "Member" in member.getRoles()
    [certified] = audit("certified")
    assert certified["user_id"] == user_id
    assert certified["provider"] == "eid" and certified["level"] == "high"


@pytest.mark.parametrize(
    "encode", [nginx_escaped, pem, der_b64], ids=["escaped", "tab-joined-pem", "der"]
)
def test_header_forms(site, encode):
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    value = encode(leaf)
    if encode is pem:  # a header holds no line break: nginx's $ssl_client_cert uses tabs
        value = value.rstrip("\n").replace("\n", "\n\t").replace("\n", "")
    session, response = eid_login(site, value)
    assert response.status_code == 302, response.text
    assert assurance(session, site)["level"] == "high"


def test_second_login_is_the_same_member(site):
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    eid_login(site, leaf)
    first = linked_member(site)
    # A renewed card: another certificate, the same person.
    renewed = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    clear_caches()
    session, response = eid_login(site, renewed)
    assert response.status_code == 302
    assert linked_member(site) == first
    assert len(audit("certified")) == 2
    assert {entry["user_id"] for entry in audit("certified")} == {first}
    members = [m.getId() for m in api.user.get_users() if m.getId().startswith("eid-")]
    assert members == [first]


def test_came_from_only_inside_the_site(site):
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    inside = f"{site.url}/@@certify-identity?level=high"
    _, response = eid_login(site, leaf, came_from=inside)
    assert response.headers["Location"] == inside
    _, response = eid_login(site, leaf, came_from="https://evil.example/steal")
    assert response.headers["Location"] == site.url


def test_password_member_gets_the_card_linked(site):
    """Logged in with a password and the eID for the first time: linked (policy create)."""
    add_member(site)
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    session = requests.Session()
    session.auth = ("jdoe", PASSWORD)
    _, response = eid_login(site, leaf, session=session)
    assert response.status_code == 302, response.text
    assert linked_member(site) == "jdoe"
    assert api.user.get(userid="jdoe").getProperty("fullname") == "Jane Doe"  # kept
    # Later, the card alone logs in to that account.
    session, _ = eid_login(site, leaf)
    session.auth = None
    record = assurance(session, site)
    assert record["level"] == "high"
    [_, second] = audit("certified")
    assert second["user_id"] == "jdoe"


def test_link_policy_requires_a_password_login_first(site):
    set_record("member_policy", "link")
    add_member(site)
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    _, response = eid_login(site, leaf, came_from=f"{site.url}/@@certify-identity")
    assert response.status_code == 401
    assert 'data-reason="link_required"' in response.text
    assert "Log in with your password" in response.text
    assert "__ac" not in response.cookies
    assert linked_member(site) is None
    assert not [m for m in api.user.get_users() if m.getId().startswith("eid-")]

    session = requests.Session()
    session.auth = ("jdoe", PASSWORD)
    _, response = eid_login(site, leaf, session=session)
    assert response.status_code == 302
    assert linked_member(site) == "jdoe"
    session, response = eid_login(site, leaf)
    assert response.status_code == 302
    assert assurance(session, site)["level"] == "high"


def test_an_account_holds_one_card(site):
    add_member(site)
    first = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    session = requests.Session()
    session.auth = ("jdoe", PASSWORD)
    eid_login(site, first, session=session)
    spouse = site.pki.issue_leaf("Marie", SURNAME, valid_rrn("870412345"))
    _, response = eid_login(site, spouse, session=session)
    assert response.status_code == 403
    assert 'data-reason="linked_to_other"' in response.text
    assert linked_member(site, valid_rrn("870412345")) is None


# --- refusals -----------------------------------------------------------------------


def refused_cases(site):
    pki = site.pki
    now = pki.now
    return {
        "not_authentication": pki.issue_leaf(GIVEN, SURNAME, RRN, kind="signature"),
        "expired": pki.issue_leaf(GIVEN, SURNAME, RRN, not_before=now - timedelta(days=3650),
                                  not_after=now - timedelta(days=1)),
        "untrusted": pki.rogue().issue_leaf(GIVEN, SURNAME, RRN),
        "bad_subject": pki.issue_leaf(GIVEN, SURNAME, "85073003329"),
        "malformed": "-----BEGIN CERTIFICATE-----%0AnotBase64!%0A-----END CERTIFICATE-----",
    }


@pytest.mark.parametrize(
    "reason", ["not_authentication", "expired", "untrusted", "bad_subject", "malformed"]
)
def test_bad_certificate_refused(site, reason):
    certificate = refused_cases(site)[reason]
    session, response = eid_login(site, certificate)
    assert response.status_code == 403
    assert f'data-reason="{reason}"' in response.text
    assert "__ac" not in session.cookies
    assert assurance(session, site)["level"] == "none"
    [entry] = audit("refused")
    assert entry["reason"] == reason
    assert entry["provider"] == "eid"
    assert entry["client"] in ("127.0.0.1", "::1")
    if reason != "malformed":
        assert len(entry["fingerprint"]) == 95  # 32 hex pairs and colons
    assert not audit("certified")


def test_messages_say_what_to_do(site):
    _, response = eid_login(site, refused_cases(site)["not_authentication"])
    assert "You chose the signature certificate: choose the authentication one" in response.text
    _, response = eid_login(site, refused_cases(site)["expired"])
    assert "Your eID card&#x27;s certificate has expired" in response.text or \
        "Your eID card's certificate has expired" in response.text


def test_revoked_card_refused(site):
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    site.crl.write_text(pem(site.pki.make_crl([leaf])), encoding="ascii")
    _, response = eid_login(site, leaf)
    assert response.status_code == 403
    assert 'data-reason="revoked"' in response.text
    assert [entry["reason"] for entry in audit("refused")] == ["revoked"]


def test_revocation_becomes_effective_when_the_crl_file_changes(site):
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    _, response = eid_login(site, leaf)
    assert response.status_code == 302
    site.crl.write_text(pem(site.pki.make_crl([leaf])), encoding="ascii")
    _, response = eid_login(site, leaf)
    assert response.status_code == 403
    assert 'data-reason="revoked"' in response.text


def test_missing_crl_fails_closed(site):
    set_record("crl_files", [str(site.crl.parent / "nowhere.crl")])
    _, response = eid_login(site, site.pki.issue_leaf(GIVEN, SURNAME, RRN))
    assert response.status_code == 403
    assert 'data-reason="revocation_unknown"' in response.text
    assert "The validity of your card cannot be checked right now" in response.text
    assert [entry["reason"] for entry in audit("refused")] == ["revocation_unknown"]


def test_without_revocation_checking_no_crl_needed(site):
    set_record("crl_files", [])
    set_record("check_revocation", False)
    _, response = eid_login(site, site.pki.issue_leaf(GIVEN, SURNAME, RRN))
    assert response.status_code == 302


def test_no_certificate(site):
    response = requests.get(f"{site.url}/@@eid-login", allow_redirects=False, timeout=60,
                            headers={"X-Client-Cert": "", "X-Eid-Proxy-Secret": site.secret})
    assert response.status_code == 401
    assert 'data-reason="no_certificate"' in response.text
    assert not audit()


def test_unexpected_error_leaves_nothing_half_made(site, monkeypatch):
    from communesplone.eid.browser import login

    def broken(*args, **kwargs):
        raise RuntimeError("keyring unavailable")

    monkeypatch.setattr(login, "certify", broken)
    _, response = eid_login(site, site.pki.issue_leaf(GIVEN, SURNAME, RRN))
    assert response.status_code == 503
    assert 'data-reason="not_available"' in response.text
    assert "Traceback" not in response.text
    assert linked_member(site) is None
    assert not [m for m in api.user.get_users() if m.getId().startswith("eid-")]


# --- spoofing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "secret", "reason"),
    [
        ({"trusted_proxies": ["10.1.2.3"]}, None, "untrusted_source"),
        ({"trusted_proxies": ["10.0.0.0/8", "fd00::/8"]}, None, "untrusted_source"),
        ({}, "", "bad_proxy_secret"),
        ({}, "wrong-secret", "bad_proxy_secret"),
    ],
    ids=["other-proxy", "other-networks", "no-secret", "wrong-secret"],
)
def test_header_not_from_the_proxy_ignored(site, setting, secret, reason):
    for name, value in setting.items():
        set_record(name, value)
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    session, response = eid_login(site, leaf, secret=secret)
    assert response.status_code == 401
    assert 'data-reason="no_certificate"' in response.text
    assert "__ac" not in session.cookies
    [entry] = audit()
    assert entry["event"] == "ignored"
    assert entry["reason"] == reason
    assert entry["client"] in ("127.0.0.1", "::1")
    assert linked_member(site) is None


def test_x_forwarded_for_does_not_make_a_proxy(site):
    set_record("trusted_proxies", ["10.1.2.3"])
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    response = requests.get(
        f"{site.url}/@@eid-login", allow_redirects=False, timeout=60,
        headers={**proxy_headers(site, leaf), "X-Forwarded-For": "10.1.2.3"},
    )
    assert response.status_code == 401
    assert [entry["reason"] for entry in audit("ignored")] == ["untrusted_source"]


def test_ignored_on_an_ordinary_page_without_confirmation(site):
    """Auditing on any GET does not trip plone.protect's write-on-read check."""
    set_record("trusted_proxies", ["10.1.2.3"])
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    response = requests.get(site.url, headers=proxy_headers(site, leaf), timeout=60,
                            allow_redirects=False)
    assert response.status_code == 200
    assert "confirm-action" not in response.text
    assert [entry["reason"] for entry in audit("ignored")] == ["untrusted_source"]


# --- the certificate on every request (API clients behind the proxy) ------------------


def test_linked_card_authenticates_each_request_at_high(site):
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    eid_login(site, leaf)
    user_id = linked_member(site)
    response = requests.get(f"{site.url}/@identity-assurance", timeout=60,
                            headers={"Accept": "application/json", **proxy_headers(site, leaf)})
    assert response.status_code == 200
    assert response.json()["level"] == "high"
    assert "__cp_assurance" not in response.cookies  # for this request only
    users = requests.get(f"{site.url}/@users/{user_id}", timeout=60,
                         headers={"Accept": "application/json", **proxy_headers(site, leaf)})
    assert users.status_code == 200
    assert users.json()["fullname"] == f"{GIVEN} {SURNAME}"


def test_unknown_card_authenticates_nobody_outside_the_login_page(site):
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    response = requests.get(f"{site.url}/@identity-assurance", timeout=60,
                            headers={"Accept": "application/json", **proxy_headers(site, leaf)})
    assert response.json()["level"] == "none"
    assert linked_member(site) is None
    assert not [m for m in api.user.get_users() if m.getId().startswith("eid-")]


# --- logout, step-up, REST ----------------------------------------------------------


def test_logout_clears_the_assurance(site):
    session, _ = eid_login(site, site.pki.issue_leaf(GIVEN, SURNAME, RRN))
    assert "__cp_assurance" in session.cookies
    response = session.get(f"{site.url}/@@logout", timeout=60)
    assert response.status_code == 200
    assert "__cp_assurance" not in session.cookies
    assert "__ac" not in session.cookies
    assert assurance(session, site)["level"] == "none"


def test_step_up_for_a_password_member(site):
    add_member(site)
    response = requests.get(f"{site.url}/@@certify-identity", params={"level": "substantial"},
                            auth=("jdoe", PASSWORD), timeout=60, allow_redirects=False)
    assert response.status_code == 401
    assert "Identify yourself to continue" in response.text
    assert "Belgian eID card" in response.text
    assert f"{site.url}/@@eid-login?level=substantial" in response.text.replace("&amp;", "&")

    response = requests.get(f"{site.url}/@@certify-identity", params={"level": "substantial"},
                            auth=("jdoe", PASSWORD), timeout=60,
                            headers={"Accept": "application/json"})
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["type"] == "InsufficientAssurance"
    assert error["reason"] == "no_assurance"
    assert error["required_level"] == "substantial"
    assert [provider["id"] for provider in error["providers"]] == ["eid"]


def test_step_up_link_logs_in_and_returns(site):
    """Follow the step-up page's link with the card: back on the page, certified."""
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    target = f"{site.url}/@@certify-identity?level=high"
    page = requests.get(target, timeout=60)
    assert page.status_code == 401
    login_url = next(
        part.split('"', 1)[0].replace("&amp;", "&")
        for part in page.text.split('href="')[1:] if "@@eid-login" in part
    )
    assert parse_qs(urlsplit(login_url).query)["came_from"] == [target]
    session = requests.Session()
    response = session.get(login_url, headers=proxy_headers(site, leaf), timeout=60,
                           allow_redirects=False)
    assert response.headers["Location"] == target
    page = session.get(target, timeout=60)
    assert page.status_code == 200
    assert "Your identity is certified at level" in page.text
    assert "85.07.30-xxx.xx" in page.text
    assert GIVEN in page.text and SURNAME in page.text
    assert RRN not in page.text and RRN_FORMATTED not in page.text
    rest = session.get(target, headers={"Accept": "application/json"}, timeout=60)
    assert rest.status_code == 200
    assert rest.json()["level"] == "high"


def test_certify_identity_redirects_to_came_from(site):
    session, _ = eid_login(site, site.pki.issue_leaf(GIVEN, SURNAME, RRN))
    response = session.get(f"{site.url}/@@certify-identity",
                           params={"level": "high", "came_from": f"{site.url}/contact-info"},
                           allow_redirects=False, timeout=60)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{site.url}/contact-info"
    response = session.get(f"{site.url}/@@certify-identity",
                           params={"level": "high", "came_from": "https://evil.example/"},
                           allow_redirects=False, timeout=60)
    assert response.status_code == 200


# --- permissions: who must not get through -------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "member", "eid-member"])
def test_audit_log_refused(site, who):
    session = requests.Session()
    if who == "member":
        add_member(site)
        session.auth = ("jdoe", PASSWORD)
    elif who == "eid-member":
        session, _ = eid_login(site, site.pki.issue_leaf(GIVEN, SURNAME, RRN))
    response = session.get(f"{site.url}/@identity-audit", headers={"Accept": "application/json"},
                           timeout=60)
    assert response.status_code == 401
    assert "items" not in response.text
    response = session.get(f"{site.url}/@@identity-audit", timeout=60, allow_redirects=False)
    assert response.status_code in (302, 401, 403)
    assert "Identity audit log" not in response.text
    if response.status_code == 302:
        location = response.headers["Location"]
        assert "require_login" in location or "/login" in location
        followed = session.get(location, timeout=60)
        assert "Identity audit log" not in followed.text
        assert "certified" not in followed.text


def test_audit_log_readable_by_the_site_owner(site):
    eid_login(site, site.pki.issue_leaf(GIVEN, SURNAME, RRN))
    response = requests.get(f"{site.url}/@identity-audit", headers={"Accept": "application/json"},
                            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), timeout=60)
    assert response.status_code == 200
    assert [item["event"] for item in response.json()["items"]] == ["certified"]


def test_eid_only_login_challenges_to_the_eid(site):
    response = requests.get(f"{site.url}/@@identity-audit", timeout=60, allow_redirects=False)
    assert response.status_code == 302
    assert "@@eid-login" not in response.headers["Location"]
    set_record("eid_only_login", True)
    response = requests.get(f"{site.url}/@@identity-audit", timeout=60, allow_redirects=False)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(f"{site.url}/@@eid-login?")
    assert parse_qs(urlsplit(location).query)["came_from"] == [f"{site.url}/@@identity-audit"]
    # REST clients still get a plain 401
    response = requests.get(f"{site.url}/@identity-audit", timeout=60,
                            headers={"Accept": "application/json"}, allow_redirects=False)
    assert response.status_code == 401


# --- the register number appears nowhere ---------------------------------------------


def test_national_number_appears_nowhere(site, caplog):
    caplog.set_level(logging.DEBUG)
    leaf = site.pki.issue_leaf(GIVEN, SURNAME, RRN)
    session, response = eid_login(site, leaf)
    assert response.status_code == 302
    assurance_text = session.get(f"{site.url}/@identity-assurance",
                                 headers={"Accept": "application/json"}, timeout=60).text
    revoked = site.pki.issue_leaf(GIVEN, SURNAME, RRN, kind="signature")
    _, refused = eid_login(site, revoked)
    assert refused.status_code == 403
    set_record("trusted_proxies", ["10.1.2.3"])
    _, ignored = eid_login(site, leaf)
    assert ignored.status_code == 401

    forms = (RRN, RRN_FORMATTED, "850730-033.28", "85.07.30-033-28")
    transaction.begin()
    portal = site.portal
    user_id = linked_member(site)
    texts = {
        "log": caplog.text,
        "user id": user_id,
        "audit": repr(audit()),
        "assurance": assurance_text,
        "pages": refused.text + ignored.text,
        "links": repr(list(get_plugin(portal)._links.items())),
        "names": repr(list(get_plugin(portal)._fullnames.items())),
    }
    member = api.user.get(userid=user_id)
    texts["properties"] = repr([
        sheet.propertyItems() for sheet in
        (member.getUser().getPropertysheet(name) for name in member.getUser().listPropertysheets())
    ])
    catalog = portal.portal_catalog
    for form in forms:
        assert not catalog.unrestrictedSearchResults(SearchableText=form)
    for name in catalog.indexes():
        index = catalog._catalog.getIndex(name)
        try:
            values = list(index.uniqueValues())
        except NotImplementedError:  # ZCTextIndex: its lexicon's words
            values = list(index.getLexicon().words())
        except AttributeError:  # an index without values of its own (e.g. a path alias)
            assert not hasattr(aq_base(index), "uniqueValues")
            continue
        texts[f"index {name}"] = repr(values)
    texts["metadata"] = repr([brain.__record_schema__ and tuple(brain)
                              for brain in catalog.unrestrictedSearchResults()])
    for where, text in texts.items():
        for form in forms:
            assert form not in text, f"the register number appears in {where}"
    # The checks above could see it: the names and the log lines are there.
    assert f"{GIVEN} {SURNAME}" in texts["properties"]
    assert "Refused an eID certificate" in caplog.text
    assert "Ignored an eID certificate header" in caplog.text


def test_copied_cookies_die_at_logout(site):
    """A copy of the session and assurance cookies taken before logout opens nothing."""
    session, _ = eid_login(site, site.pki.issue_leaf(GIVEN, SURNAME, RRN))
    copy = requests.Session()
    copy.cookies.update(session.cookies)
    assert assurance(copy, site)["level"] == "high"
    session.get(f"{site.url}/@@logout", timeout=60)
    assert assurance(copy, site)["level"] == "none"


def test_assurance_dies_when_the_password_changes(site):
    session, _ = eid_login(site, site.pki.issue_leaf(GIVEN, SURNAME, RRN))
    user_id = linked_member(site)
    kept = session.cookies["__cp_assurance"]
    site.portal.acl_users.source_users.doChangeUser(user_id, "a-New-password-3")
    transaction.commit()
    # even with a valid session of the member, the old assurance is worth nothing
    fresh = requests.Session()
    ticket = tktauth.createTicket(user_secret(user_id), user_id)
    fresh.cookies.set("__ac", binascii.b2a_base64(ticket).rstrip().decode())
    assert assurance(fresh, site)["level"] == "none"
    fresh.cookies.set("__cp_assurance", kept)
    answer = fresh.get(f"{site.url}/@users/{user_id}", timeout=60,
                       headers={"Accept": "application/json"})
    assert answer.status_code == 200  # the session itself is valid
    assert assurance(fresh, site)["level"] == "none"
