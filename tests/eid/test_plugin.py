"""The eID PAS plugin, its installation and the members API, in-process."""

from communesplone.core.assurance import accepted_providers
from communesplone.core.assurance import get_assurance
from communesplone.core.audit import entries
from communesplone.eid import members
from communesplone.eid.certificates import fingerprint_sha256
from communesplone.eid.certificates import load_pem_bundle
from communesplone.eid.certificates import load_trust_directory
from communesplone.eid.constraints import InvalidFilePath
from communesplone.eid.constraints import InvalidHeaderName
from communesplone.eid.constraints import InvalidPEMBundle
from communesplone.eid.constraints import InvalidProxyAddress
from communesplone.eid.constraints import file_path_constraint
from communesplone.eid.constraints import header_name_constraint
from communesplone.eid.constraints import pem_bundle_constraint
from communesplone.eid.constraints import proxy_address_constraint
from communesplone.eid.interfaces import ICommunesploneEidLayer
from communesplone.eid.plugin import CHALLENGE_KEY
from communesplone.eid.plugin import CREDENTIALS_KEY
from communesplone.eid.plugin import PLUGIN_ID
from communesplone.eid.plugin import PLUGIN_INTERFACES
from communesplone.eid.plugin import EidPlugin
from communesplone.eid.providers import EidProviderSource
from communesplone.eid.testing_pki import TestPKI
from communesplone.eid.testing_pki import nginx_escaped
from communesplone.eid.testing_pki import pem
from communesplone.eid.verification import OUTCOME_KEY
from communesplone.eid.verification import clear_caches
from communesplone.eid.verification import is_trusted_proxy
from communesplone.eid.verification import read_config
from communesplone.eid.verification import verify_header
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import logout
from plone.base.utils import get_installer
from plone.rest.interfaces import IAPIRequest
from Products.PluggableAuthService.interfaces.plugins import IChallengePlugin
from Products.PluggableAuthService.interfaces.plugins import IPropertiesPlugin
from zope.interface import alsoProvides

import pytest

RRN = "85073003328"


@pytest.fixture
def pas(portal):
    return portal.acl_users


@pytest.fixture
def plugin(pas):
    return pas[PLUGIN_ID]


@pytest.fixture
def pki(portal, tmp_path):
    pki = TestPKI()
    files = pki.write_files(tmp_path)
    api.portal.set_registry_record("communesplone.eid.trust_anchors", pem(pki.root.certificate))
    api.portal.set_registry_record(
        "communesplone.eid.intermediate_certificates", pem(pki.citizen_ca.certificate)
    )
    api.portal.set_registry_record("communesplone.eid.crl_files", [str(files["crl.pem"])])
    pki.crl_path = files["crl.pem"]
    clear_caches()
    yield pki
    clear_caches()


def proxied(request, certificate, client="127.0.0.1", secret=None):
    """Make ``request`` look like one the proxy forwarded with ``certificate``."""
    request.environ["REMOTE_ADDR"] = client
    request.environ["HTTP_X_CLIENT_CERT"] = nginx_escaped(certificate)
    request.environ["HTTP_X_EID_PROXY_SECRET"] = (
        api.portal.get_registry_record("communesplone.eid.proxy_secret")
        if secret is None else secret
    )
    request.other.pop(OUTCOME_KEY, None)
    request.other.pop("communesplone.eid.audited", None)
    return request


# --- installation ---------------------------------------------------------------------


def test_installed(installer, browser_layers, controlpanel_actions):
    assert installer.is_product_installed("communesplone.eid")
    assert ICommunesploneEidLayer in browser_layers
    assert "communesplone-eid" in controlpanel_actions


def test_plugin_added_and_active(pas, plugin):
    assert isinstance(plugin, EidPlugin)
    for interface in PLUGIN_INTERFACES:
        assert PLUGIN_ID in pas.plugins.listPluginIds(interface), interface
    # First challenger (it only acts when asked) and first properties provider.
    assert pas.plugins.listPluginIds(IChallengePlugin)[0] == PLUGIN_ID
    assert pas.plugins.listPluginIds(IPropertiesPlugin)[0] == PLUGIN_ID


def test_secrets_generated(plugin):
    secret = api.portal.get_registry_record("communesplone.eid.proxy_secret")
    assert len(secret) >= 43
    assert isinstance(plugin._hmac_secret, bytes) and len(plugin._hmac_secret) == 32


