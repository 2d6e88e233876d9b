"""Free and taken periods of a resource, shared by ``@availability``, the page and ``@@ical``.

Taken periods of other requesters are anonymised unless the reader manages
the resource's bookings.
"""

from communesplone.booking.content.booking import MANAGE_BOOKINGS
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.occupancy import taken
from communesplone.booking.rules import free_intervals
from communesplone.booking.rules import localize
from datetime import datetime
from datetime import timedelta
from plone import api

MAX_RANGE = timedelta(days=92)


#: The years a booking or a question about availability may name: ``9999-12-31``
#: would overflow the first week added to it.
YEARS = (1900, 2200)


def parse_moment(value, tz):
    """ISO 8601 date or date-time; a value without an offset is wall time in ``tz``.

    ValueError for anything else: not one string (``start:list=a&start:list=b``),
    not a date, or a year outside :data:`YEARS`.
    """
    if not isinstance(value, str):
        raise ValueError("not one date")
    moment = datetime.fromisoformat(value.strip())
    if not YEARS[0] <= moment.year <= YEARS[1]:
        raise ValueError("year out of range")
    return localize(moment, tz)


def may_see_details(resource):
    return api.user.has_permission(MANAGE_BOOKINGS, obj=resource)


def bookings_of(entries):
    """``{uid: Booking}`` of taken entries: one catalog query for them all."""
    uids = list({entry["uid"] for entry in entries})
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {brain.UID: brain._unrestrictedGetObject()
            for brain in catalog.unrestrictedSearchResults(UID=uids)}


def taken_entries(resource, start, end, details=None):
    """Taken periods as JSON-ready dicts; ``details`` adds who and why (managers only)."""
    tz = site_timezone()
    if details is None:
        details = may_see_details(resource)
    current = None if api.user.is_anonymous() else api.user.get_current().getId()
    entries = []
    found = taken(resource, start, end, tz)
    bookings = bookings_of(found) if (details or current) else {}
    for entry in found:
        item = {"start": entry["start"].isoformat(), "end": entry["end"].isoformat()}
        booking = bookings.get(entry["uid"])
        own = booking is not None and current is not None and current in booking.listCreators()
        if entry["resource"] is not resource:
            item["via"] = entry["resource"].Title()
        if booking is not None and (details or own):
            item.update({
                "booking": booking.absolute_url(),
                "state": api.content.get_state(booking, default=None),
                "purpose": booking.purpose,
                "requester_name": booking.requester_name,
                "organisation": booking.organisation,
                "attendees": booking.attendees,
                "own": own,
            })
        entries.append(item)
    return entries


def availability(resource, start, end, details=None):
    """``{"start", "end", "timezone", "free": [...], "taken": [...]}`` for ``[start, end)``."""
    tz = site_timezone()
    rules = resource.rules()
    busy = [(entry["start"], entry["end"]) for entry in taken(resource, start, end, tz)]
    free = free_intervals(rules, start, end, busy)
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "timezone": str(tz),
        "slot_minutes": rules.slot_minutes,
        "free": [{"start": s.isoformat(), "end": e.isoformat()} for s, e in free],
        "taken": taken_entries(resource, start, end, details),
    }
