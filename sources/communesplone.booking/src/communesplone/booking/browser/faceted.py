"""A booking as the managers' plain page lists it (``@@bookings-dashboard``)."""

from plone import api
from zope.i18n import translate


def booking_row(brain, booking, resource_title, request):
    """A booking as the managers' lists show it (the faceted dashboard's row and the
    page without JavaScript): the brain's data and the requester's, from the object."""
    workflow = api.portal.get_tool("portal_workflow")
    return {
        "url": brain.getURL(),
        "id": brain.UID,
        "period": brain.Title,
        "resource": resource_title,
        "requester_name": booking.requester_name,
        "organisation": booking.organisation,
        "purpose": booking.purpose,
        "attendees": booking.attendees,
        "state": brain.review_state,
        "state_title": translate(
            workflow.getTitleForStateOnType(brain.review_state, "Booking"),
            domain="plone", context=request),
        "pending": brain.review_state == "pending",
    }
