"""OpenID Connect relying party for citizen identification.

Self-contained (no Plone imports) so it can be wrapped by a PAS plugin and
tested against a real provider over HTTP.  The flow is the authorization code
flow with ``state``, ``nonce`` and PKCE (S256) always enforced:

1. :func:`begin_login` builds the authorization URL and a ``pending`` dict
   that the caller keeps server side (e.g. in the session);
2. the provider redirects the browser back with ``code`` and ``state``;
3. :func:`complete_login` checks the callback against ``pending``, redeems the
   code, validates the ID token and returns an :class:`OidcIdentity` whose
   assurance level (eIDAS names) meets the level asked in step 1.

Provider metadata and JWKS are cached per issuer for :data:`METADATA_TTL`
seconds; :func:`clear_cache` empties the cache.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import requests
from communesplone.core.levels import LEVELS
from communesplone.core.levels import level_at_least
from communesplone.core.levels import level_rank
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, Key, KeySet, RSAKey
from joserfc.jws import JWSRegistry

__all__ = [
    "LEVELS",
    "REASONS",
    "OidcError",
    "OidcIdentity",
    "ProviderConfig",
    "acr_values_for",
    "begin_login",
    "clear_cache",
    "complete_login",
    "fetch_jwks",
    "fetch_metadata",
    "level_at_least",
    "pkce_challenge",
    "validate_id_token",
]


#: Signature algorithms accepted for ID tokens, with the key type they need.
#: Symmetric (HS*) algorithms are refused on purpose: verifying them with a
#: provider's *public* key is the classic algorithm-confusion attack, and
#: ``none`` means no signature at all.
ALLOWED_ALGS = {"RS256": RSAKey, "ES256": ECKey}

#: Seconds a ``pending`` login stays valid (browser round trip to provider).
PENDING_MAX_AGE = 600
#: Clock skew tolerated on ``exp`` / ``iat`` / ``nbf``, in seconds.
CLOCK_LEEWAY = 60
#: Seconds provider metadata and JWKS are cached.
METADATA_TTL = 3600

REASONS = (
    "bad_state",
    "expired_state",
    "provider_error",
    "token_error",
    "bad_id_token",
    "bad_nonce",
    "insufficient_acr",
    "discovery_error",
)

DEFAULT_ATTRIBUTE_MAP = {
    "given_name": "given_names",
    "family_name": "surname",
    "email": "email",
}
IDENTITY_ATTRIBUTES = ("given_names", "surname", "national_number", "email")


class OidcError(Exception):
    """A login that must be refused.

    ``reason`` is a stable code (one of :data:`REASONS`) for callers and logs;
    ``message`` is an English explanation that may include provider details,
    so show it to administrators rather than to citizens.
    """

    def __init__(self, reason: str, message: str):
        if reason not in REASONS:
            raise ValueError(f"unknown OidcError reason {reason!r}")
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


@dataclass
class ProviderConfig:
    """Static configuration of one OpenID provider.

    ``acr_levels`` maps the ``acr`` values the provider may return to our
    levels; an ``acr`` not listed there counts as ``"none"``.
    ``requested_acr`` optionally maps a level to the single ``acr`` value to
    send in ``acr_values`` (some providers want one precise value).
    ``attribute_map`` maps claim names to identity attributes
    (``given_names``, ``surname``, ``national_number``, ``email``), e.g.
    ``{"egovNRN": "national_number"}`` for FAS.
    """

    id: str
    title: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...] = ("openid", "profile")
    acr_levels: dict[str, str] = field(default_factory=dict)
    requested_acr: dict[str, str] = field(default_factory=dict)
    attribute_map: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ATTRIBUTE_MAP))
    timeout: float = 10
    verify_tls: bool = True
    #: Call the userinfo endpoint (when advertised) to complete the claims.
    fetch_userinfo: bool = True

    def __post_init__(self):
        self.scopes = tuple(self.scopes)
        for level in self.acr_levels.values():
            level_rank(level)
        for level in self.requested_acr:
            level_rank(level)
        for attribute in self.attribute_map.values():
            if attribute not in IDENTITY_ATTRIBUTES:
                raise ValueError(f"unknown identity attribute {attribute!r}")
        _check_issuer_url(self.issuer)


def _check_issuer_url(issuer: str) -> None:
    """Require https, except on loopback hosts (local test providers)."""
    parts = urlsplit(issuer)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1"):
        return
    raise ValueError(f"issuer must be an https URL, got {issuer!r}")


@dataclass(frozen=True)
class OidcIdentity:
    """A citizen identified by a provider at a given assurance level."""

    provider: str
    subject: str
    level: str
    acr: str | None
    given_names: str | None
    surname: str | None
    national_number: str | None
    email: str | None
    authenticated_at: datetime
    raw_claims: dict[str, Any] = field(hash=False, compare=False, repr=False)


# --------------------------------------------------------------------------
# Discovery and JWKS cache
# --------------------------------------------------------------------------


@dataclass
class _CacheEntry:
    metadata: dict[str, Any]
    fetched_at: float
    jwks: KeySet | None = None
    jwks_fetched_at: float = 0.0


_cache: dict[str, _CacheEntry] = {}
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every cached provider metadata document and JWKS."""
    with _cache_lock:
        _cache.clear()


