"""``<resource>/@@ical``: an RFC 5545 feed of the resource's occupancy.

Without a token: a public free/busy (``VFREEBUSY``, no personal data). With
``?token=<the resource's secret>``: one ``VEVENT`` per held period with the
booking's details, for the managers' calendar applications.
"""

from communesplone.booking.availability import bookings_of
from communesplone.booking.content.resource import site_timezone
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

import hmac

PAST = timedelta(days=31)


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
        end = now + timedelta(days=getattr(resource, "horizon_days", 90) or 90)
        entries = taken(resource, start, end, tz)
        calendar = Calendar()
        calendar.add("prodid", "-//CommunesPlone//communesplone.booking//FR")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", resource.Title())
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
