"""The member's bookings in their own space ("Mon espace", communesplone.core.myspace)."""

from communesplone.booking import _
from communesplone.core.interfaces import IMySpaceSection
from communesplone.core.languages import translated_title
from communesplone.core.dates import when_text
from communesplone.core.myspace import language_of
from communesplone.core.myspace import state_title
from plone import api
from zope.interface import implementer


def my_booking_brains(user_id):
    """The bookings the member made (``Creator``) and may see, soonest first."""
    return api.content.find(portal_type="Booking", Creator=user_id, sort_on="start")


def resource_titles(paths, language=None):
    """``{path: title}`` of the resources at ``paths`` in ``language`` (the request's),
    in one catalog query."""
    if not paths:
        return {}
    brains = api.content.find(portal_type="Resource",
                              path={"query": sorted(paths), "depth": 0})
    return {brain.getPath(): translated_title(brain, language) for brain in brains}


@implementer(IMySpaceSection)
class BookingsSection:
    order = 20
    title = _("myspace_bookings_title", default="My bookings")
    empty_text = _("myspace_bookings_empty", default="You have not booked anything yet.")
    action_title = _("myspace_bookings_action", default="Book a room or equipment")

    def action_url(self, portal):
        brains = api.content.find(context=portal, portal_type="ResourceFolder",
                                  sort_on="path", sort_limit=1)
        return brains[0].getURL() if brains else None

    def items(self, user_id, request):
        language = language_of(request)
        brains = list(my_booking_brains(user_id))
        titles = resource_titles({brain.getPath().rsplit("/", 1)[0] for brain in brains},
                                 language)
        return [{
            "title": titles.get(brain.getPath().rsplit("/", 1)[0], brain.Title),
            "url": brain.getURL(),
            "state": state_title("Booking", brain.review_state, request),
            "when": when_text(brain.start, language),
        } for brain in brains]

    def links(self, portal):
        return [(_("myspace_bookings_manage", default="Cancel or move a booking"),
                 f"{portal.absolute_url()}/@@my-bookings")]