def _fresh(fetched_at: float) -> bool:
    return time.monotonic() - fetched_at < METADATA_TTL


def fetch_metadata(
    config: ProviderConfig, session: requests.Session | None = None
) -> dict[str, Any]:
    """Return the provider's discovery document, from cache when fresh.

    The document's ``issuer`` must equal the configured issuer exactly
    (OIDC Discovery 4.3); otherwise a compromised or misconfigured endpoint
    could make us trust tokens from another issuer.
    """
    with _cache_lock:
        entry = _cache.get(config.issuer)
        if entry is not None and _fresh(entry.fetched_at):
            return entry.metadata
    url = config.issuer.rstrip("/") + "/.well-known/openid-configuration"
    metadata = _get_json(config, url, session, "discovery_error")
    if metadata.get("issuer") != config.issuer:
        raise OidcError(
            "discovery_error",
            f"discovery document issuer {metadata.get('issuer')!r} "
            f"does not match configured {config.issuer!r}",
        )
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(metadata.get(key), str):
            raise OidcError("discovery_error", f"discovery document lacks {key}")
    with _cache_lock:
        _cache[config.issuer] = _CacheEntry(metadata=metadata, fetched_at=time.monotonic())
    return metadata


def fetch_jwks(
    config: ProviderConfig,
    session: requests.Session | None = None,
    force_refresh: bool = False,
) -> KeySet:
    """Return the provider's signing keys, from cache unless stale or forced."""
    metadata = fetch_metadata(config, session)
    with _cache_lock:
        entry = _cache.get(config.issuer)
        if (
            entry is not None
            and entry.jwks is not None
            and not force_refresh
            and _fresh(entry.jwks_fetched_at)
        ):
            return entry.jwks
    data = _get_json(config, metadata["jwks_uri"], session, "discovery_error")
    try:
        keyset = KeySet.import_key_set(data)
    except (JoseError, ValueError, TypeError, KeyError) as error:
        raise OidcError("discovery_error", f"invalid JWKS: {error}") from error
    with _cache_lock:
        entry = _cache.get(config.issuer)
        if entry is not None:
            entry.jwks = keyset
            entry.jwks_fetched_at = time.monotonic()
    return keyset


def _get_json(
    config: ProviderConfig, url: str, session, reason: str, headers=None
) -> dict[str, Any]:
    http = session or requests
    try:
        response = http.get(url, timeout=config.timeout, verify=config.verify_tls, headers=headers)
    except requests.RequestException as error:
        raise OidcError(reason, f"GET {url} failed: {error}") from error
    if response.status_code != 200:
        raise OidcError(reason, f"GET {url} returned HTTP {response.status_code}")
    return _json_object(response, reason, url)


def _json_object(response: requests.Response, reason: str, url: str) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as error:
        raise OidcError(reason, f"{url} did not return JSON") from error
    if not isinstance(data, dict):
        raise OidcError(reason, f"{url} did not return a JSON object")
    return data


# --------------------------------------------------------------------------
# Starting a login
# --------------------------------------------------------------------------

#: Parameters begin_login owns; ``extra_params`` may not override them.
_PROTECTED_PARAMS = frozenset(
    {
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "state",
        "nonce",
        "code_challenge",
        "code_challenge_method",
        "acr_values",
    }
)


