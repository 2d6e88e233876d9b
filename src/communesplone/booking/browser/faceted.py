"""One booking in the faceted dashboard's results, with its one-click actions."""

from communesplone.booking.content.booking import MANAGE_BOOKINGS
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate


class BookingRowView(BrowserView):
    """``@@booking-dashboard-row`` called with ``brain=``: a table row."""

    index = ViewPageTemplateFile("templates/faceted-booking-row.pt")

    def __call__(self, brain=None):
        self.brain = brain
        booking = brain.getObject()  # only the page of results shown (a batch)
        self.row = booking_row(brain, booking, booking.resource().Title(), self.request)
        self.row.update({
            "actions": brain.review_state == "pending"
            and api.user.has_permission(MANAGE_BOOKINGS, obj=booking),
            "came_from": self.context.absolute_url(),
        })
        return self.index()


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
