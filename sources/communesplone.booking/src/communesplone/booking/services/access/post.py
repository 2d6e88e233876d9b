"""``POST <resource>/@booking-access``: the requester moves or cancels through the link.

Body: ``{"booking": "<uid>", "token": "<secret>", "action": "move" | "cancel",
"occurrence": "<ISO start>" (default: the first), "scope": "one" | "following",
"start": ISO, "end": ISO (to move), "comment": "..."}``. It runs as the
requester (the link's transient user, Owner role only), so the deadline and
every rule apply as on the link's page; answers what ``GET`` answers, or
400/403/409 and changes nothing; a wrong token is a 404.
"""

from communesplone.booking.access import as_requester
from communesplone.booking.series import cancel_occurrences
from communesplone.booking.series import move_occurrences
from communesplone.booking.services.access.get import access_json
from communesplone.booking.services.access.get import booking_of_link
from communesplone.booking import _
from communesplone.booking.services.occurrences.post import action_error
from communesplone.booking.services.occurrences.post import FIELDS
from communesplone.booking.services.occurrences.post import read_body
from communesplone.booking.services.occurrences.post import moment
from communesplone.booking.services.occurrences.post import occurrence_of
from communesplone.core.jsonbody import Identifier
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


#: The link's booking and token (missing: the same 404 as a wrong one, revealing
#: nothing), then the fields of ``@occurrences``.
LINK_FIELDS = {
    "booking": Identifier(_("label_link_booking", default="Booking")),
    "token": Identifier(_("label_link_token", default="Link's secret")),
    **FIELDS,
}


class BookingAccessPost(Service):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        data = read_body(self.request, LINK_FIELDS)
        booking = booking_of_link(self.context, data.get("booking"), data.get("token"))
        action = data.get("action")
        scope = data.get("scope") or "one"
        occurrence = occurrence_of(booking, data)
        comment = str(data.get("comment") or "")
        with as_requester():
            if action == "move":
                move_occurrences(booking, occurrence, moment(data, "start"),
                                 moment(data, "end"), scope, comment, requester=True)
            elif action == "cancel":
                cancel_occurrences(booking, occurrence, scope, comment, requester=True)
            else:
                raise action_error()
        return access_json(self.context, booking)
