"""The private iCalendar feed keeps every future occurrence of a series, read by two parsers
that are not ours (icalendar, recurring-ical-events)."""

from bookinghelpers import book
from bookinghelpers import next_monday
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from icalendar import Calendar
from plone import api

import recurring_ical_events

HOUR = timedelta(hours=1)


def test_private_feed_keeps_every_future_occurrence(resource, integration):
    resource.horizon_days = 400
    start = next_monday(weeks=20, hour=10)  # a series that starts in about 140 days
    with api.env.adopt_user("alice"):
        series = book(resource, start, start + HOUR, repeat="weekly", repeat_count=10)
    resource.horizon_days = 60  # the commune shortens its booking horizon afterwards
    request = integration["request"]
    request.form["token"] = resource.ical_token
    body = resource.restrictedTraverse("@@ical")()
    calendar = Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert sorted(event.decoded("dtstart") for event in events) == [
        (start + timedelta(weeks=week)).astimezone(UTC) for week in range(10)]
    assert len({str(event["uid"]) for event in events}) == 10
    assert {str(event["related-to"]) for event in events} == {f"{series.UID()}@communesplone"}
    assert "every future one included" in str(calendar["x-wr-caldesc"]) or \
        "à venir" in str(calendar["x-wr-caldesc"])
    now = datetime.now(UTC)
    found = recurring_ical_events.of(calendar).between(now, now + timedelta(days=366))
    assert len(found) == 10
    # the public free/busy keeps its window (the horizon), and no name
    del request.form["token"]
    public = Calendar.from_ical(resource.restrictedTraverse("@@ical")())
    assert not public.walk("VEVENT") and b"Alice" not in public.to_ical()