def begin_login(
    config: ProviderConfig,
    redirect_uri: str,
    required_level: str = "substantial",
    *,
    session: requests.Session | None = None,
    extra_params: dict[str, str] | None = None,
) -> tuple[str, dict[str, Any]]:
    """Start a login: return ``(authorization_url, pending)``.

    Redirect the browser to ``authorization_url`` and keep ``pending`` (a
    JSON-serialisable dict holding the secrets: state, nonce, PKCE verifier)
    server side until the callback; never send it to the browser.
    ``extra_params`` may add e.g. ``ui_locales`` or ``prompt``.
    """
    level_rank(required_level)
    metadata = fetch_metadata(config, session)
    pending = {
        "provider": config.id,
        "issuer": config.issuer,
        "state": secrets.token_urlsafe(32),
        "nonce": secrets.token_urlsafe(32),
        "code_verifier": secrets.token_urlsafe(64),
        "redirect_uri": redirect_uri,
        "required_level": required_level,
        "issued_at": int(time.time()),
    }
    params = {
        "response_type": "code",
        "client_id": config.client_id,
        "redirect_uri": redirect_uri,
        "scope": " ".join(_scopes(config)),
        "state": pending["state"],
        "nonce": pending["nonce"],
        "code_challenge": pkce_challenge(pending["code_verifier"]),
        "code_challenge_method": "S256",
    }
    acr_values = acr_values_for(config, required_level)
    if acr_values:
        params["acr_values"] = " ".join(acr_values)
    for name, value in (extra_params or {}).items():
        if name in _PROTECTED_PARAMS:
            raise ValueError(f"extra_params may not set {name!r}")
        params[name] = value
    return _add_query(metadata["authorization_endpoint"], params), pending


def _scopes(config: ProviderConfig) -> list[str]:
    scopes = list(config.scopes)
    if "openid" not in scopes:
        scopes.insert(0, "openid")
    return scopes


def pkce_challenge(code_verifier: str) -> str:
    """Return the S256 PKCE challenge for ``code_verifier`` (RFC 7636)."""
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return _b64url(digest)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def acr_values_for(config: ProviderConfig, required_level: str) -> list[str]:
    """Return the ``acr_values`` to request for ``required_level``.

    ``requested_acr`` wins when it names the level; otherwise every acr
    mapped to a sufficient level is sent, weakest first (the citizen should
    not be pushed to a stronger means than needed).  Nothing is requested
    for level "none".
    """
    if required_level in config.requested_acr:
        return [config.requested_acr[required_level]]
    if required_level == "none":
        return []
    candidates = [
        (level_rank(level), acr)
        for acr, level in config.acr_levels.items()
        if level_at_least(level, required_level)
    ]
    if not candidates:
        raise ValueError(
            f"provider {config.id!r} has no acr value mapped to level {required_level!r} or higher"
        )
    return [acr for _, acr in sorted(candidates, key=lambda item: item[0])]


def _add_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = urlencode(params, quote_via=quote)
    if parts.query:
        query = parts.query + "&" + query
    return urlunsplit(parts._replace(query=query))


# --------------------------------------------------------------------------
# Completing a login
# --------------------------------------------------------------------------


def complete_login(
    config: ProviderConfig,
    pending: dict[str, Any],
    callback_params: dict[str, Any],
    redirect_uri: str,
    now: datetime | None = None,
    *,
    session: requests.Session | None = None,
) -> OidcIdentity:
    """Finish a login from the provider's callback parameters.

    ``pending`` is the dict returned by :func:`begin_login`; it is marked as
    consumed so the same dict cannot complete two logins (the caller should
    also drop it from the session).  ``now`` (aware datetime) defaults to the
    current time and is used for every time check.  Raises
    :class:`OidcError` on any failure.
    """
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    timestamp = (now or datetime.now(UTC)).timestamp()
    _check_pending(config, pending, callback_params, redirect_uri, timestamp)
    _check_authorization_response(config, callback_params)
    tokens = _redeem_code(config, pending, _param(callback_params, "code"), redirect_uri, session)
    claims = validate_id_token(
        config, tokens["id_token"], pending["nonce"], timestamp, session=session
    )
    _check_at_hash(claims, tokens.get("access_token"))
    acr, level = _check_acr(config, claims, pending["required_level"])
    userinfo = _fetch_userinfo(config, tokens.get("access_token"), claims["sub"], session)
    # Signed ID token claims win over userinfo ones.
    merged = {**userinfo, **claims}
    return _build_identity(config, merged, acr, level)


