"""The "Belgian eID" control panel: the Site Setup form and ``@controlpanels/eid``.

Each permission is tried from the side of who must not get through.
"""

from communesplone.eid.testing_pki import TestPKI
from communesplone.eid.testing_pki import pem
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from plone.app.testing import setRoles

import pytest
import requests
import transaction

OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


@pytest.fixture
def site_url(functional):
    return functional["portal"].absolute_url()


def rest(site_url, method, path, auth=None, **kwargs):
    return requests.request(
        method, f"{site_url}/{path}", auth=auth,
        headers={"Accept": "application/json"}, timeout=60, **kwargs,
    )


def record(name):
    transaction.begin()
    return api.portal.get_registry_record(f"communesplone.eid.{name}")


def test_listed_in_controlpanels(site_url):
    response = rest(site_url, "GET", "@controlpanels", auth=OWNER)
    assert response.status_code == 200
    assert "eid" in {panel["@id"].rsplit("/", 1)[-1] for panel in response.json()}


def test_read_through_rest(site_url):
    response = rest(site_url, "GET", "@controlpanels/eid", auth=OWNER)
    assert response.status_code == 200
    body = response.json()
    assert set(body["schema"]["properties"]) >= {
        "certificate_header", "trusted_proxies", "proxy_secret_header", "proxy_secret",
        "trust_anchors", "intermediate_certificates", "check_revocation", "crl_files",
        "member_policy",
    }
    assert body["data"]["trusted_proxies"] == ["127.0.0.1", "::1"]
    assert body["data"]["proxy_secret"] == record("proxy_secret")  # to copy into nginx
    assert "Belgium Root CA6" in body["data"]["trust_anchors"]
    assert body["data"]["member_policy"]["token"] == "create"


def test_write_through_rest(site_url):
    root = pem(TestPKI().root.certificate)
    response = rest(
        site_url, "PATCH", "@controlpanels/eid", auth=OWNER,
        json={"trusted_proxies": ["10.0.0.5", "fd00::/64"], "trust_anchors": root,
              "crl_files": ["/var/lib/communesplone/crl/citizenca.crl"],
              "member_policy": "link"},
    )
    assert response.status_code == 204, response.text
    assert record("trusted_proxies") == ["10.0.0.5", "fd00::/64"]
    assert record("trust_anchors") == root
    assert record("crl_files") == ["/var/lib/communesplone/crl/citizenca.crl"]
    assert record("member_policy") == "link"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("trust_anchors", "not a certificate", "PEM"),
        ("intermediate_certificates",
         "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "PEM"),
        ("trusted_proxies", ["127.0.0.1", "proxy.example"], "IP address"),
        ("trusted_proxies", ["10.0.0.0/33"], "IP address"),
        ("certificate_header", "X Client Cert", "header"),
        ("crl_files", ["http://crl.eid.belgium.be/eidc202002.crl"], "absolute path"),
    ],
    ids=["pem", "truncated-pem", "hostname", "bad-network", "header", "url"],
)
def test_invalid_values_refused(site_url, field, value, message):
    before = record(field)
    response = rest(site_url, "PATCH", "@controlpanels/eid", auth=OWNER, json={field: value})
    assert response.status_code == 400
    assert message in response.text
    assert record(field) == before


@pytest.mark.parametrize("auth", [None, (TEST_USER_NAME, TEST_USER_PASSWORD)],
                         ids=["anonymous", "member"])
def test_refused_to_who_is_not_site_administrator(site_url, auth):
    read = rest(site_url, "GET", "@controlpanels/eid", auth=auth)
    assert read.status_code == 401
    assert record("proxy_secret") not in read.text
    patched = rest(site_url, "PATCH", "@controlpanels/eid", auth=auth,
                   json={"trusted_proxies": ["0.0.0.0/0"]})
    assert patched.status_code == 401
    form = requests.get(f"{site_url}/@@eid-controlpanel", auth=auth, timeout=60,
                        allow_redirects=False)
    assert form.status_code in (302, 401)
    assert record("proxy_secret") not in form.text
    assert record("trusted_proxies") == ["127.0.0.1", "::1"]


def test_site_administrator_may_edit(functional, site_url):
    portal = functional["portal"]
    portal.acl_users.userFolderAddUser("siteadmin", "secret-Admin-1", [], [])
    setRoles(portal, "siteadmin", ["Site Administrator"])
    transaction.commit()
    auth = ("siteadmin", "secret-Admin-1")
    response = rest(site_url, "PATCH", "@controlpanels/eid", auth=auth,
                    json={"check_revocation": False})
    assert response.status_code == 204, response.text
    assert record("check_revocation") is False
    form = requests.get(f"{site_url}/@@eid-controlpanel", auth=auth, timeout=60)
    assert form.status_code == 200
    assert "Belgian eID" in form.text
    assert record("proxy_secret") in form.text
    setup = requests.get(f"{site_url}/@@overview-controlpanel", auth=auth, timeout=60)
    assert "@@eid-controlpanel" in setup.text


def test_form_labels(site_url):
    form = requests.get(f"{site_url}/@@eid-controlpanel", auth=OWNER, timeout=60)
    assert form.status_code == 200
    for label in ("Certificate header", "Addresses of the reverse proxy", "Proxy secret",
                  "Root certificates", "Revocation list files", "First login with the eID card"):
        assert label in form.text
