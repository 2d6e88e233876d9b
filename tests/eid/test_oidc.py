"""OpenID Connect relying party against a real in-process provider.

Every flow goes through real HTTP: begin_login -> GET the authorization URL
(no redirect following) -> parse the 302 Location -> complete_login, which
talks to the provider's token, JWKS and userinfo endpoints.
"""

import socket
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from communesplone.eid import oidc
from communesplone.eid.oidc import (
    OidcError,
    ProviderConfig,
    begin_login,
    complete_login,
    fetch_metadata,
    level_at_least,
    pkce_challenge,
)
from communesplone.eid.testing_oidc import (
    EIDAS_HIGH,
    EIDAS_LOW,
    EIDAS_SUBSTANTIAL,
    TestOpenIDProvider,
)

REDIRECT_URI = "https://www.commune.example/acl_users/eid/callback"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each provider listens on a new port; never reuse another test's metadata."""
    oidc.clear_cache()
    yield
    oidc.clear_cache()


@pytest.fixture
def op():
    with TestOpenIDProvider() as provider:
        yield provider
    assert not provider.errors, provider.errors


@pytest.fixture
def op_config(op):
    return op.provider_config()


def authorize(url):
    """Play the browser: GET the authorization URL, return the callback params."""
    response = requests.get(url, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    location = response.headers["Location"]
    assert location.startswith(REDIRECT_URI + "?")
    return {name: values[0] for name, values in parse_qs(urlsplit(location).query).items()}


def start(config, required_level="substantial"):
    url, pending = begin_login(config, REDIRECT_URI, required_level)
    return pending, authorize(url)


def login(config, required_level="substantial"):
    pending, params = start(config, required_level)
    return complete_login(config, pending, params, REDIRECT_URI)


def refused(config, pending, params, reason, now=None):
    with pytest.raises(OidcError) as info:
        complete_login(config, pending, params, REDIRECT_URI, now=now)
    assert info.value.reason == reason, info.value
    return info.value


# ---------------------------------------------------------------------------
# happy paths
# ---------------------------------------------------------------------------


def test_full_flow_returns_identity(op, op_config):
    before = datetime.now(UTC).replace(microsecond=0)
    identity = login(op_config)
    assert identity.provider == "test-op"
    assert identity.subject == "sub-jan-0001"
    assert identity.level == "substantial"
    assert identity.acr == EIDAS_SUBSTANTIAL
    assert identity.given_names == "Jan Pieter"
    assert identity.surname == "Peeters"
    assert identity.national_number == "85073003328"  # separators dropped
    assert identity.email == "jan.peeters@example.be"
    assert identity.authenticated_at.tzinfo is not None
    assert before <= identity.authenticated_at <= datetime.now(UTC)
    assert identity.raw_claims["iss"] == op.issuer
    assert op.token_requests[-1]["auth_method"] == "client_secret_basic"
    assert op.hits["/userinfo"] == 1


def test_authorization_url_parameters(op, op_config):
    url, pending = begin_login(op_config, REDIRECT_URI, "substantial")
    assert url.startswith(op.issuer + "/authorize?")
    query = {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}
    assert query["response_type"] == "code"
    assert query["client_id"] == op.client_id
    assert query["redirect_uri"] == REDIRECT_URI
    assert query["scope"].split() == ["openid", "profile", "email"]
    assert query["code_challenge_method"] == "S256"
    assert query["code_challenge"] == pkce_challenge(pending["code_verifier"])
    assert pending["code_verifier"] not in url
    assert query["state"] == pending["state"]
    assert query["nonce"] == pending["nonce"]
    assert query["acr_values"].split() == [EIDAS_SUBSTANTIAL, EIDAS_HIGH]
    assert pending["required_level"] == "substantial"
    assert abs(pending["issued_at"] - datetime.now(UTC).timestamp()) < 5
    _, other = begin_login(op_config, REDIRECT_URI, "substantial")
    assert other["state"] != pending["state"] and other["nonce"] != pending["nonce"]


def test_requested_acr_is_sent_alone(op):
    config = op.provider_config(requested_acr={"high": EIDAS_HIGH})
    url, _ = begin_login(config, REDIRECT_URI, "high")
    assert parse_qs(urlsplit(url).query)["acr_values"] == [EIDAS_HIGH]


def test_es256_provider_at_level_high():
    with TestOpenIDProvider(key_type="EC") as op:
        config = op.provider_config()
        identity = login(config, "high")
        assert identity.level == "high"
        assert identity.acr == EIDAS_HIGH
        assert op.jwks["keys"][0]["kty"] == "EC"


def test_client_secret_post():
    with TestOpenIDProvider(token_auth_methods=("client_secret_post",)) as op:
        identity = login(op.provider_config())
        assert identity.subject == "sub-jan-0001"
        assert op.token_requests[-1]["auth_method"] == "client_secret_post"


def test_attributes_from_userinfo_only():
    with TestOpenIDProvider(claims_in_id_token=False) as op:
        config = op.provider_config()
        identity = login(config)
        assert (identity.given_names, identity.national_number) == ("Jan Pieter", "85073003328")
        config = op.provider_config(fetch_userinfo=False)
        identity = login(config)
        assert identity.given_names is None and identity.national_number is None
        assert op.hits["/userinfo"] == 1


def test_fas_style_national_number_claim():
    users = {
        "an": {
            "sub": "fas-42",
            "claims": {"givenName": "An", "surname": "Claes", "egovNRN": "71715100070"},
        }
    }
    with TestOpenIDProvider(users=users) as op:
        config = op.provider_config(
            attribute_map={
                "givenName": "given_names",
                "surname": "surname",
                "egovNRN": "national_number",
            }
        )
        identity = login(config)
        assert (identity.given_names, identity.surname, identity.national_number) == (
            "An",
            "Claes",
            "71715100070",
        )
        assert identity.email is None


def test_metadata_and_jwks_are_cached(op, op_config, monkeypatch):
    login(op_config)
    login(op_config)
    assert op.hits["/.well-known/openid-configuration"] == 1
    assert op.hits["/jwks"] == 1
    monkeypatch.setattr(oidc, "METADATA_TTL", 0)
    fetch_metadata(op_config)
    assert op.hits["/.well-known/openid-configuration"] == 2


def test_key_rotation_refetches_jwks(op, op_config):
    login(op_config)
    op.rotate_key()
    identity = login(op_config)
    assert identity.subject == "sub-jan-0001"
    assert op.hits["/jwks"] == 2


# ---------------------------------------------------------------------------
# refusals
# ---------------------------------------------------------------------------


def test_wrong_state(op_config):
    pending, params = start(op_config)
    refused(op_config, pending, {**params, "state": "forged"}, "bad_state")
    params.pop("state")
    refused(op_config, dict(pending), params, "bad_state")


def test_pending_of_another_provider(op, op_config):
    pending, params = start(op_config)
    other = op.provider_config(id="other-op")
    refused(other, pending, params, "bad_state")


def test_replayed_pending_and_code(op, op_config):
    pending, params = start(op_config)
    snapshot = dict(pending)
    complete_login(op_config, pending, params, REDIRECT_URI)
    # Same pending dict: marked consumed.
    refused(op_config, pending, params, "bad_state")
    # A copy restored from before: the provider refuses the used code.
    error = refused(op_config, snapshot, params, "token_error")
    assert "invalid_grant" in error.message


def test_expired_pending(op, op_config):
    pending, params = start(op_config)
    later = datetime.now(UTC) + timedelta(minutes=11)
    refused(op_config, pending, params, "expired_state", now=later)
    assert op.token_requests == []


def test_naive_now_is_rejected(op_config):
    pending, params = start(op_config)
    with pytest.raises(ValueError):
        complete_login(op_config, pending, params, REDIRECT_URI, now=datetime.now())


def test_redirect_uri_must_match(op_config):
    pending, params = start(op_config)
    with pytest.raises(OidcError) as info:
        complete_login(op_config, pending, params, "https://elsewhere.example/callback")
    assert info.value.reason == "bad_state"


def test_callback_iss_mismatch(op_config):
    pending, params = start(op_config)
    refused(op_config, pending, {**params, "iss": "https://evil.example"}, "bad_state")


@pytest.mark.parametrize(
    ("tamper", "reason", "hint"),
    [
        ("wrong_nonce", "bad_nonce", "nonce"),
        ("wrong_audience", "bad_id_token", "audience"),
        ("multiple_audiences", "bad_id_token", "azp"),
        ("wrong_issuer", "bad_id_token", "issuer"),
        ("expired", "bad_id_token", "expired"),
        ("foreign_key", "bad_id_token", "signature"),
        ("unknown_kid", "bad_id_token", "no provider key"),
        ("alg_none", "bad_id_token", "'none'"),
        ("hs256_public_key", "bad_id_token", "'HS256'"),
        ("wrong_at_hash", "bad_id_token", "at_hash"),
        ("userinfo_wrong_sub", "token_error", "userinfo"),
    ],
)
def test_tampered_tokens_are_refused(op, op_config, tamper, reason, hint):
    pending, params = start(op_config)
    op.tamper = tamper
    error = refused(op_config, pending, params, reason)
    assert hint in error.message


def test_pkce_verifier_mismatch(op, op_config):
    pending, params = start(op_config)
    pending["code_verifier"] = "x" * 64
    error = refused(op_config, pending, params, "token_error")
    assert "invalid_grant" in error.message
    assert op.token_requests[-1]["form"]["code_verifier"] == "x" * 64


def test_wrong_client_secret(op):
    config = op.provider_config(client_secret="not-the-secret")
    pending, params = start(config)
    error = refused(config, pending, params, "token_error")
    assert "invalid_client" in error.message


def test_insufficient_acr_for_user_without_substantial_means(op, op_config):
    op.current_user = "marie"  # can only reach eIDAS low
    pending, params = start(op_config)
    error = refused(op_config, pending, params, "insufficient_acr")
    assert EIDAS_LOW in error.message
    assert login(op_config, "low").level == "low"


def test_unknown_acr_counts_as_none(op, op_config):
    op.acr_override = "urn:unknown:acr"
    pending, params = start(op_config, "low")
    refused(op_config, pending, params, "insufficient_acr")
    assert login(op_config, "none").level == "none"


def test_provider_error_access_denied(op, op_config):
    op.authorize_error = "access_denied"
    pending, params = start(op_config)
    assert params["error"] == "access_denied" and params["state"] == pending["state"]
    error = refused(op_config, pending, params, "provider_error")
    assert "access_denied" in error.message
    assert op.token_requests == []


def test_discovery_issuer_mismatch(op, op_config):
    op.discovery_issuer = "https://evil.example"
    with pytest.raises(OidcError) as info:
        fetch_metadata(op_config)
    assert info.value.reason == "discovery_error"
    with pytest.raises(OidcError) as info:
        begin_login(op_config, REDIRECT_URI)
    assert info.value.reason == "discovery_error"


def test_discovery_unreachable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = ProviderConfig("x", "X", f"http://127.0.0.1:{port}", "c", "s", timeout=2)
    with pytest.raises(OidcError) as info:
        fetch_metadata(config)
    assert info.value.reason == "discovery_error"


# ---------------------------------------------------------------------------
# small units
# ---------------------------------------------------------------------------


def test_level_at_least():
    assert level_at_least("high", "substantial")
    assert level_at_least("substantial", "substantial")
    assert not level_at_least("low", "substantial")
    assert level_at_least("none", "none")
    with pytest.raises(ValueError):
        level_at_least("medium", "low")


def test_provider_config_validation():
    with pytest.raises(ValueError):
        ProviderConfig("x", "X", "https://idp.example", "c", "s", acr_levels={"a": "medium"})
    with pytest.raises(ValueError):
        ProviderConfig("x", "X", "http://idp.example", "c", "s")
    with pytest.raises(ValueError):
        ProviderConfig("x", "X", "https://idp.example", "c", "s", attribute_map={"x": "nickname"})
    config = ProviderConfig("x", "X", "https://idp.example", "c", "s", acr_levels={"a": "low"})
    with pytest.raises(ValueError):
        oidc.acr_values_for(config, "substantial")


def test_oidc_error_reason_codes():
    assert OidcError("bad_state", "x").reason == "bad_state"
    with pytest.raises(ValueError):
        OidcError("whatever", "x")


def test_provider_stops_cleanly():
    provider = TestOpenIDProvider()
    with provider:
        port = provider.port
        assert provider.running
        assert requests.get(provider.issuer + "/jwks", timeout=5).status_code == 200
    assert not provider.running
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/jwks", timeout=2)
    provider.stop()  # idempotent
