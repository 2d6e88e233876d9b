"""``<resource>/@@ical``: an RFC 5545 feed of the resource's occupancy.

Without a token: a public free/busy (``VFREEBUSY``, no personal data) from 31
days back to the resource's booking horizon. With ``?token=<the resource's
secret>``: one ``VEVENT`` per held period with the booking's details, for the
managers' calendar applications, from 31 days back and with EVERY future
period: a series that runs past the horizon (or was booked before the horizon
was shortened) keeps all its occurrences. The occurrences of one series share
a ``RELATED-TO`` (the booking), one event each, which every calendar client
shows the same way (an ``RRULE`` with ``EXDATE``s would not carry a moved
occurrence's own time). The feed's ``X-WR-CALDESC`` says what it covers.
"""

from communesplone.booking import _
from communesplone.booking.availability import bookings_of
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.dates import day_text
from communesplone.booking.occupancy import taken
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from icalendar import Calendar
from icalendar import Event
from icalendar import FreeBusy
from icalendar import vPeriod
from plone import api
from Products.Five.browser import BrowserView
from zope.i18n import translate

import hmac

PAST = timedelta(days=31)
#: "Every future period" of the private feed: the occupancy trees are searched up to here.
FOREVER = datetime(9000, 1, 1, tzinfo=UTC)


class ICalView(BrowserView):
    def __call__(self):
        resource = self.context
        token = self.request.form.get("token")
        private = False
        if token is not None:
            secret = getattr(resource, "ical_token", "") or ""
            if not secret or not hmac.compare_digest(str(token), secret):
                self.request.response.setStatus(403)
                self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
                return "Forbidden"
            private = True
        tz = site_timezone()
        now = datetime.now(UTC).replace(microsecond=0)
        start = now - PAST
        end = FOREVER if private else now + timedelta(
            days=getattr(resource, "horizon_days", 90) or 90)
        entries = taken(resource, start, end, tz)
        calendar = Calendar()
        calendar.add("prodid", "-//CommunesPlone//communesplone.booking//FR")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", resource.Title())
        if private:
            calendar.add("x-wr-caldesc", translate(_(
                "booking_ical_private_window",
                default="Bookings from ${start} on, every future one included.",
                mapping={"start": day_text(start.astimezone(tz))}),
                context=self.request))
        uid_base = api.content.get_uuid(resource)
        if private:
            workflow = api.portal.get_tool("portal_workflow")
            bookings = bookings_of(entries)
            for entry in entries:
                booking = bookings.get(entry["uid"])
                event = Event()
                event.add("uid", f"{entry['uid']}-{int(entry['start'].timestamp())}"
                                 "@communesplone")
                event.add("dtstamp", now)
                event.add("dtstart", entry["start"].astimezone(UTC))
                event.add("dtend", entry["end"].astimezone(UTC))
                # the occurrences of one series (one booking) share it
                event.add("related-to", f"{entry['uid']}@communesplone")
                if booking is not None:
                    state = workflow.getInfoFor(booking, "review_state", "")
                    event.add("summary", f"{booking.purpose} — {booking.requester_name}")
                    event.add("description", "\n".join(filter(None, [
                        booking.organisation, booking.requester_email,
                        booking.requester_phone, booking.notes])))
                    event.add("status", "CONFIRMED" if state == "confirmed" else "TENTATIVE")
                    event.add("url", booking.absolute_url())
                calendar.add_component(event)
        else:
            busy = FreeBusy()
            busy.add("uid", f"{uid_base}-freebusy@communesplone")
            busy.add("dtstamp", now)
            busy.add("dtstart", start)
            busy.add("dtend", end)
            for entry in entries:
                busy.add("freebusy", vPeriod((entry["start"].astimezone(UTC),
                                              entry["end"].astimezone(UTC))))
            calendar.add_component(busy)
        response = self.request.response
        response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader("Content-Disposition",
                           f'inline; filename="{resource.getId()}.ics"')
        if private:
            response.setHeader("Cache-Control", "private, no-store")
        return calendar.to_ical()
