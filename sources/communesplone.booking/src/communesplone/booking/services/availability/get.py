"""``GET <resource>/@availability?start=ISO&end=ISO``: free and taken periods."""

from communesplone.booking import _
from communesplone.booking.availability import MAX_RANGE
from communesplone.booking.availability import availability
from communesplone.booking.availability import parse_moment
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.rules import attach
from datetime import datetime
from datetime import timedelta
from plone.restapi.services import Service
from zope.i18n import translate


class AvailabilityGet(Service):
    """Default: the current week (Monday to Monday)."""

    def _error(self, field, message):
        self.request.response.setStatus(400)
        text = translate(message, context=self.request)
        return {"error": {"type": "ValidationError", "message": text,
                          "errors": [{"field": field, "message": text}]}}

    def reply(self):
        tz = site_timezone()
        today = datetime.now(tz).replace(hour=0, minute=0, second=0, microsecond=0,
                                         tzinfo=None)
        values = {}
        for name in ("start", "end"):
            raw = self.request.form.get(name)
            if not raw:
                continue
            try:
                values[name] = parse_moment(raw, tz)
            except (ValueError, TypeError, OverflowError):
                return self._error(name, _("error_invalid_datetime",
                                           default="Give a date and time as 2026-03-14T10:00."))
        start = values.get("start") or attach(today - timedelta(days=today.weekday()), tz)
        end = values.get("end") or start + timedelta(days=7)
        if end <= start:
            return self._error("end", _("error_end_before_start",
                                        default="The end must be after the start."))
        if end - start > MAX_RANGE:
            return self._error("end", _("error_availability_range",
                                        default="Ask for at most 92 days at a time."))
        return availability(self.context, start, end)
