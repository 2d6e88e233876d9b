"""``POST <booking>/@occurrences``: cancel or move one occurrence, or all from one on.

Body: ``{"action": "cancel" | "move", "occurrence": "<ISO start of the occurrence>",
"scope": "one" | "following", "start": ISO, "end": ISO (to move), "comment": "reason"}``.
Answers the occurrences held afterwards; a refusal is a ``BookingError``
(400 per field, 403, or 409 with the conflicting periods) and changes nothing.
"""

from communesplone.booking import _
from communesplone.booking.content.resource import site_timezone
from communesplone.booking.occupancy import BookingInvalid
from communesplone.booking.rules import localize
from communesplone.booking.series import cancel_occurrences
from communesplone.booking.series import move_occurrences
from communesplone.booking.services.occurrences.get import occurrences_json
from datetime import datetime
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zope.interface import alsoProvides


def _moment(data, name):
    try:
        return localize(datetime.fromisoformat(str(data.get(name) or "").strip()),
                        site_timezone())
    except ValueError:
        raise BookingInvalid([(name, _("error_invalid_datetime",
                                       default="Give a date and time as 2026-03-14T10:00."))]
                             ) from None


class OccurrencesPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = json_body(self.request) or {}
        action = data.get("action")
        scope = data.get("scope") or "one"
        occurrence = str(data.get("occurrence") or "")
        comment = str(data.get("comment") or "")
        if action == "cancel":
            cancel_occurrences(self.context, occurrence, scope, comment)
        elif action == "move":
            move_occurrences(self.context, occurrence, _moment(data, "start"),
                             _moment(data, "end"), scope, comment)
        else:
            raise BookingInvalid([("action", _(
                "error_booking_occurrence_action", default="Choose to cancel or to move."))])
        return {"@id": f"{self.context.absolute_url()}/@occurrences",
                "items": occurrences_json(self.context)}
