"""Booking: a request to use a Resource for one period, or a weekly/monthly series.

A Booking lives inside its Resource. Field ids are part of the API: ``start``,
``end`` (timezone-aware; the site's timezone when none is given),
``requester_name``, ``requester_email``, ``requester_phone``, ``organisation``,
``purpose``, ``attendees``.
"""

from AccessControl import ClassSecurityInfo
from AccessControl import getSecurityManager
from AccessControl.class_init import InitializeClass
from Acquisition import aq_inner
from Acquisition import aq_parent
from communesplone.booking import _
from communesplone.booking.rules import CHANGES_ATTR
from communesplone.booking.rules import apply_changes
from communesplone.booking.rules import localize
from communesplone.booking.rules import occurrences
from communesplone.booking.rules import zone_of
from communesplone.booking.vocabularies import RECURRENCES
from communesplone.core.constraints import email_constraint
from communesplone.core.textlimits import limit_texts
from datetime import datetime
from datetime import timedelta
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


MANAGE_BOOKINGS = "communesplone.booking: Manage bookings"


class IBooking(model.Schema):
    """A booking of the Resource that contains it."""

    start = schema.Datetime(
        title=_("label_booking_start", default="Start"),
        required=True,
    )
    end = schema.Datetime(
        title=_("label_booking_end", default="End"),
        required=True,
    )
    requester_name = schema.TextLine(
        title=_("label_booking_requester_name", default="Your name"),
        required=True,
    )
    requester_email = schema.TextLine(
        title=_("label_booking_requester_email", default="Your e-mail"),
        required=True,
        constraint=email_constraint,
    )
    requester_phone = schema.TextLine(
        title=_("label_booking_requester_phone", default="Your phone"),
        required=False,
        default="",
        missing_value="",
    )
    organisation = schema.TextLine(
        title=_("label_booking_organisation", default="Organisation"),
        required=False,
        default="",
        missing_value="",
    )
    purpose = schema.TextLine(
        title=_("label_booking_purpose", default="Purpose"),
        required=True,
    )
    attendees = schema.Int(
        title=_("label_booking_attendees", default="Number of people"),
        required=True,
        default=1,
        min=1,
    )
    notes = schema.Text(
        title=_("label_booking_notes", default="Notes for the manager"),
        required=False,
        default="",
        missing_value="",
    )
    repeat = schema.Choice(
        title=_("label_booking_repeat", default="Repeat"),
        vocabulary=RECURRENCES,
        required=False,
        default="none",
    )
    repeat_until = schema.Date(
        title=_("label_booking_repeat_until", default="Repeat until"),
        required=False,
    )
    repeat_count = schema.Int(
        title=_("label_booking_repeat_count", default="Number of occurrences"),
        required=False,
        min=1,
        max=104,
    )


limit_texts(IBooking)  # names 200, free text 5,000, no control characters


@implementer(IBooking)
class Booking(Item):
    """A booking; holds its slot(s) while ``pending`` or ``confirmed``."""

    security = ClassSecurityInfo()

    def resource(self):
        return aq_parent(aq_inner(self))

    def occurrences(self, tz=None):
        """Every occurrence as ``(index, start, end)``, aware, in ``tz`` (default: its own).

        ``index`` is the occurrence's position in the original series: it stays
        the same when an occurrence is moved or another one is cancelled.
        The changes made with :mod:`communesplone.booking.series` apply.
        """
        if self.start is None or self.end is None:
            return []
        tz = tz or zone_of(self.start)
        base = [(start, end) for _index, start, end in self.base_occurrences(tz)]
        return apply_changes(base, getattr(self, CHANGES_ATTR, None), tz)

    def base_occurrences(self, tz=None):
        """The occurrences of the series as asked for, before any change."""
        if self.start is None or self.end is None:
            return []
        tz = tz or zone_of(self.start)
        start, end = localize(self.start, tz), localize(self.end, tz)
        return [(index, first, last) for index, (first, last) in enumerate(occurrences(
            start, end, getattr(self, "repeat", None),
            getattr(self, "repeat_until", None), getattr(self, "repeat_count", None),
        ))]

    def periods(self, tz=None):
        """Every ``(start, end)`` this booking holds or asks for, in ``tz`` (default: its own)."""
        return [(start, end) for _index, start, end in self.occurrences(tz)]

    security.declarePublic("may_cancel")

    def may_cancel(self, at=None):
        """A manager may always cancel; the requester until the resource's deadline.

        ``at``: the start of the occurrence to cancel (default: the first one).
        """
        resource = self.resource()
        if getSecurityManager().checkPermission(MANAGE_BOOKINGS, resource):
            return True
        hours = getattr(resource, "cancel_hours", 24) or 0
        if at is None:
            periods = self.periods()
            if not periods:
                return False
            at = periods[0][0]
        return datetime.now(at.tzinfo) <= at - timedelta(hours=hours)


InitializeClass(Booking)
