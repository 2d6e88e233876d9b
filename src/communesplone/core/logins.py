"""Failed logins: slow down, then lock the account (or the address) for a while.

Thirty wrong passwords for one account were neither slowed nor locked. Every
password a site checks (the login form, Basic authentication, plone.restapi's
``@login`` and any JSON body carrying ``login`` and ``password``) goes through
PAS's authentication plugins; :class:`LoginGuard` is the first of them:

* it refuses (:class:`~communesplone.core.limits.LimitReached`, 429 with
  ``Retry-After``) a login whose account failed ``login_lock_after`` times this
  hour (locked until the hour ends, or until an administrator lifts it with
  :func:`unlock`, ``@@login-locks``), or that failed ``login_slow_after`` times
  and tries again within :data:`~communesplone.core.limits.SLOW_SECONDS`; and
  an address that failed ``login_ip_lock_after`` times this hour;
* otherwise it asks the other plugins whether the password is right, and
  counts a failure for the login name and the address when none says yes.

It never authenticates anyone itself. The lock is the same whether the
account exists or not: what is counted is the login name as typed (its
keyed hash), so the answers cannot tell an attacker which accounts exist.

The counters are the database ones of :mod:`communesplone.core.limits` (they
hold across processes). A failure is written in the request that failed: when
that request ends in an error (a protected page refused with 401), its
transaction is aborted and the failure is not counted; the login form,
``@login`` and public pages count every failure.
"""

from communesplone.core import _
from communesplone.core import limits
from AccessControl.SecurityInfo import ClassSecurityInfo
from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from plone.protect.utils import safeWrite
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from zope.globalrequest import getRequest
from zope.interface import implementer

import time
import transaction

PLUGIN_ID = "communesplone_login_guard"
_SEEN = object()  # key of the logins already checked, on the transaction

MSG_LOCKED = _("limit_login_locked",
               default="Too many failed logins for this account: logging in is locked for a "
               "while. Try again later, or ask the commune to lift the lock.")
MSG_SLOW = _("limit_login_slow",
             default="Several failed logins for this account: wait a little before trying again.")
MSG_IP = _("limit_login_ip",
           default="Too many failed logins from your connection. Try again later.")


def _last_key(limits_store, login):
    return ("login-last", limits.hashed(limits_store, login), 0)


def refuse_if_locked(login, ip, now=None):
    """Raise LimitReached when ``login`` (or ``ip``) may not try a password now."""
    now = now if now is not None else time.time()
    store = limits.store(create=False)
    if store is None:
        return
    failures = limits.count("login", login, store, now)
    if failures >= limits.setting("login_lock_after"):
        raise limits.LimitReached(MSG_LOCKED, limits.seconds_to_next_hour(now))
    if failures >= limits.setting("login_slow_after"):
        last = store.counts.get(_last_key(store, login), 0)
        wait = limits.SLOW_SECONDS - (now - last)
        if wait > 0:
            raise limits.LimitReached(MSG_SLOW, wait)
    if ip and limits.count("login-ip", ip, store, now) >= limits.setting("login_ip_lock_after"):
        raise limits.LimitReached(MSG_IP, limits.seconds_to_next_hour(now))


def record_failure(login, ip, request=None, now=None):
    """Count one failed login of ``login`` from ``ip`` (marked a safe write: it is
    the site's own bookkeeping, not something a forged request could choose)."""
    now = now if now is not None else time.time()
    store = limits.store()
    limits.add("login", login, store, now)
    store.counts[_last_key(store, login)] = int(now)
    if ip:
        limits.add("login-ip", ip, store, now)
    if request is not None:
        _mark_safe(store, request)


def _mark_safe(store, request):
    safeWrite(store, request)
    safeWrite(store.counts, request)
    bucket = getattr(store.counts, "_firstbucket", None)
    while bucket is not None:
        safeWrite(bucket, request)
        bucket = getattr(bucket, "_next", None)


def _seen_in_transaction():
    """The logins checked in the current transaction (one request)."""
    current = transaction.get()
    try:
        return current.data(_SEEN)
    except KeyError:
        seen = set()
        current.set_data(_SEEN, seen)
        return seen


def unlock(login):
    """Lift the lock of ``login``: its failures of every hour are forgotten."""
    store = limits.store(create=False)
    if store is None:
        return 0
    key = limits.hashed(store, login)
    found = list(store.counts.keys(min=("login", key, 0), max=("login", key, 10**9)))
    found += [k for k in (("login-last", key, 0),) if k in store.counts]
    for k in found:
        del store.counts[k]
    return len(found)


def unlock_address(ip):
    """Lift the lock of an IP address."""
    store = limits.store(create=False)
    if store is None:
        return 0
    key = limits.hashed(store, ip)
    found = list(store.counts.keys(min=("login-ip", key, 0), max=("login-ip", key, 10**9)))
    for k in found:
        del store.counts[k]
    return len(found)


@implementer(IAuthenticationPlugin)
class LoginGuard(BasePlugin):
    """The first authentication plugin: refuses locked logins, counts failures."""

    meta_type = "CommunesPlone login guard"
    security = ClassSecurityInfo()

    def __init__(self, id=PLUGIN_ID, title="Failed logins: slow down and lock"):
        self._setId(id)
        self.title = title

    @security.private
    def authenticateCredentials(self, credentials):
        login = credentials.get("login")
        password = credentials.get("password")
        if not login or not isinstance(login, str) or password is None:
            return None  # a session, a token, a certificate: no password to guess
        # one request may check the same password twice (plone.restapi's plugin
        # at traversal, then its @login service): one attempt, judged once
        seen = _seen_in_transaction()
        if login in seen:
            return None
        seen.add(login)
        request = getRequest()
        ip = limits.client_ip(request)
        refuse_if_locked(login, ip)
        if not self._accepted(credentials):
            record_failure(login, ip, request)
        return None

    def _accepted(self, credentials):
        pas = self._getPAS()
        if self._accepted_above(pas, credentials):
            return True  # a user of the Zope root (the hosting operator)
        for plugin_id, plugin in pas.plugins.listPlugins(IAuthenticationPlugin):
            if plugin_id == self.getId():
                continue
            try:
                found = plugin.authenticateCredentials(dict(credentials))
            except (NameError, AttributeError, KeyError, TypeError, ValueError):
                continue
            if found and found[0] is not None:
                return True
        return False


    def _accepted_above(self, pas, credentials):
        request = getRequest()
        for parent in aq_chain(aq_inner(pas))[1:]:
            folder = getattr(aq_base(parent), "acl_users", None)
            if folder is None or aq_base(folder) is aq_base(pas):
                continue
            folder = parent.acl_users
            authenticate = getattr(folder, "authenticate", None)
            if authenticate is None:
                continue
            try:
                if authenticate(credentials["login"], credentials["password"], request):
                    return True
            except Exception:  # a folder that cannot tell: not an acceptance
                continue
        return False


def install(acl_users):
    """Add the guard to ``acl_users`` and make it the first authentication plugin."""
    if PLUGIN_ID not in acl_users.objectIds():
        acl_users._setObject(PLUGIN_ID, LoginGuard())
    plugins = acl_users.plugins
    active = [plugin_id for plugin_id, _p in plugins.listPlugins(IAuthenticationPlugin)]
    if PLUGIN_ID not in active:
        plugins.activatePlugin(IAuthenticationPlugin, PLUGIN_ID)
    while plugins.listPluginIds(IAuthenticationPlugin)[0] != PLUGIN_ID:
        plugins.movePluginsUp(IAuthenticationPlugin, [PLUGIN_ID])
