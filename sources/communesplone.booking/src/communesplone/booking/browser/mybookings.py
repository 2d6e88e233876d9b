"""``@@my-bookings``: the logged-in citizen's own bookings, with cancel where allowed."""

from communesplone.core.dates import period_text
from plone import api
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Unauthorized
from zope.i18n import translate


class MyBookingsView(BrowserView):
    index = ViewPageTemplateFile("templates/my-bookings.pt")

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see your bookings")
        return self.index()

    def bookings(self):
        user_id = api.user.get_current().getId()
        workflow = api.portal.get_tool("portal_workflow")
        catalog = api.portal.get_tool("portal_catalog")
        found = []
        # searchResults filters by View: only what the person may see, and
        # Creator narrows that to their own bookings (managers see more elsewhere).
        for brain in catalog(portal_type="Booking", Creator=user_id, sort_on="start"):
            booking = brain.getObject()
            state = brain.review_state
            transitions = [item["id"] for item in workflow.getTransitionsFor(booking)]
            found.append({
                "url": booking.absolute_url(),
                "resource": booking.resource().Title(),
                "resource_url": booking.resource().absolute_url(),
                "periods": [period_text(s, e) for s, e in booking.periods()],
                "purpose": booking.purpose,
                "state": state,
                "state_title": translate(workflow.getTitleForStateOnType(state, "Booking"),
                                         domain="plone", context=self.request),
                "may_cancel": "cancel" in transitions,
            })
        return found
