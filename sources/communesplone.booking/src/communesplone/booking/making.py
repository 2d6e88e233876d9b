"""Making a booking from Python (the resource page's form): the checks of REST first.

plone.restapi validates each field of a POSTed booking against :class:`IBooking`
(an e-mail address, a number of people, the limits of the schema); the form
builds the booking itself, so it runs the same field checks before creating
it. The rules of the resource (opening hours, overlaps, quotas) then run in
the creation events, for every client.
"""

from communesplone.booking.occupancy import BookingInvalid
from communesplone.core.schemacheck import type_errors
from plone.dexterity.utils import createContentInContainer


def make_booking(resource, **data):
    """Add a booking of ``resource``; raise :class:`BookingInvalid` for what the schema refuses.

    The caller rolls back to a savepoint when the rules refuse it afterwards.
    """
    errors = type_errors("Booking", data, context=resource)
    if errors:
        raise BookingInvalid(errors)
    return createContentInContainer(resource, "Booking", checkConstraints=True,
                                    title="booking", **data)
