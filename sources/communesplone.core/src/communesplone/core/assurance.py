"""Identity assurance: how sure the site is of who the person is (eIDAS levels).

Providers (the Belgian eID, OpenID Connect providers, ...) call :func:`certify`
once they have verified a person; every add-on asks :func:`get_assurance` or
:func:`require_assurance` and never needs to know which provider was used.

The record lives in an encrypted, authenticated cookie bound to the member's
user id and session secret (no write to the database on each request, nothing
a citizen can forge or alter) and expires after the lifetime configured per
level; logout and a password change end it, a copy of the cookie included
(:mod:`communesplone.core.sessions`). A provider that re-verifies the person on every request
(a client certificate presented by the proxy) uses :func:`set_request_assurance`.
"""

from communesplone.core import _
from communesplone.core import logger
from communesplone.core.levels import LEVELS  # noqa: F401 - part of this module's API
from communesplone.core.levels import level_at_least
from communesplone.core.levels import level_rank
from communesplone.core.sessions import session_binding
from communesplone.core.validation import mask_rrn
from communesplone.core.validation import rrn_birth_date
from communesplone.core.audit import append
from cryptography.fernet import Fernet
from cryptography.fernet import InvalidToken
from cryptography.fernet import MultiFernet
from dataclasses import asdict
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from plone import api
from plone.keyring.interfaces import IKeyManager
from zope.component import getUtilitiesFor
from zope.component import getUtility
from zope.event import notify
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import Attribute
from zope.interface import Interface
from zope.interface import implementer

from urllib.parse import urlencode

import base64
import hashlib
import hmac
import json

LEVEL_TITLES = {
    "none": _("assurance_level_none", default="none"),
    "low": _("assurance_level_low", default="low"),
    "substantial": _("assurance_level_substantial", default="substantial"),
    "high": _("assurance_level_high", default="high"),
}
#: The "provider" of the level a password account meets by itself (see
#: :func:`account_record`); never written to a cookie.
ACCOUNT_PROVIDER = "account"
ACCOUNT_TITLE = _("assurance_account_title",
                  default="Your account (e-mail address confirmed)")
COOKIE_NAME = "__cp_assurance"
REQUEST_KEY = "communesplone.assurance"
DEFAULT_LIFETIMES = {"low": 240, "substantial": 60, "high": 30}  # minutes


def _utcnow():
    return datetime.now(UTC)


@dataclass(frozen=True)
class AssuranceRecord:
    """What is known of the person: level, by whom, when, until when, verified attributes."""

    level: str = "none"
    user_id: str | None = None
    provider: str | None = None
    provider_title: str | None = None
    authenticated_at: datetime | None = None
    expires_at: datetime | None = None
    given_names: str = ""
    surname: str = ""
    national_number: str | None = None
    #: The member's session secret's fingerprint when it was made: logout and a
    #: password change replace the secret, and the record no longer holds.
    session: str | None = None

    @property
    def birth_date(self):
        """Derived from the national register number when the provider gave one."""
        return rrn_birth_date(self.national_number) if self.national_number else None

    def is_expired(self, now=None):
        return self.expires_at is not None and (now or _utcnow()) >= self.expires_at

    def age(self, now=None):
        if self.authenticated_at is None:
            return None
        return (now or _utcnow()) - self.authenticated_at

    def masked(self):
        """A JSON-ready view for the person themself: the register number masked."""
        birth = self.birth_date
        return {
            "level": self.level,
            "provider": self.provider,
            "provider_title": self.provider_title,
            "authenticated_at": (
                self.authenticated_at.isoformat() if self.authenticated_at else None
            ),
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "attributes": {
                "given_names": self.given_names,
                "surname": self.surname,
                "national_number": mask_rrn(self.national_number) if self.national_number else None,
                "birth_date": birth.isoformat() if isinstance(birth, date) else None,
            },
        }

    def to_json(self):
        data = asdict(self)
        for key in ("authenticated_at", "expires_at"):
            data[key] = data[key].isoformat() if data[key] else None
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text):
        data = json.loads(text)
        for key in ("authenticated_at", "expires_at"):
            if data.get(key):
                data[key] = datetime.fromisoformat(data[key])
        level_rank(data.get("level", "none"))
        return cls(**data)


NO_ASSURANCE = AssuranceRecord()


class IIdentityCertifiedEvent(Interface):
    """A person's identity was just verified by a provider."""

    user_id = Attribute("The member whose identity was certified")
    record = Attribute("The AssuranceRecord")


@implementer(IIdentityCertifiedEvent)
class IdentityCertifiedEvent:
    def __init__(self, user_id, record):
        self.user_id = user_id
        self.record = record


