"""The bookings dashboard as a table (``communesplone.core.tables``): resource, when,
requester, purpose, state, read from brains; confirm or refuse (with a reason) the
selected bookings at once."""

from communesplone.booking import _
from communesplone.booking.dates import PeriodTexts
from communesplone.core.tables import BatchAction
from communesplone.core.tables import Column
from communesplone.core.tables import Table

NAME = "bookings"


def _when(brain, cells):
    """The period in the reader's language (the stored title is in the site's)."""
    periods = cells.cached("periods", lambda: PeriodTexts(cells.language))
    return periods(getattr(brain, "start", None), getattr(brain, "end", None)) or brain.Title

TABLE = Table(
    name=NAME,
    portal_types=("Booking",),
    title=_when,
    columns=[
        Column("when", _("table_booking_when", default="When"), _when),
        Column("resource", _("table_booking_resource", default="Resource"),
               lambda b, c: c.parent_title(b)),
        Column("requester", _("table_booking_requester", default="Requester"),
               lambda b, c: getattr(b, "booking_requester", None)),
        Column("purpose", _("table_booking_purpose", default="Purpose"),
               lambda b, c: getattr(b, "booking_purpose", None)),
        Column("state", _("table_state", default="State"), lambda b, c: c.state(b)),
    ],
    actions=[
        BatchAction("confirm", _("table_booking_confirm", default="Confirm")),
        BatchAction("refuse", _("table_booking_refuse", default="Refuse…"),
                    needs_reason=True),
    ],
    sort_options=[
        ("start", _("table_sort_when", default="Date of the booking")),
        ("created", _("table_sort_created", default="Date of the request")),
        ("modified", _("table_sort_modified", default="Last change")),
    ],
    default_sort="start",
)