def _param(params: dict[str, Any], name: str) -> str | None:
    """Return a single-valued callback parameter (accepts parse_qs lists)."""
    value = params.get(name)
    if isinstance(value, (list, tuple)):
        if len(value) != 1:
            raise OidcError("bad_state", f"callback parameter {name!r} must have exactly one value")
        value = value[0]
    if value is not None and not isinstance(value, str):
        raise OidcError("bad_state", f"callback parameter {name!r} is not a string")
    return value


def _check_pending(config, pending, callback_params, redirect_uri, timestamp) -> None:
    """Match the callback with our pending login (CSRF and replay checks)."""
    if not isinstance(pending, dict) or pending.get("provider") != config.id:
        raise OidcError("bad_state", "no pending login for this provider")
    if pending.get("issuer", config.issuer) != config.issuer:
        raise OidcError("bad_state", "pending login was started with another issuer")
    for key in ("state", "nonce", "code_verifier", "issued_at", "required_level"):
        if key not in pending:
            raise OidcError("bad_state", f"pending login lacks {key}")
    state = _param(callback_params, "state") or ""
    expected = str(pending["state"])
    if not expected or not hmac.compare_digest(state.encode(), expected.encode()):
        raise OidcError("bad_state", "state does not match the pending login")
    if pending.get("consumed"):
        raise OidcError("bad_state", "pending login was already used")
    pending["consumed"] = True
    if pending.get("redirect_uri", redirect_uri) != redirect_uri:
        raise OidcError("bad_state", "redirect_uri differs from the one used to start the login")
    try:
        age = timestamp - float(pending["issued_at"])
    except (TypeError, ValueError):
        raise OidcError("bad_state", "pending login has an invalid issued_at") from None
    if age > PENDING_MAX_AGE or age < -CLOCK_LEEWAY:
        raise OidcError(
            "expired_state", f"pending login is {int(age)} seconds old (max {PENDING_MAX_AGE})"
        )


def _check_authorization_response(config: ProviderConfig, callback_params) -> None:
    """Handle ``error`` responses and the RFC 9207 ``iss`` parameter."""
    iss = _param(callback_params, "iss")
    if iss is not None and iss != config.issuer:
        # Mix-up attack: the response comes from another provider.
        raise OidcError(
            "bad_state", f"authorization response issuer {iss!r} is not {config.issuer!r}"
        )
    error = _param(callback_params, "error")
    if error:
        description = _param(callback_params, "error_description") or ""
        raise OidcError("provider_error", f"provider returned {error}: {description}".rstrip(": "))
    if not _param(callback_params, "code"):
        raise OidcError("provider_error", "callback carries neither code nor error")


def _redeem_code(config, pending, code, redirect_uri, session) -> dict[str, Any]:
    """Exchange the authorization code (with the PKCE verifier) for tokens."""
    metadata = fetch_metadata(config, session)
    url = metadata["token_endpoint"]
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": pending["code_verifier"],
    }
    headers = {"Accept": "application/json"}
    if _token_auth_method(metadata) == "client_secret_basic":
        headers["Authorization"] = _basic_auth(config.client_id, config.client_secret)
    else:
        data["client_id"] = config.client_id
        data["client_secret"] = config.client_secret
    http = session or requests
    try:
        response = http.post(
            url,
            data=data,
            headers=headers,
            timeout=config.timeout,
            verify=config.verify_tls,
            allow_redirects=False,
        )
    except requests.RequestException as error:
        raise OidcError("token_error", f"token request failed: {error}") from error
    return _check_token_response(response, url)


def _token_auth_method(metadata: dict[str, Any]) -> str:
    """Pick the client authentication method; RFC 8414 default is basic."""
    supported = metadata.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    for method in ("client_secret_basic", "client_secret_post"):
        if method in supported:
            return method
    raise OidcError("token_error", f"no supported client authentication method among {supported}")


def _basic_auth(client_id: str, client_secret: str) -> str:
    """HTTP Basic header; RFC 6749 2.3.1 wants both parts form-urlencoded."""
    raw = f"{quote(client_id, safe='')}:{quote(client_secret, safe='')}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


