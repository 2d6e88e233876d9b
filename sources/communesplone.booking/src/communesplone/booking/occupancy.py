"""Who holds which period of a resource: the occupancy index and its invariant.

**Invariant**: no two bookings that hold a slot (``pending`` or ``confirmed``)
overlap on the same resource, nor on resources linked by "is part of" (the
whole sports hall and each of its halves).

Each Resource keeps its own occupancy in a :class:`BTrees.LOBTree.LOBTree`
keyed by the start of each held period (seconds since the epoch, UTC) whose
value is ``(end_seconds, booking_uid)``. Because the periods of
one tree never overlap each other, the periods that overlap ``[start, end)``
are:

* at most ONE period starting before ``start``: the predecessor
  ``tree.maxKey(start - 1)``, which overlaps when its end is after ``start``
  (an earlier period would end before the predecessor starts);
* every period starting in ``[start, end)``: a range scan.

A lookup therefore costs O(log n + k) for a tree of n periods and k answers
(k is bounded by the number of slots in ``[start, end)``).

**Concurrency**: ZODB resolves concurrent inserts of *different* keys into one
BTree, so two transactions that each checked the tree, found nothing and
inserted an overlapping period would *both* commit. Every write of a booking
therefore also changes :class:`OccupancyVersion`, a plain persistent object
without conflict resolution, of every resource involved (the booked resource,
the wholes it is part of and its parts): the second writer gets a
``ConflictError`` at commit, the publisher retries its request, and the retry
sees the first booking and refuses with :class:`BookingConflict`. Nothing in
this module catches ``ConflictError``.
"""

from Acquisition import aq_base
from communesplone.core.refusals import Refusal
from communesplone.booking import _
from communesplone.core.dates import period_text
from datetime import datetime
from datetime import UTC
from persistent import Persistent
from communesplone.booking.quotas import add_usage
from communesplone.booking.quotas import remove_usage
from communesplone.booking.occupancy_tree import tree_of
from communesplone.booking.content.resource import site_timezone
from plone import api

VERSION_ATTR = "_booking_occupancy_version"
HELD_ATTR = "_booking_held"


class BookingError(Refusal):
    """Base of the errors that refuse a booking (nothing is saved)."""

    status = 400


class BookingConflict(BookingError):
    """The periods asked for overlap periods already held (HTTP 409)."""

    status = 409

    def __init__(self, conflicts):
        if self.copy_of(conflicts):  # re-raised as ``type(e)(e)`` (CMFCore)
            return
        #: ``[(start, end), ...]`` aware datetimes of the periods in the way
        self.conflicts = list(conflicts)
        super().__init__(
            "booking conflicts with "
            + ", ".join(f"{start.isoformat()}/{end.isoformat()}" for start, end in self.conflicts)
        )

    @property
    def message(self):
        return _(
            "error_booking_conflict",
            default="This resource is already booked for ${periods}.",
            mapping={"periods": ", ".join(
                period_text(start.astimezone(_site_tz()), end.astimezone(_site_tz()))
                for start, end in self.conflicts
            )},
        )


class BookingInvalid(BookingError):
    """The booking breaks a rule of the resource (HTTP 400, per field)."""

    status = 400

    def __init__(self, errors):
        if self.copy_of(errors):  # re-raised as ``type(e)(e)`` (CMFCore)
            return
        #: ``[(field id or "", translatable message), ...]``
        self.errors = list(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors))

    @property
    def message(self):
        return _("error_booking_invalid", default="The booking cannot be made as asked.")


class BookingNotAllowed(BookingError):
    """The person may not book this resource (HTTP 403)."""

    status = 403

    def __init__(self, message):
        if self.copy_of(message):  # re-raised as ``type(e)(e)`` (CMFCore)
            return
        self.reason = message
        super().__init__(str(message))

    @property
    def message(self):
        return self.reason


class BookingLinkNotFound(BookingNotAllowed):
    """A requester's link whose booking or token is wrong (HTTP 404: it reveals nothing)."""

    status = 404


class OccupancyVersion(Persistent):
    """Changed by every booking write on a resource: a deliberate write conflict.

    Deliberately a plain :class:`persistent.Persistent` without
    ``_p_resolveConflict`` (not a ``BTrees.Length``, whose concurrent changes
    are merged): two transactions that both change it cannot both commit.
    """

    def __init__(self):
        self.counter = 0

    def bump(self):
        self.counter += 1


# --- the tree, plain functions (unit-tested without Plone) -----------------


def to_key(moment):
    """Seconds since the epoch of an aware datetime (the tree's keys)."""
    if moment.tzinfo is None:
        raise ValueError("occupancy needs timezone-aware datetimes")
    return int(moment.timestamp())


def from_key(seconds, tz=UTC):
    return datetime.fromtimestamp(seconds, tz)


def overlaps(tree, start, end):
    """The held periods of ``tree`` overlapping ``[start, end)`` (keys in seconds).

    Returns ``[(start, end, uid), ...]`` sorted by start, in
    O(log n + k): the predecessor plus a range scan (see the module docstring).
    """
    found = []
    if start >= end:
        return found
    try:
        before = tree.maxKey(start - 1)
    except ValueError:  # empty tree or nothing before start
        before = None
    if before is not None:
        value = tree[before]
        if value[0] > start:
            found.append((before, *value))
    for key, value in tree.items(min=start, max=end, excludemax=True):
        found.append((key, *value))
    return found


