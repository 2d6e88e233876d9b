"""Quotas per resource: at most N hours per person and week, month or year.

Who "a person" is (:func:`person_key`): on a resource that requires a certified
identity, the identity itself — the national register number the provider
verified (core assurance), kept only as a keyed hash — so one person cannot
hold a hall with several accounts or e-mail addresses; otherwise the member,
or the e-mail address of an anonymous requester. Bookings made by a manager of
the resource count for nobody.

Usage is kept per resource in an ``OOBTree`` keyed ``(person key, ISO day)``
whose values are ``{booking uid: minutes}``; it is written together with the
occupancy (:func:`add_usage` and :func:`remove_usage` are called by
``occupancy.reserve`` and ``occupancy.release``, under the same write conflict).
Checking a quota reads at most one entry per day of the period, whatever the
number of bookings. A resource that had bookings before quotas existed gets
its usage rebuilt once, on first use.
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from communesplone.booking.content.booking import MANAGE_BOOKINGS
from communesplone.booking import _
from communesplone.booking.occupancy_tree import tree_of
from communesplone.booking.rules import localize
from communesplone.core.assurance import get_assurance
from communesplone.core.dates import day_text
from communesplone.core.dates import month_text
from communesplone.core.assurance import level_at_least
from datetime import date
from datetime import timedelta
from plone import api
from zope.globalrequest import getRequest

import hashlib
import hmac
import secrets

USAGE_ATTR = "_booking_quota_usage"
SALT_ATTR = "_booking_quota_salt"
#: On a Booking: the person it counts for (None: nobody), and ``((day, minutes), ...)``.
KEY_ATTR = "_quota_key"
DAYS_ATTR = "_quota_days"


def _salt(resource):
    salt = getattr(aq_base(resource), SALT_ATTR, None)
    if not salt:
        salt = secrets.token_hex(16)
        setattr(resource, SALT_ATTR, salt)
    return salt


def _hashed(resource, value):
    return hmac.new(_salt(resource).encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def person_key(resource, requester_email, request=None):
    """The person the current requester counts as on ``resource`` (None for managers)."""
    if api.user.has_permission(MANAGE_BOOKINGS, obj=resource):
        return None
    if getattr(resource, "audience", None) == "certified":
        record = get_assurance(request or getRequest())
        if record.level != "none" and level_at_least(record.level, "substantial"):
            stable = record.national_number or (
                f"{record.provider}:{record.user_id}" if record.provider else None)
            if stable:
                return "id:" + _hashed(resource, stable)
    if not api.user.is_anonymous():
        return "member:" + api.user.get_current().getId()
    email = (requester_email or "").strip().lower()
    return "email:" + _hashed(resource, email) if email else None


def _fallback_key(resource, booking):
    """The person of a booking made before quotas existed: its creator or its e-mail."""
    creators = booking.listCreators()
    if creators and creators[0] not in ("", "Anonymous User"):
        return "member:" + creators[0]
    email = (getattr(booking, "requester_email", "") or "").strip().lower()
    return "email:" + _hashed(resource, email) if email else None


def _minutes_by_day(periods, tz):
    days = {}
    for start, end in periods:
        day = localize(start, tz).date().isoformat()
        days[day] = days.get(day, 0) + int((end - start).total_seconds() // 60)
    return tuple(sorted(days.items()))


def usage_of(resource, tz):
    """The usage tree of ``resource``, built from its held bookings when missing."""
    usage = getattr(aq_base(resource), USAGE_ATTR, None)
    if usage is not None:
        return usage
    usage = OOBTree()
    setattr(resource, USAGE_ATTR, usage)
    uids = {value[1] for value in tree_of(resource).values()}
    if uids:
        catalog = api.portal.get_tool("portal_catalog")
        for brain in catalog.unrestrictedSearchResults(UID=list(uids)):
            booking = brain._unrestrictedGetObject()
            if getattr(aq_base(booking), KEY_ATTR, None) is None and not hasattr(
                    aq_base(booking), DAYS_ATTR):
                booking._quota_key = _fallback_key(resource, booking)
            _add(usage, booking, brain.UID, booking.periods(tz), tz)
    return usage


def _add(usage, booking, uid, periods, tz):
    key = getattr(booking, KEY_ATTR, None)
    days = _minutes_by_day(periods, tz) if key else ()
    for day, minutes in days:
        entry = dict(usage.get((key, day), {}))
        entry[uid] = entry.get(uid, 0) + minutes
        usage[(key, day)] = entry
    setattr(booking, DAYS_ATTR, days)


def add_usage(resource, booking, uid, periods, tz):
    """Count ``periods`` of ``booking`` for its person (called when they are held)."""
    _add(usage_of(resource, tz), booking, uid, periods, tz)


def remove_usage(resource, booking, uid, tz):
    """Stop counting ``booking`` (called when its periods are freed)."""
    key = getattr(booking, KEY_ATTR, None)
    days = getattr(booking, DAYS_ATTR, ())
    if not key or not days:
        return
    usage = usage_of(resource, tz)
    for day, _minutes in days:
        entry = dict(usage.get((key, day), {}))
        entry.pop(uid, None)
        if entry:
            usage[(key, day)] = entry
        elif (key, day) in usage:
            del usage[(key, day)]
    setattr(booking, DAYS_ATTR, ())


def period_bounds(day, unit):
    """First and last day of the week, month or year of ``day``."""
    if unit == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if unit == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    first = day.replace(day=1)
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _period_label(first, unit):
    """The week ("lundi 7 décembre 2026"), month ("décembre 2026") or year of a quota."""
    if unit == "week":
        return day_text(first, year=True)
    if unit == "year":
        return f"{first:%Y}"
    return month_text(first)


def check_quota(resource, booking, uid, periods, tz):
    """``[(field, message)]`` when ``periods`` would exceed the person's quota."""
    limit = getattr(resource, "quota_hours", None)
    key = getattr(booking, KEY_ATTR, None)
    if not limit or not key or not periods:
        return []
    unit = getattr(resource, "quota_period", "month") or "month"
    usage = usage_of(resource, tz)
    wanted = {}
    for day, minutes in _minutes_by_day(periods, tz):
        bounds = period_bounds(date.fromisoformat(day), unit)
        wanted[bounds] = wanted.get(bounds, 0) + minutes
    errors = []
    for (first, last), minutes in sorted(wanted.items()):
        held = sum(
            held_minutes
            for entry in usage.values(min=(key, first.isoformat()), max=(key, last.isoformat()))
            for held_uid, held_minutes in entry.items() if held_uid != uid
        )
        if held + minutes > limit * 60:
            errors.append(("start", QUOTA_MESSAGES[unit]({
                "hours": limit, "total": _hours(held + minutes),
                "when": _period_label(first, unit)})))
    return errors


#: One message per quota period, each a literal msgid (so that extraction finds it).
QUOTA_MESSAGES = {
    "week": lambda mapping: _(
        "error_booking_quota_week",
        default="You may book this resource for at most ${hours} hours a week; with this "
        "booking you would hold ${total} hours in the week of ${when}.", mapping=mapping),
    "month": lambda mapping: _(
        "error_booking_quota_month",
        default="You may book this resource for at most ${hours} hours a month; with this "
        "booking you would hold ${total} hours in ${when}.", mapping=mapping),
    "year": lambda mapping: _(
        "error_booking_quota_year",
        default="You may book this resource for at most ${hours} hours a year; with this "
        "booking you would hold ${total} hours in ${when}.", mapping=mapping),
}


def _hours(minutes):
    hours = minutes / 60
    return f"{hours:g}"