def test_trust_anchors_are_the_shipped_belgian_certificates(portal):
    roots, intermediates = load_trust_directory()
    configured = load_pem_bundle(api.portal.get_registry_record("communesplone.eid.trust_anchors"))
    assert [fingerprint_sha256(c) for c in configured] == [fingerprint_sha256(c) for c in roots]
    configured = load_pem_bundle(
        api.portal.get_registry_record("communesplone.eid.intermediate_certificates")
    )
    assert {c.subject.rfc4514_string() for c in configured} == {
        c.subject.rfc4514_string() for c in intermediates
    }
    assert {"CN=Citizen CA" in c.subject.rfc4514_string() for c in configured} == {True, False}


def test_settings_defaults(portal):
    config = read_config()
    assert config.certificate_header == "X-Client-Cert"
    assert config.trusted_proxies == ("127.0.0.1", "::1")
    assert config.proxy_secret_header == "X-Eid-Proxy-Secret"
    assert config.check_revocation is True
    assert config.crl_files == ()
    assert config.member_policy == "create"
    assert config.eid_only_login is False


def test_reinstall_keeps_secrets_and_links(portal, plugin):
    from communesplone.eid.setuphandlers import post_install

    secret = api.portal.get_registry_record("communesplone.eid.proxy_secret")
    hmac_secret = plugin._hmac_secret
    key = members.identity_key(plugin, RRN)
    members.link(key, TEST_USER_ID)
    post_install(None)
    post_install(None)
    assert api.portal.get_registry_record("communesplone.eid.proxy_secret") == secret
    assert portal.acl_users[PLUGIN_ID]._hmac_secret == hmac_secret
    assert members.member_for_key(key) == TEST_USER_ID
    ids = portal.acl_users.plugins.listPluginIds(IChallengePlugin)
    assert list(ids).count(PLUGIN_ID) == 1


def test_uninstall_removes_the_plugin(portal, pas):
    installer = get_installer(portal, portal.REQUEST)
    assert installer.uninstall_product("communesplone.eid")
    assert PLUGIN_ID not in pas.objectIds()
    for interface in PLUGIN_INTERFACES:
        assert PLUGIN_ID not in pas.plugins.listPluginIds(interface)
    assert api.portal.get_registry_record("communesplone.eid.proxy_secret", default=None) is None
    assert EidProviderSource().providers(portal) == ()
    assert installer.install_product("communesplone.eid")
    assert isinstance(pas[PLUGIN_ID], EidPlugin)


# --- the provider on the step-up page --------------------------------------------------


def test_provider_listed_when_active(portal, pas):
    [info] = EidProviderSource().providers(portal)
    assert info.id == "eid"
    assert info.title == "Belgian eID card"
    assert info.level == "high"
    assert info.login_url == f"{portal.absolute_url()}/@@eid-login"
    assert [p["id"] for p in accepted_providers("high", site=portal)] == ["eid"]
    pas.plugins.deactivatePlugin(IChallengePlugin, PLUGIN_ID)
    assert len(EidProviderSource().providers(portal)) == 1  # still extracts and authenticates
    from Products.PluggableAuthService.interfaces.plugins import IExtractionPlugin

    pas.plugins.deactivatePlugin(IExtractionPlugin, PLUGIN_ID)
    assert EidProviderSource().providers(portal) == ()


def test_provider_absent_where_not_installed(bare):
    assert EidProviderSource().providers(bare["portal"]) == ()


# --- keys and members ------------------------------------------------------------------


def test_identity_key_is_a_keyed_hash(plugin):
    key = members.identity_key(plugin, RRN)
    assert len(key) == 64 and int(key, 16) >= 0
    assert RRN not in key
    assert members.identity_key(plugin, "85.07.30-033.28") == key
    assert members.identity_key(plugin, "85073003427") != key
    other = EidPlugin("other")
    assert members.identity_key(other, RRN) != key  # a secret per site
    subject = plugin.key_for("abc", namespace="oidc:csam")
    assert subject.startswith("oidc:csam:") and "abc" not in subject


def test_link_and_find(plugin):
    key = members.identity_key(plugin, RRN)
    assert members.member_for_key(key) is None
    with pytest.raises(LookupError):
        members.link(key, "nobody")
    members.link(key, TEST_USER_ID, "Jan Pieter Specimen")
    assert members.member_for_key(key) == TEST_USER_ID
    assert members.keys_of(TEST_USER_ID) == [key]
    assert members.keys_of(TEST_USER_ID, namespace="rrn") == [key]
    assert members.keys_of(TEST_USER_ID, namespace="oidc:csam") == []
    assert api.user.get(userid=TEST_USER_ID).getProperty("fullname") == "Jan Pieter Specimen"


