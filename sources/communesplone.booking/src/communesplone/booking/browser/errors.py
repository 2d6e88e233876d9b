"""Exception views of the booking errors: JSON for REST, a short page in the browser.

The transaction of the request is aborted before these views render: a refused
booking leaves nothing behind. ``ConflictError`` is not one of these errors:
the publisher retries such a request.
"""

from communesplone.booking import _
from communesplone.booking.occupancy import BookingConflict
from communesplone.core.browser.errors import RefusalView
from communesplone.core.browser.errors import refusal_json


def error_json(error, request):
    """The JSON body of the conventions for ``error``."""
    data = refusal_json(error, request)
    if isinstance(error, BookingConflict):
        data["error"]["conflicts"] = [
            {"start": start.isoformat(), "end": end.isoformat()}
            for start, end in error.conflicts
        ]
    return data


class BookingErrorView(RefusalView):
    """Renders a :class:`~communesplone.booking.occupancy.BookingError`."""

    title = _("booking_error_title", default="Your booking could not be made")

    def error_json(self):
        return error_json(self.context, self.request)