def _check_token_response(response: requests.Response, url: str) -> dict[str, Any]:
    if response.status_code != 200:
        try:
            body = response.json()
        except ValueError:
            body = {}
        detail = body.get("error", "") if isinstance(body, dict) else ""
        if isinstance(body, dict) and body.get("error_description"):
            detail += f" ({body['error_description']})"
        raise OidcError(
            "token_error", f"token endpoint returned HTTP {response.status_code} {detail}".strip()
        )
    tokens = _json_object(response, "token_error", url)
    if not isinstance(tokens.get("id_token"), str):
        raise OidcError("token_error", "token response has no id_token")
    if not isinstance(tokens.get("access_token", ""), str):
        raise OidcError("token_error", "token response has an invalid access_token")
    token_type = tokens.get("token_type")
    if tokens.get("access_token") and str(token_type).lower() != "bearer":
        raise OidcError("token_error", f"unexpected token_type {token_type!r}")
    return tokens


# --------------------------------------------------------------------------
# ID token validation
# --------------------------------------------------------------------------


def validate_id_token(
    config: ProviderConfig,
    id_token: str,
    nonce: str,
    timestamp: float | None = None,
    *,
    session: requests.Session | None = None,
) -> dict[str, Any]:
    """Verify the ID token's signature and claims; return its claims.

    Checks (OIDC Core 3.1.3.7): alg is RS256/ES256, signature with the
    provider's JWKS, ``iss``, ``aud``/``azp``, ``exp``/``iat``/``nbf`` with
    :data:`CLOCK_LEEWAY`, ``sub`` and ``nonce``.
    """
    if timestamp is None:
        timestamp = time.time()
    header = _id_token_header(id_token)
    key = _signing_key(config, header, session)
    registry = JWSRegistry(algorithms=[header["alg"]], strict_check_header=False)
    try:
        claims = jwt.decode(id_token, key, registry=registry).claims
    except (JoseError, ValueError, TypeError) as error:
        raise OidcError("bad_id_token", f"ID token signature is invalid: {error}") from error
    _check_claims(config, claims, timestamp)
    received = claims.get("nonce")
    if not isinstance(received, str) or not hmac.compare_digest(received.encode(), nonce.encode()):
        raise OidcError("bad_nonce", "ID token nonce does not match the pending login")
    return claims


def _id_token_header(id_token: str) -> dict[str, Any]:
    try:
        header = jws.extract_compact(id_token.encode("ascii")).headers()
    except (JoseError, ValueError, UnicodeError) as error:
        raise OidcError("bad_id_token", f"ID token is not a compact JWS: {error}") from error
    alg = header.get("alg")
    if alg not in ALLOWED_ALGS:
        raise OidcError("bad_id_token", f"ID token algorithm {alg!r} is not accepted")
    if "crit" in header:
        raise OidcError("bad_id_token", "ID token uses critical header extensions")
    return header


def _signing_key(config: ProviderConfig, header: dict[str, Any], session) -> Key:
    """Find the JWKS key for the token, refetching the JWKS once on a miss.

    A miss usually means the provider rotated its keys since we cached them.
    """
    key = _select_key(fetch_jwks(config, session), header)
    if key is None:
        key = _select_key(fetch_jwks(config, session, force_refresh=True), header)
    if key is None:
        raise OidcError(
            "bad_id_token",
            f"no provider key matches kid {header.get('kid')!r} and alg {header['alg']}",
        )
    return key


def _select_key(keyset: KeySet, header: dict[str, Any]) -> Key | None:
    key_class = ALLOWED_ALGS[header["alg"]]
    candidates = [
        key
        for key in keyset
        if isinstance(key, key_class)
        and key.get("use") in (None, "sig")
        and key.get("alg") in (None, header["alg"])
    ]
    kid = header.get("kid")
    if kid is not None:
        candidates = [key for key in candidates if key.kid == kid]
    elif len(candidates) > 1:
        # Without a kid we cannot tell which key signed; refuse ambiguity.
        return None
    return candidates[0] if candidates else None


def _check_claims(config: ProviderConfig, claims: dict[str, Any], timestamp: float) -> None:
    if claims.get("iss") != config.issuer:
        raise OidcError(
            "bad_id_token", f"ID token issuer {claims.get('iss')!r} is not {config.issuer!r}"
        )
    _check_audience(config, claims)
    _check_times(claims, timestamp)
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise OidcError("bad_id_token", "ID token has no subject")


