"""Helpers of the booking tests: times, resources, bookings, REST calls."""

from plone import api

TZ = "Europe/Brussels"


def next_monday(weeks=1, hour=10, minute=0):
    """A Monday ``weeks`` weeks ahead at ``hour:minute``, Brussels time."""
    from datetime import datetime
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    now = datetime.now(ZoneInfo(TZ))
    monday = now.date() + timedelta(days=7 * weeks - now.weekday())
    return datetime(monday.year, monday.month, monday.day, hour, minute, tzinfo=ZoneInfo(TZ))


def make_resource(container, id_, **fields):
    values = {
        "title": id_.replace("-", " ").title(),
        "slot_minutes": 30,
        "min_minutes": 30,
        "max_minutes": 240,
        "horizon_days": 180,
        "needs_approval": True,
        "audience": "members",
        "capacity": 50,
        "closed_on_holidays": False,
        "hours_sunday": "08:00-22:00",
    }
    values.update(fields)
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=container, type="Resource", id=id_, **values)


def book(resource, start, end, **fields):
    """Create a booking as the current user; a refusal is rolled back, as the publisher does."""
    import transaction
    from communesplone.booking.occupancy import BookingError

    values = {
        "requester_name": "Alice",
        "requester_email": "alice@example.org",
        "purpose": "Réunion",
        "attendees": 10,
    }
    values.update(fields)
    savepoint = transaction.savepoint()
    try:
        return api.content.create(container=resource, type="Booking", title="booking",
                                  start=start, end=end, **values)
    except BookingError:
        savepoint.rollback()
        raise


PASSWORD = "secret-password-123"


def rest(method, url, user=None, **kwargs):
    import requests

    headers = {"Accept": "application/json"}
    if "json" in kwargs:
        headers["Content-Type"] = "application/json"
    auth = (user, PASSWORD) if user else None
    return requests.request(method, url, headers=headers, auth=auth, timeout=60, **kwargs)


def booking_json(start, end, **fields):
    data = {
        "@type": "Booking",
        "start": start.isoformat(),
        "end": end.isoformat(),
        "requester_name": "Alice Martin",
        "requester_email": "alice@example.org",
        "purpose": "Assemblée du club",
        "attendees": 12,
    }
    data.update(fields)
    return data


def monday_mid_month(weeks=2, hour=10):
    """The first Monday at least ``weeks`` weeks ahead whose week stays in its month."""
    monday = next_monday(weeks=weeks, hour=hour)
    while monday.day > 22:
        weeks += 1
        monday = next_monday(weeks=weeks, hour=hour)
    return monday
