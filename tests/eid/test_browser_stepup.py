"""A citizen in a real browser: the step-up page asks for the eID card, and is accessible.

The proxy's part (asking the card's certificate, forwarding it) is played by
the extra HTTP headers Chromium sends, as in ``test_login.py``.
"""

from browser import assert_accessible
from browser import page_fixture  # noqa: F401 - the ``page`` fixture
from communesplone.eid.testing_pki import TestPKI
from communesplone.eid.testing_pki import nginx_escaped
from communesplone.eid.testing_pki import pem
from communesplone.eid.verification import clear_caches
from plone import api

import pytest
import transaction

PASSWORD = "secret-Member-1"


@pytest.fixture
def site(functional, tmp_path):
    portal = functional["portal"]
    pki = TestPKI()
    files = pki.write_files(tmp_path)
    api.portal.set_registry_record("communesplone.eid.trust_anchors", pem(pki.root.certificate))
    api.portal.set_registry_record(
        "communesplone.eid.intermediate_certificates", pem(pki.citizen_ca.certificate)
    )
    api.portal.set_registry_record("communesplone.eid.crl_files", [str(files["crl.pem"])])
    portal.acl_users.userFolderAddUser("jdoe", PASSWORD, ["Member"], [])
    api.user.get(userid="jdoe").setMemberProperties({"fullname": "Jane Doe"})
    transaction.commit()
    clear_caches()
    portal.pki = pki
    yield portal
    clear_caches()


def log_in_with_password(page, url):
    page.goto(f"{url}/login")
    page.get_by_label("Login Name").fill("jdoe")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert page.get_by_text("You are now logged in").count() or \
        page.get_by_text("Welcome! You are now logged in").count()


@pytest.mark.browser
def test_step_up_page_for_a_password_member(site, page):
    url = site.absolute_url()
    log_in_with_password(page, url)

    response = page.goto(f"{url}/@@certify-identity?level=high")
    assert response.status == 401
    heading = page.get_by_role("heading", name="Identify yourself to continue")
    assert heading.is_visible()
    link = page.get_by_role("link", name="Belgian eID card")
    assert link.is_visible()
    assert "/@@eid-login?" in link.get_attribute("href")

    assert_accessible(page)


@pytest.mark.browser
def test_the_eid_link_certifies_and_returns(site, page):
    url = site.absolute_url()
    log_in_with_password(page, url)
    page.goto(f"{url}/@@certify-identity?level=high")
    leaf = site.pki.issue_leaf("Jane", "Doe", "85073003328")
    page.context.set_extra_http_headers({
        "X-Client-Cert": nginx_escaped(leaf),
        "X-Eid-Proxy-Secret": api.portal.get_registry_record("communesplone.eid.proxy_secret"),
    })
    page.get_by_role("link", name="Belgian eID card").click()
    page.wait_for_load_state()
    page.context.set_extra_http_headers({})
    assert page.url == f"{url}/@@certify-identity?level=high"
    page.reload()
    assert page.get_by_role("heading", name="Your certified identity").is_visible()
    assert page.get_by_text("85.07.30-xxx.xx").is_visible()
    assert_accessible(page)


@pytest.mark.browser
def test_refusal_page_says_what_to_do(site, page):
    url = site.absolute_url()
    leaf = site.pki.issue_leaf("Jane", "Doe", "85073003328", kind="signature")
    page.context.set_extra_http_headers({
        "X-Client-Cert": nginx_escaped(leaf),
        "X-Eid-Proxy-Secret": api.portal.get_registry_record("communesplone.eid.proxy_secret"),
    })
    response = page.goto(f"{url}/@@eid-login")
    assert response.status == 403
    assert page.get_by_role("heading", name="Log in with your eID card").is_visible()
    alert = page.get_by_role("alert")
    assert "choose the authentication one" in alert.inner_text()
    assert page.get_by_role("link", name="Try again with your eID card").is_visible()
    assert_accessible(page)