def insert(tree, start, end, uid):
    """Hold ``[start, end)`` for ``uid``; ValueError if it overlaps (the caller checked)."""
    if start >= end:
        raise ValueError("empty period")
    if overlaps(tree, start, end):
        raise ValueError("period already held")
    tree[start] = (end, uid)


def remove(tree, keys, uid):
    """Free the periods starting at ``keys`` that ``uid`` holds; returns how many."""
    removed = 0
    for key in keys:
        value = tree.get(key)
        if value is not None and value[1] == uid:
            del tree[key]
            removed += 1
    return removed


# --- resources -------------------------------------------------------------


def _site_tz():
    return site_timezone()


def version_of(resource):
    version = getattr(aq_base(resource), VERSION_ATTR, None)
    if version is None:
        version = OccupancyVersion()
        setattr(resource, VERSION_ATTR, version)
    return version


def _all_resources():
    catalog = api.portal.get_tool("portal_catalog")
    return [brain._unrestrictedGetObject()
            for brain in catalog.unrestrictedSearchResults(portal_type="Resource")]


def related_resources(resource):
    """``resource``, the wholes it is part of and its parts (transitively), no siblings."""
    by_uid = {}
    for item in _all_resources():
        by_uid[api.content.get_uuid(item)] = item
    own_uid = api.content.get_uuid(resource)
    by_uid[own_uid] = resource
    parts_of = {}
    for uid, item in by_uid.items():
        for whole in getattr(item, "part_of", None) or ():
            parts_of.setdefault(whole, []).append(uid)
    found = {own_uid}
    # up: the wholes
    todo = [own_uid]
    while todo:
        uid = todo.pop()
        for whole in getattr(by_uid.get(uid), "part_of", None) or ():
            if whole in by_uid and whole not in found:
                found.add(whole)
                todo.append(whole)
    # down: the parts
    todo = [own_uid]
    down = {own_uid}
    while todo:
        uid = todo.pop()
        for part in parts_of.get(uid, ()):
            if part not in down:
                down.add(part)
                found.add(part)
                todo.append(part)
    return [resource] + [by_uid[uid] for uid in sorted(found - {own_uid})]


def hold(tree, related, periods, uid):
    """Check and insert, without Plone: the heart of :func:`reserve`.

    ``tree`` is the booked resource's tree, ``related`` the ``(tree, version)``
    of every resource involved (the booked one included), ``periods`` the
    ``(start, end)`` keys asked for. Returns the conflicting ``(start, end)``
    keys (nothing written), or ``[]`` after inserting every period and bumping
    every version.
    """
    periods = sorted(periods)
    for (_start1, end1), (start2, end2) in zip(periods, periods[1:], strict=False):
        if start2 < end1:
            return [(start2, end2)]
    conflicts = []
    for other_tree, _version in related:
        for start, end in periods:
            for held_start, held_end, held_uid in overlaps(other_tree, start, end):
                if held_uid != uid and (held_start, held_end) not in conflicts:
                    conflicts.append((held_start, held_end))
    if conflicts:
        return sorted(conflicts)
    for start, end in periods:
        insert(tree, start, end, uid)
    for _tree, version in related:
        version.bump()
    return []


def reserve(resource, booking, periods, tz=UTC):
    """Hold every period of ``periods`` for ``booking`` on ``resource``: all or nothing.

    Raises :class:`BookingConflict` naming the periods in the way when any of
    them is held on ``resource`` or on a linked resource (nothing is written
    then), or when two of ``periods`` overlap each other. Otherwise inserts
    them and bumps the occupancy version of every linked resource.
    """
    uid = api.content.get_uuid(booking)
    keys = [(to_key(start), to_key(end)) for start, end in periods]
    related = [(tree_of(item), version_of(item)) for item in related_resources(resource)]
    conflicts = hold(tree_of(resource), related, keys, uid)
    if conflicts:
        raise BookingConflict([(from_key(start, tz), from_key(end, tz))
                               for start, end in conflicts])
    setattr(booking, HELD_ATTR, tuple(start for start, _end in sorted(keys)))
    add_usage(resource, booking, uid, periods, _site_tz())


def release(resource, booking):
    """Free the periods ``booking`` holds on ``resource`` (refused, cancelled, deleted)."""
    keys = getattr(booking, HELD_ATTR, ())
    if not keys:
        return 0
    uid = api.content.get_uuid(booking)
    removed = remove(tree_of(resource), keys, uid)
    remove_usage(resource, booking, uid, _site_tz())
    setattr(booking, HELD_ATTR, ())
    for item in related_resources(resource):
        version_of(item).bump()
    return removed


def taken(resource, start, end, tz=UTC):
    """Held periods overlapping ``[start, end)`` on ``resource`` and linked resources.

    Returns dicts ``{"start", "end", "uid", "resource"}`` sorted by start.
    """
    found = []
    for item in related_resources(resource):
        for held_start, held_end, uid in overlaps(tree_of(item), to_key(start), to_key(end)):
            found.append({
                "start": from_key(held_start, tz),
                "end": from_key(held_end, tz),
                "uid": uid,
                "resource": item,
            })
    return sorted(found, key=lambda entry: (entry["start"], entry["end"]))
