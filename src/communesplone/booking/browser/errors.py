"""Exception views of the booking errors: JSON for REST, a short page in the browser.

The transaction of the request is aborted before these views render: a refused
booking leaves nothing behind. ``ConflictError`` is not one of these errors:
the publisher retries such a request.
"""

from communesplone.booking import _
from communesplone.booking.occupancy import BookingConflict
from communesplone.booking.occupancy import BookingInvalid
from html import escape
from plone.rest.interfaces import IAPIRequest
from Products.Five.browser import BrowserView
from zope.i18n import translate

import json


def error_json(error, request):
    """The JSON body of the conventions for ``error``."""
    message = translate(error.message, context=request)
    body = {"type": type(error).__name__, "message": message}
    if isinstance(error, BookingConflict):
        body["conflicts"] = [
            {"start": start.isoformat(), "end": end.isoformat()}
            for start, end in error.conflicts
        ]
    if isinstance(error, BookingInvalid):
        body["type"] = "ValidationError"
        body["errors"] = [
            {"field": field, "message": translate(text, context=request)}
            for field, text in error.errors
        ]
        details = "; ".join(item["message"] for item in body["errors"])
        body["message"] = f"{message} {details}".strip()
    return {"error": body}


class BookingErrorView(BrowserView):
    """Renders a :class:`~communesplone.booking.occupancy.BookingError`."""

    def __call__(self):
        error = self.context
        response = self.request.response
        response.setStatus(error.status, lock=True)
        data = error_json(error, self.request)
        if IAPIRequest.providedBy(self.request):
            response.setHeader("Content-Type", "application/json")
            body = json.dumps(data)
            response.setBody(body, lock=True)
            return body
        response.setHeader("Content-Type", "text/html; charset=utf-8")
        title = translate(_("booking_error_title", default="Your booking could not be made"),
                          context=self.request)
        back = translate(_("booking_error_back", default="Back"), context=self.request)
        items = "".join(
            f"<li>{escape(item['message'])}</li>" for item in data["error"].get("errors", [])
        )
        referer = escape(self.request.get("HTTP_REFERER") or "javascript:history.back()")
        return (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"</head><body><main><h1>{escape(title)}</h1>"
            f"<p role='alert'>{escape(data['error']['message'])}</p><ul>{items}</ul>"
            f"<p><a href='{referer}'>{escape(back)}</a></p></main></body></html>"
        )
