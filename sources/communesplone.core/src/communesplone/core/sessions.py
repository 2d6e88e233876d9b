"""Sessions that end: at logout, after a password change, after hours of inactivity.

Plone signs the ``__ac`` cookie with the site's shared ``_system`` secret, so a
copy taken before logout still opens the account after it. We turn on
plone.session's per-user keyring: each member's tickets are signed with a
secret of their own, and logout (plone.session's ``resetCredentials``) or a
password change (:func:`password_changed`) replaces it, which ends every copy
of every session of that member at once (on every device: "log out" means
everywhere).

The identity-assurance cookie (:mod:`communesplone.core.assurance`) is bound
to the same secret (:func:`session_binding`), so it dies with the session.

The lifetime is a sliding one: a ticket is valid ``session_idle_hours`` (the
Commune control panel) after it was issued, and :func:`refresh_session`
issues a new one while the person is active.
"""

from communesplone.core import logger
from communesplone.core.guarded import guarded_by_name
from communesplone.core.installed import in_installed_sites
from communesplone.core.installed import on_installed_requests
from plone import api
from plone.keyring.interfaces import IKeyManager
from plone.protect.utils import safeWrite
from zope.component import queryUtility

import binascii
import hashlib
import hmac
import time

SESSION_PLUGIN = "session"
IDLE_RECORD = "communesplone.core.session_idle_hours"
DEFAULT_IDLE_HOURS = 8
#: A ticket older than this is re-issued on the next request (a Set-Cookie at
#: most every few minutes, no database write).
REFRESH_AFTER = 5 * 60


def session_plugin(site=None):
    """The site's plone.session plugin, or None (a bare PAS)."""
    site = site or api.portal.get()
    return site.acl_users._getOb(SESSION_PLUGIN, None)


def idle_seconds():
    hours = api.portal.get_registry_record(IDLE_RECORD, default=None)
    return int((hours or DEFAULT_IDLE_HOURS) * 3600)


def configure_sessions(site=None):
    """Per-user secrets and the commune's idle lifetime on the session plugin."""
    plugin = session_plugin(site)
    if plugin is None:
        return
    plugin.per_user_keyring = True
    plugin.timeout = idle_seconds()
    # The ticket is refreshed by refresh_session, not by plone.session's script.
    plugin.refresh_interval = -1


@guarded_by_name
def settings_changed(event):
    """The Commune control panel changed the idle lifetime: apply it at once."""
    if getattr(event.record, "__name__", None) == IDLE_RECORD:
        configure_sessions()


def _ring_name(plugin, user_id):
    return plugin._getSecretKey(user_id)


def user_secret(user_id, create=False):
    """The current secret signing ``user_id``'s sessions, or None.

    ``create`` makes the member's keyring when it does not exist yet (marked as
    a safe write for plone.protect: it is made on a GET too).
    """
    plugin = session_plugin()
    manager = queryUtility(IKeyManager)
    if plugin is None or manager is None or not plugin.getProperty("per_user_keyring"):
        return None
    name = _ring_name(plugin, user_id)
    if name not in manager:
        if not create:
            return None
        secret = plugin._getSigningSecret(user_id)
        safeWrite(manager)
        safeWrite(manager._SampleContainer__data)
        safeWrite(manager[name])
        return secret
    return manager[name].current


def session_binding(user_id, create=False):
    """A short fingerprint of ``user_id``'s session secret (changes at logout).

    None when the site has no per-user secrets (then nothing can be bound).
    """
    secret = user_secret(user_id, create=create)
    if not secret:
        return None
    return hmac.new(secret.encode(), b"communesplone.assurance-binding",
                    hashlib.sha256).hexdigest()[:32]


def end_sessions(user_id):
    """Replace ``user_id``'s session secret: every ticket and bound cookie dies."""
    plugin = session_plugin()
    manager = queryUtility(IKeyManager)
    if plugin is None or manager is None:
        return False
    name = _ring_name(plugin, user_id)
    if name not in manager:
        return False
    manager.clear(ring=name)
    manager.rotate(ring=name)
    safeWrite(manager[name])
    return True


@in_installed_sites()
def logged_out(event):
    """Logout replaced the member's secret (plone.session): a wanted write, even on GET."""
    plugin = session_plugin()
    manager = queryUtility(IKeyManager)
    if plugin is None or manager is None:
        return
    name = _ring_name(plugin, event.principal.getId())
    if name in manager:
        safeWrite(manager[name])


@in_installed_sites()
def password_changed(event):
    """A new password ends every session of the member (a thief's copy too).

    The member who changed their own password keeps working: their session
    is re-issued with the new secret.
    """
    user = event.principal
    user_id = user.getId()
    if not end_sessions(user_id):
        return
    logger.info("Password of %s changed: their sessions were ended", user_id)
    request = getattr(user, "REQUEST", None)
    if request is None:
        return
    current = request.get("AUTHENTICATED_USER")
    if current is not None and current.getId() == user_id:
        session_plugin()._setupSession(user_id, request.response)


def _ticket(request, plugin):
    raw = request.cookies.get(plugin.getProperty("cookie_name"))
    if not raw:
        return None
    try:
        return binascii.a2b_base64(raw)
    except binascii.Error:
        return None


@on_installed_requests()
def refresh_session(event):
    """After traversal: keep an active person's session alive (sliding lifetime).

    Also moves a session signed with the shared secret (made before per-user
    secrets were turned on) to the member's own secret, so that logout ends it.
    """
    request = event.request
    user = request.get("AUTHENTICATED_USER")
    if user is None or user.getUserName() == "Anonymous User":
        return
    try:
        plugin = session_plugin()
    except Exception:  # no site (the Zope root)
        return
    if plugin is None or not plugin.getProperty("per_user_keyring"):
        return
    ticket = _ticket(request, plugin)
    if ticket is None:
        return
    data = plugin._validateTicket(ticket)
    if data is None:
        return
    _digest, user_id, tokens, user_data, timestamp = data
    if user_id != user.getId():
        return
    migrate = user_secret(user_id) is None
    if migrate or time.time() - timestamp > REFRESH_AFTER:
        if migrate:
            user_secret(user_id, create=True)
        plugin._setupSession(user_id, request.response, tokens, user_data)