def _check_audience(config: ProviderConfig, claims: dict[str, Any]) -> None:
    aud = claims.get("aud")
    audiences = [aud] if isinstance(aud, str) else aud
    if not isinstance(audiences, list) or config.client_id not in audiences:
        raise OidcError("bad_id_token", f"ID token audience {aud!r} does not include our client_id")
    azp = claims.get("azp")
    if len(audiences) > 1 and azp is None:
        raise OidcError("bad_id_token", "ID token has several audiences but no azp")
    if azp is not None and azp != config.client_id:
        raise OidcError("bad_id_token", f"ID token azp {azp!r} is not our client_id")


def _check_times(claims: dict[str, Any], timestamp: float) -> None:
    for name in ("exp", "iat"):
        if not _is_number(claims.get(name)):
            raise OidcError("bad_id_token", f"ID token lacks a numeric {name}")
    if claims["exp"] <= timestamp - CLOCK_LEEWAY:
        raise OidcError("bad_id_token", "ID token has expired")
    if claims["iat"] > timestamp + CLOCK_LEEWAY:
        raise OidcError("bad_id_token", "ID token was issued in the future")
    nbf = claims.get("nbf")
    if nbf is not None and (not _is_number(nbf) or nbf > timestamp + CLOCK_LEEWAY):
        raise OidcError("bad_id_token", "ID token is not yet valid")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_at_hash(claims: dict[str, Any], access_token: str | None) -> None:
    """Verify ``at_hash`` when present (binds the access token to the ID token)."""
    at_hash = claims.get("at_hash")
    if at_hash is None or not access_token:
        return
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    if not hmac.compare_digest(str(at_hash).encode(), _b64url(digest[:16]).encode()):
        raise OidcError("bad_id_token", "ID token at_hash does not match the access token")


def _check_acr(
    config: ProviderConfig, claims: dict[str, Any], required_level: str
) -> tuple[str | None, str]:
    """Map the ID token's ``acr`` to a level and refuse it when too weak.

    Only the signed ID token's ``acr`` counts, never a userinfo one.
    """
    acr = claims.get("acr")
    level = config.acr_levels.get(acr, "none") if isinstance(acr, str) else "none"
    if not level_at_least(level, required_level):
        raise OidcError(
            "insufficient_acr",
            f"provider authenticated with acr {acr!r} (level {level}), "
            f"level {required_level} is required",
        )
    return (acr if isinstance(acr, str) else None), level


# --------------------------------------------------------------------------
# Userinfo and identity
# --------------------------------------------------------------------------


def _fetch_userinfo(config, access_token, subject, session) -> dict[str, Any]:
    """Return userinfo claims, or {} when disabled or not offered.

    The userinfo ``sub`` must equal the ID token's (OIDC Core 5.3.2),
    otherwise the response could describe someone else.
    """
    if not config.fetch_userinfo or not access_token:
        return {}
    url = fetch_metadata(config, session).get("userinfo_endpoint")
    if not url:
        return {}
    headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}
    userinfo = _get_json(config, url, session, "token_error", headers=headers)
    if userinfo.get("sub") != subject:
        raise OidcError("token_error", "userinfo subject differs from the ID token subject")
    return userinfo


def _build_identity(
    config: ProviderConfig, claims: dict[str, Any], acr: str | None, level: str
) -> OidcIdentity:
    attributes = dict.fromkeys(IDENTITY_ATTRIBUTES)
    for claim, attribute in config.attribute_map.items():
        value = claims.get(claim)
        if attributes[attribute] is None and isinstance(value, (str, int)) and str(value).strip():
            attributes[attribute] = str(value).strip()
    if attributes["national_number"]:
        attributes["national_number"] = _normalise_national_number(attributes["national_number"])
    when = claims.get("auth_time") if _is_number(claims.get("auth_time")) else claims["iat"]
    return OidcIdentity(
        provider=config.id,
        subject=claims["sub"],
        level=level,
        acr=acr,
        authenticated_at=datetime.fromtimestamp(when, tz=UTC),
        raw_claims=dict(claims),
        **attributes,
    )


def _normalise_national_number(value: str) -> str:
    """Drop the usual separators ("85.07.30-033.28" -> "85073003328")."""
    return "".join(ch for ch in value if ch not in ".- ")