class InsufficientAssurance(Exception):
    """The person's identity is not certified at the level an action needs.

    Rendered as the step-up page in the browser, and as a 401 with a
    machine-readable ``reason`` through the REST API.
    """

    def __init__(self, required_level, current, reason, max_age=None):
        self.required_level = required_level
        self.current = current
        self.reason = reason  # no_assurance | insufficient_level | expired | too_old
        self.max_age = max_age
        super().__init__(
            f"identity assurance {required_level!r} required "
            f"(current: {current.level!r}, reason: {reason})"
        )


class IIdentityProviderSource(Interface):
    """A named utility listing the identity providers an add-on offers on a site."""

    def providers(site):
        """Return a sequence of :class:`IdentityProviderInfo` usable on ``site``."""


@dataclass(frozen=True)
class IdentityProviderInfo:
    """A means of identification the step-up page can offer."""

    id: str
    title: str
    level: str  # the highest level it can certify
    login_url: str  # the URL to start it; ``came_from`` and ``level`` are appended


def accepted_providers(level, came_from=None, site=None):
    """The providers able to certify ``level``, as dicts for pages and the API."""
    site = site or api.portal.get()
    found = []
    for _name, source in getUtilitiesFor(IIdentityProviderSource):
        for info in source.providers(site):
            if level_at_least(info.level, level):
                query = {"level": level}
                if came_from:
                    query["came_from"] = came_from
                separator = "&" if "?" in info.login_url else "?"
                found.append({
                    "id": info.id,
                    "title": info.title,
                    "level": info.level,
                    "url": f"{info.login_url}{separator}{urlencode(query)}",
                })
    return sorted(found, key=lambda item: (-level_rank(item["level"]), item["title"]))


# --- the cookie ------------------------------------------------------------


def _fernet(purpose=b"communesplone.assurance"):
    """Keys derived from the site's ``_system`` keyring (rotating it ends every assurance)."""
    ring = getUtility(IKeyManager)["_system"]
    keys = []
    for secret in ring:
        if secret:
            digest = hmac.new(secret.encode(), purpose, hashlib.sha256).digest()
            keys.append(Fernet(base64.urlsafe_b64encode(digest)))
    return MultiFernet(keys)


def seal(text, purpose):
    """Encrypt and authenticate ``text`` for a cookie; ``purpose`` separates the keys."""
    return _fernet(f"communesplone.{purpose}".encode()).encrypt(text.encode()).decode()


def unseal(token, purpose, max_age_seconds=None):
    """The text :func:`seal` sealed, or None when it was altered, is foreign or too old."""
    try:
        return _fernet(f"communesplone.{purpose}".encode()).decrypt(
            token.encode(), ttl=max_age_seconds
        ).decode()
    except (InvalidToken, ValueError, TypeError):
        return None


def cookie_path():
    """The path of the site's cookies (the site, not the whole Zope root)."""
    return "/" + api.portal.get().absolute_url(1).lstrip("/")


def _lifetime(level):
    minutes = api.portal.get_registry_record(
        f"communesplone.core.assurance_lifetime_{level}", default=None
    )
    return timedelta(minutes=minutes or DEFAULT_LIFETIMES.get(level, 30))


def _current_user_id():
    """The id of the user of this request (None for anonymous).

    Taken from the security manager, not ``api.user.get_current()``: the
    member wrapper of a user that is not in the site's ``acl_users`` (a
    transient user of a script) has no id.
    """
    from AccessControl import getSecurityManager

    if api.user.is_anonymous():
        return None
    return getSecurityManager().getUser().getId()


def _audit(event, record=None, **details):
    # Imported here: audit.py imports this module's names.

    append(event, record=record, **details)


def certify(request, *, user_id, level, provider, provider_title, given_names="",
            surname="", national_number=None, authenticated_at=None):
    """Record that ``user_id``'s identity was just verified by ``provider`` at ``level``.

    Sets the assurance cookie on the response, notifies
    :class:`IdentityCertifiedEvent` and writes the audit log. Returns the record.
    """
    level_rank(level)
    now = authenticated_at or _utcnow()
    record = AssuranceRecord(
        level=level, user_id=user_id, provider=provider, provider_title=provider_title,
        authenticated_at=now, expires_at=now + _lifetime(level),
        given_names=given_names, surname=surname, national_number=national_number,
        session=session_binding(user_id, create=True),
    )
    token = seal(record.to_json(), "assurance")
    request.response.setCookie(
        COOKIE_NAME, token, path=cookie_path(), http_only=True, same_site="Lax",
        secure=request.get("SERVER_URL", "").startswith("https://"),
    )
    request.other[REQUEST_KEY] = record
    notify(IdentityCertifiedEvent(user_id, record))
    _audit("certified", record)
    logger.info("Identity of %s certified by %s at level %s", user_id, provider, level)
    return record


