"""``POST <booking>/@occurrences``: cancel or move one occurrence, or all from one on.

Body: ``{"action": "cancel" | "move", "occurrence": "<ISO start of the occurrence>",
"scope": "one" | "following", "start": ISO, "end": ISO (to move), "comment": "reason"}``
(``occurrence`` defaults to the first one: a single booking needs none). The
requester moves and cancels until the deadline; managers at any time.
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
from communesplone.core.jsonbody import Choice
from communesplone.core.jsonbody import Moment
from communesplone.core.jsonbody import read_fields
from communesplone.core.jsonbody import read_json_body
from communesplone.core.jsonbody import Text
from datetime import datetime
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


#: The fields of the body, each of one kind (anything else: 400 naming the field).
FIELDS = {
    "action": Choice(_("label_occurrence_action", default="Action"), ("cancel", "move"),
                     required=True),
    "occurrence": Moment(_("label_occurrence", default="Occurrence")),
    "scope": Choice(_("label_occurrence_scope", default="Which occurrences"),
                    ("one", "following")),
    "start": Moment(_("label_booking_start", default="Start")),
    "end": Moment(_("label_booking_end", default="End")),
    "comment": Text(_("label_occurrence_comment", default="Comment")),
}


def read_body(request, fields=FIELDS):
    """The body's fields, read strictly (:func:`~communesplone.core.jsonbody.read_fields`)."""
    return read_fields(read_json_body(request), fields, request)


def moment(data, name):
    """The aware datetime ``data[name]`` (a naive one is the site's wall time)."""
    try:
        return localize(datetime.fromisoformat(str(data.get(name) or "").strip()),
                        site_timezone())
    except (ValueError, OverflowError):
        raise BookingInvalid([(name, _("error_invalid_datetime",
                                       default="Give a date and time as 2026-03-14T10:00."))]
                             ) from None


def occurrence_of(booking, data):
    """The ``occurrence`` named in ``data``; by default the first one held."""
    occurrence = str(data.get("occurrence") or "")
    if not occurrence:
        periods = booking.periods(site_timezone())
        occurrence = periods[0][0].isoformat() if periods else ""
    return occurrence


def action_error():
    return BookingInvalid([("action", _(
        "error_booking_occurrence_action", default="Choose to cancel or to move."))])


class OccurrencesPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = read_body(self.request)
        action = data.get("action")
        scope = data.get("scope") or "one"
        occurrence = occurrence_of(self.context, data)
        comment = str(data.get("comment") or "")
        if action == "cancel":
            cancel_occurrences(self.context, occurrence, scope, comment)
        elif action == "move":
            move_occurrences(self.context, occurrence, moment(data, "start"),
                             moment(data, "end"), scope, comment)
        else:
            raise action_error()
        return {"@id": f"{self.context.absolute_url()}/@occurrences",
                "items": occurrences_json(self.context)}
