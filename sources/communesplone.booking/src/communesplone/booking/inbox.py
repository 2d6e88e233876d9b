"""The bookings to confirm in the staff inbox "À traiter" (``communesplone.core.inbox``).

A ``pending`` booking waits for the group managing its resource (the one its
local roles let confirm or refuse); it is due when it starts: the requester
must know before.
"""

from communesplone.booking import _
from communesplone.booking.content.booking import IBooking
from communesplone.booking.dates import PeriodTexts
from communesplone.core.inbox import INBOX_INDEXES
from communesplone.core.inbox import queue_keys
from communesplone.core.inbox import state_of
from communesplone.core.interfaces import IInboxKind
from communesplone.core.myspace import language_of
from DateTime import DateTime
from plone import api
from plone.indexer import indexer
from zope.interface import implementer

KIND = "booking-confirm"
RESOURCE_TITLES = "communesplone.booking.inbox.resources"
PERIODS = "communesplone.booking.inbox.periods"


@indexer(IBooking)
def inbox_queue(booking):
    if state_of(booking) != "pending":
        raise AttributeError("inbox_queue")  # waits for nobody: not in the index
    resource = booking.resource()
    return queue_keys(KIND, [getattr(resource, "manager_group", None)])


@indexer(IBooking)
def inbox_due(booking):
    start = booking.start or booking.created()
    return DateTime(start.isoformat()) if hasattr(start, "isoformat") else start


def resource_changed(resource, event):
    """Another managing group: its pending bookings now wait for that group."""
    for brain in api.content.find(context=resource, portal_type="Booking",
                                  review_state="pending", unrestricted=True):
        brain._unrestrictedGetObject().reindexObject(idxs=list(INBOX_INDEXES))


@implementer(IInboxKind)
class BookingsToConfirm:
    order = 40
    title = _("inbox_kind_booking_confirm", default="Bookings to confirm")
    actions = {"pending": ("confirm",)}  # refusing asks for a reason: on its page

    def row_title(self, brain, request):
        """When, in the reader's language (the stored title is in the site's)."""
        language = language_of(request)
        periods = request.other.setdefault(PERIODS, {})
        if language not in periods:
            periods[language] = PeriodTexts(language)
        return periods[language](brain.start, brain.end)

    def detail(self, brain, request):
        """The resource (its title read once per page); when is the row's title."""
        titles = request.other.setdefault(RESOURCE_TITLES, {})
        parent = brain.getPath().rsplit("/", 1)[0]
        if parent not in titles:
            found = api.content.find(portal_type="Resource",
                                     path={"query": parent, "depth": 0})
            titles[parent] = found[0].Title if found else ""
        return titles[parent]