def test_create_member(plugin):
    user_id = members.create_member("Jan Pieter Specimen")
    assert user_id.startswith("eid-") and len(user_id) == 20
    int(user_id[4:], 16)
    member = api.user.get(userid=user_id)
    assert member.getProperty("fullname") == "Jan Pieter Specimen"
    assert member.getRoles() == ["Member", "Authenticated"]
    assert members.create_member("Someone Else") != user_id


def test_deleting_a_member_forgets_the_links(plugin):
    user_id = members.create_member("Jan Pieter Specimen")
    key = members.identity_key(plugin, RRN)
    members.link(key, user_id, "Jan Pieter Specimen")
    with api.env.adopt_roles(["Manager"]):
        api.user.delete(username=user_id)
    assert plugin.linked_user(key) is None
    assert plugin.fullname_of(user_id) is None


def test_stale_link_is_not_followed(plugin, pas):
    user_id = members.create_member("Jan Pieter Specimen")
    key = members.identity_key(plugin, RRN)
    plugin._links[key] = user_id
    pas.source_users.removeUser(user_id)  # behind the events' back
    assert members.member_for_key(key) is None


def test_log_in(portal):
    user_id = members.create_member("Jan Pieter Specimen")
    request = portal.REQUEST
    members.log_in(request, user_id)
    assert api.user.get_current().getId() == user_id
    assert "__ac" in request.response.cookies


# --- the PAS interfaces -------------------------------------------------------------------


def test_extraction_and_authentication(portal, plugin, pki):
    request = proxied(portal.REQUEST, pki.issue_leaf("Jan Pieter", "Specimen", RRN))
    credentials = plugin.extractCredentials(request)
    identity = credentials[CREDENTIALS_KEY]
    assert identity.national_number == RRN
    # An unknown card authenticates nobody (members are made by @@eid-login only).
    assert plugin.authenticateCredentials(credentials) is None
    user_id = members.create_member("Jan Pieter Specimen")
    members.link(members.identity_key(plugin, RRN), user_id, "Jan Pieter Specimen")
    assert plugin.authenticateCredentials(credentials) == (user_id, user_id)
    assert plugin.authenticateCredentials({"login": "x", "password": "y"}) is None
    # ... and the request carries the high assurance for this request only.
    from AccessControl.SecurityManagement import newSecurityManager

    newSecurityManager(request, portal.acl_users.getUserById(user_id))
    record = get_assurance(request)
    assert record.level == "high" and record.provider == "eid"
    assert record.given_names == "Jan Pieter" and record.surname == "Specimen"


def test_extraction_refused_is_audited_once(portal, plugin, pki):
    leaf = pki.issue_leaf("Jan Pieter", "Specimen", RRN, kind="signature")
    request = proxied(portal.REQUEST, leaf)
    assert plugin.extractCredentials(request) == {}
    assert plugin.extractCredentials(request) == {}
    [entry] = entries()
    assert entry["event"] == "refused" and entry["reason"] == "not_authentication"
    assert entry["fingerprint"] == fingerprint_sha256(leaf)
    # The same refusal on the next ordinary request within a minute: not again.
    assert plugin.extractCredentials(proxied(request, leaf)) == {}
    assert len(entries()) == 1


@pytest.mark.parametrize(
    ("client", "secret", "reason"),
    [("10.9.8.7", None, "untrusted_source"), ("127.0.0.1", "nope", "bad_proxy_secret")],
)
def test_extraction_ignores_foreign_headers(portal, plugin, pki, client, secret, reason):
    request = proxied(portal.REQUEST, pki.issue_leaf("Jan Pieter", "Specimen", RRN),
                      client=client, secret=secret)
    assert plugin.extractCredentials(request) == {}
    [entry] = entries()
    assert (entry["event"], entry["reason"], entry["client"]) == ("ignored", reason, client)
    assert "fingerprint" not in entry


def test_extraction_without_header(portal, plugin):
    request = portal.REQUEST
    request.other.pop(OUTCOME_KEY, None)
    assert plugin.extractCredentials(request) == {}
    assert entries() == []


