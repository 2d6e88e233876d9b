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
hold across processes). A failure is written in a transaction of its own, on
a connection of its own, committed at once: the request that failed may end
in an error (a protected page refused with 401 by Basic authentication) and
see its own transaction aborted, and a script could otherwise guess
passwords there for ever. A failure counted twice in the same request (and
in a retry of it after a ``ConflictError``) is counted once.
"""

from communesplone.core import _
from communesplone.core import limits
from AccessControl.SecurityInfo import ClassSecurityInfo
from Acquisition import aq_base
from Acquisition import aq_chain
from Acquisition import aq_inner
from plone import api
from Products.PluggableAuthService.interfaces.plugins import IAuthenticationPlugin
from Products.PluggableAuthService.plugins.BasePlugin import BasePlugin
from ZODB.POSException import ConflictError
from zope.globalrequest import getRequest
from zope.interface import implementer

import logging
import time
import transaction

logger = logging.getLogger(__name__)
PLUGIN_ID = "communesplone_login_guard"
#: Key of the logins already judged in a request (in its environment, which a
#: retried request keeps).
SEEN_KEY = "communesplone.logins_judged"
#: Attempts at committing one failure against concurrent writers of the counters.
ATTEMPTS = 5

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


def count_failure(store, login, ip, now):
    """Add one failed login of ``login`` from ``ip`` to ``store``'s counters."""
    limits.add("login", login, store, now)
    store.counts[_last_key(store, login)] = int(now)
    if ip:
        limits.add("login-ip", ip, store, now)


def record_failure(login, ip, site=None, now=None):
    """Count one failed login of ``login`` from ``ip``, committed at once in a
    transaction of its own (the request's may be aborted; see the module).

    A concurrent writer of the same counters (another failure, in this
    process or another) makes the commit fail with ``ConflictError``: it is
    tried again on fresh data, up to :data:`ATTEMPTS` times.
    """
    now = now if now is not None else time.time()
    site = site if site is not None else api.portal.get()
    jar = getattr(site, "_p_jar", None)
    if jar is None:  # a site not in a database (a unit test): count in place
        count_failure(limits.store(site), login, ip, now)
        return
    path = site.getPhysicalPath()
    for attempt in range(ATTEMPTS):
        manager = transaction.TransactionManager()
        connection = jar.db().open(transaction_manager=manager)
        try:
            own_site = connection.root()["Application"].unrestrictedTraverse(path[1:])
            count_failure(limits.store(own_site), login, ip, now)
            manager.commit()
            return
        except ConflictError:
            manager.abort()
            if attempt == ATTEMPTS - 1:
                logger.warning("A failed login could not be counted (conflicts).")
        finally:
            connection.close()


def _judged(request):
    """The logins already judged in ``request`` (and in its retries)."""
    if request is None:
        return set()
    environ = getattr(request, "environ", None)
    if environ is None:
        return set()
    return environ.setdefault(SEEN_KEY, set())


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
        # at traversal, then its @login service), a retried request again:
        # one attempt, judged once
        request = getRequest()
        seen = _judged(request)
        if login in seen:
            return None
        seen.add(login)
        ip = limits.client_ip(request)
        refuse_if_locked(login, ip)
        if not self._accepted(credentials):
            record_failure(login, ip)
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
