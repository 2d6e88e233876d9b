"""Abuse limits: how much one requester may ask before the site answers 429.

One anonymous script once made 40 bookings in 5 seconds (each pending booking
holds its slot: every room blocked), and 40 orders with one victim's address
(40 mails to that address). The limits, per site in the registry
(``communesplone.core.limits.*``, :class:`ILimitSettings`, defaults below):

* pending bookings per requester (the e-mail address, the member and, when
  certified, the identity), on the whole site and on one resource;
* orders per e-mail address and per IP address per hour;
* mails to one address per hour;
* failed logins per account and per IP (:mod:`communesplone.core.logins`).

A refusal is :class:`LimitReached`: 429 with ``Retry-After`` and a translated
message, for REST and for the browser forms (which show it beside what was
typed). With the defaults a citizen making three bookings and two orders in a
minute is never refused.

**Storage and two processes.** The counters live in the database (one
:class:`LimitStore` on the site), so that they hold across the processes of
a cluster (RelStorage) and across a restart. Every count is one value of an
``OOBTree`` under one key; two transactions that change the same key conflict
(``ConflictError``: the publisher retries the second, which then sees the
first), while other keys merge. Never ``BTrees.Length`` (it adds concurrent
increments without a conflict; see STACK-NOTES). Keys are keyed hashes
(HMAC with a secret of the site): no e-mail or IP address is stored in clear.
Counts per hour sit under the hour's number; older hours of a key are
dropped when the key is next written.
"""

from AccessControl import getSecurityManager
from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from communesplone.core.refusals import Refusal
from communesplone.core import _
from persistent import Persistent
from plone import api
from plone.supermodel import model
from zope import schema
from zope.globalrequest import getRequest

import hashlib
import hmac
import secrets
import time

PREFIX = "communesplone.core.limits"
STORE_ATTR = "_communesplone_limits"
HOUR = 3600


class ILimitSettings(model.Schema):
    """The abuse limits of one site (registry, prefix ``communesplone.core.limits``)."""

    bookings_pending_per_requester = schema.Int(
        title=_("label_limit_bookings_pending", default="Pending bookings per requester"),
        default=10, min=1)
    bookings_pending_per_resource = schema.Int(
        title=_("label_limit_bookings_pending_resource",
                default="Pending bookings per requester on one resource"),
        default=5, min=1)
    orders_per_email_hour = schema.Int(
        title=_("label_limit_orders_email", default="Orders per e-mail address per hour"),
        default=10, min=1)
    orders_per_ip_hour = schema.Int(
        title=_("label_limit_orders_ip", default="Orders per IP address per hour"),
        default=30, min=1)
    mails_per_address_hour = schema.Int(
        title=_("label_limit_mails", default="Mails to one address per hour"),
        default=20, min=1)
    login_slow_after = schema.Int(
        title=_("label_limit_login_slow", default="Failed logins before slowing down"),
        default=5, min=1)
    login_lock_after = schema.Int(
        title=_("label_limit_login_lock", default="Failed logins of an account before a lock"),
        default=10, min=1)
    login_ip_lock_after = schema.Int(
        title=_("label_limit_login_ip", default="Failed logins from one IP address per hour"),
        default=50, min=1)


DEFAULTS = {name: field.default for name, field in schema.getFields(ILimitSettings).items()}
#: After ``login_slow_after`` failures, one more attempt every so many seconds.
SLOW_SECONDS = 30


def setting(name):
    """The site's value of limit ``name`` (its default where the record is missing)."""
    try:
        value = api.portal.get_registry_record(f"{PREFIX}.{name}", default=None)
    except Exception:  # no site (a script) or no registry: the default
        value = None
    return value if isinstance(value, int) and value > 0 else DEFAULTS[name]


class LimitReached(Refusal):
    """Too many requests (429): ``message`` says what, ``retry_after`` when to try again."""

    status = 429
    errors = ()

    def __init__(self, message, retry_after=HOUR):
        if self.copy_of(message):  # re-raised as ``type(e)(e)`` (CMFCore)
            return
        super().__init__(str(message))
        self.message = message
        self.retry_after = max(1, int(retry_after))