def test_verification_result_cached_until_the_crl_changes(portal, pki):
    leaf = pki.issue_leaf("Jan Pieter", "Specimen", RRN)
    config = read_config()
    first = verify_header(nginx_escaped(leaf), config)
    assert first.verified and not first.cached
    second = verify_header(nginx_escaped(leaf), config)
    assert second.verified and second.cached
    pki.crl_path.write_text(pem(pki.make_crl([leaf])), encoding="ascii")
    import os

    stat = pki.crl_path.stat()
    os.utime(pki.crl_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    third = verify_header(nginx_escaped(leaf), config)
    assert (third.status, third.reason, third.cached) == ("refused", "revoked", False)


def test_properties(plugin, pas):
    user_id = members.create_member("Jan Pieter Specimen")
    user = pas.getUserById(user_id)
    assert plugin.getPropertiesForUser(user) == {"fullname": "Jan Pieter Specimen"}
    assert plugin.getPropertiesForUser(pas.getUserById(TEST_USER_ID)) == {}


def test_no_roles(plugin, pas):
    user_id = members.create_member("Jan Pieter Specimen")
    assert plugin.getRolesForPrincipal(pas.getUserById(user_id)) == ()


def test_challenge_only_when_asked(portal, plugin):
    request, response = portal.REQUEST, portal.REQUEST.response
    logout()
    request["ACTUAL_URL"] = f"{portal.absolute_url()}/private"
    assert plugin.challenge(request, response) is False
    request.other[CHALLENGE_KEY] = True
    assert plugin.challenge(request, response) is True
    location = response.getHeader("Location")
    assert location.startswith(f"{portal.absolute_url()}/@@eid-login?came_from=")
    assert "private" in location


def test_no_challenge_for_api_requests_or_members(portal, plugin):
    request, response = portal.REQUEST, portal.REQUEST.response
    request.other[CHALLENGE_KEY] = True
    assert plugin.challenge(request, response) is False  # logged in: insufficient privileges
    logout()
    alsoProvides(request, IAPIRequest)
    assert plugin.challenge(request, response) is False


def test_eid_only_login_challenges(portal, plugin):
    api.portal.set_registry_record("communesplone.eid.eid_only_login", True)
    logout()
    assert plugin.challenge(portal.REQUEST, portal.REQUEST.response) is True


def test_logout_clears_the_assurance(portal, plugin):
    request = portal.REQUEST
    request.other["communesplone.assurance"] = object()
    plugin.resetCredentials(request, request.response)
    assert "communesplone.assurance" not in request.other
    assert "__cp_assurance" in request.response.cookies  # expired


# --- trusted proxies and constraints ----------------------------------------------------


@pytest.mark.parametrize(
    ("address", "proxies", "trusted"),
    [
        ("127.0.0.1", ["127.0.0.1", "::1"], True),
        ("::1", ["127.0.0.1", "::1"], True),
        ("10.0.0.7", ["127.0.0.1", "::1"], False),
        ("10.0.0.7", ["10.0.0.0/24"], True),
        ("10.0.1.7", ["10.0.0.0/24"], False),
        ("::ffff:10.0.0.7", ["10.0.0.0/24"], True),
        ("fe80::1%eth0", ["fe80::/10"], True),
        ("", ["127.0.0.1"], False),
        ("localhost", ["127.0.0.1"], False),
        ("127.0.0.1", ["not an address", "127.0.0.1"], True),
        ("127.0.0.1", [], False),
    ],
)
def test_trusted_proxy(address, proxies, trusted):
    assert is_trusted_proxy(address, proxies) is trusted


def test_constraints():
    assert pem_bundle_constraint("")
    assert pem_bundle_constraint(pem(TestPKI().root.certificate))
    for bad in ("garbage", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"):
        with pytest.raises(InvalidPEMBundle):
            pem_bundle_constraint(bad)
    for good in ("127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8"):
        assert proxy_address_constraint(good)
    for bad in ("localhost", "10.0.0.0/33", " 127.0.0.1", "1.2.3"):
        with pytest.raises(InvalidProxyAddress):
            proxy_address_constraint(bad)
    assert header_name_constraint("X-Client-Cert")
    for bad in ("X Client", "X-Client:", "é"):
        with pytest.raises(InvalidHeaderName):
            header_name_constraint(bad)
    assert file_path_constraint("/var/lib/eid/citizenca.crl")
    for bad in ("relative.crl", "http://crl.eid.belgium.be/eidc202002.crl", "/var/../etc/x"):
        with pytest.raises(InvalidFilePath):
            file_path_constraint(bad)
