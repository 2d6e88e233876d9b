"""``GET <resource>/@booking-access?booking=<uid>&token=<secret>``: the booking of the link.

Answers what the link's page shows (state, occurrences); a wrong or missing
token, or a booking of another resource, is the same 404 and reveals nothing.
"""

from communesplone.booking import _
from communesplone.booking.occupancy import BookingLinkNotFound
from communesplone.booking.access import booking_for_token
from communesplone.booking.services.occurrences.get import occurrences_json
from plone import api
from plone.restapi.services import Service


def booking_of_link(resource, uid, token):
    """The booking that ``uid`` and ``token`` open on ``resource``; NotFound otherwise."""
    booking = booking_for_token(resource, uid, token)
    if booking is None:
        raise BookingLinkNotFound(_("error_booking_link_not_found",
                                    default="This link is not valid: check that it was copied "
                                    "whole from the mail."))
    return booking


def access_json(resource, booking):
    return {
        "@id": f"{resource.absolute_url()}/@booking-access",
        "booking": booking.UID(),
        "review_state": api.content.get_state(booking),
        "items": occurrences_json(booking),
    }


class BookingAccessGet(Service):
    def reply(self):
        form = self.request.form
        booking = booking_of_link(self.context, form.get("booking"), form.get("token"))
        return access_json(self.context, booking)