def answer(request, error):
    """Put 429 and ``Retry-After`` on ``request``'s response (a form shown again keeps
    what was typed and says ``error.message`` above it)."""
    request.response.setStatus(429, lock=True)
    request.response.setHeader("Retry-After", str(error.retry_after))


class LimitStore(Persistent):
    """The site's counters: ``counts`` (per hour) and ``holds`` (pending bookings)."""

    def __init__(self):
        self.secret = secrets.token_hex(32)
        #: ``(kind, key hash, hour) -> int``; ``(kind, key hash, "last") -> epoch seconds``
        self.counts = OOBTree()
        #: ``key hash -> ((booking uid, resource uid), ...)``: the pending bookings held
        self.holds = OOBTree()


def store(site=None, create=True):
    """The site's :class:`LimitStore` (made on first use, or by the upgrade step)."""
    site = site if site is not None else api.portal.get()
    found = getattr(aq_base(site), STORE_ATTR, None)
    if found is None and create:
        found = LimitStore()
        setattr(site, STORE_ATTR, found)
    return found


def hashed(limits, value):
    """A keyed hash of ``value`` (an address, a login, an identity): never the value."""
    text = (value or "").strip().lower()
    return hmac.new(limits.secret.encode(), text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def current_hour(now=None):
    return int((now if now is not None else time.time()) // HOUR)


def seconds_to_next_hour(now=None):
    now = now if now is not None else time.time()
    return int(HOUR - now % HOUR) or 1


def count(kind, value, limits=None, now=None):
    """How many ``kind`` events ``value`` made in the current hour."""
    limits = limits or store()
    return limits.counts.get((kind, hashed(limits, value), current_hour(now)), 0)


def add(kind, value, limits=None, now=None):
    """Count one ``kind`` event of ``value`` in the current hour; return the new count.

    Writes one key (a conflict with a concurrent writer of the same key, never a
    lost count) and drops this key's older hours.
    """
    limits = limits or store()
    key = hashed(limits, value)
    hour = current_hour(now)
    counts = limits.counts
    for old in list(counts.keys(min=(kind, key, 0), max=(kind, key, hour - 1))):
        del counts[old]
    total = counts.get((kind, key, hour), 0) + 1
    counts[(kind, key, hour)] = total
    return total


def check(kind, value, limit, message, limits=None, now=None):
    """Raise :class:`LimitReached` when ``value`` already made ``limit`` ``kind`` events
    this hour; otherwise count this one."""
    if not value:
        return
    limits = limits or store()
    if count(kind, value, limits, now) >= limit:
        raise LimitReached(message, seconds_to_next_hour(now))
    add(kind, value, limits, now)


def is_exempt():
    """Staff are not limited by what guards against visitors: a member of a group
    (a service, the council) or with a role beyond Member, and administrators."""
    if api.user.is_anonymous():
        return False
    if getSecurityManager().checkPermission("Manage portal", api.portal.get()):
        return True
    user = api.user.get_current()
    groups = [group for group in (user.getGroups() or ()) if group != "AuthenticatedUsers"]
    return bool(groups or set(user.getRoles() or ()) - {"Member", "Authenticated"})


def client_ip(request=None):
    """The requester's address as Zope sees it (behind a trusted proxy: the client's)."""
    request = request if request is not None else getRequest()
    if request is None:
        return ""
    getter = getattr(request, "getClientAddr", None)
    return (getter() if getter else request.get("REMOTE_ADDR", "")) or ""


# --- orders ------------------------------------------------------------------

MSG_ORDERS_EMAIL = _("limit_orders_email",
                     default="Too many orders for this e-mail address in the last hour. "
                     "Try again later.")
MSG_ORDERS_IP = _("limit_orders_ip",
                  default="Too many orders from your connection in the last hour. "
                  "Try again later.")


def check_order(email, request=None):
    """An order is about to be made for ``email``: refuse the one over the limits."""
    if is_exempt():
        return
    limits = store()
    check("order-email", email, setting("orders_per_email_hour"), MSG_ORDERS_EMAIL, limits)
    check("order-ip", client_ip(request), setting("orders_per_ip_hour"), MSG_ORDERS_IP, limits)


# --- mails -------------------------------------------------------------------

MSG_MAILS = _("limit_mails",
              default="Too many messages were sent to this e-mail address in the last hour. "
              "Try again later.")


def check_mail(address):
    """A mail is about to leave for ``address``: :class:`LimitReached` over the limit.

    Mails that staff cause (a confirmation, a refusal) are counted but never
    refused: the limit guards an address against mails a visitor makes the site send.
    """
    limits = store()
    limit = setting("mails_per_address_hour")
    if not is_exempt() and count("mail", address, limits) >= limit:
        raise LimitReached(MSG_MAILS, seconds_to_next_hour())
    add("mail", address, limits)


# --- pending bookings ----------------------------------------------------------

MSG_PENDING = _("limit_bookings_pending",
                default="Bookings waiting for an answer: ${count}, the most one person may "
                "hold. Wait for the answer to one of them, or cancel one, before booking "
                "again.")
MSG_PENDING_RESOURCE = _("limit_bookings_pending_resource",
                         default="Bookings of this resource waiting for an answer: ${count}, "
                         "the most one person may hold. Wait for the answer to one of them, "
                         "or cancel one, before booking it again.")
#: Pending bookings are answered within days, not hours: try again tomorrow.
PENDING_RETRY = 24 * HOUR


def requester_keys(email, identity=None, member=None):
    """Who a booking counts for: its e-mail address, the member, the certified identity."""
    keys = []
    if email:
        keys.append("email:" + email.strip().lower())
    if member:
        keys.append("member:" + member)
    if identity:
        keys.append("id:" + identity)
    return keys


def hold(booking_uid, resource_uid, keys):
    """A booking is made pending: refuse it over the limits, else remember it for ``keys``.

    Every key's entry is rewritten, so two processes adding bookings for the
    same requester conflict and the retried one sees the other.
    """
    if is_exempt() or not keys:
        return
    limits = store()
    per_requester = setting("bookings_pending_per_requester")
    per_resource = setting("bookings_pending_per_resource")
    hashes = [hashed(limits, key) for key in keys]
    for key in hashes:
        held = limits.holds.get(key, ())
        if len(held) >= per_requester:
            raise LimitReached(_("limit_bookings_pending", default=MSG_PENDING.default,
                                 mapping={"count": len(held)}), PENDING_RETRY)
        on_resource = sum(1 for _uid, resource in held if resource == resource_uid)
        if on_resource >= per_resource:
            raise LimitReached(_("limit_bookings_pending_resource",
                                 default=MSG_PENDING_RESOURCE.default,
                                 mapping={"count": on_resource}), PENDING_RETRY)
    for key in hashes:
        held = limits.holds.get(key, ())
        limits.holds[key] = tuple(held) + ((booking_uid, resource_uid),)


def release(booking_uid, keys):
    """The booking is no longer pending (confirmed, refused, cancelled, deleted)."""
    limits = store(create=False)
    if limits is None:
        return
    for key in keys:
        hashed_key = hashed(limits, key)
        held = limits.holds.get(hashed_key)
        if not held:
            continue
        kept = tuple(item for item in held if item[0] != booking_uid)
        if len(kept) == len(held):
            continue
        if kept:
            limits.holds[hashed_key] = kept
        else:
            del limits.holds[hashed_key]


# --- in memory (per process) ---------------------------------------------------


class MinuteCounter:
    """Events per key in the current minute, in this process's memory only.

    For what must not write to the database on every request (anonymous eID
    login attempts): each process of a cluster counts its own, so the limit a
    cluster allows is this one times the number of processes.
    """

    def __init__(self, size=10_000):
        import threading

        self._lock = threading.Lock()
        self._counts = {}
        self._minute = None
        self._size = size

    def add(self, key, now=None):
        """Count one event of ``key``; return ``(count this minute, seconds left)``."""
        now = now if now is not None else time.time()
        minute = int(now // 60)
        with self._lock:
            if minute != self._minute or len(self._counts) > self._size:
                self._counts = {}
                self._minute = minute
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key], int(60 - now % 60) or 1