def set_request_assurance(request, record):
    """An assurance valid for this request only (the provider verifies each request)."""
    request.other[REQUEST_KEY] = record


def _from_cookie(request):
    token = request.cookies.get(COOKIE_NAME)
    if not token:
        return None
    text = unseal(token, "assurance")
    if text is None:
        logger.warning("Ignored an assurance cookie that does not decrypt (altered or old key)")
        return None
    try:
        record = AssuranceRecord.from_json(text)
    except (ValueError, TypeError, KeyError):
        logger.warning("Ignored an assurance cookie that does not decrypt or parse")
        return None
    if record.session != session_binding(record.user_id):
        # Made in a session that has ended (logout, password changed): a copy
        # of the cookie is worth nothing.
        return None
    return record


def get_assurance(request=None):
    """The current person's assurance; :data:`NO_ASSURANCE` when none holds.

    A record for another user (a member logged out and another logged in on
    the same browser) or an expired one does not hold.
    """
    request = request if request is not None else getRequest()
    if request is None:
        return NO_ASSURANCE
    user_id = _current_user_id()
    if user_id is None:
        return NO_ASSURANCE
    record = request.other.get(REQUEST_KEY) or _from_cookie(request)
    if record is None or record.user_id != user_id or record.is_expired():
        return account_record(user_id) or NO_ASSURANCE
    return record


def email_addresses_confirmed():
    """Whether the site confirms the e-mail address of every password account.

    Plone's default (``plone.enable_user_pwd_choice`` off): nobody chooses a
    password on the registration form; the site mails a link to the address
    given and the password is set through it, so only the holder of that
    mailbox can ever log in. When the commune lets people choose their password
    at registration, an address is never proved and an account proves nothing.
    """
    return not api.portal.get_registry_record("plone.enable_user_pwd_choice", default=False)


def account_record(user_id):
    """The level a member's password account meets by itself, or None.

    eIDAS "low" (Regulation 2015/1502, 2.1.2: the person is known by an
    attribute the site checked) for a member of the site whose e-mail address
    the site confirmed (:func:`email_addresses_confirmed`); never more: nobody
    saw an identity document. Nothing for a user without an e-mail address
    (an account made by the eID login, the Zope root's administrator).
    """
    if not user_id or not email_addresses_confirmed():
        return None
    member = api.user.get(userid=user_id)
    if member is None or not (member.getProperty("email", "") or "").strip():
        return None
    return AssuranceRecord(level="low", user_id=user_id, provider=ACCOUNT_PROVIDER,
                           provider_title=translate(ACCOUNT_TITLE, context=getRequest()))


def _expired_record(request):
    """The person's own record that has expired (to tell "expired" from "none")."""
    record = request.other.get(REQUEST_KEY) or _from_cookie(request)
    if record is not None and record.user_id == _current_user_id() and record.is_expired():
        return record
    return None


def require_assurance(level, max_age=None, request=None):
    """Return the current record if it meets ``level`` (and is younger than ``max_age``).

    Otherwise raise :class:`InsufficientAssurance`: the browser shows the
    step-up page, REST answers 401 with the reason. ``max_age`` is a
    ``timedelta`` or a number of seconds.
    """
    request = request if request is not None else getRequest()
    level_rank(level)
    if isinstance(max_age, (int, float)):
        max_age = timedelta(seconds=max_age)
    record = get_assurance(request)
    if record.level == "none":
        reason = "expired" if _expired_record(request) is not None else "no_assurance"
        if level == "none":
            return record
        raise InsufficientAssurance(level, record, reason, max_age)
    if not level_at_least(record.level, level):
        reason = "insufficient_level"
        if record.provider == ACCOUNT_PROVIDER and _expired_record(request) is not None:
            reason = "expired"
        raise InsufficientAssurance(level, record, reason, max_age)
    if max_age is not None and (record.age() is None or record.age() > max_age):
        raise InsufficientAssurance(level, record, "too_old", max_age)
    return record


def clear_assurance(request=None):
    """Forget the assurance (logout): expire the cookie and the request's record."""
    request = request if request is not None else getRequest()
    if request is None:
        return
    request.other.pop(REQUEST_KEY, None)
    try:
        path = cookie_path()
    except Exception:  # no site (Zope root logout)
        path = "/"
    request.response.expireCookie(COOKIE_NAME, path=path)
