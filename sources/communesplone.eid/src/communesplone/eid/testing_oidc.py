"""A small but real OpenID provider for tests.

It speaks HTTP on 127.0.0.1 (random free port) from a background thread and
signs ID tokens with a freshly generated RSA (RS256) or EC (ES256) key::

    with TestOpenIDProvider() as op:
        config = op.provider_config()
        url, pending = begin_login(config, redirect_uri)
        location = requests.get(url, allow_redirects=False).headers["Location"]
        ...

There is no UI: ``/authorize`` auto-approves ``op.current_user`` and answers
with a 302 to the ``redirect_uri``.  ``/token`` really authenticates the
client, redeems single-use codes and checks the PKCE verifier.

Knobs for negative tests (plain attributes, change them between requests):

* ``current_user``: user name (key of ``users``) approved by ``/authorize``;
* ``acr_override``: acr to return whatever was asked;
* ``authorize_error``: e.g. ``"access_denied"``: ``/authorize`` redirects
  back with that error instead of a code;
* ``discovery_issuer``: issuer advertised by the discovery document;
* ``tamper``: one of :data:`TAMPER_MODES`, applied to tokens issued.

Requests are recorded in ``authorization_requests``, ``token_requests`` and
``hits`` (a Counter of paths) for assertions.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from socketserver import TCPServer, ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlencode, urlsplit, urlunsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from joserfc import jwt
from joserfc.jwk import generate_key

from communesplone.eid.oidc import ProviderConfig

EIDAS_LOW = "http://eidas.europa.eu/LoA/low"
EIDAS_SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial"
EIDAS_HIGH = "http://eidas.europa.eu/LoA/high"

#: acr -> level mapping matching the test users' acr values.
DEFAULT_ACR_LEVELS = {
    EIDAS_LOW: "low",
    EIDAS_SUBSTANTIAL: "substantial",
    EIDAS_HIGH: "high",
}

TAMPER_MODES = frozenset(
    {
        "wrong_nonce",  # ID token nonce differs from the request's
        "wrong_audience",  # aud is another client
        "multiple_audiences",  # aud = [client, other] without azp
        "wrong_issuer",  # iss is another issuer
        "expired",  # exp (and iat) one hour in the past
        "foreign_key",  # signed by another key, header claims our kid
        "unknown_kid",  # signed by another key with its own kid
        "alg_none",  # unsigned token, alg "none"
        "hs256_public_key",  # HS256 keyed with our public key PEM
        "wrong_at_hash",  # at_hash of another access token
        "userinfo_wrong_sub",  # userinfo describes another subject
    }
)


@dataclass
class TestUser:
    """A citizen the provider can authenticate.

    ``acrs`` are the acr values this user can reach, weakest first; the
    first one is returned when the request asks for none of them.
    """

    __test__ = False

    sub: str
    claims: dict[str, Any] = field(default_factory=dict)
    acrs: tuple[str, ...] = (EIDAS_LOW, EIDAS_SUBSTANTIAL, EIDAS_HIGH)


def default_users() -> dict[str, TestUser]:
    return {
        "jan": TestUser(
            sub="sub-jan-0001",
            claims={
                "given_name": "Jan Pieter",
                "family_name": "Peeters",
                "email": "jan.peeters@example.be",
                "rrn": "85.07.30-033.28",
            },
        ),
        "marie": TestUser(
            sub="sub-marie-0002",
            claims={"given_name": "Marie", "family_name": "Dubois", "rrn": "90020199781"},
            acrs=(EIDAS_LOW,),
        ),
    }


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True

    def server_bind(self):
        # Skip HTTPServer.server_bind's socket.getfqdn(), a DNS lookup that
        # can stall in sandboxes.
        TCPServer.server_bind(self)
        self.server_name = "127.0.0.1"
        self.server_port = self.server_address[1]
        self.setup_environ()


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class _Reply(Exception):
    """Raised inside handlers to answer immediately."""

    def __init__(
        self, status: str, body: bytes = b"", headers: list[tuple[str, str]] | None = None
    ):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or []


def _json_reply(status: str, data: dict[str, Any], extra_headers=()) -> _Reply:
    headers = [("Content-Type", "application/json"), ("Cache-Control", "no-store"), *extra_headers]
    return _Reply(status, json.dumps(data).encode(), headers)


def _oauth_error(
    error: str, description: str, status: str = "400 Bad Request", extra_headers=()
) -> _Reply:
    return _json_reply(status, {"error": error, "error_description": description}, extra_headers)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _s256(verifier: str) -> str:
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


class TestOpenIDProvider:
    """In-process OpenID provider (authorization code flow + PKCE S256)."""

    __test__ = False

    def __init__(
        self,
        users: dict[str, TestUser | dict[str, Any]] | None = None,
        *,
        client_id: str = "communesplone-test",
        client_secret: str | None = None,
        redirect_uris: list[str] | None = None,
        key_type: str = "RSA",
        token_auth_methods: tuple[str, ...] = ("client_secret_basic", "client_secret_post"),
        claims_in_id_token: bool = True,
        id_token_lifetime: int = 300,
        code_lifetime: int = 60,
    ):
        self.users = {name: self._user(value) for name, value in (users or default_users()).items()}
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.redirect_uris = redirect_uris  # None: any redirect_uri accepted
        self.token_auth_methods = tuple(token_auth_methods)
        self.claims_in_id_token = claims_in_id_token
        self.id_token_lifetime = id_token_lifetime
        self.code_lifetime = code_lifetime
        if key_type not in ("RSA", "EC"):
            raise ValueError("key_type must be 'RSA' or 'EC'")
        self.key_type = key_type
        self.alg = "RS256" if key_type == "RSA" else "ES256"
        self._key = self._generate_key()
        self._foreign_key = None
        # knobs
        self.current_user = next(iter(self.users))
        self.acr_override: str | None = None
        self.authorize_error: str | None = None
        self.discovery_issuer: str | None = None
        self.tamper: str | None = None
        # records
        self.authorization_requests: list[dict[str, str]] = []
        self.token_requests: list[dict[str, Any]] = []
        self.hits: Counter[str] = Counter()
        self.errors: list[str] = []
        self._codes: dict[str, dict[str, Any]] = {}
        self._access_tokens: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server = None
        self._thread = None

    @staticmethod
    def _user(value: TestUser | dict[str, Any]) -> TestUser:
        if isinstance(value, TestUser):
            return value
        value = dict(value)
        if "acrs" in value:
            value["acrs"] = tuple(value["acrs"])
        return TestUser(**value)

    def _generate_key(self):
        if self.key_type == "RSA":
            return generate_key(
                "RSA", 2048, parameters={"use": "sig", "alg": "RS256"}, auto_kid=True
            )
        return generate_key("EC", "P-256", parameters={"use": "sig", "alg": "ES256"}, auto_kid=True)

    # ------------------------------------------------------------------
    # lifecycle
    # ------------------------------------------------------------------

    def start(self) -> TestOpenIDProvider:
        if self._server is not None:
            return self
        self._server = make_server(
            "127.0.0.1",
            0,
            self._wsgi_app,
            server_class=_ThreadingWSGIServer,
            handler_class=_QuietHandler,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"TestOpenIDProvider:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close the socket and join the thread (idempotent)."""
        server, thread = self._server, self._thread
        if server is None:
            return
        self._server = self._thread = None
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    def __enter__(self) -> TestOpenIDProvider:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("provider is not started")
        return self._server.server_address[1]

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def provider_config(self, **overrides: Any) -> ProviderConfig:
        """A ProviderConfig for this provider (keyword arguments override)."""
        values = {
            "id": "test-op",
            "title": "Test OpenID provider",
            "issuer": self.issuer,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "scopes": ("openid", "profile", "email"),
            "acr_levels": dict(DEFAULT_ACR_LEVELS),
            "attribute_map": {
                "given_name": "given_names",
                "family_name": "surname",
                "email": "email",
                "rrn": "national_number",
            },
        }
        values.update(overrides)
        return ProviderConfig(**values)

    def rotate_key(self) -> None:
        """Replace the signing key; the JWKS then only holds the new one."""
        self._key = self._generate_key()

    @property
    def jwks(self) -> dict[str, Any]:
        return {"keys": [self._key.as_dict(private=False)]}

    # ------------------------------------------------------------------
    # WSGI plumbing
    # ------------------------------------------------------------------

    def _wsgi_app(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        self.hits[path] += 1
        routes = {
            "/.well-known/openid-configuration": self._discovery,
            "/jwks": self._jwks,
            "/authorize": self._authorize,
            "/token": self._token,
            "/userinfo": self._userinfo,
        }
        handler = routes.get(path)
        try:
            if handler is None:
                raise _Reply("404 Not Found", b"not found", [("Content-Type", "text/plain")])
            reply = handler(environ)
        except _Reply as error_reply:
            reply = error_reply
        except Exception:  # pragma: no cover - surfaced to the test
            self.errors.append(traceback.format_exc())
            reply = _Reply(
                "500 Internal Server Error",
                self.errors[-1].encode(),
                [("Content-Type", "text/plain")],
            )
        start_response(reply.status, reply.headers)
        return [reply.body]

    @staticmethod
    def _single_params(raw: str) -> dict[str, str]:
        params = {}
        for name, values in parse_qs(raw, keep_blank_values=True).items():
            if len(values) != 1:
                raise _oauth_error("invalid_request", f"parameter {name} repeated")
            params[name] = values[0]
        return params

    def _form(self, environ) -> dict[str, str]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length).decode("utf-8")
        return self._single_params(body)

    # ------------------------------------------------------------------
    # endpoints
    # ------------------------------------------------------------------

    def _discovery(self, environ) -> _Reply:
        base = self.issuer
        return _json_reply(
            "200 OK",
            {
                "issuer": self.discovery_issuer or base,
                "authorization_endpoint": base + "/authorize",
                "token_endpoint": base + "/token",
                "userinfo_endpoint": base + "/userinfo",
                "jwks_uri": base + "/jwks",
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": [self.alg],
                "scopes_supported": ["openid", "profile", "email"],
                "token_endpoint_auth_methods_supported": list(self.token_auth_methods),
                "code_challenge_methods_supported": ["S256"],
                "acr_values_supported": sorted(
                    {acr for user in self.users.values() for acr in user.acrs}
                ),
                "claims_supported": [
                    "sub",
                    "iss",
                    "aud",
                    "exp",
                    "iat",
                    "auth_time",
                    "nonce",
                    "acr",
                    "azp",
                ],
                "authorization_response_iss_parameter_supported": True,
            },
        )

    def _jwks(self, environ) -> _Reply:
        return _json_reply("200 OK", self.jwks)

    def _authorize(self, environ) -> _Reply:
        params = self._single_params(environ.get("QUERY_STRING", ""))
        self.authorization_requests.append(params)
        if params.get("client_id") != self.client_id:
            raise _Reply("400 Bad Request", b"unknown client_id", [("Content-Type", "text/plain")])
        redirect_uri = params.get("redirect_uri")
        if not redirect_uri or (
            self.redirect_uris is not None and redirect_uri not in self.redirect_uris
        ):
            # Never redirect to an unregistered URI (RFC 6749 4.1.2.1).
            raise _Reply(
                "400 Bad Request", b"invalid redirect_uri", [("Content-Type", "text/plain")]
            )
        state = params.get("state")
        error = self._authorize_problem(params)
        if error:
            return self._redirect(
                redirect_uri, {"error": error[0], "error_description": error[1], "state": state}
            )
        code = secrets.token_urlsafe(32)
        username = (
            params.get("login_hint")
            if params.get("login_hint") in self.users
            else self.current_user
        )
        with self._lock:
            self._codes[code] = {
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "username": username,
                "nonce": params.get("nonce"),
                "code_challenge": params["code_challenge"],
                "acr": self._choose_acr(self.users[username], params.get("acr_values", "")),
                "auth_time": int(time.time()),
                "scope": params["scope"],
                "expires": time.time() + self.code_lifetime,
            }
        return self._redirect(redirect_uri, {"code": code, "state": state})

    def _authorize_problem(self, params) -> tuple[str, str] | None:
        if params.get("response_type") != "code":
            return "unsupported_response_type", "only the authorization code flow is supported"
        if "openid" not in params.get("scope", "").split():
            return "invalid_scope", "scope must include openid"
        if not params.get("code_challenge") or params.get("code_challenge_method") != "S256":
            return "invalid_request", "PKCE with code_challenge_method=S256 is required"
        if self.authorize_error:
            return self.authorize_error, "The user cancelled the authentication"
        return None

    def _choose_acr(self, user: TestUser, acr_values: str) -> str:
        """Return the first requested acr the user can reach, else their weakest."""
        if self.acr_override is not None:
            return self.acr_override
        for acr in acr_values.split():
            if acr in user.acrs:
                return acr
        return user.acrs[0]

    def _redirect(self, redirect_uri: str, params: dict[str, str | None]) -> _Reply:
        params = {k: v for k, v in params.items() if v is not None}
        params["iss"] = self.issuer
        parts = urlsplit(redirect_uri)
        query = urlencode(params)
        if parts.query:
            query = parts.query + "&" + query
        return _Reply("302 Found", b"", [("Location", urlunsplit(parts._replace(query=query)))])

    def _token(self, environ) -> _Reply:
        if environ["REQUEST_METHOD"] != "POST":
            raise _Reply("405 Method Not Allowed", b"", [("Allow", "POST")])
        form = self._form(environ)
        method = self._authenticate_client(environ, form)
        self.token_requests.append({"auth_method": method, "form": dict(form)})
        if form.get("grant_type") != "authorization_code":
            raise _oauth_error("unsupported_grant_type", "only authorization_code is supported")
        record = self._redeem(form)
        access_token = secrets.token_urlsafe(32)
        with self._lock:
            self._access_tokens[access_token] = {
                "username": record["username"],
                "expires": time.time() + 300,
            }
        return _json_reply(
            "200 OK",
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 300,
                "scope": record["scope"],
                "id_token": self._id_token(record, access_token),
            },
        )

    def _authenticate_client(self, environ, form) -> str:
        """Authenticate with client_secret_basic or client_secret_post."""
        header = environ.get("HTTP_AUTHORIZATION", "")
        if header.startswith("Basic "):
            if "client_secret" in form:
                raise _oauth_error("invalid_request", "several client authentication methods used")
            try:
                decoded = base64.b64decode(header[6:], validate=True).decode("utf-8")
                raw_id, raw_secret = decoded.split(":", 1)
            except ValueError:
                raise self._invalid_client("malformed Basic credentials") from None
            method, client_id, secret = (
                "client_secret_basic",
                unquote_plus(raw_id),
                unquote_plus(raw_secret),
            )
        else:
            method, client_id, secret = (
                "client_secret_post",
                form.get("client_id"),
                form.get("client_secret"),
            )
        if method not in self.token_auth_methods:
            raise self._invalid_client(f"{method} is not allowed")
        ok_id = client_id == self.client_id
        ok_secret = hmac.compare_digest((secret or "").encode(), self.client_secret.encode())
        if not (ok_id and ok_secret):
            raise self._invalid_client("client authentication failed")
        return method

    @staticmethod
    def _invalid_client(description: str) -> _Reply:
        return _oauth_error(
            "invalid_client",
            description,
            "401 Unauthorized",
            [("WWW-Authenticate", 'Basic realm="token"')],
        )

    def _redeem(self, form) -> dict[str, Any]:
        """Consume the code (single use) and check redirect_uri and PKCE."""
        with self._lock:
            record = self._codes.pop(form.get("code", ""), None)
        if record is None:
            raise _oauth_error("invalid_grant", "unknown or already used code")
        if record["expires"] < time.time():
            raise _oauth_error("invalid_grant", "code expired")
        if form.get("redirect_uri") != record["redirect_uri"]:
            raise _oauth_error(
                "invalid_grant", "redirect_uri does not match the authorization request"
            )
        verifier = form.get("code_verifier", "")
        if not verifier or not hmac.compare_digest(_s256(verifier), record["code_challenge"]):
            raise _oauth_error("invalid_grant", "PKCE verification failed")
        return record

    def _userinfo(self, environ) -> _Reply:
        header = environ.get("HTTP_AUTHORIZATION", "")
        with self._lock:
            grant = self._access_tokens.get(header[7:]) if header.startswith("Bearer ") else None
        if grant is None or grant["expires"] < time.time():
            raise _json_reply(
                "401 Unauthorized",
                {"error": "invalid_token"},
                [("WWW-Authenticate", 'Bearer error="invalid_token"')],
            )
        user = self.users[grant["username"]]
        sub = "someone-else" if self.tamper == "userinfo_wrong_sub" else user.sub
        return _json_reply("200 OK", {**user.claims, "sub": sub})

    # ------------------------------------------------------------------
    # ID tokens
    # ------------------------------------------------------------------

    def _id_token(self, record: dict[str, Any], access_token: str) -> str:
        user = self.users[record["username"]]
        now = int(time.time())
        claims: dict[str, Any] = dict(user.claims) if self.claims_in_id_token else {}
        claims.update(
            {
                "iss": self.issuer,
                "sub": user.sub,
                "aud": self.client_id,
                "exp": now + self.id_token_lifetime,
                "iat": now,
                "auth_time": record["auth_time"],
                "acr": record["acr"],
                "at_hash": _b64url(hashlib.sha256(access_token.encode()).digest()[:16]),
            }
        )
        if record["nonce"] is not None:
            claims["nonce"] = record["nonce"]
        self._tamper_claims(claims, now)
        return self._sign(claims)

    def _tamper_claims(self, claims: dict[str, Any], now: int) -> None:
        if self.tamper is not None and self.tamper not in TAMPER_MODES:
            raise ValueError(f"unknown tamper mode {self.tamper!r}")
        if self.tamper == "wrong_nonce":
            claims["nonce"] = "not-" + str(claims.get("nonce"))
        elif self.tamper == "wrong_audience":
            claims["aud"] = "another-client"
        elif self.tamper == "multiple_audiences":
            claims["aud"] = [self.client_id, "another-client"]
        elif self.tamper == "wrong_issuer":
            claims["iss"] = "https://evil.example"
        elif self.tamper == "expired":
            claims.update(iat=now - 3600, auth_time=now - 3600, exp=now - 1800)
        elif self.tamper == "wrong_at_hash":
            claims["at_hash"] = _b64url(hashlib.sha256(b"another-token").digest()[:16])

    def _sign(self, claims: dict[str, Any]) -> str:
        if self.tamper == "alg_none":
            return self._raw_jws({"alg": "none", "typ": "JWT"}, claims, lambda signing_input: b"")
        if self.tamper == "hs256_public_key":
            secret = self._key.as_pem(private=False)
            header = {"alg": "HS256", "typ": "JWT", "kid": self._key.kid}
            return self._raw_jws(
                header, claims, lambda data: hmac.new(secret, data, hashlib.sha256).digest()
            )
        key, kid = self._key, self._key.kid
        if self.tamper in ("foreign_key", "unknown_kid"):
            if self._foreign_key is None:
                self._foreign_key = self._generate_key()
            key = self._foreign_key
            kid = kid if self.tamper == "foreign_key" else key.kid
        return jwt.encode({"alg": self.alg, "kid": kid}, claims, key, algorithms=[self.alg])

    @staticmethod
    def _raw_jws(header: dict[str, Any], claims: dict[str, Any], sign) -> str:
        """Build a compact JWS by hand (for algorithms joserfc rightly refuses)."""
        signing_input = (
            _b64url(json.dumps(header).encode()) + "." + _b64url(json.dumps(claims).encode())
        ).encode("ascii")
        return signing_input.decode("ascii") + "." + _b64url(sign(signing_input))
